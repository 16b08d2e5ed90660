"""Break a paragraph into lines and justify them, by the rules in clreq.py.

The paragraph is flattened into cells with prefix sums, so any candidate line's natural width,
shrink and stretch are O(1). Breaking is total-fit (Knuth–Plass style) over the break
opportunities between boxes: each line costs by how much punctuation it squeezes ("squeeze in
first", the cheaper) or how much it must spread its gaps ("then push out"); a line beyond
clreq.LETTERSPACE_MAX and an orphan last line cost so much that the paragraph is re-broken
instead. Widths are in em until the glyphs are made.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import NamedTuple

from ..fonts import FontMetrics
from ..model import Glyph, Line
from . import clreq
from .segment import Box, Cell

EPS = 1e-6
LINE_COST = 10.0  # every line costs this much: prefer fewer lines at equal quality
SQUEEZE_WEIGHT = 30.0  # badness of squeezing all a line's punctuation (cheaper than spreading)
SPREAD_WEIGHT = 100.0  # badness of spreading every gap by LETTERSPACE_MAX
TRACK_WEIGHT = (
    300.0  # badness of tracking a line in by all of clreq.TRACKING_MIN (挤排: after squeezing, before a loose line)
)
OVER_LIMIT = 1e5  # a line spread beyond the limit, or an orphan: only if nothing else works
WORD_BREAK = 2 * OVER_LIMIT  # display text broken inside a word: worse than any loose or short line
COUNTER_BREAK = OVER_LIMIT / 10  # body text: a number leaving its measure word (112.6万 / 人次), before a loose line
# display text: a break after a comma or colon is free; between two phrases (枢纽 / 承载) costs a little,
# after a verb (表扬 / 我市) more, between two words of one phrase (物流 / 枢纽) more than a line or two
# of unevenness (words.py grades them)
BREAK_PRICES = (
    0.0,
    10.0,
    20.0,
    40.0,
    WORD_BREAK,
    WORD_BREAK,
)  # the last two: the faults (particle, Latin from its noun)
# a free break after a comma or colon wins over evenness: every other break costs more than the most uneven pair
# of lines can (a line's raggedness costs at most SPREAD_WEIGHT)
PAUSE_PREFERRED = (LINE_COST + SPREAD_WEIGHT) ** 2
IMPOSSIBLE = 1e9  # a line that cannot be justified or is wider than the measure
HOPELESS = 0.5  # a justified line with less than this share of the measure filled is not tried
# em: beyond any rounding of the prefix sums (a line this much short of what it can fill, or within its measure, is
# surely so)
SURELY = 1e-3


def _prefix(values) -> list[float]:
    return [0.0, *accumulate(values)]


@dataclass
class Paragraph:
    """A paragraph's cells, with pair squeezes applied, and prefix sums over them."""

    cells: list[Cell]
    width: list[float]  # natural width of each cell
    squeeze: list[float]  # what may still be taken from each cell
    gap: list[float]  # natural space after each cell (Han–Latin ¼ em, fixed)
    kind: list[str]  # clreq.gap_kind after each cell
    starts: list[int]  # cells where a line may begin (box starts); the paragraph's end appended
    tracking: float
    track: float = 0.0  # how far a line may be tracked in per gap (挤排), em; 0 for ragged text
    orphan_min: int = clreq.ORPHAN_MIN_CHARS
    penalty: list[float] | None = None  # per start: the cost of breaking there (display text inside a word)
    most: float = clreq.LETTERSPACE_MAX  # em justification may add between two characters (the loose limit)
    cap: float = float("inf")  # em of squeeze a line may take from its marks (max_squeezed × ½ em)

    def __post_init__(self) -> None:
        self.W = _prefix(self.width)
        self.S = _prefix(self.squeeze)
        self.G = _prefix(self.gap)
        self.N = _prefix(k == "plain" for k in self.kind)  # gaps justification spreads
        self.H = _prefix(k == "hl" for k in self.kind)  # Han–Latin spaces: spread only on a line beyond the limit
        # gaps 挤排 tracks in: between two characters that are not marks (a mark's squeeze is its own rule), Han–Latin
        # spaces with the rest (the whole line tracked alike: its Han–Latin spaces stay ¼ em beyond the others)
        punct = [clreq.is_punct(c.cls) for c in self.cells] + [True]
        self.tracks = [
            k in ("plain", "last", "hl") and not punct[i] and not punct[i + 1] for i, k in enumerate(self.kind)
        ]
        self.K = _prefix(self.tracks)
        # last resort: Latin letter gaps, gaps beside marks, and word spaces beyond ½ em
        self.X = _prefix((k == "last") + (c.cls == "space") for c, k in zip(self.cells, self.kind))
        self.R = _prefix(
            max(0.0, clreq.WORD_SPACE_MAX - w) if c.cls == "space" else 0.0 for c, w in zip(self.cells, self.width)
        )
        self.T = _prefix(clreq.counts_for_orphan(c.char) for c in self.cells)
        self.E = [0.0] + [self.end_squeeze(b) for b in range(1, len(self.cells) + 1)]  # a line ending at b saves this

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """A word space at a line's start or end is dropped."""
        while a < b and self.cells[a].cls == "space":
            a += 1
        while b > a and self.cells[b - 1].cls == "space":
            b -= 1
        return a, b

    def end_squeeze(self, b: int) -> float:
        """A stop, comma or closing mark ends a line as ½ em [GB/T 15834 §5.1.10]."""
        last = self.cells[b - 1]
        return self.squeeze[b - 1] if clreq.squeezes_at_line_end(last.char) else 0.0

    def room(self, a: int, b: int) -> Room:
        """What the line of cells a..b is made of, for costing and justifying it."""
        if b <= a:
            return Room(0.0, 0.0, 0, 0.0, 0, 0, 0.0)
        end = self.E[b]
        natural = self.W[b] - self.W[a] + self.G[b - 1] - self.G[a] + self.tracking * (b - a - 1) - end
        shrink = min(self.S[b] - self.S[a] - end, self.cap)
        extra = int(self.X[b - 1] - self.X[a])
        hl = int(self.H[b - 1] - self.H[a])
        tracked = self.track * (self.K[b - 1] - self.K[a])
        return Room(natural, shrink, int(self.N[b - 1] - self.N[a]), self.R[b] - self.R[a], extra, hl, tracked)

    def loose(self, a: int, b: int, limit: float) -> bool:
        """Must the justified line a..b spread its gaps beyond the loose limit (by more than clreq.LOOSE_TOLERANCE
        each) to fill `limit`?"""
        r = self.room(a, b)
        over = plan(limit - r.natural, r, self.most).over if limit - r.natural > EPS else 0.0
        return over > clreq.LOOSE_TOLERANCE * max(1, r.spreads)


