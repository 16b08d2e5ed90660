"""Read the metrics composition needs from a TrueType file: advances, em box, glyph coverage.

Read from the tables made with the font (tables.py) when they are this font's; else parsed once per font
file version and kept in the persistent cache (cache.py). Once per process in memory either way: fonts do
not change between builds, and parsing a CJK face's cmap takes longer than composing a page.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from ..cache import cached, shaped
from ..errors import BuildError
from ..i18n import _
from .advances import Advances
from .tables import narrow, read_tables, write_tables


@dataclass(frozen=True)
class FontMetrics:
    path: str
    upem: int
    advances: Advances  # code point -> advance in font units
    ascent: float  # em box above the baseline, in em (ideographic: 0.88)
    descent: float  # em box below the baseline, in em, positive
    cap_height: float  # height of capitals and lining digits, in em (OS/2 sCapHeight): centres a badge's number
    dash_ink: tuple[float, float]  # ink extent of U+2014 in em, to join —— seamlessly
    postscript_name: str = ""  # name table entry 6: what a PDF calls the face (tools read PDFs by it)

    def has(self, ch: str) -> bool:
        return ord(ch) in self.advances

    def advance(self, ch: str) -> float:
        """Advance width in em."""
        return self.advances.get(ord(ch), self.upem) / self.upem


# what the tables store of FontMetrics besides the advances
SCALARS = tuple(f.name for f in fields(FontMetrics) if f.name not in ("path", "advances"))


@cache
def metrics(path: str) -> FontMetrics:
    tables = read_tables(path)
    if tables is None or set(tables.scalars) != set(SCALARS):  # none, another font's, or made by older code
        return cached(path, "metrics", lambda: parse_metrics(path), valid=shaped(FontMetrics))
    advances = Advances.from_arrays(tables.array("bmp"), tables.array("beyond_codes"), tables.array("beyond_advances"))
    scalars = {k: tuple(v) if isinstance(v, list) else v for k, v in tables.scalars.items()}
    return FontMetrics(path=path, advances=advances, **scalars)


def store_tables(path: str) -> None:
    """Parse the font and write its tables beside it (scripts/build_fonts.py, when the fonts are made)."""
    found = parse_metrics(path)
    beyond = sorted(found.advances.beyond.items())
    arrays = {
        "bmp": found.advances.bmp,
        "beyond_codes": narrow(c for c, _ in beyond),
        "beyond_advances": narrow(a for _, a in beyond),
    }
    write_tables(path, {name: getattr(found, name) for name in SCALARS}, arrays)


def parse_metrics(path: str) -> FontMetrics:
    from fontTools.ttLib import TTFont  # needed only for a font without tables, once (then cached)

    try:
        font = TTFont(path, lazy=True)
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        upem = font["head"].unitsPerEm
        os2 = font["OS/2"]
    except Exception as exc:  # fontTools raises many kinds for a bad file
        raise BuildError(_("{path}: not a readable TrueType font ({reason})").format(path=path, reason=exc)) from None
    if "glyf" not in font:
        raise BuildError(
            _("{path}: has no TrueType outlines (convert CFF fonts with scripts/build_fonts.py)").format(path=path)
        )
    advances = {code: hmtx[name][0] for code, name in cmap.items()}
    dash_ink = (0.0, 1.0)
    if 0x2014 in cmap:
        glyph = font["glyf"][cmap[0x2014]]
        if glyph.numberOfContours:
            dash_ink = (glyph.xMin / upem, glyph.xMax / upem)
    return FontMetrics(
        path=path,
        upem=upem,
        advances=Advances(advances),
        ascent=os2.sTypoAscender / upem,
        descent=-os2.sTypoDescender / upem,
        cap_height=_cap_height(font, cmap, os2) / upem,
        postscript_name=font["name"].getDebugName(6) or "",
        dash_ink=dash_ink,
    )


def _cap_height(font, cmap: dict, os2) -> float:
    """OS/2 sCapHeight (version 2 on); for an older table, the top of the digit one's outline."""
    if getattr(os2, "sCapHeight", 0):
        return os2.sCapHeight
    glyph = font["glyf"][cmap[0x31]] if 0x31 in cmap else None
    return glyph.yMax if glyph is not None and glyph.numberOfContours else 0.7 * font["head"].unitsPerEm


@dataclass(frozen=True)
class FaceChain:
    """A style's font with its fallback faces, measured as one: a character comes from the first face that has
    it (face_for), with that face's advance. The em box, cap height and dash are the first face's."""

    faces: tuple[FontMetrics, ...]

    @property
    def path(self) -> str:
        return self.faces[0].path

    # the em box, cap height and dash of the style's own font
    upem = property(lambda self: self.faces[0].upem)
    ascent = property(lambda self: self.faces[0].ascent)
    descent = property(lambda self: self.faces[0].descent)
    cap_height = property(lambda self: self.faces[0].cap_height)
    dash_ink = property(lambda self: self.faces[0].dash_ink)

    def face_for(self, ch: str) -> FontMetrics:
        """The face that draws `ch` (every code point of it); the first face when none does."""
        for face in self.faces:
            if all(face.has(c) for c in ch):
                return face
        return self.faces[0]

    def has(self, ch: str) -> bool:
        return any(face.has(ch) for face in self.faces)

    def advance(self, ch: str) -> float:
        return self.face_for(ch).advance(ch)


def face_chain(paths: tuple[str, ...]) -> FontMetrics | FaceChain:
    """The metrics to set text in: the font alone, or the font with its fallback faces (Style.fallback)."""
    return metrics(paths[0]) if len(paths) == 1 else _chain(paths)


@cache
def _chain(paths: tuple[str, ...]) -> FaceChain:
    return FaceChain(tuple(metrics(p) for p in paths))


def missing_glyphs(text: str, font: FontMetrics | FaceChain) -> list[tuple[int, str]]:
    """(offset, character) of every character the font cannot draw (spaces and line breaks aside)."""
    lacking = {ch for ch in set(text) if ch != "\n" and not font.has(ch)}  # each character asked once
    return [(i, ch) for i, ch in enumerate(text) if ch in lacking] if lacking else []
