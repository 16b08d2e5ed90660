"""The layout spec is real: both content files on both layouts build, fill their columns and keep the design."""

from __future__ import annotations

import re

import pdfplumber
import pytest
import yaml
from pypdf import PdfReader

from hengyang_print.cli.common import ROOT
from hengyang_print.model import ImageItem
from hengyang_print.run.build import build

MM = 72 / 25.4
CONTENTS = ("hengyang-2018", "hengyang-2019")
LAYOUTS = ("broadsheet", "tabloid")
COMBOS = [(c, l) for c in CONTENTS for l in LAYOUTS]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = {}
    for c, l in COMBOS:
        result = build(ROOT / "content" / f"{c}.yaml", ROOT / "layout" / f"{l}.yaml")
        pdf = tmp_path_factory.mktemp("layouts") / f"{c}-{l}.pdf"
        pdf.write_bytes(result.pdf)
        out[c, l] = result, pdf
    return out


def strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() if k != "path" for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return [str(node)]


def test_tabloid_is_a_six_column_siikai_page(built):
    result, pdf = built["hengyang-2018", "tabloid"]
    layout = result.layout
    assert (layout.trim.width / MM, layout.trim.height / MM) == pytest.approx((275, 390))
    assert layout.columns == 6
    box = PdfReader(pdf).pages[0].mediabox
    assert (float(box.width) / MM, float(box.height) / MM) == pytest.approx((275, 390), abs=0.01)


@pytest.mark.parametrize("content,layout", COMBOS)
def test_every_content_string_is_on_the_page(built, content, layout):
    _, pdf = built[content, layout]
    with pdfplumber.open(pdf) as doc:
        text = "".join(c["text"] for c in doc.pages[0].chars)
    data = yaml.safe_load((ROOT / "content" / f"{content}.yaml").read_text(encoding="utf-8"))
    for s in strings(data):
        assert re.sub(r"\s+", "", s) in text, s


@pytest.mark.parametrize("content,layout", COMBOS)
def test_columns_are_full(built, content, layout):
    """No empty band across the columns: at most one empty grid row at the foot of the flowed regions."""
    result, _ = built[content, layout]
    for region in ("intro", "items"):
        used, capacity = result.report.fill[region]
        assert used <= capacity
        assert capacity - used <= 1, (region, used, capacity, result.report.notes)


@pytest.mark.parametrize("content,layout", COMBOS)
def test_headline_dominates_on_one_line(built, content, layout):
    result, _ = built[content, layout]
    texts = result.page.texts()
    head = [t for t in texts if str(t.block) == "headline"]
    assert len(head) == 1, "the headline is set on one line"
    line = head[0]
    # the largest type on the page but the keyword's numeral, which is a graphic
    assert all(line.size > t.size for t in texts if not str(t.block).startswith(("headline", "keyword.number")))
    area = result.layout.type_area
    assert line.right - line.x >= 0.8 * area.width
    assert line.x >= area.x - 0.01 and line.right <= area.right + 0.01


@pytest.mark.parametrize("content,layout", COMBOS)
def test_text_and_photos_stay_in_the_type_area_and_off_each_other(built, content, layout):
    result, _ = built[content, layout]
    area = result.layout.type_area
    body = [t for t in result.page.texts() if str(t.block).startswith("items") and ".body" in str(t.block)]
    for t in body:
        assert area.x - 0.01 <= t.x and t.right <= area.right + 0.01, str(t.block)
        assert area.y - 0.01 <= t.baseline <= area.top, str(t.block)
    for photo in (i for i in result.page.items if isinstance(i, ImageItem)):
        b = photo.box
        assert area.x - 0.01 <= b.x and b.right <= area.right + 0.01 and area.y - 0.01 <= b.y
        for t in body:  # no body line runs through a photo of its column
            if t.column == photo.column:
                assert not (b.y < t.baseline < b.top), str(t.block)


def test_the_sample_page_says_it_is_a_sample(built):
    result, _ = built["hengyang-2019", "tabloid"]
    byline = "".join(t.text for t in result.page.texts() if str(t.block) == "byline")
    assert "样张" in byline and "非新闻报道" in byline
