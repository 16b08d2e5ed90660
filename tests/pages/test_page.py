"""The default page end to end: structure, text, order, geometry and fonts, read from the PDF and the display list."""

from __future__ import annotations

import re

import pytest
import yaml

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.model import ShapeItem, TextItem
from hengyang_print.run.build import build

from ..conftest import SEED, write_variant

MM = 72 / 25.4


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def content_strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in content_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in content_strings(v)]
    return [str(node)]


def test_one_page_with_the_layout_trim_size(plumbed, default_build):
    assert len(plumbed.pages) == 1
    from pypdf import PdfReader

    page = PdfReader(plumbed.stream).pages[0]
    trim = default_build.layout.trim
    assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, trim.width, trim.height], abs=0.01)
    assert [float(v) for v in page.trimbox] == pytest.approx([0, 0, trim.width, trim.height], abs=0.01)
    # the broadsheet spec says 390 × 543 mm
    assert trim.width == pytest.approx(390 * MM) and trim.height == pytest.approx(543 * MM)


def stream_text(plumbed) -> str:
    """The text layer in content-stream order (the order the page was drawn: reading order)."""
    return "".join(c["text"] for c in plumbed.pages[0].chars)


def test_every_content_string_is_in_the_text_layer(plumbed):
    text = stream_text(plumbed)
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    for s in content_strings(data):
        assert squash(s) in text, s


def test_content_is_the_seed_text_character_for_character():
    """Every seed line of substance is in the content YAML as printed (the intro rejoined)."""
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    strings = content_strings(data)
    joined = "".join(strings)
    seed_lines = [l for l in SEED.read_text(encoding="utf-8").splitlines() if l.strip()]
    for line in seed_lines:
        for part in line.split(" "):
            part = part.split("/")[-1]
            assert part in joined, part
    assert "中国(耒阳)油茶博览园" in strings  # as printed, half-width parentheses kept
    assert len(data["intro"]) == 1 and data["intro"][0].count("国务院通报表扬") == 1


def test_blocks_appear_in_reading_order_in_the_content_stream(plumbed):
    chars = stream_text(plumbed)
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    markers = ["责编/廖义波", data["headline"], "本报记者", "关键词", data["intro"][0][:20]]
    markers += [item["headline"] for item in data["items"]]
    at = 0
    for marker in markers:  # each found after the one before it
        found = chars.find(squash(marker), at)
        assert found >= 0, marker
        at = found + 1


def test_credits_line_is_at_the_top_of_the_page(default_build):
    texts = default_build.page.texts()
    credits = [t for t in texts if str(t.block) == "credits"]
    assert credits and all(t.baseline >= max(o.baseline for o in texts) - 0.01 for t in credits)


def test_badges_sit_beside_their_date_and_headline(default_build):
    items = default_build.page.items
    badges = {str(i.block): i for i in items if isinstance(i, ShapeItem) and str(i.block).endswith(".badge")}
    assert len(badges) == 10
    for n in range(10):
        badge = badges[f"items[{n}].badge"]
        number = next(t for t in items if isinstance(t, TextItem) and str(t.block) == f"items[{n}].number")
        assert number.text == str(n + 1)
        # the number is drawn inside its badge
        assert badge.box.x < number.x < badge.box.right and badge.box.y < number.baseline < badge.box.top
        for part in ("date", "headline"):
            text = next(t for t in items if isinstance(t, TextItem) and str(t.block) == f"items[{n}].{part}")
            # same column, vertically within the badge's reach, horizontally next to it
            assert abs(text.baseline - (badge.box.y + badge.box.height / 2)) < 2 * badge.box.height
            gap = text.x - badge.box.right if text.x >= badge.box.right else badge.box.x - text.right
            assert 0 <= gap < 3 * badge.box.width, (n, part, gap)


