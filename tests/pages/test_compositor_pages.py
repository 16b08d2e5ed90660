"""The test pages of tests/pages/content (new text, not the seed's) on all three shipped layouts, each
built as an editor would build it (no --allow-overset), with at most one round of the tool's first figures
where the page as written breaks a rule (issue 22 made where headers land part of the fit): every flow ends
flush within the layout's fit: bounds (齐底), and `check`'s two passes — the audit on the display list and on
the PDF's glyphs — and the content lint find nothing; no justified gap is wider than ⅛ em."""

from __future__ import annotations

from pathlib import Path

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.compose import clreq
from hengyang_print.load.loader import load_content
from hengyang_print.model import TextItem
from hengyang_print.place.page import body_grid
from hengyang_print.tools.audit import audit_page, audit_pdf, gap_report
from hengyang_print.tools.lint import lint

from .rounds import one_round

PAGES = sorted((Path(__file__).parent / "content").glob("*.yaml"))
LAYOUTS = [ROOT / "layout" / name for name in ("broadsheet.yaml", "tabloid.yaml", "tabloid-sidebar.yaml")]
CASES = [(page, layout) for page in PAGES for layout in LAYOUTS]
IDS = [f"{page.stem}-{layout.stem}" for page, layout in CASES]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    cache: dict = {}

    def get(page: Path, layout: Path):
        if (page, layout) not in cache:
            made = one_round(page, layout, f"compositor-{page.stem}-{layout.stem}")
            assert made.rounds <= 1
            pdf = tmp_path_factory.mktemp("pages") / f"{page.stem}-{layout.stem}.pdf"
            pdf.write_bytes(made.result.pdf)
            cache[page, layout] = (made.result, pdf)
        return cache[page, layout]

    return get


def test_there_are_six_new_pages_at_least():
    assert len(PAGES) >= 6


@pytest.mark.parametrize("page, layout", CASES, ids=IDS)
def test_check_finds_nothing_on_the_display_list_nor_in_the_pdf(built, page, layout):
    result, pdf = built(page, layout)
    assert [str(v) for v in audit_page(result.page, result.content, result.layout)] == []
    assert [str(v) for v in audit_pdf(pdf, result.content, result.layout)] == []
    written = load_content(page)  # lint reads the text as written (a cut figure may leave a sentence open)
    assert [w.format(written) for w in lint(written)] == []
    assert not result.report.overset and not result.report.unfit and not result.report.flaws


@pytest.mark.parametrize("page, layout", CASES, ids=IDS)
def test_no_justified_gap_is_wider_than_an_eighth_em(built, page, layout):
    result, _ = built(page, layout)
    report = gap_report(result.page)
    assert report.count > 500  # a page of justified lines, not an empty sample
    assert report.largest <= clreq.LETTERSPACE_MAX + 0.01


@pytest.mark.parametrize("page, layout", CASES, ids=IDS)
def test_every_column_ends_flush(built, page, layout):
    """齐底: in every flowed region (intro, items), the last line of each column stands on the region's last
    grid row, measured on the display list's baselines."""
    result, _ = built(page, layout)
    flowed = [r for r in result.layout.regions.values() if r.kind in ("flow", "items")]
    assert flowed
    for region in flowed:
        leading = result.layout.styles[region.style].leading
        frames, grid0 = body_grid(result.layout, region)
        last_row = grid0 - (int(region.box.height / leading + 1e-6) - 1) * leading
        lowest = {}
        for item in result.page.items:
            if isinstance(item, TextItem) and item.region == region.name:
                lowest[item.column] = min(lowest.get(item.column, item.baseline), item.baseline)
        assert sorted(lowest) == list(range(len(frames))), f"{region.name}: a column is empty"
        assert {c: round(b - last_row, 2) for c, b in lowest.items()} == {c: 0.0 for c in lowest}, region.name


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_test_page_validates_against_the_content_schema(page):
    import json

    import jsonschema
    import yaml

    schema = json.loads((ROOT / "schema" / "content.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(page.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
    assert not errors, errors
