"""Character coverage: the bundled faces set GBK, the 8,105 characters of the 通用规范汉字表 and the marks the
composer knows; a style's fallback face sets what its own font lacks; what no face has is named."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from hengyang_print.cli.common import DEFAULT_LAYOUT, ROOT
from hengyang_print.compose import clreq
from hengyang_print.errors import BuildError
from hengyang_print.fonts import metrics
from hengyang_print.fonts.charsets import gbk_characters, tongyong_guifan, tongyong_level
from hengyang_print.load.loader import load_layout
from hengyang_print.run.build import build, write_atomically

FONTS = sorted((ROOT / "fonts").glob("*.ttf"))
NAMES = ROOT / "tests" / "data" / "names-beyond-gbk.yaml"
BEYOND_GBK = "䶮𫖮鿍喆堃"  # U+4DAE (Ext A), U+2B5AE (Ext C), U+9FCD, U+5586, U+5803: names in the 2013 table


def test_the_table_list_is_the_2013_table():
    chars = tongyong_guifan()
    assert len(chars) == len(set(chars)) == 8105 and chars[0] == "一"  # no. 1
    assert all(c in chars for c in BEYOND_GBK)
    assert len(set(chars) - gbk_characters()) == 276  # why GBK alone is not enough
    assert [len(tongyong_level(n)) for n in (1, 2, 3)] == [3500, 3000, 1605] and tongyong_level(2)[0] == chars[3500]


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_every_face_sets_the_whole_table_and_every_mark_the_composer_knows(font):
    face = metrics(str(font))
    missing = [f"U+{ord(c):04X}" for c in tongyong_guifan() if not face.has(c)]
    assert missing == []
    marks = (
        clreq.PAUSE
        | clreq.CLOSE
        | clreq.OPEN
        | clreq.MIDDLE
        | clreq.CONNECTORS
        | clreq.ELLIPSIS
        | clreq.DOUBLE_DASH
        | {clreq.DASH}
    )
    assert [c for c in marks if not face.has(c)] == []


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_every_face_sets_gbk_but_for_what_its_source_lacks(font):
    lacking = {c for c in gbk_characters() if not metrics(str(font)).has(c)}
    # the upstream faces lack these (scripts/build_fonts.py prints them): ≒, and vertical forms in LXGW WenKai
    allowed = set("︴﹉﹊﹋﹌﹍﹎﹏") if "LXGW" in font.name else {"\u2252"}
    assert lacking <= allowed and len(gbk_characters()) - len(lacking) >= 21878


@pytest.fixture(scope="module")
def names_page(tmp_path_factory):
    result = build(NAMES, DEFAULT_LAYOUT)
    path = tmp_path_factory.mktemp("names") / "names.pdf"
    write_atomically(path, result.pdf)
    return result, path


def test_names_beyond_gbk_build_and_read_back_in_every_face_they_are_set_in(names_page):
    result, path = names_page
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    faces = {}
    for c in chars:
        if c["text"] in BEYOND_GBK:
            faces.setdefault(c["text"], set()).add(c["fontname"].split("+")[-1])
    assert set(faces) == set(BEYOND_GBK)
    assert any("LXGW" in f for f in faces["𫖮"]) and any(
        "NotoSerif" in f for f in faces["䶮"]
    )  # byline (kai), body (song)
    text = "".join(c["text"] for c in chars)
    assert "李𫖮" in text and "刘䶮" in text  # the ToUnicode maps U+2B5AE as a surrogate pair: it reads back


def _with(tmp_path, text: str):
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_kai_style_sets_a_character_its_face_lacks_in_its_fallback(tmp_path):
    # ﹏ (U+FE4F, a GB/T 15834 wavy line) is in GBK, in Noto Serif SC, not in LXGW WenKai
    assert not metrics(str(ROOT / "fonts" / "LXGWWenKai-Regular.ttf")).has("﹏")
    source = (ROOT / "content" / "hengyang-2018.yaml").read_text(encoding="utf-8")
    content = _with(tmp_path, source.replace("text: 本报记者", "text: 本报记者﹏", 1))
    result = build(content, DEFAULT_LAYOUT)
    write_atomically(tmp_path / "page.pdf", result.pdf)
    with pdfplumber.open(tmp_path / "page.pdf") as pdf:
        byline = [
            c for c in pdf.pages[0].chars if c["text"] in "本报记者﹏" and c["size"] == pytest.approx(14, abs=0.1)
        ]
    fonts = {c["text"]: c["fontname"].split("+")[-1] for c in byline}
    assert fonts["﹏"].startswith("NotoSerifCJKsc-Regular") and fonts["记"].startswith("LXGWWenKai")
    line = next(t for t in result.page.texts() if str(t.block) == "byline")
    cells = {g.char: g for g in line.glyphs}
    assert cells["﹏"].width == pytest.approx(
        14 * metrics(str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf")).advance("﹏"), abs=0.01
    )


def test_without_a_fallback_the_glyph_check_names_the_character_its_block_and_code_point(tmp_path):
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    layout = tmp_path / "layout" / "plain.yaml"
    layout.write_text(DEFAULT_LAYOUT.read_text(encoding="utf-8").replace("fallback: song, ", ""), encoding="utf-8")
    assert all(not s.fallback for s in load_layout(layout).styles.values())
    source = (ROOT / "content" / "hengyang-2018.yaml").read_text(encoding="utf-8")
    content = _with(
        tmp_path,
        source.replace("text: 本报记者", "text: 本报记者﹏", 1).replace(
            "{role: 美编, name: 张静}", "{role: 美编, name: 张\U00030000}"
        ),
    )
    with pytest.raises(BuildError) as info:
        build(content, layout)
    messages = info.value.messages
    assert len(messages) == 2
    assert re.search(
        r"^content\.yaml:\d+:\d+: credits: character '\U00030000' \(U\+30000, CJK Unified Ideographs Extension G\)",
        messages[0].replace(str(tmp_path) + "/", ""),
    )
    assert "byline: character '﹏' (U+FE4F, CJK Compatibility Forms)" in messages[1]
    assert "has no glyph in font 'kai' (LXGWWenKai-Regular.ttf)" in messages[1]


def test_a_character_no_face_of_the_chain_has_is_named_with_the_fallback_tried(tmp_path):
    source = (ROOT / "content" / "hengyang-2018.yaml").read_text(encoding="utf-8")
    content = _with(tmp_path, source.replace("text: 本报记者", "text: 本报记者\U00030000", 1))
    with pytest.raises(BuildError) as info:
        build(content, DEFAULT_LAYOUT)
    (message,) = info.value.messages
    assert "(U+30000, CJK Unified Ideographs Extension G)" in message
    assert (
        "has no glyph in font 'kai' (LXGWWenKai-Regular.ttf) nor its fallback 'song' (NotoSerifSC-Regular.ttf)"
        in message
    )
