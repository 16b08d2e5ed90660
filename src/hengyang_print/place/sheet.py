"""The page while place builds it: a mutable list of display items and the report beside them.

place_page freezes it into a model.Page (the display list draw reads) and hands the report on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blockid import BlockId
from ..model import Box, ImageItem, Layout, Overset, PlaceReport, ShapeItem, TextItem


@dataclass
class Sheet:
    """The page while it is being placed: display items in drawing order, and the report beside them."""

    layout: Layout
    items: list[TextItem | ShapeItem | ImageItem] = field(default_factory=list)
    report: PlaceReport = field(default_factory=PlaceReport)

    @property
    def overset(self) -> list[Overset]:
        return self.report.overset

    def shape(self, kind: str, box: Box, color: str, block: BlockId | None) -> None:
        self.items.append(ShapeItem(kind, box, self.layout.colors[color], block))
