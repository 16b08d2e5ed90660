"""Diff: blocks read back from PDFs, changed text per block, changed regions on the page and in the image."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from hengyang_print.cli.common import DEFAULT_LAYOUT, ROOT
from hengyang_print.cli.main import main
from hengyang_print.model import Box
from hengyang_print.run.build import build
from hengyang_print.tools.diff import PageLine, Side, compare, read_side, report, side_of_build

from .test_copyfit import variant

MM = 72 / 25.4
DPI = 40


def families(page) -> dict[str, str]:
    out: dict[str, str] = {}
    for t in page.texts():
        block = "overset" if t.block.part == "overset" else str(t.block.family)
        out[block] = out.get(block, "") + t.text
    return out


def edit(data):
    data["items"][3]["body"][0] = data["items"][3]["body"][0].replace("位列榜单第52位", "排在榜单第52位")
    data["items"][7]["headline"] = "湖南省“大城市”"


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    return build(variant(tmp_path_factory.mktemp("diff"), edit), DEFAULT_LAYOUT)


def test_the_pdf_reads_back_as_the_display_list_blocks(default_build):
    side = read_side("page", default_build.pdf, default_build.layout)
    assert side.blocks == families(default_build.page)


@pytest.mark.parametrize("content", sorted((ROOT / "content").glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("layout", sorted((ROOT / "layout").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_page_of_the_project_reads_back_block_for_block(content, layout):
    """Other layouts and contents (photos and captions included) parse to the same blocks as their display list."""
    result = build(content, layout, allow_overset=True)
    from_pdf, from_page = read_side("pdf", result.pdf, result.layout), side_of_build("page", result)
    assert from_pdf.blocks == families(result.page)
    # the two readings give the same lines in the same places: a build and a PDF compare alike
    assert [(line.block, line.text) for line in from_pdf.lines] == [(line.block, line.text) for line in from_page.lines]
    for a, b in zip(from_pdf.lines, from_page.lines):  # the PDF's right edge is the last glyph's em box
        assert (a.box.x, a.box.y, a.box.top) == pytest.approx((b.box.x, b.box.y, b.box.top), abs=0.6)


def test_identical_builds_have_no_changes(default_build):
    again = build(default_build.content.source, DEFAULT_LAYOUT)
    diff = compare(
        read_side("a", default_build.pdf, default_build.layout), read_side("b", again.pdf, again.layout), DPI
    )
    assert diff.identical and diff.regions == []
    assert report(diff, "a.pdf", "b.pdf") == "no changes (a.pdf → b.pdf)"


def test_changed_blocks_characters_and_regions(default_build, edited):
    layout = default_build.layout
    diff = compare(read_side("old", default_build.pdf, layout), read_side("new", edited.pdf, layout), DPI)
    changes = {str(c.block): (c.added, c.removed) for c in diff.changed}
    assert changes == {"items[3].body": (2, 2), "items[7].headline": (2, 0)}
    assert diff.added == diff.removed == []
    text = report(diff, "old", "new")
    assert "[-位列-]{+排在+}" in text and "湖南省{+“+}大城市" in text
    # a region covers the new headline where the display list puts it (mm from the top left)
    head = [t for t in edited.page.texts() if str(t.block) == "items[7].headline"]
    x, y = head[0].x / MM, (layout.trim.height - head[0].baseline) / MM
    hits = [r for r in diff.regions if r.box.x - 1 <= x <= r.box.right + 1 and r.box.y - 1 <= y <= r.box.top + 1]
    assert hits and "items[7].headline" in hits[0].blocks
    assert {b for r in diff.regions for b in r.blocks} <= {"items[3].body", "items[7].headline"}


def test_the_image_is_the_page_with_red_regions(default_build, edited):
    layout = default_build.layout
    diff = compare(read_side("old", default_build.pdf, layout), read_side("new", edited.pdf, layout), DPI)
    image = diff.image.convert("RGB")
    assert image.size == pytest.approx((layout.trim.width * DPI / 72, layout.trim.height * DPI / 72), abs=1)
    k = DPI / 72 * MM

    def red(x0, y0, x1, y1):
        return sum(
            1 for x in range(x0, x1) for y in range(y0, y1) if (p := image.getpixel((x, y)))[0] > 180 and p[1] < 120
        )

    for r in diff.regions:
        box = (int(r.box.x * k), int(r.box.y * k), int(r.box.right * k), int(r.box.top * k))
        assert red(*box) > 0
    # the page's top (headline, intro) did not change: no red there
    assert red(0, 0, image.width, int(100 * k)) == 0


def test_added_item_and_content_file_diff_on_the_command_line(tmp_path, capsys):
    def add(data):
        data["items"][-1]["body"][0] = data["items"][-1]["body"][0][:100] + "。"
        data["items"].append(
            {"number": 11, "date": "12月28日", "headline": "新增第十一项", "body": ["新增的一段正文。"]}
        )

    new = variant(tmp_path, add, "new.yaml")
    out = tmp_path / "diff.png"
    assert (
        main(["diff", str(variant(tmp_path, lambda d: None, "old.yaml")), str(new), "-o", str(out), "--dpi", "20"]) == 1
    )  # the pages differ: exit 1, as diff(1)
    text = capsys.readouterr().out
    assert "added items[10].headline" in text and "added items[10].body" in text
    assert re.search(r"items\[9\]\.body: \+0 −\d+ characters", text)
    with Image.open(out) as image:
        assert image.format == "PNG"


def test_two_identical_pdfs_on_the_command_line(default_pdf, capsys, tmp_path):
    out = tmp_path / "diff.png"
    assert main(["diff", str(default_pdf), str(default_pdf), "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith("no changes")
    assert not out.exists()


def test_an_edit_marks_its_lines_apart_from_the_reflow(default_build, edited):
    """位列 → 排在 changes one line of items[3].body; 湖南省“大城市” adds a mark to items[7]'s headline. No other
    line is marked changed; lines are only marked moved where the page's lines differ in text or place."""
    diff = compare(side_of_build("old", default_build), side_of_build("new", edited), dpi=None)
    changed = {(line.block, line.removed, line.added) for line in diff.changed_lines}
    assert changed == {("items[3].body", "位列", "排在"), ("items[7].headline", "", "“”")}
    (body,) = [line for line in diff.changed_lines if line.block == "items[3].body"]
    assert "排在" in body.text
    old_lines = {(line.block, line.text) for line in side_of_build("old", default_build).lines}
    for line in diff.lines:
        if line.state == "moved":  # the same text elsewhere, or text the edit did not touch broken anew
            assert line.block in ("items[3].body", "items[7].headline") or (line.block, line.text) in old_lines
    assert diff.image is None and diff.regions == []  # no pixels compared without a resolution


