"""A page's lines of text as content-stream operators, for either PDF drawer (writer.py, pdf.py).

One line is one text object: its glyphs in TJ arrays, each placed by an adjustment from where the glyph
before it ends (a justified line's gaps), not by a text matrix of its own (content stream 78 -> 46 KB).
A line's operators are reused from the build before of the page (the "drawn-lines" cache) when the codes
its characters get in this document come out the same. The codes come from the drawer's Codes: the
document's own assignment (writer.py, subsets.py) or ReportLab's (pdf.py, the test oracle). No ReportLab import.
"""

from __future__ import annotations

from pathlib import Path

from .. import cache
from ..fonts import metrics
from ..model import Page, TextItem
from .pdfsyntax import fp_str
from .subsets import REPORTLAB_VERSION

TYPE_CHECKING = False  # typing (~3 ms of a start) only for a type checker
if TYPE_CHECKING:
    from collections.abc import Callable

TOLERANCE = 0.01  # pt: glyphs closer than this to where the previous one ends are set as one run


class Codes:
    """A document's codes for characters in its font subsets, asked of `number` (the drawer's assignment)
    once a character, and its subsets' font names, asked of `subset_name` once a subset."""

    def __init__(self):
        self.codes: dict[str, dict[str, tuple[int, bytes]]] = {}  # face -> code point -> (subset, code)
        self.fonts: dict[tuple[str, int], str] = {}  # (face, subset) -> the subset's PDF font name

    def number(self, name: str, cp: str) -> int:
        """The code (subset × 256 + code) of a character of one code point, assigned if it has none yet."""
        raise NotImplementedError

    def subset_name(self, name: str, subset: int) -> str:
        raise NotImplementedError

    def codes_of(self, name: str) -> dict[str, tuple[int, bytes]]:
        """A face's characters -> (subset, code), as this document assigned them."""
        got = self.codes.get(name)
        if got is None:
            got = self.codes[name] = {}
        return got

    def code(self, name: str, cp: str) -> tuple[int, bytes]:
        n = self.number(name, cp)
        got = self.codes_of(name)[cp] = (n >> 8, bytes((n & 0xFF,)))
        return got

    def font(self, name: str, subset: int) -> str:
        got = self.fonts.get((name, subset))
        if got is None:
            got = self.fonts[name, subset] = self.subset_name(name, subset)
        return got


