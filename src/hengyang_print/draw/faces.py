"""TrueType faces for ReportLab: each version of a font file registered once per process."""

from __future__ import annotations

import hashlib
import os
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


def register(path: str) -> str:
    """The ReportLab name of the font file, registered on first use. A file replaced on disk (watch, the
    proof room) is registered again under a new name."""
    st = os.stat(path)
    return _register(os.path.realpath(path), st.st_size, st.st_mtime_ns)


@cache
def _register(path: str, size: int, mtime_ns: int) -> str:
    # the name is ReportLab's key only: the PDF names a subset by the face's PostScript name
    name = "HY-" + hashlib.blake2b(f"{path}\0{size}\0{mtime_ns}".encode(), digest_size=6).hexdigest()
    # asciiReadable off: else every subset carries the 96 ASCII glyphs whether the page uses them or not
    pdfmetrics.registerFont(TTFont(name, path, asciiReadable=0))
    return name
