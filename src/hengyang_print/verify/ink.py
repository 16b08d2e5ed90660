"""The layout's ink limit (`print.max_ink`) checked on the display list before drawing: no colour that
text, a rule or a fill is set in may lay down more total ink (C+M+Y+K, percent) than the plant allows.

100 % K text and rules overprinting a fill are excluded by design, as the trusted preflight tools do and
as tools/preflight/ does (the ink they stack is small and registered to the type); the build notes
black on a coloured fill with its ink sum (verify/plates.py). Photos are not counted here: the build
separates them to at most 200 %, and preflight measures them.
"""

from __future__ import annotations

from ..errors import BuildError
from ..i18n import _
from ..model import CMYK, Layout, Page, ShapeItem, TextItem


def check_ink(page: Page, layout: Layout) -> None:
    """Raise BuildError for every colour over the limit, naming the elements set in it and located at the
    colour's definition in the layout."""
    limit = page.print.max_ink
    names = {tuple(cmyk): name for name, cmyk in reversed(list(layout.colors.items()))}  # CMYK -> first name
    over: dict[CMYK, list[str]] = {}
    for item in page.items:
        if isinstance(item, ShapeItem):
            colour, name = tuple(item.fill), str(item.block) if item.block else item.kind
        elif isinstance(item, TextItem):
            colour, name = tuple(item.color), str(item.block)
        else:
            continue
        if sum(colour) > limit + 1e-6 and name not in over.setdefault(colour, []):
            over[colour].append(name)
    errors = []
    for colour, elements in over.items():
        shown = _(", ").join(elements[:6])
        if len(elements) > 6:
            shown = _("{shown} and {count} more").format(shown=shown, count=len(elements) - 6)
        defined = names.get(colour)
        where = layout.where("colors", defined) if defined else layout.source
        values = "[" + ", ".join(f"{v:g}" for v in colour) + "]"
        over_limit = _(
            "colour {colour} lays down ink of {ink} %, over the layout's print.max_ink of {limit} %"
            " (lighten the colour, or raise the limit if the plant allows); it is used by {elements}"
        )
        named = f"{defined!r} {values}" if defined else values
        errors.append(
            f"{where}: " + over_limit.format(colour=named, ink=f"{sum(colour):g}", limit=f"{limit:g}", elements=shown)
        )
    if errors:
        raise BuildError(errors)
