"""The colours a shading paints where it is painted (ISO 32000-1 §8.7.4.5), sampled, so a blend reaching 320 %
is measured like a fill of 320 %.

`sample(shading, space, to_page, region)` returns the colour values (in the shading's colour space) met over
`region` (a box on the page) and the painted extent on the page when the shading says it (a mesh's vertices, a
/BBox); the caller turns them into ink. Axial shadings are sampled over the part of their axis the region
covers (their Extend flags respected); radial and function-based ones over their whole domain; meshes at their
vertices, where linear and bilinear blends have their extremes.
"""

from __future__ import annotations

import pikepdf

from . import functions
from .colour import Space
from .geometry import Box, Matrix, apply, bounds, intersect, inverse, transform

STEPS = 64  # samples along an axis
GRID = 9  # samples across each of a function-based shading's two inputs
MAX_VERTICES = 100_000  # mesh vertices read; a bigger mesh is read up to here


def sample(shading, space: Space, to_page: Matrix, region: Box) -> tuple[list[tuple[float, ...]], Box | None]:
    """(colour values met, the painted extent on the page or None when it is the region)."""
    kind = int(shading.get("/ShadingType", 0))
    fn = functions.load(shading["/Function"]) if "/Function" in shading else None
    extent = transform(_numbers(shading["/BBox"]), to_page) if "/BBox" in shading else None
    if extent is not None:
        region = intersect(region, extent)
        if region is None:
            return [], extent
    if kind in (2, 3):
        if fn is None:
            return [], extent
        domain = _numbers(shading.get("/Domain", [0, 1]))
        low, high = _axis_span(shading, to_page, region) if kind == 2 else (0.0, 1.0)
        ts = [domain[0] + (domain[1] - domain[0]) * (low + (high - low) * i / STEPS) for i in range(STEPS + 1)]
        return [tuple(fn([t])) for t in ts], extent
    if kind == 1:
        if fn is None:
            return [], extent
        x0, x1, y0, y1 = _numbers(shading.get("/Domain", [0, 1, 0, 1]))
        grid = [
            (x0 + (x1 - x0) * i / (GRID - 1), y0 + (y1 - y0) * j / (GRID - 1)) for i in range(GRID) for j in range(GRID)
        ]
        return [tuple(fn([x, y])) for x, y in grid], extent
    if kind in (4, 5, 6, 7) and isinstance(shading, pikepdf.Stream):
        points, colours = _mesh(shading, kind, space.n if fn is None else 1)
        if fn is not None:
            ts = [c[0] for c in colours]
            if ts:
                low, high = min(ts), max(ts)
                colours = [tuple(fn([low + (high - low) * i / STEPS])) for i in range(STEPS + 1)]
        if points:
            mesh = bounds(apply(to_page, x, y) for x, y in points)
            extent = intersect(mesh, extent) if extent else mesh
        return colours, extent
    return [], extent


def _numbers(values) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _axis_span(shading, to_page: Matrix, region: Box) -> tuple[float, float]:
    """The fractions (0 … 1) of an axial shading's axis that the region reaches. Beyond an end the shading paints
    that end's colour (when it extends) or nothing: either way no colour past the end's."""
    x0, y0, x1, y1 = _numbers(shading["/Coords"])
    back = inverse(to_page)
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    if back is None or length == 0:
        return 0.0, 1.0
    corners = [
        apply(back, x, y)
        for x, y in ((region[0], region[1]), (region[2], region[1]), (region[0], region[3]), (region[2], region[3]))
    ]
    ts = [((x - x0) * dx + (y - y0) * dy) / length for x, y in corners]
    return min(max(min(ts), 0.0), 1.0), min(max(max(ts), 0.0), 1.0)


class _Bits:
    """Big-endian fields of any width from a mesh shading's data; a row (vertex, patch) starts on a whole byte."""

    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def read(self, width: int) -> int | None:
        if self.at + width > len(self.data) * 8:
            return None
        first, last = self.at // 8, (self.at + width - 1) // 8
        chunk = int.from_bytes(self.data[first : last + 1], "big")
        shift = (last + 1) * 8 - (self.at + width)
        self.at += width
        return (chunk >> shift) & ((1 << width) - 1)

    def align(self) -> None:
        self.at = -(-self.at // 8) * 8


def _mesh(shading, kind: int, components: int) -> tuple[list[tuple[float, float]], list[tuple[float, ...]]]:
    """The vertices (shading space) and the colours given at them, of a triangle mesh (4, 5) or a patch mesh (6, 7)."""
    coordinate = int(shading.get("/BitsPerCoordinate", 0))
    component = int(shading.get("/BitsPerComponent", 0))
    flag = int(shading.get("/BitsPerFlag", 0)) if kind != 5 else 0
    decode = _numbers(shading.get("/Decode", []))
    if not coordinate or not component or len(decode) < 4 + 2 * components:
        return [], []
    bits = _Bits(shading.read_bytes())

    def number(width: int, low: float, high: float) -> float | None:
        raw = bits.read(width)
        return None if raw is None else low + raw * (high - low) / ((1 << width) - 1)

    def point() -> tuple[float, float] | None:
        x, y = number(coordinate, *decode[0:2]), number(coordinate, *decode[2:4])
        return None if x is None or y is None else (x, y)

    def colour() -> tuple[float, ...] | None:
        values = [number(component, *decode[4 + 2 * i : 6 + 2 * i]) for i in range(components)]
        return None if None in values else tuple(values)

    points, colours = [], []
    while len(points) < MAX_VERTICES:
        edge = bits.read(flag) if flag else 0
        if edge is None:
            break
        if kind in (4, 5):
            p, c = point(), colour()
            if p is None or c is None:
                break
            points.append(p)
            colours.append(c)
        else:
            count = (12 if kind == 6 else 16) - (4 if edge else 0)
            read = [point() for _ in range(count)]
            corners = [colour() for _ in range(2 if edge else 4)]
            if None in read or None in corners:
                break
            points.extend(read)
            colours.extend(corners)
        if kind != 5:
            bits.align()
    return points, colours
