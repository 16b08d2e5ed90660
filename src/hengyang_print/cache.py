"""A persistent cache of values derived from a file that does not change between builds (parsed fonts).

Entries live in $HENGYANG_PRINT_CACHE, else $XDG_CACHE_HOME/hengyang-print, else ~/.cache/hengyang-print
(never in the repository). An entry is keyed by what it was made by (`kind`, which names the parser
and its version) and by the file's path, size and modification time, so an edited or replaced font is
parsed afresh. The cache is only ever a shortcut: an unreadable, torn or unwritable entry means the
value is made again, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
FORMAT = 4  # bump when the layout of any cached value changes
MAX_ENTRIES = 48  # a project has a handful of fonts; copies in temporary folders (tests) come and go


def cache_dir() -> Path:
    if os.environ.get("HENGYANG_PRINT_CACHE"):
        return Path(os.environ["HENGYANG_PRINT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hengyang-print"


def cached(path: str, kind: str, make: Callable[[], T]) -> T:
    """make() once per version of the file at `path`; later processes unpickle the stored value."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return make()  # let make() report the missing file in its own words
    file_key = _digest(f"{kind}\0{real}")
    version_key = _digest(f"{FORMAT}\0{st.st_size}\0{st.st_mtime_ns}")
    entry = cache_dir() / f"{kind}-{file_key}-{version_key}.pickle"
    try:
        return pickle.loads(entry.read_bytes())
    except Exception:  # absent, torn, or written by another version: make it again
        pass
    value = make()
    _store(entry, value, stale=f"{kind}-{file_key}-*.pickle")
    return value


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _store(entry: Path, value: object, stale: str) -> None:
    """Write beside the entry and rename (concurrent builds never read half a file); drop older versions
    of the same file, and the oldest entries beyond MAX_ENTRIES."""
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        for old in entry.parent.glob(stale):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        entries = sorted(entry.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        # a read-only home: builds stay correct, only slower
