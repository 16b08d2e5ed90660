"""Read the glyphs a PDF draws on its first page — character, face, size, origin, advance — in trim-box coordinates.

The one reader for every command that checks a built PDF against its layout (the audit in `check`, `diff`).
PDFium's text API (pypdfium2) parses the PDF bytes, in C: nothing of our display list or drawing code is
consulted, so a drawing bug shows as it would to any reader. It is about ten times faster than pdfminer
(pdfplumber), which read the glyphs here before: 0.06 s against 0.6 s CPU for the default page.
"""

from __future__ import annotations

import ctypes
from functools import cache
from pathlib import Path
from typing import NamedTuple


class PdfGlyph(NamedTuple):  # a tuple: some 3,000 a page, made in a third of a frozen dataclass's time
    text: str
    font: str  # the face's PostScript name, subset prefix dropped
    size: float
    x0: float  # origin
    x1: float  # origin + advance
    baseline: float
    bottom: float  # the face's descent below the baseline, as the PDF's font descriptor gives it
    top: float  # and its ascent above


def read_glyphs(pdf: bytes | str | Path) -> tuple[float, list[PdfGlyph]]:
    """The trim box's height and the page's visible glyphs in drawing order (whitespace left out).
    bytes: a PDF this process built; a path: someone's file, read through pdfread's bounds first."""
    import pypdfium2 as pdfium  # only commands that read a PDF back need it
    import pypdfium2.raw as raw

    if not isinstance(pdf, bytes):
        from .pdfread import clean_bytes

        pdf = clean_bytes(pdf)  # a file on disk: bounded, loops resolved by qpdf before PDFium, which has no limits
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        left, bottom, _, top = page.get_trimbox()  # the media box where the PDF has no trim box
        text = page.get_textpage()
        try:
            glyphs = _glyphs(raw, text.raw, left, bottom)
        finally:
            text.close()
            page.close()
    finally:
        doc.close()
    return top - bottom, glyphs


def _glyphs(raw, page, left: float, bottom: float) -> list[PdfGlyph]:
    x, y = ctypes.c_double(), ctypes.c_double()
    objects: dict[int, tuple] = {}  # text object (one per show operator) -> what its glyphs share (_text_object)
    widths: dict[tuple[int, int], float] = {}  # (font, character) -> advance per 1 pt
    out = []
    count = raw.FPDFText_CountChars(page)
    k = 0
    while k < count:
        i, code = k, raw.FPDFText_GetUnicode(page, k)
        k += 1
        if 0xD800 <= code < 0xDC00 and k < count:  # a UTF-16 pair (PDFium builds where wchar_t is 16 bits)
            code = 0x10000 + ((code - 0xD800) << 10) + (raw.FPDFText_GetUnicode(page, k) - 0xDC00)
            k += 1
        ch = chr(code)
        if not ch.strip():  # and so the spaces and line ends PDFium infers (FPDFText_IsGenerated)
            continue
        obj = raw.FPDFText_GetTextObject(page, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        known = objects.get(key)
        if known is None:
            known = objects[key] = _text_object(raw, page, i, obj)
        font, face, name, ascent, descent, size, scale = known
        width = widths.get((face, code))
        if width is None:
            width = widths[face, code] = _width(raw, font, code)
        raw.FPDFText_GetCharOrigin(page, i, ctypes.byref(x), ctypes.byref(y))
        baseline, origin = y.value - bottom, x.value - left
        out.append(
            PdfGlyph(
                ch,
                name,
                size,
                origin,
                origin + width * scale,
                baseline,
                baseline + descent * size,
                baseline + ascent * size,
            )
        )
    return out


_W = ctypes.c_float()


def _width(raw, font, code: int) -> float:
    """The advance of a character per 1 pt of font size, as the font's widths give it (PDFium's loose
    character box would take in ink that overhangs the advance, as in f)."""
    raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(1.0), ctypes.byref(_W))
    return _W.value


def _text_object(raw, page, i: int, obj) -> tuple:
    """What the glyphs of one text object share: its font (handle, address, base name without the subset prefix, the
    descriptor's ascent and descent per 1 pt), the size of its glyphs and the scale of an advance, from the font
    size (Tf) and the matrix of glyph i, one of them (the text matrix with Tz and the CTM folded in)."""
    font = raw.FPDFTextObj_GetFont(obj)
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buf = ctypes.create_string_buffer(max(length, 1))
    raw.FPDFFont_GetBaseFontName(font, buf, length)
    ascent, descent, tf, m = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), raw.FS_MATRIX()
    raw.FPDFFont_GetAscent(font, ctypes.c_float(1.0), ctypes.byref(ascent))
    raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
    raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(tf))
    raw.FPDFText_GetMatrix(page, i, ctypes.byref(m))
    name = buf.value.decode("utf-8", "replace").split("+")[-1]
    return (
        font,
        ctypes.cast(font, ctypes.c_void_p).value,
        name,
        ascent.value,
        descent.value,
        tf.value * m.d,
        tf.value * m.a,
    )


@cache
def face_names(path: str) -> frozenset[str]:
    """Names a face may carry in a PDF: its PostScript name (a subset's prefix aside)."""
    return frozenset(filter(None, [_postscript_name(path)]))


def _postscript_name(path: str) -> str | None:
    """The font's name table entry 6, as its metrics read it."""
    from ..fonts import metrics

    return metrics(path).postscript_name or None
