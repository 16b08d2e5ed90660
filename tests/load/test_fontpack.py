"""The metric tables shipped beside the fonts: this very font's, equal to parsing it, and a build needs no parse."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest

from hengyang_print import fontpack, fonts
from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT, ROOT
from hengyang_print.draw import rlfonts, subsets

FONTS = sorted((ROOT / "fonts").glob("*.ttf"))


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_each_bundled_font_ships_its_own_tables(font):
    tables = fontpack.read_tables(str(font))
    assert tables is not None, f"{font.name}: no tables, or another font's: run scripts/build_fonts.py --tables-only"
    assert tables.header["sha256"] == hashlib.sha256(font.read_bytes()).hexdigest()


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_metrics_from_the_tables_equal_a_parse_of_the_font(font):
    assert fontpack.read_tables(str(font)) is not None
    assert fonts.metrics(str(font)) == fonts.parse_metrics(str(font))


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_a_reportlab_face_from_the_tables_is_the_parsed_face(font):
    parsed = rlfonts._CachedTTFont("HY-test", str(font), asciiReadable=0)
    revived = rlfonts._from_tables("HY-test", str(font))
    assert revived is not None
    assert set(revived.__dict__) == set(parsed.__dict__) and set(revived.face.__dict__) >= set(parsed.face.__dict__) - {
        "glyphToChar"
    }
    for attr, value in parsed.face.__dict__.items():
        if attr in ("charToGlyph", "charWidths"):
            kept = getattr(revived.face, attr)
            assert len(kept) == len(value) and all(kept[c] == v for c, v in value.items()), attr
        elif attr in ("hmetrics", "glyphPos"):
            assert list(getattr(revived.face, attr)) == list(value), attr
        elif attr == "glyphToChar":
            assert revived.face.glyphToChar == value
        elif attr not in ("_ttf_data", "_pdfScale"):
            assert getattr(revived.face, attr) == value and type(getattr(revived.face, attr)) is type(value), attr
    subset = [0, 32] + [ord(c) for c in "衡阳日报，这些“新名片”䶮𫖮"]
    assert revived.face.makeSubset(subset) == parsed.face.makeSubset(subset)
    assert revived.stringWidth("衡阳日报", 13) == parsed.stringWidth("衡阳日报", 13)


def test_tables_of_another_font_or_an_edited_font_are_ignored(tmp_path):
    song, hei = ROOT / "fonts" / "NotoSerifSC-Regular.ttf", ROOT / "fonts" / "NotoSansSC-Bold.ttf"
    copy = tmp_path / "Song.ttf"
    shutil.copy(song, copy)
    shutil.copy(fontpack.tables_path(hei), fontpack.tables_path(copy))  # the wrong tables beside it
    assert fontpack.read_tables(str(copy)) is None
    shutil.copy(fontpack.tables_path(song), fontpack.tables_path(copy))
    fontpack.read_tables.cache_clear()
    assert fontpack.read_tables(str(copy)) is not None
    data = bytearray(copy.read_bytes())
    data[-100] ^= 0xFF  # a glyph changed: with it the checksum of its table and of the file
    checksum_offset = data.index(b"glyf") + 4
    data[checksum_offset] ^= 0x01
    copy.write_bytes(bytes(data))
    fontpack.read_tables.cache_clear()
    assert fontpack.read_tables(str(copy)) is None


def test_a_first_build_on_an_empty_cache_parses_no_font(tmp_path):
    """Neither fontTools nor ReportLab may read a font's tables: everything comes from the shipped tables."""
    code = f"""
import fontTools.ttLib, reportlab.pdfbase.ttfonts as ttf
def refuse(*a, **k): raise AssertionError("a font was parsed")
fontTools.ttLib.TTFont.__init__ = refuse
ttf.TTFontFile.extractInfo = refuse
from hengyang_print.run.build import build
print(len(build({str(DEFAULT_CONTENT)!r}, {str(DEFAULT_LAYOUT)!r}).pdf))
"""
    env = dict(os.environ, HENGYANG_PRINT_CACHE=str(tmp_path / "empty"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) > 100_000


def test_the_pdf_is_the_same_from_tables_and_from_a_parse(default_build, monkeypatch, tmp_path):
    from hengyang_print import draw

    first = draw.draw(default_build.page)
    monkeypatch.setenv("HENGYANG_PRINT_NO_CACHE", "1")
    monkeypatch.setattr(rlfonts, "_from_tables", lambda name, path: None)  # parsed by ReportLab instead
    rlfonts.register.cache_clear()
    subsets.program.cache_clear()
    try:
        assert draw.draw(default_build.page) == first
    finally:
        rlfonts.register.cache_clear()