class Room(NamedTuple):
    natural: float  # width with every mark at its rule width
    shrink: float  # what squeezing may take off (the line's marks, to the squeeze cap)
    gaps: int  # plain inter-character gaps, which justification spreads
    spaces: float  # what word spaces may grow before ½ em
    extra: int  # Latin letter gaps, gaps beside marks and word spaces: spread only as a last resort
    hl: int  # Han–Latin spaces (¼ em): spread only beyond the limit, on a loose line, with every other gap
    tracked: float  # what tracking the line in (挤排) may take off after squeezing, ≥ 0

    @property
    def spreads(self) -> int:
        """The gaps a loose line's overrun is shared by."""
        return self.gaps + self.extra + self.hl


class Plan(NamedTuple):
    """How justification fills a short line, in em [clreq #line_adjustment]; Han–Latin spaces keep their ¼ em."""

    spaces: float  # 1. taken by word spaces, up to ½ em each
    share: float  # 2. added to every other inter-character gap, up to the loose limit
    extra: float  # 3. added to the last-resort gaps and word spaces, up to the loose limit
    over: float  # 4. what is left: spread over all gaps equally, Han–Latin ones too, beyond the limit (a loose line)


def plan(short: float, r: Room, most: float = clreq.LETTERSPACE_MAX) -> Plan:
    return Plan(*_plan(short, r.gaps, r.spaces, r.extra, most))


def _plan(short: float, gaps: int, room: float, extras: int, most: float) -> tuple[float, float, float, float]:
    """plan() on plain numbers (the breaker asks it for every candidate line)."""
    spaces = min(short, room)
    short -= spaces
    share = min(short / gaps, most) if gaps else 0.0
    short -= share * gaps
    extra = min(short / extras, most) if extras else 0.0
    short -= extra * extras
    return spaces, share, extra, max(0.0, short)


