"""The persistent cache of what is read from a file: a shortcut that never changes a result, and that notices an
edited file."""

from __future__ import annotations

import os

from hengyang_print import cache, fonts
from hengyang_print.cli.common import ROOT

SONG = str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf")


def test_value_is_made_once_per_file_version_and_stale_entries_go(tmp_path, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "font.bin"
    source.write_bytes(b"one")
    calls = []

    def make():
        calls.append(source.read_bytes())
        return {"bytes": source.read_bytes()}

    assert cache.cached(str(source), "test", make) == {"bytes": b"one"}
    assert cache.cached(str(source), "test", make) == {"bytes": b"one"}
    assert calls == [b"one"]
    source.write_bytes(b"three")  # another size and modification time: a new version of the file
    os.utime(source, ns=(1, 1))
    assert cache.cached(str(source), "test", make) == {"bytes": b"three"}
    assert calls == [b"one", b"three"]
    assert len(list((tmp_path / "cache").glob("test-*.pickle"))) == 1


def test_a_torn_entry_is_made_again_and_an_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "font.bin"
    source.write_bytes(b"x")
    assert cache.cached(str(source), "test", lambda: list(range(100))) == list(range(100))
    (entry,) = (tmp_path / "cache").glob("test-*.pickle")
    entry.write_bytes(entry.read_bytes()[:50])
    assert cache.cached(str(source), "test", lambda: 2) == 2
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "file" / "cache"))  # cannot be a folder
    assert cache.cached(str(source), "test", lambda: 3) == 3


def test_cached_metrics_equal_freshly_parsed_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path))
    fresh = fonts.parse_metrics(SONG)
    assert cache.cached(SONG, "metrics", lambda: fonts.parse_metrics(SONG)) == fresh  # made and stored
    assert cache.cached(SONG, "metrics", lambda: None) == fresh  # read back
    assert fresh.advance("中") == 1.0 and fresh.has("衡") and not fresh.has("\U0002a6a5")


def test_the_cache_keeps_at_most_its_limit_of_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for n in range(5):
        source = tmp_path / f"font{n}.bin"
        source.write_bytes(b"x")
        cache.cached(str(source), "test", lambda n=n: n)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 3
