"""Run the pipeline: load → check glyphs → compose and place → draw → PDF/X finish → write the PDF atomically."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import pdfx
from .blocks import check_glyphs
from .draw import draw
from .load import load_content, load_layout
from .model import Content, Layout, Page
from .place import place_page



@dataclass
class Result:
    content: Content
    layout: Layout
    page: Page
    pdf: bytes
    seconds: float


def make_page(content_path: str | Path, layout_path: str | Path, allow_overset: bool = False) -> tuple[Content, Layout, Page]:
    content = load_content(content_path)
    layout = load_layout(layout_path)
    check_glyphs(content, layout)
    return content, layout, place_page(content, layout, allow_overset)


def build(content_path: str | Path, layout_path: str | Path, allow_overset: bool = False) -> Result:
    start = time.perf_counter()
    content, layout, page = make_page(content_path, layout_path, allow_overset)
    pdf = pdfx.finish(draw(page, title=content.headline), layout.print, title=content.headline)
    return Result(content, layout, page, pdf, time.perf_counter() - start)


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
