"""Compose text into lines by the Chinese layout rules: segment → break → justify.

compose_paragraph is pure and cached, in memory and on disk (cache.remembered): a build recomposes
only paragraphs whose text, font, style, measure or composition code changed since any build before.
"""

from __future__ import annotations

import gc
from functools import lru_cache
from pathlib import Path

from ..cache import code_version, file_version, remembered
from ..fonts import face_chain
from ..model import Line, Style
from .lines import compose_lines
from .segment import atoms, boxes


def compose_paragraph(
    text: str, style: Style, font_path: str, measure: float, indent: bool = True, looseness: int = 0
) -> tuple[Line, ...]:
    """Lines of one paragraph set in `style` on a measure in points (first line indented if asked).

    looseness ±1 asks for one line more or fewer within the justification limits (to balance
    columns); when that cannot be done the paragraph comes back as it would be set anyway.
    """
    return _compose(text, _faces(font_path, style), style.size, measure, style.indent if indent else 0.0, style.tracking, style.align, looseness)


def _faces(font_path: str, style: Style) -> str | tuple[str, ...]:
    """The font, or the font and the style's fallback faces (a character comes from the first that has it)."""
    return (font_path, *style.fallback) if style.fallback else font_path


@lru_cache(maxsize=4096)
def _compose(text: str, font_path: str | tuple[str, ...], size: float, measure: float, indent: float, tracking: float, align: str, looseness: int = 0):
    font, engine = _font_version(font_path), _engine()
    args = (text, font_path, size, measure, indent, tracking, align, looseness)
    if font is None or engine is None:
        return _set(*args)
    # repr keeps every float exactly: a paragraph is found again only for the very same request
    return remembered("paragraphs", repr((engine, font, *args)), lambda: _set(*args))


@lru_cache(maxsize=None)
def _font_version(path: str | tuple[str, ...]) -> tuple | None:
    """Once per process, as fonts.metrics reads the font once per process."""
    if isinstance(path, tuple):
        versions = tuple(file_version(p) for p in path)
        return None if None in versions else versions
    return file_version(path)


@lru_cache(maxsize=None)
def _engine() -> str | None:
    """The version of the code a composed paragraph depends on."""
    package = Path(__file__).parent.parent
    return code_version(*sorted(Path(__file__).parent.glob("*.py")), package / "fonts.py", package / "model.py")


def _set(text: str, font_path: str | tuple[str, ...], size: float, measure: float, indent: float, tracking: float, align: str, looseness: int):
    font = face_chain(font_path if isinstance(font_path, tuple) else (font_path,))
    # Python's cyclic GC paused: composing makes many small objects and no cycles, and full collections
    # that walk them all made a 37,500-character paragraph 1.4x slower than linear (measured, bench.py)
    collecting = gc.isenabled()
    gc.disable()
    try:
        lines = compose_lines(boxes(atoms(text, font)), font, size, measure, indent, tracking, align == "justify", looseness)
    finally:
        if collecting:
            gc.enable()
    return tuple(lines)


def natural_width(text: str, style: Style, font_path: str) -> float:
    """Width in points of text set on one line without justification (for display lines)."""
    lines = _compose(text, _faces(font_path, style), style.size, 1e9, 0.0, style.tracking, "left")
    return lines[0].width if lines else 0.0
