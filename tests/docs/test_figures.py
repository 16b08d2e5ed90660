"""The figures the documentation quotes are the code's: the layout defaults, the composition rules' values and
character sets, the audit's and preflight's rule codes, the fonts' coverage and sizes, the declared dependency
ranges; its JSON and YAML examples pass their schemas; the front doors stay short; both languages have every
page of the guide."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
import yaml

from hengyang_print.compose import clreq
from hengyang_print.load.defaults import DEFAULTS
from hengyang_print.load.loader import load_content
from hengyang_print.tools.audit import RULES as AUDIT_RULES
from hengyang_print.tools.preflight import RULES as PREFLIGHT_RULES

from ..cli.conftest import validator
from .markdown import DOCS, ROOT, blocks, guide_pages, pages, rel

LANGUAGES = ("en", "zh")
MM = 72 / 25.4
UNITS = {"mm": MM, "pt": 1.0, "cm": 10 * MM, "in": 72.0}


def page(language: str, name: str) -> Path:
    return (DOCS if language == "en" else DOCS / "zh-CN") / name


def table_rows(path: Path) -> list[list[str]]:
    """The cells of every table row of a page (the header and the rule rows included)."""
    return [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("|")
    ]


def unquoted(cell: str) -> str:
    return cell[1:-1] if cell.startswith("`") and cell.endswith("`") and len(cell) > 1 else cell


# ---------------------------------------------------------------- the layout defaults


def default_value(cell: str):
    """A default as the table writes it: a length with its unit (in points), `none`, or a YAML value."""
    length = re.fullmatch(r"(-?\d+(?:\.\d+)?)(mm|pt|cm|in)", cell)
    if length:
        return float(length[1]) * UNITS[length[2]]
    if cell == "none":
        return None
    value = yaml.safe_load(cell)
    return tuple(value) if isinstance(value, list) else value


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_defaults_table_is_defaults_py(language):
    rows = [r for r in table_rows(page(language, "03-layout.md")) if len(r) == 3 and unquoted(r[0]) in DEFAULTS]
    assert [unquoted(r[0]) for r in rows] == list(DEFAULTS), "the table lists every default, in the table's order"
    for key, cell, _ in rows:
        documented, actual = default_value(cell), DEFAULTS[unquoted(key)]
        if isinstance(actual, float | int) and not isinstance(actual, bool):
            assert documented == pytest.approx(actual), key
        else:
            assert documented == actual, key


def test_a_wrong_default_would_be_caught():
    assert default_value("5mm") == pytest.approx(DEFAULTS["print.crop_marks.length"])
    assert default_value("6mm") != pytest.approx(DEFAULTS["print.crop_marks.length"])
    assert default_value('"1.3"') == DEFAULTS["print.pdf_version"] and default_value("1.3") != "1.3"
    assert default_value("[0, 0]") == DEFAULTS["regions.*.fit.tracking"]


# ---------------------------------------------------------------- the composition rules


def clreq_quotes(path: Path) -> list[tuple[str, str]]:
    """(name, the cell after it) for every `clreq.NAME` a table row quotes."""
    found = []
    for cells in table_rows(path):
        for k, cell in enumerate(cells[:-1]):
            match = re.fullmatch(r"`clreq\.([A-Z_]+)`", cell)
            if match:
                found.append((match[1], unquoted(cells[k + 1])))
    return found


def matches(value, cell: str) -> bool:
    if isinstance(value, frozenset):
        return len(cell) == len(value) and set(cell) == value
    if isinstance(value, str):
        return cell == value
    return float(Fraction(cell)) == pytest.approx(value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_composition_tables_are_clreq_py(language):
    quoted = clreq_quotes(page(language, "05-composition.md"))
    assert len(quoted) >= 25
    for name, cell in quoted:
        assert matches(getattr(clreq, name), cell), f"clreq.{name} is {getattr(clreq, name)!r}, the page says {cell!r}"


def test_a_wrong_character_set_would_be_caught():
    assert (
        matches(clreq.OPERATORS, "±×÷") and not matches(clreq.OPERATORS, "±×") and not matches(clreq.OPERATORS, "±××")
    )
    assert matches(clreq.LETTERSPACE_MAX, "1/8") and not matches(clreq.LETTERSPACE_MAX, "0.12")


# ---------------------------------------------------------------- rule codes


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_audit_table_is_the_audits_rules(language):
    codes = [unquoted(r[0]) for r in table_rows(page(language, "07-proofing.md")) if unquoted(r[0]) in AUDIT_RULES]
    assert codes == list(AUDIT_RULES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_preflight_table_is_preflights_rules(language):
    rows = {}
    for cells in table_rows(page(language, "09-preflight.md")):
        if len(cells) == 4 and unquoted(cells[0]) in PREFLIGHT_RULES:
            rows[unquoted(cells[0])] = tuple(None if c == "—" else c for c in cells[2:])
    assert rows == {code: (a, b) for code, (a, b, _) in PREFLIGHT_RULES.items()}


# ---------------------------------------------------------------- fonts and dependencies


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_fonts_table_is_the_fonts(language):
    from fontTools.ttLib import TTFont

    rows = [r for r in table_rows(page(language, "10-fonts.md")) if len(r) == 5 and r[1].endswith(".ttf")]
    assert len(rows) == 4
    for _, file, _, characters, size in rows:
        font = ROOT / "fonts" / file
        assert int(characters.replace(",", "")) == len(TTFont(font, lazy=True).getBestCmap()), file
        assert size == f"{font.stat().st_size / 1e6:.1f} MB", file


def test_the_dependency_table_is_pyproject():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    ranges = {
        re.match(r"[A-Za-z0-9_.-]+", d)[0].lower(): d[len(re.match(r"[A-Za-z0-9_.-]+", d)[0]) :] for d in declared
    }
    rows = table_rows(DOCS / "dependencies.md")
    documented = {r[0]: unquoted(r[1]) for r in rows if len(r) == 3 and r[0].lower() in ranges}
    assert documented == ranges


# ---------------------------------------------------------------- examples


def examples(language: str) -> list:
    return [b for b in blocks_of_every_page() if b.language == language and b.note.startswith("schema:")]


def blocks_of_every_page():
    return [b for p in pages() for b in blocks(p)]


def schema_of(block) -> str:
    return block.note[len("schema:") :].strip().removesuffix(".schema.json")


JSON_EXAMPLES = examples("json")
YAML_EXAMPLES = examples("yaml")


def test_the_documentation_shows_json_outputs():
    assert {schema_of(b) for b in JSON_EXAMPLES} >= {"build-report", "check"}


@pytest.mark.parametrize("block", JSON_EXAMPLES, ids=[b.where() for b in JSON_EXAMPLES])
def test_every_json_example_passes_its_schema(block):
    validator(schema_of(block)).validate(json.loads(block.text))


@pytest.mark.parametrize("block", YAML_EXAMPLES, ids=[b.where() for b in YAML_EXAMPLES])
def test_every_content_example_passes_its_schema_and_loads(block, tmp_path):
    """The example page is a page: the schema takes it and so does the loader (its photo beside it)."""
    assert schema_of(block) == "content"
    validator("content").validate(yaml.safe_load(block.text))
    (tmp_path / "photos").mkdir()
    shutil.copy(ROOT / "content" / "photos" / "xiangjiang-sample.jpg", tmp_path / "photos")
    (tmp_path / "example.yaml").write_text(block.text, encoding="utf-8")
    content = load_content(tmp_path / "example.yaml")
    assert content.items and content.headline


SCHEMAS = sorted((ROOT / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_example_a_schema_carries_passes_it(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    for example in schema.get("examples", []):
        validator(path.name.removesuffix(".schema.json")).validate(example)


def test_a_wrong_example_would_be_caught():
    with pytest.raises(jsonschema.ValidationError):
        validator("build-report").validate({"command": "build", "version": 1, "ok": "yes", "diagnostics": []})


# ---------------------------------------------------------------- the pages themselves


@pytest.mark.parametrize("readme", ["README.md", "README.zh-CN.md"])
def test_the_front_doors_stay_short(readme):
    lines = (ROOT / readme).read_text(encoding="utf-8").count("\n")
    assert lines <= 150, f"{readme} has {lines} lines; the guide in docs/ holds the rest"


def test_the_readmes_keep_the_two_commands():
    for readme in ("README.md", "README.zh-CN.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        assert re.search(r"^make page\b", text, re.M) and re.search(r"^make test\b", text, re.M), readme


def test_the_guide_is_in_both_languages():
    english = [p.name for p in guide_pages("en")]
    assert english == [p.name for p in guide_pages("zh")]
    assert len(english) >= 12
    for language in LANGUAGES:
        index = page(language, "README.md").read_text(encoding="utf-8")
        for name in english:
            assert f"({name})" in index, f"{rel(page(language, 'README.md'))} does not list {name}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_settings_table_is_settings_py(language):
    from hengyang_print.settings import KNOWN, OTHER_TABLES

    documented = {
        unquoted(r[0])
        for r in table_rows(page(language, "01-getting-started.md"))
        if len(r) == 3 and r[0].startswith("`")
    }
    known = {f"[{table}] {key}" if table else key for table, key in KNOWN} | {f"[{t}]" for t in OTHER_TABLES}
    assert documented == known
