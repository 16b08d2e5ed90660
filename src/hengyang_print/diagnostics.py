"""Messages as compilers print them (gcc, rustc, Typst): `FILE:LINE:COL: error: …`, then the source line
and a caret under the column. Also their JSON form (the `diagnostics` of every --format json document).

The pipeline raises BuildError with plain `FILE:LINE:COL: message` strings; this module only reads them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# compiled on first use (re's cache): a build without errors never needs it
LOCATED = r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$"
COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m"}
BOLD, BLUE, RESET = "\x1b[1m", "\x1b[1;34m", "\x1b[0m"


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
        """The headline, then (when the file can be read) its line and a caret under the column."""
        out = [self.headline(colour)]
        text = _source_line(self.file, self.line) if source and self.file and self.line else None
        if text is not None:
            number = str(self.line)
            pad = " " * len(number)
            bar = f"{BLUE}|{RESET}" if colour else "|"
            caret = f"{COLOURS.get(self.severity, '')}^{RESET}" if colour else "^"
            out.append(f" {number} {bar} {text}")
            out.append(f" {pad} {bar} {_indent(text, (self.column or 1) - 1)}{caret}")
        return "\n".join(out)


def _indent(line: str, column: int) -> str:
    """Blanks as wide as the first `column` characters on a terminal: CJK characters take two cells, tabs stay tabs."""
    cells = []
    for ch in line[:column]:
        if ch == "\t":
            cells.append("\t")
        else:
            cells.append("  " if unicodedata.east_asian_width(ch) in "WF" else " ")
    return "".join(cells)


@lru_cache(maxsize=16)
def _lines(path: str) -> tuple[str, ...] | None:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return None


def _source_line(path: str, line: int) -> str | None:
    lines = _lines(path)
    if lines is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1].rstrip()
