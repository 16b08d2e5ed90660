"""Fit a flow to its region exactly: every column ends on the region's last grid line (齐底), and headers land
where a compositor would sign the page.

The flow's grid rows (text lines, item headers, space, photo rows) come in segments, each with the
ways the layout's `fit:` lets it be set: a paragraph one line longer or shorter (伸行/缩行) or at a
tracking step, a row more or fewer before an item header, a photo a row taller or shorter. A
dynamic programme over the segments finds the least visible combination that ends every column flush,
pricing each column placement rule it breaks (clreq: headers abreast, 背题, a short item split, a first
line alone at a column foot; keeps, flaws); ties go to the earliest choice in reading order, so the result
is deterministic and nothing is left as a hole. What no combination keeps is named (Fitted.flaws).

Where nothing within the bounds fits, or a rule is broken, `suggest` finds exact copyfit figures: the
programme's arithmetic gives the line counts a paragraph could take, the rows' shapes which of them keep
every rule, a search over the characters cut from (or added to) its end the fewest that give one, and each
figure printed is checked by composing the edited paragraph and running the whole fit. Where no one
paragraph can do it, the programme itself picks a set of edits over several items.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from ..compose import clreq
from ..i18n import _, ngettext
from ..model import Adjustment, FitBounds, Flaw, Line, SentenceCut, Suggestion
from .columns import flush

EPS = 1e-9
# How visible each adjustment is, per line, row or step: 伸行/缩行 keeps the text's colour (dearer in a short
# paragraph, whose few lines take all of it); tracking changes the colour a little; a row of space shows as
# an uneven gap between items; a photo changes its crop.
COST = {"looseness": 2.0, "tracking": 3.0, "space_before": 4.0, "photo_rows": 5.0}
SHORT_PARAGRAPH = 6.0  # looseness costs this much more divided by the paragraph's lines
SPREAD_COST = 32.0  # per em a relining widens the paragraph's widest gap between characters (0.25 em: 8)
# Each break of a column placement rule (clreq: headers abreast, 背题, a short item split, a first line alone at a
# column foot) costs more than any likely set of adjustments: the fitter takes them all before it breaks one
FLAW = 100.0
FILLER = "字"  # additions are counted in Han characters (all one em): the text an editor adds is mostly Han
SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*")
TARGETS_TRIED = 4  # line counts a suggested paragraph is searched for, nearest first
SHOWN = 3  # figures given for a flow that does not fit, each of another item (the fewest characters first)
SENTENCES_SHOWN = 3  # a suggested cut lists this many sentences nearest the paragraph's end


class Flex(Protocol):
    """What the place stage supplies: compose a paragraph, make its rows, reshape space and photo rows."""

    size: float  # the flow's text size: an em, in points
    loose_limit: float  # the style's, em
    last_min: int  # the fit bounds' min_last_line

    def lines(self, block: str, text: str, looseness: int = 0, tracking: float = 0.0) -> tuple[Line, ...]: ...

    def rows(self, block: str, lines: tuple[Line, ...], under: int | None, item_lines: int | None) -> list: ...

    def space(self, block: str) -> object: ...

    def figure(self, rows: list, delta: int) -> list | None: ...

    def remake(self, texts: dict) -> list: ...  # the flow's rows as set, its paragraphs with these texts


@dataclass
class Option:
    rows: tuple
    cost: float = 0.0
    adjustment: Adjustment | None = None
    shape: int = -1  # interned (is space, may break before, rules a break before breaks, begins a header) per row


@dataclass
class Segment:
    block: str
    kind: str  # paragraph | space_before | figure | fixed
    options: list[Option]  # options[0]: as set
    text: str = ""  # a paragraph's text
    under: int | None = None  # a paragraph of an item: its item's body lines above it (keeps)
    item_lines: int | None = None  # ... and the item's body lines in all, as set

    @property
    def base(self) -> tuple:
        return self.options[0].rows

    @property
    def tied(self) -> int:
        """The paragraph's first lines a column may not begin with: they keep the item header company."""
        return max(0, clreq.HEADER_TIED_LINES - self.under) if self.under is not None else 0

    def item_lines_with(self, lines: int) -> int | None:
        """The item's body lines with this paragraph set in `lines` lines."""
        return None if self.item_lines is None else self.item_lines + lines - len(self.base)


@dataclass
class Fitted:
    """A flow as fitted: its rows, its columns (flush or, failing that, balanced by the caller), what flexed, and
    the placement rules no arrangement within the bounds keeps (Flaw)."""

    rows: list
    columns: list[list] | None  # None: nothing within the bounds ends flush
    adjustments: list[Adjustment] = field(default_factory=list)
    flaws: list[Flaw] = field(default_factory=list)


def keeps(lines: int, under: int | None = None, item_lines: int | None = None) -> list[tuple[bool, tuple[str, ...]]]:
    """For each line of a paragraph: may a column begin with it, and which placement rules such a break breaks.
    under: its item's body lines above the paragraph (None: not in an item); item_lines: the item's body lines.
    Never a widow (the last line alone at a column top) nor a header with fewer than HEADER_TIED_LINES under it;
    at a cost, 背题 (fewer than HEADER_FOOT_MIN_LINES), a first line alone at a column foot, a short item split."""
    out = []
    for j in range(lines):
        k = None if under is None else under + j  # the item's body lines above this line
        if (j == lines - 1 and j > 0) or (k is not None and k < clreq.HEADER_TIED_LINES):
            out.append((False, ()))
            continue
        rules = []
        if k is not None and k < clreq.HEADER_FOOT_MIN_LINES:
            rules.append("header-foot")
        if j == 1:
            rules.append("first-line-foot")
        if k is not None and item_lines is not None and item_lines <= clreq.SHORT_ITEM_LINES:
            rules.append("item-split")
        out.append((True, tuple(rules)))
    return out


