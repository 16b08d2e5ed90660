"""The ledger's rules on a real SQLite file: versions, marks and 核红, the chain, stale signatures, revocation."""

from __future__ import annotations

import pytest

from hengyang_print.ledger import DEFAULT_CHAIN, Ledger, LedgerError, PageRef, Refused

from .conftest import BLOCKS, PAGE, edited, make_project, record, sha, sign_through

BODY = "items[0].body[0]"
PEOPLE = """
[signoff]
local_user = "王芳"
[signoff.roles]
"一校" = ["王芳"]
"二校" = ["李明"]
"三校" = ["张伟"]
"责任编辑" = ["刘洋"]
"部门主任" = ["陈静"]
"值班总编" = ["赵刚"]
"""
SIGNERS = dict(zip(DEFAULT_CHAIN, ["王芳", "李明", "张伟", "刘洋", "陈静", "赵刚"]))


@pytest.fixture
def staffed(tmp_path):
    with Ledger.open(make_project(tmp_path / "staffed", PEOPLE)) as opened:
        yield opened


def sign_all(ledger: Ledger, version: int, roles=DEFAULT_CHAIN):
    return [ledger.sign(PAGE, version=version, role=r, person=SIGNERS[r]) for r in roles]


# ---------------------------------------------------------------- versions


def test_versions_are_numbered_and_a_build_with_the_same_pdf_is_no_new_version(ledger):
    assert record(ledger, BLOCKS).number == 1
    assert record(ledger, BLOCKS).number == 1
    changed = edited(BLOCKS, "headline", "2024", "2025")
    assert record(ledger, changed).number == 2
    assert [v.number for v in ledger.versions(PAGE)] == [1, 2]
    assert ledger.blocks(PAGE, 2) == changed and list(ledger.blocks(PAGE, 2)) == list(BLOCKS)
    assert [(c.block, c.before, c.after) for c in ledger.changes(PAGE, 1)] == [
        ("headline", BLOCKS["headline"], changed["headline"])
    ]


def test_each_versions_pdf_is_kept_by_its_digest(ledger):
    v1 = record(ledger, BLOCKS)
    path = ledger.pdf_path(v1.pdf_sha256)
    assert path == ledger.path.parent / "pdfs" / f"{v1.pdf_sha256}.pdf"
    assert sha(ledger.pdf(PAGE, 1)) == v1.pdf_sha256 == sha(path.read_bytes())
    path.write_bytes(b"%PDF- something else")
    with pytest.raises(LedgerError, match="damaged"):
        ledger.pdf(PAGE, 1)


def test_a_pdf_that_does_not_have_the_digest_given_is_not_recorded(ledger):
    with pytest.raises(LedgerError, match="does not have the digest"):
        ledger.record_version(
            PAGE, pdf_sha256=sha(b"a"), content_sha256=sha("c"), layout_sha256=sha("l"), blocks=BLOCKS, pdf=b"b"
        )
    with pytest.raises(LedgerError, match="not a SHA-256"):
        ledger.record_version(PAGE, pdf_sha256="abc", content_sha256=sha("c"), layout_sha256=sha("l"), blocks={})
    assert ledger.versions(PAGE) == []


def test_a_page_of_files_names_them_from_the_project_and_a_bundled_layout_by_name(project):
    from hengyang_print.paths import bundled_layouts

    page = PageRef.of_files(project, project / "content" / "a01.yaml", bundled_layouts()["tabloid"])
    assert page == PageRef("content/a01.yaml", "tabloid")
    assert PageRef.of_files(project, project / "a.yaml", project / "layout" / "x.yaml").layout == "layout/x.yaml"
    with pytest.raises(LedgerError, match="outside the project folder"):
        PageRef.of_files(project, project.parent / "elsewhere.yaml", "broadsheet")


def test_a_page_is_named_inside_the_project():
    assert PageRef("./content//a01.yaml", "layout/../layout/b.yaml") == PageRef("content/a01.yaml", "layout/b.yaml")
    for content in ("/abs/a.yaml", "../a.yaml", ""):
        with pytest.raises(LedgerError, match="inside the project"):
            PageRef(content, "broadsheet")


# ---------------------------------------------------------------- marks and 核红


def test_a_mark_keeps_its_characters_and_follows_them_into_later_versions(ledger):
    record(ledger, BLOCKS)
    text = BLOCKS[BODY]
    start = text.index("工业")
    mark = ledger.add_mark(
        PAGE, version=1, block=BODY, start=start, end=start + 2, note="疑", person="王芳", text="工业"
    )
    assert (mark.text, mark.state, mark.anchor.start) == ("工业", "open", start)
    record(ledger, edited(BLOCKS, BODY, "据统计，", "据市统计局统计，"))  # before it: the mark moves
    moved = ledger.marks(PAGE)[0]
    assert moved.state == "open" and moved.resolved_in is None
    assert (moved.anchor.version, moved.anchor.start) == (2, start + 4)
    assert ledger.blocks(PAGE, 2)[BODY][moved.anchor.start : moved.anchor.end] == "工业"


