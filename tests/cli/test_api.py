"""The Python API does what the command line does and returns what it found: the PDF with its report, check's
findings, the proof's files, diff's comparison, preflight's report; the project's settings apply alike."""

from __future__ import annotations

import json
import shutil

import pytest

import hengyang_print as hp
from hengyang_print.paths import MARKER, bundled

from .conftest import run


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed page built once by the API, and by the command line with --format json, in a folder of its own."""
    folder = tmp_path_factory.mktemp("api")
    page = folder / "mine.yaml"
    shutil.copy(bundled("content", "hengyang-2018.yaml"), page)
    cli = run("build", str(page), "-o", str(folder / "cli.pdf"), "--format", "json")
    return page, hp.build(page, layout="broadsheet"), json.loads(cli.stdout)["pages"][0]


def test_build_returns_the_pdf_and_the_report_the_command_prints(built, tmp_path):
    page, result, cli = built
    assert result.pdf.startswith(b"%PDF-1.3") and result.output is None and not (page.parent / "mine.pdf").exists()
    assert result.pdf == (page.parent / "cli.pdf").read_bytes()  # deterministic: the same bytes as the command's
    assert result.summary == cli["copyfit"] and result.notes == cli["notes"]
    assert result.adjustments and all(a["what"] and a["block"].startswith("items[") for a in result.adjustments)
    assert result.adjustments == result.copyfit["adjustments"]
    out = tmp_path / "page.pdf"
    assert hp.build(page, output=out).output == out and out.read_bytes() == result.pdf


def test_the_warnings_are_the_ones_build_prints_and_its_json_lists(built):
    """Placement rules no arrangement within the bounds keeps, and the edit that would fit: said alike by the
    printed build, its JSON diagnostics and the API (the default page breaks two, and says what to add)."""
    page, result, cli = built
    text = run("build", str(page), "-o", str(page.parent / "text.pdf"), env={"LANGUAGE": "en"})
    printed = (text.stdout + text.stderr).decode().splitlines()
    said = [line.removeprefix("warning: ") for line in printed if line.startswith("warning: ")]
    assert said and result.warnings == said
    assert [d["message"] for d in cli["diagnostics"] if d["severity"] == "warning"] == said
    assert any(w.startswith("to fit: ") for w in said) and any("item-split" in w for w in said)


def test_the_findings_are_the_ones_check_prints(built, capsys):
    from hengyang_print.cli.main import main

    page, result, _ = built
    checked = hp.check(page)
    audited = [f for f in checked.findings if f.kind == "audit"]
    assert [f.message for f in result.findings] == [f.message for f in checked.findings]
    main(["check", str(page), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] == checked.ok and len(doc["findings"]) == len(checked.findings)
    assert sum(f["kind"] == "audit" for f in doc["findings"]) == len(audited)


def test_proof_writes_what_the_command_writes(built, tmp_path):
    page, _, _ = built
    files = hp.proof(page, output_dir=tmp_path, dpi=20)
    assert sorted(p.name for p in files.values()) == ["mine.png", "mine.proof.pdf", "mine.proof.png", "mine.txt"]
    assert all(p.parent == tmp_path and p.stat().st_size > 0 for p in files.values())


def test_diff_compares_two_versions(built, tmp_path):
    page, _, _ = built
    edited = tmp_path / "edited.yaml"
    edited.write_text(page.read_text(encoding="utf-8").replace("本报记者", "本报通讯员"), encoding="utf-8")
    assert hp.diff(page, page, dpi=20).identical
    change = hp.diff(page, edited, output=tmp_path / "d.png", dpi=20)
    (byline,) = [c for c in change.changed if c.block == "byline"]
    assert not change.identical and (byline.added, byline.removed) == (3, 2)
    assert (tmp_path / "d.png").read_bytes().startswith(b"\x89PNG")


def test_preflight_of_a_built_page(built, tmp_path):
    page, result, _ = built
    out = tmp_path / "page.pdf"
    out.write_bytes(result.pdf)
    report = hp.preflight(out)
    assert report.errors == 0 and report.findings


def test_the_project_settings_apply_to_the_api_as_to_the_command(tmp_path):
    """A project whose settings name the tabloid: the API builds it on the tabloid, as `build` does."""
    (tmp_path / MARKER).write_text('layout = "tabloid"\n', encoding="utf-8")
    page = tmp_path / "page.yaml"
    shutil.copy(bundled("content", "hengyang-2019.yaml"), page)
    (tmp_path / "photos").symlink_to(bundled("content", "photos"))
    result = hp.build(page)
    assert result.result.layout.source == str(bundled("layout", "tabloid.yaml"))
    assert hp.build(page, layout="broadsheet").result.layout.source == str(bundled("layout", "broadsheet.yaml"))


def test_errors_are_build_errors_with_located_messages(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("headline: x\n", encoding="utf-8")
    with pytest.raises(hp.BuildError) as info:
        hp.build(bad)
    assert all(m.startswith(str(bad)) for m in info.value.messages)


def test_importing_the_package_imports_nothing_heavy():
    import subprocess
    import sys

    heavy = "('reportlab', 'yaml', 'fontTools', 'PIL')"
    code = f"import sys, hengyang_print; print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy}))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
