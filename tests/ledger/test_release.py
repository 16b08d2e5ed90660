"""The release gate on a real print PDF: the chain complete on those exact bytes, re-read and preflighted."""

from __future__ import annotations

import json

import pytest

from hengyang_print.ledger import Ledger, PageRef, Refused, sha256_hex
from hengyang_print.load.blocks import content_blocks

from .conftest import record, sign_through

PAGE = PageRef(content="content/page.yaml", layout="broadsheet")


@pytest.fixture
def built(default_build):
    """The default page's PDF and its blocks, as `build` records them."""
    blocks = {str(b.id): b.text for b in content_blocks(default_build.content, default_build.layout)}
    return default_build.pdf, blocks


def record_pdf(ledger: Ledger, pdf: bytes, blocks: dict[str, str]):
    (ledger.root / "content").mkdir(exist_ok=True)
    (ledger.root / "content" / "page.pdf").write_bytes(pdf)
    return ledger.record_version(
        PAGE,
        pdf_sha256=sha256_hex(pdf),
        content_sha256=sha256_hex(b"content"),
        layout_sha256=sha256_hex(b"layout"),
        blocks=blocks,
        pdf=pdf,
    )


def release(ledger: Ledger, plant):
    return ledger.release(PAGE, pdf=ledger.root / "content" / "page.pdf", folder=plant, person="赵刚")


def test_a_page_signed_through_the_chain_releases_and_its_record_matches_the_pdf(ledger, built, tmp_path):
    pdf, blocks = built
    version = record_pdf(ledger, pdf, blocks)
    sign_through(ledger, 1, page=PAGE)
    plant = tmp_path / "plant"
    released = release(ledger, plant)
    assert released.pdf == plant / "page.pdf" and released.pdf.read_bytes() == pdf
    document = json.loads(released.record.read_text(encoding="utf-8"))
    assert released.record == plant / "page.release.json" and document == released.document
    assert document["pdf"] == {"file": "page.pdf", "sha256": sha256_hex(pdf), "bytes": len(pdf)}
    assert document["pdf"]["sha256"] == version.pdf_sha256 == sha256_hex(released.pdf.read_bytes())
    assert [s["role"] for s in document["signatures"]] == list(ledger.signoff.chain)
    assert all(s["pdf_sha256"] == version.pdf_sha256 for s in document["signatures"])
    assert document["preflight"]["verdict"] == "PASS" and document["preflight"]["errors"] == 0
    assert (document["page"], document["version"], document["released_by"]) == (PAGE.as_json(), 1, "赵刚")
    [kept] = ledger.releases(PAGE)
    assert (kept.version, kept.destination, kept.record_sha256) == (
        1,
        str(released.pdf),
        sha256_hex(released.record.read_bytes()),
    )


def test_an_edit_after_a_signature_blocks_release_until_the_chain_signs_again(ledger, built, tmp_path):
    pdf, blocks = built
    record_pdf(ledger, pdf, blocks)
    sign_through(ledger, 1, page=PAGE)
    plant = tmp_path / "plant"
    release(ledger, plant)
    edited = {**blocks, "headline": blocks["headline"] + "（更正）"}
    rebuilt = pdf.replace(b"/Creator (hengyang-print)", b"/Creator (hengyang-print) ")  # another digest
    record_pdf(ledger, rebuilt, edited)
    status = ledger.status(PAGE)
    assert status.rebuilt_since_release and status.released.version == 1
    with pytest.raises(Refused, match="must sign version 2 again"):
        release(ledger, plant)
    assert (plant / "page.pdf").read_bytes() == pdf  # the plant keeps what was released
    assert ledger.refusals(PAGE)[-1].action == "release"


def test_a_pdf_on_disk_that_is_not_the_signed_one_is_refused(ledger, built, tmp_path):
    pdf, blocks = built
    record_pdf(ledger, pdf, blocks)
    sign_through(ledger, 1, page=PAGE)
    (ledger.root / "content" / "page.pdf").write_bytes(pdf + b"\n% touched\n")
    with pytest.raises(Refused, match="is not the PDF signed"):
        release(ledger, tmp_path / "plant")
    assert not (tmp_path / "plant" / "page.pdf").exists()


def test_a_signed_pdf_that_fails_preflight_is_refused(ledger, tmp_path):
    version = record(ledger, {"headline": "衡阳"}, page=PAGE)
    (ledger.root / "content").mkdir()
    (ledger.root / "content" / "page.pdf").write_bytes(ledger.pdf(PAGE, version.number))
    sign_through(ledger, 1, page=PAGE)
    with pytest.raises(Refused, match="fails preflight"):
        release(ledger, tmp_path / "plant")
    assert not (tmp_path / "plant" / "page.pdf").exists()


def test_a_file_in_the_plants_folder_that_is_not_a_release_of_the_page_is_left_untouched(ledger, built, tmp_path):
    pdf, blocks = built
    record_pdf(ledger, pdf, blocks)
    sign_through(ledger, 1, page=PAGE)
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "page.pdf").write_bytes(b"%PDF-1.4 another page of the edition")
    with pytest.raises(Refused, match="not a release of this page"):
        release(ledger, plant)
    assert (plant / "page.pdf").read_bytes() == b"%PDF-1.4 another page of the edition"


def test_an_unsigned_page_or_an_open_mark_blocks_release_saying_what_is_missing(ledger, built, tmp_path):
    pdf, blocks = built
    record_pdf(ledger, pdf, blocks)
    with pytest.raises(
        Refused, match="cannot be released: 一校, 二校, 三校, 责任编辑, 部门主任, 值班总编 have not signed"
    ):
        release(ledger, tmp_path / "plant")
    sign_through(ledger, 1, page=PAGE)
    mark = ledger.add_mark(PAGE, version=1, block="headline", start=0, end=1, note="疑", person="赵刚")
    with pytest.raises(Refused, match=f"1 mark is open: #{mark.id}"):
        release(ledger, tmp_path / "plant")
    assert not (tmp_path / "plant").exists()
