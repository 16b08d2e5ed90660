"""The layout's ink limit (`print.max_ink`) checked on the display list before drawing: no text, rule or
fill may lay down more total ink (C+M+Y+K, percent) than the plant allows.

100 % K alone overprints (draw/pdf.py): over a fill it adds to the fill's C, M and Y, so such text or
rule counts as the fill's C+M+Y + 100 where it lies on one (as Ghostscript's overprint simulation in
preflight measures it). Photos are not counted here: the build separates them to at most 200 %, and
preflight measures the rendered page.
"""

from __future__ import annotations

from types import SimpleNamespace  # a YAML path for locate(), which walks any object's .steps

from ..errors import BuildError
from ..load.yamlread import locate
from ..model import CMYK, Box, ImageItem, Layout, Page, ShapeItem

BLACK = (0.0, 0.0, 0.0, 100.0)
DESCENT = 0.12  # of the size below the baseline: the em box, near enough to find the fill under a line


def check_ink(page: Page, layout: Layout) -> None:
    """Raise BuildError for every colour (or black over a fill) that goes over the limit, naming the
    elements that carry it and located at the colour's definition in the layout."""
    limit = page.print.max_ink
    names = {tuple(cmyk): name for name, cmyk in reversed(list(layout.colors.items()))}  # CMYK -> first name
    fills: list[tuple[Box, CMYK]] = []
    over: dict[tuple[CMYK, CMYK | None], tuple[float, list[str]]] = {}  # (colour, fill under it) -> ink, elements
    for item in page.items:
        if isinstance(item, ImageItem):
            continue
        if isinstance(item, ShapeItem):
            colour, box, name = tuple(item.fill), item.box, str(item.block) if item.block else item.kind
        else:
            colour, name = tuple(item.color), str(item.block)
            box = Box(item.x, item.baseline - DESCENT * item.size, item.right - item.x, item.size)
        ink, under = sum(colour), None
        if page.print.black_overprint and colour == BLACK:
            for b, fill in fills:
                if _overlap(b, box) and sum(fill[:3]) + 100.0 > ink:
                    ink, under = sum(fill[:3]) + 100.0, fill
        if isinstance(item, ShapeItem):
            fills.append((box, colour))
        if ink > limit + 1e-6:
            elements = over.setdefault((colour, under), (ink, []))[1]
            if name not in elements:
                elements.append(name)
    errors = []
    for (colour, under), (ink, elements) in over.items():
        what = f"colour {_named(colour, names)}" + (f" overprinting {_named(under, names)}" if under else "")
        shown = ", ".join(elements[:6]) + (f" and {len(elements) - 6} more" if len(elements) > 6 else "")
        defined = names.get(under or colour)
        where = locate(layout.source, SimpleNamespace(steps=("colors", defined))) if defined else layout.source
        errors.append(
            f"{where}: {what} lays down {ink:g} % ink, over the layout's print.max_ink of {limit:g} %"
            f" (lighten the colour, or raise the limit if the plant allows); it is used by {shown}"
        )
    if errors:
        raise BuildError(errors)


def _named(cmyk: CMYK, names: dict) -> str:
    values = "[" + ", ".join(f"{v:g}" for v in cmyk) + "]"
    return f"'{names[cmyk]}' {values}" if cmyk in names else values


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height
