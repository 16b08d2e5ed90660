"""A persistent cache of what does not change between builds: fonts without tables, composed paragraphs.

Entries live in $HENGYANG_PRINT_CACHE, else $XDG_CACHE_HOME/hengyang-print, else ~/.cache/hengyang-print
(never in the repository); HENGYANG_PRINT_NO_CACHE=1 turns it off. A value derived from a file (cached)
is keyed by what it was made by (`kind`, which names the parser and its version) and by the file's path,
size and modification time, so an edited or replaced font is parsed afresh. A value derived from data
(remembered) is keyed by a string naming everything it depends on, and kept in a folder of its kind, the
least recently used dropped beyond MAX_REMEMBERED. The cache is only ever a shortcut: an unreadable, torn
or unwritable entry means the value is made again, never an error.

An entry cannot lie: it is stored as MAGIC, a checksum (CRC-32), the full key it was made for, then the pickle;
the checksum covers key and pickle. An entry whose checksum, key or shape (the `valid` test of its
consumer) does not match is discarded and made again, with a note (take_notes) that the build prints.

A build reads its remembered values from one pack (packed): every entry it used the last time, in one file,
one read and one unpickle instead of one a paragraph. Each value in it is kept under its full key and checked
as a single entry is, so a pack is only a shortcut too.
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import os
import pickle
import struct
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

from . import atomic
from .i18n import _

T = TypeVar("T")
FORMAT = 7  # bump when the layout of any cached value changes
MAX_ENTRIES = 48  # a project has a handful of fonts; copies in temporary folders (tests) come and go
MAX_REMEMBERED = 5000  # of each kind: some 60 pages' paragraphs, ~20 MB
PRUNE_EVERY = 500  # stores between two prunings of a kind's folder
MAX_PACKS = 200  # one a page built (content and layout): some 200 pages' worth
MAGIC = b"HYPCACHE"
_HEAD = struct.Struct(">8sII")  # magic, CRC-32 of key + pickle, length of the key


def cache_dir() -> Path:
    if os.environ.get("HENGYANG_PRINT_CACHE"):
        return Path(os.environ["HENGYANG_PRINT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hengyang-print"


def enabled() -> bool:
    return not os.environ.get("HENGYANG_PRINT_NO_CACHE")


def file_version(path: str) -> tuple[str, str] | None:
    """(real path, size and modification time) of a file: what tells one version of it from another."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return None
    return real, f"{st.st_size}\0{st.st_mtime_ns}"


def cached(path: str, kind: str, make: Callable[[], T], valid: Callable[[object], bool] | None = None) -> T:
    """make() once per version of the file at `path`; later processes unpickle the stored value.
    `valid`: the consumer's test that a stored value has the shape its code expects (see shaped)."""
    version = file_version(path)
    if version is None or not enabled():
        return make()  # let make() report the missing file in its own words
    real, stamp = version
    file_key = _digest(f"{kind}\0{real}")
    version_key = _digest(f"{FORMAT}\0{stamp}")
    entry = cache_dir() / f"{kind}-{file_key}-{version_key}.pickle"
    key = f"{FORMAT}\0{kind}\0{real}\0{stamp}"
    found, value = _load(entry, key, valid)
    if found:
        return value
    value = make()
    _store(entry, key, value, stale=f"{kind}-{file_key}-*.pickle")
    return value


def remembered(
    kind: str,
    key: str,
    make: Callable[[], T],
    limit: int | None = None,
    valid: Callable[[object], bool] | None = None,
    store: bool = True,
) -> T:
    """make() once per key across processes, at most `limit` (default MAX_REMEMBERED) of a kind kept. `key`
    must name everything the value depends on, code version included (code_version); it is stored with the
    value and compared on reading (a digest is only the file name)."""
    if not enabled():
        return make()
    entry = cache_dir() / kind / f"{_digest(f'{FORMAT} {key}', size=16)}.pickle"
    key = f"{FORMAT}\0{kind}\0{key}"
    pack = _pack
    if pack is not None and key in pack.loaded:
        value = pack.loaded[key]
        if valid is None or valid(value):
            pack.used[key] = value
            return value
        _notes.append(
            _("cache pack {pack} held a value of another shape ({type}) for {kind}: made again").format(
                pack=pack.entry, type=type(value).__name__, kind=kind
            )
        )
        pack.loaded.pop(key)
    found, value = _load(entry, key, valid)
    if found:
        _touch(entry)
        if pack is not None:
            pack.used[key] = value
        return value
    value = make()
    if not store:
        return value
    if pack is not None:
        pack.used[key] = value
    stored = _stored[kind] = _stored.get(kind, 0) + 1
    # listing the folder to prune it takes a few ms: not on every store
    _store(entry, key, value, stale=None, prune=(limit or MAX_REMEMBERED) if (stored - 1) % PRUNE_EVERY == 0 else None)
    return value


