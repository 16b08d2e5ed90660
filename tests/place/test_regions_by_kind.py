"""Regions say what they are: a layout of another structure (no keyword panel, the intro a one-column
sidebar placed first, a two-line headline beside it) sets both content files with no code change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.errors import BuildError
from hengyang_print.load.loader import load_content, load_layout
from hengyang_print.place.page import place_page
from hengyang_print.run.build import build
from hengyang_print.verify.readback import pdf_text

SIDEBAR = ROOT / "layout" / "tabloid-sidebar.yaml"
MM = 72 / 25.4


@pytest.fixture(scope="module", params=["hengyang-2018", "hengyang-2019"])
def sidebar(request):
    return build(ROOT / "content" / f"{request.param}.yaml", SIDEBAR)


def test_the_sidebar_layout_omits_the_keyword_and_says_so(sidebar):
    assert not [r for r in sidebar.layout.regions.values() if r.kind == "keyword"]
    assert sidebar.report.unset == ["keyword"]
    assert any(n.startswith("keyword: not set") for n in sidebar.report.notes)
    assert not [i for i in sidebar.page.items if i.block and i.block.field == "keyword"]
    assert sidebar.content.headline.replace(" ", "") in pdf_text(sidebar.pdf)


def test_the_intro_is_one_column_beside_the_headline_and_items_follow_in_three(sidebar):
    layout, texts = sidebar.layout, sidebar.page.texts()
    intro = [t for t in texts if t.block.field == "intro"]
    headline = [t for t in texts if str(t.block) == "headline"]
    body = [t for t in texts if t.block.part == "body"]
    assert {t.column for t in intro} == {0} and len({round(t.x, 1) for t in intro if t.line}) == 1
    assert max(t.right for t in intro) < min(t.x for t in headline)  # the sidebar stands left of the headline
    assert len(headline) == 2  # the headline wraps in its four grid columns
    assert max(t.baseline for t in body) < min(t.baseline for t in intro)  # the items run below both
    assert {t.column for t in body} == {0, 1, 2}
    # the intro region comes first in the layout, and so in the drawing (and reading) order
    first = next(t for t in texts if t.block.field in ("intro", "headline"))
    assert first.block.field == "intro" and list(layout.regions)[:2] == ["credits", "intro"]


def test_a_content_field_set_by_two_regions_is_an_error(tmp_path):
    text = SIDEBAR.read_text(encoding="utf-8").replace(
        "  byline: {kind: display, content: byline,", "  byline: {kind: display, content: headline,"
    )
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    path = tmp_path / "layout" / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as info:
        load_layout(path)
    (message,) = info.value.messages
    assert "regions.byline sets 'headline', which regions.headline sets already" in message


def test_regions_are_placed_in_the_layouts_order():
    """Reordering regions reorders the display list; nothing else changes."""
    content = load_content(ROOT / "content" / "hengyang-2018.yaml")
    layout = load_layout(ROOT / "layout" / "broadsheet.yaml")
    names = list(layout.regions)
    flipped = replace(layout, regions={n: layout.regions[n] for n in reversed(names)})
    page, _ = place_page(content, layout)
    again, _ = place_page(content, flipped)
    order = [t.region for t in page.texts()]
    assert list(dict.fromkeys(t.region for t in again.texts())) == list(reversed(list(dict.fromkeys(order))))
    key = lambda t: (str(t.block), t.line)  # noqa: E731
    assert sorted(page.texts(), key=key) == sorted(again.texts(), key=key)