class Grid:
    """The columns of one flowed region, and how a run of rows advances a (column, rows filled) state."""

    def __init__(self, columns: int, capacity: int):
        self.columns, self.capacity = columns, capacity
        self._shapes: dict[tuple, int] = {}
        self._shape_of: list[tuple] = []
        self._memo: dict[tuple[int, int], tuple | None] = {}

    def shape(self, rows) -> int:
        return self.interned(
            tuple(
                (r.kind == "space", bool(r.break_before), len(r.keep), r.kind == "header" and r.header_row == 0)
                for r in rows
            )
        )

    def interned(self, key: tuple) -> int:
        """The number of a shape: (is space, may break before, rules a break before breaks, begins a header) per row."""
        if key not in self._shapes:
            self._shapes[key] = len(self._shape_of)
            self._shape_of.append(key)
        return self._shapes[key]

    def option(self, rows, cost: float = 0.0, adjustment: Adjustment | None = None) -> Option:
        rows = tuple(rows)
        return Option(rows, cost, adjustment, self.shape(rows))

    def step(self, shape: int, fill: int) -> tuple | None:
        """(columns moved on, rows filled, placement rules broken, headers begun as (columns moved, row)) after the
        rows, from `fill` rows filled; None if they cannot end flush (_advance)."""
        key = (shape, fill)
        if key not in self._memo:
            self._memo[key] = _advance(self._shape_of[shape], fill, self.capacity)
        return self._memo[key]

    def advance(self, shape: int, fill: int) -> tuple[int, int] | None:
        """(columns moved on, rows filled) after the rows, or None (step)."""
        step = self.step(shape, fill)
        return None if step is None else step[:2]


def _advance(shape: tuple, fill: int, capacity: int) -> tuple | None:
    """Grid.step: a column full before a row that may not start one, or a space row on a column's last line, cannot
    end flush; a space row at a column's top is dropped."""
    moved, broken, headers = 0, 0, []
    for space, may_break, rules, header in shape:
        if fill == capacity:
            if not may_break:
                return None
            moved, fill, broken = moved + 1, 0, broken + rules
        if space:
            if fill == 0:
                continue  # dropped at a column's top
            if fill == capacity - 1:
                return None  # the column would end on a blank row
        if header:
            headers.append((moved, fill))
        fill += 1
    return moved, fill, broken, tuple(headers)


# ---------------------------------------------------------------- segments and their options


def segments(rows: list, texts: dict[str, str], grid: Grid) -> list[Segment]:
    """The flow's rows in runs: a paragraph, the space before an item header, a photo block, anything else."""
    out: list[Segment] = []
    for k, row in enumerate(rows):
        if row.kind == "text":
            kind = "paragraph"
        elif row.kind == "figure":
            kind = "figure"
        elif row.kind == "space" and row.break_before and _header_follows(rows, k):
            kind = "space_before"
        else:
            kind = "fixed"
        if out and out[-1].block == row.block and out[-1].kind == kind:
            out[-1].options[0].rows += (row,)
        else:
            out.append(Segment(row.block, kind, [Option((row,))], texts.get(row.block, "")))
    body: dict[object, int] = {}  # an item's body lines so far
    for seg in out:
        seg.options[0] = grid.option(seg.base)
        if seg.kind == "paragraph" and seg.block.item is not None:
            seg.under = body.get(seg.block.of_item, 0)
            body[seg.block.of_item] = seg.under + len(seg.base)
    for seg in out:
        if seg.under is not None:
            seg.item_lines = body[seg.block.of_item]
    return out


def _header_follows(rows: list, k: int) -> bool:
    while k < len(rows) and rows[k].kind == "space":
        k += 1
    return k < len(rows) and rows[k].kind == "header" and rows[k].header_row == 0


def add_options(seg: Segment, region: str, bounds: FitBounds, flex: Flex, grid: Grid) -> None:
    """The ways the bounds let this segment be set, each with its cost (the segment as set comes first)."""
    base = seg.base
    if seg.kind == "paragraph" and seg.text:
        counts = {len(base)}
        steps = [("looseness", d) for n in range(1, bounds.looseness + 1) for d in (n, -n)]
        steps += [("tracking", t) for t in dict.fromkeys(bounds.tracking) if t]
        for what, amount in steps:
            lines = (
                flex.lines(seg.block, seg.text, looseness=amount)
                if what == "looseness"
                else flex.lines(seg.block, seg.text, tracking=amount)
            )
            if len(lines) in counts or (what == "looseness" and len(lines) != len(base) + amount):
                continue
            option = _reset(seg, lines, what, amount, region, flex, grid)
            if option is not None:
                counts.add(len(lines))
                seg.options.append(option)
    elif seg.kind == "space_before" and bounds.space_before:
        low, high = bounds.space_before
        for n in range(low, high + 1):
            if n != len(base):
                rows = [flex.space(seg.block) for _ in range(n)]
                seg.options.append(
                    grid.option(
                        rows,
                        COST["space_before"] * abs(n - len(base)),
                        Adjustment(region, seg.block, "space_before", n - len(base)),
                    )
                )
    elif seg.kind == "figure" and bounds.photo_rows:
        for d in (d for n in range(1, bounds.photo_rows + 1) for d in (n, -n)):
            rows = flex.figure(list(base), d)
            if rows:
                seg.options.append(
                    grid.option(rows, COST["photo_rows"] * abs(d), Adjustment(region, seg.block, "photo_rows", d))
                )