def paragraph(
    boxes: list[Box],
    tracking: float,
    track: float = 0.0,
    orphan_min: int = clreq.ORPHAN_MIN_CHARS,
    most: float = clreq.LETTERSPACE_MAX,
    cap: float = float("inf"),
) -> Paragraph:
    cells, starts, runs = [], [], []
    for box in boxes:
        starts.append(len(cells))
        for atom in box:
            runs.append(len(cells))
            cells.extend(atom.cells)
    starts.append(len(cells))
    run_start = set(runs)
    width = [c.width for c in cells]
    squeeze = [clreq.HALF if c.squeezable else 0.0 for c in cells]
    for i in range(len(cells) - 1):  # two adjacent marks take 1.5 em [clreq #punctuation_width_adjustment]
        side = clreq.adjacent_squeeze(cells[i].char, cells[i + 1].char)
        j = i if side == "left" else i + 1 if side == "right" else None
        if j is not None and squeeze[j]:
            width[j] -= squeeze[j]
            squeeze[j] = 0.0
    text = [c.char for c in cells] + [""]
    chars = [clreq.spaced_as(text[k - 1] if k else "", ch, text[k + 1]) for k, ch in enumerate(text[:-1])]
    kind = [clreq.gap_kind(chars[i], chars[i + 1], same_run=(i + 1) not in run_start) for i in range(len(cells) - 1)]
    kind.append("fixed")
    gap = [clreq.HAN_LATIN_GAP if k == "hl" else 0.0 for k in kind]
    return Paragraph(cells, width, squeeze, gap, kind, starts, tracking, track, orphan_min, most=most, cap=cap)


def _line_badness(
    natural: float,
    shrink: float,
    gaps: int,
    spaces: float,
    extra: int,
    hl: int,
    tracked: float,
    limit: float,
    spread: bool,
    ragged: bool,
    most: float,
) -> float:
    """How bad a line looks: squeezed punctuation (cheap), spread gaps (dearer), tracked in (挤排,
    dearer still), last-resort gaps, beyond the limit (only if nothing else works). A ragged line
    (a headline) costs by the room it leaves, so that a ragged paragraph's lines come out even."""
    if natural > limit + EPS:
        if natural - shrink > limit + EPS:
            if natural - shrink - tracked > limit + EPS:
                return IMPOSSIBLE
            return SQUEEZE_WEIGHT + TRACK_WEIGHT * ((natural - shrink - limit) / tracked) ** 3
        return SQUEEZE_WEIGHT * ((natural - limit) / shrink) ** 3
    if ragged:
        return SPREAD_WEIGHT * ((limit - natural) / limit) ** 2
    if not spread:
        return 0.0
    _, share, extra_share, over = _plan(limit - natural, gaps, spaces, extra, most)
    if over > EPS:
        if not gaps + extra + hl:
            return IMPOSSIBLE
        # beyond the limit: the cost grows with the overrun, so that two slightly loose lines beat one gaping line
        return OVER_LIMIT * (1 + over / (gaps + extra + hl) / most) ** 3
    return SPREAD_WEIGHT * ((share / most) ** 3 + 3 * (extra_share / most) ** 3)


def break_lines(
    p: Paragraph,
    first_measure: float,
    measure: float,
    justified: bool,
    lines: int | None = None,
    last_min: int | None = None,
) -> list[tuple[int, int]] | None:
    """Total-fit breaking: the (start, end) cells of each line, minimising the summed line costs.

    Candidate lines ending at each break are those between a bisected "hopeless" start and the first
    that no longer fits even fully squeezed, costed widest first; an orphan last line is penalised so
    that the paragraph re-breaks. Given
    `lines`, the best breaking into exactly that many lines with no line beyond the limits and a last line
    of `last_min` characters at least (a paragraph set a line longer or shorter to fill columns), or None.

    The search is quick, and breaks as the plain search does: only good ways are extended (costing less
    than a line beyond the limits), only by lines that can be good, and a line is not costed when the way
    before it plus the least a line costs does not beat the way to its end found already. A way through a
    hopeless way or line is hopeless too, and no good way depends on one, nor whether a break has one
    (which decides if its hopeless lines are tried); ties keep the way found first. So the breaking is the
    same whenever the paragraph has a good one; one without (the free breaking returns the least bad) is
    broken again by the plain search. The walk to a break's widest line starts by bisection where lines
    can be too wide. The shipped pages break in under half the time, and relined in under a third
    (tests/compose/test_break_lines.py compares with the plain search on ~2,300 paragraphs and measures).
    """
    orphan_min = last_min if lines and last_min else None
    breaks = _break_lines(p, first_measure, measure, justified, lines, quick=True, orphan_min=orphan_min)
    if breaks is None and not lines:  # no good free breaking: the least bad one
        breaks = _break_lines(p, first_measure, measure, justified, lines, quick=False)
    return breaks


