"""A placed line as runs of glyphs a PDF text object can show with one origin and one character spacing.

Composition places every glyph itself (justification spreads gaps, punctuation is squeezed, opening marks
are set right in their cell). A viewer puts a glyph where the one before it ends plus the character
spacing (Tc, ISO 32000-1 9.3.2), so glyphs whose gaps are all equal form one run; a gap that differs, a
change of face (a fallback glyph) or a scaled glyph (the seamless 2-em dash) starts the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..fonts import metrics
from ..model import TextItem

TOLERANCE = 0.01  # pt: gaps closer than this are one spacing


@dataclass(frozen=True, slots=True)
class Run:
    face: str  # font file
    x: float  # where the first glyph is drawn, from the line's start
    spacing: float  # added after each glyph (Tc), pt
    hscale: float  # horizontal scale (Tz / 100): 1.0 but for a stretched dash, which is a run of its own
    text: str


def runs(item: TextItem) -> list[Run]:
    paths = (item.font, *item.fallback)
    where = _faces(paths)
    out: list[Run] = []
    face = x = spacing = pen = None  # the open run: its face, origin, spacing (None: one glyph so far), end
    chars: list[str] = []
    for glyph in item.glyphs:
        index, em = where[glyph.char]
        drawn_at = glyph.x + glyph.ink_dx
        advance = em * item.size * glyph.hscale
        gap = None if pen is None else drawn_at - pen
        joins = (
            chars
            and glyph.hscale == 1.0
            and paths[index] == face
            and (spacing is None or abs(gap - spacing) < TOLERANCE)
        )
        if joins:
            if spacing is None:
                spacing = gap
            chars.append(glyph.char)
            pen = drawn_at + advance
            continue
        if chars:
            out.append(Run(face, x, spacing or 0.0, 1.0, "".join(chars)))
        if glyph.hscale != 1.0:  # alone: Tz would scale the spacing too
            out.append(Run(paths[index], drawn_at, 0.0, glyph.hscale, glyph.char))
            face = x = spacing = pen = None
            chars = []
            continue
        face, x, spacing, pen, chars = paths[index], drawn_at, None, drawn_at + advance, [glyph.char]
    if chars:
        out.append(Run(face, x, spacing or 0.0, 1.0, "".join(chars)))
    return out


class _Faces(dict):
    """A glyph's character -> (the index of the first face of the chain that has all of it, its advance in em
    there), each worked out once."""

    def __init__(self, paths: tuple[str, ...]):
        super().__init__()
        self.faces = [metrics(p) for p in paths]

    def __missing__(self, char: str) -> tuple[int, float]:
        index = next((i for i, f in enumerate(self.faces) if all(f.has(c) for c in char)), 0)
        found = self[char] = index, sum(self.faces[index].advance(c) for c in char)
        return found


@cache
def _faces(paths: tuple[str, ...]) -> _Faces:
    return _Faces(paths)