def _reset(seg: Segment, lines, what: str, amount: float, region: str, flex: Flex, grid: Grid) -> Option | None:
    """The paragraph set again (a line longer or shorter, or at a tracking step) as an option, with its cost; None
    where that sets a line looser than justification may, or (tracking) ends on a last line under min_last_line
    (a relining's breaker keeps to both already) [clreq #line_adjustment]."""
    widest, was = widest_gap(lines, flex.size), widest_gap([r.line for r in seg.base], flex.size)
    if widest > was and widest > flex.loose_limit + EPS:
        return None
    if what == "tracking" and sum(clreq.counts_for_orphan(ch) for ch in lines[-1].text) < flex.last_min:
        return None
    cost = COST[what] * abs(amount if what == "looseness" else 1) + SHORT_PARAGRAPH / len(seg.base)
    rows = flex.rows(seg.block, lines, seg.under, seg.item_lines_with(len(lines)))
    return grid.option(rows, cost + SPREAD_COST * max(0.0, widest - was), Adjustment(region, seg.block, what, amount))


def widest_gap(lines, size: float) -> float:
    """The widest space justification added between two neighbouring character cells on the paragraph's justified
    lines, in em (a Han–Latin space counted beyond its own ¼ em)."""
    widest = 0.0
    for line in lines:
        if line.justified:
            for a, b in zip(line.glyphs, line.glyphs[1:]):
                own = clreq.HAN_LATIN_GAP if clreq.han_latin_gap(a.char, b.char) else 0.0
                widest = max(widest, (b.x - a.x - a.width) / size - own)
    return widest


# ---------------------------------------------------------------- the programme


State = tuple[int, int]  # (column, rows filled in it)


def forward(segs: list[Segment], grid: Grid) -> list[dict[State, float]]:
    """The cheapest way to reach each state after each segment (adjustments only: the flush arithmetic suggest
    asks of a paragraph's line counts)."""
    layers: list[dict[State, float]] = [{(0, 0): 0.0}]
    for seg in segs:
        reached: dict[State, float] = {}
        for (column, fill), cost in layers[-1].items():
            for option in seg.options:
                step = grid.advance(option.shape, fill)
                if step is None or column + step[0] >= grid.columns:
                    continue
                state, total = (column + step[0], step[1]), cost + option.cost
                if state not in reached or total < reached[state] - EPS:
                    reached[state] = total
        layers.append(reached)
    return layers


def backward(segs: list[Segment], grid: Grid) -> list[dict[State, float]]:
    """From which states each segment on can still end flush, and at what least cost."""
    end = (grid.columns - 1, grid.capacity)
    layers: list[dict[State, float]] = [{} for _ in segs] + [{end: 0.0}]
    for k in range(len(segs) - 1, -1, -1):
        after, here = layers[k + 1], layers[k]
        for column in range(grid.columns):
            for fill in range(grid.capacity + 1):
                for option in segs[k].options:
                    step = grid.advance(option.shape, fill)
                    if step is None:
                        continue
                    rest = after.get((column + step[0], step[1]))
                    if rest is not None and (
                        (column, fill) not in here or option.cost + rest < here[(column, fill)] - EPS
                    ):
                        here[(column, fill)] = option.cost + rest
    return layers


# A state of the programme that prices where headers land: (column, rows filled, the header rows of the column
# before that a header still to come may stand abreast of, the header rows of this column), rows as bit masks.
Placed = tuple[int, int, int, int]


def _headers_after(prev: int, cur: int, moved: int, fill: int, begun: tuple) -> tuple[int, int, int]:
    """(header pairs abreast, the masks after): each header begun in a column is priced against the column before."""
    abreast, at = 0, 0
    for columns, row in begun:
        while at < columns:
            prev, cur, at = cur, 0, at + 1
        low, high = max(0, row - clreq.ABREAST_ROWS), row + clreq.ABREAST_ROWS
        abreast += (prev >> low & ((1 << (high - low + 1)) - 1)).bit_count()  # the previous column's rows low..high
        cur |= 1 << row
    while at < moved:
        prev, cur, at = cur, 0, at + 1
    keep = max(0, fill - clreq.ABREAST_ROWS)  # rows above this no header still to come stands abreast of
    return abreast, prev >> keep << keep, cur


