"""Write a file atomically: readers see the old file or the new one, never a torn one.

write_atomically (a PDF, a proof): the temporary file is locked while it is written: one left by a killed
build (no lock) is removed by the next write of the same output. An OS error names the file asked for, not
the temporary one. store (a cache's entry): the same rename, quietly; False if it could not be written.
A temporary file's name is known before the file is made, so that Ctrl-C at any moment (even between making
it and the next statement) leaves nothing behind: the clean-up removes that name.
"""

from __future__ import annotations

import glob
import os
import stat
import time
from pathlib import Path

from .errors import BuildError
from .i18n import _


def refuse_inputs(path: str | Path, inputs) -> None:
    """An output never replaces an input: a BuildError if `path` is (or links to) one of the files read."""
    real = os.path.realpath(path)
    for source in inputs:
        if os.path.realpath(source) == real:
            raise BuildError(
                _(
                    "{path}: is an input of this command ({source}); it is not written over (name another output)"
                ).format(path=path, source=source)
            )


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers see the old file or the new one.
    An OS error is a BuildError naming `path`, the file the user asked for."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(path)
        tmp = temporary_name(path.parent, f".{path.name}.")
        try:
            fd = os.open(tmp, TEMPORARY_FLAGS, 0o600)
        except FileExistsError:  # another's file of that name (48 random bits: never seen): not ours to remove
            tmp = None
            raise
        with os.fdopen(fd, "wb") as f:
            _lock(f.fileno(), block=True)
            os.chmod(tmp, _file_mode(path))  # made 0600; the plant's pickup folder needs the usual mode
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            os.replace(tmp, path)  # under the lock: no other build takes it for an orphan
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise BuildError(
            _("{path}: cannot write ({reason}); the previous file is untouched").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def store(path: Path, data: bytes) -> bool:
    """Write beside `path` and rename (concurrent readers never see half a file); False on an OS error
    (a read-only cache folder: the caller goes on without it)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temporary_name(path.parent, ".")
        try:
            fd = os.open(tmp, TEMPORARY_FLAGS, 0o600)
        except FileExistsError:  # another's file of that name (48 random bits: never seen): not ours to remove
            tmp = None
            raise
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


# made new (never an existing file, never through a link), closed in a child process
TEMPORARY_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def temporary_name(folder: Path, prefix: str) -> str:
    """`<prefix><random>.tmp` in `folder`: 48 random bits, so no two writes pick the same name; O_EXCL (with
    TEMPORARY_FLAGS) refuses the file should one exist all the same."""
    return os.path.join(folder, f"{prefix}{os.urandom(6).hex()}.tmp")


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
