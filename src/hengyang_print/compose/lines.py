"""Break boxes into lines and justify them: squeeze punctuation in first, then push out; stretch gaps.

Passes, each one function: natural widths (punctuation pairs and line ends squeezed), greedy
breaking with squeeze-in, orphan repair, then justification (shrink, or stretch spaces, Han–Latin
gaps, then every inter-atom gap equally). Widths are in em until the last step.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fonts import FontMetrics
from ..model import Glyph, Line
from . import clreq
from .segment import Atom, Box, Cell

EPS = 1e-6


@dataclass
class _Fit:
    """One candidate line worked out: cell widths, gap widths and what may shrink or stretch."""

    atoms: list[Atom]
    cells: list[Cell]
    widths: list[float]  # per cell
    squeeze: list[float]  # per cell: width that may still be removed
    gaps: list[float]  # per atom boundary (len(atoms) - 1)
    gap_kind: list[str]  # hl | plain | fixed
    tracking: float

    @property
    def natural(self) -> float:
        return sum(self.widths) + sum(self.gaps) + self.tracking * max(0, len(self.cells) - 1)

    @property
    def shrinkable(self) -> float:
        hl = sum(clreq.HAN_LATIN_GAP - clreq.HAN_LATIN_GAP_MIN for k in self.gap_kind if k == "hl")
        return sum(self.squeeze) + hl


def _strip_spaces(atoms: list[Atom]) -> list[Atom]:
    """A word space at a line's start or end is dropped."""
    start, end = 0, len(atoms)
    while start < end and atoms[start].is_space:
        start += 1
    while end > start and atoms[end - 1].is_space:
        end -= 1
    return atoms[start:end]


def _fit(atoms: list[Atom], tracking: float) -> _Fit:
    atoms = _strip_spaces(atoms)
    cells = [c for a in atoms for c in a.cells]
    widths = [c.width for c in cells]
    squeeze = [clreq.HALF if c.squeezable else 0.0 for c in cells]

    def squeeze_cell(i: int) -> None:
        if squeeze[i] > 0:
            widths[i] -= squeeze[i]
            squeeze[i] = 0.0

    # two adjacent marks take 1.5 em [clreq #punctuation_width_adjustment]
    for i in range(len(cells) - 1):
        side = clreq.adjacent_squeeze(cells[i].char, cells[i + 1].char)
        if side == "left":
            squeeze_cell(i)
        elif side == "right":
            squeeze_cell(i + 1)
    # a stop, comma or closing mark ends a line as ½ em [GB/T 15834 §5.1.10]
    if cells and clreq.squeezes_at_line_end(cells[-1].char):
        squeeze_cell(len(cells) - 1)

    gaps, kinds = [], []
    for left, right in zip(atoms, atoms[1:]):
        if clreq.han_latin_gap(left.last, right.first):
            gaps.append(clreq.HAN_LATIN_GAP)
            kinds.append("hl")
        elif left.is_connector or right.is_connector or left.is_space or right.is_space:
            gaps.append(0.0)  # never stretch around connectors and solidi; spaces stretch themselves
            kinds.append("fixed")
        else:
            gaps.append(0.0)
            kinds.append("plain")
    return _Fit(atoms, cells, widths, squeeze, gaps, kinds, tracking)


def _flatten(boxes: list[Box]) -> list[Atom]:
    return [a for b in boxes for a in b]


def break_lines(boxes: list[Box], first_measure: float, measure: float, tracking: float) -> list[list[Box]]:
    """Greedy: take the next box if the line, squeezed to its limit, still fits; else push it out."""
    lines: list[list[Box]] = []
    current: list[Box] = []
    for box in boxes:
        limit = first_measure if not lines else measure
        candidate = current + [box]
        fit = _fit(_flatten(candidate), tracking)
        if fit.natural - fit.shrinkable <= limit + EPS or not _flatten(current) or not _strip_spaces(_flatten(current)):
            current = candidate
        else:
            lines.append(current)
            current = [box]
    if current:
        lines.append(current)
    return [piece for line in lines for piece in _split_overfull(line, first_measure if line is lines[0] else measure, tracking)]


def _split_overfull(line: list[Box], limit: float, tracking: float) -> list[list[Box]]:
    """Last resort for a single box wider than the measure: split it cell by cell.

    The audit reports such a split; a newspaper measure of 10+ em meets it only with a very long
    Latin word or number.
    """
    fit = _fit(_flatten(line), tracking)
    if fit.natural - fit.shrinkable <= limit + EPS:
        return [line]
    cells = [c for a in _flatten(line) for c in a.cells]
    out: list[list[Box]] = []
    current: list[Cell] = []
    for cell in cells:
        trial = _fit([Atom((c,)) for c in current + [cell]], tracking)
        if current and trial.natural - trial.shrinkable > limit + EPS:
            out.append([tuple(Atom((c,)) for c in current)])
            current = []
        current.append(cell)
    out.append([tuple(Atom((c,)) for c in current)])
    return out