def _cheapest(choices: list[list], grid: Grid, flaw: float = FLAW) -> tuple[float, list[int]] | None:
    """The cheapest way through the segments that ends every column flush, its adjustments and every placement rule
    it breaks priced (`flaw` each), as (cost, option index per segment); None if there is no way. Ties keep the way
    found first: the earliest choice in reading order. The BEAM cheapest states to each (column, rows filled) are
    kept, whatever header rows they leave (exact wherever no more are reached: tests/place/test_fit_placement.py)."""
    layer: dict[Placed, tuple[float, tuple | None]] = {(0, 0, 0, 0): (0.0, None)}
    step, columns = grid.step, grid.columns
    moves: dict[tuple, tuple[int, int, int]] = {}
    for options in choices:
        live = [(option.shape, option.cost, n) for n, option in enumerate(options) if option.shape >= 0]
        reached: dict[Placed, tuple[float, tuple | None]] = {}
        for (column, fill, prev, cur), (cost, back) in layer.items():
            for shape, price, n in live:
                made = step(shape, fill)
                if made is None or column + made[0] >= columns:
                    continue
                moved, after, broken, begun = made
                key = (prev, cur, moved, after, begun)
                if key not in moves:
                    moves[key] = _headers_after(*key)
                abreast, prev2, cur2 = moves[key]
                state = (column + moved, after, prev2, cur2)
                total = cost + price + flaw * (broken + abreast)
                if state not in reached or total < reached[state][0]:
                    reached[state] = (total, (n, back))
        layer = _narrowed(reached)
    end = [way for state, way in layer.items() if state[:2] == (columns - 1, grid.capacity)]
    if not end:
        return None
    cost, back = min(end, key=lambda way: way[0])  # the first of equals
    if cost == float("inf"):
        return None
    path = []
    while back is not None:
        n, back = back
        path.append(n)
    path.reverse()
    return cost, path


BEAM = 24  # states kept to each (column, rows filled): the cheapest, whatever header rows they leave


def _narrowed(layer: dict) -> dict:
    """The layer with at most BEAM states to each (column, rows filled), the cheapest (the earliest of equals)."""
    if len(layer) <= BEAM:
        return layer
    by_place: dict[tuple[int, int], list] = {}
    for state, (cost, _way) in layer.items():
        by_place.setdefault(state[:2], []).append((cost, state))
    crowded = [states for states in by_place.values() if len(states) > BEAM]
    if not crowded:
        return layer
    dropped = {state for states in crowded for _, state in sorted(states, key=lambda s: s[0])[BEAM:]}
    return {state: way for state, way in layer.items() if state not in dropped}


def fit_flow(
    region: str, rows: list, texts: dict[str, str], columns: int, capacity: int, bounds: FitBounds, flex: Flex
) -> Fitted:
    """The least visible setting of the flow within the bounds whose columns all end flush (else columns None),
    placement rules kept where any arrangement keeps them, and those it cannot keep named."""
    grid = Grid(columns, capacity)
    segs = segments(rows, texts, grid)
    for seg in segs:
        add_options(seg, region, bounds, flex, grid)
    best = _cheapest([seg.options for seg in segs], grid)
    if best is None:
        return Fitted(rows, None)
    picked = [seg.options[n] for seg, n in zip(segs, best[1])]
    fitted = [row for option in picked for row in option.rows]
    cols = flush(fitted, columns, capacity)
    assert cols is not None, "the fitting programme and the column filler disagree"
    return Fitted(fitted, cols, [o.adjustment for o in picked if o.adjustment], flaws(region, cols))


def flaws(region: str, columns: list[list]) -> list[Flaw]:
    """The placement rules these columns break, as the fitter priced them: a column begun where a rule forbids
    (the rules its first row keeps), item headers abreast of one in the column before."""
    out: list[Flaw] = []
    headers: list[list[tuple[int, object]]] = []  # per column: (row, item block) of each header begun in it
    for c, column in enumerate(columns):
        first = column[0] if column else None
        for rule in first.keep if c and first is not None else ():
            out.append(_flaw(rule, region, columns[c - 1], c))
        headers.append([(r, row.block) for r, row in enumerate(column) if row.kind == "header" and row.header_row == 0])
        for r, block in headers[-1]:
            for r2, other in headers[c - 1] if c else ():
                if clreq.abreast(r, r2):
                    detail = _("beside {other}'s in column {column} (rows {theirs} and {ours} of {region})").format(
                        other=other, column=c, theirs=r2 + 1, ours=r + 1, region=region
                    )
                    out.append(Flaw("headers-abreast", region, block.with_part("headline"), 0, detail))
    return out


def _flaw(rule: str, region: str, column: list, c: int) -> Flaw:
    """The rule a column begun so breaks, said of what stands at the foot of the column before (column c - 1)."""
    foot = next(row for row in reversed(column) if row.kind != "space")
    item = foot.block.of_item or foot.block
    if rule == "first-line-foot":
        text = foot.line.text if foot.line else ""
        detail = _("alone at the foot of column {column} of {region}: '{text}'")
        return Flaw(rule, region, foot.block, foot.line_no, detail.format(column=c, region=region, text=text))
    if rule == "header-foot":
        under = sum(1 for row in column if row.kind == "text" and row.block.of_item == item)
        detail = ngettext(
            "at the foot of column {column} of {region} with {count} body line under it",
            "at the foot of column {column} of {region} with {count} body lines under it",
            under,
        ).format(column=c, region=region, count=under)
        return Flaw(rule, region, item.with_part("headline"), 0, detail)
    detail = _("split across columns {first} and {second} of {region}").format(first=c, second=c + 1, region=region)
    return Flaw(rule, region, item, 0, detail)


# ---------------------------------------------------------------- exact copyfit

ADD_LINES_MAX = 3  # lines an editor adds to (or cuts from) one paragraph: a larger hole is spread over items
# the programme finding a set of edits (_Search.combined): each edited paragraph costs EDIT and EDIT_LINE a line, more
# than any adjustment; a placement rule broken costs more than any set of edits
EDIT, EDIT_LINE, EDIT_FLAW = 30.0, 10.0, 10_000.0
CLOSING = "。"  # an addition ends its sentence: counted as an editor types it, the closing stop included
ADD_LEAST = 5  # an addition is a sentence an editor types, a few words and its stop (效果明显。): none fewer is sought


