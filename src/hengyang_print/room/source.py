"""Where a character of the page is in its content file (FILE:LINE:COL) and the YAML around it.

Positions come from the spans load recorded (Content.spans: the value's start, and the column of its first
character when the value sits on one source line as written); a character that cannot be placed exactly is
placed at its value's start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..blockid import BlockId
from ..model import Content

AROUND = 3  # source lines shown before and after the one clicked


@dataclass(frozen=True)
class Place:
    file: str
    line: int  # 1-based
    column: int  # 1-based, in characters
    exact: bool  # the column is the character's own, not its value's start

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def place(content: Content, block: BlockId, offset: int | None) -> Place | None:
    """The place of a block's character (or of the block, offset None) in the content file."""
    span = content.spans.get(block.steps)
    if span is None:
        return None
    if offset is None or span.text_column is None:
        return Place(span.file, span.line, span.column, offset is None or offset == 0)
    return Place(span.file, span.line, span.text_column + offset, True)


def excerpt(file: str, line: int, start: int, end: int) -> dict:
    """The lines around `line` of a file, and the columns [start, end) of that line to highlight."""
    try:
        text = Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        text = []
    first = max(1, line - AROUND)
    return {
        "first": first,
        "lines": text[first - 1 : line + AROUND],
        "highlight": {"line": line, "start": start, "end": end},
    }


def span_json(content: Content, block: BlockId, first: int | None, clicked: int | None, last: int | None) -> dict:
    """FILE:LINE:COL of the clicked character, and the YAML around it with the clicked line's characters
    highlighted (only the clicked one when the line's ends cannot both be placed on its source line)."""
    at = place(content, block, clicked)
    if at is None:
        source = content.source
        return {"file": source, "line": None, "column": None, "exact": False, "location": source, "source": None}
    start, end = at.column, at.column + 1
    a, b = place(content, block, first), place(content, block, last)
    if a and b and a.exact and b.exact and a.line == b.line == at.line:
        start, end = a.column, b.column + 1
    return {
        "file": at.file,
        "line": at.line,
        "column": at.column,
        "exact": at.exact,
        "location": str(at),
        "source": excerpt(at.file, at.line, start, end),
    }
