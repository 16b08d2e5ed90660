"""A cache that cannot lie: an entry is trusted only whole (checksum), for its own key and of the shape its
code reads; anything else is discarded with a note and made again, and the PDF is the same bytes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from hengyang_print import cache
from hengyang_print.cli.common import DEFAULT_CONTENT

# ---------------------------------------------------------------- one entry


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    cache.take_notes()
    source = tmp_path / "source.bin"
    source.write_bytes(b"what the value is made of")
    return source


def entry_of(source: Path) -> Path:
    (entry,) = Path(os.environ["HENGYANG_PRINT_CACHE"]).glob("unit-*.pickle")
    return entry


def damage_flip(data: bytes) -> bytes:
    """20 bytes flipped in the pickle (past the header): what a bad sector or a stray write does."""
    data = bytearray(data)
    for i in range(20):
        at = len(data) - 1 - i * 3
        data[at] ^= 0xFF
    return bytes(data)


def damage_zero(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes(min(4096, len(data) - middle)) + data[middle + 4096 :]


def another_shape(data: bytes) -> bytes:
    """A whole, honest entry for the same key whose value is of another shape (another version's class)."""
    magic, _, key_length = cache._HEAD.unpack_from(data)
    body = data[cache._HEAD.size :][:key_length] + pickle.dumps({"advances": "of another version"})
    return cache._HEAD.pack(magic, cache.checksum(body), key_length) + body


@pytest.mark.parametrize(
    "damage, why",
    [
        (damage_flip, "damaged (checksum does not match)"),
        (damage_zero, "damaged (checksum does not match)"),
        (lambda d: d[:10], "torn (shorter than its header)"),
        (lambda d: d[: len(d) // 2], "damaged (checksum does not match)"),
        (lambda d: b"", "torn (shorter than its header)"),
        (lambda d: pickle.dumps(list(range(100))), "not an entry of this cache format"),
        (another_shape, "of another shape (dict)"),
    ],
    ids=["flipped", "zeroed", "torn", "half", "empty", "raw-pickle", "other-shape"],
)
def test_a_bad_entry_is_discarded_with_a_note_and_made_again(own_cache, damage, why):
    made = []

    def make():
        made.append(1)
        return ("value", 42)

    valid = lambda v: isinstance(v, tuple) and len(v) == 2  # noqa: E731
    assert cache.cached(str(own_cache), "unit", make, valid) == ("value", 42)
    assert cache.cached(str(own_cache), "unit", make, valid) == ("value", 42) and len(made) == 1
    entry = entry_of(own_cache)
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.cached(str(own_cache), "unit", make, valid) == ("value", 42) and len(made) == 2
    (note,) = cache.take_notes()
    assert note == f"cache entry {entry} was {why}: discarded and made again"
    assert cache.cached(str(own_cache), "unit", make, valid) == ("value", 42) and len(made) == 2  # stored whole again
    assert cache.take_notes() == []


def test_an_entry_of_another_key_is_not_trusted(own_cache):
    other = own_cache.with_name("other.bin")
    other.write_bytes(b"another file")
    assert cache.cached(str(other), "unit", lambda: "other's value") == "other's value"
    (theirs,) = Path(os.environ["HENGYANG_PRINT_CACHE"]).glob("unit-*.pickle")
    assert cache.cached(str(own_cache), "unit", lambda: "mine") == "mine"
    mine = next(p for p in Path(os.environ["HENGYANG_PRINT_CACHE"]).glob("unit-*.pickle") if p != theirs)
    mine.write_bytes(theirs.read_bytes())  # a file copied or planted under my name
    assert cache.cached(str(own_cache), "unit", lambda: "mine again") == "mine again"
    assert "made for another key" in cache.take_notes()[0]


def test_an_unreadable_entry_is_made_again(own_cache):
    assert cache.cached(str(own_cache), "unit", lambda: 1) == 1
    entry = entry_of(own_cache)
    entry.unlink()
    entry.mkdir()  # cannot be read as a file (as root, a mode of 000 would not stop us)
    assert cache.cached(str(own_cache), "unit", lambda: 2) == 2
    assert "was unreadable" in cache.take_notes()[0]


# ---------------------------------------------------------------- whole builds, as separate processes

CONTENT = DEFAULT_CONTENT


def run_build(tmp_path: Path, cache_dir: Path | None, name: str) -> tuple[bytes, str]:
    env = dict(os.environ, HENGYANG_PRINT_CACHE=str(cache_dir or tmp_path / "unused"))
    if cache_dir is None:
        env["HENGYANG_PRINT_NO_CACHE"] = "1"
    out = tmp_path / f"{name}.pdf"
    exe = Path(sys.executable).parent / "hengyang-print"
    done = subprocess.run([str(exe), "build", str(CONTENT), "-o", str(out)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return out.read_bytes(), done.stdout


def test_the_pdf_is_byte_identical_with_a_damaged_a_cleared_or_no_cache(tmp_path):
    """Four builds (each a process, as the desk runs them): from a cleared cache, from one whose every entry is
    damaged (flipped bytes, a zeroed block, or another shape, in turn), from the cache so repaired, and with none."""
    store = tmp_path / "cache"
    cold, said = run_build(tmp_path, store, "cleared")
    assert "note: cache" not in said
    entries = sorted(store.rglob("*.pickle"))
    kinds = {p.name.split("-")[0] if p.parent == store else p.parent.name for p in entries}
    assert "paragraphs" in kinds, kinds  # the bundled fonts come from their tables (fonts/tables.py), not the cache
    damages = (damage_flip, damage_zero, another_shape)
    for n, entry in enumerate(entries):
        entry.write_bytes(damages[n % 3](entry.read_bytes()))
    damaged, said = run_build(tmp_path, store, "damaged")
    assert said.count("note: cache entry") == len(entries), said
    assert "damaged (checksum does not match)" in said and "of another shape" in said
    repaired, said = run_build(tmp_path, store, "repaired")
    assert "note: cache" not in said
    none, _ = run_build(tmp_path, None, "none")
    assert damaged == repaired == none == cold


# ---------------------------------------------------------------- the pack of a build's values


def test_a_pack_serves_what_a_build_used_and_a_bad_pack_is_only_a_shortcut_lost(own_cache, monkeypatch):
    """A build's remembered values come back from its pack, one file; a damaged pack, or a value in it of
    another shape, is noted and the values come from their own entries (or are made), equal either way."""
    monkeypatch.setattr(cache, "_packed_before", False)
    made = []

    def make(n):
        made.append(n)
        return ("value", n)

    valid = lambda v: isinstance(v, tuple) and len(v) == 2  # noqa: E731
    with cache.packed("page"):
        assert [cache.remembered("unit", str(n), lambda n=n: make(n), valid=valid) for n in range(3)] == [
            ("value", n) for n in range(3)
        ]
    (pack,) = Path(os.environ["HENGYANG_PRINT_CACHE"]).glob("packs/*.pickle")
    for entry in Path(os.environ["HENGYANG_PRINT_CACHE"]).glob("unit/*.pickle"):
        entry.unlink()  # only the pack can serve them now
    with cache.packed("page"):
        assert [cache.remembered("unit", str(n), lambda n=n: make(n), valid=valid) for n in range(3)] == [
            ("value", n) for n in range(3)
        ]
    assert made == [0, 1, 2] and cache.take_notes() == []
    # a later build of the process asks only for what is new: the pack keeps the rest
    with cache.packed("page"):
        assert cache.remembered("unit", "3", lambda: make(3), valid=valid) == ("value", 3)
    cache.flush()
    loaded = cache._load(pack, f"{cache.FORMAT}\0packs\0page", cache._a_pack)[1]
    assert [key.rsplit("\0", 1)[1] for key in loaded] == ["0", "1", "2", "3"]
    # a value of another shape under a key the pack holds: not trusted
    body = pack.read_bytes()[cache._HEAD.size :]
    _, _, key_length = cache._HEAD.unpack_from(pack.read_bytes())
    key = body[:key_length]
    forged = key + pickle.dumps({f"{cache.FORMAT}\0unit\0" + "0": "of another shape"})
    pack.write_bytes(cache._HEAD.pack(cache.MAGIC, cache.checksum(forged), key_length) + forged)
    with cache.packed("page"):
        assert cache.remembered("unit", "0", lambda: make(0), valid=valid) == ("value", 0)
    assert made[-1] == 0 and "of another shape (str)" in cache.take_notes()[0]
    cache.flush()
    # a damaged pack: discarded with a note, the values made again
    pack.write_bytes(damage_flip(pack.read_bytes()))
    with cache.packed("page"):
        assert cache.remembered("unit", "1", lambda: make(1), valid=valid) == ("value", 1)
    assert "damaged (checksum does not match)" in cache.take_notes()[0]


# ---------------------------------------------------------------- writing entries


def test_a_builds_entries_are_all_on_disk_when_it_ends(own_cache):
    """When packed() ends, every entry is whole on disk, readable by another process's lookup."""
    with cache.packed("a page"):
        for n in range(20):
            cache.remembered("unit-writer", f"key {n}", lambda n=n: list(range(n)))
    folder = Path(os.environ["HENGYANG_PRINT_CACHE"]) / "unit-writer"
    assert len(list(folder.glob("*.pickle"))) == 20 and not list(folder.glob("*.tmp"))
    cache._in_memory.clear()
    cache._pending.clear()
    assert all(cache.remembered("unit-writer", f"key {n}", lambda: "made again") == list(range(n)) for n in range(20))


def test_a_failing_write_is_only_a_lost_entry(own_cache, monkeypatch):
    real = cache.atomic.store

    def flaky(path, data):
        if b"unit-writer\0first" in data:
            return False  # a disk that went away: atomic.store says so and writes nothing
        return real(path, data)

    monkeypatch.setattr(cache.atomic, "store", flaky)
    with cache.packed("another page"):
        assert cache.remembered("unit-writer", "first", lambda: 1) == 1
        assert cache.remembered("unit-writer", "second", lambda: 2) == 2
    written = list((Path(os.environ["HENGYANG_PRINT_CACHE"]) / "unit-writer").glob("*.pickle"))
    assert len(written) == 1 and b"unit-writer\0second" in written[0].read_bytes()


def test_a_cache_folder_that_is_a_file_is_said_once_and_the_page_is_the_same(tmp_path, monkeypatch):
    """A mistyped HENGYANG_PRINT_CACHE naming a file: one note (not one an entry), and the very PDF."""
    from hengyang_print.run.build import build

    wanted = build(DEFAULT_CONTENT, DEFAULT_CONTENT.parent.parent / "layout" / "broadsheet.yaml").pdf
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(blocker))
    cache.take_notes()
    result = build(DEFAULT_CONTENT, DEFAULT_CONTENT.parent.parent / "layout" / "broadsheet.yaml")
    assert [n for n in result.report.notes if "cache" in n] == [
        f"the cache folder {blocker} is a file: building without the cache (remove it, or set HENGYANG_PRINT_CACHE to"
        " a folder)"
    ]
    assert result.pdf == wanted and blocker.read_text() == "not a folder"
