"""The test pages of tests/pages/content (new text, not the seed's) on both layouts: no finding of the
audit on the display list nor on the PDF's glyphs, and no justified gap wider than ⅛ em.

Column bottoms (齐底: a column ending short of the region's last grid line, columns of uneven depth)
are the fitting engineer's (issue 11 item 4, issue 12): excluded here, and asked for in full by the
xfail test below until the balancer makes every column flush.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.compose import clreq
from hengyang_print.run.build import build
from hengyang_print.tools.audit import audit_page, audit_pdf, gap_report

PAGES = sorted((Path(__file__).parent / "content").glob("*.yaml"))
LAYOUTS = [ROOT / "layout" / "broadsheet.yaml", ROOT / "layout" / "tabloid.yaml"]
COLUMN_BOTTOMS = {"short-column", "unbalanced"}
CASES = [(page, layout) for page in PAGES for layout in LAYOUTS]
IDS = [f"{page.stem}-{layout.stem}" for page, layout in CASES]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    cache: dict = {}

    def get(page: Path, layout: Path):
        if (page, layout) not in cache:
            result = build(page, layout)
            pdf = tmp_path_factory.mktemp("pages") / f"{page.stem}-{layout.stem}.pdf"
            pdf.write_bytes(result.pdf)
            cache[page, layout] = (result, pdf)
        return cache[page, layout]

    return get


def test_there_are_six_new_pages_at_least():
    assert len(PAGES) >= 6


@pytest.mark.parametrize("page, layout", CASES, ids=IDS)
def test_no_finding_but_column_bottoms(built, page, layout):
    result, pdf = built(page, layout)
    found = audit_page(result.page, result.content, result.layout) + audit_pdf(pdf, result.content, result.layout)
    assert [str(v) for v in found if v.rule not in COLUMN_BOTTOMS] == []


@pytest.mark.parametrize("page, layout", CASES, ids=IDS)
def test_no_justified_gap_is_wider_than_an_eighth_em(built, page, layout):
    result, _ = built(page, layout)
    report = gap_report(result.page)
    assert report.count > 500  # a page of justified lines, not an empty sample
    assert report.largest <= clreq.LETTERSPACE_MAX + 0.01


@pytest.mark.xfail(reason="column bottoms (齐底) are issue 11 item 4, the fitting engineer's: the balancer does not yet end every column flush", strict=False)
@pytest.mark.parametrize("page, layout", CASES, ids=IDS)
def test_every_column_ends_flush(built, page, layout):
    result, pdf = built(page, layout)
    found = audit_page(result.page, result.content, result.layout)
    assert [str(v) for v in found if v.rule in COLUMN_BOTTOMS] == []


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_test_page_validates_against_the_content_schema(page):
    import json

    import jsonschema
    import yaml

    schema = json.loads((ROOT / "schema" / "content.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(page.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
    assert not errors, errors
