"""Compose text into lines by the Chinese layout rules: segment → break → justify.

compose_paragraph is pure and cached, in memory and on disk (cache.remembered): a build recomposes
only paragraphs whose text, font, style, measure or composition code changed since any build before.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..cache import code_version, file_version, remembered
from ..fonts import metrics
from ..model import Line, Style
from . import clreq, words
from .lines import compose_lines
from .segment import atoms, boxes


def compose_paragraph(
    text: str, style: Style, font_path: str, measure: float, indent: bool = True, looseness: int = 0, words: bool = False
) -> tuple[Line, ...]:
    """Lines of one paragraph set in `style` on a measure in points (first line indented if asked).

    looseness ±1 asks for one line more or fewer within the justification limits (to balance
    columns); when that cannot be done the paragraph comes back as it would be set anyway.
    words: display text (headlines, captions, bylines): lines break between words (words.py), as
    evenly as the words allow, a last line holds three characters at least, and a newline is a
    forced break (an editor's; a headline given as a list of lines arrives so).
    """
    return _compose(text, font_path, style.size, measure, style.indent if indent else 0.0, style.tracking, style.align, looseness, words)


@lru_cache(maxsize=4096)
def _compose(text: str, font_path: str, size: float, measure: float, indent: float, tracking: float, align: str, looseness: int = 0, words: bool = False):
    font, engine = _font_version(font_path), _engine()
    args = (text, font_path, size, measure, indent, tracking, align, looseness, words)
    if font is None or engine is None:
        return _set(*args)
    # repr keeps every float exactly: a paragraph is found again only for the very same request
    return remembered("paragraphs", repr((engine, font, *args)), lambda: _set(*args))


@lru_cache(maxsize=None)
def _font_version(path: str) -> tuple[str, str] | None:
    """Once per process, as fonts.metrics reads the font once per process."""
    return file_version(path)


@lru_cache(maxsize=None)
def _engine() -> str | None:
    """The version of the code a composed paragraph depends on."""
    package = Path(__file__).parent.parent
    here = Path(__file__).parent
    return code_version(*sorted(here.glob("*.py")), words.USER_WORDS, package / "fonts.py", package / "model.py")


def _set(text: str, font_path: str, size: float, measure: float, indent: float, tracking: float, align: str, looseness: int, display: bool = False):
    font = metrics(font_path)
    text = clreq.solid_units(text)
    # Python's cyclic GC paused: composing makes many small objects and no cycles, and full collections
    # that walk them all made a 37,500-character paragraph 1.4x slower than linear (measured, bench.py)
    collecting = gc.isenabled()
    gc.disable()
    try:
        if not display:
            return tuple(compose_lines(boxes(atoms(text, font)), font, size, measure, indent, tracking, align == "justify", looseness))
        lines: list[Line] = []
        for part in (p.strip() for p in text.split("\n")):  # an editor's forced breaks
            if part:
                lines += compose_lines(
                    boxes(atoms(part, font)), font, size, measure, indent if not lines else 0.0, tracking, align == "justify",
                    looseness, word_breaks=lambda part=part: words.word_breaks(part),
                )
        return tuple(replace(line, first=k == 0, last=k == len(lines) - 1) for k, line in enumerate(lines))
    finally:
        if collecting:
            gc.enable()


def natural_width(text: str, style: Style, font_path: str) -> float:
    """Width in points of text set on one line without justification (for display lines)."""
    lines = _compose(text, font_path, style.size, 1e9, 0.0, style.tracking, "left")
    return lines[0].width if lines else 0.0
