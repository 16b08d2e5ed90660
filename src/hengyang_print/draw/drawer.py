"""The drawing walk: a Page display list → operations on a Drawer → PDF bytes.

draw() decides what every drawer must do alike (the order, and which fills overprint); a Drawer only
puts the operations on its medium. ReportLabDrawer (pdf.py) writes the print PDF; RecordingDrawer keeps
the operations as plain data, so tests can assert on them without reading a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..model import CMYK, ImageItem, Page, ShapeItem, TextItem


class Drawer(Protocol):
    def begin(self, page: Page) -> None: ...  # media, boxes, identification, crop marks
    def shape(self, item: ShapeItem, overprint: bool) -> None: ...
    def image(self, item: ImageItem) -> None: ...
    def text(self, item: TextItem, overprint: bool) -> None: ...
    def finish(self) -> bytes: ...


def overprints(cmyk: CMYK, page: Page) -> bool:
    """100 % K alone overprints when the layout asks (black_overprint): black never knocks out what lies
    under it, so no white halo shows when newsprint plates are misregistered [print-pdf.md]."""
    return page.print.black_overprint and tuple(cmyk) == (0, 0, 0, 100)


def draw(page: Page, drawer: Drawer | None = None) -> bytes:
    """Every item of the display list, in its order, onto `drawer` (default: the print PDF, pdf.py)."""
    if drawer is None:
        from .pdf import ReportLabDrawer

        drawer = ReportLabDrawer()
    drawer.begin(page)
    for item in page.items:
        if isinstance(item, ShapeItem):
            drawer.shape(item, overprints(item.fill, page))
        elif isinstance(item, ImageItem):
            drawer.image(item)
        else:
            drawer.text(item, overprints(item.color, page))
    return drawer.finish()


@dataclass
class RecordingDrawer:
    """A drawer that records: ("begin", page), ("shape", kind, box, cmyk, overprint), ("image", box, path),
    ("text", text, x, baseline, font, size, cmyk, overprint); finish() returns no bytes."""

    ops: list[tuple] = field(default_factory=list)

    def begin(self, page: Page) -> None:
        self.ops.append(("begin", page.trim, page.title))

    def shape(self, item: ShapeItem, overprint: bool) -> None:
        self.ops.append(("shape", item.kind, item.box, tuple(item.fill), overprint))

    def image(self, item: ImageItem) -> None:
        self.ops.append(("image", item.box, item.path))

    def text(self, item: TextItem, overprint: bool) -> None:
        self.ops.append(("text", item.text, item.x, item.baseline, item.font, item.size, tuple(item.color), overprint))

    def finish(self) -> bytes:
        return b""