class TextWriter:
    """A page's lines onto a content stream (`code`, a list of operator strings): a glyph within TOLERANCE of
    where the glyph before ends is set at it; a scaled glyph (the 2-em dash) is set alone. A glyph is set in
    the first of the line's faces (its font, then the fallback faces) that has it, a run of them in one font
    selection. What a line in a colour opens with (q, the fill, the overprint states) is the drawer's
    `opener`, asked once a colour: every item leaves the graphics state as it found it."""

    def __init__(
        self,
        code: list[str],
        escape: Callable[[bytes], str],
        codes: Codes,
        names: dict[str, str],
        before: tuple[str | None, dict],
        opener: Callable[[tuple, bool], list[str]],
    ):
        self.code, self.escape, self.names, self.opener = code, escape, names, opener
        self.codes_of, self.code_of, self.font = codes.codes_of, codes.code, codes.font
        (self.page_key, self.before), self.now = before, {}  # lines drawn: the build before's, this one's
        self.openers: dict[tuple, list[str]] = {}  # (CMYK, overprint) -> operators before BT
        self.advances: dict[str, _Advances] = {}  # font file -> character -> advance in em
        self.events: dict | None = (
            None  # what the line being drawn asked, in order: (face, char) -> (subset, code), (face, subset) -> name
        )

    def advances_of(self, path: str) -> dict[str, float]:
        got = self.advances.get(path)
        if got is None:
            got = self.advances[path] = _Advances(metrics(path))
        return got

    def text(self, item: TextItem, overprint: bool) -> None:
        key = (tuple(item.color), overprint)
        opener = self.openers.get(key)
        if opener is None:
            opener = self.openers[key] = self.opener(key[0], overprint)
        code = self.code
        code.extend(opener)
        code.append(self.line_ops(item))
        code.append("Q")

    def line_ops(self, item: TextItem) -> str:
        """A line's operators as the build before of this page drew them (a rebuild redraws mostly the same
        lines, and the composer, or the cache's pack, gives an unchanged paragraph the very same glyph
        objects), if the codes and subset names it used are the ones this document gives them: asked again of
        the document's Codes in the order the line first used them, which leaves its assignment as drawing the
        line would; else drawn afresh."""
        glyphs = item.glyphs
        key = (item.block, item.line, item.x, item.size, item.font, item.fallback)  # the baseline is filled in
        got = self.before.get(key)
        if got is not None and got[0] is glyphs and self.replay(got[1]):
            self.now[key] = got
            ops = got[2]
        else:
            self.events = {}
            try:
                ops = self.ops(item)
                self.now[key] = (glyphs, _flat(self.events), ops)
            finally:
                self.events = None
        return ops.replace(BASELINE, f" {fp_str(item.baseline)} Tm")

    def keep(self) -> None:
        """This page's lines as drawn, for the next build of it (in this process, and in the cache's pack)."""
        now, before = self.now, self.before
        if self.page_key is None or (now.keys() == before.keys() and all(now[k] is before[k] for k in now)):
            return
        if len(_drawn) >= MAX_PAGES_DRAWN:
            _drawn.clear()
        _drawn[self.page_key] = now
        cache.remember("drawn-lines", self.page_key, now)

    def replay(self, events: tuple) -> bool:
        """Ask again what a line asked (_flat's triples, in order); True if every answer is the same. Asked in
        the order drawing the line asks them, so that a line that fails leaves the document's codes as the
        first of its drawing would: it is drawn afresh from there."""
        it = iter(events)
        for name, what, want in zip(it, it, it):
            if isinstance(what, str):  # a character's code, subset × 256 + code
                subset, code = self.codes_of(name).get(what) or self.code_of(name, what)
                if subset << 8 | code[0] != want:  # codes shifted (an edit brought a character before)
                    return False
            elif self.font(name, what) != want:  # a subset's font name
                return False
        return True

    def ops(self, item: TextItem) -> str:
        """The line's operators, BASELINE standing for its baseline's operand and Tm."""
        size, names, escape = item.size, self.names, self.escape
        paths = (item.font, *item.fallback)
        chain = [metrics(p) for p in paths] if len(paths) > 1 else None
        size_op = f" {fp_str(size)} Tf"
        baseline_op = BASELINE  # a line moved down its column is the same line: its baseline is filled in (line_ops)
        ops = ["BT"]
        tj: list[bytes | str] = []  # the open TJ array: code strings, and adjustments between them
        open_string = False  # does tj end with a string (the next glyph's code joins it)?
        current, current_subset = None, -1  # the face and subset the text object has selected
        pen = None  # where the glyph before ends, on the line; None: the next glyph needs a text matrix
        path, left = item.font, item.x
        name = names[path]
        codes, advances = self.codes_of(name), self.advances_of(path)
        events = self.events if self.events is not None else {}
        for glyph in item.glyphs:
            char = glyph.char
            if chain is not None:
                path = paths[next((i for i, m in enumerate(chain) if all(m.has(c) for c in char)), 0)]
                name = names[path]
                codes, advances = self.codes_of(name), self.advances_of(path)
            if len(char) == 1:
                subset, mine = events[name, char] = codes.get(char) or self.code_of(name, char)
            else:  # one code per code point; the glyph is selected in the subset of the last
                mine = b""
                for cp in char:
                    subset, one = events[name, cp] = codes.get(cp) or self.code_of(name, cp)
                    mine += one
            x = left + glyph.x + glyph.ink_dx
            if subset != current_subset or name != current:
                if tj:
                    _close(ops, tj, escape)
                selected = events[name, subset] = self.font(name, subset)
                ops.append(selected + size_op)
                current, current_subset = name, subset
            hscale = glyph.hscale
            if pen is None or hscale != 1.0:
                if tj:
                    _close(ops, tj, escape)
                ops.append(f"1 0 0 1 {fp_str(x)}{baseline_op}")
                placed = x
                open_string = False
            elif abs(x - pen) >= TOLERANCE:
                adjust = f"{(pen - x) * 1000 / size:.2f}".rstrip("0").rstrip(".")
                tj.append(adjust)
                placed = pen - float(adjust) * size / 1000  # where a reader puts it: no rounding error adds up
                open_string = False
            else:
                placed = pen
            if hscale != 1.0:  # scaled to fill its cells: Tz would scale the adjustments too
                ops.append(f"{fp_str(hscale * 100)} Tz ({escape(mine)}) Tj 100 Tz")
                pen = None
            else:
                if open_string and tj:
                    tj[-1] += mine  # no adjustment between them: one string
                else:
                    tj.append(mine)
                    open_string = True
                pen = placed + advances[char] * size
        _close(ops, tj, escape)
        ops.append("ET")
        return " ".join(ops)


