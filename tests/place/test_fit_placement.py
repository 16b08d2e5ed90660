"""Where headers land is part of fitting (issue 22): the rules a column break may break (keeps), the programme that
prices them with headers abreast (fit._cheapest) against every arrangement of small flows, and the rules an
arrangement breaks named (fit.flaws) as the fitter priced them."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

import pytest

from hengyang_print.blockid import BlockId
from hengyang_print.compose import clreq
from hengyang_print.place import fit
from hengyang_print.place.columns import flush


@dataclass
class Row:
    """A grid row as place makes them (page.Row's fields fit.py reads)."""

    kind: str
    block: BlockId
    break_before: bool = True
    keep: tuple = ()
    header_row: int = 0
    line: object = None
    line_no: int = 0


def test_a_paragraph_may_not_begin_a_column_with_its_last_line_nor_leave_a_header_with_fewer_than_two():
    assert [may for may, _ in fit.keeps(4)] == [True, True, True, False]  # no widow
    assert [may for may, _ in fit.keeps(5, under=0)] == [False, False, True, True, False]  # two with the header
    assert [may for may, _ in fit.keeps(3, under=1)] == [False, True, False]


def test_a_break_that_leaves_a_header_three_lines_short_or_a_first_line_alone_or_a_short_item_split_costs():
    rules = [rules for _, rules in fit.keeps(6, under=0, item_lines=12)]
    assert rules[2] == ("header-foot",)  # 背题: two body lines under the header at a column foot
    assert rules[3] == ()
    assert fit.keeps(6)[1][1] == ("first-line-foot",)  # the first line alone at the column foot
    assert all("item-split" in r for may, r in fit.keeps(6, under=0, item_lines=clreq.SHORT_ITEM_LINES) if may)
    assert not any("item-split" in r for _, r in fit.keeps(7, under=0, item_lines=clreq.SHORT_ITEM_LINES + 1))


def _item(i: int, body: list[int]) -> tuple[list, list]:
    """An item's rows (space before it, a two-row header, a space) and its paragraphs as (block, lines, under, all)."""
    block = BlockId("items", i)
    head = [Row("space", block)] if i else []
    head += [Row("header", block, k == 0, header_row=k) for k in range(2)] + [Row("space", block, False)]
    total, under, paragraphs = sum(body), 0, []
    for p, n in enumerate(body):
        paragraphs.append((block.with_part("body", p), n, under, total))
        under += n
    return head, paragraphs


def _paragraph(block, lines: int, under: int, total: int) -> list:
    return [Row("text", block, may, rules, line_no=j) for j, (may, rules) in enumerate(fit.keeps(lines, under, total))]


def _flow(rng: random.Random):
    """A small flow with the choices fitting would give it: a row more before a header, a paragraph a line longer
    or shorter."""
    columns, items = rng.choice([2, 3]), []
    for i in range(rng.randint(2, 5)):
        items.append(_item(i, [rng.randint(1, 7) for _ in range(rng.randint(1, 2))]))
    rows = sum(len(head) + sum(n for _, n, _, _ in paragraphs) for head, paragraphs in items)
    capacity = max(4, rows // columns + rng.randint(-1, 1))  # near what the rows fill: some arrangements end flush
    grid, choices = fit.Grid(columns, capacity), []
    for i, (head, paragraphs) in enumerate(items):
        if i:
            space, head = head[:1], head[1:]
            choices.append([grid.option(space), grid.option(space * 2, fit.COST["space_before"])])
        choices.append([grid.option(head)])
        for block, n, under, total in paragraphs:
            options = [grid.option(_paragraph(block, n, under, total))]
            for d in (1, -1):
                if n + d >= 1 and rng.random() < 0.8:
                    cost = fit.COST["looseness"] + fit.SHORT_PARAGRAPH / n
                    options.append(grid.option(_paragraph(block, n + d, under, total + d), cost))
            choices.append(options)
    return choices, grid


def _every_arrangement(choices, grid) -> float | None:
    """The least cost of any choice of options whose columns end flush, each placement rule broken at fit.FLAW."""
    best = None
    for pick in itertools.product(*(range(len(options)) for options in choices)):
        rows = [row for k, n in enumerate(pick) for row in choices[k][n].rows]
        columns = flush(rows, grid.columns, grid.capacity)
        # (flush fills a column to the full even where no row lets a column begin: such columns are none)
        if columns is not None and all(column[0].break_before for column in columns[1:]):
            cost = sum(choices[k][n].cost for k, n in enumerate(pick)) + fit.FLAW * len(fit.flaws("items", columns))
            best = cost if best is None or cost < best - 1e-9 else best
    return best


@pytest.mark.parametrize("seed", range(4))
def test_the_programme_finds_the_cheapest_arrangement_of_every_small_flow(seed):
    """Against every arrangement: the same least cost (headers abreast, 背题, first lines, short items priced),
    and the arrangement it picks costs what it says, by the rules the columns break (fit.flaws)."""
    rng = random.Random(seed)
    compared = flush_ones = broken = 0
    while compared < 40:
        choices, grid = _flow(rng)
        if len(list(itertools.product(*choices))) > 5000:
            continue
        compared += 1
        least, found = _every_arrangement(choices, grid), fit._cheapest(choices, grid)
        assert (least is None) == (found is None)
        if found is None:
            continue
        flush_ones += 1
        cost, path = found
        assert cost == pytest.approx(least)
        columns = flush([row for k, n in enumerate(path) for row in choices[k][n].rows], grid.columns, grid.capacity)
        picked = sum(choices[k][n].cost for k, n in enumerate(path))
        assert cost == pytest.approx(picked + fit.FLAW * len(fit.flaws("items", columns)))
        broken += bool(fit.flaws("items", columns))
    assert flush_ones >= 15 and broken  # flows that end flush, some of them only by breaking a rule


def test_headers_abreast_are_named_on_the_right_hand_header_and_three_abreast_count_twice():
    """Three items each opening its column (rows 0 in columns 1, 2, 3): two pairs abreast, named on the headers of
    columns 2 and 3."""
    columns = []
    for i in range(3):
        head, paragraphs = _item(i, [8])
        column = [row for row in head if row.kind != "space" or row.break_before is False]
        ((block, n, under, total),) = paragraphs
        columns.append(column + _paragraph(block, n, under, total))
    named = [(f.rule, str(f.block)) for f in fit.flaws("items", columns)]
    assert named == [("headers-abreast", "items[1].headline"), ("headers-abreast", "items[2].headline")]
    assert clreq.abreast(0, 2) and not clreq.abreast(0, 3)


def test_the_default_pages_two_rule_breaks_are_the_fewest_any_arrangement_within_its_bounds_gives(monkeypatch):
    """The default page on the broadsheet builds flush naming items[7] split and items[8]'s header abreast of
    items[5]'s. Every combination of the ways its layout's fit: bounds let each segment be set (each paragraph's
    relinings as composed, 1–2 rows before each header), the columns filled: none that ends flush breaks fewer, so
    the build is right to name both and give the edit (the programme misses nothing here)."""
    from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
    from hengyang_print.place import page
    from hengyang_print.run.build import make_page

    seen = {}

    def spy(region, rows, texts, columns, capacity, bounds, flex):
        seen.setdefault(region, (rows, texts, columns, capacity, bounds, flex))
        return fit.fit_flow(region, rows, texts, columns, capacity, bounds, flex)

    monkeypatch.setattr(page, "fit_flow", spy)
    _, _, _, report = make_page(DEFAULT_CONTENT, DEFAULT_LAYOUT)
    named = sorted((f.rule, str(f.block)) for f in report.flaws)
    assert named == [("headers-abreast", "items[8].headline"), ("item-split", "items[7]")]

    rows, texts, columns, capacity, bounds, flex = seen["items"]
    grid = fit.Grid(columns, capacity)
    segs = fit.segments(rows, texts, grid)
    for seg in segs:
        fit.add_options(seg, "items", bounds, flex, grid)
    choices = [[option.rows for option in seg.options] for seg in segs]
    fewest, flush_ones = None, 0
    for pick in itertools.product(*(range(len(c)) for c in choices)):
        if not 0 <= sum(len(choices[k][n]) for k, n in enumerate(pick)) - columns * capacity <= 2 * columns:
            continue  # no dropped space rows make up the difference (at most two at each column's top)
        laid = flush([row for k, n in enumerate(pick) for row in choices[k][n]], columns, capacity)
        if laid is not None and all(column[0].break_before for column in laid[1:]):
            flush_ones += 1
            broken = len(fit.flaws("items", laid))
            fewest = broken if fewest is None else min(fewest, broken)
    assert flush_ones > 1000 and fewest == len(named)
