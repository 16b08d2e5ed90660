"""The persistent font cache: a shortcut that never changes a result, and that notices an edited file."""

from __future__ import annotations

import os
import pickle

from hengyang_print import cache, draw, fonts
from hengyang_print.cli.common import ROOT
from hengyang_print.draw import lines, rlfonts, subsets

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


def test_a_revived_reportlab_face_subsets_and_measures_like_a_parsed_one():
    parsed = rlfonts._CachedTTFont("HY-test", SONG)
    revived = pickle.loads(pickle.dumps(parsed))
    for attr in ("glyphToChar", "unitsPerEm", "name", "bbox"):
        assert getattr(revived.face, attr) == getattr(parsed.face, attr), attr
    for attr in ("charToGlyph", "charWidths"):  # kept as sorted arrays, read like ReportLab's dicts
        table, kept = getattr(parsed.face, attr), getattr(revived.face, attr)
        assert len(kept) == len(table) and all(kept[code] == value and code in kept for code, value in table.items()), (
            attr
        )
        assert kept.get(0x10FFFF, "absent") == "absent" and 0x10FFFF not in kept
    for attr in ("hmetrics", "glyphPos"):  # kept as arrays, indexed like ReportLab's lists
        assert list(getattr(revived.face, attr)) == list(getattr(parsed.face, attr)), attr
    subset = [0, 32] + [ord(c) for c in "衡阳日报，这些“新名片”"]
    assert revived.face.makeSubset(subset) == parsed.face.makeSubset(subset)
    assert revived.stringWidth("衡阳日报", 13) == parsed.stringWidth("衡阳日报", 13)


def test_a_redrawn_page_reuses_its_font_subsets_and_its_bytes_do_not_change(default_build):
    from io import BytesIO

    import pikepdf

    first = draw.draw(default_build.page)
    made = subsets.program.cache_info().misses
    second = draw.draw(default_build.page)
    with pikepdf.open(BytesIO(second)) as pdf:
        programs = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Length1" in o.stream_dict]
        assert all(len(s.read_bytes()) == int(s.stream_dict.Length1) for s in programs)  # inflates to the font
    assert second == first
    assert programs and subsets.program.cache_info().misses == made  # no subset made or compressed again


def test_the_cache_keeps_at_most_its_limit_of_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for n in range(5):
        source = tmp_path / f"font{n}.bin"
        source.write_bytes(b"x")
        cache.cached(str(source), "test", lambda: n)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 3


def test_embedded_subsets_carry_the_tables_pdf_requires_and_no_name_table(default_pdf):
    import io

    import pikepdf
    from fontTools.ttLib import TTFont

    with pikepdf.open(default_pdf) as pdf:
        programs = [
            o.FontFile2.read_bytes()
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/FontDescriptor"
        ]
    assert len(programs) >= 4  # four faces, the body face in several 256-glyph subsets
    for program in programs:
        font = TTFont(io.BytesIO(program))
        assert {"glyf", "head", "hhea", "hmtx", "loca", "maxp", "cmap"} <= set(font.reader.keys())  # ISO 32000-1 9.9
        assert "name" not in font.reader.keys()
        assert len(font["glyf"]) == font["maxp"].numGlyphs and font["cmap"].getcmap(1, 0).cmap  # symbolic: (1,0) cmap


def test_font_subsets_come_from_the_cache_in_a_new_process_and_the_bytes_do_not_change(
    default_build, tmp_path, monkeypatch
):
    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    subsets.program.cache_clear()
    first = draw.draw(default_build.page)  # subsets made and stored
    stored = list((tmp_path / "cache" / "subsets").glob("*.pickle"))
    assert len(stored) >= 4  # four faces, the body face in several subsets
    made = []
    real = subsets.make_program
    monkeypatch.setattr(subsets, "make_program", lambda path, codes: made.append(codes) or real(path, codes))
    subsets.program.cache_clear()  # as a new process: only the disk remembers
    assert draw.draw(default_build.page) == first and made == []
    for entry in stored:  # a torn entry: the subset is made again, the same
        entry.write_bytes(entry.read_bytes()[:100])
    subsets.program.cache_clear()
    assert draw.draw(default_build.page) == first and len(made) == len(stored)


def test_a_line_drawn_before_is_reused_only_with_the_codes_this_document_gives_it(default_build, monkeypatch):
    """Lines drawn in a build before in the process are taken as drawn only if their characters' codes and
    subset names are this document's: the same lines in another order (the codes ReportLab assigns follow
    the order characters first appear) give the bytes they give drawn afresh."""
    from dataclasses import replace

    page = default_build.page
    reordered = replace(page, items=tuple(reversed(page.items)))
    fewer = replace(page, items=page.items[len(page.items) // 2 :])
    monkeypatch.setenv("HENGYANG_PRINT_NO_CACHE", "1")  # lines drawn before: only those this process keeps
    lines._drawn.clear()
    fresh = [draw.draw(p) for p in (reordered, fewer)]
    lines._drawn.clear()
    draw.draw(page)  # every line drawn, in the page's order
    assert [len(drawn) for drawn in lines._drawn.values()] == [len(page.texts())]
    assert [draw.draw(p) for p in (reordered, fewer, page)] == [*fresh, draw.draw(page)]
    assert fresh[0] != draw.draw(page)  # the order does tell: the test would see a line reused wrongly
