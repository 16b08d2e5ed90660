"""The newspaper rules for each object a page paints — a path, a text run, an image, a shading — checked where it
lies, and its ink laid on the page's ink map (ink.py).

Black (100 % K and nothing else) must keep the plates under it: DeviceCMYK with overprint on and /OPM 1
(colour.py says which plates an object replaces); otherwise black text is `black-text-knockout` and a thin
black line over colour `black-line-knockout`, each saying why it knocks out and how to fix it. Type and lines in
paper colour that knock out are reversed: they are measured against the plates under them (pressrules
REVERSE_TYPE, REVERSE_LINE). Type and lines in ink are measured against the plates they print on.
"""

from __future__ import annotations

from ... import pressrules as pr
from ...i18n import N_, _, ngettext
from .colour import Colour, describe
from .geometry import Box, intersect, meets
from .ink import InkMap
from .pages import Frame
from .report import Report

KEEP_UNDER = frozenset("CMY")
FIX_BLACK = N_("set it as DeviceCMYK 0 0 0 1 with /op (or /OP) true and /OPM 1")
WHITE_OVERPRINT = {  # by what a path is (Marks.path)
    "shape": N_("white shape set to overprint: it vanishes on plate"),
    "line": N_("white line set to overprint: it vanishes on plate"),
    "glyph": N_("white glyph set to overprint: it vanishes on plate"),
}


def knocks_out_under_black(colour: Colour, overprint: bool, opm: int) -> str:
    """Why black in this colour replaces C, M and Y under it ("" when it keeps them)."""
    written = colour.written(overprint, opm)
    if written is not None and not written & KEEP_UNDER:
        return ""
    family = colour.space.family[1:]
    if not overprint:
        return _("does not overprint")
    if family == "DeviceCMYK":
        return _("overprints with /OPM 0, which paints its zero C, M and Y too")
    return _("is {family}: overprint keeps other plates only for DeviceCMYK with /OPM 1").format(family=family)


