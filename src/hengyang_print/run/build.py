"""Run the pipeline: load → check glyphs → compose and place → check ink → draw (PDF/X-1a) → write the PDF atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..load.blocks import check_glyphs
from ..draw import draw
from ..load.loader import load_content, load_layout
from ..model import Content, Layout, Page, PlaceReport
from ..place.page import place_page
from ..verify.ink import check_ink
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
    content_path: str | Path,
    layout_path: str | Path,
    allow_overset: bool = False,
    allow_dirs: tuple[str, ...] = (),
    root: str | Path | None = None,
) -> tuple[Content, Layout, Page, PlaceReport]:
    """root: the project folder both files' named files must lie in (--root; default: each file's own,
    paths.project_root); allow_dirs: folders outside it that fonts and images may come from (--allow-dir)."""
    content = load_content(content_path, allow_dirs, root)
    layout = load_layout(layout_path, allow_dirs, root)
    check_glyphs(content, layout)
    page, report = place_page(content, layout, allow_overset)
    return content, layout, page, report


def build(
    content_path: str | Path,
    layout_path: str | Path,
    allow_overset: bool = False,
    allow_dirs: tuple[str, ...] = (),
    root: str | Path | None = None,
) -> Result:
    start = time.perf_counter()
    content, layout, page, report = make_page(content_path, layout_path, allow_overset, allow_dirs, root)
    check_ink(page, layout)  # the layout's print.max_ink, before anything is drawn
    pdf = draw(page)  # PDF/X-1a as drawn (pdfx.py)
    check_text_layer(pdf, content, layout, report)  # nothing lost: the text read back from the PDF
    return Result(content, layout, page, report, pdf, time.perf_counter() - start)