def _break_lines(
    p: Paragraph,
    first_measure: float,
    measure: float,
    justified: bool,
    lines: int | None,
    quick: bool,
    orphan_min: int | None = None,
) -> list[tuple[int, int]] | None:
    """break_lines; quick: only the good ways extended, by lines that can be good and can beat the way found to
    their end (None for a paragraph with no good way, whatever `lines`), and the walk to the widest line begun
    by bisection; else the plain search. orphan_min: the last line's least characters (default the paragraph's)."""
    orphan_min = orphan_min or p.orphan_min
    starts = p.starts
    n = len(starts) - 1
    # best[j][count] = (cost, i): the cheapest way to set boxes before j in `count` lines (count 0 if free)
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}] + [{} for _ in range(n)]
    heads = [p.trim(a, len(p.cells))[0] for a in starts]  # word spaces at line edges are dropped
    tails = [p.trim(0, b)[1] for b in starts]
    W, G, S, N, H, R, X, E, K, T, tracking, track, most, cap = (
        p.W,
        p.G,
        p.S,
        p.N,
        p.H,
        p.R,
        p.X,
        p.E,
        p.K,
        p.T,
        p.tracking,
        p.track,
        p.most,
        p.cap,
    )
    # natural width of the line heads[i]..b is P(b) − Q[i], Q rising with i: bisection finds the short lines
    Q = [W[a] + G[a] + tracking * a for a in heads]
    # every mark squeezed, the line heads[i]..b is C(b) − M[i] wide, give or take rounding: where M rises with i
    # (every cell adds width; not with zero-width glyphs tracked in), bisection finds where lines can start to be
    # too wide (with a squeeze cap a line may be wider: the costing below sees it)
    M = [Q[i] - S[a] - track * K[a] for i, a in enumerate(heads)]
    rising = all(x <= y for x, y in zip(M, M[1:]))
    hopeless = OVER_LIMIT**2  # a paragraph this costly has a line beyond the limits
    # good[i]: a way to break i costs less than `hopeless` (every way counts when not quick)
    good = [True] + [not quick] * n
    for j in range(1, n + 1):
        b, last, here = tails[j], j == n, best[j]
        penalty = p.penalty[j] if p.penalty and not last else 0.0  # a break's own cost, beside the line's
        least = LINE_COST**2 + penalty**2  # what a line to here costs at least
        spread = justified and not last
        ragged = not justified
        P = W[b] + G[b - 1] + tracking * (b - 1) - E[b] if b else 0.0
        # lines starting after `top` fill less than HOPELESS of the measure: tried only if nothing else works
        top = min(j - 1, bisect_right(Q, P - HOPELESS * measure, 0, j) - 1) if spread else j - 1
        # the prefix sums at this break, looked up once (the same values, the same arithmetic below)
        Sb, Eb, Rb, Kb, Nb, Xb, Hb = S[b], E[b], R[b], K[b - 1], N[b - 1], X[b - 1], H[b - 1]
        # lazily, from `top` down: the walk stops at the first line too wide (after break `wide`), so a break
        # costs the handful of lines that fit the measure, not one step per earlier box (linear, not quadratic)
        wide, start = -1, top
        if quick and rising and top > 0:  # the lines after `start` are surely within the measure: the walk starts there
            C = P - Sb + Eb - track * Kb
            start = min(top, max(bisect_left(M, C - measure - EPS + SURELY, 0, top + 1) - 1, 0))
        for i in range(start, -1, -1):
            a = heads[i]
            if (
                b > a
                and i < j - 1
                and P - Q[i] - min(Sb - S[a] - Eb, cap) - track * (Kb - K[a])
                > (first_measure if i == 0 else measure) + EPS
            ):
                wide = i
                break  # too wide even squeezed, and so is every line starting earlier
        # widest first, the line of one box last: the likely best, then prune
        for i in chain(range(wide + 1, top + 1), (j - 1,) if top < j - 1 else ()):
            a = heads[i]
            if b <= a:
                continue  # nothing but spaces
            limit = first_measure if i == 0 else measure
            natural = P - Q[i]
            if (
                spread
                and lines is None
                and here
                and here[0][0] < hopeless
                and limit - natural > most * (b - a) + Rb - R[a]
            ):
                break  # beyond the limit even spreading every gap: cannot beat a line within it
            if not good[i]:
                continue  # only hopeless ways to offer it to
            if quick and not lines and (0 not in best[i] or here and best[i][0][0] + least >= here[0][0]):
                continue  # no way to i, or no line after it beats the way to here found already (the first found stays)
            if quick and spread and limit - natural > Rb - R[a] + most * (Nb - N[a] + Xb - X[a]) + SURELY:
                continue  # too short to fill within every limit: a hopeless line
            if natural > limit + EPS:
                # _line_badness for a line squeezed to the measure, inline (the same arithmetic in the same order:
                # the widest lines, costed first at every break, ~29,000 calls fewer on two pages)
                shrink = min(Sb - S[a] - Eb, cap)
                if natural - shrink > limit + EPS:
                    tracked = track * (Kb - K[a])
                    if natural - shrink - tracked > limit + EPS:
                        badness = IMPOSSIBLE
                    else:
                        badness = SQUEEZE_WEIGHT + TRACK_WEIGHT * ((natural - shrink - limit) / tracked) ** 3
                else:
                    badness = SQUEEZE_WEIGHT * ((natural - limit) / shrink) ** 3
            elif spread:
                # _line_badness and _plan for the commonest line, a justified one short of the measure, inline
                # (the same arithmetic in the same order: the same costs, ~16,000 calls fewer on the page)
                short, gaps, extras = limit - natural, Nb - N[a], Xb - X[a]
                short -= min(short, Rb - R[a])
                share = min(short / gaps, most) if gaps else 0.0
                short -= share * gaps
                extra_share = min(short / extras, most) if extras else 0.0
                short -= extra_share * extras
                if short > EPS:
                    spreads = gaps + extras + Hb - H[a]  # beyond the limit, Han–Latin spaces take their share too
                    badness = OVER_LIMIT * (1 + short / spreads / most) ** 3 if spreads else IMPOSSIBLE
                else:
                    badness = SPREAD_WEIGHT * ((share / most) ** 3 + 3 * (extra_share / most) ** 3)
            else:
                badness = _line_badness(
                    natural,
                    min(Sb - S[a] - Eb, cap),
                    Nb - N[a],
                    Rb - R[a],
                    Xb - X[a],
                    Hb - H[a],
                    track * (Kb - K[a]),
                    limit,
                    spread,
                    ragged,
                    most,
                )
            if not lines:  # _relax, inline for the one count a free breaking keeps (most of a build's composing)
                before = best[i].get(0)
                if before is not None:
                    if last and i > 0 and T[b] - T[a] < orphan_min:
                        badness += OVER_LIMIT
                    total = before[0] + ((LINE_COST + badness) ** 2 + penalty**2)
                    now = here.get(0)
                    if now is None or now[0] > total:
                        here[0] = (total, i)
            else:
                _relax(p, best, here, i, a, b, last, badness, lines, penalty, orphan_min)
        if not here or (min(cost for cost, _ in here.values()) if lines else here[0][0]) >= hopeless:
            for i in range(top + 1, j - 1):  # the hopeless lines, when nothing is good
                a = heads[i]
                if (
                    a < b
                    and good[i]
                    and not (
                        quick and spread and measure - (P - Q[i]) > Rb - R[a] + most * (Nb - N[a] + Xb - X[a]) + SURELY
                    )
                ):
                    _relax(
                        p,
                        best,
                        here,
                        i,
                        a,
                        b,
                        last,
                        _line_badness(*p.room(a, b), measure, spread, ragged, most),
                        lines,
                        penalty,
                        orphan_min,
                    )
        good[j] = good[j] or bool(here) and (min(cost for cost, _ in here.values()) if lines else here[0][0]) < hopeless
    key = lines or 0
    if key not in best[n] or ((lines or quick) and best[n][key][0] >= OVER_LIMIT**2):
        return None
    out, j = [], n
    while j > 0:
        i = best[j][key][1]
        out.append((starts[i], starts[j]))
        j, key = i, key - 1 if lines else 0
    return out[::-1]


