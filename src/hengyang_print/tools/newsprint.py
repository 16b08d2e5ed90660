"""A newsprint characterisation as an ICC profile, built here from published aim values, for screen proofs.

No newsprint ICC profile may be shipped (the IFRA/WAN-IFRA and ECI profiles' licences do not allow it, and
neither PyPI nor Debian carries one), so the proof builds its own: an ICC v2 output profile (CMYK → CIELAB)
whose table comes from

- the CIELAB aim values of ISO 12647-3:2013 (coldset offset on standard newsprint, measured on black backing,
  D50, 2°): the paper, the four solids and the three two-colour overprints (NEWSPRINT below);
- its tone value increase: 26 % at a 40 % tone (the "26" of IFRA26), on a parabola through 0 and 100 %;
- the Demichel–Neugebauer model in CIE XYZ: a tint is the paper and the 16 overprints of the four inks
  weighted by the share of the page each covers; overprints the standard does not list (with black, all three
  colours) are the product of the inks' reflectances.

It is a model of the printing condition, not a measured data set: a plant's own profile (the layout's
print.icc_profile) is used instead whenever the layout names one (screen.py).
"""

from __future__ import annotations

import struct
from functools import cache
from itertools import combinations, product

# ISO 12647-3:2013 aim values, CIELAB (D50, 2°, black backing)
PAPER = (82.0, 0.0, 3.0)
NEWSPRINT = {
    "c": (57.0, -23.0, -27.0),
    "m": (54.0, 44.0, -1.0),
    "y": (78.0, -3.0, 58.0),
    "k": (31.0, 1.0, 1.0),
    "my": (52.0, 41.0, 25.0),  # red
    "cy": (53.0, -34.0, 17.0),  # green
    "cm": (41.0, 4.0, -25.0),  # blue
}
TVI_AT_40 = 0.26  # tone value increase at a 40 % tone (ISO 12647-3, IFRA26)
GRID = 9  # points per ink in the profile's table: 0, 12.5 … 100 %
D50 = (0.9642, 1.0, 0.8249)  # the ICC's profile connection space white
INKS = "cmyk"
DESCRIPTION = "hengyang-print newsprint (ISO 12647-3:2013 aim values, TVI 26 %)"
COPYRIGHT = "No copyright: built by hengyang-print from published aim values (ISO 12647-3:2013)"


