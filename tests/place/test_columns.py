"""columns.balance: the nearest even split the break rules allow, never columns filled in order with a hole."""

from __future__ import annotations

from dataclasses import dataclass

from hengyang_print.place.columns import balance, flush


@dataclass
class R:
    kind: str = "text"
    break_before: bool = True


def block(lines: int, keep: int = 0) -> list[R]:
    """A run of text rows whose first `keep` rows may not start a column (as a header with its first lines)."""
    rows = [R() for _ in range(lines)]
    for r in rows[1 : 1 + keep]:
        r.break_before = False
    return rows


def depths(cols) -> list[int]:
    return [len(c) for c in cols]


def test_unbreakable_blocks_take_the_nearest_even_split_not_a_hole():
    # four unbreakable blocks of 11, 12, 13 and 10 rows in four columns of 20: no split within one row exists;
    # filling in order would give 11+? …; the nearest even split puts one block a column
    rows = block(11, keep=10) + block(12, keep=11) + block(13, keep=12) + block(10, keep=9)
    cols, rest = balance(rows, 4, 20)
    assert not rest and depths(cols) == [11, 12, 13, 10]


def test_the_even_split_is_preferred_at_the_lowest_height():
    rows = block(40)
    cols, rest = balance(rows, 4, 46)
    assert not rest and depths(cols) == [10, 10, 10, 10]


def test_no_column_is_left_empty_when_a_nearer_split_exists():
    # unbreakable blocks: filling columns in order at the lowest height that holds them gave 19 29 29 0
    rows = [r for n in (6, 13, 17, 12, 19, 10) for r in block(n, keep=n - 1)]
    cols, rest = balance(rows, 4, 46)
    assert not rest and depths(cols) == [19, 17, 12, 29]  # the least spread any split allows


def test_flush_needs_every_column_on_the_last_row():
    assert flush(block(40), 4, 10) is not None
    assert flush(block(39), 4, 10) is None  # one row short
    # a space row on a column's last line leaves it short: not flush
    rows = block(9) + [R("space")] + block(30)
    assert flush(rows, 4, 10) is None


def test_overset_is_what_does_not_fit_at_full_capacity():
    cols, rest = balance(block(50), 4, 10)
    assert depths(cols) == [10, 10, 10, 10] and len(rest) == 10
