"""Stage 2, compose: text + a Setting → Lines, by the Chinese layout rules (segment → break → justify).

One door: compose(text, setting). A Setting is the whole request (face, size, measure, indent, tracking,
align, looseness) and the cache key: composing is pure and cached, in memory and on disk
(cache.remembered), so a build recomposes only paragraphs whose text, setting or composition code
changed since any build before. Imports only the model, fonts and cache.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..cache import code_version, file_version, remembered
from ..fonts import metrics
from ..model import Line, Style
from .lines import compose_lines
from .segment import atoms, boxes


@dataclass(frozen=True)
class Setting:
    """How one paragraph is set: everything composition depends on besides the text."""

    font: str  # path of the TrueType file
    size: float  # pt
    measure: float  # pt
    indent: float = 0.0  # first-line indent, em
    tracking: float = 0.0  # extra space after every character, em
    align: str = "justify"  # justify | left | right | center
    looseness: int = 0  # ±1: one line more or fewer within the justification limits (to balance columns)

    @classmethod
    def of(cls, style: Style, font: str, measure: float, indent: bool = True, align: str | None = None, looseness: int = 0) -> Setting:
        """A layout style's setting on a measure; display lines pass indent=False and their region's align."""
        return cls(font, style.size, measure, style.indent if indent else 0.0, style.tracking, align or style.align, looseness)


def compose(text: str, setting: Setting) -> tuple[Line, ...]:
    """Lines of one paragraph. With looseness that cannot be met, the paragraph comes back as it would be set anyway."""
    return _compose(text, setting)


def compose_paragraph(text: str, style: Style, font_path: str, measure: float, indent: bool = True, looseness: int = 0) -> tuple[Line, ...]:
    """compose() with a style's setting (kept while callers move to Setting)."""
    return compose(text, Setting.of(style, font_path, measure, indent, looseness=looseness))


@lru_cache(maxsize=4096)
def _compose(text: str, setting: Setting) -> tuple[Line, ...]:
    font, engine = _font_version(setting.font), _engine()
    if font is None or engine is None:
        return _set(text, setting)
    # repr keeps every float exactly: a paragraph is found again only for the very same request
    return remembered("paragraphs", repr((engine, font, text, setting)), lambda: _set(text, setting))


@lru_cache(maxsize=None)
def _font_version(path: str) -> tuple[str, str] | None:
    """Once per process, as fonts.metrics reads the font once per process."""
    return file_version(path)


@lru_cache(maxsize=None)
def _engine() -> str | None:
    """The version of the code a composed paragraph depends on."""
    package = Path(__file__).parent.parent
    return code_version(*sorted(Path(__file__).parent.glob("*.py")), package / "fonts.py", package / "model.py")


def _set(text: str, s: Setting) -> tuple[Line, ...]:
    font = metrics(s.font)
    # Python's cyclic GC paused: composing makes many small objects and no cycles, and full collections
    # that walk them all made a 37,500-character paragraph 1.4x slower than linear (measured, bench.py)
    collecting = gc.isenabled()
    gc.disable()
    try:
        lines = compose_lines(boxes(atoms(text, font)), font, s.size, s.measure, s.indent, s.tracking, s.align == "justify", s.looseness)
    finally:
        if collecting:
            gc.enable()
    return tuple(lines)

