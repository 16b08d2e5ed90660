"""Place, unit by unit, on the default content: frames, display alignment, mirrored headers, the grid."""

from __future__ import annotations

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.fonts import metrics
from hengyang_print.load.loader import load_content, load_layout
from hengyang_print.model import ShapeItem
from hengyang_print.place.page import _frames, place_page


@pytest.fixture(scope="module")
def placed():
    content, layout = load_content(DEFAULT_CONTENT), load_layout(DEFAULT_LAYOUT)
    page, report = place_page(content, layout)
    return content, layout, page, report


def test_frames_are_whole_ems_and_span_the_region():
    layout = load_layout(DEFAULT_LAYOUT)
    for region in layout.regions.values():
        if region.kind not in ("flow", "items"):
            continue
        style = layout.styles[region.style]
        frames = _frames(region, style)
        assert len(frames) == region.frames
        for f in frames:
            assert f.width / style.size == pytest.approx(round(f.width / style.size))  # a character grid
        assert frames[0].x == pytest.approx(region.box.x)
        assert frames[-1].x + frames[-1].width == pytest.approx(region.box.right)
        gaps = {round(b.x - (a.x + a.width), 6) for a, b in zip(frames, frames[1:])}
        assert len(gaps) <= 1 and all(g >= region.frame_gap - 1e-6 for g in gaps)


def test_a_middle_aligned_display_line_centres_its_em_box(placed):
    _, layout, page, _ = placed
    region = layout.regions["headline"]
    (line,) = [t for t in page.texts() if str(t.block) == "headline"]
    font = metrics(line.font)
    em_top = line.baseline + font.ascent * line.size
    em_bottom = line.baseline - font.descent * line.size
    assert (em_top + em_bottom) / 2 == pytest.approx(region.box.y + region.box.height / 2, abs=0.01)
    assert (line.x - region.box.x) == pytest.approx(region.box.right - line.right, abs=0.01)  # centred across


def test_even_items_mirror_their_header(placed):
    content, layout, page, _ = placed
    badges = {i.block.item: i for i in page.items if isinstance(i, ShapeItem) and i.block and i.block.part == "badge"}
    body = {t.block.item: t for t in page.texts() if t.block.part == "body" and t.line == 1}
    assert sorted(badges) == list(range(len(content.items)))
    for index, badge in badges.items():
        line = body[index]
        left = abs(badge.box.x - line.x) < 0.01
        right = abs(badge.box.right - (line.x + line.measure)) < 0.01
        assert (left, right) == ((True, False) if index % 2 == 0 else (False, True)), index


def test_the_badge_number_sits_on_the_badge_centre_by_cap_height(placed):
    _, _, page, _ = placed
    badges = {i.block.item: i for i in page.items if isinstance(i, ShapeItem) and i.block and i.block.part == "badge"}
    for t in page.texts():
        if t.block.field != "items" or t.block.part != "number":
            continue
        box = badges[t.block.item].box
        mid = t.baseline + metrics(t.font).cap_height * t.size / 2
        assert mid == pytest.approx(box.y + box.height / 2, abs=0.01)
        assert t.x + (t.right - t.x) / 2 == pytest.approx(box.x + box.width / 2, abs=0.01)


def test_body_lines_sit_on_the_regions_baseline_grid(placed):
    _, layout, page, _ = placed
    for name in ("intro", "items"):
        region = layout.regions[name]
        style = layout.styles[region.style]
        baselines = [t.baseline for t in page.texts() if t.region == name and t.block.paragraph is not None]
        first = max(baselines)
        rows = [(first - b) / style.leading for b in baselines]
        assert all(abs(r - round(r)) < 1e-6 for r in rows), name
        # the first row's em box is centred in the first row of the region
        em_top = first + metrics(layout.fonts[style.font]).ascent * style.size
        assert region.box.top - em_top == pytest.approx((style.leading - style.size) / 2, abs=1e-6)


def test_the_report_travels_beside_the_page(placed):
    _, layout, page, report = placed
    assert not hasattr(page, "fill") and set(report.fill) == set(layout.regions)
    assert report.overset == [] and report.unset == []
