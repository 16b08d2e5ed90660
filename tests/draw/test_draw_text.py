"""Text as drawn: one text object per line, glyphs in runs of equal spacing, and every glyph where the display
list puts it (read back by PDFium, which ReportLab's drawing does not touch), the 2-em dash scaled included."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest

from hengyang_print.cli.common import DEFAULT_LAYOUT
from hengyang_print.draw.text import TOLERANCE, runs
from hengyang_print.fonts import metrics
from hengyang_print.model import TextItem
from hengyang_print.run.build import build
from hengyang_print.tools.pdfglyphs import read_glyphs

from ..compose.test_compose_stress import STRESS


@pytest.fixture(scope="module", params=["default", "stress"])
def built(request, default_build):
    return default_build if request.param == "default" else build(STRESS, DEFAULT_LAYOUT, allow_overset=True)


def test_every_glyph_is_where_the_display_list_puts_it(built):
    lines = [t for t in built.page.items if isinstance(t, TextItem) and t.glyphs]
    want = [
        (g.char, t.x + g.x + g.ink_dx, metrics(t.font).advance(g.char) * t.size * g.hscale, t.baseline)
        for t in lines
        for g in t.glyphs
    ]
    height, glyphs = read_glyphs(built.pdf)
    want = [w for w in want if not w[0].isspace()]
    assert [g.text for g in glyphs] == [w[0] for w in want]
    for g, (ch, x, width, baseline) in zip(glyphs, want):
        # a glyph within TOLERANCE of where the one before ends is set there (one run): a justified line's
        # gaps of a few thousandths of an em (digits' widths leave such remainders) are that close
        assert g.x0 == pytest.approx(x, abs=TOLERANCE), ch
        assert g.x1 - g.x0 == pytest.approx(width, abs=0.01), ch  # the 2-em dash scaled to its cells
        assert g.baseline == pytest.approx(baseline, abs=0.01), ch


def test_one_text_object_a_line_and_an_origin_a_run(built):
    lines = [t for t in built.page.items if isinstance(t, TextItem) and t.glyphs]
    with pikepdf.open(io.BytesIO(built.pdf)) as pdf:
        content = pdf.pages[0].Contents.read_bytes()
    assert content.count(b"BT") == len(lines)
    origins = len(re.findall(rb" Tm\b", content)) - len(lines)  # ReportLab opens a text object at 0 0
    assert origins == sum(len(runs(t)) for t in lines)
    assert origins < sum(len(t.glyphs) for t in lines) / 4  # justified lines are runs, not a matrix a glyph
