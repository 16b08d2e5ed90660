"""The programme that composes only the relinings it picks (fit._fit_lazily) gives what the whole programme
gives, every relining composed: the same page, the same adjustments, on pages it was not tuned to."""

from __future__ import annotations

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.place import fit
from hengyang_print.run.build import make_page

CONTENTS = sorted((ROOT / "content").glob("*.yaml")) + sorted((ROOT / "tests" / "pages" / "content").glob("*.yaml"))
LAYOUTS = sorted((ROOT / "layout").glob("*.yaml"))


def _placed(content, layout):
    _, _, page, report = make_page(content, layout, allow_overset=True)
    return page.items, report.adjustments, report.suggestions, report.fill, report.overset


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("content", CONTENTS, ids=lambda p: p.stem)
def test_composing_only_what_is_picked_changes_nothing(content, layout, monkeypatch):
    picked = []
    lazily = fit._fit_lazily
    monkeypatch.setattr(fit, "_fit_lazily", lambda *a: picked.append(lazily(*a)) or picked[-1])
    lazy = _placed(content, layout)
    monkeypatch.setattr(fit, "_LAZY", False)
    assert _placed(content, layout) == lazy
    assert picked, "the flows went through the lazy programme"


def test_a_flow_that_fits_as_set_composes_no_relining(monkeypatch):
    """The default page's intro ends flush as set: no paragraph of it is composed a line longer or shorter."""
    asked = []
    monkeypatch.setattr(fit, "_relined", lambda seg, amount, *a: asked.append(seg.block) or None)
    make_page(ROOT / "content" / "hengyang-2018.yaml", ROOT / "layout" / "broadsheet.yaml", allow_overset=True)
    assert not [b for b in asked if b.field == "intro"]
