"""Fit a flow to its region exactly: every column ends on the region's last grid line (齐底).

The flow's grid rows (text lines, item headers, space, photo rows) come in segments, each with the
ways the layout's `fit:` lets it be set: a paragraph one line longer or shorter (伸行/缩行) or at a
tracking step, a row more or fewer before an item header, a photo a row taller or shorter. A
dynamic programme over the segments, its state the column and the rows filled in it, finds the
least visible combination that ends every column flush; ties go to the earliest choice in reading
order, so the result is deterministic and nothing is left as a hole.

When nothing within the bounds fits, `suggest` finds exact copyfit figures by composing: the same
programme run forwards and backwards gives the line counts a paragraph could take for the region
to fit, a search over the characters cut from (or added to) its end finds the fewest that give one
of them, and the paragraph so changed is composed and the whole flow checked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from ..compose import clreq
from ..model import Adjustment, FitBounds, Line, SentenceCut, Suggestion
from .columns import flush

EPS = 1e-9
# How visible each adjustment is, per line, row or step: 伸行/缩行 keeps the text's colour (dearer in a short
# paragraph, whose few lines take all of it); tracking changes the colour a little; a row of space shows as
# an uneven gap between items; a photo changes its crop.
COST = {"looseness": 2.0, "tracking": 3.0, "space_before": 4.0, "photo_rows": 5.0}
SHORT_PARAGRAPH = 6.0  # looseness costs this much more divided by the paragraph's lines
SPREAD_COST = 32.0  # per em a relining widens the paragraph's widest gap between characters (0.25 em: 8)
FILLER = "字"  # additions are counted in Han characters (all one em): the text an editor adds is mostly Han
SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*")
TARGETS_TRIED = 4  # line counts a suggested paragraph is searched for, nearest first
SENTENCES_SHOWN = 3  # a suggested cut lists this many sentences nearest the paragraph's end


class Flex(Protocol):
    """What the place stage supplies: compose a paragraph, make its rows, reshape space and photo rows."""

    size: float  # the flow's text size: an em, in points

    def lines(self, block: str, text: str, looseness: int = 0, tracking: float = 0.0) -> tuple[Line, ...]: ...

    def rows(self, block: str, lines: tuple[Line, ...]) -> list: ...

    def space(self, block: str) -> object: ...

    def figure(self, rows: list, delta: int) -> list | None: ...


@dataclass
class Option:
    rows: tuple
    cost: float = 0.0
    adjustment: Adjustment | None = None
    shape: int = -1  # interned (is space, may break before) of each row: what the programme sees


@dataclass
class Segment:
    block: str
    kind: str  # paragraph | space_before | figure | fixed
    options: list[Option]  # options[0]: as set
    text: str = ""  # a paragraph's text
    tied: bool = False  # a paragraph whose first two lines stay with the item header above

    @property
    def base(self) -> tuple:
        return self.options[0].rows


@dataclass
class Fitted:
    """A flow as fitted: its rows, its columns (flush or, failing that, balanced by the caller), what flexed."""

    rows: list
    columns: list[list] | None  # None: nothing within the bounds ends flush
    adjustments: list[Adjustment] = field(default_factory=list)


class Grid:
    """The columns of one flowed region, and how a run of rows advances a (column, rows filled) state."""

    def __init__(self, columns: int, capacity: int):
        self.columns, self.capacity = columns, capacity
        self._shapes: dict[tuple, int] = {}
        self._shape_of: list[tuple] = []
        self._memo: dict[tuple[int, int], tuple[int, int] | None] = {}

    def shape(self, rows) -> int:
        return self.interned(tuple((r.kind == "space", bool(r.break_before)) for r in rows))

    def interned(self, key: tuple) -> int:
        """The number of a shape: (is space, may break before) of each row."""
        if key not in self._shapes:
            self._shapes[key] = len(self._shape_of)
            self._shape_of.append(key)
        return self._shapes[key]

    def option(self, rows, cost: float = 0.0, adjustment: Adjustment | None = None) -> Option:
        rows = tuple(rows)
        return Option(rows, cost, adjustment, self.shape(rows))

    def advance(self, shape: int, fill: int) -> tuple[int, int] | None:
        """(columns moved on, rows filled) after the rows, from `fill` rows filled; None if they cannot end flush:
        a column full before a row that may not start one, or a space row on a column's last line."""
        key = (shape, fill)
        if key not in self._memo:
            self._memo[key] = _advance(self._shape_of[shape], fill, self.capacity)
        return self._memo[key]


