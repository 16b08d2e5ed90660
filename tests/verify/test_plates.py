"""The build notes the plate problems its layout makes (verify/plates.py), and preflight finds the same in the PDF."""

from __future__ import annotations

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT, ROOT
from hengyang_print.run.build import build, write_atomically
from hengyang_print.tools.preflight import preflight

CHANGES = [  # (what the layout says, what it is changed to)
    (
        "    height: 50mm\n    fill: red\n",
        "    height: 50mm\n    fill: warm\n",
    ),  # the keyword panel: black on red is over the limit (verify/ink.py)
    (
        "keyword_label: {font: hei, size: 20pt, leading: 24pt, color: white",
        "keyword_label: {font: hei, size: 20pt, leading: 24pt, color: black",
    ),
    (
        "credits: {font: kai, fallback: song, size: 9pt, leading: 12pt, color: black",
        "credits: {font: kai, fallback: song, size: 5pt, leading: 12pt, color: red",
    ),
    (
        "{columns: [1, 8], top: -7.8mm, weight: 0.5pt, color: red}",
        "{columns: [1, 8], top: -7.8mm, weight: 0.25pt, color: red}",
    ),
]


def _variant(tmp_path, changes):
    """The default layout with `changes`, in a project of its own that shares the fonts."""
    text = DEFAULT_LAYOUT.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    path = tmp_path / "layout" / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_page_has_no_plate_notes(default_build):
    assert not [n for n in default_build.report.notes if "plate" in n or "black text" in n]


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plates")
    result = build(DEFAULT_CONTENT, _variant(tmp, CHANGES))
    write_atomically(tmp / "page.pdf", result.pdf)
    return result, tmp / "page.pdf"


def test_black_text_on_a_coloured_fill_is_noted_with_its_ink(changed):
    result, _ = changed
    (note,) = [n for n in result.report.notes if n.startswith("black text")]
    assert (
        note == "black text keyword.label (1 line) on the M8 Y20 fill of keyword: overprints to M8 Y20 K100, ink 128 %"
    )


def test_small_multi_plate_type_and_thin_rules_are_noted(changed):
    result, _ = changed
    notes = result.report.notes
    assert any(n.startswith("style credits: 5 pt type on 3 plates (M100 Y100 K10)") for n in notes), notes
    assert any(n.startswith("rules[1] at 20.0 mm, 19.2 mm: 0.25 pt rule on 3 plates") for n in notes), notes


def test_preflight_finds_the_same_in_the_pdf(changed):
    _, pdf = changed
    codes = {f.code for f in preflight(pdf).findings if f.level == "error"}
    assert codes == {"small-type-plates", "thin-line-plates"}  # black on red overprints: tolerated, not an error
