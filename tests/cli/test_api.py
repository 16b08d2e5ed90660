"""The documented Python API: build to bytes or a file, check, preflight."""

from __future__ import annotations

import pytest

import hengyang_print as hp


def test_build_to_bytes_and_to_a_file(page_copy, tmp_path):
    pdf = hp.build(page_copy, layout="broadsheet")
    assert pdf.startswith(b"%PDF-1.3") and not (tmp_path / "mine.pdf").exists()
    out = tmp_path / "out" / "page.pdf"
    assert hp.build(page_copy, output=out) == pdf and out.read_bytes() == pdf


def test_check_returns_the_rule_breaks_the_command_counts(page_copy, capsys):
    from hengyang_print.cli.main import main

    breaks = hp.check(page_copy)
    assert all(v.rule and v.block for v in breaks)
    main(["check", str(page_copy)])
    counted = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("check: "))
    assert counted.startswith(f"check: {len(breaks)} rule break")


def test_preflight_of_a_built_page(page_copy, tmp_path):
    out = tmp_path / "page.pdf"
    hp.build(page_copy, output=out)
    report = hp.preflight(out)
    assert report.errors == 0 and report.findings


def test_errors_are_build_errors_with_located_messages(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("headline: x\n", encoding="utf-8")
    with pytest.raises(hp.BuildError) as info:
        hp.build(bad)
    assert all(m.startswith(str(bad)) for m in info.value.messages)


def test_importing_the_package_imports_nothing_heavy():
    import subprocess
    import sys

    code = (
        "import sys, hengyang_print; print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab',"
        " 'yaml', 'fontTools', 'PIL')))"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
