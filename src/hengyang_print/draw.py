"""Draw a Page display list with ReportLab and return the PDF/X-1a bytes. The only module that imports ReportLab.

Fonts are embedded as subsets with ToUnicode; colours are DeviceCMYK from the layout; the PDF/X
identification and output intent (pdfx.py) are written with the page; the canvas is invariant so
that the same page gives the same bytes.
"""

from __future__ import annotations

import importlib.util
import io
import mmap
import sys
import zlib
from functools import cached_property, lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary


def _import_on_first_use(name: str) -> None:
    """Put a module in sys.modules that loads itself when first used (importlib's LazyLoader recipe).
    ReportLab imports Pillow when it is imported, ~10 ms of every build, but uses it only to draw a photo."""
    if name in sys.modules:
        return
    parent, _, child = name.rpartition(".")
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    setattr(sys.modules[parent], child, module)
    spec.loader.exec_module(module)


_import_on_first_use("PIL.Image")

from reportlab import Version as REPORTLAB_VERSION  # noqa: E402 (after the lazy Pillow)
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from . import pdfx
from .cache import cached, code_version, file_version, remembered
from .fonttables import CodeMap, Pairs, Window, column
from .fonts import metrics
from .images import cmyk_image
from .model import ImageItem, Page, PrintSettings, ShapeItem, TextItem

rl_config.useA85 = 0  # streams stay binary (Flate only): ASCII85 makes them a quarter larger and slower to write
TOLERANCE = 0.01  # pt: glyphs closer than this to where the previous one ends are set as one run
SUBSETS_KEPT = 600  # compressed font subsets in the cache (~30 KB each): some 100 pages' worth


@lru_cache(maxsize=None)
def _register(path: str) -> str:
    """Register a TrueType file once per process; the PDF name is derived from the file, not the layout key."""
    name = "HY-" + path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    # asciiReadable off: else every subset carries the 96 ASCII glyphs whether the page uses them or not
    font = cached(path, f"reportlab-{REPORTLAB_VERSION}", lambda: _CachedTTFont(name, path, asciiReadable=0))
    pdfmetrics.registerFont(font)
    return name


class _CachedTTFont(TTFont):
    """ReportLab's TTFont, picklable for the font cache: parsing a CJK face takes ~60 ms, reviving it ~6 ms.

    The pickle holds the lists ReportLab only indexes (glyph offsets, metrics) as flat arrays, which the
    revived face keeps (a list of 22,000 tuples unpickles slowly); the file is mapped, not
    read, so only the pages of the glyphs a page uses are ever loaded. The per-document state starts
    empty; glyphToChar (ReportLab uses it only for shaping, which we never ask for) is rebuilt on first use.
    """

    def __init__(self, name: str, path: str, **kwargs):
        super().__init__(name, path, **kwargs)
        self.face.__class__ = _CachedFace  # parsed afresh, it gets the subset memory of a revived face too

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        """ReportLab's C version wants charWidths a dict; a revived face keeps it as a CodeMap."""
        widths, default = self.face.charWidths, self.face.defaultWidth
        return sum(widths.get(ord(c), default) for c in text) * size / 1000

    def __reduce__(self):
        font = {k: v for k, v in self.__dict__.items() if k not in ("face", "state")}
        face = {k: v for k, v in self.face.__dict__.items() if k not in ("_ttf_data", "_pdfScale", "glyphToChar")}
        pairs = [(glyph, char) for glyph, chars in self.face.glyphToChar.items() for char in chars]
        face["_glyph_char_pairs"] = tuple(column(values) for values in zip(*pairs))
        face["hmetrics"] = Pairs(*(column(values) for values in zip(*face["hmetrics"])))
        face["glyphPos"] = column(face["glyphPos"])
        for name in ("charToGlyph", "charWidths"):  # 30,000-entry dicts: 3 ms a face to unpickle, arrays 0.1 ms
            face[name] = CodeMap(column(sorted(face[name])), column(v for _, v in sorted(face[name].items())))
        return _revive_font, (font, face)


