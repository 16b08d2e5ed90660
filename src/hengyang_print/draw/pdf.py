"""The ReportLab drawer: a Page display list drawn on a ReportLab canvas, PDF/X-1a bytes out.

The test oracle of writer.py (the production drawer, which writes the very same bytes without ReportLab):
tests/draw/test_writer.py holds the two equal on every test page. Its lines' operators are lines.py's, with
the codes ReportLab's splitString assigns; everything else is ReportLab's own.

Fonts are embedded as subsets with ToUnicode; colours are DeviceCMYK from the layout; the PDF/X
identification and output intent (pdfx.py) are written with the page; the canvas is invariant so
that the same page gives the same bytes.
"""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..model import ImageItem, Page, PrintSettings, ShapeItem, TextItem
from . import pdfx
from .lines import Codes, TextWriter, drawn_before
from .photos import cmyk_image
from .rlfonts import register  # first: it makes ReportLab's import of Pillow lazy

rl_config.useA85 = 0  # streams stay binary (Flate only): ASCII85 makes them a quarter larger and slower to write


class ReportLabDrawer:
    """The production drawer: the display list's operations onto a ReportLab canvas, PDF/X-1a bytes out."""

    def begin(self, page: Page) -> None:
        settings = page.print
        texts = page.texts()
        self.names = {path: register(path) for path in dict.fromkeys(p for t in texts for p in (t.font, *t.fallback))}
        first_font = self.names[texts[0].font] if texts else "Helvetica"
        media = pdfx.Media(page)
        self.out = io.BytesIO()
        canvas = self.canvas = Canvas(
            self.out,
            pagesize=media.size,
            invariant=1,  # fixed dates (SOURCE_DATE_EPOCH if set) and /ID: the same page gives the same bytes
            pdfVersion=settings.pdf_version,
            initialFontName=first_font,  # else ReportLab selects Helvetica, a font that is not embedded
            initialFontSize=10,
        )
        _pdfx(canvas._doc, settings)
        canvas.setTitle(page.title)
        canvas.setSubject(page.subject)
        canvas.setCreator("hengyang-print")
        canvas.setAuthor("hengyang-print")
        canvas.setTrimBox(media.trim_box)
        if media.bleed_box:
            canvas.setBleedBox(media.bleed_box)
        if settings.crop_marks:
            canvas.saveState()
            canvas.setStrokeColorCMYK(1, 1, 1, 1)
            canvas.setLineWidth(settings.mark_weight)
            for line in media.crop_marks():
                canvas.line(*line)
            canvas.restoreState()
        canvas.translate(media.slug, media.slug)
        self.writer = TextWriter(
            canvas._code,
            canvas._escape,
            _ReportLabCodes(canvas._doc),
            self.names,
            drawn_before(page, self.names),
            self.opener,
        )

    def opener(self, cmyk, overprint: bool) -> list[str]:
        """What opens a line in a colour, through the canvas, which registers the overprint states."""
        canvas = self.canvas
        code = canvas._code
        mark = len(code)
        canvas.saveState()
        _fill(canvas, cmyk, overprint)
        ops = code[mark:]
        canvas.restoreState()
        del code[mark:]
        return ops

    def shape(self, item: ShapeItem, overprint: bool) -> None:
        _shape(self.canvas, item, overprint)

    def image(self, item: ImageItem) -> None:
        _image(self.canvas, item)

    def text(self, item: TextItem, overprint: bool) -> None:
        self.writer.text(item, overprint)

    def finish(self) -> bytes:
        canvas = self.canvas
        self.writer.keep()
        canvas.showPage()
        for pdf_page in canvas._doc.Pages.pages:
            pdf_page.Trans = None  # ReportLab writes an empty slide transition: no use on a plate
            canvas._doc.updateSignature(pdf_page.stream)  # the trailer /ID from the content, not the title alone
        canvas.save()
        return self.out.getvalue()


def _pdfx(doc: pdfdoc.PDFDocument, settings: PrintSettings) -> None:
    """The PDF/X-1a identification in Info, and the catalog's one /GTS_PDFX output intent (pdfx.py)."""
    doc.info = _Info(pdfx.identification(settings.pdf_version))
    intent = {"Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX")}
    intent.update((key, pdfdoc.PDFString(value)) for key, value in pdfx.output_intent(settings).items())
    profile = pdfx.output_profile(settings)
    if profile:
        data, components = profile
        stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": components}), data, filters=[pdfdoc.PDFZCompress])
        intent["DestOutputProfile"] = doc.Reference(stream)
    doc.Catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(intent)])
    doc.Catalog.__NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]  # else ReportLab drops it


class _Info(pdfdoc.PDFInfo):
    """ReportLab's document Info (a fixed set of keys), with the PDF/X keys; Trapped stays False: nobody
    trapped this page, the plant's RIP may."""

    def __init__(self, extra: dict[str, str]):
        super().__init__()
        self.extra = extra

    def format(self, document) -> bytes:
        date = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries = {
            "Title": self.title,
            "Author": self.author,
            "Producer": self.producer,
            "Creator": self.creator,
            "Subject": self.subject,
            "Keywords": self.keywords,
            **self.extra,
        }
        d = {key: pdfdoc.PDFString(value) for key, value in entries.items()}
        d.update(CreationDate=date, ModDate=date, Trapped=pdfdoc.PDFName(self.trapped))
        return pdfdoc.PDFDictionary(d).format(document)


def _image(canvas: Canvas, item: ImageItem) -> None:
    """A photo as a DeviceCMYK image (separated by images.py), clipped to its frame: the layout may crop it."""
    canvas.saveState()
    b, i = item.box, item.image
    clip = canvas.beginPath()
    clip.rect(b.x, b.y, b.width, b.height)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.drawImage(ImageReader(cmyk_image(item.path)), i.x, i.y, i.width, i.height)
    canvas.restoreState()


def _fill(canvas: Canvas, cmyk, overprint: bool) -> None:
    """A DeviceCMYK fill from plain floats (a CMYKColor object sets alpha, which bumps the PDF to 1.4);
    overprint (op true, OPM 1) as draw decided it."""
    c, m, y, k = (v / 100 for v in cmyk)
    canvas.setFillColorCMYK(c, m, y, k)
    if overprint:
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(True)


def _shape(canvas: Canvas, item: ShapeItem, overprint: bool) -> None:
    canvas.saveState()
    _fill(canvas, item.fill, overprint)
    b = item.box
    if item.kind == "circle":
        canvas.circle(b.x + b.width / 2, b.y + b.height / 2, b.width / 2, stroke=0, fill=1)
    else:
        canvas.rect(b.x, b.y, b.width, b.height, stroke=0, fill=1)
    canvas.restoreState()


class _ReportLabCodes(Codes):
    """The codes ReportLab's TTFont.splitString assigns in the canvas's document, and its subsets' names."""

    def __init__(self, doc: pdfdoc.PDFDocument):
        super().__init__()
        self.doc = doc

    def number(self, name: str, cp: str) -> int:
        ((subset, code),) = pdfmetrics.getFont(name).splitString(cp, self.doc)
        return subset << 8 | code[0]

    def subset_name(self, name: str, subset: int) -> str:
        return pdfmetrics.getFont(name).getSubsetInternalName(subset, self.doc)