def _relax(
    p: Paragraph,
    best: list,
    here: dict,
    i: int,
    a: int,
    b: int,
    last: bool,
    badness: float,
    lines: int | None,
    penalty: float,
    orphan_min: int,
) -> None:
    """Offer the line a..b (after break i) to every way of setting what comes before it; a break's
    penalty adds to the cost beside the line's badness, as in Knuth–Plass (not inside its square)."""
    if last and i > 0 and p.T[b] - p.T[a] < orphan_min:
        badness += OVER_LIMIT  # an orphan: re-break the paragraph rather than leave one character
    line_cost = (LINE_COST + badness) ** 2 + penalty**2
    if not lines:  # a free breaking keeps one count
        before = best[i].get(0)
        if before is not None:
            now, total = here.get(0), before[0] + line_cost
            if now is None or now[0] > total:
                here[0] = (total, i)
        return
    for count, (cost, _) in best[i].items():
        if count < lines:
            now, total = here.get(count + 1), cost + line_cost
            if now is None or now[0] > total:
                here[count + 1] = (total, i)


def _min_width(r: Room) -> float:
    return r.natural - r.shrink - r.tracked


def _split_overfull(p: Paragraph, a: int, b: int, limit: float) -> list[tuple[int, int]]:
    """Last resort for a single box wider than the measure (a very long Latin word): cut it cell by cell."""
    out = []
    while a < b:
        end = a + 1
        while end < b and _min_width(p.room(*p.trim(a, end + 1))) <= limit + EPS:
            end += 1
        out.append((a, end))
        a = end
    return out


