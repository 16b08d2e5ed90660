"""print.max_ink is enforced by the build: an element over the limit fails it, naming the colour, the
elements and their ink; 100 % K overprinting a fill is tolerated by design (as preflight tolerates it) and noted."""

from __future__ import annotations

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT
from hengyang_print.errors import BuildError
from hengyang_print.paths import bundled
from hengyang_print.run.build import build

BROADSHEET = bundled("layout", "broadsheet.yaml").read_text(encoding="utf-8")


def layout_with(tmp_path, *edits: tuple[str, str]):
    text = BROADSHEET
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "layout.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_colour_over_the_limit_fails_the_build_naming_it(tmp_path):
    layout = layout_with(tmp_path, ("max_ink: 240 ", "max_ink: 180 "))
    with pytest.raises(BuildError) as info:
        build(DEFAULT_CONTENT, layout)
    (message,) = info.value.messages
    red_line = next(i for i, l in enumerate(BROADSHEET.splitlines(), 1) if l.strip().startswith("red:"))
    assert message.startswith(f"{layout}:{red_line}:")  # at the colour's definition: what to change
    assert "colour 'red' [0, 100, 100, 10] lays down ink of 210 %, over the layout's print.max_ink of 180 %" in message
    assert "keyword" in message and "headline" in message


def test_the_same_page_under_the_limit_builds(tmp_path):
    layout = layout_with(tmp_path, ("max_ink: 240 ", "max_ink: 210 "))
    assert build(DEFAULT_CONTENT, layout).pdf.startswith(b"%PDF")


def test_black_overprinting_a_fill_builds_and_is_noted_with_its_ink(tmp_path):
    """Black keyword text on the red panel: 100 % K over 0/100/100 lays down 300 %, beyond the default 240,
    but black overprinting is excluded from the limit by design (PitStop, pdfToolbox and our preflight
    do the same); the build notes it with the ink it stacks."""
    layout = layout_with(
        tmp_path,
        (
            "keyword_label: {font: hei, size: 20pt, leading: 24pt, color: white",
            "keyword_label: {font: hei, size: 20pt, leading: 24pt, color: black",
        ),
    )
    result = build(DEFAULT_CONTENT, layout)
    (note,) = [n for n in result.report.notes if n.startswith("black text keyword.label")]
    assert "overprints to" in note and "ink 300 %" in note


def test_black_that_knocks_out_counts_alone(tmp_path):
    layout = layout_with(
        tmp_path,
        (
            "keyword_label: {font: hei, size: 20pt, leading: 24pt, color: white",
            "keyword_label: {font: hei, size: 20pt, leading: 24pt, color: black",
        ),
        ("black_overprint: true ", "black_overprint: false "),
    )
    assert build(DEFAULT_CONTENT, layout).pdf.startswith(b"%PDF")


def test_preflight_takes_the_limit_from_the_layout(tmp_path, monkeypatch):
    """`preflight --layout L` checks total ink against L's print.max_ink; --max-ink still wins."""
    import hengyang_print.tools.preflight as tool
    from hengyang_print.cli.main import main

    limits = []
    monkeypatch.setattr(tool, "preflight", lambda path, max_ink, **options: limits.append(max_ink) or tool.Report())
    layout = layout_with(tmp_path, ("max_ink: 240 ", "max_ink: 215 "))
    pdf = str(tmp_path / "page.pdf")
    assert main(["preflight", pdf, "--layout", str(layout)]) == 0
    assert main(["preflight", pdf, "--layout", str(layout), "--max-ink", "200"]) == 0
    assert main(["preflight", pdf, "--layout", "tabloid"]) == 0  # a bundled layout by name
    assert main(["preflight", pdf]) == 0
    assert limits == [215.0, 200.0, 240.0, 240.0]