def test_a_mark_is_resolved_in_the_version_that_changed_its_characters(ledger):
    record(ledger, BLOCKS)
    start = BLOCKS[BODY].index("5.1%")
    ledger.add_mark(PAGE, version=1, block=BODY, start=start, end=start + 4, note="改为“5.3%”", person="王芳")
    v2 = edited(BLOCKS, "headline", "2024", "2025")
    record(ledger, v2)
    record(ledger, edited(v2, BODY, "5.1%", "5.3%"))
    [mark] = ledger.marks(PAGE)
    assert (mark.state, mark.resolved_in, mark.anchor) == ("resolved", 3, None)


def test_a_mark_must_name_real_characters_and_say_something(ledger):
    record(ledger, BLOCKS)
    with pytest.raises(LedgerError, match="not “衡阳”"):
        ledger.add_mark(PAGE, version=1, block=BODY, start=0, end=2, note="疑", person="王芳", text="衡阳")
    with pytest.raises(LedgerError, match="outside"):
        ledger.add_mark(PAGE, version=1, block=BODY, start=5, end=500, note="疑", person="王芳")
    with pytest.raises(LedgerError, match="no block"):
        ledger.add_mark(PAGE, version=1, block="items[9].body[0]", start=0, end=1, note="疑", person="王芳")
    with pytest.raises(LedgerError, match="needs a note"):
        ledger.add_mark(PAGE, version=1, block=BODY, start=0, end=1, note=" ", person="王芳")
    with pytest.raises(LedgerError, match="no version 7"):
        ledger.add_mark(PAGE, version=7, block=BODY, start=0, end=1, note="疑", person="王芳")
    assert ledger.marks(PAGE) == []


def test_an_open_mark_blocks_its_pass_until_its_characters_change(ledger):
    record(ledger, BLOCKS)
    start = BLOCKS["headline"].index("新闻")
    mark = ledger.add_mark(PAGE, version=1, block="headline", start=start, end=start + 2, note="删", person="王芳")
    with pytest.raises(Refused, match=f"核红: 1 mark is open.*#{mark.id} headline"):
        ledger.sign(PAGE, version=1, role="一校", person="王芳")
    assert ledger.signatures(PAGE) == []
    [refusal] = ledger.refusals(PAGE)
    assert (refusal.action, refusal.person, refusal.role, refusal.page) == ("sign", "王芳", "一校", PAGE)
    record(ledger, edited(BLOCKS, "headline", "新闻", ""))
    assert ledger.sign(PAGE, version=2, role="一校", person="王芳").pdf_sha256 == ledger.version(PAGE).pdf_sha256


def test_a_mark_resolved_by_hand_needs_its_pass_or_a_later_one_and_a_note(staffed):
    record(staffed, BLOCKS)
    mark = staffed.add_mark(PAGE, version=1, block=BODY, start=0, end=3, note="疑：来源？", person="李明", role="二校")
    with pytest.raises(Refused, match="resolved by 二校 or a later role"):
        staffed.resolve_mark(mark.id, person="王芳", role="一校", note="查过")
    with pytest.raises(Refused, match="may not hold 三校"):
        staffed.resolve_mark(mark.id, person="王芳", role="三校", note="查过")
    with pytest.raises(Refused, match="needs a note"):
        staffed.resolve_mark(mark.id, person="张伟", role="三校", note="")
    done = staffed.resolve_mark(mark.id, person="张伟", role="三校", note="来源是市统计局公报，无误")
    assert done.state == "resolved" and done.resolved_in is None
    assert (done.resolved_by.person, done.resolved_by.role, done.resolved_by.note) == (
        "张伟",
        "三校",
        "来源是市统计局公报，无误",
    )
    assert done.anchor is not None  # its characters are still there
    with pytest.raises(Refused, match="resolved already"):
        staffed.resolve_mark(mark.id, person="刘洋", role="责任编辑", note="再看")
    assert [r.action for r in staffed.refusals(PAGE)] == ["resolve"] * 4


# ---------------------------------------------------------------- the chain


def test_the_chain_is_signed_in_order_on_the_latest_version_once_per_role(ledger):
    record(ledger, BLOCKS)
    with pytest.raises(Refused, match="二校 signs after 一校"):
        ledger.sign(PAGE, version=1, role="二校", person="李明")
    ledger.sign(PAGE, version=1, role="一校", person="王芳")
    with pytest.raises(Refused, match="has signed version 1 already"):
        ledger.sign(PAGE, version=1, role="一校", person="李明")
    record(ledger, edited(BLOCKS, "headline", "2024", "2025"))
    with pytest.raises(Refused, match="version 1 is not the latest"):
        ledger.sign(PAGE, version=1, role="二校", person="李明")
    with pytest.raises(Refused, match="'终审' is not a role of the chain"):
        ledger.sign(PAGE, version=2, role="终审", person="赵刚")
    assert [s.role for s in ledger.signatures(PAGE)] == ["一校"]
    assert len(ledger.refusals(PAGE)) == 4


