"""Compare two versions of a page given as files: each a PDF built by this tool or a content YAML (built here,
overset allowed). Shared by `hengyang-print diff` and the Python API (api.diff)."""

from __future__ import annotations

from pathlib import Path

from ..load.loader import load_layout
from ..tools.diff import Diff, compare, read_side, side_of_build
from ..tools.pdfread import clean_bytes
from .build import build


def compare_files(old: str | Path, new: str | Path, layout_path: str | Path, dpi: float | None = 50, **options) -> Diff:
    """The comparison of `old` and `new` on the layout at `layout_path`; `options` are run.build's (allow_dirs,
    root, fonts_dir): the places the files the YAML names may come from."""
    places = {key: options[key] for key in ("allow_dirs", "root") if key in options}
    layout = load_layout(layout_path, places.get("allow_dirs", ()), places.get("root"), options.get("fonts_dir"))
    return compare(*(_side(path, layout_path, layout, options) for path in (old, new)), dpi)


def _side(path: str | Path, layout_path: str | Path, layout, options: dict):
    """A PDF read back from its glyphs; a content file built (overset allowed) and read from its display list."""
    if Path(path).suffix.lower() == ".pdf":
        # someone's file: bounded, loops resolved (a bare read_bytes hangs on a FIFO)
        return read_side(str(path), clean_bytes(path), layout)
    return side_of_build(str(path), build(path, layout_path, allow_overset=True, **options))
