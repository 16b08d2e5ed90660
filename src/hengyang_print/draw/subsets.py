"""A document's font subsets as plain data, the way ReportLab 5.1's TTFont assigns them, with no ReportLab import.

Codes (Subsets.code, ReportLab's TTFont.splitString with asciiReadable off): a face's characters get codes
in the order they are first used in the document, in subsets of 256; code 0 is .notdef (a character the
face lacks), code 32 of every subset the space (U+00A0 is set as the space). A subset's PDF font is
/F<n>+<subset>, n counting the faces in the order they are first selected, its BaseFont AAAAAA+, AAAAAB+, …
(SUBSETN) before the face's PostScript name.

What a subset's objects need of the face (Face: widths, descriptor values) comes from the tables beside
the font (fontpack.py), which hold ReportLab's face scalars; only a font without current tables is parsed
by ReportLab (rlfonts.py). The subset programs themselves (FontFile2) are ReportLab's makeSubset, remembered
in the cache (kind "subsets"): ReportLab is imported only to make one the cache lacks.
"""

from __future__ import annotations

import zlib
from functools import cache, lru_cache
from pathlib import Path

from ..cache import code_version, file_version, package_version, remembered
from ..fontpack import read_tables
from ..fonttables import CodeMap

SUBSETS_KEPT = 600  # compressed font subsets in the cache (~30 KB each): some 100 pages' worth
RLFONTS = Path(__file__).with_name("rlfonts.py")  # what makes a subset program: its version keys them
FF_SYMBOLIC, FF_NONSYMBOLIC = 1 << 2, 1 << 5


REPORTLAB_VERSION = package_version("reportlab", "__init__.py", "Version")


def font_name(path: str) -> str:
    """The name a face is registered under, from its file (not the layout's key): HY-<file stem>."""
    return "HY-" + path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


class Face:
    """What the PDF objects of a face's subsets need: ReportLab's face values (name, descriptor metrics,
    widths by code point in its glyph space, the code points it maps)."""

    def __init__(self, path: str, values: dict, maps, widths):
        self.path, self.maps, self.widths = path, maps, widths
        self.name = values["name"] + values["subfontNameX"]  # bytes: the PostScript name
        self.default_width = values["defaultWidth"]
        self.descriptor = {
            "Type": "/FontDescriptor",
            "Ascent": values["ascent"],
            "CapHeight": values["capHeight"],
            "Descent": values["descent"],
            "Flags": values["flags"] & ~FF_NONSYMBOLIC | FF_SYMBOLIC,
            "FontBBox": list(values["bbox"]),
            "ItalicAngle": values["italicAngle"],
            "StemV": values["stemV"],
            "MissingWidth": values["defaultWidth"],
        }

    def width(self, code: int):
        return self.widths.get(code, self.default_width)


SCALARS = (
    "name",
    "subfontNameX",
    "defaultWidth",
    "ascent",
    "capHeight",
    "descent",
    "flags",
    "bbox",
    "italicAngle",
    "stemV",
)


@cache
def face(path: str) -> Face:
    """The face from its tables if ReportLab's version made them, else as ReportLab parses it."""
    tables = read_tables(path)
    if tables is not None and tables.reportlab["version"] == REPORTLAB_VERSION:
        stored = tables.reportlab["face"]
        values = {k: _plain(stored[k]) for k in SCALARS}
        widths = CodeMap(tables.array("codes"), tables.array("widths"))
        return Face(path, values, widths, widths)
    from reportlab.pdfbase import pdfmetrics

    from .rlfonts import register

    parsed = pdfmetrics.getFont(register(path)).face
    return Face(path, {k: getattr(parsed, k) for k in SCALARS}, parsed.charToGlyph, parsed.charWidths)


def _plain(v):
    """A face scalar as fontpack.to_json stored it: a name as its UTF-8 bytes, bytes, tuples."""
    if isinstance(v, dict):
        if "$name" in v:
            return v["$name"].encode("utf8")
        if "$bytes" in v:
            return bytes.fromhex(v["$bytes"])
        if "$tuple" in v:
            return tuple(_plain(x) for x in v["$tuple"])
    return v


class Subsets:
    """One face's codes in one document (TTFont.State and splitString, asciiReadable off)."""

    def __init__(self, face: Face):
        self.face = face
        self.assignments = {0: 0, 32: 32}  # code point -> subset × 256 + code
        self.subsets = [[0] + [32] * 32]  # each subset's code points by code
        self.next = 1

    def code(self, cp: int) -> int:
        """The code point's subset × 256 + code, assigning the next one if it has none yet."""
        if cp == 0xA0:
            cp = 32
        n = self.assignments.get(cp)
        if n is not None:
            return n
        if cp not in self.face.maps:
            return 0
        n = self.next
        if n & 0xFF == 32:  # code 32 of every subset is the space
            if n != 32:
                self.subsets[n >> 8].append(32)
            n = self.next = n + 1
        if n > 32:
            if not n & 0xFF:  # a new subset, its code 0 .notdef
                self.subsets.append([0])
                n = self.next = n + 1
            self.subsets[n >> 8].append(cp)
        else:
            self.subsets[0][n] = cp
        self.next = n + 1
        self.assignments[cp] = n
        return n


def subset_prefix(n: int) -> str:
    """SUBSETN: the subset's number in six letters, digits 0-9 as A-K without H."""
    return ("%6.6d" % n).translate(str.maketrans("0123456789", "ABCDEFGIJK"))


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ttfonts.makeToUnicodeCMap, a character beyond the BMP (𫖮 U+2B5AE) written as UTF-16BE, a surrogate
    pair, as ISO 32000-1 9.10.3 requires: ReportLab writes <2B5AE>, which readers cannot decode (rlfonts.py
    mends ReportLab's alike)."""
    chars = [
        f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper() if v > 0xFFFF else f'{v:04X}'}>"
        for i, v in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <%02X>" % (len(subset) - 1),
            "endcodespacerange",
            "%d beginbfchar" % len(subset),
            *chars,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@lru_cache(maxsize=64)
def program(path: str, codes: tuple[int, ...]) -> tuple[bytes, int]:
    """(compressed, length) of the face's subset program for these code points, remembered across builds (a
    rebuild mostly uses the same characters in the same order: its subsets, and their compression, a third of
    drawing a page, are those of the build before)."""
    version = file_version(path), code_version(RLFONTS), REPORTLAB_VERSION
    if None in version:
        raw = make_program(path, codes)
        return zlib.compress(raw), len(raw)
    deflated = remembered(
        "subsets",
        repr((*version, codes)),
        lambda: zlib.compress(make_program(path, codes)),
        limit=SUBSETS_KEPT,
        valid=lambda v: isinstance(v, bytes),
    )
    return deflated, len(zlib.decompress(deflated))


def make_program(path: str, codes: tuple[int, ...]) -> bytes:
    """ReportLab's TTFontFace.makeSubset (rlfonts.py): the one thing of a page only ReportLab makes."""
    from .rlfonts import make_subset

    return make_subset(path, codes)
