"""Photos: read an image file's pixel size, separate it to DeviceCMYK pixels, and check its effective resolution.

Pillow does the reading (imported on first use: a page without photos never loads it); nothing here knows about ReportLab or the page geometry beyond a placed box.
The separation is a plain full-GCR conversion, not ICC colour management: neutral tones go to black
only and no pixel carries more than 200 % ink, within newsprint's limit (≤ 240 %, print-pdf.md).
Files that are already CMYK pass through unchanged.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .model import ImageItem, Page

FORMATS = ("JPEG", "PNG", "TIFF")  # what a newsroom photo desk hands over
POINTS_PER_INCH = 72.0


class ImageProblem(Exception):
    """Why an image file cannot be used; load.py turns it into a located error."""


def probe(path: str | Path) -> tuple[int, int]:
    """Pixel width and height as the photo is meant to be seen (EXIF orientation applied).

    Decodes the whole file so that a truncated or corrupt image fails here, at load, not at draw.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise ImageProblem("file not found")
    try:
        with Image.open(path) as im:
            if im.format not in FORMATS:
                raise ImageProblem(f"{im.format} images are not supported (use {', '.join(FORMATS)})")
            im.load()
            upright = ImageOps.exif_transpose(im)
            return upright.size
    except ImageProblem:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"not a readable image ({exc.__class__.__name__})") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"not a readable image ({exc})") from None


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


def effective_ppi(width_px: int, height_px: int, width_pt: float, height_pt: float) -> float:
    """Pixels per inch on paper: the lower of the two directions (scaling is uniform, so they agree)."""
    return min(width_px / (width_pt / POINTS_PER_INCH), height_px / (height_pt / POINTS_PER_INCH))


def resolution_notes(page: Page) -> list[str]:
    """A note for every placed photo whose effective resolution is below the layout's min_ppi."""
    design = page.layout.regions["items"].item.image
    notes = []
    for item in page.items:
        if not isinstance(item, ImageItem) or design is None:
            continue
        ppi = effective_ppi(item.width_px, item.height_px, item.image.width, item.image.height)
        if ppi < design.min_ppi:
            mm = 25.4 / POINTS_PER_INCH
            notes.append(
                f"{item.block}: '{Path(item.path).name}' is {item.width_px} × {item.height_px} px, set {item.image.width * mm:.0f} ×"
                f" {item.image.height * mm:.0f} mm: {ppi:.0f} ppi, below {design.min_ppi:.0f} ppi (it will print soft;"
                f" supply a larger file or set it smaller)"
            )
    return notes