class _Pack:
    def __init__(self, entry: Path, key: str, loaded: dict[str, object]):
        self.entry, self.key, self.loaded = entry, key, loaded
        self.used: dict[str, object] = {}  # full key -> value: what this build asked for, in order
        self.changed = False  # a value stored under a key it held (remember)


_pack: _Pack | None = None  # the pack of the build under way
_packed_before = False  # has this process built with a pack before (its in-memory caches then ask for less)?
_in_memory: dict[Path, tuple[tuple, dict]] = {}  # pack file -> (its stamp, its values) as this process read or wrote it
_pending: dict[Path, tuple[str, dict]] = {}  # packs a later build of the process changed, written by flush()


@contextmanager
def packed(name: str):
    """Within: remembered values come from the pack named `name` (what a build of the same page used last),
    else as usual; after, the pack is rewritten if the build asked for anything it did not hold. The first
    build of a process asks for everything it uses: its pack becomes exactly that, written at once. Later
    builds of a process (watch) find most values in memory and ask only for the new: the pack keeps what it
    held besides (written at once, or by flush() after defer_packs: watch writes it while it waits)."""
    global _pack, _packed_before
    if _pack is not None or not enabled():  # nested: the outer build's pack serves
        yield
        return
    _check_folder()
    entry = cache_dir() / "packs" / f"{_digest(f'{FORMAT} {name}', size=16)}.pickle"
    key = f"{FORMAT}\0packs\0{name}"
    loaded = _pending[entry][1] if entry in _pending else _remembered_pack(entry, key)
    pack = _pack = _Pack(entry, key, loaded if loaded is not None else {})
    try:
        yield
    finally:
        _pack, first = None, not _packed_before
        _packed_before = True
    if first and (pack.changed or pack.used.keys() != pack.loaded.keys()):
        _store_pack(entry, key, pack.used)
    elif not first and (pack.changed or not pack.used.keys() <= pack.loaded.keys()):
        _pending[entry] = (key, {**pack.loaded, **pack.used})
        if not _deferring:
            flush()


_folder_noted: set[Path] = set()


def _check_folder() -> None:
    """A cache folder that is a file (a mistyped HENGYANG_PRINT_CACHE) is said once a process, not once an entry."""
    folder = cache_dir()
    if folder not in _folder_noted and folder.exists() and not folder.is_dir():
        _folder_noted.add(folder)
        _notes.append(
            _(
                "the cache folder {folder} is a file: building without the cache (remove it, or set"
                " HENGYANG_PRINT_CACHE to a folder)"
            ).format(folder=folder)
        )


def _remembered_pack(entry: Path, key: str) -> dict | None:
    """The pack's values: from memory if the file is the one this process read or wrote, else read."""
    try:
        st = os.stat(entry)
    except OSError:
        return None
    stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
    known = _in_memory.get(entry)
    if known and known[0] == stamp:
        return known[1]
    found, loaded = _load(entry, key, _a_pack)
    if not found:
        return None
    _touch(entry)
    _keep_in_memory(entry, loaded)
    return loaded


def _keep_in_memory(entry: Path, values: dict) -> None:
    try:
        st = os.stat(entry)
    except OSError:
        return
    if len(_in_memory) >= 16:
        _in_memory.clear()
    _in_memory[entry] = ((st.st_size, st.st_mtime_ns, st.st_ino), values)


def _store_pack(entry: Path, key: str, values: dict) -> None:
    stored = _stored["packs"] = _stored.get("packs", 0) + 1
    _store(
        entry,
        key,
        values,
        stale=None,
        prune=MAX_PACKS if (stored - 1) % PRUNE_EVERY == 0 else None,
        then=lambda: _keep_in_memory(entry, values),
    )


_deferring = False


def defer_packs() -> None:
    """Later builds of this process leave their packs to flush() (watch: the PDF first, the pack while it waits)."""
    global _deferring
    _deferring = True


def flush() -> None:
    """Write the packs later builds of this process changed."""
    while _pending:
        entry, (key, values) = _pending.popitem()
        _store_pack(entry, key, values)


atexit.register(flush)


def recall(kind: str, key: str, valid: Callable[[object], bool] | None = None) -> object | None:
    """What remember (or remembered) stored for the key, else None: from the build's pack, else its entry."""
    if not enabled():
        return None
    return remembered(kind, key, _Missing, valid=lambda v: v is None or valid is None or valid(v), store=False)


def _Missing() -> None:
    return None


def remember(kind: str, key: str, value: object) -> None:
    """Store a value made otherwise than by remembered's make (after the fact): in the build's pack if one is
    under way, else in its own entry; remembered(kind, key, ...) finds it."""
    if not enabled():
        return
    full = f"{FORMAT}\0{kind}\0{key}"
    if _pack is not None:
        _pack.used[full] = value
        _pack.changed = True
        return
    _store(cache_dir() / kind / f"{_digest(f'{FORMAT} {key}', size=16)}.pickle", full, value, stale=None)


