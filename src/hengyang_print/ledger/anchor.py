"""A mark's characters followed from one version of the page to the next: 核红 read from the text itself.

A mark names a block, offsets and the characters there. In the next version:
1. the block's text is unchanged → the same offsets;
2. its text is, unchanged, in another block that did not hold it before (an item inserted or removed
   above renumbers the blocks: items[3] became items[4]) → that block, the same offsets;
3. the block was edited → the offsets are carried through the edit (difflib's alignment of the two
   texts, character by character): an edit elsewhere in the block moves the mark with its characters;
   an edit that touches them (replaces or deletes any, inserts between two; at a point mark, anything
   inserted or removed right there) means they changed, and the mark is resolved in that version;
4. the block is gone → its characters changed too.
Carrying offsets through the edit, rather than searching for the marked text again, keeps a mark on the
的 it was put on in a paragraph that holds a dozen others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from difflib import SequenceMatcher

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass(frozen=True, slots=True)
class Span:
    """Characters of a block: offsets in code points."""

    block: str
    start: int
    end: int  # exclusive; start == end: a point


def trace(span: Span, versions: Iterable[tuple[int, dict[str, str]]]) -> tuple[Span | None, int | None]:
    """Follow `span` through `versions` ((number, {block: text}), the mark's own version first): where it is
    in the last one, and the number of the version whose edit changed its characters (then None, number)."""
    versions = iter(versions)
    _, before = next(versions)
    for number, after in versions:
        span = follow(span, before, after)
        if span is None:
            return None, number
        before = after
    return span, None


def follow(span: Span, before: dict[str, str], after: dict[str, str]) -> Span | None:
    """Where `span` of `before` is in `after`, or None when its characters changed (see the module's rules)."""
    text = before[span.block]
    if after.get(span.block) == text:
        return span
    order = {block: i for i, block in enumerate(after)}
    moved = [b for b, t in after.items() if t == text and before.get(b) != t]
    if moved:
        here = list(before).index(span.block)
        nearest = min(moved, key=lambda b: abs(order[b] - here))
        return Span(nearest, span.start, span.end)
    if span.block not in after:
        return None
    return carried(span, text, after[span.block])


def carried(span: Span, old: str, new: str) -> Span | None:
    """`span` of `old` carried through the edit that made `new`; None if the edit touched its characters.

    An edit can often be read in more than one place (deleting 阳2 or 2阳 from 阳2阳 leaves the same text):
    it is read as far right, then as far left, as it goes, and the mark is untouched if either reading
    leaves it so."""
    for head_first in (True, False):
        moved = _through(span, _alignment(old, new, head_first))
        if moved is not None:
            return moved
    return None


def _through(span: Span, opcodes: list[tuple[str, int, int, int, int]]) -> Span | None:
    s, e = span.start, span.end
    for tag, i1, i2, _, _ in opcodes:
        if tag != "equal" and (i1 <= s <= i2 if s == e else (i1 < e and s < i2) or (i1 == i2 and s < i1 < e)):
            return None
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal" and i1 <= s and e <= i2:
            return Span(span.block, j1 + s - i1, j1 + e - i1)
    return None


def _alignment(old: str, new: str, head_first: bool = True) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from `old` to `new`, adjacent equal runs merged. The common head and tail are
    taken off first (the one taken first pushes the edit toward the other end): an edit is local, and
    the matcher is quadratic in what is left (a 20,000-character paragraph with one word changed aligns
    in microseconds, not seconds)."""
    if head_first:
        head = _common(old, new)
        tail = _common(old[head:][::-1], new[head:][::-1])
    else:
        tail = _common(old[::-1], new[::-1])
        head = _common(old[: len(old) - tail], new[: len(new) - tail])
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    ops = [("equal", 0, head, 0, head)]
    ops += [
        (tag, i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    ]
    ops.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue  # empty
        if merged and op[0] == "equal" and merged[-1][0] == "equal":
            tag, i1, _, j1, _ = merged[-1]
            merged[-1] = (tag, i1, op[2], j1, op[4])
        else:
            merged.append(op)
    return merged


def _common(a: str, b: str) -> int:
    """The length of the common prefix."""
    return len(os.path.commonprefix([a, b]))
