"""The layout's ink limit (`print.max_ink`) checked on the display list before drawing: no text, rule or
fill may lay down more total ink (C+M+Y+K, percent) than the plant allows.

100 % K alone overprints (draw/pdf.py): over a fill it adds to the fill's C, M and Y, so such text or
rule counts as the fill's C+M+Y + 100 where it lies on one (as Ghostscript's overprint simulation in
preflight measures it). Photos are not counted here: the build separates them to at most 200 %, and
preflight measures the rendered page.
"""

from __future__ import annotations

from ..errors import BuildError
from ..load.yamlread import locate
from ..model import Box, ImageItem, Page, ShapeItem

BLACK = (0.0, 0.0, 0.0, 100.0)
DESCENT = 0.12  # of the size below the baseline: the em box, near enough to find the fill under a line


def check_ink(page: Page) -> None:
    """Raise BuildError for every colour (or black over a fill) that goes over the limit, naming the
    elements that carry it and located at the colour's definition in the layout."""
    layout = page.layout
    limit = layout.print.max_ink
    fills: list[tuple[Box, str]] = []
    over: dict[tuple[str, str | None], tuple[float, list[str]]] = {}  # (colour, fill under it) -> ink, elements
    for item in page.items:
        if isinstance(item, ImageItem):
            continue
        if isinstance(item, ShapeItem):
            colour, box, name = item.fill, item.box, item.block or item.kind
        else:
            colour, name = item.color, item.block
            box = Box(item.x, item.baseline - DESCENT * item.size, item.right - item.x, item.size)
        ink, under = sum(layout.colors[colour]), None
        if layout.print.black_overprint and tuple(layout.colors[colour]) == BLACK:
            for b, fill in fills:
                if _overlap(b, box) and sum(layout.colors[fill][:3]) + 100.0 > ink:
                    ink, under = sum(layout.colors[fill][:3]) + 100.0, fill
        if isinstance(item, ShapeItem):
            fills.append((box, colour))
        if ink > limit + 1e-6:
            elements = over.setdefault((colour, under), (ink, []))[1]
            if name not in elements:
                elements.append(name)
    errors = []
    for (colour, under), (ink, elements) in over.items():
        what = f"colour '{colour}' {_cmyk(layout.colors[colour])}" + (f" overprinting '{under}'" if under else "")
        shown = ", ".join(elements[:6]) + (f" and {len(elements) - 6} more" if len(elements) > 6 else "")
        errors.append(
            f"{locate(layout.source, f'colors.{under or colour}')}: {what} lays down {ink:g} % ink, over the layout's"
            f" print.max_ink of {limit:g} % (lighten the colour, or raise the limit if the plant allows); it is used by {shown}"
        )
    if errors:
        raise BuildError(errors)


def _cmyk(values) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height
