"""Watch: each save of the content or layout file → a new print PDF and proof, with build time and copyfit.

A save that does not build (bad YAML, overset, missing glyph) prints its errors and leaves the last good
PDF and proof in place: the PDF is replaced only by a complete new one (build.write_atomically).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from threading import Event

import watchfiles

from .. import cache
from ..diagnostics import render_all
from ..errors import BuildError
from ..i18n import _
from ..tools.copyfit import overset_warnings, summary
from ..tools.proof import DEFAULT_DPI, write_proof
from .build import build, write_pdf

# How long the file must stay quiet before a rebuild: editors write a file in one burst (write, or write
# and rename). The watcher looks every STEP_MS and rebuilds when a look finds nothing new since the last,
# so a save waits 1-2 steps: 5-10 ms (200 wake-ups a second while idle, a few µs each). A save written
# in pieces further apart than that builds a torn file: it fails, keeps the last good PDF, and the
# rest of the write rebuilds it.
STEP_MS = 5
POLL_MS = 200  # how often the files' stamps are compared too: a save before the watcher started, or an event missed


def rebuild(
    content: Path,
    layout: Path,
    output: Path,
    proof_dir: Path | None,
    dpi: float,
    allow_overset: bool,
    fonts_dir: Path | None = None,
    colour: bool = False,
) -> tuple[bool, list[str]]:
    """One build: (ok, lines to print). Never raises for a content or layout problem, nor for a bug: a save
    that breaks the build (or this code) is reported and the watch goes on with the next save. Errors are
    printed as every command prints them (diagnostics.py: located headline, source line, caret)."""
    try:
        return _rebuild(content, layout, output, proof_dir, dpi, allow_overset, fonts_dir)
    except BuildError as exc:
        return False, [render_all(exc.messages, colour=colour), _("kept the last good PDF: {path}").format(path=output)]
    except Exception as exc:
        return False, [
            _("internal error (a bug, not your input): {error}").format(error=f"{type(exc).__name__}: {exc}"),
            _("kept the last good PDF: {path}").format(path=output),
        ]


def _rebuild(
    content: Path,
    layout: Path,
    output: Path,
    proof_dir: Path | None,
    dpi: float,
    allow_overset: bool,
    fonts_dir: Path | None,
) -> tuple[bool, list[str]]:
    start = time.perf_counter()
    result = build(content, layout, allow_overset=allow_overset, fonts_dir=fonts_dir)
    write_pdf(output, result)
    pdf_at = time.perf_counter() - start
    lines = [
        _("{time} {path} built in {seconds} s").format(
            time=time.strftime("%H:%M:%S"), path=output, seconds=f"{pdf_at:.2f}"
        )
    ]
    if proof_dir is not None:
        write_proof(result, proof_dir, dpi)
        more = _(", proof in {seconds} s more ({folder})")
        lines[0] += more.format(seconds=f"{time.perf_counter() - start - pdf_at:.2f}", folder=proof_dir)
    lines += [f"note: {note}" for note in result.report.notes]
    lines.append(f"copyfit: {summary(result)}")
    lines += [f"warning: {w}" for w in overset_warnings(result)]
    return True, lines


def watch(
    content: str | Path,
    layout: str | Path,
    output: str | Path,
    proof_dir: str | Path | None,
    *,
    dpi: float = DEFAULT_DPI,
    allow_overset: bool = False,
    fonts_dir: str | Path | None = None,
    colour: bool = False,
    stop: Event | None = None,
    report: Callable[[bool, list[str]], None] | None = None,
) -> None:
    """Build now, then after every save of either file until `stop` is set (or Ctrl-C)."""
    report = report or (lambda ok, lines: print("\n".join(lines), flush=True))
    proof = Path(proof_dir) if proof_dir else None
    fonts = Path(fonts_dir) if fonts_dir else None
    args = (Path(content), Path(layout), Path(output), proof, dpi, allow_overset, fonts, colour)
    cache.defer_packs()  # the cache's pack of the page written after the PDF, while the watcher waits
    on_saves((content, layout), lambda: between_saves(lambda: report(*rebuild(*args))), stop)


def on_saves(files: tuple[str | Path, ...], react: Callable[[], None], stop: Event | None = None) -> None:
    """react() now, then after every save of any of `files` until `stop` is set (or Ctrl-C): `watch`, and
    the proof room's rebuilds."""
    files = {Path(f).resolve() for f in files}
    seen = _stamps(files)  # taken before react() reads the files: a save during it differs
    react()
    # watch the folders, not the files: editors save by writing a new file and renaming it over the old one
    for changes in watchfiles.watch(
        *{f.parent for f in files},
        watch_filter=lambda change, path: Path(path).resolve() in files and change != watchfiles.Change.deleted,
        step=STEP_MS,
        stop_event=stop,
        recursive=False,
        rust_timeout=POLL_MS,
        yield_on_timeout=True,
    ):
        stamps = _stamps(files)
        if changes or stamps != seen:
            seen = stamps
            react()


def between_saves(work: Callable[[], None]) -> None:
    """work() (a rebuild and its report), then the cache's pack of the page (cache.packed) is written: after
    the report, not before the PDF."""
    work()
    cache.flush()


def _stamps(files: set[Path]) -> tuple:
    """(modification time, size) of each file, None for one that is gone."""
    out = []
    for f in sorted(files):
        try:
            st = os.stat(f)
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)
