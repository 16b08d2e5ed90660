"""The audit sees what a compositor sees (issue 11): word-internal display breaks, short last lines of
headlines, marks at line edges including ASCII, gaps before units, loose and over-tight lines,
columns ending short; and it reads paragraphs by their text, so an unindented layout gives no false
breaks (issue 10 item 7). Each finding comes with its block and line, on the display list and in the PDF."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT, ROOT
from hengyang_print.cli.main import main
from hengyang_print.compose import clreq
from hengyang_print.draw import draw
from hengyang_print.model import Page, TextItem
from hengyang_print.run.build import build
from hengyang_print.tools import audit
from hengyang_print.tools.audit import PLACEMENT, audit_page, audit_pdf

COLUMN_BOTTOMS = {"short-column", "unbalanced", *PLACEMENT}  # the fitting's (issues 11 and 22)
PAGES = Path(__file__).parent.parent / "pages" / "content"


def findings(result, tmp_path, page: Page | None = None) -> tuple[set, set]:
    """(rule, block, line) of every finding on the display list and in the PDF drawn from it."""
    page = page or result.page
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(draw(page) if page is not result.page else result.pdf)
    as_set = lambda vs: {(v.rule, str(v.block), v.line) for v in vs}  # noqa: E731
    return as_set(audit_page(page, result.content, result.layout)), as_set(
        audit_pdf(pdf, result.content, result.layout)
    )


def variant(tmp_path: Path, old: str, new: str, source: Path = DEFAULT_CONTENT) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = source.parent / f".test-{tmp_path.name}.yaml"  # beside the original: its photos resolve
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture
def edited(tmp_path):
    made = []

    def make(old: str, new: str, source: Path = DEFAULT_CONTENT, layout: Path = DEFAULT_LAYOUT):
        path = variant(tmp_path, old, new, source)
        made.append(path)
        return build(path, layout)

    yield make
    for path in made:
        path.unlink()


def test_a_headline_broken_inside_a_word_is_found(edited, tmp_path):
    result = edited('headline: "陆港型国家物流枢纽承载城市"', "headline: [陆港型国家物, 流枢纽承载城市]")
    on_page, on_pdf = findings(result, tmp_path)
    assert ("word-break", "items[9].headline", 0) in on_page and ("word-break", "items[9].headline", 0) in on_pdf


def test_a_headline_with_a_two_character_last_line_is_found(edited, tmp_path):
    result = edited('headline: "陆港型国家物流枢纽承载城市"', "headline: [陆港型国家物流枢纽承载, 城市]")
    on_page, on_pdf = findings(result, tmp_path)
    assert ("short-last", "items[9].headline", 1) in on_page and ("short-last", "items[9].headline", 1) in on_pdf
    assert not any(rule == "word-break" for rule, *_ in on_page | on_pdf)  # 承载 / 城市 is between words


def test_the_composer_sets_the_same_headline_without_either_finding(default_build, tmp_path):
    on_page, on_pdf = findings(default_build, tmp_path)
    assert {f for f in on_page | on_pdf if f[0] not in COLUMN_BOTTOMS} == set()


def body_line(page: Page, block: str, line: int) -> TextItem:
    return next(t for t in page.texts() if str(t.block) == block and t.line == line)


def tampered(page: Page, item: TextItem, **changes) -> Page:
    return replace(page, items=tuple(replace(t, **changes) if t is item else t for t in page.items))


def shifted(item: TextItem, k: int, dx: float):
    return tuple(replace(g, x=g.x + dx) if n >= k else g for n, g in enumerate(item.glyphs))


def test_a_gap_spread_beyond_an_eighth_em_is_loose(default_build, tmp_path):
    line = body_line(default_build.page, "items[0].body[0]", 2)
    k = next(
        k
        for k in range(1, len(line.text))
        if clreq.char_class(line.text[k - 1]) == clreq.char_class(line.text[k]) == "han"
    )
    page = tampered(default_build.page, line, glyphs=shifted(line, k, 0.2 * line.size))
    on_page, on_pdf = findings(default_build, tmp_path, page)
    assert ("loose", "items[0].body[0]", 2) in on_page and ("loose", "items[0].body[0]", 2) in on_pdf


def test_a_line_tracked_in_beyond_five_hundredths_of_an_em_is_tight(default_build, tmp_path):
    line = body_line(default_build.page, "items[0].body[0]", 2)
    k = next(
        k
        for k in range(1, len(line.text))
        if clreq.char_class(line.text[k - 1]) == clreq.char_class(line.text[k]) == "han"
    )
    page = tampered(default_build.page, line, glyphs=shifted(line, k, -0.1 * line.size))
    on_page, on_pdf = findings(default_build, tmp_path, page)
    assert ("tight", "items[0].body[0]", 2) in on_page and ("tight", "items[0].body[0]", 2) in on_pdf


@pytest.fixture(scope="module")
def units_page():
    return build(PAGES / "latin-units.yaml", DEFAULT_LAYOUT, allow_overset=True)  # a unit's gap, whatever the fit


def test_a_gap_before_a_unit_is_found(units_page, tmp_path):
    line = next(
        t
        for t in units_page.page.texts()
        if t.block.part == "body" and "℃" in t.text[1:] and t.text[t.text.index("℃") - 1].isdigit()
    )
    k = line.text.index("℃")
    page = tampered(units_page.page, line, glyphs=shifted(line, k, 0.25 * line.size))
    on_page, on_pdf = findings(units_page, tmp_path, page)
    assert ("unit-gap", str(line.block), line.line) in on_page and ("unit-gap", str(line.block), line.line) in on_pdf


def test_an_ascii_comma_starting_a_line_and_a_bracket_ending_one_are_found():
    def line(text: str) -> audit._Line:
        cells = [audit.Cell(ch, 10.0 * k, 10.0 * k + 10.0) for k, ch in enumerate(text)]
        return audit._Line(cells, 0.0, 10.0, "items[0].body[0]", 1)

    assert [v.rule for v in audit._line_edges(line(", AI企业"))] == ["line-start"]
    assert [v.rule for v in audit._line_edges(line("人工智能("))] == ["line-end"]
    assert [v.rule for v in audit._line_edges(line("《论语·"))] == ["line-end"]


def test_a_column_ending_short_of_the_regions_last_grid_line_is_found(default_build):
    # the fitting engineer makes columns flush (issue 11 item 4); the audit only has to see it
    page = default_build.page
    column = [t for t in page.texts() if t.column == 0 and t.block.part == "body"]
    lowest = min(t.baseline for t in column)
    cut = replace(
        page,
        items=tuple(i for i in page.items if not (isinstance(i, TextItem) and i in column and i.baseline == lowest)),
    )
    found = [v for v in audit_page(cut, default_build.content, default_build.layout) if v.rule == "short-column"]
    rows = default_build.report.fill["items"][1]
    assert any(v.detail == f"column 1 of items ends on row {rows - 1} of {rows}" for v in found), found


def test_a_layout_without_indents_gives_no_false_paragraph_breaks(tmp_path):
    # issue 10 item 7: paragraphs were found by their indent, so `indent: 0` made 11 false breaks
    text = DEFAULT_LAYOUT.read_text(encoding="utf-8").replace("indent: 2,", "indent: 0,")
    assert text.count("indent: 0,") == 2
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    layout = tmp_path / "layout" / "unindented.yaml"
    layout.write_text(text, encoding="utf-8")
    result = build(DEFAULT_CONTENT, layout)
    on_page, on_pdf = findings(result, tmp_path)
    assert {f for f in on_page | on_pdf if f[0] not in COLUMN_BOTTOMS} == set()


def test_check_reports_the_gap_distribution(capsys):
    main(["check", str(DEFAULT_CONTENT), "--layout", str(DEFAULT_LAYOUT)])
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if l.startswith("spacing: "))
    assert "largest" in line and "99th percentile" in line
    largest = float(line.split("largest ")[1].split(" em")[0])
    assert 0.0 < largest <= clreq.LETTERSPACE_MAX


def test_a_justified_caption_line_spread_beyond_an_eighth_em_is_loose(tmp_path):
    result = build(
        PAGES / "fourteen-short-items.yaml", DEFAULT_LAYOUT, allow_overset=True
    )  # a caption, whatever the fit
    line = next(t for t in result.page.texts() if t.block.part == "caption" and t.line == 0)
    k = next(
        k
        for k in range(1, len(line.text))
        if clreq.char_class(line.text[k - 1]) == clreq.char_class(line.text[k]) == "han"
    )
    page = tampered(result.page, line, glyphs=shifted(line, k, 0.2 * line.size))
    on_page, on_pdf = findings(result, tmp_path, page)
    block = str(line.block)
    assert ("loose", block, 0) in on_page and ("loose", block, 0) in on_pdf
