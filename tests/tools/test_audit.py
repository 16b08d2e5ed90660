"""The rule audit: the default page passes on the display list and on the PDF's glyphs, and every
kind of break, planted in a page or in its drawing, is found with its block and line."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.cli.main import main
from hengyang_print.compose import clreq
from hengyang_print.draw import draw
from hengyang_print.model import Glyph, Page, TextItem
from hengyang_print.tools.audit import PLACEMENT, audit_page, audit_pdf

# Column bottoms (齐底) and where headers land are the fitting's (issues 11 and 22): the default page as printed
# breaks two placement rules no arrangement within the layout's bounds keeps, which the build names with the figure
# that keeps them (tests/pages/test_fitting_pages.py); every other finding must be absent.
COLUMN_BOTTOMS = {"short-column", "unbalanced", *PLACEMENT}


def test_the_default_page_has_no_rule_break_on_the_display_list(default_build):
    found = audit_page(default_build.page, default_build.content, default_build.layout)
    assert [str(v) for v in found if v.rule not in COLUMN_BOTTOMS] == []


def test_the_default_page_has_no_rule_break_in_the_pdf(default_build, default_pdf):
    found = audit_pdf(default_pdf, default_build.content, default_build.layout)
    assert [str(v) for v in found if v.rule not in COLUMN_BOTTOMS] == []


def body_items(page: Page, block: str) -> list[TextItem]:
    return sorted((t for t in page.texts() if str(t.block) == block), key=lambda t: t.line)


def tampered(page: Page, block: str, line: int, **changes) -> Page:
    """A copy of the page with one text line changed."""
    items = [
        replace(t, **changes) if isinstance(t, TextItem) and str(t.block) == block and t.line == line else t
        for t in page.items
    ]
    return replace(page, items=tuple(items))


def both(build, page: Page, tmp_path) -> tuple[list, list]:
    """Violations on the display list, and in the PDF drawn from it."""
    pdf = tmp_path / "tampered.pdf"
    pdf.write_bytes(draw(page))
    return audit_page(page, build.content, build.layout), audit_pdf(pdf, build.content, build.layout)


def rules(violations, block=None) -> set[tuple[str, str, int]]:
    return {(v.rule, str(v.block), v.line) for v in violations if block is None or str(v.block) == block}


BLOCK = "items[0].body[0]"


def test_a_line_drawn_off_its_column_is_ragged_and_off_the_indent(default_build, tmp_path):
    page = default_build.page
    line = body_items(page, BLOCK)[3]
    on_page, on_pdf = both(default_build, tampered(page, BLOCK, 3, x=line.x + 2.0), tmp_path)
    assert ("ragged", BLOCK, 3) in rules(on_page) and ("ragged", BLOCK, 3) in rules(on_pdf)
    first = body_items(page, BLOCK)[0]
    on_page, on_pdf = both(default_build, tampered(page, BLOCK, 0, x=first.x - first.size), tmp_path)
    assert ("indent", BLOCK, 0) in rules(on_page) and ("indent", BLOCK, 0) in rules(on_pdf)


def test_a_line_off_the_baseline_grid_is_found(default_build, tmp_path):
    line = body_items(default_build.page, BLOCK)[5]
    on_page, on_pdf = both(
        default_build, tampered(default_build.page, BLOCK, 5, baseline=line.baseline + 1.5), tmp_path
    )
    assert ("off-grid", BLOCK, 5) in rules(on_page) and ("off-grid", BLOCK, 5) in rules(on_pdf)


def shifted(item: TextItem, k: int, dx: float) -> tuple[Glyph, ...]:
    return tuple(replace(g, x=g.x + dx) if n >= k else g for n, g in enumerate(item.glyphs))


def test_a_gap_drawn_too_wide_is_loose_and_the_line_runs_past_the_measure(default_build, tmp_path):
    line = body_items(default_build.page, BLOCK)[2]
    k = next(
        k
        for k in range(1, len(line.text))
        if clreq.char_class(line.text[k - 1]) == clreq.char_class(line.text[k]) == "han"
    )
    glyphs = shifted(line, k, 0.8 * line.size)
    on_page, on_pdf = both(default_build, tampered(default_build.page, BLOCK, 2, glyphs=glyphs), tmp_path)
    for found in (rules(on_page), rules(on_pdf)):
        assert {("loose", BLOCK, 2), ("ragged", BLOCK, 2)} <= found


def line_ending_with_a_stop(page: Page) -> TextItem:
    return next(
        t for t in page.texts() if ".body[" in str(t.block) and not t.paragraph_last and t.text[-1] in "，、。；"
    )


def test_moving_a_stop_to_the_next_line_breaks_line_start_and_splitting_a_number_breaks_a_run(default_build, tmp_path):
    page = default_build.page
    a = line_ending_with_a_stop(page)
    block, k = str(a.block), a.line
    b = body_items(page, block)[k + 1]
    comma = a.glyphs[-1]
    moved_b = (replace(comma, x=0.0),) + shifted(b, 0, comma.width)
    page = tampered(tampered(page, block, k, glyphs=a.glyphs[:-1]), block, k + 1, glyphs=moved_b)
    on_page, on_pdf = both(default_build, page, tmp_path)
    assert ("line-start", block, k + 1) in rules(on_page) and ("line-start", block, k + 1) in rules(on_pdf)
    items = body_items(default_build.page, BLOCK)
    # the first line of items[0] begins “2018年…”: end it after “20”
    first, second = items[0], items[1]
    split = (first.glyphs[:3], tuple(replace(g, x=g.x - first.glyphs[3].x) for g in first.glyphs[3:5]))
    page = tampered(default_build.page, BLOCK, 0, glyphs=split[0])
    page = tampered(page, BLOCK, 1, glyphs=split[1] + shifted(second, 0, sum(g.width for g in split[1]) + 3))
    on_page = audit_page(page, default_build.content, default_build.layout)
    assert ("split-run", BLOCK, 0) in rules(on_page)


def test_orphans_widows_and_unbalanced_columns_are_found(default_build):
    page = default_build.page
    lasts = [t for t in page.texts() if ".body[" in str(t.block) and t.paragraph_last and t.line and len(t.text) > 3]
    # an orphan: all but the last character (and its stop) pulled up onto the line before
    last = lasts[0]
    before = body_items(page, str(last.block))[last.line - 1]
    end = before.glyphs[-1].x + before.glyphs[-1].width
    keep = 2 if not clreq.counts_for_orphan(last.text[-1]) else 1
    pulled = tuple(replace(g, x=end + g.x) for g in last.glyphs[:-keep])
    orphan_page = tampered(
        tampered(page, str(last.block), last.line - 1, glyphs=before.glyphs + pulled),
        str(last.block),
        last.line,
        glyphs=tuple(replace(g, x=g.x - last.glyphs[-keep].x) for g in last.glyphs[-keep:]),
    )
    found = rules(audit_page(orphan_page, default_build.content, default_build.layout))
    assert ("orphan", str(last.block), last.line) in found and ("text", str(last.block), last.line) not in found
    # a widow: a paragraph's last line moved to the top of the next column
    col1 = sorted((t for t in page.texts() if t.column == 1 and ".body[" in str(t.block)), key=lambda t: -t.baseline)
    leading = default_build.layout.styles["body"].leading
    widow = replace(lasts[-1], column=1, x=col1[0].x, baseline=col1[0].baseline + leading)
    items = [t for t in page.items if t is not lasts[-1]] + [widow]
    assert ("widow", str(widow.block), widow.line) in rules(
        audit_page(replace(page, items=tuple(items)), default_build.content, default_build.layout)
    )
    # the last column cut short by ten lines: the flow is no longer balanced
    short = [
        t
        for t in page.items
        if not (isinstance(t, TextItem) and t.column == 3 and t.baseline < col1[0].baseline - 36 * leading)
    ]
    assert ("unbalanced", "items", 0) in rules(
        audit_page(replace(page, items=tuple(short)), default_build.content, default_build.layout)
    )


def test_punctuation_widths_are_checked_on_the_display_list(default_build):
    page = default_build.page
    line = line_ending_with_a_stop(page)
    wide = line.glyphs[:-1] + (replace(line.glyphs[-1], width=line.size),)  # a full-width stop at the line end
    found = audit_page(
        tampered(page, str(line.block), line.line, glyphs=wide, x=line.x - line.size / 2),
        default_build.content,
        default_build.layout,
    )
    assert ("punct-width", str(line.block), line.line) in rules(found)


def test_check_exits_0_on_the_default_page_and_1_on_a_pdf_with_a_drawing_error(default_build, tmp_path, capsys):
    bottoms = [
        v
        for v in audit_page(default_build.page, default_build.content, default_build.layout)
        if v.rule in COLUMN_BOTTOMS
    ]
    # 0 once the fitting engineer's columns end flush; until then only the short column fails check
    assert main(["check", str(DEFAULT_CONTENT), "--layout", str(DEFAULT_LAYOUT)]) == (1 if bottoms else 0)
    out = capsys.readouterr().out
    assert f"check: {len(bottoms)} rule break" in out
    line = body_items(default_build.page, BLOCK)[3]
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(draw(tampered(default_build.page, BLOCK, 3, x=line.x + 3.0)))
    assert main(["check", str(DEFAULT_CONTENT), "--layout", str(DEFAULT_LAYOUT), "--pdf", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert f"{BLOCK} line 4: ragged:" in out and "only on the PDF" in out


@pytest.mark.parametrize("rule", ["line-start", "line-end", "split-run", "ragged", "orphan", "widow", "off-grid"])
def test_every_rule_the_issue_names_is_audited(rule):
    from hengyang_print.tools.audit import RULES

    assert rule in RULES
