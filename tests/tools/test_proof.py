"""Proof: PNG preview size, the proof PDF's labels, line numbers and colours, the listing, read back from the files."""

from __future__ import annotations

import re

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from hengyang_print.cli.main import main
from hengyang_print.tools import screen
from hengyang_print.tools.proof import annotations, numbered_lines, write_proof

DPI = 30


@pytest.fixture(scope="module")
def proof_files(default_build, tmp_path_factory):
    return write_proof(default_build, tmp_path_factory.mktemp("proof"), DPI)


def test_png_preview_is_the_trimmed_page_at_the_asked_resolution(proof_files, default_build):
    trim = default_build.layout.trim
    for key in ("preview", "proof_png"):
        with Image.open(proof_files[key]) as image:
            assert image.format == "PNG"
            assert image.size == pytest.approx((trim.width * DPI / 72, trim.height * DPI / 72), abs=1)


def test_labels_sit_on_their_blocks_in_the_proof_png_only(proof_files, default_build):
    """The label tab of items[3].body[0] is blue in the proof, and bare paper (newsprint's tone) in the preview."""
    outlines, _ = annotations(default_build.page)
    label, box, n = next(o for o in outlines if o[0] == "items[3].body[0]")
    trim = default_build.layout.trim
    x = (box.x + 4) * DPI / 72
    y = (trim.height - box.top - 3) * DPI / 72  # inside the tab above the block's top edge
    with Image.open(proof_files["proof_png"]) as proof, Image.open(proof_files["preview"]) as preview:
        r, g, b = proof.convert("RGB").getpixel((round(x), round(y)))
        assert b > 150 and r < 120 if n % 2 == 0 else r > 150 and b < 120
        paper = tuple(round(v * 255) for v in screen.rgb(0, 0, 0, 0))
        assert all(abs(a - b) <= 2 for a, b in zip(preview.convert("RGB").getpixel((round(x), round(y))), paper))


def test_proof_pdf_is_rgb_without_print_claims_and_labels_every_block(proof_files, default_build):
    with pikepdf.open(proof_files["proof"]) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "/GTS_PDFXVersion" not in pdf.docinfo
        ops = {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
        assert "rg" in ops and not ops & {"k", "K"}
    with pdfplumber.open(proof_files["proof"]) as pdf:
        words = " ".join(w["text"] for w in pdf.pages[0].extract_words())
    blocks = {str(t.block) for t in default_build.page.texts() if not str(t.block).endswith(".number")}
    for block in blocks:
        assert block in words, block


def test_every_flowed_column_is_numbered_from_the_top(default_build, proof_files):
    lines = [n for n in numbered_lines(default_build.page) if n.number]
    page_layout = default_build.layout
    for region in ("intro", "items"):
        for column in range(page_layout.regions[region].frames):
            mine = [n for n in lines if n.region == region and n.column == column]
            assert sorted(n.number for n in mine) == list(range(1, len(mine) + 1))
            ordered = sorted(mine, key=lambda n: n.number)
            assert all(a.text.baseline >= b.text.baseline for a, b in zip(ordered, ordered[1:]))
    # the numbers are drawn in the margin just left of their column
    with pdfplumber.open(proof_files["proof"]) as pdf:
        small = [c for c in pdf.pages[0].chars if c["size"] < 6 and c["text"].isdigit()]
    first_col = [n for n in lines if n.region == "items" and n.column == 0]
    col_x = min(n.text.x for n in first_col)
    margin_digits = [c for c in small if col_x - 15 < c["x0"] < col_x]
    assert len(margin_digits) >= len(first_col)  # one or two digits per numbered line


def test_listing_is_the_page_in_reading_order_with_line_numbers(proof_files, default_build):
    text = proof_files["listing"].read_text(encoding="utf-8")
    squashed = re.sub(
        r"\s+",
        "",
        "".join(re.sub(r"^\s+(?:\w+ \d+:\s*\d+)?", "", l) for l in text.splitlines()[3:] if l.startswith(" ")),
    )
    content = default_build.content
    at = 0
    for item in content.items:  # every body whole, in order
        body = "".join(item.body)
        found = squashed.find(body, at)
        assert found >= 0, item.headline
        at = found + len(body)
    first = text.index("items[0].date")
    assert re.match(r"items\[0\]\.date\n  items 1: 1\s+1月3日", text[first:])
    assert "  credits" not in text and "责编/廖义波 美编/张静" in text


def test_proof_command_writes_the_files_even_for_an_overset_page(tmp_path, capsys):
    from .test_copyfit import overfull, variant

    path = variant(tmp_path, overfull)
    assert main(["proof", str(path), "-o", str(tmp_path / "out"), "--dpi", "20"]) == 0
    captured = capsys.readouterr()
    assert "warning: items: overset by" in captured.err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["content.png", "content.proof.pdf", "content.proof.png", "content.txt"]
    listing = (tmp_path / "out" / "content.txt").read_text(encoding="utf-8")
    assert re.search(r"OVERSET items\[\d\]\.body\[0\]: \d+ lines, \d+ characters not on the page", listing)


def _colour_ops(pdf_bytes: bytes, wanted: set[str]) -> list[tuple[str, tuple[float, ...]]]:
    import io

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return [
            (str(op), tuple(float(v) for v in operands))
            for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
            if str(op) in wanted
        ]


@pytest.mark.parametrize("fast", [True, False], ids=["colour lines rewritten", "stream parsed whole"])
def test_every_cmyk_colour_becomes_its_newsprint_screen_colour_in_order(default_build, monkeypatch, fast):
    """Both ways of turning the print colours into screen colours give, operator for operator, the sRGB that
    LittleCMS makes of the print PDF's CMYK with the newsprint characterisation (screen.rgb), not the naive
    (1 - C)(1 - K) … formula: the layout's red prints darker and duller on newsprint."""
    from hengyang_print.tools import proof, screen

    if not fast:  # a stream the line rewrite does not recognise: the whole-stream path
        monkeypatch.setattr(proof, "_CMYK_LINE", re.compile(rb"(?!)"))
    cmyk = _colour_ops(default_build.pdf, {"k", "K"})
    paper, *rgb = _colour_ops(proof.screen_pdf(default_build.pdf), {"rg", "RG", "k", "K"})[: len(cmyk) + 1]
    assert len(cmyk) > 100 and paper[1] == pytest.approx(screen.rgb(0, 0, 0, 0), abs=1e-4)  # the page's ground
    for (op, (c, m, y, k)), (op2, values) in zip(cmyk, rgb):
        assert op2 == ("rg" if op == "k" else "RG")
        assert values == pytest.approx(screen.rgb(c, m, y, k), abs=1e-4)
    red = screen.rgb(0, 1, 1, 0.1)  # the broadsheet's red
    assert red[0] < 0.75 and red[1] > 0.25 and red != pytest.approx((0.9, 0, 0), abs=0.1)
