"""Read the metrics composition needs from a TrueType file: advances, em box, glyph coverage.

Parsed once per font file version, kept in the persistent cache (cache.py) and once per process in memory:
fonts do not change between builds, and parsing a CJK face's cmap takes longer than composing a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .cache import cached, shaped
from .errors import BuildError
from .fonttables import Advances


@dataclass(frozen=True)
class FontMetrics:
    path: str
    upem: int
    advances: Advances  # code point -> advance in font units
    ascent: float  # em box above the baseline, in em (ideographic: 0.88)
    descent: float  # em box below the baseline, in em, positive
    cap_height: float  # height of capitals and lining digits, in em (OS/2 sCapHeight): centres a badge's number
    dash_ink: tuple[float, float]  # ink extent of U+2014 in em, to join —— seamlessly

    def has(self, ch: str) -> bool:
        return ord(ch) in self.advances

    def advance(self, ch: str) -> float:
        """Advance width in em."""
        return self.advances.get(ord(ch), self.upem) / self.upem


@lru_cache(maxsize=None)
def metrics(path: str) -> FontMetrics:
    return cached(path, "metrics", lambda: _parse(path), valid=shaped(FontMetrics))


def _parse(path: str) -> FontMetrics:
    from fontTools.ttLib import TTFont  # off the start-up path: needed only when the cache misses

    try:
        font = TTFont(path, lazy=True)
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        upem = font["head"].unitsPerEm
        os2 = font["OS/2"]
    except Exception as exc:  # fontTools raises many kinds for a bad file
        raise BuildError(f"{path}: not a readable TrueType font ({exc})") from None
    if "glyf" not in font:
        raise BuildError(f"{path}: has no TrueType outlines (convert CFF fonts with scripts/build_fonts.py)")
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
        dash_ink=dash_ink,
    )


def _cap_height(font, cmap: dict, os2) -> float:
    """OS/2 sCapHeight (version 2 on); for an older table, the top of the digit one's outline."""
    if getattr(os2, "sCapHeight", 0):
        return os2.sCapHeight
    glyph = font["glyf"][cmap[0x31]] if 0x31 in cmap else None
    return glyph.yMax if glyph is not None and glyph.numberOfContours else 0.7 * font["head"].unitsPerEm


def missing_glyphs(text: str, font: FontMetrics) -> list[tuple[int, str]]:
    """(offset, character) of every character the font cannot draw (spaces and line breaks aside)."""
    return [(i, ch) for i, ch in enumerate(text) if ch not in "\n" and not font.has(ch)]
