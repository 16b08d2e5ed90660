"""Total ink (C+M+Y+K, plus any spot) of what a page paints, object by object, as PitStop and pdfToolbox measure it.

Each painted object (fill, stroke, text, image pixel, shading sample) has the ink of its colour on the plates it
replaces (colour.py: overprint as a RIP applies it); the plates it leaves alone keep the ink of the top-most
earlier object under it. A stroke is measured on its segments, each as wide as the line, not on the box of the
whole path (a registration circle does not claim its inside). Not held to the limit, but still measured and
reported: objects wholly outside the bleed (crop and registration marks in the slug), areas smaller than the
tolerance (pressrules.SMALL_AREA_MM2, SMALL_SIDE_MM; a line under 1 mm wide; type under TEXT_THIN: its stems),
and 100 % K that overprints keeping the other plates (black type over a colour is laid down on purpose).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...i18n import N_
from ...pressrules import MM, SMALL_AREA_MM2, SMALL_SIDE_MM
from .colour import Inks
from .geometry import Box, meets


def total(inks: Inks) -> float:
    return sum(inks.values())


def small(box: Box) -> bool:
    w, h = (box[2] - box[0]) / MM, (box[3] - box[1]) / MM
    return min(w, h) < SMALL_SIDE_MM or w * h < SMALL_AREA_MM2


def k_only_overprint(inks: Inks, written: frozenset | None) -> bool:
    """100 % K and nothing else, replacing the K plate only: the designed way to print black over colour."""
    return (
        written is not None
        and written <= {"K"}
        and inks.get("K", 0) >= 99.5
        and all(v <= 0.5 for p, v in inks.items() if p != "K")
    )


@dataclass
class Peak:
    percent: float = -1.0
    at: Box | None = None  # the object's box, page points
    why: str = ""  # why it does not count, when it does not (in English: translate it with _())


CELL = 72.0  # points: painted areas are indexed on a grid of 1-inch cells, so "what lies under" looks near only


@dataclass
class InkMap:
    """One page: painted areas in order, the highest total ink that counts and the highest of all. `bleed`: the
    page's bleed box (its trim without bleed); what lies wholly outside it is not held to the limit."""

    bleed: Box
    areas: list[tuple[Box, Inks]] = field(default_factory=list)
    counted: Peak = field(default_factory=Peak)
    highest: Peak = field(default_factory=Peak)
    grid: dict = field(default_factory=dict)  # (column, row) of a cell -> indices of the areas that reach into it

    @staticmethod
    def _cells(box: Box):
        for cx in range(int(box[0] // CELL), int(box[2] // CELL) + 1):
            for cy in range(int(box[1] // CELL), int(box[3] // CELL) + 1):
                yield cx, cy

    def under(self, box: Box) -> Inks:
        """The inks of the top-most earlier area that meets `box` (paper when none)."""
        near = sorted({i for cell in self._cells(box) for i in self.grid.get(cell, ())}, reverse=True)
        for i in near:
            area, inks = self.areas[i]
            if meets(area, box):
                return inks
        return {}

    def paint(
        self,
        box: Box,
        inks: Inks,
        written: frozenset | None,
        pieces: list[Box] | None = None,
        peak: float | None = None,
        peak_counted: float | None = None,
        thin: str = "",
    ) -> float:
        """Record one painted object whose box is `box` and whose painted area is `pieces` (the box when None);
        `written`: the plates it replaces (None: all). For images, `peak` is the highest pixel and `peak_counted`
        the highest over an area of the tolerance's size (`inks` is then a colour of the image). `thin`: why the
        object is thin though its box is not (type: its strokes; a line: its width), or "". Returns its total ink."""
        percent = -1.0
        for piece in pieces or [box]:
            laid = self._laid(piece, inks, written)
            percent = max(percent, total(laid) if peak is None else peak)
            if total(laid) > 0.5:
                for cell in self._cells(piece):
                    self.grid.setdefault(cell, []).append(len(self.areas))
                self.areas.append((piece, laid))
        excluded = (  # in English (N_): the finding that names it translates it
            N_("mark outside the bleed")
            if not meets(box, self.bleed)
            else N_("100 % K overprint")
            if k_only_overprint(inks, written)
            else N_("small area")
            if small(box)
            else thin
        )
        if percent > self.highest.percent:
            self.highest = Peak(percent, box, excluded)
        counts = percent if peak_counted is None else peak_counted
        if not excluded and counts > self.counted.percent:
            self.counted = Peak(counts, box)
        return percent

    def _laid(self, piece: Box, inks: Inks, written: frozenset | None) -> Inks:
        """The inks on the plates after painting: the object's on the plates it replaces, the rest as they were."""
        own = {p: v for p, v in inks.items() if v > 0.5}
        if written is None:
            return own
        kept = {p: v for p, v in self.under(piece).items() if p not in written}
        return kept | {p: v for p, v in own.items() if p in written}

    def coloured_under(self, box: Box) -> Inks:
        """C, M, Y or spot ink of the top-most earlier area under `box` ({} on paper or plain black)."""
        return {p: v for p, v in self.under(box).items() if p != "K" and v > 0.5}
