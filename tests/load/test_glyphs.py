"""Every character must have a glyph in its face: GBK names build, a character outside the fonts fails clearly."""

from __future__ import annotations

import pytest
import yaml

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.errors import BuildError
from hengyang_print.fonts import metrics
from hengyang_print.load.loader import load_layout
from hengyang_print.run.build import build

from ..conftest import write_variant


def _content(tmp_path, **changes):
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    data["byline"]["reporters"] = changes.get("reporters", data["byline"]["reporters"])
    if "headline5" in changes:
        data["items"][5]["headline"] = changes["headline5"]
    return write_variant(tmp_path, yaml.safe_dump(data, allow_unicode=True))


def test_every_bundled_face_covers_gbk():
    """GBK, not just GB 2312: name characters such as 堃 喆 玥 昇 彧 赟 are in every face."""
    layout = load_layout(DEFAULT_LAYOUT)
    gbk = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                gbk.add(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    gbk = {c for c in gbk if not 0xE000 <= ord(c) <= 0xF8FF}  # GBK's user-defined area maps to the PUA
    for key, path in layout.fonts.items():
        font = metrics(path)
        missing = [c for c in gbk if not font.has(c)]
        assert len(missing) <= 10, (key, len(missing), missing[:10])
        assert all(font.has(c) for c in "堃喆玥昇彧赟，。“”《》、；：？！…—"), key


def test_gbk_name_characters_build(tmp_path):
    result = build(_content(tmp_path, reporters=["王喆", "李堃"]), DEFAULT_LAYOUT)
    byline = "".join(t.text for t in result.page.texts() if str(t.block) == "byline")
    assert "王喆" in byline and "李堃" in byline


def test_a_character_outside_the_fonts_fails_naming_block_character_and_face(tmp_path):
    path = _content(tmp_path, headline5="中国耒阳𪚥油茶博览园")
    with pytest.raises(BuildError) as err:
        build(path, DEFAULT_LAYOUT)
    message = str(err.value)
    assert "items[5].headline" in message
    assert "U+2A6A5" in message and "𪚥" in message
    assert "'hei'" in message and "NotoSansSC-Bold.ttf" in message
    assert str(path) in message


def test_a_failed_build_leaves_the_previous_pdf_untouched(tmp_path):
    from hengyang_print.cli.main import main

    out = tmp_path / "page.pdf"
    assert main(["build", str(DEFAULT_CONTENT), "-o", str(out)]) == 0
    before = out.read_bytes()
    bad = _content(tmp_path, headline5="𪚥")
    assert main(["build", str(bad), "-o", str(out)]) == 1
    assert out.read_bytes() == before
