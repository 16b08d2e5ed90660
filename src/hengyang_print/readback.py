"""Nothing lost: the PDF's text layer, read back, holds every block of the content whole and in reading order.

Runs after every build (about 10 ms for a broadsheet page with PDFium). Whitespace is ignored: line
breaks and justification spaces are the layout's, not the content's. Blocks the page lists as overset
(built with overset allowed, marked on the page) are exempt: their loss is reported, not silent.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from .blocks import content_blocks
from .errors import BuildError
from .model import Content, Layout, Page
from .yamlread import locate

_SPACE = re.compile(r"\s+")


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF in content-stream order, whitespace removed."""
    doc = pdfium.PdfDocument(pdf)
    try:
        parts = []
        for page in doc:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return _SPACE.sub("", "".join(parts))
    finally:
        doc.close()


def check_text_layer(pdf: bytes, content: Content, layout: Layout, page: Page) -> None:
    """Raise BuildError naming the first block (and character) the PDF does not carry in order."""
    got = pdf_text(pdf)
    exempt = {o.block for o in getattr(page, "overset", ())}
    at = 0
    for block in content_blocks(content, layout):
        if block.name in exempt:
            continue
        want = _SPACE.sub("", block.text)
        found = got.find(want, at)
        if found >= 0:
            at = found + len(want)
            continue
        # the longest prefix that is there tells where the loss starts
        n = 0
        while n < len(want) and got.find(want[: n + 1], at) >= 0:
            n += 1
        offset = _original_offset(block.text, n)
        where = locate(content.source, block.name, offset)
        ch = block.text[offset]
        raise BuildError(
            f"{where}: {block.name}: character '{ch}' (U+{ord(ch):04X}) at offset {offset} is missing from the PDF's"
            " text layer, or out of order (a bug: nothing was written; please report it with this content file)"
        )


def _original_offset(text: str, kept: int) -> int:
    """Offset in `text` of its (kept)-th character that is not whitespace."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            if seen == kept:
                return i
            seen += 1
    return max(len(text) - 1, 0)
