"""Run the pipeline: load → check glyphs → compose and place → draw (PDF/X-1a) → write the PDF atomically."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..errors import BuildError

from ..load.blocks import check_glyphs
from ..draw.pdf import draw
from ..place.figure import resolution_notes
from ..load.loader import load_content, load_layout
from ..model import Content, Layout, Page
from ..place.page import place_page
from ..verify.readback import check_text_layer



@dataclass
class Result:
    content: Content
    layout: Layout
    page: Page
    pdf: bytes
    seconds: float


def make_page(
    content_path: str | Path, layout_path: str | Path, allow_overset: bool = False, allow_dirs: tuple[str, ...] = ()
) -> tuple[Content, Layout, Page]:
    """allow_dirs: folders outside the project that fonts and images may come from (--allow-dir)."""
    content = load_content(content_path, allow_dirs)
    layout = load_layout(layout_path, allow_dirs)
    check_glyphs(content, layout)
    page = place_page(content, layout, allow_overset)
    page.reports.extend(resolution_notes(page))  # photos below the layout's min_ppi
    page.reports.extend(note for item in content.items if item.image for note in item.image.notes)
    return content, layout, page


def build(content_path: str | Path, layout_path: str | Path, allow_overset: bool = False, allow_dirs: tuple[str, ...] = ()) -> Result:
    start = time.perf_counter()
    content, layout, page = make_page(content_path, layout_path, allow_overset, allow_dirs)
    pdf = draw(page, title=content.headline)  # PDF/X-1a as drawn (pdfx.py)
    check_text_layer(pdf, content, layout, page)  # nothing lost: the text read back from the PDF
    page.reports.extend(cache.take_notes())  # damaged cache entries it made again
    return Result(content, layout, page, pdf, time.perf_counter() - start)


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
    real = os.path.realpath(path)
    for source in read:
        if os.path.realpath(source) == real:
            raise BuildError(f"{path}: is an input of this build ({source}); the PDF is not written over it (name another output)")
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BuildError(f"{path}: cannot write the PDF here ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise BuildError(f"{path}: is a folder; name the PDF to write (e.g. {Path(path) / 'page.pdf'})")
    if not stat.S_ISREG(mode):
        raise BuildError(f"{path}: is not a regular file; name a PDF file to write")
    if not _written_by_us(real):
        raise BuildError(f"{path}: exists and is not a PDF this tool wrote; it is left untouched (delete it first, or name another output)")


def _written_by_us(path: str) -> bool:
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


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers see the old file or the new one.

    The temporary file is locked while it is written: one left by a killed build (no lock) is removed by the
    next write of the same output. An OS error names `path`, the file the user asked for, not the temporary one.
    """
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            _lock(f.fileno(), block=True)
            os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; the plant's pickup folder needs the usual mode
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            os.replace(tmp, path)  # under the lock: no other build takes it for an orphan
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise BuildError(f"{path}: cannot write the PDF ({exc.strerror or exc}); the previous one is untouched") from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


ORPHAN_AGE = 2.0  # s: older than any write takes between creating its temporary file and locking it


def _remove_orphans(path: Path) -> None:
    """Remove temporary files of `path` that no live build holds locked (a build killed while writing)."""
    now = time.time()
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > ORPHAN_AGE and _lock(fd, block=False):
                tmp.unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            os.close(fd)


def _lock(fd: int, block: bool) -> bool:
    """An exclusive advisory lock on an open file, released when the process ends however it ends."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, and no orphan is taken for one
        return block
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        return True
    except OSError:
        return False


def _file_mode(path: Path) -> int:
    """The mode the file has now, or what a plain open() would give it (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
