"""What users of Typst, latexmk and their peers expect: --open, a font listing with coverage, shell completions,
a clean that removes only what the tool wrote, content from standard input, a progress display on long work."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import termios
from pathlib import Path

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.cli.main import main
from hengyang_print.paths import bundled

from .conftest import EXE, SEED_CONTENT, run


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "page.yaml"
    shutil.copy(SEED_CONTENT, path)
    return path


# ---------------------------------------------------------------- --open


def test_build_open_shows_the_pdf_it_wrote(page, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    assert main(["build", str(page), "--open"]) == 0
    assert opened == [page.with_suffix(".pdf").resolve().as_uri()]
    assert main(["build", str(page)]) == 0 and len(opened) == 1  # only when asked


def test_serve_open_asks_for_a_browser(page, monkeypatch):
    from hengyang_print.room import server

    calls = []
    monkeypatch.setattr(server, "serve", lambda *args, **kw: calls.append(args))
    assert main(["serve", str(page), "--open", "--port", "0"]) == 0
    assert calls[0][4] is True  # open_browser


# ---------------------------------------------------------------- fonts


def test_fonts_lists_the_layouts_faces_with_their_coverage(page):
    done = run("fonts", "--format", "json")
    doc = json.loads(done.stdout)
    assert done.returncode == 0 and doc["needs"] == []
    faces = {face["keys"][0]: face for face in doc["faces"] if face["keys"]}
    assert set(faces) == {"song", "biaosong", "hei", "kai"}
    for face in faces.values():  # the bundled faces are cut to GBK and the whole table (fonts/README.md)
        assert Path(face["file"]).is_file() and face["bundled"] and face["glyphs"] > 21000
        assert [(t["covered"], t["of"]) for t in face["tongyong"]] == [(3500, 3500), (3000, 3000), (1605, 1605)]
        assert face["gbk"]["of"] == 21886 and face["gbk"]["covered"] >= 21878
    text = run("fonts").stdout.decode()
    assert "song: NotoSerifCJKsc-Regular (bundled)" in text and "level 3 1,605/1,605" in text


def test_fonts_names_what_the_content_needs_that_a_face_lacks(page):
    page.write_text(page.read_text(encoding="utf-8").replace("人民网", "人民𠀀网", 1), encoding="utf-8")
    done = run("fonts", str(page))
    err = done.stderr.decode()
    assert done.returncode == 1 and "'𠀀' (U+20000) has no glyph in font 'song' of style 'body'" in err
    assert err.startswith(f"{page}:") and "^" in err  # located, with its source line and caret
    doc = json.loads(run("fonts", str(page), "--format", "json").stdout)
    (need,) = doc["needs"]
    assert need["code_point"] == "U+20000" and need["set_by"] is None and not doc["ok"]


# ---------------------------------------------------------------- completions


def _asked(line: str, shell: str, tmp_path: Path) -> list[str]:
    """What the completion script of `shell` gets back for `line` (the cursor at its end): the program run as the
    script runs it (argcomplete's protocol: the line in the environment; the answers in a file, as the scripts'
    ARGCOMPLETE_USE_TEMPFILES way has them)."""
    answers = tmp_path / "answers"
    env = {
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": shell,
        "_ARGCOMPLETE_IFS": "\n",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answers),
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
    }
    run(env=env)
    return [a.split("\t")[0].split(":")[0].strip() for a in answers.read_text().split("\n") if a.strip()]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_offers_the_parsers_commands_options_and_choices(shell, tmp_path):
    script = run("completions", shell).stdout.decode()
    assert "hengyang-print" in script and "_ARGCOMPLETE" in script
    assert "build" in _asked("hengyang-print bu", shell, tmp_path)
    assert "--layout" in _asked("hengyang-print build --la", shell, tmp_path)
    assert set(_asked("hengyang-print check --format ", shell, tmp_path)) == {"text", "json"}
    assert "completions" in _asked("hengyang-print comp", shell, tmp_path)  # every command of the parser


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_the_bash_script_completes_in_bash(tmp_path):
    script = tmp_path / "hengyang-print.bash"
    script.write_bytes(run("completions", "bash").stdout)
    test = (
        f'source "{script}"; COMP_WORDS=(hengyang-print check --for); COMP_CWORD=2;'
        ' COMP_LINE="hengyang-print check --for"; COMP_POINT=${#COMP_LINE};'
        ' _python_argcomplete hengyang-print --for check; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {**os.environ, "PATH": f"{EXE.parent}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", test], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["--format"]


# ---------------------------------------------------------------- clean


def test_clean_removes_what_proof_diff_and_watch_wrote_and_nothing_else(page, tmp_path):
    edited = tmp_path / "edited.yaml"
    edited.write_text(page.read_text(encoding="utf-8").replace("本报记者", "本报通讯员"), encoding="utf-8")
    assert run("proof", str(page), "--dpi", "15").returncode == 0
    assert run("diff", str(edited), str(page), "--dpi", "15").returncode == 1  # writes page.diff.png
    assert run("build", str(page)).returncode == 0
    mine = {tmp_path / "notes.txt": b"notes", tmp_path / "edited.png": b"\x89PNG\r\n\x1a\n my photo"}
    for path, data in mine.items():
        path.write_bytes(data)
    (tmp_path / "edited.txt").write_text("an editor's notes, named like a listing\n", encoding="utf-8")
    before = {p.name for p in tmp_path.iterdir()}
    assert {"page.png", "page.proof.pdf", "page.proof.png", "page.txt", "page.diff.png", "page.pdf"} <= before

    dry = run("clean", str(page), str(edited), "-n").stdout.decode()
    assert "would remove 5 files" in dry and {p.name for p in tmp_path.iterdir()} == before
    assert run("clean", str(page), str(edited)).returncode == 0
    left = {p.name for p in tmp_path.iterdir()}
    assert before - left == {"page.png", "page.proof.pdf", "page.proof.png", "page.txt", "page.diff.png"}
    assert {"page.pdf", "page.yaml", "edited.yaml", "edited.txt", "edited.png", "notes.txt"} <= left
    assert run("clean", str(page), "--pdf").returncode == 0 and not (tmp_path / "page.pdf").exists()


def test_clean_keeps_a_file_that_only_has_the_name(page, tmp_path):
    """A photo called page.png and a PDF called page.pdf that another program wrote are the user's."""
    shutil.copy(bundled("content", "photos", "xiangjiang-sample.jpg"), tmp_path / "page.png")
    (tmp_path / "page.pdf").write_bytes(b"%PDF-1.4\n% someone else's\n")
    done = run("clean", str(page), "--pdf")
    assert b"removed 0 files" in done.stdout and (tmp_path / "page.png").exists() and (tmp_path / "page.pdf").exists()


