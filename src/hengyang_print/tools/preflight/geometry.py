"""Affine matrices and boxes in PDF user space (points), the arithmetic every painted object's place goes through.

A matrix is PDF's six numbers (a b c d e f); `multiply(a, b)` is "a, then b", as a content stream concatenates
`cm` onto the current matrix. A box is (x0, y0, x1, y1) with x0 ≤ x1 and y0 ≤ y1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(a: Matrix, b: Matrix) -> Matrix:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def inverse(m: Matrix) -> Matrix | None:
    det = m[0] * m[3] - m[1] * m[2]
    if abs(det) < 1e-12:
        return None
    a, b, c, d = m[3] / det, -m[1] / det, -m[2] / det, m[0] / det
    return a, b, c, d, -(m[4] * a + m[5] * c), -(m[4] * b + m[5] * d)


def scale(m: Matrix) -> float:
    """The matrix's linear scale (the square root of its area factor): a size in its space times this, on the page."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def bounds(points: Iterable[tuple[float, float]]) -> Box:
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs), max(ys)


def transform(box: Box, m: Matrix) -> Box:
    """The bounding box of `box` mapped through `m` (its four corners: rotation and skew are covered)."""
    x0, y0, x1, y1 = box
    return bounds(apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)))


def intersect(a: Box, b: Box) -> Box | None:
    box = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return box if box[0] <= box[2] and box[1] <= box[3] else None


def meets(a: Box, b: Box) -> bool:
    """The boxes overlap with some area (touching edges do not count)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(inner: Box, outer: Box, tolerance: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def grow(box: Box, by: float) -> Box:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def rect(values) -> Box:
    """A PDF rectangle (any two opposite corners) as a box."""
    x0, y0, x1, y1 = (float(v) for v in values)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
