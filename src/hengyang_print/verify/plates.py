"""Plate problems the layout makes, found on the display list before the PDF goes to the plant.

The same newsprint rules preflight applies to any PDF (pressrules.py): black text on a coloured fill and
the ink it lays down there, type under MIN_TYPE on more than one plate, rules thinner than MIN_LINE_MULTI
on more than one plate. Notes, not errors: the layout's designer decides (they print with the build).
"""

from __future__ import annotations

from ..i18n import _, ngettext
from ..model import CMYK, Box, Page, ShapeItem, TextItem
from ..pressrules import MIN_LINE_MULTI, MIN_TYPE, MM, plates


def plate_notes(page: Page) -> list[str]:
    return _black_on_colour(page) + _small_type(page) + _thin_rules(page)


def _colour(cmyk: CMYK) -> str:
    return " ".join(f"{p}{v:g}" for p, v in zip("CMYK", cmyk) if v > 0) or _("paper")


def _text_box(t: TextItem) -> Box:
    return Box(t.x, t.baseline - 0.2 * t.size, t.right - t.x, t.size)  # the line's em boxes


def _black_on_colour(page: Page) -> list[str]:
    """100 % K lines over a fill with C, M or Y: with overprint the inks add up; without, black knocks out."""
    fills: list[tuple[float, float, float, float, ShapeItem]] = []  # coloured fills drawn so far (x, right, y, top)
    found: dict[tuple, list[TextItem]] = {}
    for item in page.items:
        if isinstance(item, ShapeItem) and any(v > 0 for v in item.fill[:3]):
            b = item.box
            fills.append((b.x, b.right, b.y, b.top, item))
        elif fills and isinstance(item, TextItem) and item.color[3] >= 100 and not any(item.color[:3]):
            t = _text_box(item)  # do the boxes meet? on plain numbers: a page has thousands of lines
            x, right, y, top = t.x, t.right, t.y, t.top
            under = [s for sx, sr, sy, st, s in fills if x < sr and sx < right and y < st and sy < top]
            if under:
                found.setdefault((item.region, under[-1]), []).append(item)
    notes = []
    for (_region, shape), lines in found.items():
        c, m, y, _k = shape.fill
        laid = (c, m, y, 100.0)
        where = ngettext(
            "{block} ({count} line) on the {fill} fill of {shape}",
            "{block} ({count} lines) on the {fill} fill of {shape}",
            len(lines),
        ).format(block=lines[0].block, count=len(lines), fill=_colour(shape.fill), shape=shape.block or _("a shape"))
        if page.print.black_overprint:  # over print.max_ink it is an error of its own (verify/ink.py)
            said = _("black text {where}: overprints to {colour}, ink {ink} %")
            notes.append(said.format(where=where, colour=_colour(laid), ink=f"{sum(laid):g}"))
        else:
            said = _(
                "black text {where}: knocks out of the fill (print.black_overprint is off): paper shows at"
                " misregistration"
            )
            notes.append(said.format(where=where))
    return notes


def _small_type(page: Page) -> list[str]:
    small: dict[str, list[TextItem]] = {}
    for t in page.texts():
        if t.size < MIN_TYPE - 0.01 and plates(t.color) > 1:
            small.setdefault(t.style, []).append(t)
    said = [
        ngettext(
            "style {style}: {size} pt type on {plates} plates ({colour}), under {least} pt it blurs at"
            " misregistration ({count} line, first {block})",
            "style {style}: {size} pt type on {plates} plates ({colour}), under {least} pt it blurs at"
            " misregistration ({count} lines, first {block})",
            len(lines),
        ).format(
            style=style,
            size=f"{lines[0].size:g}",
            plates=plates(lines[0].color),
            colour=_colour(lines[0].color),
            least=f"{MIN_TYPE:g}",
            count=len(lines),
            block=lines[0].block,
        )
        for style, lines in small.items()
    ]
    return said


def _thin_rules(page: Page) -> list[str]:
    notes = []
    for s in page.items:
        if isinstance(s, ShapeItem) and s.kind == "rect" and plates(s.fill) > 1:
            weight = min(s.box.width, s.box.height)
            if weight < MIN_LINE_MULTI - 0.005:
                thin = _(
                    "{rule} at {x} mm, {y} mm: {weight} pt rule on {plates} plates ({colour}), under {least} pt it"
                    " cannot register"
                )
                notes.append(
                    thin.format(
                        rule=s.block or _("rule"),
                        x=f"{s.box.x / MM:.1f}",
                        y=f"{(page.trim.top - s.box.top) / MM:.1f}",
                        weight=f"{weight:.2f}",
                        plates=plates(s.fill),
                        colour=_colour(s.fill),
                        least=f"{MIN_LINE_MULTI:g}",
                    )
                )
    return notes
