"""Draw a Page display list with ReportLab and return the PDF bytes. The only module that imports ReportLab.

Fonts are embedded as subsets with ToUnicode; colours are DeviceCMYK from the layout; the canvas
is invariant so that the same page gives the same bytes.
"""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .fonts import metrics
from .model import Page, ShapeItem, TextItem

TOLERANCE = 0.01  # pt: glyphs closer than this to where the previous one ends are set as one run


@lru_cache(maxsize=None)
def _register(path: str) -> str:
    """Register a TrueType file once per process; the PDF name is derived from the file, not the layout key."""
    name = "HY-" + path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    pdfmetrics.registerFont(TTFont(name, path))
    return name


def draw(page: Page, title: str) -> bytes:
    layout = page.layout
    names = {key: _register(path) for key, path in layout.fonts.items()}
    first_font = names[page.texts()[0].font] if page.texts() else next(iter(names.values()))
    bleed = layout.print.bleed
    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=(layout.trim.width + 2 * bleed, layout.trim.height + 2 * bleed),
        invariant=1,
        pdfVersion=layout.print.pdf_version,
        initialFontName=first_font,  # else ReportLab selects Helvetica, a font that is not embedded
        initialFontSize=10,
    )
    canvas.setTitle(title)
    canvas.setSubject(layout.name)
    canvas.setCreator("hengyang-print")
    canvas.setAuthor("hengyang-print")
    if bleed:
        canvas.translate(bleed, bleed)
    for item in page.items:
        if isinstance(item, ShapeItem):
            _shape(canvas, item, layout.colors[item.fill])
        else:
            _text(canvas, item, names[item.font], layout.fonts[item.font], layout.colors[item.color], layout.print.black_overprint)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _fill(canvas: Canvas, cmyk, overprint: bool) -> None:
    c, m, y, k = (v / 100 for v in cmyk)
    canvas.setFillColorCMYK(c, m, y, k)
    if overprint and (c, m, y) == (0, 0, 0) and k == 1:
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(True)


def _shape(canvas: Canvas, item: ShapeItem, cmyk) -> None:
    canvas.saveState()
    _fill(canvas, cmyk, overprint=False)
    b = item.box
    if item.kind == "circle":
        canvas.circle(b.x + b.width / 2, b.y + b.height / 2, b.width / 2, stroke=0, fill=1)
    else:
        canvas.rect(b.x, b.y, b.width, b.height, stroke=0, fill=1)
    canvas.restoreState()


def _text(canvas: Canvas, item: TextItem, font_name: str, font_path: str, cmyk, overprint: bool) -> None:
    """One line: glyphs that follow each other at their natural advance go out as one run."""
    font = metrics(font_path)
    canvas.saveState()
    _fill(canvas, cmyk, overprint)
    text = canvas.beginText()
    text.setFont(font_name, item.size)
    run, run_end = "", 0.0
    for glyph in item.glyphs:
        x = item.x + glyph.x + glyph.ink_dx
        if run and glyph.hscale == 1.0 and abs(x - run_end) < TOLERANCE:
            run += glyph.char
        else:
            if run:
                text.textOut(run)
            text.setTextOrigin(x, item.baseline)
            run = glyph.char
        run_end = x + font.advance(glyph.char) * item.size
        if glyph.hscale != 1.0:  # the 2-em dash: scaled to fill its cells, set alone
            text.setHorizScale(glyph.hscale * 100)
            text.textOut(run)
            text.setHorizScale(100)
            run = ""
    if run:
        text.textOut(run)
    canvas.drawText(text)
    canvas.restoreState()
