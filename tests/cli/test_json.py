"""--format json: one document on stdout, valid against its schema in schema/; diff's exit status as diff(1)."""

from __future__ import annotations

import json

from .conftest import SEED_CONTENT, run, validator


def test_build_report_as_json(page_copy, tmp_path):
    done = run("build", str(page_copy), "--format", "json")
    assert done.returncode == 0
    doc = json.loads(done.stdout)
    validator("build-report").validate(doc)
    (page,) = doc["pages"]
    assert doc["ok"] and page["output"] == str(tmp_path / "mine.pdf")
    assert page["bytes"] == (tmp_path / "mine.pdf").stat().st_size and page["trim_mm"] == [390.0, 543.0]
    assert page["copyfit"].startswith("intro ") and doc["diagnostics"] == []


def test_a_failed_build_reports_located_diagnostics_as_json(tmp_path):
    bad = SEED_CONTENT.parents[1] / "tests" / "bad_inputs" / "content-many-errors.yaml"
    done = run("build", str(bad), "-o", str(tmp_path / "x.pdf"), "--format", "json")
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    validator("build-report").validate(doc)
    assert not doc["ok"] and len(doc["diagnostics"]) == 5
    first = doc["diagnostics"][0]
    assert (first["file"], first["line"], first["column"], first["severity"]) == (str(bad), 4, 11, "error")
    assert first["message"] == "headline is empty (expected text)"


def test_several_pages_report_each_page(page_copy, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(page_copy.read_text(encoding="utf-8").replace("headline: ", "headline: [", 1), encoding="utf-8")
    done = run("build", str(page_copy), str(broken), "-o", str(tmp_path / "out"), "--format", "json", "-j", "1")
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    validator("build-report").validate(doc)
    ok, failed = doc["pages"]
    assert ok["ok"] and not failed["ok"] and "malformed YAML" in failed["diagnostics"][0]["message"]


def test_diff_exits_0_when_the_same_and_1_when_different_with_json(page_copy, tmp_path):
    same = run("diff", str(page_copy), str(page_copy), "--format", "json", "--dpi", "20")
    assert same.returncode == 0
    doc = json.loads(same.stdout)
    validator("diff").validate(doc)
    assert doc["identical"] and doc["image"] is None and doc["changed"] == []

    edited = tmp_path / "edited.yaml"
    edited.write_text(page_copy.read_text(encoding="utf-8").replace("本报记者", "本报通讯员"), encoding="utf-8")
    differ = run("diff", str(page_copy), str(edited), "--format", "json", "--dpi", "20")
    assert differ.returncode == 1
    doc = json.loads(differ.stdout)
    validator("diff").validate(doc)
    assert not doc["identical"] and doc["image"] == str(tmp_path / "edited.diff.png")
    (change,) = [c for c in doc["changed"] if c["block"] == "byline"]
    assert change["added"] == 3 and change["removed"] == 2  # 记者 → 通讯员
    assert (tmp_path / "edited.diff.png").read_bytes().startswith(b"\x89PNG")


def test_diff_image_must_be_png(page_copy, tmp_path):
    done = run("diff", str(page_copy), str(page_copy), "-o", str(tmp_path / "d.pdf"))
    assert done.returncode == 2 and b"usage: hengyang-print diff" in done.stderr