def lab_to_xyz(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB → XYZ relative to D50 (CIE 15)."""
    L, a, b = lab
    fy = (L + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def f_inv(t: float) -> float:
        return t**3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)

    return tuple(w * f_inv(t) for w, t in zip(D50, (fx, fy, fz)))


def xyz_to_lab(xyz: tuple[float, float, float]) -> tuple[float, float, float]:
    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, D50))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


@cache
def primaries() -> dict[str, tuple[float, float, float]]:
    """XYZ of the paper ("") and of every overprint of the four inks (keys in the order c, m, y, k)."""
    paper = lab_to_xyz(PAPER)
    known = {"": paper} | {inks: lab_to_xyz(lab) for inks, lab in NEWSPRINT.items()}
    out = {}
    for mask in product((False, True), repeat=4):
        inks = "".join(ink for ink, on in zip(INKS, mask) if on)
        out[inks] = known.get(inks) or _overprint(inks, known, paper)
    return out


def _overprint(inks: str, known: dict, paper: tuple) -> tuple[float, float, float]:
    """An overprint the standard does not list: its largest listed part times the rest, as reflectances."""
    for size in range(len(inks) - 1, 0, -1):
        for part in map("".join, combinations(inks, size)):
            if part in known:
                rest = "".join(ink for ink in inks if ink not in part)
                other = known[rest] if rest in known else _overprint(rest, known, paper)
                return tuple(a * b / p for a, b, p in zip(known[part], other, paper))
    raise ValueError(f"no listed part of the overprint {inks}")


def printed_tone(tone: float) -> float:
    """The share of the paper a tone covers once printed: the tone plus its increase (a parabola, 26 % at 40 %)."""
    return tone + TVI_AT_40 * tone * (1 - tone) / (0.4 * 0.6)


def lab(c: float, m: float, y: float, k: float) -> tuple[float, float, float]:
    """The CIELAB colour a CMYK tint (0–1 each) prints on newsprint, by the model above."""
    cover = [printed_tone(min(max(v, 0.0), 1.0)) for v in (c, m, y, k)]
    xyz = [0.0, 0.0, 0.0]
    for inks, colour in primaries().items():
        weight = 1.0
        for ink, share in zip(INKS, cover):
            weight *= share if ink in inks else 1 - share
        if weight:
            for i in range(3):
                xyz[i] += weight * colour[i]
    return xyz_to_lab(tuple(xyz))


# ---------------------------------------------------------------- the ICC profile (ICC.1:2001-04, version 2.1)


@cache
def profile_bytes() -> bytes:
    """The characterisation as an ICC v2 output profile: CMYK in, CIELAB out (A2B0, a 16-bit table), its media
    white the paper's: LittleCMS's relative colorimetric intent maps the paper to the screen's white, its
    absolute colorimetric intent gives the aim values themselves."""
    tags = [
        (b"desc", _text_description(DESCRIPTION)),
        (b"cprt", b"text" + bytes(4) + COPYRIGHT.encode("ascii") + b"\0"),
        (b"wtpt", b"XYZ " + bytes(4) + b"".join(_s15(v) for v in lab_to_xyz(PAPER))),
        (b"A2B0", _lut16()),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = [struct.pack(">I", len(tags))], b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)  # each tag on a 4-byte boundary
        table.append(signature + struct.pack(">II", offset + len(data), len(body)))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + bytes(4)  # preferred CMM: none
        + bytes([2, 0x10, 0, 0])  # version 2.1
        + b"prtr"  # an output device
        + b"CMYK"
        + b"Lab "
        + struct.pack(">6H", 2013, 12, 15, 0, 0, 0)  # a fixed date: the same bytes every time
        + b"acsp"
        + bytes(4 + 4 + 4 + 4 + 8)  # platform, flags, manufacturer, model, attributes
        + struct.pack(">I", 1)  # rendering intent: relative colorimetric
        + b"".join(_s15(v) for v in D50)
        + bytes(4 + 16 + 28)  # creator, profile ID (v2: none), reserved
    )
    assert len(header) == 128
    return header + b"".join(table) + data


def _lut16() -> bytes:
    """lut16Type: 4 inputs, 3 outputs (legacy 16-bit CIELAB), identity curves, the CLUT from lab() made relative
    to the paper (ICC v2 tables hold media-relative colour: the paper is L* 100; the media white point tag
    takes LittleCMS back to the absolute colour)."""
    steps = [i / (GRID - 1) for i in range(GRID)]
    paper = lab_to_xyz(PAPER)
    clut = []
    for c, m, y, k in product(steps, repeat=4):  # the first input varies slowest
        absolute = lab_to_xyz(lab(c, m, y, k))
        L, a, b = xyz_to_lab(tuple(v * w / p for v, w, p in zip(absolute, D50, paper)))
        clut += [_u16(L * 0xFF00 / 100), _u16((a + 128) * 256), _u16((b + 128) * 256)]
    identity = struct.pack(">9i", *(0x10000 if i % 4 == 0 else 0 for i in range(9)))
    curve = struct.pack(">2H", 0, 0xFFFF)
    return (
        b"mft2"
        + bytes(4)
        + bytes([4, 3, GRID, 0])
        + identity
        + struct.pack(">2H", 2, 2)
        + curve * 4
        + struct.pack(f">{len(clut)}H", *clut)
        + curve * 3
    )


def _text_description(text: str) -> bytes:
    ascii_ = text.encode("ascii", "replace") + b"\0"
    return b"desc" + bytes(4) + struct.pack(">I", len(ascii_)) + ascii_ + bytes(4 + 4 + 2 + 1 + 67)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 0x10000))


def _u16(value: float) -> int:
    return min(max(round(value), 0), 0xFFFF)
