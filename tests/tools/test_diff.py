"""Diff: blocks read back from PDFs, changed text per block, changed regions on the page and in the image."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from hengyang_print.cli.common import DEFAULT_LAYOUT, ROOT
from hengyang_print.cli.main import main
from hengyang_print.run.build import build
from hengyang_print.tools.diff import compare, read_side, report

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
    assert read_side("page", result.pdf, result.layout).blocks == families(result.page)


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
