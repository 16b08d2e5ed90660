"""Photos at draw: an image file → DeviceCMYK pixels at the resolution the page needs.

A photo is decoded no larger than it is printed at MAX_PPI (a JPEG at a reduced scale, `draft`; any
other file shrunk as soon as it is read), so a camera's 100-megapixel file costs no more memory than the
page needs. The separation is a plain full-GCR conversion, not ICC colour management: neutral tones go to
black only and no pixel carries more than 200 % ink, within newsprint's limit (≤ 240 %, print-pdf.md).
Files that are already CMYK keep their values.
"""

from __future__ import annotations

import math
import os
import warnings
from functools import lru_cache
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageOps

from ..load.photos import DEEP_GREY

# Newsprint screens at 85-120 lpi; twice the finest screen is all a plate resolves (GWG 2015
# NewspaperAds: 200 ppi required, more is not used): pixels beyond 300 ppi are dropped.
MAX_PPI = 300
TURNED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def cmyk_image(path: str | Path, width_pt: float | None = None, height_pt: float | None = None):
    """The photo as a CMYK Pillow image, upright, at most MAX_PPI at the printed size (given in points; without
    it, at the file's own size); remembered per file version and size (watch and the proof room rebuild often)."""
    stat = os.stat(path)
    most = None if width_pt is None else (math.ceil(width_pt / 72 * MAX_PPI), math.ceil(height_pt / 72 * MAX_PPI))
    return _cmyk(str(path), stat.st_mtime_ns, stat.st_size, most)


@lru_cache(maxsize=16)
def _cmyk(path: str, _mtime: int, _size: int, most: tuple[int, int] | None):
    with warnings.catch_warnings():  # a large photo's DecompressionBombWarning: load noted it already
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as im:
            turned = im.getexif().get(ExifTags.Base.Orientation, 1) in TURNED
            if most is not None:
                im.thumbnail(most[::-1] if turned else most)  # drafts a JPEG; shrinks the rest once decoded
            im = ImageOps.exif_transpose(im)
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
