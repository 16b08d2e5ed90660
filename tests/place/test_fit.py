"""Fitting (齐底): every column of a flow ends on the region's last grid line, within the layout's fit: bounds;
when nothing within them fits, the first suggested cut or addition fits the page in one round."""

from __future__ import annotations

import re

import pytest

from hengyang_print.errors import OversetError
from hengyang_print.run.build import make_page

from .fitcases import BASE, CASES, LAYOUTS, column_feet, rounds_to_fit, variant


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_base_page_fits_by_itself_and_ends_flush(layout):
    _, lay, page, report = make_page(BASE, LAYOUTS[layout])
    for region in ("intro", "items"):
        _, capacity = report.fill[region]
        assert column_feet(lay, page, region) == [capacity] * lay.regions[region].frames
    assert not report.suggestions and not report.unfit


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("action, lines", CASES)
def test_one_round_fits_a_page_overset_or_short(tmp_path, layout, action, lines):
    path = variant(tmp_path, LAYOUTS[layout], action, lines)
    rounds, (lay, page, report) = rounds_to_fit(path, LAYOUTS[layout])
    if lines == 40:
        assert rounds == 1  # far beyond any bounds: the first figure the tool gives is exact
    elif lines == 1:
        assert rounds == 0  # one line is within the bounds: the page fits by itself
    else:
        assert rounds <= 1
    _, capacity = report.fill["items"]
    assert column_feet(lay, page, "items") == [capacity] * lay.regions["items"].frames


@pytest.mark.parametrize("layout", LAYOUTS)
def test_adjustments_stay_within_the_declared_bounds_and_are_reported(tmp_path, layout):
    path = variant(tmp_path, LAYOUTS[layout], "short", 5)
    _, layout_, page, report = make_page(path, LAYOUTS[layout], allow_overset=True)
    bounds = layout_.regions["items"].fit
    for a in report.adjustments:
        if a.what == "looseness":
            assert 0 < abs(a.amount) <= bounds.looseness
        elif a.what == "space_before":
            assert (
                bounds.space_before[0]
                <= layout_.regions["items"].item.space_before + a.amount
                <= bounds.space_before[1]
            )
        elif a.what == "photo_rows":
            assert 0 < abs(a.amount) <= bounds.photo_rows
    # each relined paragraph is set in as many lines as the adjustment says, one line more or fewer than as written
    plain = make_page(path, LAYOUTS[layout], fit=False)[2]
    for a in report.adjustments:
        if a.what == "looseness":
            count = lambda p, a=a: sum(1 for t in p.texts() if t.block == a.block)  # noqa: E731
            assert count(page) == count(plain) + a.amount


def test_fitting_is_deterministic():
    _, _, first, first_report = make_page(BASE, LAYOUTS["tabloid"])
    _, _, again, again_report = make_page(BASE, LAYOUTS["tabloid"])
    assert first_report.adjustments == again_report.adjustments and first_report.adjustments
    assert first == again


def test_no_fit_sets_the_text_as_written(tmp_path):
    path = variant(tmp_path, LAYOUTS["broadsheet"], "short", 5)
    _, lay, page, report = make_page(path, LAYOUTS["broadsheet"], fit=False)
    assert not report.adjustments and not report.unfit
    used, capacity = report.fill["items"]
    feet = column_feet(lay, page, "items")
    assert max(feet) - min(feet) <= 2 and min(feet) < capacity  # balanced, short, and no failure


def test_a_page_beyond_the_bounds_fails_naming_the_paragraph_and_its_place(tmp_path):
    path = variant(tmp_path, LAYOUTS["broadsheet"], "over", 40)
    with pytest.raises(OversetError) as err:
        make_page(path, LAYOUTS["broadsheet"])
    text = "\n".join(err.value.messages)
    report = make_page(path, LAYOUTS["broadsheet"], allow_overset=True)[3]
    first = report.suggestions[0]
    assert first.action == "cut" and str(first.block) == "items[7].body[1]"
    # blamed on the content file, at the paragraph's line and column, with the same figure --allow-overset gives
    assert f"{path}:" in text and f": items[7].body[1]: cut {first.characters} characters from the end" in text
    assert "40 lines" not in text or "do not fit" in text


