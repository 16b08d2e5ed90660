"""Messages as compilers print them (gcc, rustc, Typst): `FILE:LINE:COL: error: …`, then the source line
(a long one shortened around the column) and a caret under the column. Every command prints its messages
this way (render_all); their JSON form is the `diagnostics` of every --format json document.

The pipeline raises BuildError with plain `FILE:LINE:COL: message` strings; this module only reads them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import STDIN_NAME, stdin_text

# compiled on first use (re's cache): a build without errors never needs it
LOCATED = r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$"
COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m"}
BOLD, BLUE, RESET = "\x1b[1m", "\x1b[1;34m", "\x1b[0m"
SOURCE_WIDTH = 100  # terminal cells of a source line shown under a message; a longer one is cut around the column
ELLIPSIS = "…"


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # error | warning | note
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based, in characters

    @classmethod
    def parse(cls, text: str, severity: str = "error") -> Diagnostic:
        m = re.match(LOCATED, text, re.S)
        if not m:
            return cls(severity, text)
        return cls(severity, m["message"], m["file"], int(m["line"]), int(m["column"]))

    def as_json(self) -> dict:
        return {
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }

    def headline(self, colour: bool = False) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        label = f"{COLOURS.get(self.severity, '')}{self.severity}:{RESET}" if colour else f"{self.severity}:"
        return f"{BOLD if colour else ''}{where}{RESET if colour else ''}{label} {self.message}"

    def render(self, colour: bool = False, source: bool = True) -> str:
        """The headline, then (when the file can be read) its line and a caret under the column; a line
        wider than the terminal's usual 100 cells is shown around the column, its cut ends marked '…'."""
        out = [self.headline(colour)]
        text = _source_line(self.file, self.line) if source and self.file and self.line else None
        if text is not None:
            text, column = excerpt(text, (self.column or 1) - 1)
            number = str(self.line)
            pad = " " * len(number)
            bar = f"{BLUE}|{RESET}" if colour else "|"
            caret = f"{COLOURS.get(self.severity, '')}^{RESET}" if colour else "^"
            out.append(f" {number} {bar} {text}")
            out.append(f" {pad} {bar} {_indent(text, column)}{caret}")
        return "\n".join(out)


def excerpt(line: str, column: int, width: int = SOURCE_WIDTH) -> tuple[str, int]:
    """The part of `line` shown under a message, at most `width` terminal cells, and the (0-based) column
    in it: the whole line when it fits, else a window that starts a few cells before the column."""
    if _cells(line) <= width:
        return line, column
    column = min(column, len(line))
    start = column
    while start > 0 and _cells(line[start - 1 : column]) <= width // 4:  # some context before the column
        start -= 1
    end = start
    room = width - 2 * _cells(ELLIPSIS)
    while end < len(line) and _cells(line[start : end + 1]) <= room:
        end += 1
    while start > 0 and end == len(line) and _cells(line[start - 1 : end]) <= room:  # near the end: fill before
        start -= 1
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(line) else ""
    return head + line[start:end] + tail, column - start + len(head)


def _indent(line: str, column: int) -> str:
    """Blanks as wide as the first `column` characters on a terminal: CJK characters take two cells, tabs stay tabs."""
    return "".join("\t" if ch == "\t" else " " * _cells(ch) for ch in line[:column])


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@lru_cache(maxsize=16)
def _lines(path: str) -> tuple[str, ...] | None:
    if path == STDIN_NAME:
        text = stdin_text()
        return tuple(text.splitlines()) if text is not None else None
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return None


def _source_line(path: str, line: int) -> str | None:
    lines = _lines(path)
    if lines is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1].rstrip()


def render_all(messages: list[str], severity: str = "error", colour: bool = False) -> str:
    """Messages (`FILE:LINE:COL: text`, or unlocated text) as every command prints them, one after another."""
    return "\n".join(Diagnostic.parse(m, severity).render(colour) for m in messages)
