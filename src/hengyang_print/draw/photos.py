"""Photos at draw: separate an image file to DeviceCMYK pixels.

The separation is a plain full-GCR conversion, not ICC colour management: neutral tones go to black
only and no pixel carries more than 200 % ink, within newsprint's limit (≤ 240 %, print-pdf.md).
Files that are already CMYK pass through unchanged.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


def cmyk_image(path: str | Path):
    """The photo as a CMYK Pillow image, upright; cached per file version (watch mode rebuilds often)."""
    stat = os.stat(path)
    return _cmyk(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _cmyk(path: str, _mtime: int, _size: int):
    from PIL import Image, ImageChops, ImageOps

    with Image.open(path) as im:
        im = ImageOps.exif_transpose(im)
        im.load()
    if im.mode == "CMYK":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # transparent parts print as paper: flatten onto white
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(white, rgba).convert("RGB")
    if im.mode in ("1", "L", "I", "I;16", "F"):
        # a grey photo prints in black ink only
        k = ImageOps.invert(im.convert("L"))
        zero = Image.new("L", k.size, 0)
        return Image.merge("CMYK", (zero, zero, zero, k))
    c, m, y = ImageOps.invert(im.convert("RGB")).split()
    k = ImageChops.darker(ImageChops.darker(c, m), y)  # full grey-component replacement
    return Image.merge("CMYK", (ImageChops.subtract(c, k), ImageChops.subtract(m, k), ImageChops.subtract(y, k), k))