def _advance(shape: tuple, fill: int, capacity: int) -> tuple[int, int] | None:
    moved = 0
    for space, may_break in shape:
        if fill == capacity:
            if not may_break:
                return None
            moved, fill = moved + 1, 0
        if space:
            if fill == 0:
                continue  # dropped at a column's top
            if fill == capacity - 1:
                return None  # the column would end on a blank row
        fill += 1
    return moved, fill


def paragraph_shape(lines: int, tied: bool) -> tuple:
    """The rows of a paragraph of so many lines: no widow; a tied paragraph keeps its first two lines with the
    header."""
    return tuple((False, not ((n == lines - 1 and n > 0) or (tied and n < 2))) for n in range(lines))


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
    for seg in out:
        seg.options[0] = grid.option(seg.base)
        seg.tied = seg.kind == "paragraph" and not seg.base[0].break_before
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
            wider = widest_gap(lines, flex.size) - widest_gap([r.line for r in base], flex.size)
            if wider > 0 and widest_gap(lines, flex.size) > clreq.LETTERSPACE_MAX + EPS:
                continue  # a relining may not set a line looser than justification may [clreq #line_adjustment]
            counts.add(len(lines))
            cost = (
                COST[what] * abs(amount if what == "looseness" else 1)
                + SHORT_PARAGRAPH / len(base)
                + SPREAD_COST * max(0.0, wider)
            )
            seg.options.append(
                grid.option(
                    tie(flex.rows(seg.block, lines), seg.tied), cost, Adjustment(region, seg.block, what, amount)
                )
            )
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


def widest_gap(lines, size: float) -> float:
    """The widest space between two neighbouring character cells on the paragraph's justified lines, in em."""
    widest = 0.0
    for line in lines:
        if line.justified:
            for a, b in zip(line.glyphs, line.glyphs[1:]):
                widest = max(widest, (b.x - a.x - a.width) / size)
    return widest


def tie(rows: list, tied: bool) -> list:
    """Keep a relined paragraph's first two lines with the header above it, as the paragraph as set was."""
    if tied:
        for row in rows[:2]:
            row.break_before = False
    return rows


# ---------------------------------------------------------------- the programme


State = tuple[int, int]  # (column, rows filled in it)


def forward(segs: list[Segment], grid: Grid) -> tuple[list[dict[State, float]], list[dict[State, tuple[State, int]]]]:
    """The cheapest way to reach each state after each segment, and the choice that got there."""
    layers: list[dict[State, float]] = [{(0, 0): 0.0}]
    choices: list[dict[State, tuple[State, int]]] = []
    for seg in segs:
        reached: dict[State, float] = {}
        came: dict[State, tuple[State, int]] = {}
        for (column, fill), cost in layers[-1].items():
            for n, option in enumerate(seg.options):
                step = grid.advance(option.shape, fill)
                if step is None or column + step[0] >= grid.columns:
                    continue
                state, total = (column + step[0], step[1]), cost + option.cost
                if state not in reached or total < reached[state] - EPS:
                    reached[state], came[state] = total, ((column, fill), n)
        layers.append(reached)
        choices.append(came)
    return layers, choices


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


def fit_flow(
    region: str, rows: list, texts: dict[str, str], columns: int, capacity: int, bounds: FitBounds, flex: Flex
) -> Fitted:
    """The least visible setting of the flow within the bounds whose columns all end flush (else columns None)."""
    grid = Grid(columns, capacity)
    segs = segments(rows, texts, grid)
    for seg in segs:  # rows of space and photo blocks cost nothing to make; paragraphs are composed
        if seg.kind != "paragraph":
            add_options(seg, region, bounds, flex, grid)
    picked = _fit_lazily(segs, region, bounds, flex, grid)
    if picked is None:  # the whole programme, every option composed
        for seg in segs:
            if seg.kind == "paragraph":
                add_options(seg, region, bounds, flex, grid)
        layers, choices = forward(segs, grid)
        end = (columns - 1, capacity)
        if end not in layers[-1]:
            return Fitted(rows, None)
        picked, state = [], end
        for k in range(len(segs) - 1, -1, -1):
            state, n = choices[k][state]
            picked.append(segs[k].options[n])
        picked.reverse()
    elif not picked:
        return Fitted(rows, None)
    fitted = [row for option in picked for row in option.rows]
    cols = flush(fitted, columns, capacity)
    assert cols is not None, "the fitting programme and the column filler disagree"
    return Fitted(fitted, cols, [o.adjustment for o in picked if o.adjustment])


