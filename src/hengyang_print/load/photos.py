"""Photos at load: read an image file's pixel size, decoding it whole so a bad file fails here.

Pillow does the reading (imported on first use: a page without photos never loads it).
"""

from __future__ import annotations

from pathlib import Path


FORMATS = ("JPEG", "PNG", "TIFF")  # what a newsroom photo desk hands over


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
