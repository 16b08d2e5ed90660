"""Colour as the plates see it: a colour space read from the PDF (its family, its colorants, why PDF/X-1a refuses
it), a colour's ink in percent on each plate, and which plates painting it replaces.

Overprint as a RIP applies it (ISO 32000-1 §8.6.7, as Ghostscript separates):
- no overprint: every plate is replaced (the object knocks out what lies under it);
- overprint in DeviceCMYK with /OPM 1: only the components that are not zero replace their plates, so
  `0 0 0 1 k` leaves C, M and Y as they are (the K-only overprint a newspaper wants for black type);
- overprint in DeviceCMYK with /OPM 0, and in DeviceGray or any other process space: all four process plates
  are replaced (grey black knocks out C, M and Y with overprint on: OPM 1 applies to DeviceCMYK only);
- overprint in Separation or DeviceN: only the named colorants' plates are replaced (All: every plate; None: none).

Colour PDF/X-1a refuses (RGB, ICC-based, Lab, calibrated) still puts ink on plates once a RIP converts it, so it is
estimated rather than left out of the total ink: RGB as Pillow converts it (C = 1 − R, M = 1 − G, Y = 1 − B, no
black: RGB black is 300 %, near what Ghostscript's default profiles make of it), grey as K = 1 − grey, Lab through
sRGB; ICC-based colour by its number of components.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pikepdf
from pikepdf import Name

from ...pressrules import REGISTRATION

PROCESS = ("C", "M", "Y", "K")
EVERY_PROCESS_PLATE = frozenset(PROCESS)
PROCESS_COLORANTS = {"Cyan": "C", "Magenta": "M", "Yellow": "Y", "Black": "K"}
INLINE_NAMES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
Inks = dict  # plate (C, M, Y, K or a spot's name) -> percent


@dataclass(frozen=True)
class Space:
    family: str  # /DeviceCMYK, /DeviceGray, /DeviceRGB, /Separation, /DeviceN, /Indexed, /Pattern, /Lab …
    n: int  # components of a colour in it
    model: str  # how values become ink: cmyk, gray, rgb, lab, colorants, indexed, pattern
    names: tuple[str, ...] = ()  # Separation and DeviceN colorants
    base: Space | None = None  # Indexed: the base space; Pattern: the space of an uncoloured pattern's colour
    table: bytes = b""  # Indexed: the colour table, base.n bytes an entry
    refused: str = ""  # why PDF/X-1a refuses it, e.g. "DeviceRGB" ("" when it is allowed)

    @property
    def spots(self) -> tuple[str, ...]:
        """Colorants that are not process colours, registration or None (its base's included)."""
        own = tuple(n for n in self.names if n not in PROCESS_COLORANTS and n not in (REGISTRATION, "None"))
        return own + (self.base.spots if self.base else ())

    def initial(self) -> tuple[float, ...]:
        """A colour's values right after `cs` selects the space (ISO 32000-1 §8.6.8)."""
        if self.model == "cmyk":
            return (0.0, 0.0, 0.0, 1.0)
        if self.model == "colorants":
            return (1.0,) * self.n
        return (0.0,) * self.n

    def inks(self, values: tuple[float, ...]) -> Inks | None:
        """Percent per plate; None when the values do not fit the space or the colour is a pattern."""
        if len(values) != self.n or self.model == "pattern":
            return None
        if self.model == "cmyk":
            return {p: v * 100 for p, v in zip(PROCESS, values)}
        if self.model == "gray":
            return {"K": (1 - values[0]) * 100}
        if self.model == "rgb":
            return {p: (1 - v) * 100 for p, v in zip("CMY", values)}
        if self.model == "lab":
            return {p: (1 - v) * 100 for p, v in zip("CMY", lab_to_rgb(*values))}
        if self.model == "indexed":
            return self.base.inks(self.entry(int(values[0])))
        out: Inks = {}
        for name, v in zip(self.names, values):
            for plate in plates_of(name):
                out[plate] = out.get(plate, 0.0) + v * 100
        return out

    def entry(self, index: int) -> tuple[float, ...]:
        """An Indexed colour's base values (its table's bytes as fractions; a short table reads as zeros)."""
        n = self.base.n
        row = self.table[index * n : index * n + n].ljust(n, b"\0")
        return tuple(b / 255 for b in row)

    def written(self, values: tuple[float, ...], overprint: bool, opm: int) -> frozenset | None:
        """The plates painting in this colour replaces; None: every plate (it knocks out)."""
        if not overprint or self.model == "pattern":
            return None
        if self.model == "colorants":
            return frozenset(p for name in self.names for p in plates_of(name))
        if self.model == "indexed" and self.base.model == "colorants":
            return self.base.written(self.base.initial(), overprint, opm)
        if self.family == "/DeviceCMYK" and opm == 1 and len(values) == 4:
            return frozenset(p for p, v in zip(PROCESS, values) if v != 0)
        return EVERY_PROCESS_PLATE


def plates_of(colorant: str) -> tuple[str, ...]:
    if colorant == REGISTRATION:
        return PROCESS
    if colorant == "None":
        return ()
    return (PROCESS_COLORANTS.get(colorant, colorant),)


DEVICE = {
    "/DeviceCMYK": Space("/DeviceCMYK", 4, "cmyk"),
    "/DeviceGray": Space("/DeviceGray", 1, "gray"),
    "/DeviceRGB": Space("/DeviceRGB", 3, "rgb", refused="DeviceRGB"),
    "/Pattern": Space("/Pattern", 0, "pattern"),
}
MODEL_OF_COMPONENTS = {1: "gray", 3: "rgb", 4: "cmyk"}


def resolve(cs, resources, depth: int = 0) -> Space:
    """The Space a colour-space operand (a name, or an array) stands for, named resources looked up."""
    if isinstance(cs, Name):
        key = INLINE_NAMES.get(str(cs), str(cs))
        if key in DEVICE:
            return DEVICE[key]
        named = (resources.get("/ColorSpace") or {}).get(cs) if resources is not None else None
        if named is None or depth > 8:
            return Space(key, 0, "pattern", refused=f"unknown colour space {key}")
        return resolve(named, resources, depth + 1)
    if not isinstance(cs, pikepdf.Array) or len(cs) == 0:
        return Space(str(cs), 0, "pattern", refused="unreadable colour space")
    family = INLINE_NAMES.get(str(cs[0]), str(cs[0]))
    if family in DEVICE and len(cs) == 1:
        return DEVICE[family]
    if family == "/Separation":
        alternate = resolve(cs[2], resources, depth + 1)
        return Space(family, 1, "colorants", (str(cs[1])[1:],), refused=_alternate(alternate, family))
    if family == "/DeviceN":
        alternate = resolve(cs[2], resources, depth + 1)
        names = tuple(str(n)[1:] for n in cs[1])
        return Space(family, len(names), "colorants", names, refused=_alternate(alternate, family))
    if family == "/Indexed":
        base = resolve(cs[1], resources, depth + 1)
        lookup = cs[3]
        table = lookup.read_bytes() if isinstance(lookup, pikepdf.Stream) else bytes(lookup)
        refused = f"Indexed base {base.refused}" if base.refused else ""
        return Space(family, 1, "indexed", base=base, table=table, refused=refused)
    if family == "/Pattern":
        base = resolve(cs[1], resources, depth + 1) if len(cs) > 1 else None
        refused = f"Pattern base {base.refused}" if base is not None and base.refused else ""
        return Space(family, base.n if base else 0, "pattern", base=base, refused=refused)
    if family == "/ICCBased":
        n = int(cs[1].get("/N", 0))
        return Space(family, n, MODEL_OF_COMPONENTS.get(n, "pattern"), refused=f"ICCBased (N={n})")
    if family in ("/CalGray", "/CalRGB", "/Lab"):
        n, model = {"/CalGray": (1, "gray"), "/CalRGB": (3, "rgb"), "/Lab": (3, "lab")}[family]
        return Space(family, n, model, refused=family[1:])
    return Space(family, 0, "pattern", refused=family[1:])


def _alternate(alternate: Space, family: str) -> str:
    """Why a Separation's or DeviceN's alternate space is refused: PDF/X-1a wants CMYK or grey there too."""
    return f"{family[1:]} alternate {alternate.refused}" if alternate.refused else ""


@dataclass(frozen=True)
class Colour:
    """A colour in a space: its ink, its plates, what painting it replaces. `pattern`: the pattern's name, for
    a colour in a Pattern space (its ink then comes from the pattern, not from these values); `source`: what set
    it (an operator: rg, cs …; or image, shading), for messages."""

    space: Space
    values: tuple[float, ...]
    pattern: object = None
    source: str = ""

    @cached_property
    def inks(self) -> Inks | None:
        return self.space.inks(self.values)

    @cached_property
    def plates(self) -> int:
        inks = self.inks
        return 0 if inks is None else sum(v > 0.5 for v in inks.values())

    def written(self, overprint: bool, opm: int) -> frozenset | None:
        return self.space.written(self.values, overprint, opm)


BLACK = Colour(DEVICE["/DeviceGray"], (0.0,))


def describe(inks: Inks) -> str:
    """'C50 M40 Y40 K90', a spot by its name; 'paper' for no ink."""
    return " ".join(f"{p if len(p) == 1 else p + ' '}{v:.0f}" for p, v in inks.items() if v > 0.5) or "paper"


def lab_to_rgb(lightness: float, a: float, b: float) -> tuple[float, float, float]:
    """CIE L*a*b* (D50) to sRGB fractions, clipped (Bradford-adapted matrix of IEC 61966-2-1)."""
    fy = (lightness + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def f_inv(t: float) -> float:
        return t**3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)

    x, y, z = 0.9642 * f_inv(fx), f_inv(fy), 0.8249 * f_inv(fz)
    linear = (
        3.1339 * x - 1.6169 * y - 0.4906 * z,
        -0.9788 * x + 1.9161 * y + 0.0335 * z,
        0.0719 * x - 0.2290 * y + 1.4052 * z,
    )
    return tuple(
        min(1.0, max(0.0, 12.92 * c if c <= 0.0031308 else 1.055 * max(c, 0.0) ** (1 / 2.4) - 0.055)) for c in linear
    )