# ---------------------------------------------------------------- the programme, composing only what it picks

# Composing a paragraph a line longer and shorter is most of a first build's work, and a fit picks few of them.
# A relined paragraph's rows are known before it is composed (paragraph_shape of its line count, if it can be
# set so) and its cost is at least COST + SHORT_PARAGRAPH / lines: the programme runs on those bounds, composes
# what the cheapest way picks, and runs again until that way picks only composed options. It is then the
# programme's own answer if every other way costs more by TIE (the ways with one cost left to reading order
# are the whole programme's to settle, so a near tie falls back to it).
TIE = 1e-6
_LAZY = True  # tests compare with the whole programme


@dataclass
class _Pending:
    """A relining not yet composed: its rows if it can be set so, and the least it can cost."""

    amount: int
    shape: int
    cost: float


def _fit_lazily(segs: list[Segment], region: str, bounds: FitBounds, flex: Flex, grid: Grid) -> list[Option] | None:
    """The options the programme picks (empty: nothing ends flush), or None when only the whole programme can say
    (tracking steps, whose line counts are not known before composing; a near tie)."""
    if not _LAZY or any(bounds.tracking):
        return None
    choices: list[list] = []
    for seg in segs:
        if seg.kind == "paragraph" and seg.text:
            lines = len(seg.base)
            low = SHORT_PARAGRAPH / lines
            choices.append(
                [
                    seg.options[0],
                    *(
                        _Pending(
                            d, grid.interned(paragraph_shape(lines + d, seg.tied)), COST["looseness"] * abs(d) + low
                        )
                        for n in range(1, bounds.looseness + 1)
                        for d in (n, -n)
                    ),
                ]
            )
        else:  # their options made already (fit_flow)
            choices.append(list(seg.options))
    while True:
        best = _two_best(choices, grid)
        if best is None:
            return []
        (cost, path), second = best
        pending = [(k, n) for k, n in enumerate(path) if isinstance(choices[k][n], _Pending)]
        if not pending:
            return [choices[k][n] for k, n in enumerate(path)] if second - cost > TIE else None
        for k, n in pending:
            option = _relined(segs[k], choices[k][n].amount, region, flex, grid)
            if option is not None and option.shape != choices[k][n].shape:
                return None  # rows other than the line count foretold: leave it to the whole programme
            choices[k][n] = option if option is not None else Option((), float("inf"), None, -1)


def _relined(seg: Segment, amount: int, region: str, flex: Flex, grid: Grid) -> Option | None:
    """The paragraph set `amount` lines longer, as add_options makes it (None: it cannot be, or not within the
    limit)."""
    base = seg.base
    lines = flex.lines(seg.block, seg.text, looseness=amount)
    if len(lines) != len(base) + amount:
        return None
    wider = widest_gap(lines, flex.size) - widest_gap([r.line for r in base], flex.size)
    if wider > 0 and widest_gap(lines, flex.size) > clreq.LETTERSPACE_MAX + EPS:
        return None
    cost = COST["looseness"] * abs(amount) + SHORT_PARAGRAPH / len(base) + SPREAD_COST * max(0.0, wider)
    return grid.option(
        tie(flex.rows(seg.block, lines), seg.tied), cost, Adjustment(region, seg.block, "looseness", amount)
    )


