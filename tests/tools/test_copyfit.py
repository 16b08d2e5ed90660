"""Copyfit and overset: the figures are checked against what a re-composition actually does."""

from __future__ import annotations

import pdfplumber
import pytest
import yaml

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.cli.main import main
from hengyang_print.errors import OversetError
from hengyang_print.run.build import build, make_page
from hengyang_print.tools.copyfit import item_fits, region_fits, table

from ..conftest import write_variant


def variant(tmp_path, mutate, name="content.yaml"):
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    mutate(data)
    return write_variant(tmp_path, yaml.safe_dump(data, allow_unicode=True), name)


def body_lines(page, i):
    return sum(1 for t in page.texts() if (t.block.item == i and t.block.part == "body"))


def overfull(data):
    data["items"][2]["body"].append(data["items"][6]["body"][0] + data["items"][9]["body"][0])


def test_region_figures_match_the_display_list(default_build):
    page = default_build.page
    fits = {f.name: f for f in region_fits(default_build)}
    items = fits["items"]
    assert items.frames == 4 and len(items.used) == 4
    # a column's lines run from the region top to its lowest body line, one leading apart
    region = default_build.layout.regions["items"]
    leading = default_build.layout.styles["body"].leading
    for column, used in enumerate(items.used):
        rows = {
            round((region.box.top - t.baseline) // leading)
            for t in page.texts()
            if t.column == column and t.style == "body" and t.block.field == "items"
        }
        assert used == max(rows) + 1 <= items.available
    assert items.available == int(region.box.height / leading + 1e-6)
    assert items.empty_lines == sum(items.available - u for u in items.used)
    # characters a line: the measure in ems of the body size
    body = next(t for t in page.texts() if t.style == "body")
    assert items.per_line == int(body.measure / default_build.layout.styles["body"].size + 1e-6)
    assert fits["headline"].used == (1,) and fits["headline"].over_lines == 0


def test_item_figures_count_the_set_lines(default_build):
    page, content = default_build.page, default_build.content
    fits = item_fits(default_build)
    assert [f.headline for f in fits] == [item.headline for item in content.items]
    for f in fits:
        assert f.lines == body_lines(page, f.index) > 0
        set_text = "".join(t.text for t in page.texts() if (t.block.item == f.index and t.block.part == "body"))
        assert f.chars == len(set_text) == len("".join(content.items[f.index].body))
        last = [t for t in page.texts() if (t.block.item == f.index and t.block.part == "body") and t.paragraph_last]
        assert f.cut == len(last[-1].glyphs)


def test_room_on_the_last_line_is_what_fits_without_a_new_line(tmp_path, default_build):
    """Adding `room` characters keeps the item's line count (a safe figure: squeezing punctuation may fit a few more);
    adding room and a full line more adds a line."""
    fits = item_fits(default_build)
    f = next(f for f in fits if f.room and f.room >= 3)
    before = f.lines

    def grow(n):
        def mutate(data):
            text = data["items"][f.index]["body"][-1]
            data["items"][f.index]["body"][-1] = text[:-1] + "衡" * n + text[-1]

        return mutate

    _, _, same, _ = make_page(
        variant(tmp_path, grow(f.room), "room.yaml"), DEFAULT_LAYOUT, allow_overset=True, fit=False
    )
    assert body_lines(same, f.index) == before
    per_line = next(r.per_line for r in region_fits(default_build) if r.name == "items")
    _, _, more, _ = make_page(
        variant(tmp_path, grow(f.room + per_line + 1), "more.yaml"), DEFAULT_LAYOUT, allow_overset=True, fit=False
    )
    assert body_lines(more, f.index) > before


def test_cutting_the_last_line_saves_a_line(tmp_path, default_build):
    fits = item_fits(default_build)
    f = next(f for f in fits if f.cut and f.cut >= 4)

    def cut(data):
        text = data["items"][f.index]["body"][-1]
        data["items"][f.index]["body"][-1] = text[: -f.cut - 1] + "。"

    _, _, page, _ = make_page(
        variant(tmp_path, cut), DEFAULT_LAYOUT, allow_overset=True, fit=False
    )  # as written: the fitting would reline
    assert body_lines(page, f.index) == f.lines - 1


def test_overset_fails_naming_region_lines_and_characters(tmp_path):
    path = variant(tmp_path, overfull)
    with pytest.raises(OversetError) as err:
        build(path, DEFAULT_LAYOUT)
    message = "\n".join(err.value.messages)
    # blamed on the content file: the region at a glance, then each exact cut at its paragraph's line and column
    assert message.startswith(f"{path}: items: 4 columns × 46 lines") and "do not fit" in message
    assert "characters from the end (saves" in message


def test_allow_overset_writes_a_marked_page_and_counts_what_is_missing(tmp_path, capsys):
    path = variant(tmp_path, overfull)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = tmp_path / "over.pdf"
    assert main(["build", str(path), "-o", str(out)]) == 1
    assert not out.exists()
    assert main(["build", str(path), "-o", str(out), "--allow-overset"]) == 0
    err = capsys.readouterr().err
    assert "warning: items: overset by" in err

    result = build(path, DEFAULT_LAYOUT, allow_overset=True, fit=False)
    over = [o for o in result.report.overset if o.region == "items"]
    lines, chars = sum(o.lines for o in over), sum(o.chars for o in over)
    assert lines > 0 and chars > 0
    # what is missing from the page is exactly what the overset counts
    all_items = "".join(
        f"{item['number']}{item['date']}{item['headline']}" + "".join(item["body"]) for item in data["items"]
    )
    set_items = "".join(t.text for t in result.page.texts() if t.block.field == "items" and t.block.part != "overset")
    assert len(all_items) - len(set_items) == chars
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        text = "".join(c["text"] for c in page.chars)
        assert f"超版{lines}行，约{chars}字" in text.replace(" ", "")
        # the mark sits under the items region, in the last column
        region = result.layout.regions["items"].box
        mark = [c for c in page.chars if c["text"] == "超"]
        assert mark and page.height - mark[0]["bottom"] < region.y
    assert f"{lines} more do not fit ({chars} characters)" in table(result)


def test_short_text_reports_the_empty_lines(tmp_path):
    def cut(data):
        data["items"][6]["body"][0] = data["items"][6]["body"][0][:40] + "。"

    with pytest.raises(OversetError):  # the columns cannot end flush within the bounds: the build fails
        build(variant(tmp_path, cut), DEFAULT_LAYOUT)
    result = build(variant(tmp_path, cut), DEFAULT_LAYOUT, fit=False)  # set as written, it is only reported
    items = next(f for f in region_fits(result) if f.name == "items")
    assert items.empty_lines > 0
    text = table(result)
    assert f"items: 4 columns × 46 lines, {sum(items.used)} used, {items.empty_lines} empty" in text