@pytest.mark.parametrize("action", ["over", "short"])
def test_the_suggested_figure_is_the_fewest_characters(tmp_path, action):
    """The figure makes the page: flush and every placement rule kept; one character fewer does not (the columns do
    not end flush, or a rule is broken): the figure is exact, not an estimate."""
    from .fitcases import apply

    path = variant(tmp_path, LAYOUTS["tabloid"], action, 40)
    s = make_page(path, LAYOUTS["tabloid"], allow_overset=True)[3].suggestions[0]
    exact, fewer = tmp_path / "exact.yaml", tmp_path / "fewer.yaml"
    exact.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    fewer.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    apply(exact, s)
    apply(fewer, type(s)(s.region, s.block, s.action, s.characters - 1, s.lines))
    report = make_page(exact, LAYOUTS["tabloid"])[3]
    assert not report.flaws and not report.suggestions
    report = make_page(fewer, LAYOUTS["tabloid"], allow_overset=True)[3]
    assert report.unfit or report.flaws


def _layout_with_fit(tmp_path, fit: str):
    from hengyang_print.cli.common import ROOT

    text = LAYOUTS["broadsheet"].read_text(encoding="utf-8")
    varied = text.replace(
        "    fit: {looseness: 1, min_last_line: 4, space_before: [1, 2], photo_rows: 1}\n", f"    fit: {fit}\n"
    )
    assert varied != text
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    path = tmp_path / "layout" / "varied.yaml"
    path.write_text(varied, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fit, said",
    [
        ("{looseness: 1, spacebefore: [1, 2]}", "spacebefore"),
        ("{space_before: [2, 1]}", "least 2 is more than most 1"),
        ("{photo_rows: 9}", "photo_rows"),
        ("{tracking: [-0.02]}", "must be [least, most]"),
    ],
)
def test_fit_bounds_are_checked_where_they_are_written(tmp_path, fit, said):
    from hengyang_print.errors import BuildError
    from hengyang_print.load.loader import load_layout

    path = _layout_with_fit(tmp_path, fit)
    with pytest.raises(BuildError) as err:
        load_layout(path)
    message = "\n".join(err.value.messages)
    assert said in message and re.search(rf"{re.escape(str(path))}:\d+:\d+: ", message)


def test_without_bounds_nothing_flexes_but_the_columns_must_still_end_flush_with_fit(tmp_path):
    path = _layout_with_fit(tmp_path, "{}")
    _, lay, page, report = make_page(BASE, path, allow_overset=True, fit=True)
    assert not report.adjustments
    assert report.unfit.get("items") or column_feet(lay, page, "items") == [report.fill["items"][1]] * 4


def test_the_closed_form_of_a_paragraph_agrees_with_walking_its_rows():
    """suggest() counts lines by arithmetic; the build walks rows: both must say the same, or a figure would lie."""
    from hengyang_print.place.fit import _advance, keeps, paragraph_advance

    def paragraph_shape(lines, under, item_lines):  # as Grid.shape makes it of the paragraph's rows
        return tuple((False, may, len(rules), False) for may, rules in keeps(lines, under, item_lines))

    for capacity in (3, 5, 46):
        for fill in range(capacity + 1):
            for lines in range(1, 3 * capacity + 3):
                for under in (None, 0, 1, 2, 5):  # not in an item; the item's body lines above the paragraph
                    tied = max(0, 2 - under) if under is not None else 0
                    walked = _advance(paragraph_shape(lines, under, 12), fill, capacity)
                    assert (walked and walked[:2]) == paragraph_advance(fill, lines, tied, capacity)