def _two_best(choices: list[list], grid: Grid) -> tuple[tuple[float, list[int]], float] | None:
    """The cheapest way through the segments that ends every column flush, as (cost, option index per segment),
    and the cost of the next cheapest way (inf if none); None if there is no way."""
    layer: dict[State, list[tuple[float, tuple | None]]] = {(0, 0): [(0.0, None)]}
    advance, columns = grid.advance, grid.columns
    for options in choices:
        live = [(option.shape, option.cost, n) for n, option in enumerate(options) if option.shape >= 0]
        reached: dict[State, list[tuple[float, tuple | None]]] = {}
        for (column, fill), ways in layer.items():
            for shape, price, n in live:
                step = advance(shape, fill)
                if step is None or column + step[0] >= columns:
                    continue
                state = (column + step[0], step[1])
                here = reached.get(state)
                for cost, back in ways:  # keep the two cheapest ways to each state
                    way = (cost + price, (n, back))
                    if here is None:
                        here = reached[state] = [way]
                    elif len(here) == 1:
                        here.insert(0 if way[0] < here[0][0] else 1, way)
                    elif way[0] < here[1][0]:
                        here[1:] = [way] if way[0] >= here[0][0] else [here[0]]
                        if way[0] < here[0][0]:
                            here[0] = way
        layer = reached
    ends = sorted(layer.get((grid.columns - 1, grid.capacity), []), key=lambda way: way[0])
    if not ends or ends[0][0] == float("inf"):
        return None
    path, back = [], ends[0][1]
    while back is not None:
        n, back = back
        path.append(n)
    path.reverse()
    return (ends[0][0], path), (ends[1][0] if len(ends) > 1 else float("inf"))


# ---------------------------------------------------------------- exact copyfit


def suggest(
    region: str,
    rows: list,
    texts: dict[str, str],
    columns: int,
    capacity: int,
    bounds: FitBounds,
    flex: Flex,
    over: bool,
) -> list[Suggestion]:
    """For a flow that does not end flush: per item (or intro paragraph), the fewest characters to cut from the
    end of one of its paragraphs (over) or to add at the end of its last paragraph (short) so that the flow
    fits within the bounds; each verified by composing the paragraph so changed. Fewest characters first."""
    grid = Grid(columns, capacity)
    segs = segments(rows, texts, grid)
    for seg in segs:
        add_options(seg, region, bounds, flex, grid)
    ahead, _ = forward(segs, grid)
    behind = backward(segs, grid)
    paragraphs = [k for k, s in enumerate(segs) if s.kind == "paragraph" and s.text]
    by_owner: dict[object, list[int]] = {}
    for k in paragraphs:
        by_owner.setdefault(_owner(segs[k].block), []).append(k)
    found = []
    for ks in by_owner.values():
        tries = ks if over else ks[-1:]  # additions go at the end of the item
        best = None
        for k in tries:
            s = _search(segs[k], ahead[k], behind[k + 1], grid, flex, bounds, over, region)
            if s and (best is None or s.characters < best.characters):
                best = s
        if best:
            found.append(best)
    found.sort(key=lambda s: s.characters)  # stable: reading order among equals
    return found


def _owner(block):
    """items[3].body[1] → items[3]; intro[1] → intro[1]."""
    return block.of_item or block


def _fits_lines(seg: Segment, lines: int, ahead: dict[State, float], behind: dict[State, float], grid: Grid) -> bool:
    """Would the flow end flush if this paragraph had so many lines? (arithmetic: a paragraph's rows are all text)"""
    for column, fill in ahead:
        step = paragraph_advance(fill, lines, seg.tied, grid.capacity)
        if step is not None and (column + step[0], step[1]) in behind:
            return True
    return False


def paragraph_advance(fill: int, lines: int, tied: bool, capacity: int) -> tuple[int, int] | None:
    """_advance of paragraph_shape(lines, tied), in closed form: line j opens a column when fill + j is a
    positive multiple of the capacity; the last line (no widow) and a tied paragraph's first two may not."""
    opens = lambda j: fill + j > 0 and (fill + j) % capacity == 0  # noqa: E731
    if (lines > 1 and opens(lines - 1)) or (tied and (opens(0) or (lines > 1 and opens(1)))):
        return None
    moved = (fill + lines - 1) // capacity - ((fill - 1) // capacity if fill else 0)
    return moved, fill + lines - moved * capacity


def _fitting_counts(seg: Segment, ahead: dict[State, float], behind: dict[State, float], grid: Grid):
    """Whether the flow ends flush with the paragraph set in n lines, memoised: a paragraph's rows are all text,
    their shape (paragraph_shape) depends on nothing but their count, so this is the check the build makes."""
    memo: dict[int, bool] = {}

    def fits(n: int) -> bool:
        if n not in memo:
            memo[n] = n > 0 and _fits_lines(seg, n, ahead, behind, grid)
        return memo[n]

    return fits