def suggest(
    region: str,
    rows: list,
    texts: dict[str, str],
    columns: int,
    capacity: int,
    bounds: FitBounds,
    flex: Flex,
    need: str,
) -> list[Suggestion]:
    """For a flow overset (need "cut"), short ("add") or flush with a placement rule broken ("keep"): per item (or
    intro paragraph) the fewest characters to cut from the end of one of its paragraphs, or to add at the end of its
    last, for the flow to end flush with every placement rule kept. Each figure is checked by composing the edited
    paragraph and running the whole fit; an addition's range is the characters that keep the paragraph at the line
    count the figure gives. The SHOWN fewest, each of another item; a hole more than ADD_LINES_MAX lines of any one
    paragraph can fill is one suggestion spread over several items (Suggestion.together)."""
    search = _Search(region, rows, texts, columns, capacity, bounds, flex)
    if need == "keep":
        return [s for s in [search.combined()] if s]
    # each item's paragraphs' figures, nearest line count first, unchecked; the fewest characters are checked first
    queue = []
    for order, ks in enumerate(search.owners().values()):
        tried = [(k, "cut") for k in ks] if need == "cut" else [(ks[-1], "add")]  # additions end the item
        for k, action in tried:
            figures = search.figures(k, action)
            first = next(figures, None)
            if first:
                heapq.heappush(queue, (first[0], order, k, first[1], action, figures))
    found, seen = [], set()
    while queue and len(found) < SHOWN:
        n, order, k, target, action, figures = heapq.heappop(queue)
        if order in seen:
            continue
        made = search.confirm(k, action, n, target)
        if made:
            found.append(made)
            seen.add(order)
        else:
            after = next(figures, None)
            if after:
                heapq.heappush(queue, (after[0], order, k, after[1], action, figures))
    return found or [s for s in [search.combined()] if s]


