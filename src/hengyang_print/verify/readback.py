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
from ..i18n import _
from ..load.blocks import content_blocks
from ..model import Content, Layout, PlaceReport

SPACE = re.compile(r"\s+")
SLACK = 0.5  # pt: a glyph box may touch the trim by this much (PDFium's boxes are rounded)


def check_text_layer(pdf: bytes, content: Content, layout: Layout, report: PlaceReport) -> None:
    """Raise BuildError naming the first block (and character) the PDF does not carry in order, or the glyphs
    it sets off the paper."""
    got, off = read(pdf)
    if off:
        ch, x, y = off[0]
        mm = 25.4 / 72
        off_paper = _(
            "{layout}: {count} glyph(s) would print off the paper, the first '{char}' at {x} mm, {y} mm from the"
            " trim's lower left (a bug: nothing was written; please report it with this layout)"
        )
        raise BuildError(
            off_paper.format(layout=layout.source, count=len(off), char=ch, x=f"{x * mm:.1f}", y=f"{y * mm:.1f}")
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
        missing = _(
            "character '{char}' ({code}) at offset {offset} is missing from the PDF's text layer, or out of order (a"
            " bug: nothing was written; please report it with this content file)"
        )
        said = missing.format(char=ch, code=f"U+{ord(ch):04X}", offset=offset)
        raise BuildError(f"{content.where(block.id, offset)}: {block.id}: {said}")


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF in the order its pages show it, whitespace removed."""
    return read(pdf)[0]


def read(pdf: bytes) -> tuple[str, list[tuple[str, float, float]]]:
    """(all text, whitespace removed; each glyph that leaves its page's trim box, with its box's lower-left
    corner from the trim's)."""
    doc = pdfium.PdfDocument(pdf)
    parts, off = [], []
    try:
        for page in doc:
            box = page.get_trimbox()
            text = page.get_textpage()
            shown = text.get_text_range()
            parts.append(shown)
            # a line's glyphs in one rectangle: each glyph is looked at only when a rectangle leaves the paper
            if any(_outside(text.get_rect(i), box) for i in range(text.count_rects())):
                for i in range(text.count_chars()):
                    glyph, ch = text.get_charbox(i), text.get_text_range(i, 1)
                    if ch.strip() and _outside(glyph, box):
                        off.append((ch, glyph[0] - box[0], glyph[1] - box[1]))
            text.close()
            page.close()
    finally:
        doc.close()
    return SPACE.sub("", "".join(parts)), off


def _outside(rect: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = rect
    left, bottom, right, top = box
    return x0 < left - SLACK or y0 < bottom - SLACK or x1 > right + SLACK or y1 > top + SLACK


def _original_offset(text: str, kept: int) -> int:
    """Offset in `text` of its (kept)-th character that is not whitespace."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            if seen == kept:
                return i
            seen += 1
    return max(len(text) - 1, 0)