def _a_pack(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and k.startswith(f"{FORMAT}\0") for k in value)


def shaped(cls: type) -> Callable[[object], bool]:
    """A `valid` test: an instance of cls with every field (a dataclass) its code reads."""
    names = [f.name for f in dataclasses.fields(cls)]
    return lambda value: isinstance(value, cls) and all(hasattr(value, n) for n in names)


def checksum(body: bytes) -> int:
    """CRC-32: catches every burst of damage up to 32 bits and all but 1 in 4 billion others, at 2 ms for the
    7 MB a page's fonts take (a cryptographic digest took 30 ms of a 330 ms warm build; nobody forges a cache)."""
    return zlib.crc32(body)


def take_notes() -> list[str]:
    """What the cache discarded since the last call (damaged or foreign entries), for the build to print."""
    notes, _notes[:] = list(_notes), []
    return notes


_notes: list[str] = []


def _load(entry: Path, key: str, valid: Callable[[object], bool] | None) -> tuple[bool, object]:
    """(True, value) for an entry that is whole, made for `key` and of the expected shape; else (False, None),
    the entry discarded with a note. An absent entry is a plain miss, no note."""
    try:
        data = entry.read_bytes()
    except (
        FileNotFoundError,
        NotADirectoryError,
    ):  # absent, or a folder of it is a file (a plain miss: packed says so once)
        return False, None
    except OSError as exc:
        return _discard(entry, _("unreadable ({reason})").format(reason=exc.strerror))
    if len(data) < _HEAD.size:
        return _discard(entry, _("torn (shorter than its header)"))
    magic, stored_sum, key_length = _HEAD.unpack_from(data)
    body = data[_HEAD.size :]
    if magic != MAGIC:
        return _discard(entry, _("not an entry of this cache format"))
    if checksum(body) != stored_sum:
        return _discard(entry, _("damaged (checksum does not match)"))
    if body[:key_length] != key.encode("utf-8", "surrogatepass"):
        return _discard(entry, _("made for another key"))
    try:
        value = pickle.loads(body[key_length:])
    except Exception as exc:  # a class that moved or changed in another version
        return _discard(entry, _("unreadable by this version ({type})").format(type=type(exc).__name__))
    if valid is not None and not valid(value):
        return _discard(entry, _("of another shape ({type})").format(type=type(value).__name__))
    return True, value


def _discard(entry: Path, why: str) -> tuple[bool, None]:
    _notes.append(_("cache entry {entry} was {why}: discarded and made again").format(entry=entry, why=why))
    try:
        entry.unlink(missing_ok=True)
    except OSError:
        pass
    return False, None


@cache
def code_version(*paths: Path) -> str | None:
    """A digest of source files a remembered value is made by: a change to any sets it afresh."""
    digest = hashlib.blake2b(digest_size=8)
    try:
        for path in paths:
            digest.update(Path(path).read_bytes())
    except OSError:
        return None  # code we cannot read cannot vouch for a stored value
    return digest.hexdigest()


@cache
def package_version(distribution: str) -> str | None:
    """An installed distribution's version (its metadata, without importing it): part of a key for values
    that library makes."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


_stored: dict[str, int] = {}  # entries this process has stored, by kind


def _touch(entry: Path) -> None:
    """Mark an entry used: the least recently used are the ones dropped."""
    try:
        os.utime(entry)
    except OSError:
        pass


def _digest(text: str, size: int = 8) -> str:
    return hashlib.blake2b(text.encode(), digest_size=size).hexdigest()


def _store(
    entry: Path,
    key: str,
    value: object,
    stale: str | None,
    prune: int | None = None,
    then: Callable[[], None] | None = None,
) -> None:
    """Write beside the entry and rename (concurrent builds never read half a file); drop older versions of
    the same file (`stale`) and the oldest entries beyond MAX_ENTRIES, or beyond `prune` in its folder; then
    `then`. A read-only home: builds stay correct, only slower."""
    body = key.encode("utf-8", "surrogatepass") + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    data = _HEAD.pack(MAGIC, checksum(body), len(key.encode("utf-8", "surrogatepass"))) + body
    _write(entry, data, stale, prune, then)


def _write(entry: Path, data: bytes, stale: str | None, prune: int | None, then: Callable[[], None] | None) -> None:
    if stale:
        try:
            for old in entry.parent.glob(stale):
                old.unlink(missing_ok=True)
        except OSError:
            pass
    if atomic.store(entry, data):
        if stale:
            _prune(entry.parent, MAX_ENTRIES)
        if prune:
            _prune(entry.parent, prune)
        if then:
            then()


def _prune(folder: Path, limit: int) -> None:
    """Drop the least recently written (or used) entries of a folder beyond `limit`."""
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-limit]:
            old.unlink(missing_ok=True)
    except OSError:  # another build pruned the same entry first
        pass
