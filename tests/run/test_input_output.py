"""Exit codes and streams, atomic output, and the read-back check that nothing is lost."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT, ROOT
from hengyang_print.cli.main import main
from hengyang_print.draw import draw
from hengyang_print.errors import BuildError
from hengyang_print.model import TextItem
from hengyang_print.run import build as build_module
from hengyang_print.run.build import write_atomically
from hengyang_print.verify.readback import check_text_layer, pdf_text

BAD = Path(__file__).parents[1] / "bad_inputs"

# ---------------------------------------------------------------- exit codes and streams


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["build", "--no-such-option"])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_missing_content_file_exits_1_with_one_line(capsys, tmp_path):
    assert main(["build", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'nope.yaml'}: cannot read") and err.count("\n") == 1


def test_debug_shows_the_traceback_wherever_it_is_given(tmp_path):
    for argv in (["--debug", "build"], ["build", "--debug"]):
        with pytest.raises(BuildError):
            main(argv + [str(BAD / "content-badge-duplicate.yaml"), "-o", str(tmp_path / "x.pdf")])


def test_unwritable_output_is_an_error_not_a_traceback(capsys, tmp_path):
    (tmp_path / "taken.pdf").mkdir()
    assert main(["build", "-o", str(tmp_path / "taken.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_a_bug_says_so_and_exits_3(capsys, monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("simulated")

    monkeypatch.setattr(build_module, "build", broken)
    assert main(["build", "-o", str(tmp_path / "x.pdf")]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "--debug" in err and "Traceback" not in err


def test_the_command_line_exits_1_on_stderr_only():
    """The installed entry point, as the prepress desk runs it: no traceback, nothing on stdout."""
    exe = Path(sys.executable).parent / "hengyang-print"
    done = subprocess.run(
        [str(exe), "build", str(BAD / "content-many-errors.yaml"), "-o", os.devnull + ".pdf"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert sum(": error: " in line for line in done.stderr.splitlines()) == 5 and "Traceback" not in done.stderr


# ---------------------------------------------------------------- atomic output


def test_a_failed_build_keeps_the_previous_pdf(tmp_path, default_build):
    out = tmp_path / "page.pdf"
    write_atomically(out, default_build.pdf)
    before = out.read_bytes()
    assert main(["build", str(BAD / "content-many-errors.yaml"), "-o", str(out)]) == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.pdf"]  # no temporary file left


@pytest.mark.parametrize("fail_in", ["fsync", "replace"])
def test_an_interrupt_while_writing_keeps_the_previous_pdf(tmp_path, monkeypatch, fail_in):
    out = tmp_path / "page.pdf"
    out.write_bytes(b"%PDF-old")

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, fail_in, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(out, b"%PDF-new" * 100_000)
    monkeypatch.undo()
    assert out.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.pdf"]


WRITER = """
import sys
from hengyang_print.run.build import write_atomically
path, mark = sys.argv[1], sys.argv[2].encode()
for _ in range(40):
    write_atomically(path, mark * 1_000_000)
"""


def test_two_builds_at_once_never_leave_a_mixed_file(tmp_path):
    out = tmp_path / "page.pdf"
    write_atomically(out, b"A" * 1_000_000)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(out), mark]) for mark in "AB"]
    seen = set()
    while any(w.poll() is None for w in writers):
        data = out.read_bytes()
        assert len(data) == 1_000_000 and data.count(data[:1]) == len(data)  # all A or all B, never both
        seen.add(data[:1])
    assert [w.returncode for w in writers] == [0, 0]
    assert [p.name for p in tmp_path.iterdir()] == ["page.pdf"]


def test_a_new_pdf_gets_the_usual_mode_and_an_old_one_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.pdf", b"x")
        old = tmp_path / "old.pdf"
        old.write_bytes(b"y")
        old.chmod(0o640)
        write_atomically(old, b"z")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o644
    assert old.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------- nothing lost


def test_the_text_layer_of_the_default_page_holds_the_content(default_build):
    text = pdf_text(default_build.pdf)
    assert "这些“新名片”，为大城衡阳铸就“新招牌”" in text
    check_text_layer(default_build.pdf, default_build.content, default_build.layout, default_build.report)


def test_a_glyph_lost_in_drawing_is_caught_with_its_place(default_build):
    page = default_build.page
    victim = next(
        i
        for i, t in enumerate(page.items)
        if isinstance(t, TextItem) and str(t.block) == "items[3].body[0]" and t.line == 2
    )
    line = page.items[victim]
    items = list(page.items)
    items[victim] = dataclasses.replace(line, glyphs=line.glyphs[:5] + line.glyphs[6:])
    pdf = draw(dataclasses.replace(page, items=tuple(items)))
    with pytest.raises(BuildError) as info:
        check_text_layer(pdf, default_build.content, default_build.layout, default_build.report)
    (message,) = info.value.messages
    assert message.startswith(f"{DEFAULT_CONTENT}:") and "items[3].body[0]: character" in message
    lost = line.glyphs[5].char
    assert f"character '{lost}'" in message or "out of order" in message


def test_blocks_out_of_order_are_caught(default_build):
    content = default_build.content
    swapped = dataclasses.replace(content, items=(content.items[1], content.items[0]) + content.items[2:])
    with pytest.raises(BuildError) as info:
        check_text_layer(default_build.pdf, swapped, default_build.layout, default_build.report)
    assert "items[1]" in info.value.messages[0]


def test_files_named_outside_the_project_need_allow_dir(tmp_path):
    """Files outside the layout's project folder (and outside the bundled data) are refused unless allowed."""
    (tmp_path / "project" / "layout").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    for font in (ROOT / "fonts").glob("*.ttf"):
        (outside / font.name).write_bytes(b"")  # refused before it is read: an empty file is enough
    layout = (DEFAULT_LAYOUT.read_text(encoding="utf-8")).replace("fonts/", f"{outside}/")
    (tmp_path / "project" / "layout" / "page.yaml").write_text(layout, encoding="utf-8")
    from hengyang_print.load.loader import load_layout

    with pytest.raises(BuildError) as info:
        load_layout(tmp_path / "project" / "layout" / "page.yaml")
    assert all("lies outside the project folder" in m for m in info.value.messages) and len(info.value.messages) >= 4
    assert load_layout(tmp_path / "project" / "layout" / "page.yaml", allow=(outside,)).fonts
