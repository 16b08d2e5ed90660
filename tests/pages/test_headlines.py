"""Headlines as dailies set them (issue 22): 引题 (kicker) and 副题 (subhead) in their layout styles, a headline
that steps down through the layout's sizes before it takes more lines, a three-line desk edit accepted on every
layout, and the sidebar's headline block standing on its rule with no hole under it. On new contents
(tests/data/headlines: other cities and years, Latin and units, the display breaks a compositor refused),
built as an editor builds them, on all three layouts: flush, and `check` finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, ROOT
from hengyang_print.load.loader import load_layout
from hengyang_print.run.build import build
from hengyang_print.tools.audit import audit_page, audit_pdf

from .rounds import one_round

CONTENTS = sorted((Path(__file__).parent.parent / "data" / "headlines").glob("*.yaml"))
LAYOUTS = [ROOT / "layout" / f"{name}.yaml" for name in ("broadsheet", "tabloid", "tabloid-sidebar")]
CASES = [(c, layout) for c in CONTENTS for layout in LAYOUTS]
MM = 72 / 25.4


def lines_of(result, block: str):
    return sorted((t for t in result.page.texts() if str(t.block) == block), key=lambda t: t.line)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    made = {}

    def get(content: Path, layout: Path):
        if (content, layout) not in made:
            # raises unless every flow ends flush within the layout's bounds; where the page breaks a placement rule
            # (issue 22, the fitting's part), the tool's first figures are done once, as an editor does
            result = one_round(content, layout, f"headlines-{content.stem}-{layout.stem}").result
            pdf = tmp_path_factory.mktemp("headlines") / "page.pdf"
            pdf.write_bytes(result.pdf)
            made[content, layout] = result, pdf
        return made[content, layout]

    return get


def test_there_are_new_contents_with_kickers_and_subheads():
    assert len(CONTENTS) >= 3


@pytest.mark.parametrize("content, layout", CASES, ids=[f"{c.stem}-{lay.stem}" for c, lay in CASES])
def test_each_builds_flush_and_check_finds_nothing(built, content, layout):
    result, pdf = built(content, layout)
    assert not result.report.overset and not result.report.unfit
    assert [str(v) for v in audit_page(result.page, result.content, result.layout)] == []
    assert [str(v) for v in audit_pdf(pdf, result.content, result.layout)] == []


@pytest.mark.parametrize("content, layout", CASES, ids=[f"{c.stem}-{lay.stem}" for c, lay in CASES])
def test_the_headline_block_is_kicker_headline_subhead_in_their_styles_at_a_declared_size(built, content, layout):
    result, _ = built(content, layout)
    region = result.layout.regions["headline"]
    design = region.headline
    block = [lines_of(result, name) for name in ("kicker", "headline", "subhead")]
    for name, lines in zip(("kicker", "headline", "subhead"), block):
        assert "".join(t.text for t in lines) == "".join(getattr(result.content, name).split()), name
    kicker, headline, subhead = block
    assert {t.style for t in kicker} <= {design.kicker_style} and {t.style for t in subhead} <= {design.subhead_style}
    assert {t.size for t in headline} <= set(design.sizes)
    tops = [t.baseline for lines in block for t in lines]
    assert tops == sorted(tops, reverse=True), "kicker above the headline, subhead under it"
    assert all(region.box.y < b < region.box.top for b in tops)


def test_the_changde_headline_steps_down_on_the_broadsheet_and_stays_on_one_line(built):
    result, _ = built(CONTENTS[0], LAYOUTS[0])
    headline = lines_of(result, "headline")
    assert len(headline) == 1 and headline[0].size < result.layout.styles["headline"].size


@pytest.mark.parametrize("layout", LAYOUTS, ids=[lay.stem for lay in LAYOUTS])
def test_a_three_line_desk_edit_is_set_on_every_layout(tmp_path, layout):
    text = DEFAULT_CONTENT.read_text(encoding="utf-8")
    old = 'headline: "这些“新名片”，为大城衡阳铸就“新招牌”"'
    path = DEFAULT_CONTENT.parent / f".test-three-lines-{layout.stem}.yaml"
    path.write_text(text.replace(old, "headline: [这些“新名片”，, 为大城衡阳, 铸就“新招牌”]"), encoding="utf-8")
    try:
        result = build(path, layout)
    finally:
        path.unlink()
    headline = lines_of(result, "headline")
    assert [t.text for t in headline] == ["这些“新名片”，", "为大城衡阳", "铸就“新招牌”"]
    sizes = result.layout.regions["headline"].headline.sizes
    assert headline[0].size in sizes


def test_the_sidebar_headline_block_stands_on_its_rule(built):
    """The default page and the new contents: between the block's last line and the rule under it, less than one
    line of the block's last part (the ~20 mm of white under the headline is gone)."""
    layout = load_layout(LAYOUTS[2])
    region = layout.regions["headline"]
    for content in [DEFAULT_CONTENT, *CONTENTS]:
        result, _ = built(content, LAYOUTS[2])
        last = min((t for t in result.page.texts() if t.region == "headline"), key=lambda t: t.baseline)
        assert last.baseline - region.box.y < result.layout.styles[last.style].leading, content.stem
        assert last.baseline - region.box.y < 5 * MM


def test_a_kicker_the_layout_has_no_style_for_is_noted_not_dropped_silently(tmp_path):
    text = (ROOT / "layout" / "tabloid.yaml").read_text(encoding="utf-8").replace("    kicker_style: kicker\n", "")
    layout = ROOT / "layout" / ".test-no-kicker.yaml"
    layout.write_text(text, encoding="utf-8")
    try:
        result = build(CONTENTS[0], layout)
    finally:
        layout.unlink()
    assert "kicker: not set (no region of 衡阳日报 四开 6 栏 sets it)" in "\n".join(result.report.notes)
    assert not lines_of(result, "kicker")