# ---------------------------------------------------------------- standard input


def test_content_from_standard_input(tmp_path):
    page = tmp_path / "page.yaml"  # a page check passes (the seed breaks two placement rules: check fails it)
    shutil.copy(ROOT / "tests" / "pages" / "content" / "chenzhou-2021.yaml", page)
    text = page.read_bytes()
    checked = run("check", "-", input=text, cwd=tmp_path)
    assert checked.returncode == 0 and b"check: 0 rule breaks" in checked.stdout
    built = run("build", "-", "-o", str(tmp_path / "piped.pdf"), input=text, cwd=tmp_path)
    assert built.returncode == 0 and (tmp_path / "piped.pdf").read_bytes().startswith(b"%PDF")
    assert run("build", str(page), "-o", str(tmp_path / "file.pdf")).returncode == 0
    assert (tmp_path / "piped.pdf").read_bytes() == (tmp_path / "file.pdf").read_bytes()
    refused = run("build", "-", input=text, cwd=tmp_path)
    assert refused.returncode == 2 and b"name its PDF with -o" in refused.stderr


def test_an_error_in_standard_input_shows_its_line(tmp_path):
    broken = SEED_CONTENT.read_text(encoding="utf-8").replace("headline: ", "headline: [", 1).encode()
    done = run("check", "-", input=broken, cwd=tmp_path)
    err = done.stderr.decode().splitlines()
    assert done.returncode == 1 and err[0].startswith("<stdin>:") and "malformed YAML" in err[0]
    assert "| headline: [" in err[1] and err[2].endswith("^")


# ---------------------------------------------------------------- progress


@pytest.fixture
def edition(tmp_path) -> Path:
    for name in ("a", "b", "c"):
        shutil.copy(SEED_CONTENT, tmp_path / f"{name}.yaml")
    path = tmp_path / "night.yaml"
    path.write_text("pages:\n  - a.yaml\n  - b.yaml\n  - c.yaml\n", encoding="utf-8")
    return path


def test_an_edition_shows_a_progress_bar_on_a_terminal(edition):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm"}
    proc = subprocess.Popen(
        [str(EXE), "build", str(edition), "-j", "1"], stderr=slave, stdout=subprocess.DEVNULL, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    shown = b"".join(chunks).decode()
    assert proc.returncode == 0 and "0/3 pages" in shown and "2/3 pages" in shown and "\r" in shown


def test_no_progress_bar_when_not_a_terminal(edition):
    done = run("build", str(edition), "-j", "1")
    assert done.returncode == 0 and b"\r" not in done.stderr and b"pages" not in done.stderr
    assert done.stdout.decode().count(" ok ") == 3