def _search(
    seg: Segment, ahead, behind, grid: Grid, flex: Flex, bounds: FitBounds, over: bool, region: str
) -> Suggestion | None:
    """The fewest characters to cut from the end of the paragraph (over) or add at its end (short) for the flow to end
    flush, counting the ways the bounds let the changed paragraph be set (a cut paragraph may still be set a line
    shorter); None if no count of its lines fits. (Composing only the paragraph's end to count its lines misled
    by a line on long paragraphs: total-fit takes up a line's worth over all of them.)"""
    text, now = seg.text, len(seg.base)
    if not ahead:
        return None
    fitting = _fitting_counts(seg, ahead, behind, grid)
    counts = range(now - 1, 0, -1) if over else range(now + 1, now + grid.columns * grid.capacity + 1)
    targets = list(islice((n for n in counts if fitting(n)), TARGETS_TRIED))
    base = lambda n: len(flex.lines(seg.block, _changed(text, n, over)))  # noqa: E731
    fits = lambda n: _fits_text(seg, _changed(text, n, over), flex, bounds, fitting, over)  # noqa: E731
    for target in targets:
        n = _fewest_fitting(base, fits, target, len(text) - 1, over, bounds, seg.base, now)
        if n is None:
            continue
        lines = flex.lines(seg.block, _changed(text, n, over))
        if over:
            return Suggestion(
                region, seg.block, "cut", n, now - len(lines), sentences=_sentences(seg, flex, bounds, fitting)
            )
        last = len(lines)
        while fitting(last + 1):  # line counts that fit, one after another
            last += 1
        # the most: as long as the paragraph as composed keeps a count that fits (relining may allow a few more)
        beyond = _fewest(base, last + 1, None, False, _guess(seg.base, now, last + 1, False))
        most = max(n, beyond - 1) if beyond is not None else n
        return Suggestion(region, seg.block, "add", n, len(lines) - now, most=most)
    return None


def _fewest_fitting(
    base, fits, target: int, limit: int, over: bool, bounds: FitBounds, rows: tuple, now: int
) -> int | None:
    """The fewest characters for the flow to fit with the paragraph aimed at `target` lines: its base count reaches
    the target at `sure`; the bounds may reach it from `early` on, the fewest characters that leave the base count
    off by no more than they can take up (found by composing, not guessed: the figure is the fewest)."""
    reach = bounds.looseness + any(bounds.tracking)  # lines the bounds may take off or add to a paragraph
    sure = _fewest(base, target, limit, over, _guess(rows, now, target, over))
    if sure is None:
        return None
    near = target + reach if over else target - reach
    per_line = max(len(r.line.glyphs) for r in rows)
    # a line fewer (or more) to reach by the bounds: about a line's characters short of `sure`
    early = _fewest(base, near, limit, over, sure - reach * per_line) if reach and near > 0 else None
    early = min(early or sure, sure)
    if early < sure and fits(early):
        return early  # the fewest there can be (a long paragraph takes up a line at once): one relining, not five
    return _first(fits, early, sure)


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


def _fits_text(seg: Segment, text: str, flex: Flex, bounds: FitBounds, fits, shorter: bool | None = None) -> bool:
    """The paragraph with this text, set any way the bounds allow (only the ways that set it shorter, or longer,
    when that is all that can help): does the flow then end flush? `fits`: _fitting_counts. A relining is
    composed only when the count it must give fits (it gives exactly one more or fewer line, or nothing)."""
    now = len(flex.lines(seg.block, text))
    if fits(now):
        return True
    for d in (d for n in range(1, bounds.looseness + 1) for d in (-n, n)):
        if (shorter is None or (d < 0) == shorter) and fits(now + d):
            if len(flex.lines(seg.block, text, looseness=d)) == now + d:
                return True
    for t in dict.fromkeys(bounds.tracking):
        if t and (shorter is None or (t < 0) == shorter) and fits(len(flex.lines(seg.block, text, tracking=t))):
            return True
    return False


def _changed(text: str, n: int, cut: bool) -> str:
    return text[:-n] if cut else text + FILLER * n


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


