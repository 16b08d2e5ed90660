"""An output never replaces an input, nor any file the tool did not write; I/O errors name the output asked for."""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import subprocess
import sys
import time

import pytest

from hengyang_print.atomic import ORPHAN_AGE, write_atomically
from hengyang_print.cli.main import main
from hengyang_print.errors import BuildError
from hengyang_print.run.build import check_output, inputs

from .conftest import line_of


def test_o_naming_the_content_or_layout_file_is_refused_and_the_file_is_untouched(project, capsys):
    for target in (project.content, project.layout):
        before = target.read_bytes()
        assert main(["build", str(project.content), "--layout", str(project.layout), "-o", str(target)]) in (1, 2)
        assert target.read_bytes() == before  # refused as a name that is no PDF's (usage, 2) or as an input (1)
        capsys.readouterr()
    for target in (project.content, project.layout):  # under a PDF's name: refused before any work
        alias = project.root / f"{target.stem}-alias.pdf"
        alias.symlink_to(target)
        before = target.read_bytes()
        assert main(["build", str(project.content), "--layout", str(project.layout), "-o", str(alias)]) == 1
        assert target.read_bytes() == before and alias.is_symlink()
        err = capsys.readouterr().err
        assert err.startswith(f"error: {alias}: is an input of this command") and err.count("\n") == 1, err


def test_every_input_is_refused_as_an_output_fonts_photos_and_links_to_them(project, default_build, tmp_path):
    read = inputs(default_build)
    assert default_build.layout.fonts["song"] in read and default_build.layout.source in read
    for source in read:
        with pytest.raises(BuildError, match="is an input of this command"):
            check_output(source, read)
    link = tmp_path / "alias.pdf"
    link.symlink_to(default_build.layout.fonts["hei"])  # the same file under another name
    with pytest.raises(BuildError, match="is an input of this command"):
        check_output(link, read)


@pytest.mark.parametrize(
    "existing",
    [b"name: notes\n", b"", b"%PDF-1.7\n% a reference PDF from the plant, not ours\n", b"\x89PNG\r\n\x1a\n"],
    ids=["yaml", "empty", "foreign-pdf", "png"],
)
def test_a_file_that_is_not_a_pdf_this_tool_wrote_is_left_alone(project, existing, capsys):
    target = project.root / "content" / "notes.pdf"
    target.write_bytes(existing)
    assert main(["build", str(project.content), "--layout", str(project.layout), "-o", str(target)]) == 1
    assert target.read_bytes() == existing
    assert "is not a PDF this tool wrote; it is left untouched" in capsys.readouterr().err