BASELINE = "\0"  # where a line's operators take its baseline (never in them otherwise: strings are escaped)
MAX_PAGES_DRAWN = 64  # pages whose lines a process keeps drawn
_drawn: dict[
    str, dict
] = {}  # a page's key -> (block, line, x, baseline, size, face, fallback) -> (glyphs, events, operators)


def drawn_before(page: Page, names: dict[str, str]) -> tuple[str | None, dict]:
    """(the page's key, its lines as the build before drew them): kept by this process, else in the cache.
    The key names what a line's operators depend on besides the line: this code (the operators), ReportLab's
    version (whose code assignment the codes follow), the fonts' files (the advances the adjustments come from)."""
    here = Path(__file__).parent.parent
    code = cache.code_version(
        Path(__file__),
        Path(__file__).with_name("pdfsyntax.py"),
        here / "fonts.py",
        here / "fonttables.py",
        here / "fontpack.py",
    )
    fonts = tuple(cache.file_version(path) for path in sorted(names))
    if code is None or None in fonts:
        return None, {}
    key = repr((code, REPORTLAB_VERSION, fonts, page.title, page.subject))
    before = _drawn.get(key)
    if before is None:
        before = cache.recall("drawn-lines", key, valid=_drawn_lines) or {}
    return key, before


def _flat(events: dict) -> tuple:
    """What a line asked, in order, as flat triples (a fifth of the objects to unpickle): face, character,
    subset × 256 + code; or face, subset, the subset's font name."""
    flat: list = []
    for (name, what), want in events.items():
        flat += (name, what, want[0] << 8 | want[1][0]) if isinstance(what, str) else (name, what, want)
    return tuple(flat)


def _drawn_lines(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, tuple) and len(v) == 3 and isinstance(v[1], tuple) and isinstance(v[2], str)
        for v in value.values()
    )


class _Advances(dict):
    """A face's advances in em by character, each asked of its metrics once."""

    def __init__(self, font):
        super().__init__()
        self.font = font

    def __missing__(self, ch: str) -> float:
        got = self[ch] = self.font.advance(ch)
        return got


def _close(ops: list[str], tj: list[bytes | str], escape) -> None:
    """Write the open TJ array (as Tj when it holds a single string) and empty it."""
    if not tj:
        return
    parts = [f"({escape(p)})" if isinstance(p, bytes) else p for p in tj]
    if len(parts) == 1:
        ops.append(f"{parts[0]} Tj")
    elif parts:
        ops.append(f"[{''.join(parts)}] TJ")
    tj.clear()
