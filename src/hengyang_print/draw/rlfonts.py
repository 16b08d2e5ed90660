"""ReportLab fonts: each TrueType face registered once per process, revived from the tables made with the
font (fontpack.py) or else from the font cache, its compressed subsets remembered between builds
(subsets.program). The writer (writer.py) asks it only for a subset program the cache lacks (make_subset)
and for a font without tables; pdf.py, the test oracle, draws with its fonts.
"""

from __future__ import annotations

import mmap
import zlib
from functools import cache, cached_property
from weakref import WeakKeyDictionary

from ..lazyimport import import_on_first_use

import_on_first_use("PIL.Image")  # ReportLab imports Pillow when imported, ~10 ms of every build; only a photo uses it

from reportlab import Version as REPORTLAB_VERSION  # noqa: E402 (after the lazy Pillow)
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from ..cache import cached
from ..fontpack import from_json, read_tables
from ..fonttables import CodeMap, Pairs, Window, column
from .subsets import font_name, program

_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with a character beyond the BMP (𫖮 U+2B5AE) written as UTF-16BE, a
    surrogate pair, as ISO 32000-1 9.10.3 requires: ReportLab writes <2B5AE>, which readers cannot decode."""
    cmap = _reportlab_to_unicode(fontname, subset)
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"\n<{i:02X}> <{code:04X}>\n", f"\n<{i:02X}> <{utf16}>\n", 1)
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@cache
def register(path: str) -> str:
    """Register a TrueType file once per process; the PDF name is derived from the file, not the layout key."""
    name = font_name(path)
    # asciiReadable off: else every subset carries the 96 ASCII glyphs whether the page uses them or not
    font = _from_tables(name, path) or cached(
        path,
        f"reportlab-{REPORTLAB_VERSION}",
        lambda: _CachedTTFont(name, path, asciiReadable=0),
        valid=lambda v: isinstance(v, _CachedTTFont),
    )
    pdfmetrics.registerFont(font)
    return name


def _from_tables(name: str, path: str) -> _CachedTTFont | None:
    """The face as ReportLab parsed it when the font was made (scripts/build_fonts.py), if these are its tables
    and this is the ReportLab that parsed it: the same state a parse gives, in flat arrays."""
    tables = read_tables(path)
    if tables is None or tables.reportlab["version"] != REPORTLAB_VERSION:
        return None
    face = from_json(tables.reportlab["face"])
    codes, glyphs = tables.array("codes"), tables.array("glyphs")
    face.update(
        filename=path,
        charToGlyph=CodeMap(codes, glyphs),
        charWidths=CodeMap(codes, tables.array("widths")),
        hmetrics=Pairs(tables.array("advances"), tables.array("lsbs")),
        glyphPos=tables.array("glyphPos"),
        _glyph_char_pairs=(glyphs, codes, tables.array("unshaped")),
    )
    # what TTFont.__init__ sets besides the face (asciiReadable=0, no shaping), as in a parsed font
    return _revive_font({"fontName": name, "encoding": TTEncoding(), "_asciiReadable": 0, "_shapable": False}, face)


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
        glyphs, chars, *left_out = self._glyph_char_pairs  # left out: code points ReportLab maps but does not shape
        skip = set(left_out[0]) if left_out else ()
        for glyph, char in zip(glyphs, chars):
            if char not in skip:
                inverse.setdefault(glyph, []).append(char)
        return inverse

    def get_table(self, tag: str):
        """For makeSubset. No 'name' table in subsets (ReportLab skips a table that raises KeyError): PDF needs
        none (ISO 32000-1 9.9; the font's name is in /BaseFont), and one in each 256-glyph subset costs 1 KB."""
        if tag == "name":
            raise KeyError(tag)
        return Window(self._ttf_data, self.get_table_pos(tag)[0]) if tag == "glyf" else super().get_table(tag)

    def makeSubset(self, subset):
        deflated, _ = program(self.filename, tuple(subset))
        return zlib.decompress(deflated)

    def addSubsetObjects(self, doc, fontname, subset):
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        if stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [_Deflated(program(self.filename, tuple(subset))[0])]
        return ref


def make_subset(path: str, codes: tuple[int, ...]) -> bytes:
    """ReportLab's subset program of the face for these code points (subsets.program remembers it)."""
    face = pdfmetrics.getFont(register(path)).face
    return TTFontFace.makeSubset(face, list(codes))


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
