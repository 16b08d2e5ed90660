"""Stage 2, compose: text + a Setting → Lines, by the Chinese layout rules (segment → break → justify).

One door: compose(text, setting). A Setting is the whole request (face, size, measure, indent, tracking,
align, looseness, words) and the cache key: composing is pure and cached, in memory and on disk
(cache.remembered), so a build recomposes only paragraphs whose text, setting or composition code
changed since any build before. Imports only the model, fonts and cache.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from ..cache import code_version, file_version, remembered
from ..fonts import face_chain
from ..model import Line, Style
from . import clreq
from . import words as word_breaking
from .lines import Breaking, broken, set_lines
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
    # display text (headlines, captions, bylines): lines break between words (words.py), as evenly as
    # the words allow, a last line holds three characters at least, and a newline is an editor's forced break
    words: bool = False
    fallback: tuple[str, ...] = ()  # paths of the faces that set a character `font` lacks, in order (Style.fallback)
    loose_limit: float = clreq.LETTERSPACE_MAX  # em justification may add between two characters (Style.loose_limit)
    max_squeezed: int | None = None  # marks' worth of ½ em a justified line may squeeze (Style.max_squeezed)
    last_min: int = clreq.RELINED_LAST_MIN  # characters on the last line of a paragraph set with looseness

    @classmethod
    def of(
        cls,
        style: Style,
        font: str,
        measure: float,
        indent: bool = True,
        align: str | None = None,
        looseness: int = 0,
        words: bool = False,
        last_min: int = clreq.RELINED_LAST_MIN,
    ) -> Setting:
        """A layout style's setting on a measure; display lines pass indent=False, their region's align and
        words=True; a paragraph set longer or shorter (looseness) the fit bounds' min_last_line."""
        return cls(
            font,
            style.size,
            measure,
            style.indent if indent else 0.0,
            style.tracking,
            align or style.align,
            looseness,
            words,
            style.fallback,
            style.loose_limit,
            style.max_squeezed,
            last_min if looseness else clreq.RELINED_LAST_MIN,
        )


def compose(text: str, setting: Setting) -> tuple[Line, ...]:
    """Lines of one paragraph. With looseness that cannot be met, the paragraph comes back as it would be set anyway."""
    return _compose(text, setting)


def compose_paragraph(
    text: str,
    style: Style,
    font_path: str,
    measure: float,
    indent: bool = True,
    looseness: int = 0,
    words: bool = False,
) -> tuple[Line, ...]:
    """compose() with a style's setting (kept while callers move to Setting)."""
    return compose(text, Setting.of(style, font_path, measure, indent, looseness=looseness, words=words))


@lru_cache(maxsize=4096)
def _compose(text: str, setting: Setting) -> tuple[Line, ...]:
    font, engine = _font_version((setting.font, *setting.fallback)), _engine()
    if font is None or engine is None:
        return _set(text, setting)
    # repr keeps every float exactly: a paragraph is found again only for the very same request
    return remembered("paragraphs", repr((engine, font, text, setting)), lambda: _set(text, setting), valid=_lines)


def _lines(value) -> bool:
    """The shape of a stored paragraph (cache.remembered's check)."""
    return isinstance(value, tuple) and all(isinstance(line, Line) for line in value)


@cache
def _font_version(paths: tuple[str, ...]) -> tuple | None:
    """Once per process, as fonts.metrics reads the font once per process: the font's version, or with fallback
    faces the versions of all."""
    versions = tuple(file_version(p) for p in paths)
    return None if None in versions else versions[0] if len(versions) == 1 else versions


@cache
def _engine() -> str | None:
    """The version of the code a composed paragraph depends on (the segmenter's word list included)."""
    package = Path(__file__).parent.parent
    here = Path(__file__).parent
    return code_version(
        *sorted(here.glob("*.py")),
        *sorted((package / "fonts").glob("*.py")),
        word_breaking.USER_WORDS,
        package / "model.py",
    )


def _set(text: str, s: Setting) -> tuple[Line, ...]:
    font = face_chain((s.font, *s.fallback))
    text = clreq.solid_units(text)
    justified = s.align == "justify"
    free = replace(s, looseness=0, last_min=clreq.RELINED_LAST_MIN)  # the free breaking a relining starts from
    if not s.words:
        text = clreq.joined_lines(text)
        breaking = _broken(text, free, s.indent)
        return tuple(set_lines(breaking, font, s.size, s.measure, justified, s.looseness, s.last_min))
    lines: list[Line] = []
    for part in (p.strip() for p in text.split("\n")):  # an editor's forced breaks
        if part:
            breaking = _broken(part, free, s.indent if not lines else 0.0)
            lines += set_lines(breaking, font, s.size, s.measure, justified, s.looseness)
    return tuple(replace(line, last=k == len(lines) - 1) for k, line in enumerate(lines))


def _broken(text: str, s: Setting, indent: float) -> Breaking | None:
    """The free breaking of one paragraph (or a display text's part) set so (s without looseness), kept for the
    process: fitting asks for a paragraph it has just set a line longer or shorter, and the relining starts
    from the same cells and free breaking (segmenting and breaking it again was a third of a relining's time)."""
    key = (text, s, indent)
    if key in _kept:
        _kept[key] = _kept.pop(key)  # the most recent last
        return _kept[key]
    font = face_chain((s.font, *s.fallback))
    word_breaks = (lambda: word_breaking.word_breaks(text)) if s.words else None
    justified = s.align == "justify"

    def breaking(counters: set[int] | None = None) -> Breaking | None:
        cells = boxes(atoms(text, font, counters_apart=bool(counters)))
        limits = (s.loose_limit, s.max_squeezed, counters)
        return broken(cells, s.size, s.measure, indent, s.tracking, justified, word_breaks, *limits)

    made = breaking()
    if made is not None and justified and not s.words and made.loose and clreq.counter_breaks(text):
        apart = breaking(clreq.counter_breaks(text))  # the last resort before a loose line: 112.6万 / 人次
        made = made if apart.loose else apart  # a number split and a loose line still: the number stays whole
    _kept[key] = made
    kept = sum(len(text) for text, _, _ in _kept)
    while kept > KEPT_CHARACTERS and len(_kept) > 1:  # the oldest go (a breaking holds ~0.5 kB a character)
        oldest = next(iter(_kept))
        kept -= len(oldest[0])
        del _kept[oldest]
    return made


KEPT_CHARACTERS = (
    20_000  # the free breakings of this many characters' paragraphs are kept (~10 MB): the default page sets ~2,800
)
_kept: dict[tuple, Breaking | None] = {}  # (text, setting, indent) → its free breaking, the oldest first
