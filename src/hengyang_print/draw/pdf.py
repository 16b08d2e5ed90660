"""The print drawer: a Page display list drawn with ReportLab's canvas, then finished as PDF/X-1a.

Everything goes through ReportLab's public API: DeviceCMYK fills, overprint through the canvas's
ExtGState calls, TrueType faces registered with pdfmetrics and embedded as subsets, text objects with a
text origin and character spacing per run of glyphs (text.py). ReportLab has no call for the PDF/X
identification or the output intent, so pdfx.finish adds them to the written file with pikepdf.
The canvas is invariant (fixed dates and ids): the same page gives the same bytes.
"""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..model import ImageItem, Page, ShapeItem, TextItem
from . import pdfx
from .faces import register
from .photos import cmyk_image
from .text import runs

# ReportLab's documented setting (rl_settings.py): streams Flate only, no ASCII85 layer, which makes them a
# quarter larger and which plate readers gain nothing from
rl_config.useA85 = 0


class ReportLabDrawer:
    """The display list's operations onto a ReportLab canvas; finish() returns the PDF/X-1a bytes."""

    def begin(self, page: Page) -> None:
        settings = page.print
        texts = page.texts()
        faces = dict.fromkeys(p for t in texts for p in (t.font, *t.fallback))
        self.names = {path: register(path) for path in faces}
        media = self.media = pdfx.Media(page)
        self.page = page
        self.out = io.BytesIO()
        canvas = self.canvas = Canvas(
            self.out,
            pagesize=media.size,
            invariant=1,  # fixed dates and document id: the same page gives the same bytes
            pdfVersion=settings.pdf_version,
            # ReportLab opens every page with its initial font: one of ours, else Helvetica (not embedded)
            initialFontName=self.names[texts[0].font] if texts else "Helvetica",
            initialFontSize=10,
        )
        canvas.setTitle(page.title)
        canvas.setSubject(page.subject)
        canvas.setCreator("hengyang-print")
        canvas.setAuthor("hengyang-print")
        canvas.setTrimBox(media.trim_box)
        if media.bleed_box:
            canvas.setBleedBox(media.bleed_box)
        if settings.crop_marks:
            canvas.saveState()
            canvas.setStrokeColorCMYK(1, 1, 1, 1)  # registration: every plate
            canvas.setLineWidth(settings.mark_weight)
            for line in media.crop_marks():
                canvas.line(*line)
            canvas.restoreState()
        canvas.translate(media.slug, media.slug)

    def shape(self, item: ShapeItem, overprint: bool) -> None:
        canvas = self.canvas
        canvas.saveState()
        _fill(canvas, item.fill, overprint)
        b = item.box
        if item.kind == "circle":
            canvas.circle(b.x + b.width / 2, b.y + b.height / 2, b.width / 2, stroke=0, fill=1)
        else:
            canvas.rect(b.x, b.y, b.width, b.height, stroke=0, fill=1)
        canvas.restoreState()

    def image(self, item: ImageItem) -> None:
        """A photo as a DeviceCMYK image (photos.py), clipped to its frame: the layout may crop it."""
        canvas = self.canvas
        canvas.saveState()
        b, i = item.box, item.image
        clip = canvas.beginPath()
        clip.rect(b.x, b.y, b.width, b.height)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.drawImage(ImageReader(cmyk_image(item.path, i.width, i.height)), i.x, i.y, i.width, i.height)
        canvas.restoreState()

    def text(self, item: TextItem, overprint: bool) -> None:
        """One text object a line: each run of glyphs set from its own origin, with the spacing that puts
        every glyph of the run where composition placed it."""
        canvas = self.canvas
        canvas.saveState()
        _fill(canvas, item.color, overprint)
        text = canvas.beginText()
        face = None
        for run in runs(item):
            if run.face != face:
                text.setFont(self.names[run.face], item.size)
                face = run.face
            text.setTextOrigin(item.x + run.x, item.baseline)
            text.setCharSpace(run.spacing)
            if run.hscale != 1.0:
                text.setHorizScale(run.hscale * 100)
            text.textOut(run.text)
            if run.hscale != 1.0:
                text.setHorizScale(100)
        canvas.drawText(text)
        canvas.restoreState()

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return pdfx.finish(self.out.getvalue(), self.page)


def _fill(canvas: Canvas, cmyk, overprint: bool) -> None:
    """A DeviceCMYK fill from plain floats (a colour object with alpha would bump the PDF to 1.4);
    overprint (op true, OPM 1) as draw decided it."""
    c, m, y, k = (v / 100 for v in cmyk)
    canvas.setFillColorCMYK(c, m, y, k)
    if overprint:
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(True)
