"""Balanced columns: split a flow's grid rows into columns, breaking only where a row allows it.

Rows are anything with `kind` (text | header | space | …) and `break_before` (may a column begin
here?); space rows at a column's top and foot are dropped. Plain arithmetic, no layout knowledge.
"""

from __future__ import annotations

import math


def balance(rows: list, columns: int, capacity: int) -> tuple[list[list], list]:
    """Balanced columns: the lowest height at which every column holds that many rows or one fewer;
    if the break rules allow no such split, the lowest height at which everything fits.

    A column breaks only where a row allows it; space rows at a column's top and foot are dropped.
    Returns the columns and whatever did not fit at full capacity (overset).
    """
    lowest = max(1, math.ceil(sum(1 for r in rows if r.kind != "space") / columns))
    for height in range(lowest, capacity + 1):
        cols = even_split(rows, columns, height)
        if cols is not None:
            return cols, []
    for height in range(lowest, capacity + 1):
        cols, rest = fill(rows, columns, height)
        if not rest:
            return cols, []
    return fill(rows, columns, capacity)


def _skip_space(rows: list, i: int) -> int:
    while i < len(rows) and rows[i].kind == "space":
        i += 1
    return i


def _column(rows: list, i: int, end: int) -> list:
    col = rows[i:end]
    while col and col[-1].kind == "space":
        col.pop()
    return col


def even_split(rows: list, columns: int, height: int) -> list[list] | None:
    """Columns of `height` or `height - 1` rows each, broken only where rows allow it; None if there are none."""
    n = len(rows)
    paths: dict[int, list[list]] = {_skip_space(rows, 0): []}
    for _ in range(columns):
        reached: dict[int, list[list]] = {}
        for i, cols in paths.items():
            if i >= n:
                if height <= 1:
                    reached.setdefault(i, cols + [[]])
                continue
            for end in range(min(n, i + height + 3), i + height - 2, -1):
                col = _column(rows, i, end)
                if end <= i or not (end == n or rows[end].break_before) or not height - 1 <= len(col) <= height:
                    continue
                reached.setdefault(_skip_space(rows, end), cols + [col])
        paths = reached
    return paths.get(n)


def fill(rows: list, columns: int, height: int) -> tuple[list[list], list]:
    """Fill each column up to `height` rows, stepping back to a row that allows a break."""
    cols: list[list] = []
    i = 0
    while i < len(rows) and len(cols) < columns:
        i = _skip_space(rows, i)  # no space at the top of a column
        end = min(i + height, len(rows))
        if end < len(rows):
            cut = end
            while cut > i and not rows[cut].break_before:
                cut -= 1
            end = cut if cut > i else end
        cols.append(_column(rows, i, end))
        i = end
    i = _skip_space(rows, i)
    return cols, rows[i:]


def spread(cols: list[list], columns: int) -> int:
    """Rows between the deepest and the shallowest column."""
    depths = [len(c) for c in cols] + [0] * (columns - len(cols))
    return max(depths) - min(depths)
