"""hengyang-print init DIR: a starter project that builds as written, and never replaces a file."""

from __future__ import annotations

from hengyang_print.paths import MARKER

from .conftest import run


def test_init_writes_a_project_that_builds(tmp_path):
    done = run("init", "proj", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    proj = tmp_path / "proj"
    assert {p.relative_to(proj).as_posix() for p in proj.rglob("*") if p.is_file()} == {
        MARKER,
        "README.md",
        "content/page.yaml",
        "content/photos/xiangjiang-sample.jpg",
        "layout/broadsheet.yaml",
        "schema/content.schema.json",
        "schema/layout.schema.json",
    }
    assert "hengyang-print build content/page.yaml" in (proj / "README.md").read_text(encoding="utf-8")
    built = run("build", "content/page.yaml", "--layout", "layout/broadsheet.yaml", cwd=proj)
    assert built.returncode == 0, built.stderr
    assert (proj / "content" / "page.pdf").read_bytes().startswith(b"%PDF")


def test_init_never_replaces_a_file(tmp_path):
    (tmp_path / "README.md").write_text("mine", encoding="utf-8")
    done = run("init", str(tmp_path))
    assert done.returncode == 1 and b"README.md: exists already" in done.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine" and not (tmp_path / MARKER).exists()
