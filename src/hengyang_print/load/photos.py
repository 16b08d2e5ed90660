"""Photos at load: read an image file's pixel size, decoding it whole so a bad file fails here.

Pillow does the reading (imported on first use: a page without photos never loads it). What it found is
remembered by the file's version (probed): a rebuild does not decode an unchanged photo again.
"""

from __future__ import annotations

from pathlib import Path

from .. import cache
from ..i18n import N_, _

FORMATS = ("JPEG", "PNG", "TIFF")  # what a newsroom photo desk hands over
DEEP_GREY = ("I", "I;16", "I;16L", "I;16B", "I;16N", "F")  # grey of 16 or 32 bits (draw/photos.py scales them)
# Pillow's modes that separate to CMYK with their tones kept (draw/photos.py); LAB and HSV do not convert
MODES = ("1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "YCbCr", "CMYK", *DEEP_GREY)


class ImageProblem(Exception):
    """Why an image file cannot be used; load.py turns it into a located error."""


def probe(path: str | Path) -> tuple[int, int, tuple[tuple[str, str], ...]]:
    """Pixel width and height as the photo is meant to be seen (EXIF orientation applied), and notes:
    Pillow's warnings about the file (a very large image), each one line, as (our message, Pillow's text):
    remembered in the cache untranslated, said in the reader's language (said()).

    Decodes the whole file so that a truncated or corrupt image fails here, at load, not at draw.
    """
    import warnings

    from PIL import ExifTags, Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise ImageProblem(_("not a regular file") if path.exists() else _("file not found"))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # every one recorded, none printed raw
            with Image.open(path) as im:
                if im.format not in FORMATS:
                    unsupported = _("{format} images are not supported (use {formats})")
                    raise ImageProblem(unsupported.format(format=im.format, formats=", ".join(FORMATS)))
                if im.mode not in MODES:
                    unsupported = _("{mode} pixels are not supported (save it as RGB, CMYK or greyscale)")
                    raise ImageProblem(unsupported.format(mode=im.mode))
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
        raise ImageProblem(_("not a readable image ({reason})").format(reason=exc.__class__.__name__)) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(_("not a readable image ({reason})").format(reason=exc)) from None


def probed(path: str | Path) -> tuple[int, int, tuple[tuple[str, str], ...]]:
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
        and all(isinstance(n, tuple) and len(n) == 2 and all(isinstance(s, str) for s in n) for n in value[2])
    )


LARGE = N_("a very large image ({text}); it is built, slowly")
AS_IS = "{text}"  # a warning Pillow words itself


def _note(message: Warning) -> tuple[str, str]:
    text = " ".join(str(message).split())
    return (LARGE if type(message).__name__ == "DecompressionBombWarning" else AS_IS, text)


def said(note: tuple[str, str]) -> str:
    """A probe's note in the reader's language."""
    message, text = note
    return (_(message) if message != AS_IS else message).format(text=text)
