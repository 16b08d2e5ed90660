"""Photos at draw: separate an image file to DeviceCMYK pixels.

The separation is a plain full-GCR conversion, not ICC colour management: neutral tones go to black
only and no pixel carries more than 200 % ink, within newsprint's limit (≤ 240 %, print-pdf.md).
Files that are already CMYK pass through unchanged.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..load.photos import DEEP_GREY


def cmyk_image(path: str | Path):
    """The photo as a CMYK Pillow image, upright; cached per file version (watch mode rebuilds often)."""
    stat = os.stat(path)
    return _cmyk(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _cmyk(path: str, _mtime: int, _size: int):
    import warnings

    from PIL import Image, ImageChops, ImageOps

    with warnings.catch_warnings():  # a large photo's DecompressionBombWarning: load noted it already
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as im:
            im = ImageOps.exif_transpose(im)
            im.load()
    if im.mode == "CMYK":
        return im
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (im.mode == "P" and "transparency" in im.info):
        # transparent parts print as paper: flatten onto white
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(white, rgba).convert("RGB")
    if im.mode in ("1", "L") or im.mode in DEEP_GREY:
        # a grey photo prints in black ink only
        k = ImageOps.invert(grey8(im))
        zero = Image.new("L", k.size, 0)
        return Image.merge("CMYK", (zero, zero, zero, k))
    c, m, y = ImageOps.invert(im.convert("RGB")).split()
    k = ImageChops.darker(ImageChops.darker(c, m), y)  # full grey-component replacement
    return Image.merge("CMYK", (ImageChops.subtract(c, k), ImageChops.subtract(m, k), ImageChops.subtract(y, k), k))


def grey8(im):
    """An 8-bit grey image of a grey photo of any depth, its tones scaled to 0-255 from the range its samples
    are written in (Pillow's convert("L") clips them: a 16-bit photo came out almost white). 16-bit files
    read as I;16 (PNG, TIFF) or I; 32-bit integers as I beyond 65535; floats as F in 0-1 (or 0-255)."""
    if im.mode in ("1", "L"):
        return im.convert("L")
    if im.mode == "F":
        top = im.getextrema()[1]
        full = 1.0 if top <= 1.0 else 255.0 if top <= 255.0 else 65535.0
        return im.point(lambda v: v * (255.0 / full)).convert("L")
    im = im if im.mode == "I" else im.convert("I")
    full = 65535 if im.getextrema()[1] <= 65535 else 2**31 - 1
    return im.point(lambda v: v * (255 / full)).convert("L")  # convert clamps what lies below 0
