"""The persistent cache of composed paragraphs: the same PDF with it and without it, and a paragraph
set afresh whenever anything it depends on changed (text, font file, measure, style, composition code)."""

from __future__ import annotations

import dataclasses
import os
import shutil

import pytest

from hengyang_print import cache, compose
from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT, ROOT
from hengyang_print.load.loader import load_layout
from hengyang_print.run.build import build

TEXT = "衡阳日报年终特刊：这些“新名片”，为大城衡阳铸就“新招牌”。2018年，我市GDP增长8.0%，位列全省第一方阵。"


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder, and nothing remembered in this process."""
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("HENGYANG_PRINT_NO_CACHE", raising=False)
    compose._compose.cache_clear()
    compose._font_version.cache_clear()
    yield tmp_path / "cache" / "paragraphs"
    compose._compose.cache_clear()
    compose._font_version.cache_clear()


@pytest.fixture
def composed(monkeypatch):
    """The paragraphs actually set (not found in a cache), in order."""
    made = []
    real = compose._set

    def spy(text, *args):
        made.append(text)
        return real(text, *args)

    monkeypatch.setattr(compose, "_set", spy)
    return made


def test_a_page_from_cached_paragraphs_is_byte_identical_to_one_set_afresh(fresh, composed, monkeypatch):
    first = build(DEFAULT_CONTENT, DEFAULT_LAYOUT).pdf  # empty cache: every paragraph set and stored
    stored = len(list(fresh.glob("*.pickle")))
    assert stored == len(composed) > 40
    composed.clear()
    compose._compose.cache_clear()  # as a new process: only the disk remembers
    second = build(DEFAULT_CONTENT, DEFAULT_LAYOUT).pdf
    assert composed == []  # nothing set again
    monkeypatch.setenv("HENGYANG_PRINT_NO_CACHE", "1")
    compose._compose.cache_clear()
    third = build(DEFAULT_CONTENT, DEFAULT_LAYOUT).pdf  # cache off: all set afresh, nothing stored
    assert len(composed) == stored and len(list(fresh.glob("*.pickle"))) == stored
    assert second == first and third == first


def test_a_paragraph_is_set_again_when_anything_it_depends_on_changes(fresh, composed, tmp_path, monkeypatch):
    layout = load_layout(DEFAULT_LAYOUT)
    body = layout.styles["body"]
    font = tmp_path / "font.ttf"
    shutil.copyfile(layout.fonts[body.font], font)
    measure = 17 * body.size

    def again(text=TEXT, style=body, width=measure, **kw):
        compose._compose.cache_clear()  # every call as a new process would make it
        return compose.compose_paragraph(text, style, str(font), width, **kw)

    lines = again()
    assert again() == lines and composed == [TEXT]  # the second time from the disk
    again(TEXT + "。")
    again(width=measure - 1)
    again(style=dataclasses.replace(body, tracking=0.01))
    again(style=dataclasses.replace(body, size=body.size + 1))
    again(style=dataclasses.replace(body, align="left"))
    again(indent=False)
    again(looseness=1)
    assert len(composed) == 8
    os.utime(font, ns=(1, 1))  # the font file replaced: another version
    compose._font_version.cache_clear()
    assert again() == lines and len(composed) == 9
    monkeypatch.setattr(compose, "_engine", lambda: "another version of the composition code")
    assert again() == lines and len(composed) == 10
    for entry in fresh.glob("*.pickle"):  # torn entries are set again, never an error
        entry.write_bytes(entry.read_bytes()[:40])
    assert again() == lines and len(composed) == 11


def test_the_engine_digest_covers_the_composition_code():
    before = compose._engine()
    assert before and len(before) == 16
    sources = {p.name for p in (ROOT / "src" / "hengyang_print" / "compose").glob("*.py")}
    assert {"clreq.py", "lines.py", "segment.py", "__init__.py"} <= sources


def test_a_stored_key_must_match_and_the_folder_keeps_its_bound(tmp_path, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "MAX_REMEMBERED", 3)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 1)
    for n in range(5):
        assert cache.remembered("test", f"key {n}", lambda n=n: n) == n
    assert len(list((tmp_path / "test").glob("*.pickle"))) == 3
    assert cache.remembered("test", "key 4", lambda: "made") == 4
    entries = {e: e.read_bytes() for e in (tmp_path / "test").glob("*.pickle")}
    (entry,) = [e for e, data in entries.items() if data.find(b"\0key 4") > 0]
    (other,) = [data for data in entries.values() if data.find(b"\0key 3") > 0]
    entry.write_bytes(other)  # a whole entry of another key: a digest collision, or a planted file
    assert cache.remembered("test", "key 4", lambda: "made") == "made"
    assert any("made for another key" in note for note in cache.take_notes())


def test_a_relining_from_the_kept_free_breaking_is_the_relining_set_afresh():
    """A paragraph set a line longer or shorter (as fitting asks right after setting it) starts from the free
    breaking kept for the process (compose._broken): the same lines as composing the relining from nothing,
    on every paragraph of the shipped pages, body and display text, on three measures."""
    import yaml

    layout = load_layout(DEFAULT_LAYOUT)
    body, head = layout.styles["body"], layout.styles["headline"]
    texts = []
    for path in sorted((ROOT / "content").glob("*.yaml")):
        page = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [p for item in page["items"] for p in item["body"]] + [item["headline"] for item in page["items"]]
    differing = 0
    for text in texts:
        for ems in (9, 13, 21):
            for style, words in ((body, False), (head, True)):
                font = layout.fonts[style.font]
                setting = compose.Setting.of(style, font, ems * style.size, indent=not words, words=words)
                compose._set(text, setting)  # the free breaking, kept
                for looseness in (1, -1):
                    relined = dataclasses.replace(setting, looseness=looseness)
                    from_kept = compose._set(text, relined)
                    compose._kept.clear()
                    assert from_kept == compose._set(text, relined), (text[:20], ems, looseness)
                    differing += from_kept != compose._set(text, setting)
    assert differing >= 50, "many relinings differ from the free setting: the test compares real relinings"


def test_the_kept_free_breakings_stay_within_their_characters(monkeypatch):
    """The process keeps the free breakings of its latest paragraphs only, however many it sets (watch, an edition)."""
    monkeypatch.setattr(compose, "KEPT_CHARACTERS", 2_000)
    style = load_layout(DEFAULT_LAYOUT).styles["body"]
    font = load_layout(DEFAULT_LAYOUT).fonts[style.font]
    for n in range(40):
        compose._set(f"第{n}段" + TEXT * 3, compose.Setting.of(style, font, 17 * style.size))
    kept = sum(len(text) for text, _, _ in compose._kept)
    assert 1_500 < kept <= 2_000 and any(text.startswith("第39段") for text, _, _ in compose._kept)
