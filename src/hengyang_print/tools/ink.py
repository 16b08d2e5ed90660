"""Total ink (C+M+Y+K, plus any spot) of what a page paints, object by object, as PitStop and pdfToolbox measure it.

Each painted object (fill, stroke, text, image pixel) has the ink of its colour; an object that overprints
adds to the top-most earlier object under it the plates it leaves alone. Two things do not count against
the limit but are still measured and reported: areas smaller than the tolerance (pressrules.SMALL_AREA_MM2,
SMALL_SIDE_MM, and type under TEXT_THIN: a thin rule, a few pixels or the stems of small type do not make the press set
off), and 100 % K that overprints
(black text over a colour is laid down on purpose; the plate curve of the press is made for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..pressrules import MM, SMALL_AREA_MM2, SMALL_SIDE_MM

Inks = dict  # plate name (C, M, Y, K or a spot name) -> percent
BBox = tuple  # x0, y0, x1, y1 in page points


def total(inks: Inks) -> float:
    return sum(inks.values())


def small(bbox: BBox) -> bool:
    w, h = (bbox[2] - bbox[0]) / MM, (bbox[3] - bbox[1]) / MM
    return min(w, h) < SMALL_SIDE_MM or w * h < SMALL_AREA_MM2


def k_only_overprint(inks: Inks, overprint: bool) -> bool:
    """100 % K and nothing else, set to overprint: the designed way to print black over colour."""
    return overprint and inks.get("K", 0) >= 99.5 and all(v <= 0.5 for p, v in inks.items() if p != "K")


def _meets(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class Peak:
    percent: float = -1.0
    at: tuple[float, float] = (0.0, 0.0)  # page points of the object's reference point
    why: str = ""  # why it does not count, when it does not


CELL = 72.0  # points: painted areas are indexed on a grid of 1-inch cells, so "what lies under" looks near only


@dataclass
class InkMap:
    """One page: painted areas in order, the highest total ink that counts and the highest of all."""

    areas: list[tuple[BBox, Inks]] = field(default_factory=list)
    counted: Peak = field(default_factory=Peak)
    highest: Peak = field(default_factory=Peak)
    grid: dict = field(default_factory=dict)  # (column, row) of a cell -> indices of the areas that reach into it

    @staticmethod
    def _cells(bbox: BBox):
        for cx in range(int(bbox[0] // CELL), int(bbox[2] // CELL) + 1):
            for cy in range(int(bbox[1] // CELL), int(bbox[3] // CELL) + 1):
                yield cx, cy

    def under(self, bbox: BBox) -> Inks:
        """The inks of the top-most earlier area that meets `bbox` (paper when none)."""
        near = sorted({i for cell in self._cells(bbox) for i in self.grid.get(cell, ())}, reverse=True)
        for i in near:
            area, inks = self.areas[i]
            if _meets(area, bbox):
                return inks
        return {}

    def paint(
        self,
        bbox: BBox,
        inks: Inks,
        overprint: bool,
        at: tuple[float, float],
        peak: float | None = None,
        peak_counted: float | None = None,
        thin: str = "",
    ) -> float:
        """Record one painted object; returns the total ink where it lies. For images, `peak` is the highest pixel
        and `peak_counted` the highest over an area of the tolerance's size (inks is then the image's average).
        `thin`: why the object is thin though its box is not (type: its strokes), or ""."""
        laid = dict(self.under(bbox), **{p: v for p, v in inks.items() if v > 0.5}) if overprint else dict(inks)
        percent = total(laid) if peak is None else peak
        excluded = "100 % K overprint" if k_only_overprint(inks, overprint) else "small area" if small(bbox) else thin
        if percent > self.highest.percent:
            self.highest = Peak(percent, at, excluded)
        counts = percent if peak_counted is None else peak_counted
        if not excluded and counts > self.counted.percent:
            self.counted = Peak(counts, at)
        if total(laid) > 0.5:
            for cell in self._cells(bbox):
                self.grid.setdefault(cell, []).append(len(self.areas))
            self.areas.append((bbox, laid))
        return percent

    def coloured_under(self, bbox: BBox) -> Inks:
        """C, M, Y or spot ink of the top-most earlier area under `bbox` ({} on paper or plain black)."""
        return {p: v for p, v in self.under(bbox).items() if p != "K" and v > 0.5}