def test_items_follow_each_other_in_reading_order(default_build):
    """Down each column, columns left to right: item n's header comes before item n+1's."""
    heads = [
        t
        for t in default_build.page.texts()
        if str(t.block).endswith(".headline") and t.line == 0 and str(t.block).startswith("items")
    ]
    order = sorted(heads, key=lambda t: (t.column, -t.baseline))
    assert [str(t.block) for t in order] == [f"items[{n}].headline" for n in range(10)]


def _box(t: TextItem, ascent=0.88, descent=0.12):
    return (t.x, t.baseline - descent * t.size, t.right, t.baseline + ascent * t.size)


def test_no_two_text_lines_overlap_and_nothing_leaves_the_trim(default_build):
    texts = default_build.page.texts()
    trim = default_build.layout.trim
    boxes = [_box(t) for t in texts]
    for b in boxes:
        assert 0 <= b[0] and b[2] <= trim.width and 0 <= b[1] and b[3] <= trim.height
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            overlap = min(a[2], b[2]) - max(a[0], b[0]) > 0.01 and min(a[3], b[3]) - max(a[1], b[1]) > 0.01
            assert not overlap, (texts[i].block, texts[i].text, texts[j].block, texts[j].text)


def test_text_stays_out_of_badges(default_build):
    items = default_build.page.items
    badges = [i for i in items if isinstance(i, ShapeItem) and str(i.block).endswith(".badge")]
    for t in default_build.page.texts():
        if str(t.block).endswith(".number"):
            continue
        x0, y0, x1, y1 = _box(t)
        for b in badges:
            assert not (
                min(x1, b.box.right) - max(x0, b.box.x) > 0.01 and min(y1, b.box.top) - max(y0, b.box.y) > 0.01
            ), str(t.block)


def test_every_font_is_embedded_and_no_helvetica(default_pdf):
    import pikepdf

    with pikepdf.open(default_pdf) as pdf:
        fonts = pdf.pages[0].Resources.Font
        assert len(fonts) >= 4
        for name in fonts.keys():
            font = fonts[name]
            # ReportLab embeds TrueType subsets of up to 256 glyphs, each a simple TrueType font
            assert font.Subtype == "/TrueType", name
            assert "/FontFile2" in font.FontDescriptor, name
            assert "/ToUnicode" in font
            assert "Helvetica" not in str(font.BaseFont)


def test_body_lines_are_justified_to_the_measure(default_build):
    body = [t for t in default_build.page.texts() if ".body" in str(t.block)]
    justified = [t for t in body if t.justified]
    assert len(justified) > 100
    for t in justified:
        assert t.right - t.x == pytest.approx(t.measure, abs=0.1), t.text


def _variant(tmp_path, mutate):
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    mutate(data)
    return write_variant(tmp_path, yaml.safe_dump(data, allow_unicode=True))


def test_an_eleventh_item_builds_without_code_change(tmp_path):
    def add(data):
        data["items"][-1]["body"][0] = data["items"][-1]["body"][0][:120]
        data["items"].append(
            {
                "number": 11,
                "date": "12月28日",
                "headline": "新增第十一项",
                "body": ["这是新增的一段正文，用来检验第十一项也能排入版面。"],
            }
        )
        data["items"][0]["body"][0] = data["items"][0]["body"][0][:150]

    result = build(_variant(tmp_path, add), DEFAULT_LAYOUT, fit=False)  # as written: the page comes out short
    blocks = {str(t.block) for t in result.page.texts()}
    assert "items[10].headline" in blocks and "items[10].number" in blocks


def test_a_shortened_item_builds_and_reports_the_space(tmp_path):
    def cut(data):
        data["items"][6]["body"][0] = data["items"][6]["body"][0][:60] + "。"

    result = build(_variant(tmp_path, cut), DEFAULT_LAYOUT, fit=False)  # as written: the page is short
    text = "".join(t.text for t in result.page.texts() if str(t.block).startswith("items[6].body"))
    assert text.endswith("。") and len(text) == 61
    used, available = result.report.fill["items"]
    assert used <= available