def _text_chars(line: list[Box]) -> int:
    return sum(1 for a in _flatten(line) for c in a.cells if not clreq.is_punct(c.cls) and c.cls != "space")


def fix_orphan(lines: list[list[Box]], measure: float, tracking: float) -> list[list[Box]]:
    """No orphan: pull a box from the line before into a last line with fewer than two characters."""
    for _ in range(3):
        if len(lines) < 2 or _text_chars(lines[-1]) >= clreq.ORPHAN_MIN_CHARS or len(lines[-2]) < 2:
            break
        moved = [lines[-2][-1]] + lines[-1]
        fit = _fit(_flatten(moved), tracking)
        if fit.natural - fit.shrinkable > measure + EPS:
            break
        lines = lines[:-2] + [lines[-2][:-1], moved]
    return lines


def justify(fit: _Fit, measure: float, stretch: bool) -> list[tuple[Cell, float, float]]:
    """Cell positions (x, width) in em: shrink to the measure if over it, stretch if asked and short."""
    widths, gaps = list(fit.widths), list(fit.gaps)
    excess = fit.natural - measure
    if excess > EPS:
        # shrink: compressible punctuation first, then Han–Latin gaps down to ⅛ em
        punct = sum(fit.squeeze)
        take = min(excess, punct)
        if punct > 0:
            widths = [w - s * take / punct for w, s in zip(widths, fit.squeeze)]
        rest = excess - take
        hl = [i for i, k in enumerate(fit.gap_kind) if k == "hl"]
        if rest > EPS and hl:
            each = min(rest / len(hl), clreq.HAN_LATIN_GAP - clreq.HAN_LATIN_GAP_MIN)
            for i in hl:
                gaps[i] -= each
    elif stretch and -excess > EPS:
        short = -excess
        # 1. word spaces up to ½ em
        spaces = [i for i, c in enumerate(fit.cells) if c.cls == "space"]
        room = sum(max(0.0, clreq.WORD_SPACE_MAX - widths[i]) for i in spaces)
        if room > EPS:
            take = min(short, room)
            for i in spaces:
                widths[i] += max(0.0, clreq.WORD_SPACE_MAX - widths[i]) * take / room
            short -= take
        # 2. Han–Latin gaps up to ⅓ em
        hl = [i for i, k in enumerate(fit.gap_kind) if k == "hl"]
        if short > EPS and hl:
            each = min(short / len(hl), clreq.HAN_LATIN_GAP_MAX - clreq.HAN_LATIN_GAP)
            for i in hl:
                gaps[i] += each
            short -= each * len(hl)
        # 3. every other inter-atom gap, equally
        plain = [i for i, k in enumerate(fit.gap_kind) if k in ("plain", "hl")]
        if short > EPS and plain:
            for i in plain:
                gaps[i] += short / len(plain)
    out = []
    x = 0.0
    k = 0
    for a_index, atom in enumerate(fit.atoms):
        for cell in atom.cells:
            out.append((cell, x, widths[k]))
            x += widths[k] + fit.tracking
            k += 1
        if a_index < len(gaps):
            x += gaps[a_index]
    return out


def _glyph(cell: Cell, x: float, width: float, size: float, font: FontMetrics) -> Glyph:
    """Where the ink goes inside its cell: opening marks on the right, the 2-em dash seamless."""
    ink_dx, hscale = 0.0, 1.0
    if cell.cls == "open":
        ink_dx = width - cell.advance
    elif cell.cls == "middle":
        ink_dx = (width - cell.advance) / 2
    elif cell.cls == "dash":
        lo, hi = font.dash_ink
        hscale = 1.0 / (hi - lo) if hi > lo else 1.0
        ink_dx = -lo * hscale
    return Glyph(cell.char, x * size, width * size, ink_dx * size, hscale)


def compose_lines(
    boxes: list[Box], font: FontMetrics, size: float, measure: float, indent: float, tracking: float, justified: bool
) -> list[Line]:
    """measure is in points; indent and tracking in em."""
    measure_em = measure / size
    broken = break_lines(boxes, measure_em - indent, measure_em, tracking)
    broken = fix_orphan(broken, measure_em, tracking)
    out: list[Line] = []
    for n, line_boxes in enumerate(broken):
        first, last = n == 0, n == len(broken) - 1
        start = indent if first else 0.0
        fit = _fit(_flatten(line_boxes), tracking)
        placed = justify(fit, measure_em - start, stretch=justified and not last)
        glyphs = tuple(_glyph(c, start + x, w, size, font) for c, x, w in placed if c.cls != "space")
        width = (start + placed[-1][1] + placed[-1][2]) * size if placed else 0.0
        out.append(Line(glyphs, width, measure, justified and not last, last, first))
    return out
