"""The glyph reader of check and diff (pdfglyphs.py, PDFium) reads what another PDF library reads: every
glyph with its face, size, advance and baseline, against pdfplumber (pdfminer, pure Python), on pages with
Latin (whose ink overhangs the advance, as in f), units, a 2-em dash scaled with Tz, and characters beyond
the BMP. Origins are held to the display list (tests/draw/test_draw_text.py): pdfminer leaves out the
character spacing (Tc) after the last glyph of a string, which ISO 32000-1 9.3.2 applies to every glyph."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from hengyang_print.run.build import build
from hengyang_print.tools.pdfglyphs import read_glyphs

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    ("tests/pages/content/latin-units.yaml", "layout/tabloid.yaml"),
    ("tests/pages/content/punctuation.yaml", "layout/broadsheet.yaml"),
    ("tests/data/names-beyond-gbk.yaml", "layout/broadsheet.yaml"),
]


def plumbed(pdf: bytes) -> list[tuple]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        left, bottom = (float(v) for v in (page.page_obj.attrs.get("TrimBox") or page.mediabox)[:2])
        return [
            (
                ch["text"],
                ch["fontname"].split("+")[-1],
                ch["size"],
                ch["x0"] - left,
                ch["x1"] - left,
                ch["matrix"][5] - bottom,
            )
            for ch in page.chars
            if ch["text"].strip()
        ]


@pytest.mark.parametrize("content, layout", PAGES, ids=[Path(c).stem for c, _ in PAGES])
def test_pdfium_reads_every_glyph_as_pdfplumber_does(content, layout):
    pdf = build(ROOT / content, ROOT / layout, allow_overset=True).pdf
    height, glyphs = read_glyphs(pdf)
    theirs = plumbed(pdf)
    assert len(glyphs) == len(theirs) > 1000
    for g, (text, font, size, x0, x1, baseline) in zip(glyphs, theirs):
        assert (g.text, g.font) == (text, font)
        assert g.size == pytest.approx(size, abs=0.01)
        assert (g.x1 - g.x0, g.baseline) == pytest.approx((x1 - x0, baseline), abs=0.01), g
        assert g.bottom < g.baseline < g.top
    assert any(ord(g.text) > 0xFFFF for g in glyphs) or "gbk" not in content
    assert any(g.text == "—" for g in glyphs) or "punctuation" not in content


def test_a_file_is_read_within_the_bounds_of_pdfread(tmp_path):
    from hengyang_print.tools.pdfread import PdfInputError

    path = tmp_path / "page.pdf"
    path.write_bytes(b"not a pdf")
    with pytest.raises(PdfInputError, match="not a PDF"):
        read_glyphs(path)
