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


def test_with_tracking_steps_the_whole_programme_decides_with_every_kind_of_option(tmp_path, monkeypatch):
    """A tracking step's line count is known only by composing: such a flow goes to the whole programme, which
    must still see the space and photo options beside the paragraphs'."""
    text = (ROOT / "layout" / "broadsheet.yaml").read_text(encoding="utf-8")
    varied = text.replace(
        "    fit: {looseness: 1, min_last_line: 4, space_before: [1, 2], photo_rows: 1}\n",
        "    fit: {looseness: 1, min_last_line: 4, space_before: [1, 2], photo_rows: 1, tracking: [-0.02, 0.02]}\n",
    )
    assert varied != text
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    layout = tmp_path / "layout" / "tracking.yaml"
    layout.write_text(varied, encoding="utf-8")
    kinds = set()
    for content in CONTENTS:
        lazy = _placed(content, layout)
        kinds |= {a.what for a in lazy[1]}
        monkeypatch.setattr(fit, "_LAZY", False)
        assert _placed(content, layout) == lazy, content.name
        monkeypatch.setattr(fit, "_LAZY", True)
    assert "space_before" in kinds, "some page fits by rows of space: the test sees them"
