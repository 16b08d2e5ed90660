"""The metric tables shipped beside the fonts: this very font's, equal to parsing it, ignored when stale."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.fonts import metrics, parse_metrics
from hengyang_print.fonts.tables import read_tables, tables_path

FONTS = sorted((ROOT / "fonts").glob("*.ttf"))


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_each_bundled_font_ships_its_own_tables(font):
    tables = read_tables(str(font))
    assert tables is not None, f"{font.name}: no tables, or another font's: run scripts/build_fonts.py --tables-only"
    assert tables.header["sha256"] == hashlib.sha256(font.read_bytes()).hexdigest()


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_metrics_from_the_tables_equal_a_parse_of_the_font(font):
    assert read_tables(str(font)) is not None
    assert metrics(str(font)) == parse_metrics(str(font))


def test_tables_of_another_font_or_an_edited_font_are_ignored(tmp_path):
    song, hei = ROOT / "fonts" / "NotoSerifSC-Regular.ttf", ROOT / "fonts" / "NotoSansSC-Bold.ttf"
    copy = tmp_path / "Song.ttf"
    shutil.copy(song, copy)
    shutil.copy(tables_path(hei), tables_path(copy))  # the wrong tables beside it
    assert read_tables(str(copy)) is None
    shutil.copy(tables_path(song), tables_path(copy))
    read_tables.cache_clear()
    assert read_tables(str(copy)) is not None
    data = bytearray(copy.read_bytes())
    data[-100] ^= 0xFF  # a glyph changed: with it the checksum of its table and of the file
    checksum_offset = data.index(b"glyf") + 4
    data[checksum_offset] ^= 0x01
    copy.write_bytes(bytes(data))
    read_tables.cache_clear()
    assert read_tables(str(copy)) is None