def justify(p: Paragraph, a: int, b: int, limit: float, stretch: bool) -> list[tuple[Cell, float, float]]:
    """Cell positions (x, width) in em: shrink to the measure if over it, spread by plan() if asked and short."""
    r = p.room(a, b)
    cells, widths, squeeze, kinds = p.cells[a:b], p.width[a:b], p.squeeze[a:b], p.kind[a:b]
    if b > a and clreq.squeezes_at_line_end(cells[-1].char):
        widths[-1] -= squeeze[-1]
        squeeze[-1] = 0.0
    gaps = p.gap[a:b]
    kinds[-1:] = ["fixed"]  # nothing after the line's last cell
    excess = r.natural - limit
    if excess > EPS:
        # shrink: compressible punctuation, all the line's marks alike, to the squeeze cap
        take = min(excess, sum(squeeze), p.cap)
        if take > 0:
            widths = [w - s * take / sum(squeeze) for w, s in zip(widths, squeeze)]
        tracked = p.tracks[a:b]
        tracked[-1:] = [False]
        if excess - take > EPS and p.track and any(tracked):
            # 挤排: the rest off every gap of the line alike, at most clreq.TRACKING_MIN each
            each = min((excess - take) / sum(tracked), p.track)
            gaps = [g - each if t else g for g, t in zip(gaps, tracked)]
    elif stretch and -excess > EPS:
        s = plan(-excess, r, p.most)
        # what is left beyond every limit goes equally to every gap that may take space (a loose line)
        over = s.over / max(1, r.spreads)
        add = {"plain": s.share + over, "last": s.extra + over, "hl": over}
        gaps = [g + add.get(k, 0.0) for g, k in zip(gaps, kinds)]
        grow = s.extra + over
        widths = [
            w + (max(0.0, clreq.WORD_SPACE_MAX - w) * s.spaces / r.spaces if r.spaces else 0.0) + grow
            if c.cls == "space"
            else w
            for c, w in zip(cells, widths)
        ]
    out, x = [], 0.0
    for cell, w, g in zip(cells, widths, gaps):
        out.append((cell, x, w))
        x += w + g + p.tracking
    return out


def _glyph(cells: list[tuple[Cell, float, float]], k: int, start: float, size: float, font: FontMetrics) -> Glyph:
    """Where the ink goes inside its cell: opening marks on the right, interpuncts centred, —— seamless."""
    cell, x, width = cells[k]
    ink_dx, hscale = 0.0, 1.0
    if cell.cls == "open":
        ink_dx = width - cell.advance
    elif cell.cls == "middle":
        ink_dx = (width - cell.advance) / 2
    elif cell.cls == "dash" and any(0 <= j < len(cells) and cells[j][0].cls == "dash" for j in (k - 1, k + 1)):
        lo, hi = font.dash_ink
        hscale = 1.0 / (hi - lo) if hi > lo else 1.0
        ink_dx = -lo * hscale
    elif cell.cls == "dash":
        ink_dx = (width - cell.advance) / 2  # a lone dash (1—9): centred in its em
    return Glyph(cell.char, (start + x) * size, width * size, ink_dx * size, hscale)


