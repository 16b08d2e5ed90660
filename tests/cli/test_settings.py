"""Project settings: hengyang-print.toml holds the project's defaults, every command reads them, the command line
overrides them, init writes one naming its own layout, and a mistake in it is an error at FILE:LINE:COL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hengyang_print.cli.main import main
from hengyang_print.errors import BuildError
from hengyang_print.paths import MARKER, bundled
from hengyang_print.settings import OTHER_TABLES, for_project, read

from .conftest import run


def project(tmp_path: Path, settings: str) -> Path:
    """A project folder with these settings, the seed page in content/ and a layout of its own in layout/."""
    (tmp_path / MARKER).write_text(settings, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "layout").mkdir()
    shutil.copy(bundled("content", "hengyang-2018.yaml"), tmp_path / "content" / "page.yaml")
    shutil.copy(bundled("layout", "broadsheet.yaml"), tmp_path / "layout" / "page.yaml")
    return tmp_path / "content" / "page.yaml"


def test_every_setting_is_read_and_paths_are_the_projects(tmp_path):
    (tmp_path / "myfonts").mkdir()
    page = project(
        tmp_path,
        'layout = "layout/page.yaml"\noutput = "out"\nfonts = "myfonts"\n\n[proof]\ndpi = 150\n\n'
        '[preflight]\nprofile = "pdfx1a"\n\n[signoff]\nchain = ["一校"]\n',
    )
    s = for_project(page)
    assert (s.layout, s.output, s.fonts) == (tmp_path / "layout/page.yaml", tmp_path / "out", tmp_path / "myfonts")
    assert (s.proof_dpi, s.preflight_profile, s.file) == (150.0, "pdfx1a", tmp_path / MARKER)
    assert "signoff" in OTHER_TABLES  # the ledger's table: declared, not read here, not an error


def test_a_bundled_layout_by_name_and_no_settings_outside_a_project(tmp_path):
    page = project(tmp_path, 'layout = "tabloid"\n')
    assert for_project(page).layout == bundled("layout", "tabloid.yaml")
    lone = tmp_path / "elsewhere" / "x.yaml"
    lone.parent.mkdir()
    (tmp_path / MARKER).unlink()
    assert for_project(lone).layout is None and for_project(lone).file is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ('layuot = "tabloid"\n', ":1:1: unknown key 'layuot' in the settings; did you mean 'layout'?"),
        ("\n[proof]\ndpu = 100\n", ":3:1: unknown key 'dpu' in [proof]; did you mean 'dpi'?"),
        ("[prof]\ndpi = 100\n", ":1:1: unknown table [prof]; did you mean [proof]?"),
        ("[signof]\nchain = []\n", ":1:1: unknown table [signof]; did you mean [signoff]?"),
        ("dpi = 100\n", ":1:1: unknown key 'dpi' in the settings; did you mean 'proof.dpi'?"),
        ('layout = "broadshet"\n', ":1:10: layout 'broadshet': no such file, nor a bundled layout"),
        ('layout = "layout/nope.yaml"\n', ":1:10: layout 'layout/nope.yaml': no such file"),
        ("[proof]\ndpi = 0\n", ":2:7: dpi must be a number above 0 and at most 2400 (got 0)"),
        (
            '[preflight]\nprofile = "newspapr"\n',
            ":2:11: profile 'newspapr' is not one of: pdfx1a, newspaper; did you mean",
        ),
        ('output = "content/page.yaml"\n', ":1:10: output 'content/page.yaml' is a file; name a folder"),
        ('layout = "tabloid\n', ":1:18: malformed TOML: a text in quotes is not closed on its line"),
    ],
    ids=[
        "key-typo",
        "table-key-typo",
        "table-typo",
        "other-modules-table-typo",
        "key-of-a-table-at-the-top",
        "layout-name-typo",
        "layout-path-typo",
        "dpi-zero",
        "profile-typo",
        "output-is-a-file",
        "toml-syntax",
    ],
)
def test_a_mistake_is_an_error_at_its_line_with_the_nearest_name(tmp_path, text, expected):
    project(tmp_path, text)
    with pytest.raises(BuildError) as info:
        read(tmp_path / MARKER)
    assert any(m.startswith(f"{tmp_path / MARKER}{expected}") for m in info.value.messages), info.value.messages


def test_every_mistake_of_the_file_at_once_in_its_order(tmp_path):
    project(tmp_path, 'outptu = "out"\nlayout = "broadshet"\n[proof]\ndpi = -1\n')
    with pytest.raises(BuildError) as info:
        read(tmp_path / MARKER)
    assert [m.split(":")[1] for m in info.value.messages] == ["1", "2", "4"]


def test_a_command_stops_on_a_broken_settings_file_with_exit_1(tmp_path):
    page = project(tmp_path, '[proof]\ndpi = "high"\n')
    done = run("check", str(page))
    err = done.stderr.decode()
    assert done.returncode == 1 and err.startswith(f"{tmp_path / MARKER}:2:7: error: dpi must be a number")
    assert ' 2 | dpi = "high"' in err  # the source line, as every message shows it


def test_the_settings_layout_is_used_and_the_command_line_overrides_it(tmp_path, capsys):
    """A project whose own layout prints the headline in cyan: built without --layout, the page is cyan."""
    page = project(tmp_path, 'layout = "layout/page.yaml"\noutput = "out"\n')
    layout = tmp_path / "layout" / "page.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("red: [0, 100, 100, 10]", "red: [100, 0, 0, 0]"))
    assert main(["build", str(page), "--format", "json"]) == 0
    assert '"layout": "' + str(layout) in capsys.readouterr().out
    built = tmp_path / "out" / "page.pdf"  # the settings' output folder
    assert b"1 0 0 0 k" in _content(built) and not (tmp_path / "content" / "page.pdf").exists()
    assert main(["build", str(page), "--layout", "broadsheet", "-o", str(tmp_path / "bundled.pdf")]) == 0
    assert b"1 0 0 0 k" not in _content(tmp_path / "bundled.pdf")


def _content(pdf: Path) -> bytes:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return doc.pages[0].Contents.read_bytes()


def test_proof_dpi_and_preflight_profile_come_from_the_settings(tmp_path):
    page = project(tmp_path, '[proof]\ndpi = 12\n[preflight]\nprofile = "pdfx1a"\n')
    assert run("proof", str(page), "-o", str(tmp_path / "p")).returncode == 0
    from PIL import Image

    with Image.open(tmp_path / "p" / "page.png") as png:  # 390 mm at 12 dpi
        assert abs(png.width - 390 / 25.4 * 12) <= 1  # not the 100 dpi default
    assert run("build", str(page), "-o", str(tmp_path / "p.pdf")).returncode == 0
    assert b"(pdfx1a)" in run("preflight", str(tmp_path / "p.pdf"), cwd=tmp_path).stdout
    assert b"(newspaper)" in run("preflight", str(tmp_path / "p.pdf"), "--profile", "newspaper", cwd=tmp_path).stdout


def test_the_fonts_folder_holds_the_projects_own_faces(tmp_path):
    """A face in the settings' fonts folder wins over the bundled one of the same file name."""
    (tmp_path / "myfonts").mkdir()
    own = tmp_path / "myfonts" / "NotoSansSC-Bold.ttf"
    shutil.copy(bundled("fonts", "NotoSansSC-Bold.ttf"), own)
    page = project(tmp_path, 'layout = "layout/page.yaml"\nfonts = "myfonts"\n')
    import hengyang_print as hp

    assert hp.build(page).result.layout.fonts["hei"] == str(own)
    assert hp.build(page).result.layout.fonts["song"] == str(bundled("fonts", "NotoSerifSC-Regular.ttf"))


def test_serve_takes_the_settings_too(tmp_path, monkeypatch):
    from hengyang_print.room import server

    calls = []
    monkeypatch.setattr(server, "serve", lambda *args, **kw: calls.append((args, kw)))
    page = project(tmp_path, 'layout = "tabloid"\n')
    assert main(["serve", str(page)]) == 0
    (content, layout, *_), options = calls[0]
    assert layout == str(bundled("layout", "tabloid.yaml")) and options["fonts_dir"] is None


def test_init_writes_settings_that_name_its_layout_and_a_change_to_it_shows(tmp_path):
    """The issue's slip: a starter project's red changed to cyan, built without --layout, gave the bundled page."""
    assert run("init", "proj", cwd=tmp_path).returncode == 0
    proj = tmp_path / "proj"
    assert read(proj / MARKER).layout == proj / "layout" / "broadsheet.yaml"
    layout = proj / "layout" / "broadsheet.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("red: [0, 100, 100, 10]", "red: [100, 0, 0, 0]"))
    assert run("build", "content/page.yaml", cwd=proj).returncode == 0
    assert b"1 0 0 0 k" in _content(proj / "content" / "page.pdf")
