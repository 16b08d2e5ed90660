"""Run the pipeline: load → check glyphs → compose and place → check ink → draw (PDF/X-1a) → write the PDF
atomically."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..atomic import refuse_inputs, write_atomically  # write_atomically: the runner's way to write; re-exported
from ..draw import draw
from ..errors import BuildError
from ..i18n import _
from ..load.blocks import check_glyphs
from ..load.loader import load_content, load_layout
from ..model import Content, Layout, Page, PlaceReport
from ..place.page import place_page
from ..verify.ink import check_ink
from ..verify.plates import plate_notes
from ..verify.readback import check_text_layer


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
    fit: bool | None = None,
    fonts_dir: str | Path | None = None,
) -> tuple[Content, Layout, Page, PlaceReport]:
    """root: the project folder both files' named files must lie in (--root; default: each file's own,
    paths.project_root); allow_dirs: folders outside it that fonts and images may come from (--allow-dir);
    fit: --fit/--no-fit (None: flows end flush within the bounds the layout declares); fonts_dir: the
    project's own faces (settings.py), before the bundled ones."""
    content = load_content(content_path, allow_dirs, root)
    layout = load_layout(layout_path, allow_dirs, root, fonts_dir)
    check_glyphs(content, layout)
    page, report = place_page(content, layout, allow_overset, fit)
    report.notes.extend(plate_notes(page))  # plate problems the layout makes: black on colour, small type, thin rules
    report.notes.extend(note for item in content.items if item.image for note in item.image.notes)  # Pillow's warnings
    return content, layout, page, report


def build(content_path: str | Path, layout_path: str | Path, **options) -> Result:
    """The whole pipeline; `options` are make_page's (allow_overset, allow_dirs, root, fit, fonts_dir)."""
    start = time.perf_counter()
    with cache.packed(f"{os.path.realpath(content_path)}\0{os.path.realpath(layout_path)}"):  # what it used last
        content, layout, page, report = make_page(content_path, layout_path, **options)
        check_ink(page, layout)  # the layout's print.max_ink, before anything is drawn
        pdf = draw(page)  # PDF/X-1a (draw/pdf.py, draw/pdfx.py)
        check_text_layer(pdf, content, layout, report)  # nothing lost: the text read back from the PDF
    report.notes.extend(cache.take_notes())  # damaged cache entries it made again
    return Result(content, layout, page, report, pdf, time.perf_counter() - start)


# ---------------------------------------------------------------- writing the PDF

OURS = b"/Creator (hengyang-print)"  # in the Info of every PDF draw.py writes
MAX_OWN_PDF = 256 * 2**20  # a page is a few MB; a larger file is not one this tool wrote


def inputs(result: Result) -> list[str]:
    """Every file the build read: content, layout, photos, fonts, ICC profile."""
    photos = [item.image.path for item in result.content.items if item.image]
    profile = [result.layout.print.icc_profile] if result.layout.print.icc_profile else []
    return [result.content.source, result.layout.source, *photos, *result.layout.fonts.values(), *profile]


def check_output(path: str | Path, read: list[str]) -> None:
    """An output never replaces an input: refuse a path that is a file the build read, or an existing file
    that is not a PDF this tool wrote (a content file, a reference PDF, a folder)."""
    refuse_inputs(path, read)
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BuildError(
            _("{path}: cannot write the PDF here ({reason})").format(path=path, reason=exc.strerror)
        ) from None
    if stat.S_ISDIR(mode):
        raise BuildError(
            _("{path}: is a folder; name the PDF to write (e.g. {example})").format(
                path=path, example=Path(path) / "page.pdf"
            )
        )
    if not stat.S_ISREG(mode):
        raise BuildError(_("{path}: is not a regular file; name a PDF file to write").format(path=path))
    if not written_by_us(real):
        raise BuildError(
            _(
                "{path}: exists and is not a PDF this tool wrote; it is left untouched (delete it first, or name"
                " another output)"
            ).format(path=path)
        )


def written_by_us(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_OWN_PDF + 1)
    except OSError:
        return False
    return data.startswith(b"%PDF-") and len(data) <= MAX_OWN_PDF and OURS in data


def write_pdf(path: str | Path, result: Result) -> None:
    """The build's PDF at `path`, if that is no input and no file of another kind (check_output)."""
    check_output(path, inputs(result))
    write_atomically(path, result.pdf)
