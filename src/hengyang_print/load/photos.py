"""Photos at load: read an image file's pixel size, decoding it whole so a bad file fails here.

Pillow does the reading (imported on first use: a page without photos never loads it). What it found is
remembered by the file's version (probed): a rebuild does not decode an unchanged photo again.
"""

from __future__ import annotations

from pathlib import Path

from .. import cache

FORMATS = ("JPEG", "PNG", "TIFF")  # what a newsroom photo desk hands over
DEEP_GREY = ("I", "I;16", "I;16L", "I;16B", "I;16N", "F")  # grey of 16 or 32 bits (draw/photos.py scales them)
# Pillow's modes that separate to CMYK with their tones kept (draw/photos.py); LAB and HSV do not convert
MODES = ("1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "YCbCr", "CMYK", *DEEP_GREY)


class ImageProblem(Exception):
    """Why an image file cannot be used; load.py turns it into a located error."""


def probe(path: str | Path) -> tuple[int, int, tuple[str, ...]]:
    """Pixel width and height as the photo is meant to be seen (EXIF orientation applied), and notes:
    Pillow's warnings about the file (a very large image), each one line.

    Decodes the whole file so that a truncated or corrupt image fails here, at load, not at draw.
    """
    import warnings

    from PIL import ExifTags, Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise ImageProblem("not a regular file" if path.exists() else "file not found")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # every one recorded, none printed raw
            with Image.open(path) as im:
                if im.format not in FORMATS:
                    raise ImageProblem(f"{im.format} images are not supported (use {', '.join(FORMATS)})")
                if im.mode not in MODES:
                    raise ImageProblem(f"{im.mode} pixels are not supported (save it as RGB, CMYK or greyscale)")
                im.load()
                turned = im.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)  # width and height swap
            notes = tuple(
                dict.fromkeys(
                    _note(w.message)
                    for w in caught
                    if "PIL" in (w.filename or "") and not issubclass(w.category, DeprecationWarning)
                )
            )
            return (im.height, im.width, notes) if turned else (im.width, im.height, notes)
    except ImageProblem:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"not a readable image ({exc.__class__.__name__})") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"not a readable image ({exc})") from None


def probed(path: str | Path) -> tuple[int, int, tuple[str, ...]]:
    """probe(), remembered by the file's version (real path, size, modification time), this code's and
    Pillow's: decoding a newsroom photo takes ~60 ms of every build of its page. A problem is not
    remembered: it is found again, and said again, at every build."""
    version = cache.file_version(str(path))
    if version is None or not cache.enabled():
        return probe(path)
    key = repr((version, cache.code_version(Path(__file__)), cache.package_version("pillow")))
    return cache.remembered("photo-probes", key, lambda: probe(path), valid=_a_probe)


def _a_probe(value) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and all(isinstance(v, int) for v in value[:2])
        and isinstance(value[2], tuple)
    )


def _note(message: Warning) -> str:
    text = " ".join(str(message).split())
    if type(message).__name__ == "DecompressionBombWarning":
        return f"a very large image ({text}); it is built, slowly"
    return text