def _sentences(seg: Segment, flex: Flex, bounds: FitBounds, fitting) -> tuple[SentenceCut, ...]:
    """The paragraph's last sentences, each cut alone: the lines it saves and whether the flow then fits."""
    text = seg.text
    spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]
    if len(spans) < 2:
        return ()
    out = []
    for start, end in reversed(spans[-SENTENCES_SHOWN:]):
        rest = text[:start] + text[end:]
        lines = flex.lines(seg.block, rest)
        out.append(
            SentenceCut(text[start:end], len(seg.base) - len(lines), _fits_text(seg, rest, flex, bounds, fitting, True))
        )
    return tuple(out)


# ---------------------------------------------------------------- messages


def unfit_messages(report, content, region, columns: list[list], capacity: int, overflow: list) -> list[str]:
    """Why a flow does not end flush and the exact figures that fix it, each blamed on the content where it lies."""
    frames = region.frames
    over = [r for r in overflow if r.kind != "space"]
    used = sum(len(c) for c in columns)
    if over:
        state = f"overset: {len(over)} lines do not fit (the overflow starts in {over[0].block})"
        verb = "cut"
    else:
        state = f"short: {frames * capacity - used} empty"
        verb = "fill"
    bounds = region.fit
    within = f" within the layout's fit bounds ({describe(bounds)})" if bounds and describe(bounds) else ""
    mine = [s for s in report.suggestions if s.region == region.name]
    head = f"{content.source}: {region.name}: {frames} columns × {capacity} lines, {used} used, {state}"
    if not mine:
        return [
            f"{head}; no single paragraph can {verb} it{within}: {'cut' if over else 'add'} text across several items"
        ]
    out = [f"{head}; any one of these makes the columns end flush{within}:"]
    for s in mine:
        out.append(f"{content.where(s.block)}: {s.block}: {phrase(s)}")
    return out


def phrase(s: Suggestion) -> str:
    """One suggestion as an editor reads it."""
    chars = f"{s.characters} character{'s' * (s.characters != 1)}"
    if s.action == "cut":
        saves = f"saves {s.lines} line{'s' * (s.lines != 1)}" if s.lines else "the fitting then takes up the rest"
        text = f"cut {chars} from the end ({saves})"
        for cut in s.sentences:
            mark = "fits" if cut.fits else "does not fit"
            text += (
                f"; cutting the sentence “{_short(cut.text)}” saves {cut.lines} line{'s' * (cut.lines != 1)} ({mark})"
            )
        return text
    most = f", up to {s.most}" if s.most is not None and s.most > s.characters else ""
    fills = f"fills {s.lines} line{'s' * (s.lines != 1)}" if s.lines else "the fitting then takes up the rest"
    return f"add {chars} at the end{most} ({fills})"


def _short(text: str, keep: int = 12) -> str:
    return text if len(text) <= 2 * keep + 1 else f"{text[:keep]}……{text[-keep:]}"


def describe(bounds: FitBounds | None) -> str:
    """The bounds as the layout states them, for messages."""
    if bounds is None:
        return ""
    parts = []
    if bounds.looseness:
        parts.append(f"paragraphs ±{bounds.looseness} line")
    if bounds.space_before:
        parts.append(f"{bounds.space_before[0]}–{bounds.space_before[1]} rows before item headers")
    if bounds.photo_rows:
        parts.append(f"photos ±{bounds.photo_rows} row")
    if any(bounds.tracking):
        parts.append(f"tracking {bounds.tracking[0]:+g} to {bounds.tracking[1]:+g} em")
    return ", ".join(parts)


def adjustment_phrase(a: Adjustment) -> str:
    """One adjustment as a proofreader reads it: block, what, how much."""
    n = abs(a.amount)
    if a.what == "looseness":
        return f"{a.block}: set {n:g} line{'s' * (n != 1)} {'longer (伸行)' if a.amount > 0 else 'shorter (缩行)'}"
    if a.what == "tracking":
        return f"{a.block}: tracking {a.amount:+g} em"
    if a.what == "space_before":
        return f"{a.block}: {n:g} row{'s' * (n != 1)} {'more' if a.amount > 0 else 'fewer'} before its header"
    return f"{a.block}: photo {n:g} row{'s' * (n != 1)} {'taller' if a.amount > 0 else 'shorter'}"