def test_a_page_signed_through_the_chain_may_be_released(ledger):
    record(ledger, BLOCKS)
    status = ledger.status(PAGE)
    assert status.next_role == "一校" and not status.releasable
    assert status.missing == ("一校, 二校, 三校, 责任编辑, 部门主任, 值班总编 have not signed",)
    sign_through(ledger, 1)
    status = ledger.status(PAGE)
    assert status.releasable and status.missing == () and status.next_role is None
    assert all(r.signature.pdf_sha256 == status.latest.pdf_sha256 for r in status.chain)


def test_a_new_version_makes_every_signature_stale_and_says_what_changed(ledger):
    record(ledger, BLOCKS)
    sign_through(ledger, 1, DEFAULT_CHAIN[:3])
    record(ledger, edited(BLOCKS, "items[1].body[0]", "12个", "13个"))
    status = ledger.status(PAGE)
    assert status.must_sign_again == ("一校", "二校", "三校")
    assert [r.state for r in status.chain] == ["stale"] * 3 + ["unsigned"] * 3
    assert status.chain[0].stale.version == 1 and status.chain[0].changed == ("items[1].body[0]",)
    assert status.missing[0] == "一校, 二校, 三校 must sign version 2 again"
    sign_through(ledger, 2)
    assert ledger.status(PAGE).releasable


def test_a_revoked_signature_leaves_a_hole_in_the_chain_and_stays_in_the_ledger(staffed):
    record(staffed, BLOCKS)
    sign_all(staffed, 1)
    with pytest.raises(Refused, match="王芳 may not revoke 二校's signature"):
        staffed.revoke(PAGE, role="二校", person="王芳", note="我看错了")
    with pytest.raises(Refused, match="needs a note"):
        staffed.revoke(PAGE, role="二校", person="李明", note="")
    revoked = staffed.revoke(PAGE, role="二校", person="赵刚", note="第3条数字待核实")
    assert revoked.revoked.person == "赵刚"
    status = staffed.status(PAGE)
    assert not status.releasable and status.missing == ("二校 has not signed",)
    assert [s.revoked is not None for s in staffed.signatures(PAGE)] == [False, True, False, False, False, False]
    staffed.sign(PAGE, version=1, role="二校", person="李明", note="核实无误")
    assert staffed.status(PAGE).releasable


# ---------------------------------------------------------------- people


def test_a_person_cannot_sign_a_role_not_theirs_and_the_refusal_is_kept(staffed):
    record(staffed, BLOCKS)
    with pytest.raises(Refused, match=r"李明 may not hold 一校: \[signoff.roles\] gives it to 王芳"):
        staffed.sign(PAGE, version=1, role="一校", person="李明")
    [refusal] = staffed.refusals()
    assert (refusal.person, refusal.role, refusal.action) == ("李明", "一校", "sign")
    status = staffed.status(PAGE)
    assert status.people_configured and status.chain[5].holders == ("赵刚",)
    sign_all(staffed, 1)
    assert staffed.status(PAGE).releasable


def test_until_people_are_configured_anyone_holds_any_role_and_status_says_so(ledger):
    record(ledger, BLOCKS)
    status = ledger.status(PAGE)
    assert not status.people_configured and all(r.holders is None for r in status.chain)
    assert ledger.sign(PAGE, version=1, role="一校", person=ledger.signoff.local_user)


def test_a_person_with_no_role_cannot_mark_once_people_are_configured(staffed):
    record(staffed, BLOCKS)
    with pytest.raises(Refused, match="holds no role"):
        staffed.add_mark(PAGE, version=1, block=BODY, start=0, end=1, note="疑", person="路人")
    assert staffed.marks(PAGE) == [] and staffed.refusals()[0].action == "mark"


def test_refusals_from_outside_the_ledger_are_kept_with_the_others(ledger):
    ledger.log_refusal("陌生人", "login", "wrong password from 10.0.0.7")
    [refusal] = ledger.refusals()
    assert (refusal.page, refusal.action, refusal.person) == (None, "login", "陌生人")


def test_a_page_never_built_has_nothing_to_sign(ledger):
    status = ledger.status(PAGE)
    assert status.latest is None and status.missing == ("no version is recorded: build the page",)
    with pytest.raises(LedgerError, match="no version is recorded"):
        ledger.sign(PAGE, version=1, role="一校", person="王芳")
    assert ledger.pages() == []
