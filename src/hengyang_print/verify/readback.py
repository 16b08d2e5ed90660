"""Nothing lost: the PDF's text layer, read back, holds every block of the content whole and in reading order,
and every glyph it shows lies on the paper (inside the page's trim box).

The written bytes are read by PDFium (pypdfium2), a reader independent of the library that drew them, as
a viewer or a plant's text extraction reads them. Whitespace is ignored: line breaks and justification
gaps are the layout's, not the content's. Blocks the page lists as overset (built with overset allowed,
marked on the page) are exempt: their loss is reported, not silent.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from ..errors import BuildError
from ..load.blocks import content_blocks
from ..model import Content, Layout, PlaceReport

SPACE = re.compile(r"\s+")
SLACK = 0.5  # pt: a glyph box may touch the trim by this much (PDFium's boxes are rounded)


def check_text_layer(pdf: bytes, content: Content, layout: Layout, report: PlaceReport) -> None:
    """Raise BuildError naming the first block (and character) the PDF does not carry in order, or the glyphs
    it sets off the paper."""
    got, off = read(pdf)
    if off:
        x, y = off[0]
        mm = 25.4 / 72
        raise BuildError(
            f"{layout.source}: {len(off)} run(s) of text would print off the paper, the first at"
            f" {x * mm:.1f} mm, {y * mm:.1f} mm from the trim's lower left (a bug: nothing was written; please"
            " report it with this layout)"
        )
    exempt = {o.block for o in report.overset}
    at = 0
    for block in content_blocks(content, layout):
        if block.id in exempt:
            continue
        want = SPACE.sub("", block.text)
        found = got.find(want, at)
        if found >= 0:
            at = found + len(want)
            continue
        # the longest prefix that is there tells where the loss starts
        n = 0
        while n < len(want) and got.find(want[: n + 1], at) >= 0:
            n += 1
        offset = _original_offset(block.text, n)
        ch = block.text[offset]
        raise BuildError(
            f"{content.where(block.id, offset)}: {block.id}: character '{ch}' (U+{ord(ch):04X}) at offset {offset}"
            " is missing from the PDF's text layer, or out of order (a bug: nothing was written; please report it"
            " with this content file)"
        )


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF in the order its pages show it, whitespace removed."""
    return read(pdf)[0]


def read(pdf: bytes) -> tuple[str, list[tuple[float, float]]]:
    """(all text, whitespace removed; the lower-left corner, from the trim's, of each run of text that leaves
    its page's trim box)."""
    doc = pdfium.PdfDocument(pdf)
    parts, off = [], []
    try:
        for page in doc:
            left, bottom, right, top = page.get_trimbox()
            text = page.get_textpage()
            parts.append(text.get_text_range())
            for i in range(text.count_rects()):
                x0, y0, x1, y1 = text.get_rect(i)
                if x0 < left - SLACK or y0 < bottom - SLACK or x1 > right + SLACK or y1 > top + SLACK:
                    off.append((x0 - left, y0 - bottom))
            text.close()
            page.close()
    finally:
        doc.close()
    return SPACE.sub("", "".join(parts)), off


def _original_offset(text: str, kept: int) -> int:
    """Offset in `text` of its (kept)-th character that is not whitespace."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            if seen == kept:
                return i
            seen += 1
    return max(len(text) - 1, 0)
