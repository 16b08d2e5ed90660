"""Run the pipeline: load → check glyphs → compose and place → draw (PDF/X-1a) → write the PDF atomically."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..load.blocks import check_glyphs
from ..draw.pdf import draw
from ..place.figure import resolution_notes
from ..load.loader import load_content, load_layout
from ..model import Content, Layout, Page
from ..place.page import place_page
from ..verify.ink import check_ink
from ..verify.readback import check_text_layer



@dataclass
class Result:
    content: Content
    layout: Layout
    page: Page
    pdf: bytes
    seconds: float


def make_page(
    content_path: str | Path,
    layout_path: str | Path,
    allow_overset: bool = False,
    allow_dirs: tuple[str, ...] = (),
    root: str | Path | None = None,
) -> tuple[Content, Layout, Page]:
    """root: the project folder both files' named files must lie in (--root; default: each file's own,
    paths.project_root); allow_dirs: folders outside it that fonts and images may come from (--allow-dir)."""
    content = load_content(content_path, allow_dirs, root)
    layout = load_layout(layout_path, allow_dirs, root)
    check_glyphs(content, layout)
    page = place_page(content, layout, allow_overset)
    page.reports.extend(resolution_notes(page))  # photos below the layout's min_ppi
    return content, layout, page


def build(
    content_path: str | Path,
    layout_path: str | Path,
    allow_overset: bool = False,
    allow_dirs: tuple[str, ...] = (),
    root: str | Path | None = None,
) -> Result:
    start = time.perf_counter()
    content, layout, page = make_page(content_path, layout_path, allow_overset, allow_dirs, root)
    check_ink(page)  # the layout's print.max_ink, before anything is drawn
    pdf = draw(page, title=content.headline)  # PDF/X-1a as drawn (pdfx.py)
    check_text_layer(pdf, content, layout, page)  # nothing lost: the text read back from the PDF
    return Result(content, layout, page, pdf, time.perf_counter() - start)


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; the plant's pickup folder needs the usual mode
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """The mode the file has now, or what a plain open() would give it (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
