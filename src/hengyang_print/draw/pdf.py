"""The production drawer: a Page display list drawn with ReportLab, PDF/X-1a bytes out.

With rlfonts.py (its fonts) the only modules of the print path that import ReportLab.

Fonts are embedded as subsets with ToUnicode; colours are DeviceCMYK from the layout; the PDF/X
identification and output intent (pdfx.py) are written with the page; the canvas is invariant so
that the same page gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

from .rlfonts import register  # first: it makes ReportLab's import of Pillow lazy
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from . import pdfx
from .. import cache
from ..fonts import metrics
from .rlfonts import REPORTLAB_VERSION
from .photos import cmyk_image
from ..model import ImageItem, Page, PrintSettings, ShapeItem, TextItem

rl_config.useA85 = 0  # streams stay binary (Flate only): ASCII85 makes them a quarter larger and slower to write
TOLERANCE = 0.01  # pt: glyphs closer than this to where the previous one ends are set as one run


class ReportLabDrawer:
    """The production drawer: the display list's operations onto a ReportLab canvas, PDF/X-1a bytes out."""

    def begin(self, page: Page) -> None:
        settings = page.print
        texts = page.texts()
        self.names = {path: register(path) for path in dict.fromkeys(p for t in texts for p in (t.font, *t.fallback))}
        first_font = self.names[texts[0].font] if texts else "Helvetica"
        trim, bleed = page.trim, settings.bleed
        slug = bleed + (settings.mark_offset + settings.mark_length if settings.crop_marks else 0.0)  # media beyond the trim
        self.out = io.BytesIO()
        canvas = self.canvas = Canvas(
            self.out,
            pagesize=(trim.width + 2 * slug, trim.height + 2 * slug),
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
        canvas.setTrimBox((slug, slug, slug + trim.width, slug + trim.height))
        if bleed:
            canvas.setBleedBox((slug - bleed, slug - bleed, slug + trim.width + bleed, slug + trim.height + bleed))
        if settings.crop_marks:
            _crop_marks(canvas, slug, trim.width, trim.height, settings)
        canvas.translate(slug, slug)
        self.writer = _TextWriter(canvas, self.names, _drawn_before(page, self.names))

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
            "Title": self.title, "Author": self.author, "Producer": self.producer, "Creator": self.creator,
            "Subject": self.subject, "Keywords": self.keywords, **self.extra,
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


def _crop_marks(canvas: Canvas, slug: float, width: float, height: float, settings) -> None:
    """Trim marks on the trim lines at the four corners, beginning mark_offset beyond the bleed edge.

    Registration colour (100 % of every plate, in DeviceCMYK) so each plate carries them; never RGB.
    """
    start = settings.bleed + settings.mark_offset  # from the trim edge to where a mark begins
    end = start + settings.mark_length
    canvas.saveState()
    canvas.setStrokeColorCMYK(1, 1, 1, 1)
    canvas.setLineWidth(settings.mark_weight)
    for x, y, sx, sy in ((0, 0, -1, -1), (width, 0, 1, -1), (0, height, -1, 1), (width, height, 1, 1)):
        x, y = slug + x, slug + y
        canvas.line(x + sx * start, y, x + sx * end, y)  # horizontal mark on the trim line y
        canvas.line(x, y + sy * start, x, y + sy * end)  # vertical mark on the trim line x
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


class _TextWriter:
    """One line as one text object: its glyphs in TJ arrays, each placed by an adjustment from where the glyph
    before it ends (a justified line's gaps), not by a text matrix of its own (content stream 78 -> 46 KB).
    A glyph within TOLERANCE of that point is set at it; a scaled glyph (the 2-em dash) is set alone. A glyph is
    set in the first of the line's faces (its font, then the fallback faces) that has it, a run of them in one
    font selection.

    The operators go straight into the canvas (its _code, as drawText does), and what ReportLab would work out
    again for every line is asked of it once a document: a character's code in its font subset (splitString,
    which assigns codes in the order characters first appear: asked in that same order), a subset's font name,
    and the operators that open a line in a colour (q, the fill, the overprint states). The canvas's state is
    the same before every item (each restores what it sets), so the same colour opens every line alike."""

    def __init__(self, canvas: Canvas, names: dict[str, str], before: tuple[str | None, dict]):
        self.canvas, self.doc, self.names = canvas, canvas._doc, names
        (self.page_key, self.before), self.now = before, {}  # lines drawn: the build before's, this one's
        self.codes: dict[str, dict[str, tuple[int, bytes]]] = {}  # face -> code point -> (subset, code)
        self.fonts: dict[tuple[str, int], str] = {}  # (face, subset) -> the subset's PDF font name
        self.openers: dict[tuple, list[str]] = {}  # (CMYK, overprint) -> operators before BT
        self.advances: dict[str, _Advances] = {}  # font file -> character -> advance in em
        self.events: dict | None = None  # what the line being drawn asked, in order: (face, char) -> (subset, code), (face, subset) -> name

    def codes_of(self, name: str) -> dict[str, tuple[int, bytes]]:
        """A face's characters -> (subset, code), as ReportLab assigned them in this document."""
        got = self.codes.get(name)
        if got is None:
            got = self.codes[name] = {}
        return got

    def code(self, name: str, cp: str) -> tuple[int, bytes]:
        (subset, code), = pdfmetrics.getFont(name).splitString(cp, self.doc)
        got = self.codes_of(name)[cp] = (subset, code)
        return got

    def assign(self, name: str, chars: list[str]) -> None:
        """Codes for characters (one code point each) in the order given, as code() one by one would assign
        them, in one splitString: ReportLab gives each the next code in its face's subsets."""
        font = pdfmetrics.getFont(name)
        font.splitString("".join(chars), self.doc)
        assignments, got = font.state[self.doc].assignments, self.codes_of(name)
        for cp in chars:
            n = assignments.get(32 if cp == "\xa0" else ord(cp), 0)  # 0: a character the face lacks (.notdef)
            got[cp] = (n >> 8, bytes((n & 0xFF,)))

    def font(self, name: str, subset: int) -> str:
        got = self.fonts.get((name, subset))
        if got is None:
            got = self.fonts[name, subset] = pdfmetrics.getFont(name).getSubsetInternalName(subset, self.doc)
        return got

    def advances_of(self, path: str) -> dict[str, float]:
        got = self.advances.get(path)
        if got is None:
            got = self.advances[path] = _Advances(metrics(path))
        return got

    def text(self, item: TextItem, overprint: bool) -> None:
        canvas = self.canvas
        code = canvas._code
        key = (tuple(item.color), overprint)
        opener = self.openers.get(key)
        if opener is None:  # the first line in this colour: through the canvas, which registers the states
            mark = len(code)
            canvas.saveState()
            _fill(canvas, item.color, overprint)
            self.openers[key] = code[mark:]
            canvas.restoreState()
            code.pop()  # the Q: the line closes it
        else:
            code.extend(opener)
        code.append(self.line_ops(item))
        code.append("Q")

    def line_ops(self, item: TextItem) -> str:
        """A line's operators as the build before of this page drew them (a rebuild redraws mostly the same
        lines, and the composer, or the cache's pack, gives an unchanged paragraph the very same glyph
        objects), if the codes and subset names it used are the ones this document gives them: asked again of
        ReportLab in the order the line first used them, which leaves the document's state as drawing the
        line would; else drawn afresh."""
        glyphs = item.glyphs
        key = (item.block, item.line, item.x, item.size, item.font, item.fallback)  # the baseline is filled in
        got = self.before.get(key)
        if got is not None and got[0] is glyphs and self.replay(got[1]):
            self.now[key] = got
            ops = got[2]
        else:
            self.events = {}
            try:
                ops = self.ops(item)
                self.now[key] = (glyphs, _flat(self.events), ops)
            finally:
                self.events = None
        return ops.replace(BASELINE, f" {fp_str(item.baseline)} Tm")

    def keep(self) -> None:
        """This page's lines as drawn, for the next build of it (in this process, and in the cache's pack)."""
        now, before = self.now, self.before
        if self.page_key is None or (now.keys() == before.keys() and all(now[k] is before[k] for k in now)):
            return
        if len(_drawn) >= MAX_PAGES_DRAWN:
            _drawn.clear()
        _drawn[self.page_key] = now
        cache.remember("drawn-lines", self.page_key, now)

    def replay(self, events: tuple) -> bool:
        """Ask again what a line asked (_flat's triples, in order); True if every answer is the same."""
        new: dict[str, list[str]] = {}  # face -> the line's characters it has no code for yet in this document
        it = iter(events)
        for name, what, want in zip(it, it, it):
            if isinstance(what, str):
                got = self.codes_of(name).get(what)
                if got is None:
                    new.setdefault(name, []).append(what)
                elif got[0] << 8 | got[1][0] != want:  # codes shifted (an edit brought a character before): no use asking more
                    return False
        for name, chars in new.items():
            self.assign(name, chars)
        it = iter(events)
        for name, what, want in zip(it, it, it):
            if isinstance(what, str):  # a character's code, subset × 256 + code
                subset, code = self.codes_of(name).get(what) or self.code(name, what)
                if subset << 8 | code[0] != want:
                    return False
            elif self.font(name, what) != want:  # a subset's font name
                return False
        return True

    def ops(self, item: TextItem) -> str:
        """The line's operators, BASELINE standing for its baseline's operand and Tm."""
        size, names, escape = item.size, self.names, self.canvas._escape
        paths = (item.font, *item.fallback)
        chain = [metrics(p) for p in paths] if len(paths) > 1 else None
        size_op = f" {fp_str(size)} Tf"
        baseline_op = BASELINE  # a line moved down its column is the same line: its baseline is filled in (line_ops)
        ops = ["BT"]
        tj: list[bytes | str] = []  # the open TJ array: code strings, and adjustments between them
        open_string = False  # does tj end with a string (the next glyph's code joins it)?
        current, current_subset = None, -1  # the face and subset the text object has selected
        pen = None  # where the glyph before ends, on the line; None: the next glyph needs a text matrix
        path, left = item.font, item.x
        name = names[path]
        codes, advances = self.codes_of(name), self.advances_of(path)
        events = self.events if self.events is not None else {}
        for glyph in item.glyphs:
            char = glyph.char
            if chain is not None:
                path = paths[next((i for i, m in enumerate(chain) if all(m.has(c) for c in char)), 0)]
                name = names[path]
                codes, advances = self.codes_of(name), self.advances_of(path)
            if len(char) == 1:
                subset, mine = events[name, char] = codes.get(char) or self.code(name, char)
            else:  # one code per code point; the glyph is selected in the subset of the last
                mine = b""
                for cp in char:
                    subset, one = events[name, cp] = codes.get(cp) or self.code(name, cp)
                    mine += one
            x = left + glyph.x + glyph.ink_dx
            if subset != current_subset or name != current:
                if tj:
                    _close(ops, tj, escape)
                selected = events[name, subset] = self.font(name, subset)
                ops.append(selected + size_op)
                current, current_subset = name, subset
            hscale = glyph.hscale
            if pen is None or hscale != 1.0:
                if tj:
                    _close(ops, tj, escape)
                ops.append(f"1 0 0 1 {fp_str(x)}{baseline_op}")
                placed = x
                open_string = False
            elif abs(x - pen) >= TOLERANCE:
                adjust = f"{(pen - x) * 1000 / size:.2f}".rstrip("0").rstrip(".")
                tj.append(adjust)
                placed = pen - float(adjust) * size / 1000  # where a reader puts it: no rounding error adds up
                open_string = False
            else:
                placed = pen
            if hscale != 1.0:  # scaled to fill its cells: Tz would scale the adjustments too
                ops.append(f"{fp_str(hscale * 100)} Tz ({escape(mine)}) Tj 100 Tz")
                pen = None
            else:
                if open_string and tj:
                    tj[-1] += mine  # no adjustment between them: one string
                else:
                    tj.append(mine)
                    open_string = True
                pen = placed + advances[char] * size
        _close(ops, tj, escape)
        ops.append("ET")
        return " ".join(ops)


BASELINE = "\0"  # where a line's operators take its baseline (never in them otherwise: strings are escaped)
MAX_PAGES_DRAWN = 64  # pages whose lines a process keeps drawn
_drawn: dict[str, dict] = {}  # a page's key -> (block, line, x, baseline, size, face, fallback) -> (glyphs, events, operators)


def _drawn_before(page: Page, names: dict[str, str]) -> tuple[str | None, dict]:
    """(the page's key, its lines as the build before drew them): kept by this process, else in the cache.
    The key names what a line's operators depend on besides the line: this code and ReportLab (the
    operators), the fonts' files (the advances the adjustments come from)."""
    here = Path(__file__).parent.parent
    code = cache.code_version(Path(__file__), here / "fonts.py", here / "fonttables.py", here / "fontpack.py")
    fonts = tuple(cache.file_version(path) for path in sorted(names))
    if code is None or None in fonts:
        return None, {}
    key = repr((code, REPORTLAB_VERSION, fonts, page.title, page.subject))
    before = _drawn.get(key)
    if before is None:
        before = cache.recall("drawn-lines", key, valid=_drawn_lines) or {}
    return key, before


def _flat(events: dict) -> tuple:
    """What a line asked, in order, as flat triples (a fifth of the objects to unpickle): face, character,
    subset × 256 + code; or face, subset, the subset's font name."""
    flat: list = []
    for (name, what), want in events.items():
        flat += (name, what, want[0] << 8 | want[1][0]) if isinstance(what, str) else (name, what, want)
    return tuple(flat)


def _drawn_lines(value) -> bool:
    return isinstance(value, dict) and all(isinstance(v, tuple) and len(v) == 3 and isinstance(v[1], tuple) and isinstance(v[2], str) for v in value.values())


class _Advances(dict):
    """A face's advances in em by character, each asked of its metrics once."""

    def __init__(self, font):
        super().__init__()
        self.font = font

    def __missing__(self, ch: str) -> float:
        got = self[ch] = self.font.advance(ch)
        return got


def _close(ops: list[str], tj: list[bytes | str], escape) -> None:
    """Write the open TJ array (as Tj when it holds a single string) and empty it."""
    if not tj:
        return
    parts = [f"({escape(p)})" if isinstance(p, bytes) else p for p in tj]
    if len(parts) == 1:
        ops.append(f"{parts[0]} Tj")
    elif parts:
        ops.append(f"[{''.join(parts)}] TJ")
    tj.clear()