def test_a_pdf_it_wrote_is_replaced(project, tmp_path):
    out = tmp_path / "out" / "page.pdf"
    assert main(["build", str(project.content), "--layout", str(project.layout), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["build", str(project.content), "--layout", str(project.layout), "-o", str(out)]) == 0
    assert out.read_bytes() == first and sorted(p.name for p in out.parent.iterdir()) == ["page.pdf"]


def test_an_output_that_is_a_folder_names_the_folder(project, capsys):
    folder = project.root / "out.pdf"
    folder.mkdir()
    assert main(["build", str(project.content), "--layout", str(project.layout), "-o", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {folder}: is a folder") and ".tmp" not in err


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_full_disk_or_read_only_folder_names_the_output_not_the_temporary_file(tmp_path, monkeypatch, code):
    out = tmp_path / "page.pdf"
    out.write_bytes(b"%PDF-previous")

    def fail(*args):
        raise OSError(code, os.strerror(code), str(tmp_path / ".page.pdf.xn24d_jj.tmp"))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(BuildError) as err:
        write_atomically(out, b"%PDF-new")
    (message,) = err.value.messages
    assert message == f"{out}: cannot write ({os.strerror(code)}); the previous file is untouched"
    assert out.read_bytes() == b"%PDF-previous" and [p.name for p in tmp_path.iterdir()] == ["page.pdf"]


def test_the_cli_reports_an_unwritable_output_in_one_line(project, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    out = tmp_path / "page.pdf"
    assert main(["build", str(project.content), "--layout", str(project.layout), "-o", str(out)]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {out}: cannot write (No space left on device); the previous file is untouched\n"
    )


# ---------------------------------------------------------------- temporary files of killed builds

HANGING_WRITER = """
import os, sys, time
from hengyang_print.atomic import write_atomically
os.fsync = lambda fd: (print("writing", flush=True), time.sleep(60))
write_atomically(sys.argv[1], b"%PDF-half")
"""


def test_a_temporary_file_left_by_a_killed_build_is_removed_by_the_next_build(tmp_path):
    out = tmp_path / "page.pdf"
    writer = subprocess.Popen([sys.executable, "-c", HANGING_WRITER, str(out)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"  # its temporary file is there, locked
    (tmp,) = tmp_path.glob(".page.pdf.*.tmp")
    write_atomically(out, b"%PDF-while-the-other-writes")
    assert tmp.exists()  # a live build's file is never taken for an orphan
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert tmp.exists() and not out.read_bytes().endswith(b"half")
    old = time.time() - ORPHAN_AGE - 1
    os.utime(tmp, (old, old))
    write_atomically(out, b"%PDF-next")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.pdf"] and out.read_bytes() == b"%PDF-next"


def test_a_young_or_locked_temporary_file_is_kept(tmp_path):
    out = tmp_path / "page.pdf"
    young, locked = tmp_path / ".page.pdf.young.tmp", tmp_path / ".page.pdf.held.tmp"
    young.write_bytes(b"x")
    locked.write_bytes(b"x")
    old = time.time() - ORPHAN_AGE - 1
    os.utime(locked, (old, old))
    with open(locked, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        write_atomically(out, b"%PDF-1")
        assert young.exists() and locked.exists()
    other = tmp_path / ".other.pdf.x.tmp"  # another output's file: not this build's business
    other.write_bytes(b"x")
    os.utime(other, (old, old))
    write_atomically(out, b"%PDF-2")
    assert other.exists() and locked.exists() is False


# ---------------------------------------------------------------- editions stay in their folder


def edition(project, text: str):
    (project.root / "editions").mkdir(exist_ok=True)
    path = project.root / "editions" / "night.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "entry, message",
    [
        (
            "{content: ../content/page.yaml, output: ../content/page.yaml}",
            "must be the name of a PDF in the edition's output folder",
        ),
        (
            "{content: ../content/page.yaml, output: /tmp/elsewhere.pdf}",
            "must be the name of a PDF in the edition's output folder",
        ),
        (
            "{content: ../content/page.yaml, output: sub/../../x.pdf}",
            "must be the name of a PDF in the edition's output folder",
        ),
        ("/etc/hostname", "lies outside the project folder"),
        ("../../outside.yaml", "lies outside the project folder"),
        ("{content: ../content/page.yaml, layout: /etc/passwd}", "lies outside the project folder"),
    ],
    ids=["output-over-content", "output-absolute", "output-climbs", "page-absolute", "page-climbs", "layout-outside"],
)
def test_edition_pages_and_outputs_are_confined(project, capsys, entry, message):
    path = edition(project, f"output: ../out\npages:\n  - {entry}\n")
    before = project.content.read_bytes()
    assert main(["build", str(path), "--layout", str(project.layout)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3:" in err and message in err
    assert project.content.read_bytes() == before and not (project.root / "out").exists()


def test_an_edition_output_folder_outside_the_project_is_refused(project, capsys):
    path = edition(project, "output: /tmp\npages:\n  - ../content/page.yaml\n")
    assert main(["build", str(path), "--layout", str(project.layout)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line_of(path, 'output:')}:9:" in err and "output: '/tmp' lies outside the project folder" in err


def test_diff_never_writes_its_image_over_a_page_it_compares(project, tmp_path, capsys):
    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    old.write_bytes(b"%PDF-1.3 old")
    new.write_bytes(b"%PDF-1.3 new")
    for target in (old, new, project.layout):
        alias = tmp_path / f"{target.stem}.png"  # a link under an image's name: refused before any work
        alias.symlink_to(target)
        for output in (target, alias):
            before = target.read_bytes()
            code = main(["diff", str(old), str(new), "--layout", str(project.layout), "-o", str(output)])
            err = capsys.readouterr().err
            assert target.read_bytes() == before
            assert (
                code == 2
                if output is target
                else code == 1 and f"{alias}: is an input of this command ({target})" in err
            ), err