def test_a_changed_line_is_where_the_new_page_sets_it(default_build, edited):
    diff = compare(side_of_build("old", default_build), side_of_build("new", edited), dpi=None)
    (body,) = [line for line in diff.changed_lines if line.block == "items[3].body"]
    (item,) = [t for t in edited.page.texts() if str(t.block.family) == "items[3].body" and t.text == body.text]
    assert body.box.x == pytest.approx(item.x / MM, abs=0.01)
    assert body.box.y < (edited.layout.trim.height - item.baseline) / MM < body.box.y + body.box.height


def lines(*texts, block="intro"):
    return [PageLine(block, text, Box(0, 100 - 10 * n, 50, 8)) for n, text in enumerate(texts)]


def test_a_removal_is_marked_where_the_text_closes_up_and_an_added_block_is_all_new():
    old = Side("old", b"", 100, lines("一二三四", "五六七八", "九十"))
    new = Side("new", b"", 100, lines("一二三四", "五八九十") + lines("新的", block="items[0].body"))
    diff = compare(old, new, dpi=None)
    by = {(line.block, line.text): line for line in diff.lines}
    assert ("intro", "一二三四") not in by  # same text, same place
    assert (by["intro", "五八九十"].state, by["intro", "五八九十"].removed) == ("changed", "六七")
    assert (by["items[0].body", "新的"].added, diff.added) == ("新的", ["items[0].body"])


def test_reflow_alone_is_moved_not_changed():
    old = Side("old", b"", 100, lines("一二三", "四五六"))
    new = Side("new", b"", 100, lines("一二", "三四五六"))
    diff = compare(old, new, dpi=None)
    assert not diff.changed and [line.state for line in diff.lines] == ["moved", "moved"]


def test_fitting_adjustments_that_differ(default_build):
    """A paragraph cut short makes the fitting flex otherwise; each reported adjustment has the two reports'
    amounts, and every (block, what) on which the reports differ is reported."""

    def cut(data):
        data["items"][2]["body"][0] = data["items"][2]["body"][0][:-60] + "。"

    other = build(variant(default_build_folder(default_build), cut, "cut.yaml"), DEFAULT_LAYOUT)
    diff = compare(side_of_build("old", default_build), side_of_build("new", other), dpi=None)
    amounts = [{(str(a.block), a.what): a.amount for a in r.report.adjustments} for r in (default_build, other)]
    differing = {k for k in amounts[0].keys() | amounts[1].keys() if amounts[0].get(k) != amounts[1].get(k)}
    assert differing, "the cut should change what the fitting flexed"
    assert {(a.block, a.what) for a in diff.adjustments} == differing
    for a in diff.adjustments:
        assert (a.old, a.new) == (amounts[0].get((a.block, a.what)), amounts[1].get((a.block, a.what)))
    assert "fitting: " in report(diff, "old", "new")
    pdfs = compare(
        read_side("a", default_build.pdf, default_build.layout), read_side("b", other.pdf, other.layout), None
    )
    assert pdfs.adjustments is None and "fitting: not compared" in report(pdfs, "a", "b")


def default_build_folder(result):
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="diff-fit-"))