class _CachedFace(TTFontFace):
    @cached_property
    def glyphToChar(self) -> dict[int, list[int]]:
        inverse: dict[int, list[int]] = {}
        for glyph, char in zip(*self._glyph_char_pairs):
            inverse.setdefault(glyph, []).append(char)
        return inverse

    def get_table(self, tag: str):
        """For makeSubset. No 'name' table in subsets (ReportLab skips a table that raises KeyError): PDF needs
        none (ISO 32000-1 9.9; the font's name is in /BaseFont), and one in each 256-glyph subset costs 1 KB."""
        if tag == "name":
            raise KeyError(tag)
        return Window(self._ttf_data, self.get_table_pos(tag)[0]) if tag == "glyf" else super().get_table(tag)

    # A rebuild mostly uses the same characters in the same order: its font subsets, and their
    # compression (a third of drawing a page), are those of the build before, in this process or any other.
    @lru_cache(maxsize=64)
    def _subset(self, codes: tuple[int, ...]) -> tuple[bytes, bytes]:
        version = file_version(self.filename), code_version(Path(__file__)), REPORTLAB_VERSION
        if None in version:
            return self._make_subset(codes)
        deflated = remembered("subsets", repr((*version, codes)), lambda: self._make_subset(codes)[1], limit=SUBSETS_KEPT)
        return zlib.decompress(deflated), deflated

    def _make_subset(self, codes: tuple[int, ...]) -> tuple[bytes, bytes]:
        raw = TTFontFace.makeSubset(self, list(codes))
        return raw, zlib.compress(raw)  # what ReportLab's Flate filter would make of it

    def makeSubset(self, subset):
        return self._subset(tuple(subset))[0]

    def addSubsetObjects(self, doc, fontname, subset):
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        if stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [_Deflated(self._subset(tuple(subset))[1])]
        return ref


class _Deflated(pdfdoc.PDFStreamFilterZCompress):
    """The Flate filter for a stream whose compressed bytes are already known."""

    def __init__(self, deflated: bytes):
        self.deflated = deflated

    def encode(self, text) -> bytes:
        return self.deflated


def _revive_font(font_state: dict, face_state: dict) -> _CachedTTFont:
    face = _CachedFace.__new__(_CachedFace)
    face.__dict__.update(face_state)
    with open(face.filename, "rb") as f:
        face._ttf_data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    upem = face.unitsPerEm  # the scale ReportLab's extractInfo sets, to PDF glyph space
    face._pdfScale = (lambda x: x) if upem == 1000 else (lambda x, k=1000 / upem: x * k)
    font = _CachedTTFont.__new__(_CachedTTFont)
    font.__dict__.update(font_state, face=face, state=WeakKeyDictionary())
    return font


def draw(page: Page, title: str) -> bytes:
    layout = page.layout
    settings = layout.print
    names = {key: _register(path) for key, path in layout.fonts.items()}
    first_font = names[page.texts()[0].font] if page.texts() else next(iter(names.values()))
    trim, bleed = layout.trim, settings.bleed
    slug = bleed + (settings.mark_offset + settings.mark_length if settings.crop_marks else 0.0)  # media beyond the trim
    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=(trim.width + 2 * slug, trim.height + 2 * slug),
        invariant=1,  # fixed dates (SOURCE_DATE_EPOCH if set) and /ID: the same page gives the same bytes
        pdfVersion=settings.pdf_version,
        initialFontName=first_font,  # else ReportLab selects Helvetica, a font that is not embedded
        initialFontSize=10,
    )
    _pdfx(canvas._doc, settings)
    canvas.setTitle(title)
    canvas.setSubject(layout.name)
    canvas.setCreator("hengyang-print")
    canvas.setAuthor("hengyang-print")
    canvas.setTrimBox((slug, slug, slug + trim.width, slug + trim.height))
    if bleed:
        canvas.setBleedBox((slug - bleed, slug - bleed, slug + trim.width + bleed, slug + trim.height + bleed))
    if settings.crop_marks:
        _crop_marks(canvas, slug, trim.width, trim.height, settings)
    canvas.translate(slug, slug)
    for item in page.items:
        if isinstance(item, ShapeItem):
            _shape(canvas, item, layout.colors[item.fill], settings.black_overprint)
        elif isinstance(item, ImageItem):
            _image(canvas, item)
        else:
            _text(canvas, item, names[item.font], layout.fonts[item.font], layout.colors[item.color], settings.black_overprint)
    canvas.showPage()
    for pdf_page in canvas._doc.Pages.pages:
        pdf_page.Trans = None  # ReportLab writes an empty slide transition: no use on a plate
        canvas._doc.updateSignature(pdf_page.stream)  # the trailer /ID from the content, not the title alone
    canvas.save()
    return out.getvalue()


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
    """A DeviceCMYK fill from plain floats (a CMYKColor object sets alpha, which bumps the PDF to 1.4).

    100 % K alone overprints (op true, OPM 1): black never knocks out what lies under it, so no white
    halo shows when the plates are misregistered on newsprint.
    """
    c, m, y, k = (v / 100 for v in cmyk)
    canvas.setFillColorCMYK(c, m, y, k)
    if overprint and (c, m, y) == (0, 0, 0) and k == 1:
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(True)


