"""Text as drawn: one text object per line, glyphs in runs of equal spacing, and every glyph where the display
list puts it (read back with pdfplumber), the 2-em dash scaled included."""

from __future__ import annotations

import io
import re

import pdfplumber
import pikepdf
import pytest

from hengyang_print.cli.common import DEFAULT_LAYOUT
from hengyang_print.draw.text import TOLERANCE, runs
from hengyang_print.fonts import metrics
from hengyang_print.model import TextItem
from hengyang_print.run.build import build

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
    with pdfplumber.open(io.BytesIO(built.pdf)) as pdf:
        chars = [c for c in pdf.pages[0].chars if not c["text"].isspace()]
    assert [c["text"] for c in chars] == [w[0] for w in want]
    for c, (ch, x, width, baseline) in zip(chars, want):
        # a glyph within TOLERANCE of where the one before ends is set there (one run): a justified line's
        # gaps of a few thousandths of an em (digits' widths leave such remainders) are that close
        assert c["x0"] == pytest.approx(x, abs=TOLERANCE), ch
        assert c["x1"] - c["x0"] == pytest.approx(width, abs=0.001), ch  # the 2-em dash scaled to its cells
        assert c["y0"] < baseline < c["y1"], ch


def test_one_text_object_a_line_and_an_origin_a_run(built):
    lines = [t for t in built.page.items if isinstance(t, TextItem) and t.glyphs]
    with pikepdf.open(io.BytesIO(built.pdf)) as pdf:
        content = pdf.pages[0].Contents.read_bytes()
    assert content.count(b"BT") == len(lines)
    origins = len(re.findall(rb" Tm\b", content))
    assert origins == sum(len(runs(t)) for t in lines)
    assert origins < sum(len(t.glyphs) for t in lines) / 4  # justified lines are runs, not a matrix a glyph