class Marks:
    """One page's painted objects: their rules, their ink."""

    def __init__(self, report: Report, where: str, frame: Frame):
        self.report, self.where, self.frame = report, where, frame
        self.ink = InkMap(frame.bleed)
        self.unpainted: dict[str, str] = {}  # refused colours set but not (yet) painted with: message -> where

    def add(self, code: str, message: str, where: str | None, box: Box | None = None, key: object = None):
        return self.report.add(code, where or self.where, message, self.frame.top_left(box) if box else None, key)

    # -- colour
    def colour_set(self, colour: Colour, where: str | None) -> None:
        """A colour operator met: a refused colour is reported where it is painted (or at the end, unplaced)."""
        if colour.space.refused:
            self.unpainted.setdefault(self.refused(colour), where or self.where)

    @staticmethod
    def refused(colour: Colour) -> str:
        refused = _("{space} colour ({source}); PDF/X-1a allows only CMYK, grey and spot colours")
        return refused.format(space=colour.space.refused, source=colour.source)

    def colour(self, colour: Colour, where: str | None, box: Box) -> None:
        """A colour painted: PDF/X-1a's colour spaces, spot colours, registration colour in the trim."""
        if colour.space.refused:
            message = self.refused(colour)
            self.unpainted.pop(message, None)
            self.add("colour-space", message, where, box)
        for name in colour.space.spots:
            spot = _("spot colour '{name}' ({family}); a newspaper prints C, M, Y and K only")
            self.add("spot-colour", spot.format(name=name, family=colour.space.family[1:]), where, box)
        inked = colour.plates or colour.inks is None  # an image's or a shading's colour has no one value
        if pr.REGISTRATION in colour.space.names and inked and meets(box, self.frame.trim):
            self.add("registration-in-trim", _("registration colour (Separation /All) inside the trim"), where, box)

    def finish(self) -> None:
        for message, where in self.unpainted.items():
            self.add("colour-space", message, where)
        self.unpainted.clear()

    # -- paths
    def path(
        self,
        box: Box,
        pieces: list[Box],
        colour: Colour,
        overprint: bool,
        opm: int,
        where: str | None,
        clip: Box,
        what: str,
        line: float | None = None,
        thin: str = "",
    ) -> None:
        """A fill or a stroke. `what`: shape, line or glyph (a Type 3 glyph's drawing, held to type's rules);
        `line`: its width when it is a line (a stroke, or a one-rectangle fill that thin)."""
        self.colour(colour, where, box)
        inks = colour.inks
        if inks is None:
            return
        written = colour.written(overprint, opm)
        if self.printed(box):
            if colour.plates == 0 and written is not None and not written:
                self.add("white-overprint", _(WHITE_OVERPRINT[what]), where, box)
            if line is not None and what != "glyph":
                self.line(box, line, colour, overprint, opm, where)
        self.lay(box, inks, written, pieces, clip, thin=thin)

    def printed(self, box: Box) -> bool:
        """Within the bleed: what is wholly outside (crop and registration marks in the slug) is trimmed off,
        so type, line and overprint rules do not apply to it."""
        return meets(box, self.frame.bleed)

    def line(self, box: Box, width: float, colour: Colour, overprint: bool, opm: int, where) -> None:
        """A line's width against its plates; 100 % K thin lines knocking out of colour; reversed lines."""
        inks, plates = colour.inks, colour.plates
        described = ngettext("{width} pt line on {plates} plate", "{width} pt line on {plates} plates", plates)
        described = described.format(width=f"{width:.2f}", plates=plates)
        if plates > 1 and width < pr.MIN_LINE_MULTI - 0.005:
            thin = _("{line}: under {least} pt it cannot register").format(
                line=described, least=f"{pr.MIN_LINE_MULTI:g}"
            )
            self.add("thin-line-plates", thin, where, box)
        elif plates == 1 and width < pr.MIN_LINE_SINGLE - 0.005:
            thin = _("{line}: under {least} pt it may break up").format(line=described, least=f"{pr.MIN_LINE_SINGLE:g}")
            self.add("thin-line", thin, where, box)
        black = plates == 1 and inks.get("K", 0) >= 99.5
        if black and width <= pr.THIN_LINE and self.ink.coloured_under(box):
            why = knocks_out_under_black(colour, overprint, opm)
            if why:
                knocks = _("{width} pt 100 % K line {why}: it knocks out of colour ({under}); {fix}")
                under = describe(self.ink.under(box))
                self.add(
                    "black-line-knockout",
                    knocks.format(width=f"{width:.2f}", why=why, under=under, fix=_(FIX_BLACK)),
                    where,
                    box,
                )
        out_of = self.reversed_out_of(colour, overprint, opm, box)
        if out_of:
            least = pr.REVERSE_LINE[0] if out_of == 1 else pr.REVERSE_LINE[1]
            if width < least - 0.005:
                reversed_line = ngettext(
                    "{width} pt paper-coloured line out of {count} ink (under {least} pt it fills in)",
                    "{width} pt paper-coloured line out of {count} inks (under {least} pt it fills in)",
                    out_of,
                )
                self.add(
                    "reverse-line",
                    reversed_line.format(width=f"{width:.2f}", count=out_of, least=f"{least:g}"),
                    where,
                    box,
                )

    def reversed_out_of(self, colour: Colour, overprint: bool, opm: int, box: Box) -> int:
        """How many inks a paper-coloured object knocks out of (0: it is not reversed)."""
        if colour.inks is None or colour.plates:
            return 0
        written = colour.written(overprint, opm)
        under = [p for p, v in self.ink.under(box).items() if v > 0.5]
        if written is not None and not set(under) <= written:
            return 0
        return len(under)

    # -- text
    def text(
        self,
        box: Box,
        size: float,
        colour: Colour,
        overprint: bool,
        opm: int,
        where: str | None,
        clip: Box,
        paints: bool = True,
    ) -> None:
        """A text run of type `size` pt. `paints`: False when its glyphs paint themselves (Type 3 procedures)."""
        self.colour(colour, where, box)
        inks = colour.inks
        if inks is None:
            return
        plates = colour.plates
        written = colour.written(overprint, opm)
        if not self.printed(box):
            if paints:
                self.lay(box, inks, written, None, clip)
            return
        if plates > 1 and size < pr.MIN_TYPE - 0.01:
            small = _("{size} pt text on {plates} plates (type on more than one plate needs ≥ {least} pt)")
            self.add(
                "small-type-plates",
                small.format(size=f"{size:.1f}", plates=plates, least=f"{pr.MIN_TYPE:g}"),
                where,
                box,
            )
        elif plates > 1 and size < pr.MIN_PROCESS_TYPE - 0.01:
            small = _("{size} pt text on {plates} plates (keep type on several plates ≥ {least} pt)")
            self.add(
                "process-type",
                small.format(size=f"{size:.1f}", plates=plates, least=f"{pr.MIN_PROCESS_TYPE:g}"),
                where,
                box,
            )
        elif plates == 1 and size < pr.MIN_TYPE - 0.01:
            small = _("text below {least} pt ({size} pt) breaks up on newsprint")
            self.add("small-type", small.format(least=f"{pr.MIN_TYPE:g}", size=f"{size:.1f}"), where, box)
        k = inks.get("K", 0)
        rich = k >= 99.5 and plates > 1  # 100 % K with any other ink
        near = k >= pr.NEAR_BLACK_K and all(inks.get(p, 0) > 0.5 for p in "CMY")  # dark on four plates
        if (rich or near) and pr.REGISTRATION not in colour.space.names:
            if rich:
                black = _("black text is rich black ({inks}) on {plates} plates; use 100 % K only")
            else:
                black = _("black text is near-black ({inks}) on {plates} plates; use 100 % K only")
            self.add("rich-black-text", black.format(inks=describe(inks), plates=plates), where, box)
        elif k >= 99.5 and plates == 1:
            why = knocks_out_under_black(colour, overprint, opm)
            if why:
                knocks = _("100 % K text {why}: it knocks out; {fix}").format(why=why, fix=_(FIX_BLACK))
                self.add("black-text-knockout", knocks, where, box)
        if colour.plates == 0 and written is not None and not written:
            self.add("white-overprint", _("white text set to overprint: it vanishes on plate"), where, box)
        self.reverse_type(box, size, colour, overprint, opm, where)
        if paints:
            thin = N_("type under {points} pt") if size < pr.TEXT_THIN else ""  # the peak's why (ink.py): in English
            self.lay(box, inks, written, None, clip, thin=thin)

    def reverse_type(self, box: Box, size: float, colour: Colour, overprint: bool, opm: int, where) -> None:
        out_of = self.reversed_out_of(colour, overprint, opm, box)
        if not out_of:
            return
        smallest, one, more = self.report.reverse_type
        least = one if out_of == 1 else more
        inks = ngettext("{count} ink ({inks})", "{count} inks ({inks})", out_of)
        inks = inks.format(count=out_of, inks=describe(self.ink.under(box)))
        if size < smallest - 0.01:
            fills = _("{size} pt paper-coloured text reversed out of {inks}: under {least} pt it fills in")
            self.add("reverse-type", fills.format(size=f"{size:.1f}", inks=inks, least=f"{smallest:g}"), where, box)
        elif size < least - 0.01:
            if out_of == 1:
                low = _(
                    "{size} pt paper-coloured text reversed out of {inks}: keep reversed type ≥ {least} pt out of one"
                    " ink"
                )
            else:
                low = _(
                    "{size} pt paper-coloured text reversed out of {inks}: keep reversed type ≥ {least} pt out of two"
                    " or more"
                )
            self.add("reverse-type-low", low.format(size=f"{size:.1f}", inks=inks, least=f"{least:g}"), where, box)

    # -- images and shadings
    def image(self, box: Box, where: str | None, resolution: float | None, measured, clip: Box) -> None:
        """An image placed at `resolution` ppi (None: a bitmap, not held to the rules of colour and grey images);
        `measured`: (peak, peak over the tolerance, each plate's peak) or None."""
        if resolution is None or not self.printed(box):
            pass
        elif resolution < pr.MIN_PPI:
            low = _("image at {ppi} ppi (newsprint needs ≥ {least}, wants {wanted})")
            self.add(
                "image-resolution",
                low.format(ppi=f"{resolution:.0f}", least=f"{pr.MIN_PPI:g}", wanted=f"{pr.WARN_PPI:g}"),
                where,
                box,
            )
        elif resolution < pr.WARN_PPI:
            low = _("image at {ppi} ppi (newsprint wants ≥ {wanted})")
            self.add("image-resolution-low", low.format(ppi=f"{resolution:.0f}", wanted=f"{pr.WARN_PPI:g}"), where, box)
        if measured is not None:
            top, counted, inks = measured
            self.lay(box, inks, None, None, clip, peak=top, peak_counted=counted)

    def shading(self, box: Box, space, samples: list, where: str | None, clip: Box) -> None:
        """A shading painting `box`, its colours sampled: its ink is the sample with the most."""
        self.colour(Colour(space, (), source="shading"), where, box)
        inks = max((space.inks(values) or {} for values in samples), key=lambda i: sum(i.values()), default={})
        if inks:
            self.lay(box, inks, None, None, clip)

    def lay(self, box: Box, inks: dict, written, pieces, clip: Box, **measured) -> None:
        """Put an object's ink on the map, clipped; what the clip hides lays nothing."""
        seen = intersect(box, clip)
        if seen is None:
            return
        pieces = [p for p in (intersect(piece, clip) for piece in pieces or [box]) if p is not None]
        self.ink.paint(seen, inks, written, pieces, **measured)
