"""Screen colours for proofs: the print PDF's CMYK values through LittleCMS (Pillow's ImageCms), from a newsprint
characterisation to sRGB, so that the red on screen is the red the plate prints on newsprint.

The characterisation is the layout's print.icc_profile when it names one (the plant's own CMYK profile), else
the one newsprint.py builds from the ISO 12647-3 aim values. The intent is absolute colorimetric: the screen
shows the paper's tone too (newsprint is L* 82, not white), as a soft proof that simulates the paper does.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache

from PIL import Image, ImageCms

INTENT = ImageCms.Intent.ABSOLUTE_COLORIMETRIC


@cache
def transform(icc_profile: str | None = None) -> ImageCms.ImageCmsTransform:
    """CMYK (the characterisation) → sRGB; built once per profile and process."""
    from .newsprint import profile_bytes

    source = (
        ImageCms.getOpenProfile(icc_profile) if icc_profile else ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes()))
    )
    return ImageCms.buildTransform(source, ImageCms.createProfile("sRGB"), "CMYK", "RGB", renderingIntent=INTENT)


@lru_cache(maxsize=4096)
def rgb(c: float, m: float, y: float, k: float, icc_profile: str | None = None) -> tuple[float, float, float]:
    """The screen colour (0–1 each) of a CMYK tint (0–1 each): a page has a few dozen, each converted once."""
    tint = Image.new("CMYK", (1, 1), tuple(round(min(max(v, 0.0), 1.0) * 255) for v in (c, m, y, k)))
    return tuple(v / 255 for v in ImageCms.applyTransform(tint, transform(icc_profile)).getpixel((0, 0)))


def image(cmyk: Image.Image, icc_profile: str | None = None) -> Image.Image:
    """A CMYK image (a photo of the page) in screen colours."""
    return ImageCms.applyTransform(cmyk, transform(icc_profile))