class _Search:
    """The flow with every option, the arithmetic of its line counts, and the whole fit of an edited text."""

    def __init__(self, region, rows, texts, columns, capacity, bounds, flex):
        self.region, self.texts, self.bounds, self.flex = region, texts, bounds, flex
        self.grid = Grid(columns, capacity)
        self.segs = segments(rows, texts, self.grid)
        for seg in self.segs:
            add_options(seg, region, bounds, flex, self.grid)
        self.ahead = forward(self.segs, self.grid)
        self.behind = backward(self.segs, self.grid)

    def owners(self) -> dict[object, list[int]]:
        """The paragraphs of each item (or each intro paragraph alone), in reading order."""
        out: dict[object, list[int]] = {}
        for k, seg in enumerate(self.segs):
            if seg.kind == "paragraph" and seg.text:
                out.setdefault(seg.block.of_item or seg.block, []).append(k)
        return out

    def figures(self, k: int, action: str) -> Iterator[tuple[int, int]]:
        """(characters, line count) cut from (or added to) paragraph k's end that may make the flow end flush and
        keep every placement rule, the nearest line counts first (TARGETS_TRIED of them): the fewest characters
        giving each count as composed, by the rows' shapes (clean), not yet checked by the whole fit (confirm)."""
        seg = self.segs[k]
        now = len(seg.base)
        fits = _fitting_counts(seg, self.ahead[k], self.behind[k + 1], self.grid)
        counts = range(now - 1, 0, -1) if action == "cut" else range(now + 1, now + ADD_LINES_MAX + 1)
        targets = (n for n in counts if fits(n) and self.alone(k, n) and self.clean({k: n}))
        for target in islice(targets, TARGETS_TRIED):
            n = self.fewest(seg, action, target)
            if n is not None:
                yield n, target

    def counter(self, seg: Segment, action: str):
        """The paragraph's line count, as composed, with n characters cut from (or added to) its end."""
        return lambda n: len(self.flex.lines(seg.block, _changed(seg.text, n, action)))

    def fewest(self, seg: Segment, action: str, target: int) -> int | None:
        """The fewest characters cut from (or added to) the paragraph's end that set it in `target` lines."""
        count = self.counter(seg, action)
        guess = _guess(seg.base, len(seg.base), target, action == "cut")
        n = _fewest(count, target, len(seg.text) - 1 if action == "cut" else None, action == "cut", guess)
        return n if n is not None and count(n) == target else None

    def shaped(self, seg: Segment, lines: int, cost: float = 0.0) -> Option:
        """The paragraph's rows were it set in so many lines, for the programme (no text: only their shape)."""
        return self.grid.option(self.flex.rows(seg.block, (None,) * lines, seg.under, seg.item_lines_with(lines)), cost)

    def keeps_every_rule(self, choices: list[list], path: list[int]) -> bool:
        """The way through the choices ends flush with no placement rule broken."""
        cols = flush(
            [row for k, n in enumerate(path) for row in choices[k][n].rows], self.grid.columns, self.grid.capacity
        )
        return cols is not None and not flaws(self.region, cols)

    def confirm(self, k: int, action: str, n: int, target: int) -> Suggestion | None:
        """The figure checked by the whole fit; an addition's range too: the most characters that keep the line
        count (checked at its end as well)."""
        seg = self.segs[k]
        if not self.verify({seg.block: _changed(seg.text, n, action)}):
            return None
        now = len(seg.base)
        if action == "cut":
            n = self.fewer(seg, action, n)
            return Suggestion(self.region, seg.block, "cut", n, now - target, sentences=self.sentences(seg))
        beyond = _fewest(self.counter(seg, action), target + 1, None, False, n + 1)
        most = beyond - 1 if beyond is not None else n
        if most > n and not self.verify({seg.block: _changed(seg.text, most, action)}):
            most = n
        return Suggestion(self.region, seg.block, "add", self.fewer(seg, action, n), target - now, most=most)

    def fewer(self, seg: Segment, action: str, n: int, others: dict | None = None) -> int:
        """The fewest characters, n or fewer, whose edit (with the others) the whole fit passes. n, which passes, is
        the fewest that set the paragraph in its target line count; a few fewer set it a line short of it (or, cut,
        a line over), and the fit may reline that (伸行/缩行) to the same page: searched below n by bisection (more
        characters mostly fit no worse; whatever it finds passes the whole fit), an addition down to ADD_LEAST. n - 1
        failing costs one fit."""
        others = others or {}
        fits = lambda m: self.verify({**others, seg.block: _changed(seg.text, m, action)})  # noqa: E731
        least = ADD_LEAST if action == "add" else 1
        found = _first(fits, least, n - 1) if n > least else None
        return n if found is None else found

    def combined(self) -> Suggestion | None:
        """Where no one paragraph can: the cheapest set of edits, a few lines to each of several items' last
        paragraphs (ADD_LINES_MAX at most each, or the hole's share of each item where it is larger) or
        cut from any, for the flow to end flush with every placement rule kept (an overset page may need a line
        added elsewhere to keep them); found by the fitting programme itself, each edit an option priced by the
        lines it changes, each figure the fewest characters for its lines, all checked together by the whole fit.
        None if there is no such set."""
        choices = [list(seg.options) for seg in self.segs]
        edits: dict[tuple[int, int], int] = {}  # (segment, option) -> lines added (or cut, negative)
        owners = self.owners()
        rows = sum(len(seg.base) for seg in self.segs)
        most = max(ADD_LINES_MAX, -(-abs(rows - self.grid.columns * self.grid.capacity) // len(owners)) + 1)
        for ks in owners.values():
            for k, action in [(k, "cut") for k in ks] + [(ks[-1], "add")]:
                seg = self.segs[k]
                # a cut takes a third of the paragraph at most: an editor trims a paragraph, not half of it
                for d in range(1, (most if action == "add" else len(seg.base) // 3) + 1):
                    n = len(seg.base) + (d if action == "add" else -d)
                    if self.alone(k, n):
                        edits[k, len(choices[k])] = n - len(seg.base)
                        choices[k].append(self.shaped(seg, n, EDIT + EDIT_LINE * d))
        best = _cheapest(choices, self.grid, flaw=EDIT_FLAW)
        chosen = {k: d for (k, n), d in edits.items() if best and best[1][k] == n}
        if not chosen or not self.keeps_every_rule(choices, best[1]):
            return None
        texts, figures = {}, []
        for k, d in chosen.items():
            seg, action = self.segs[k], "add" if d > 0 else "cut"
            n = self.fewest(seg, action, len(seg.base) + d)
            if n is None:
                return None
            texts[seg.block] = _changed(seg.text, n, action)
            figures.append((seg.block, action, n, abs(d)))
        if not self.verify(texts):
            return None
        for f, (block, action, n, lines) in enumerate(figures):  # each the fewest that passes with the others
            seg = next(seg for seg in self.segs if seg.block == block)
            n = self.fewer(seg, action, n, {b: t for b, t in texts.items() if b != block})
            texts[block], figures[f] = _changed(seg.text, n, action), (block, action, n, lines)
        (block, action, n, lines), *others = figures
        return Suggestion(
            self.region, block, action, n, lines, most=n if action == "add" else None, together=tuple(others)
        )

    def alone(self, k: int, n: int) -> bool:
        """Does paragraph k set in n lines leave the other paragraphs of its item as they are where columns may
        break (keeps: the lines under the header, a short item), so that their rows as made still hold?"""
        seg = self.segs[k]
        if seg.item_lines is None:
            return True
        d, least = n - len(seg.base), clreq.HEADER_FOOT_MIN_LINES
        others = [s for s in self.segs if s.under is not None and s.block.of_item == seg.block.of_item and s is not seg]
        short = lambda lines: lines <= clreq.SHORT_ITEM_LINES  # noqa: E731
        return not others or (
            short(seg.item_lines) == short(seg.item_lines + d)
            and all(min(s.under, least) == min(s.under + d, least) for s in others if s.under > seg.under)
        )

    def clean(self, counts: dict[int, int]) -> bool:
        """Could the flow end flush and keep every placement rule with these paragraphs set in so many lines as
        written, or relined from there within the bounds (if their edited text allows: verify says), the rest
        flexing within the bounds? By their rows' shapes, nothing composed."""
        choices = [seg.options for seg in self.segs]
        relinings = [d for m in range(1, self.bounds.looseness + 1) for d in (m, -m)]
        for k, n in counts.items():
            seg = self.segs[k]
            choices[k] = [self.shaped(seg, n)]
            cost = COST["looseness"] + SHORT_PARAGRAPH / n
            choices[k] += [self.shaped(seg, n + d, cost * abs(d)) for d in relinings if n + d > 0]
        best = _cheapest(choices, self.grid)
        return best is not None and self.keeps_every_rule(choices, best[1])

    def verify(self, edits: dict[object, str]) -> bool:
        """The whole fit of the flow with these paragraphs' texts, as the build would run it: flush, every
        placement rule kept."""
        texts = {**self.texts, **edits}
        fitted = fit_flow(
            self.region, self.flex.remake(texts), texts, self.grid.columns, self.grid.capacity, self.bounds, self.flex
        )
        return fitted.columns is not None and not fitted.flaws

    def sentences(self, seg: Segment) -> tuple[SentenceCut, ...]:
        """The paragraph's last sentences, each cut alone: the lines it saves and whether the flow then fits (the
        whole fit: flush, every placement rule kept)."""
        text = seg.text
        spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]
        if len(spans) < 2:
            return ()
        out = []
        for start, end in reversed(spans[-SENTENCES_SHOWN:]):
            rest = text[:start] + text[end:]
            lines = self.flex.lines(seg.block, rest)
            out.append(SentenceCut(text[start:end], len(seg.base) - len(lines), self.verify({seg.block: rest})))
        return tuple(out)


def _fits_lines(seg: Segment, lines: int, ahead: dict[State, float], behind: dict[State, float], grid: Grid) -> bool:
    """Would the flow end flush if this paragraph had so many lines? (arithmetic: a paragraph's rows are all text)"""
    for column, fill in ahead:
        step = paragraph_advance(fill, lines, seg.tied, grid.capacity)
        if step is not None and (column + step[0], step[1]) in behind:
            return True
    return False


def paragraph_advance(fill: int, lines: int, tied: int, capacity: int) -> tuple[int, int] | None:
    """Grid.advance of a paragraph's rows (keeps), in closed form: line j opens a column when fill + j is
    a positive multiple of the capacity; the last line (no widow) and the first `tied` lines (Segment.tied) may not."""
    opens = lambda j: fill + j > 0 and (fill + j) % capacity == 0  # noqa: E731
    if (lines > 1 and opens(lines - 1)) or any(opens(j) for j in range(min(tied, lines))):
        return None
    moved = (fill + lines - 1) // capacity - ((fill - 1) // capacity if fill else 0)
    return moved, fill + lines - moved * capacity


def _fitting_counts(seg: Segment, ahead: dict[State, float], behind: dict[State, float], grid: Grid):
    """Whether the flow ends flush with the paragraph set in n lines, memoised: a paragraph's rows are all text,
    their shape (keeps) depends on nothing but their count, so this is the check the build makes."""
    memo: dict[int, bool] = {}

    def fits(n: int) -> bool:
        if n not in memo:
            memo[n] = n > 0 and _fits_lines(seg, n, ahead, behind, grid)
        return memo[n]

    return fits


def _guess(rows: tuple, now: int, lines: int, cut: bool) -> int:
    """How many characters to cut (or add) probably give a paragraph of `lines` lines, from its lines as set: a cut
    takes the characters on the lines it loses; an addition fills the last line's room, then full lines."""
    tail = [len(r.line.glyphs) for r in rows]
    last = rows[-1].line
    per_line = max(tail)
    if cut:
        k = now - lines
        return max(1, sum(tail[len(tail) - k :])) if k > 0 else 1
    room = max(0, int((last.measure - last.width) / (last.measure / per_line) + 1e-6))
    return max(1, room + (lines - now - 1) * per_line + 1)


def _first(pred, low: int, high: int) -> int | None:
    """The least n in low..high for which pred holds, pred being false then true along the range; None if never."""
    if low > high or not pred(high):
        return None
    while low < high:
        mid = (low + high) // 2
        if pred(mid):
            high = mid
        else:
            low = mid + 1
    return low


def _changed(text: str, n: int, action: str) -> str:
    """The paragraph with n characters cut from its end, or added as an editor types a sentence: n characters, the
    last of them its closing 。 (an addition of one character is the stop alone)."""
    if action == "cut":
        return text[:-n]
    return text + FILLER * (n - 1) + CLOSING


def _fewest(count, target: int, limit: int | None, cut: bool, guess: int = 1) -> int | None:
    """The fewest characters cut (to at most `target` lines) or added (to at least `target`); None if none do.
    The line count moves one way with the characters: searched out from the guess by doubling steps, then
    bisected, so a right guess costs two compositions (it and one character fewer)."""
    reached = (lambda n: count(n) <= target) if cut else (lambda n: count(n) >= target)
    high = limit if cut else 100_000
    if high is None or high < 1:
        return None
    n = min(max(1, guess), high)
    if reached(n):
        step = 1
        while n - step >= 1 and reached(n - step):
            n, step = n - step, step * 2
        return _first(reached, max(1, n - step + 1), n)  # n - step (if any) is not reached, n is
    step = 1
    while n < high:
        m = min(n + step, high)
        if reached(m):
            return _first(reached, n + 1, m)
        n, step = m, step * 2
    return None


# ---------------------------------------------------------------- messages


def unfit_messages(report, content, region, columns: list[list], capacity: int, overflow: list) -> list[str]:
    """Why a flow does not end flush and the exact figures that fix it, each blamed on the content where it lies."""
    frames = region.frames
    over = [r for r in overflow if r.kind != "space"]
    used = sum(len(c) for c in columns)
    if over:
        state = ngettext(
            "overset: {count} line does not fit (the overflow starts in {block})",
            "overset: {count} lines do not fit (the overflow starts in {block})",
            len(over),
        ).format(count=len(over), block=over[0].block)
    else:
        state = _("short: {count} empty").format(count=frames * capacity - used)
    bounds = region.fit
    within = _(" within the layout's fit bounds ({bounds})").format(bounds=describe(bounds)) if describe(bounds) else ""
    mine = [s for s in report.suggestions if s.region == region.name]
    head = f"{content.source}: {region.name}: " + ngettext(
        "{columns} column × {lines} lines, {used} used, {state}",
        "{columns} columns × {lines} lines, {used} used, {state}",
        frames,
    ).format(columns=frames, lines=capacity, used=used, state=state)
    if not mine:
        if over:
            alone = _("{head}; no single paragraph can cut it{within}: cut text across several items")
        else:
            alone = _("{head}; no single paragraph can fill it{within}: add text across several items")
        return [alone.format(head=head, within=within)]
    if len(mine) == 1 and mine[0].together:
        which = _("{head}; these edits together make the columns end flush with every placement rule kept{within}:")
    else:
        which = _("{head}; any one of these makes the columns end flush with every placement rule kept{within}:")
    out = [which.format(head=head, within=within)]
    for s in mine:
        out.append(f"{content.where(s.block)}: {s.block}: {phrase(s)}")
    return out


def phrase(s: Suggestion) -> str:
    """One suggestion as an editor reads it."""
    chars = ngettext("{count} character", "{count} characters", s.characters).format(count=s.characters)
    if s.action == "cut":
        saves = ngettext("saves {count} line", "saves {count} lines", s.lines).format(count=s.lines)
        text = _("cut {characters} from the end ({saves})").format(characters=chars, saves=saves)
        for cut in s.sentences:
            sentence = ngettext(
                "; cutting the sentence “{sentence}” saves {count} line ({fits})",
                "; cutting the sentence “{sentence}” saves {count} lines ({fits})",
                cut.lines,
            )
            fits = _("fits") if cut.fits else _("does not fit")
            text += sentence.format(sentence=_short(cut.text), count=cut.lines, fits=fits)
    else:
        if s.most is not None and s.most > s.characters:
            chars = _("{least}–{most} characters").format(least=s.characters, most=s.most)
        text = ngettext(
            "add {characters} at the end, its closing 。 counted ({count} line more)",
            "add {characters} at the end, its closing 。 counted ({count} lines more)",
            s.lines,
        ).format(characters=chars, count=s.lines)
    if s.together:
        others = _("; ").join(_together(block, action, n, lines) for block, action, n, lines in s.together)
        text += _("; together with {others}: more than one paragraph should take").format(others=others)
    return text


def _together(block, action: str, characters: int, lines: int) -> str:
    """Another paragraph's share of an edit several make together."""
    if action == "cut":
        share = ngettext("{block}: cut {characters} ({count} line)", "{block}: cut {characters} ({count} lines)", lines)
    else:
        share = ngettext("{block}: add {characters} ({count} line)", "{block}: add {characters} ({count} lines)", lines)
    return share.format(block=block, characters=characters, count=lines)


def _short(text: str, keep: int = 12) -> str:
    return text if len(text) <= 2 * keep + 1 else f"{text[:keep]}……{text[-keep:]}"


def describe(bounds: FitBounds | None) -> str:
    """The bounds as the layout states them, for messages."""
    if bounds is None:
        return ""
    parts = []
    if bounds.looseness:
        parts.append(_("paragraphs ±{count} line").format(count=bounds.looseness))
    if bounds.space_before:
        low, high = bounds.space_before
        parts.append(_("{low}–{high} rows before item headers").format(low=low, high=high))
    if bounds.photo_rows:
        parts.append(_("photos ±{count} row").format(count=bounds.photo_rows))
    if any(bounds.tracking):
        low, high = bounds.tracking
        parts.append(_("tracking {low} to {high} em").format(low=f"{low:+g}", high=f"{high:+g}"))
    return _(", ").join(parts)


def adjustment_phrase(a: Adjustment) -> str:
    """One adjustment as a proofreader reads it: block, what, how much."""
    n = round(abs(a.amount))
    if a.what == "tracking":
        return f"{a.block}: " + _("tracking {amount} em").format(amount=f"{a.amount:+g}")
    more = a.amount > 0
    if a.what == "looseness":
        if more:
            what = ngettext("set {count} line longer (伸行)", "set {count} lines longer (伸行)", n)
        else:
            what = ngettext("set {count} line shorter (缩行)", "set {count} lines shorter (缩行)", n)
    elif a.what == "space_before":
        if more:
            what = ngettext("{count} row more before its header", "{count} rows more before its header", n)
        else:
            what = ngettext("{count} row fewer before its header", "{count} rows fewer before its header", n)
    elif more:
        what = ngettext("photo {count} row taller", "photo {count} rows taller", n)
    else:
        what = ngettext("photo {count} row shorter", "photo {count} rows shorter", n)
    return f"{a.block}: " + what.format(count=n)


def flaw_phrase(f: Flaw) -> str:
    """A placement rule the fitting could not keep, as the build names it."""
    kept = _("{detail}; no arrangement within the layout's fit bounds keeps it").format(detail=f.detail)
    return f"{f.block}: {f.rule}: {kept}"
