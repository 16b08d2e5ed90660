"""check on a page that does not fit: the whole copyfit, the lint and the audit, blamed on the content; the same
exact figures in build, check, --allow-overset and check --format json (validated against schema/check.schema.json)."""

from __future__ import annotations

import json
import re

import pytest

from hengyang_print.cli.main import main
from hengyang_print.errors import OversetError
from hengyang_print.place.fit import phrase
from hengyang_print.run.build import make_page

from ..place.fitcases import LAYOUTS, variant
from ..schemas import validator


@pytest.fixture(scope="module")
def overset(tmp_path_factory):
    return variant(tmp_path_factory.mktemp("over"), LAYOUTS["broadsheet"], "over", 40)


def test_check_on_an_overset_page_prints_everything_and_blames_the_content(overset, capsys):
    assert main(["check", str(overset)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^check: \d+ rule breaks?", out, re.M)  # the audit ran
    assert "lint: " in out  # the lint ran
    assert re.search(r"^items: 4 columns × 46 lines, \d+ used, \d+ more do not fit", out, re.M)  # the copyfit table
    assert re.search(r"^items\[7\]  ", out, re.M)  # per item
    # the error names the content file, the paragraph's line and column, and the block, never the layout
    assert re.search(
        rf"^error: {re.escape(str(overset))}:\d+:\d+: items\[7\]\.body\[1\]: cut \d+ characters from the end", out, re.M
    )
    assert "layout/broadsheet.yaml" not in out.split("lint:")[0].split("check:")[-1]


@pytest.mark.parametrize("action", ["over", "short"])
def test_a_flow_that_does_not_fit_is_reported_once_by_copyfit_not_again_as_short_columns(tmp_path, capsys, action):
    # the overset page's last column ends short and a paragraph is missing from it: copyfit's error says so with
    # its cuts; the audit does not repeat it as short-column / unbalanced / text findings
    path = variant(tmp_path, LAYOUTS["broadsheet"], action, 40)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"^error: {re.escape(str(path))}: items: ", out, re.M)
    audit = out.split("\ncheck: ")[0]
    assert not re.search(r": (short-column|unbalanced|text): ", audit), audit


def test_build_check_and_allow_overset_give_the_same_figures(overset, capsys):
    with pytest.raises(OversetError) as err:
        make_page(overset, LAYOUTS["broadsheet"])
    report = make_page(overset, LAYOUTS["broadsheet"], allow_overset=True)[3]
    assert report.suggestions
    for s in report.suggestions:
        assert any(m.endswith(f"{s.block}: {phrase(s)}") for m in err.value.messages)
    assert main(["check", str(overset), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(s["block"], s["action"], s["characters"], s["lines"]) for s in data["suggestions"]] == [
        (str(s.block), s.action, s.characters, s.lines) for s in report.suggestions
    ]
    assert data["errors"] == [m for m in err.value.messages if m.startswith(str(overset))]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("action", ["over", "short"])
def test_check_json_follows_its_schema(tmp_path, capsys, layout, action):
    path = variant(tmp_path, LAYOUTS[layout], action, 40)
    assert main(["check", str(path), "--layout", str(LAYOUTS[layout]), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    validator("check").validate(data)
    assert not data["ok"] and data["suggestions"]
    first = data["suggestions"][0]
    assert first["action"] == ("cut" if action == "over" else "add") and first["characters"] > 0 and first["lines"] > 0
    assert first["location"].startswith(f"{path}:")
    items = next(r for r in data["copyfit"]["regions"] if r["name"] == "items")
    assert items["state"] == ("overset" if action == "over" else "short")


def test_check_json_on_the_default_page_lists_the_adjustments(capsys):
    """The default page as printed ends flush but breaks two placement rules no arrangement within the layout's
    bounds keeps (issue 22: item 7 of five lines split, items 5 and 8 abreast): check fails it, naming both, with the
    figure that keeps them."""
    assert main(["check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    validator("check").validate(data)
    assert not data["ok"] and not data["errors"]
    rules = {(f["rule"], f["block"]) for f in data["findings"] if f["kind"] == "audit"}
    assert rules == {("item-split", "items[7]"), ("headers-abreast", "items[8].headline")}
    assert [(s["block"], s["action"]) for s in data["suggestions"]] == [("items[7].body[0]", "add")]
    regions = {r["name"]: r for r in data["copyfit"]["regions"]}
    assert regions["items"]["state"] == "flush" and regions["items"]["used"] == [regions["items"]["lines"]] * 4
    assert all(
        a["what"] in ("looseness", "tracking", "space_before", "photo_rows") for a in data["copyfit"]["adjustments"]
    )
    assert data["copyfit"]["adjustments"], "the default page needs flexing to end flush"
    lint = [f for f in data["findings"] if f["kind"] == "lint"]
    assert lint and all(re.match(r".+:\d+:\d+$", f["location"]) for f in lint)
