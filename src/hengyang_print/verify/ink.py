"""The layout's ink limit (`print.max_ink`) checked on the display list before drawing: no text, rule or
fill may be set in a colour whose total ink (C+M+Y+K, percent) is over the limit the plant allows.

100 % K that overprints a coloured fill is not counted here: newspaper practice tolerates it, and
verify/plates.py notes it with the ink it makes. Photos are not counted either: the build separates
them to at most 200 %, and preflight measures the rendered page.
"""

from __future__ import annotations

from types import SimpleNamespace  # a YAML path for locate(), which walks any object's .steps

from ..errors import BuildError
from ..load.yamlread import locate
from ..model import CMYK, ImageItem, Layout, Page, ShapeItem


def check_ink(page: Page, layout: Layout) -> None:
    """Raise BuildError for every colour over the limit, located at the colour's definition in the
    layout and naming the elements set in it."""
    limit = page.print.max_ink
    names = {tuple(cmyk): name for name, cmyk in reversed(list(layout.colors.items()))}  # CMYK -> first name
    over: dict[CMYK, list[str]] = {}
    for item in page.items:
        if isinstance(item, ImageItem):
            continue
        colour = tuple(item.fill if isinstance(item, ShapeItem) else item.color)
        name = str(item.block) if item.block else item.kind
        if sum(colour) > limit + 1e-6 and name not in over.setdefault(colour, []):
            over[colour].append(name)
    errors = []
    for colour, elements in over.items():
        values = "[" + ", ".join(f"{v:g}" for v in colour) + "]"
        defined = names.get(colour)
        where = locate(layout.source, SimpleNamespace(steps=("colors", defined))) if defined else layout.source
        shown = ", ".join(elements[:6]) + (f" and {len(elements) - 6} more" if len(elements) > 6 else "")
        errors.append(
            f"{where}: colour {f'{defined!r} ' if defined else ''}{values} lays down {sum(colour):g} % ink, over the layout's"
            f" print.max_ink of {limit:g} % (lighten the colour, or raise the limit if the plant allows); it is used by {shown}"
        )
    if errors:
        raise BuildError(errors)
