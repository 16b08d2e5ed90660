"""Read the glyphs a PDF draws on its first page — character, face, size, origin, advance — in trim-box coordinates.

The one reader for every command that checks a built PDF against its layout (the audit in `check`, `diff`);
pdfplumber parses the PDF, so a drawing bug shows as it would to any reader.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class PdfGlyph:
    text: str
    font: str  # the face's PostScript name, subset prefix dropped
    size: float
    x0: float  # origin
    x1: float  # origin + advance
    baseline: float
    bottom: float  # the face's descent below the baseline, as the PDF's font descriptor gives it
    top: float  # and its ascent above


def read_glyphs(pdf: bytes | str | Path) -> tuple[float, list[PdfGlyph]]:
    """The trim box's height and the page's visible glyphs in drawing order (whitespace left out)."""
    import pdfplumber  # only commands that read a PDF back need it

    from .pdfread import clean_bytes

    if not isinstance(pdf, bytes):
        pdf = clean_bytes(pdf)  # a file on disk: bounded, loops resolved by qpdf before pdfminer, which has no limits
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        trim = page.page_obj.attrs.get("TrimBox") or page.mediabox
        left, bottom, _, top = (float(v) for v in trim)
        dx = left - float(page.mediabox[0])
        glyphs = [
            PdfGlyph(
                ch["text"], ch["fontname"].split("+")[-1], ch["size"], ch["x0"] - dx, ch["x1"] - dx, ch["matrix"][5] - bottom,
                ch["y0"] - bottom, ch["y1"] - bottom,
            )
            for ch in page.chars
            if ch["text"].strip()
        ]
    return top - bottom, glyphs


@lru_cache(maxsize=None)
def face_names(path: str) -> frozenset[str]:
    """Names a face may carry in a PDF: its PostScript name, or the file name draw.py registers."""
    from fontTools.ttLib import TTFont

    names = {"HY-" + Path(path).stem}
    ps = TTFont(path, lazy=True)["name"].getDebugName(6)
    if ps:
        names.add(ps)
    return frozenset(names)