def _shape(canvas: Canvas, item: ShapeItem, cmyk, overprint: bool) -> None:
    canvas.saveState()
    _fill(canvas, cmyk, overprint)
    b = item.box
    if item.kind == "circle":
        canvas.circle(b.x + b.width / 2, b.y + b.height / 2, b.width / 2, stroke=0, fill=1)
    else:
        canvas.rect(b.x, b.y, b.width, b.height, stroke=0, fill=1)
    canvas.restoreState()


def _text(canvas: Canvas, item: TextItem, font_name: str, font_path: str, cmyk, overprint: bool) -> None:
    """One line as one text object: its glyphs in TJ arrays, each placed by an adjustment from where the glyph
    before it ends (a justified line's gaps), not by a text matrix of its own (content stream 78 -> 46 KB).
    A glyph within TOLERANCE of that point is set at it; a scaled glyph (the 2-em dash) is set alone. The
    operators go straight into the canvas (its _code, as drawText does): ReportLab's textOut would measure
    every string again, for a cursor we never use."""
    font = metrics(font_path)
    face = pdfmetrics.getFont(font_name)
    doc, size = canvas._doc, item.size
    canvas.saveState()
    _fill(canvas, cmyk, overprint)
    chunks = iter(face.splitString("".join(g.char for g in item.glyphs), doc))  # code bytes, by font subset
    subset, codes = next(chunks, (0, b""))
    at = 0
    ops = ["BT"]
    tj: list[bytes | str] = []  # the open TJ array: code strings, and adjustments between them
    current = None  # the subset the text object has selected
    pen = None  # where the glyph before ends, on the line; None: the next glyph needs a text matrix
    for glyph in item.glyphs:
        x = item.x + glyph.x + glyph.ink_dx
        mine = b""
        for _ in glyph.char:  # one code per code point, in the subset splitString gave it
            while at >= len(codes):
                subset, codes = next(chunks)
                at = 0
            mine += codes[at : at + 1]
            at += 1
        if subset != current:
            _close(ops, tj, canvas)
            ops.append(f"{face.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
            current = subset
        if pen is None or glyph.hscale != 1.0:
            _close(ops, tj, canvas)
            ops.append(f"1 0 0 1 {fp_str(x)} {fp_str(item.baseline)} Tm")
            placed = x
        elif abs(x - pen) >= TOLERANCE:
            adjust = f"{(pen - x) * 1000 / size:.2f}".rstrip("0").rstrip(".")
            tj.append(adjust)
            placed = pen - float(adjust) * size / 1000  # where a reader puts it: no rounding error adds up
        else:
            placed = pen
        if glyph.hscale != 1.0:  # scaled to fill its cells: Tz would scale the adjustments too
            ops.append(f"{fp_str(glyph.hscale * 100)} Tz ({canvas._escape(mine)}) Tj 100 Tz")
            pen = None
        else:
            if tj and isinstance(tj[-1], bytes):
                tj[-1] += mine  # no adjustment between them: one string
            else:
                tj.append(mine)
            pen = placed + font.advance(glyph.char) * size
    _close(ops, tj, canvas)
    ops.append("ET")
    canvas._code.append(" ".join(ops))
    canvas.restoreState()


def _close(ops: list[str], tj: list[bytes | str], canvas: Canvas) -> None:
    """Write the open TJ array (as Tj when it holds a single string) and empty it."""
    parts = [f"({canvas._escape(p)})" if isinstance(p, bytes) else p for p in tj]
    if len(parts) == 1:
        ops.append(f"{parts[0]} Tj")
    elif parts:
        ops.append(f"[{''.join(parts)}] TJ")
    tj.clear()
