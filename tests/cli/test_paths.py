"""Paths like Typst: output beside the input, the project folder (--root, marker), bundled layouts and fonts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.cli.main import main
from hengyang_print.errors import BuildError
from hengyang_print.load.loader import load_layout
from hengyang_print.paths import MARKER, bundled, project_root, resolve_layout

from .conftest import run


def test_the_pdf_goes_beside_the_content_file_wherever_the_user_stands(page_copy, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["build", str(page_copy)]) == 0
    assert (page_copy.parent / "mine.pdf").read_bytes().startswith(b"%PDF-1.3")
    assert list(elsewhere.iterdir()) == []


def test_two_pages_of_one_name_in_two_folders_do_not_overwrite_each_other(page_copy, tmp_path):
    other = tmp_path / "b" / "mine.yaml"
    other.parent.mkdir()
    shutil.copy(page_copy, other)
    assert main(["build", str(page_copy)]) == main(["build", str(other)]) == 0
    assert (tmp_path / "mine.pdf").is_file() and (tmp_path / "b" / "mine.pdf").is_file()


def test_the_bundled_sample_page_is_written_into_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    assert (tmp_path / "hengyang-2018.pdf").is_file()
    assert not any(p.suffix == ".pdf" for p in bundled("content").iterdir())
    assert capsys.readouterr().out.startswith("hengyang-2018.pdf\n")


def test_o_names_the_output(page_copy, tmp_path):
    out = tmp_path / "x" / "press.pdf"
    assert main(["build", str(page_copy), "-o", str(out)]) == 0
    assert out.is_file() and not (tmp_path / "mine.pdf").exists()


def test_a_bundled_layout_by_name_and_a_layout_by_path(page_copy, tmp_path):
    assert resolve_layout("tabloid") == bundled("layout", "tabloid.yaml")
    assert resolve_layout(None) == bundled("layout", "broadsheet.yaml")
    assert main(["build", str(page_copy), "--layout", "tabloid", "-o", str(tmp_path / "t.pdf")]) == 0
    mine = tmp_path / "mylayout.yaml"
    shutil.copy(bundled("layout", "tabloid.yaml"), mine)  # fonts/… beside it do not exist: the bundled faces
    assert main(["build", str(page_copy), "--layout", str(mine), "-o", str(tmp_path / "p.pdf")]) == 0
    assert (tmp_path / "t.pdf").read_bytes() == (tmp_path / "p.pdf").read_bytes()


def test_a_layout_that_does_not_exist_exits_1_by_name_or_by_path(page_copy):
    """Same cause, same status: what the command line names does not exist (exit 1), not a malformed command line."""
    done = run("build", str(page_copy), "--layout", "broadshet")
    err = done.stderr.decode()
    assert done.returncode == 1 and err.startswith("error: --layout broadshet: no such file, nor a bundled layout")
    assert "(bundled: broadsheet, tabloid" in err and "did you mean 'broadsheet'?" in err and "usage:" not in err
    missing = run("build", str(page_copy), "--layout", "missing/x.yaml")  # a path: the loader says it cannot read it
    assert missing.returncode == 1 and b"missing/x.yaml: cannot read" in missing.stderr


def test_the_project_folder_is_the_nearest_with_a_marker_else_the_content_folder(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert project_root(deep / "page.yaml") == deep
    (tmp_path / "a" / MARKER).touch()
    assert project_root(deep / "page.yaml") == tmp_path / "a"
    assert project_root(ROOT / "content" / "hengyang-2018.yaml") == ROOT  # the repository marks itself


def test_a_font_beside_the_layout_wins_over_the_bundled_one(tmp_path):
    layout = tmp_path / "layout.yaml"
    shutil.copy(bundled("layout", "broadsheet.yaml"), layout)
    (tmp_path / "fonts").mkdir()
    own = tmp_path / "fonts" / "NotoSansSC-Bold.ttf"
    shutil.copy(bundled("fonts", "NotoSansSC-Bold.ttf"), own)
    fonts = load_layout(layout).fonts
    assert fonts["hei"] == str(own)
    assert fonts["song"] == str(bundled("fonts", "NotoSerifSC-Regular.ttf"))


def test_a_photo_outside_the_root_is_refused_unless_allowed(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "photos"
    project.mkdir()
    outside.mkdir()
    shutil.copy(ROOT / "content" / "photos" / "xiangjiang-sample.jpg", outside / "p.jpg")
    text = (
        (ROOT / "content" / "hengyang-2019.yaml")
        .read_text(encoding="utf-8")
        .replace("photos/xiangjiang-sample.jpg", "../photos/p.jpg")
    )
    page = project / "page.yaml"
    page.write_text(text, encoding="utf-8")
    assert main(["build", str(page)]) == 1
    assert main(["build", str(page), "--allow-dir", str(outside)]) == 0
    assert main(["build", str(page), "--root", str(tmp_path)]) == 0  # the wider project holds it


def test_root_is_strict_for_the_layout_too(tmp_path, page_copy):
    """With --root, a layout outside it may not name its own neighbours either (bundled faces stay allowed)."""
    side = tmp_path / "side"
    (side / "fonts").mkdir(parents=True)
    shutil.copy(bundled("fonts", "NotoSansSC-Bold.ttf"), side / "fonts" / "NotoSansSC-Bold.ttf")
    shutil.copy(bundled("layout", "broadsheet.yaml"), side / "layout.yaml")
    project = tmp_path / "project"
    project.mkdir()
    with pytest.raises(BuildError) as info:
        load_layout(side / "layout.yaml", root=project)
    assert (
        len(info.value.messages) == 1
        and "fonts.hei: 'fonts/NotoSansSC-Bold.ttf' lies outside the project folder" in info.value.messages[0]
    )


def test_a_root_that_is_not_a_folder_exits_1(page_copy, tmp_path):
    done = run("build", str(page_copy), "--root", str(tmp_path / "nope"))
    assert done.returncode == 1 and done.stderr.startswith(b"error: --root ") and b"not a folder" in done.stderr


def test_a_layout_one_level_below_the_filesystem_root_does_not_open_everything(tmp_path):
    """The old rule (the layout's parent's parent) made / the project of /x/layout.yaml."""
    from hengyang_print.paths import Places

    places = Places(project_root(Path("/x/layout.yaml")))
    assert not places.admits(Path("/etc/passwd")) and places.admits(Path("/x/fonts/a.ttf"))
