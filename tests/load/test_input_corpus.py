"""The bad-input corpus: every file in tests/bad_inputs/ fails with exactly the errors its `# expect:` lines name.

Each case ends in comment lines: `# expect: LINE:COL: message fragment` (one per error, all reported in
one run), `# schema: rejects` when the JSON Schema must reject it too, `# stage: build` when the error
comes after loading (glyph check). Layout cases are loaded from a project folder whose fonts/ links
to the real fonts, as a newsroom project would have it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from hengyang_print.cli.common import DEFAULT_LAYOUT, ROOT
from hengyang_print.cli.main import main
from hengyang_print.errors import BuildError
from hengyang_print.load.loader import load_content, load_layout
from hengyang_print.run.build import build

CASES = sorted((Path(__file__).parents[1] / "bad_inputs").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.+)$", re.M)


def header(case: Path) -> str:
    return case.read_bytes().decode("utf-8", "replace")


def run_case(case: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """Load (or build) the case where a user would have it; return its path and the error messages."""
    if case.name.startswith("layout-"):
        (tmp_path / "layout").mkdir()
        (tmp_path / "fonts").symlink_to(ROOT / "fonts")
        path = tmp_path / "layout" / case.name
        shutil.copy(case, path)
        load = load_layout
    else:
        path = case
        load = (lambda p: build(p, DEFAULT_LAYOUT)) if "# stage: build" in header(case) else load_content
    with pytest.raises(BuildError) as info:
        load(path)
    return path, info.value.messages


def test_the_corpus_has_at_least_25_cases_each_with_an_expectation():
    assert len(CASES) >= 25
    for case in CASES:
        assert EXPECT.search(header(case)), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_each_bad_input_gives_exactly_its_located_errors(case, tmp_path):
    path, messages = run_case(case, tmp_path)
    expected = EXPECT.findall(header(case))
    assert len(messages) == len(expected), messages
    for line, col, fragment in expected:
        prefix = f"{path}:{line}:{col}: "
        assert any(m.startswith(prefix) and fragment in m for m in messages), (prefix + fragment, messages)


SCHEMA_CASES = [c for c in CASES if "# schema: rejects" in header(c)]


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=lambda p: p.stem)
def test_the_json_schema_rejects_the_structural_cases_too(case):
    kind = "layout" if case.name.startswith("layout-") else "content"
    schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(data)), case.name


def test_cli_reports_every_error_on_stderr_and_exits_1(capsys, tmp_path):
    """As a compiler does: FILE:LINE:COL: error: …, then the source line and a caret under the column."""
    case = Path(__file__).parents[1] / "bad_inputs" / "content-many-errors.yaml"
    out = tmp_path / "page.pdf"
    assert main(["build", str(case), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    heads = [l for l in lines if l.startswith(f"{case}:")]
    assert len(heads) == 5 and len(lines) == 15 and all(": error: " in h for h in heads), lines
    source = case.read_text(encoding="utf-8").splitlines()
    for head, quoted, caret in zip(lines[0::3], lines[1::3], lines[2::3]):
        line, column = map(int, head[len(str(case)) + 1 :].split(":")[:2])
        assert quoted == f" {line} | {source[line - 1]}"
        assert caret.startswith(" " * (len(str(line)) + 1) + " | ") and caret.endswith("^")
        under = caret[len(str(line)) + 4 : -1]  # the blanks before the caret: as wide as the text before the column
        assert len(under) == sum(2 if ord(ch) > 0x2E80 else 1 for ch in source[line - 1][: column - 1])
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out.exists()


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda p: p.write_bytes(b"headline: x\n" + b"#" * 10_000_000), "bytes (expected at most"),
        (
            lambda p: p.write_text("headline: " + "衡" * 1_000_000 + "\n", encoding="utf-8"),
            "headline is 1,000,000 characters",
        ),
        (lambda p: p.write_text("items:\n" + "  - a\n" * 60_000, encoding="utf-8"), "lines and list entries"),
        (lambda p: p.write_text("x: " + "[" * 5000 + "]" * 5000, encoding="utf-8"), "nesting"),
    ],
    ids=["10MB-file", "1MB-paragraph", "60000-entries", "5000-levels"],
)
def test_huge_inputs_end_in_a_clear_error(tmp_path, make, fragment):
    path = tmp_path / "content.yaml"
    make(path)
    with pytest.raises(BuildError) as info:
        load_content(path)
    assert any(fragment in m for m in info.value.messages), info.value.messages
