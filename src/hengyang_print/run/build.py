"""Run the pipeline: load → check glyphs → compose and place → draw (PDF/X-1a) → write the PDF atomically."""

from __future__ import annotations

import time
from ..records import dataclass
from pathlib import Path

from ..load.blocks import check_glyphs
from ..draw import draw
from ..load.loader import load_content, load_layout
from ..model import Content, Layout, Page, PlaceReport
from ..place.page import place_page
from ..verify.readback import check_text_layer
from ..atomic import write_atomically  # noqa: F401  (the runner's way to write; re-exported)



@dataclass
class Result:
    content: Content
    layout: Layout
    page: Page
    report: PlaceReport
    pdf: bytes
    seconds: float


def make_page(
    content_path: str | Path, layout_path: str | Path, allow_overset: bool = False, allow_dirs: tuple[str, ...] = ()
) -> tuple[Content, Layout, Page, PlaceReport]:
    """allow_dirs: folders outside the project that fonts and images may come from (--allow-dir)."""
    content = load_content(content_path, allow_dirs)
    layout = load_layout(layout_path, allow_dirs)
    check_glyphs(content, layout)
    page, report = place_page(content, layout, allow_overset)
    return content, layout, page, report


def build(content_path: str | Path, layout_path: str | Path, allow_overset: bool = False, allow_dirs: tuple[str, ...] = ()) -> Result:
    start = time.perf_counter()
    content, layout, page, report = make_page(content_path, layout_path, allow_overset, allow_dirs)
    pdf = draw(page)  # PDF/X-1a as drawn (pdfx.py)
    check_text_layer(pdf, content, layout, report)  # nothing lost: the text read back from the PDF
    return Result(content, layout, page, report, pdf, time.perf_counter() - start)