@dataclass
class Breaking:
    """A paragraph broken freely: its cells (Paragraph) and lines, what a relining of it starts from."""

    p: Paragraph
    breaks: list[tuple[int, int]]
    measure: float  # em
    indent: float  # em

    @property
    def loose(self) -> bool:
        """Has a justified line beyond the loose limit (the paragraph could not be broken without one)."""
        lines = self.breaks[:-1]
        return any(
            self.p.loose(*self.p.trim(a, b), self.measure - (self.indent if n == 0 else 0.0))
            for n, (a, b) in enumerate(lines)
        )


def broken(
    boxes: list[Box],
    size: float,
    measure: float,
    indent: float,
    tracking: float,
    justified: bool,
    word_breaks: Callable[[], dict[int, int]] | None = None,
    most: float = clreq.LETTERSPACE_MAX,
    max_squeezed: int | None = None,
    counter_breaks: set[int] | None = None,
) -> Breaking | None:
    """The paragraph's free breaking, None for no boxes. measure is in points; indent, tracking and `most` (the
    loose limit) in em; max_squeezed: marks' worth of ½ em a line may squeeze (None: all it has).

    word_breaks, for display text: the cell offsets where a line may break between words, each with
    its grade (words.py; asked only when the text does not fit on one line), priced by BREAK_PRICES;
    a break inside a word costs WORD_BREAK. counter_breaks: cell offsets where a number leaves its measure word
    (boxes made with clreq's counters apart), each priced COUNTER_BREAK.
    """
    if not boxes:
        return None
    display = word_breaks is not None
    p = paragraph(
        boxes,
        tracking,
        -clreq.TRACKING_MIN if justified else 0.0,
        clreq.DISPLAY_LAST_MIN_CHARS if display else clreq.ORPHAN_MIN_CHARS,
        most,
        float("inf") if max_squeezed is None else max_squeezed * clreq.HALF,
    )
    measure_em = measure / size
    if display and _min_width(p.room(*p.trim(0, len(p.cells)))) > measure_em - indent + EPS:
        allowed = word_breaks()
        p.penalty = [_break_price(allowed.get(a)) for a in p.starts]
    elif counter_breaks:
        p.penalty = [COUNTER_BREAK if a in counter_breaks else 0.0 for a in p.starts]
    return Breaking(p, break_lines(p, measure_em - indent, measure_em, justified), measure_em, indent)


def _break_price(grade: int | None) -> float:
    """A display break's penalty (words.py's grade; None inside a word). The breaker adds its square to the lines'
    costs, so PAUSE_PREFERRED goes in squared."""
    if grade is None:
        return WORD_BREAK
    return BREAK_PRICES[grade] if grade == 0 else (BREAK_PRICES[grade] ** 2 + PAUSE_PREFERRED) ** 0.5


def set_lines(
    breaking: Breaking | None,
    font: FontMetrics,
    size: float,
    measure: float,
    justified: bool,
    looseness: int = 0,
    last_min: int | None = None,
) -> list[Line]:
    """The lines of a free breaking (broken()), or with looseness of that many lines more (or fewer) if it can be,
    its last line holding `last_min` characters at least."""
    if breaking is None:
        return []
    p, breaks, measure_em, indent = breaking.p, breaking.breaks, breaking.measure, breaking.indent
    if looseness:
        relined = break_lines(p, measure_em - indent, measure_em, justified, len(breaks) + looseness, last_min)
        breaks = relined or breaks
    spans = []
    for n, (a, b) in enumerate(breaks):
        limit = measure_em - (indent if n == 0 else 0.0)
        ta, tb = p.trim(a, b)
        spans += _split_overfull(p, ta, tb, limit) if _min_width(p.room(ta, tb)) > limit + EPS else [(ta, tb)]
    out: list[Line] = []
    for n, (a, b) in enumerate(spans):
        last = n == len(spans) - 1
        start = indent if n == 0 else 0.0
        spread = justified and not last
        placed = justify(p, a, b, measure_em - start, stretch=spread)
        glyphs = tuple(_glyph(placed, k, start, size, font) for k in range(len(placed)) if placed[k][0].cls != "space")
        width = (start + placed[-1][1] + placed[-1][2]) * size if placed else 0.0
        loose = spread and p.loose(a, b, measure_em - start)
        out.append(Line(glyphs, width, measure, spread, last, loose))
    return out
