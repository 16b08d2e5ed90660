"""Stress content (tests/stress/stress.yaml: runs of marks, —— and …… at every offset, numbers and
Latin words, quotes at line edges, paragraphs one character too long) set at 11 to 17 em: no rule
break, audited on the display list and on the PDF's glyphs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_LAYOUT, ROOT
from hengyang_print.compose import clreq
from hengyang_print.load.loader import load_content
from hengyang_print.place.page import body_grid
from hengyang_print.run.build import build
from hengyang_print.tools.audit import audit_page, audit_pdf

STRESS = Path(__file__).parent.parent / "stress" / "stress.yaml"
WIDTHS = range(11, 18)  # the issue asks 11–16; 17 is the broadsheet's own measure


def layout_at(tmp_path: Path, ems: int) -> Path:
    """The default layout with the items columns narrowed to `ems` body ems (wider gutters, same grid)."""
    from hengyang_print.load.loader import load_layout

    base = load_layout(DEFAULT_LAYOUT)
    width = base.regions["items"].box.width
    frames = base.regions["items"].frames
    size = base.styles[base.regions["items"].style].size
    gap = (width - frames * ems * size) / (frames - 1) - 0.5
    text = DEFAULT_LAYOUT.read_text(encoding="utf-8")
    varied = re.sub(r"(\n  items:\n(?:    .*\n)*?    frame_gap: )[^\n]+", lambda m: f"{m.group(1)}{gap:.2f}pt", text)
    assert varied != text
    (tmp_path / "layout").mkdir(exist_ok=True)
    if not (tmp_path / "fonts").exists():
        (tmp_path / "fonts").symlink_to(ROOT / "fonts")  # fonts are named relative to the layout's project
    path = tmp_path / "layout" / f"items-{ems}em.yaml"
    path.write_text(varied, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stress_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stress")
    out = {}
    for ems in WIDTHS:
        # composition at odd measures, not fitting; the loose lines such measures leave are kept (allow_overset),
        # as check keeps them: a build names them as errors (test_a_build_names_every_loose_line)
        result = build(STRESS, layout_at(tmp, ems), fit=False, allow_overset=True)
        pdf = tmp / f"stress-{ems}.pdf"
        pdf.write_bytes(result.pdf)
        out[ems] = (result, pdf)
    return out


@pytest.mark.parametrize("ems", WIDTHS)
def test_the_columns_really_are_that_many_ems(stress_builds, ems):
    result, _ = stress_builds[ems]
    frames, _ = body_grid(result.layout, result.layout.regions["items"])
    size = result.layout.styles["body"].size
    assert {round(f.width / size, 6) for f in frames} == {ems}


# The stress text packs ——, …… and long numbers so densely into 11–17 em that some lines have no break
# within ⅛ em (“近——加分——和大” on 11 em: seven gaps, none inside the dashes, a 2-em run next): such a
# line is loose, and reported; no gap may exceed its allowance by more than ½ em (the limit before the ⅛-em rule).
NO_WAY_OUT = 0.5
# Column bottoms and where headers land are the fitting's (issues 11 and 22), and these pages are set without it:
# not judged here.
COLUMN_BOTTOMS = {"short-column", "unbalanced", "headers-abreast", "header-foot", "item-split", "first-line-foot"}


def judged(violations) -> list[str]:
    out = []
    for v in violations:
        if v.rule in COLUMN_BOTTOMS:
            continue
        if v.rule == "loose" and float(v.detail.split(" em", 1)[0]) <= NO_WAY_OUT:
            continue
        out.append(str(v))
    return out


@pytest.mark.parametrize("ems", WIDTHS)
def test_no_rule_break_on_the_display_list(stress_builds, ems):
    result, _ = stress_builds[ems]
    assert judged(audit_page(result.page, result.content, result.layout)) == []


@pytest.mark.parametrize("ems", WIDTHS)
def test_a_build_names_every_loose_line(stress_builds, ems, tmp_path):
    """A line the audit finds loose is one the build names, with its text, and the build fails on it."""
    from hengyang_print.errors import BuildError

    result, _ = stress_builds[ems]
    named = {(str(f.block), f.line) for f in result.report.flaws if f.rule == "loose"}
    found = {
        (str(v.block), v.line) for v in audit_page(result.page, result.content, result.layout) if v.rule == "loose"
    }
    assert found <= named and named, (found, named)
    with pytest.raises(BuildError) as err:
        build(STRESS, layout_at(tmp_path, ems), fit=False)
    text = "\n".join(err.value.messages)
    for f in (f for f in result.report.flaws if f.rule == "loose"):
        line = next(t for t in result.page.texts() if t.block == f.block and t.line == f.line)
        assert f"{f.block} line {f.line + 1}: loose" in text and line.text in text


@pytest.mark.parametrize("ems", WIDTHS)
def test_no_rule_break_in_the_pdf(stress_builds, ems):
    result, pdf = stress_builds[ems]
    assert judged(audit_pdf(pdf, result.content, result.layout)) == []


def naive_breaks(text: str, ems: int, indent: int = 2) -> int:
    """Rule breaks a character-count fill (one em per character) would make: the content provokes."""
    runs = {a for a, _ in clreq.unbreakable_runs(text)}
    breaks, end = 0, ems - indent
    while end < len(text):
        breaks += not clreq.may_start_line(text[end]) or not clreq.may_end_line(text[end - 1]) or end not in runs
        end += ems
    return breaks


@pytest.mark.parametrize("ems", WIDTHS)
def test_the_stress_content_provokes_the_rules_at_every_width(ems):
    content = load_content(STRESS)
    paragraphs = [p for item in content.items for p in item.body]
    assert sum(naive_breaks(p, ems) for p in paragraphs) >= 10
    # and a paragraph one character too long for this width is there
    assert any(len(p) - 1 == 3 * ems - 1 and p.endswith("。") for p in paragraphs)
