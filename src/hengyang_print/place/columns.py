"""Balanced columns: split a flow's grid rows into columns, breaking only where a row allows it.

Rows are anything with `kind` (text | header | space | …) and `break_before` (may a column begin
here?); space rows at a column's top and foot are dropped. Plain arithmetic, no layout knowledge.
"""

from __future__ import annotations

import math


def balance(rows: list, columns: int, capacity: int) -> tuple[list[list], list]:
    """Balanced columns: the nearest even split the break rules allow — the columns differ by one row
    at most, else by two, … — at the lowest height that gives it; never columns filled in order
    that leave a hole in the last one.

    A column breaks only where a row allows it; space rows at a column's top and foot are dropped.
    Returns the columns and whatever did not fit at full capacity (overset).
    """
    cols, rest = fill(rows, columns, capacity)
    if rest:
        return cols, rest
    lowest = max(1, math.ceil(sum(1 for r in rows if r.kind != "space") / columns))
    for slack in range(1, capacity + 1):
        for height in range(lowest, capacity + 1):
            found = even_split(rows, columns, height, slack)
            if found is not None:
                return found, []
    return cols, []


def flush(rows: list, columns: int, capacity: int) -> list[list] | None:
    """Columns that each end on the last grid row (齐底), or None if these rows do not give them."""
    cols, rest = fill(rows, columns, capacity)
    if rest or len(cols) != columns or any(len(c) != capacity for c in cols):
        return None
    return cols


def _skip_space(rows: list, i: int) -> int:
    while i < len(rows) and rows[i].kind == "space":
        i += 1
    return i


def _column(rows: list, i: int, end: int) -> list:
    col = rows[i:end]
    while col and col[-1].kind == "space":
        col.pop()
    return col


def even_split(rows: list, columns: int, height: int, slack: int = 1) -> list[list] | None:
    """Columns of `height - slack` to `height` rows each, broken only where rows allow it; None if there are none."""
    n = len(rows)
    paths: dict[int, list[list]] = {_skip_space(rows, 0): []}
    for _ in range(columns):
        reached: dict[int, list[list]] = {}
        for i, cols in paths.items():
            if i >= n:
                if height <= slack:
                    reached.setdefault(i, cols + [[]])
                continue
            for end in range(min(n, i + height + 3), i + height - slack - 2, -1):
                col = _column(rows, i, end)
                if end <= i or not (end == n or rows[end].break_before) or not height - slack <= len(col) <= height:
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
