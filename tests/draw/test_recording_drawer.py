"""Draw on the recording drawer: what the display list asks is what the drawer is told, in order,
with the overprint decided once for every drawer (100 % K only)."""

from __future__ import annotations

from dataclasses import replace

from hengyang_print.blockid import BlockId
from hengyang_print.draw import RecordingDrawer, draw
from hengyang_print.model import Box, ShapeItem, TextItem


def recorded(page):
    drawer = RecordingDrawer()
    assert draw(page, drawer) == b""
    return drawer.ops


def test_every_item_is_drawn_once_in_display_list_order(default_build):
    page = default_build.page
    ops = recorded(page)
    assert ops[0] == ("begin", page.trim, page.title)
    texts = [op for op in ops if op[0] == "text"]
    assert [op[1] for op in texts] == [t.text for t in page.texts()]
    assert len(ops) == 1 + len(page.items)


def test_black_text_overprints_and_colour_knocks_out(default_build):
    ops = recorded(default_build.page)
    for op in (o for o in ops if o[0] in ("text", "shape")):
        cmyk, overprint = op[-2], op[-1]
        assert overprint == (cmyk == (0, 0, 0, 100)), op
    assert any(op[-1] for op in ops if op[0] == "text") and any(not op[-1] for op in ops if op[0] == "shape")


def test_without_black_overprint_in_the_layout_nothing_overprints(default_build):
    page = default_build.page
    page = replace(page, print=replace(page.print, black_overprint=False))
    assert not [op for op in recorded(page) if op[0] in ("text", "shape") and op[-1]]


def test_the_drawer_gets_resolved_values_not_layout_names(default_build):
    page = default_build.page
    red = (0.0, 100.0, 100.0, 10.0)
    mark = ShapeItem("circle", Box(10, 20, 30, 30), red, BlockId("items", 0, "badge"))
    line = replace(page.texts()[0], x=5.0)
    ops = recorded(replace(page, items=(mark, line)))
    assert ops[1] == ("shape", "circle", Box(10, 20, 30, 30), red, False)
    _, text, x, _, font, size, cmyk, overprint = ops[2]
    assert (text, x, size) == (line.text, 5.0, line.size) and font.endswith(".ttf") and cmyk == tuple(line.color)
    assert isinstance(line, TextItem)
