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
from .colour import Colour, describe
from .geometry import Box, intersect, meets
from .ink import InkMap
from .pages import Frame
from .report import Report

KEEP_UNDER = frozenset("CMY")
FIX_BLACK = "set it as DeviceCMYK 0 0 0 1 with /op (or /OP) true and /OPM 1"


def knocks_out_under_black(colour: Colour, overprint: bool, opm: int) -> str:
    """Why black in this colour replaces C, M and Y under it ("" when it keeps them)."""
    written = colour.written(overprint, opm)
    if written is not None and not written & KEEP_UNDER:
        return ""
    family = colour.space.family[1:]
    if not overprint:
        return "does not overprint"
    if family == "DeviceCMYK":
        return "overprints with /OPM 0, which paints its zero C, M and Y too"
    return f"is {family}: overprint keeps other plates only for DeviceCMYK with /OPM 1"


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
        return f"{colour.space.refused} colour ({colour.source}); PDF/X-1a allows only CMYK, grey and spot colours"

    def colour(self, colour: Colour, where: str | None, box: Box) -> None:
        """A colour painted: PDF/X-1a's colour spaces, spot colours, registration colour in the trim."""
        if colour.space.refused:
            message = self.refused(colour)
            self.unpainted.pop(message, None)
            self.add("colour-space", message, where, box)
        for name in colour.space.spots:
            self.add(
                "spot-colour",
                f"spot colour '{name}' ({colour.space.family[1:]}); a newspaper prints C, M, Y and K only",
                where,
                box,
            )
        inked = colour.plates or colour.inks is None  # an image's or a shading's colour has no one value
        if pr.REGISTRATION in colour.space.names and inked and meets(box, self.frame.trim):
            self.add("registration-in-trim", "registration colour (Separation /All) inside the trim", where, box)

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
                self.add("white-overprint", f"white {what} set to overprint: it vanishes on plate", where, box)
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
        described = f"{width:.2f} pt line on {plates} plate{'s' * (plates != 1)}"
        if plates > 1 and width < pr.MIN_LINE_MULTI - 0.005:
            self.add("thin-line-plates", f"{described}: under {pr.MIN_LINE_MULTI:g} pt it cannot register", where, box)
        elif plates == 1 and width < pr.MIN_LINE_SINGLE - 0.005:
            self.add("thin-line", f"{described}: under {pr.MIN_LINE_SINGLE:g} pt it may break up", where, box)
        black = plates == 1 and inks.get("K", 0) >= 99.5
        if black and width <= pr.THIN_LINE and self.ink.coloured_under(box):
            why = knocks_out_under_black(colour, overprint, opm)
            if why:
                self.add(
                    "black-line-knockout",
                    f"{width:.2f} pt 100 % K line {why}: it knocks out of colour ({describe(self.ink.under(box))});"
                    f" {FIX_BLACK}",
                    where,
                    box,
                )
        out_of = self.reversed_out_of(colour, overprint, opm, box)
        if out_of:
            least = pr.REVERSE_LINE[0] if out_of == 1 else pr.REVERSE_LINE[1]
            if width < least - 0.005:
                self.add(
                    "reverse-line",
                    f"{width:.2f} pt paper-coloured line out of {out_of} ink{'s' * (out_of > 1)} (under {least:g} pt"
                    " it fills in)",
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
            self.add(
                "small-type-plates",
                f"{size:.1f} pt text on {plates} plates (type on more than one plate needs ≥ {pr.MIN_TYPE:g} pt)",
                where,
                box,
            )
        elif plates > 1 and size < pr.MIN_PROCESS_TYPE - 0.01:
            self.add(
                "process-type",
                f"{size:.1f} pt text on {plates} plates (keep type on several plates ≥ {pr.MIN_PROCESS_TYPE:g} pt)",
                where,
                box,
            )
        elif plates == 1 and size < pr.MIN_TYPE - 0.01:
            self.add("small-type", f"text below {pr.MIN_TYPE:g} pt ({size:.1f} pt) breaks up on newsprint", where, box)
        k = inks.get("K", 0)
        rich = k >= 99.5 and plates > 1  # 100 % K with any other ink
        near = k >= pr.NEAR_BLACK_K and all(inks.get(p, 0) > 0.5 for p in "CMY")  # dark on four plates
        if (rich or near) and pr.REGISTRATION not in colour.space.names:
            kind = "rich black" if rich else "near-black"
            self.add(
                "rich-black-text",
                f"black text is {kind} ({describe(inks)}) on {plates} plates; use 100 % K only",
                where,
                box,
            )
        elif k >= 99.5 and plates == 1:
            why = knocks_out_under_black(colour, overprint, opm)
            if why:
                self.add("black-text-knockout", f"100 % K text {why}: it knocks out; {FIX_BLACK}", where, box)
        if colour.plates == 0 and written is not None and not written:
            self.add("white-overprint", "white text set to overprint: it vanishes on plate", where, box)
        self.reverse_type(box, size, colour, overprint, opm, where)
        if paints:
            thin = f"type under {pr.TEXT_THIN:g} pt" if size < pr.TEXT_THIN else ""
            self.lay(box, inks, written, None, clip, thin=thin)

    def reverse_type(self, box: Box, size: float, colour: Colour, overprint: bool, opm: int, where) -> None:
        out_of = self.reversed_out_of(colour, overprint, opm, box)
        if not out_of:
            return
        smallest, one, more = self.report.reverse_type
        least = one if out_of == 1 else more
        inks = f"{out_of} ink{'s' * (out_of > 1)} ({describe(self.ink.under(box))})"
        if size < smallest - 0.01:
            self.add(
                "reverse-type",
                f"{size:.1f} pt paper-coloured text reversed out of {inks}: under {smallest:g} pt it fills in",
                where,
                box,
            )
        elif size < least - 0.01:
            self.add(
                "reverse-type-low",
                f"{size:.1f} pt paper-coloured text reversed out of {inks}: keep reversed type ≥ {least:g} pt"
                f" out of {'one ink' if out_of == 1 else 'two or more'}",
                where,
                box,
            )

    # -- images and shadings
    def image(self, box: Box, where: str | None, resolution: float | None, measured, clip: Box) -> None:
        """An image placed at `resolution` ppi (None: a bitmap, not held to the rules of colour and grey images);
        `measured`: (peak, peak over the tolerance, each plate's peak) or None."""
        if resolution is None or not self.printed(box):
            pass
        elif resolution < pr.MIN_PPI:
            self.add(
                "image-resolution",
                f"image at {resolution:.0f} ppi (newsprint needs ≥ {pr.MIN_PPI:g}, wants {pr.WARN_PPI:g})",
                where,
                box,
            )
        elif resolution < pr.WARN_PPI:
            self.add(
                "image-resolution-low", f"image at {resolution:.0f} ppi (newsprint wants ≥ {pr.WARN_PPI:g})", where, box
            )
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
