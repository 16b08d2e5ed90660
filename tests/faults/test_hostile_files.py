"""Only regular files are read as content, layout, edition or photo: a FIFO or a device is an error at once
(no hang, no unbounded read); odd bytes are located; Ctrl-C exits 130 without a traceback."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT
from hengyang_print.cli.main import main
from hengyang_print.errors import BuildError
from hengyang_print.load.loader import load_content, load_layout
from hengyang_print.run.build import build

from .conftest import line_of

EXE = Path(sys.executable).parent / "hengyang-print"


def run_cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """The installed command, bounded in time: a hang fails the test instead of the suite."""
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_a_fifo_as_content_is_an_error_at_once(fifo, tmp_path):
    start = time.perf_counter()
    done = run_cli("build", str(fifo), "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 1 and done.stderr == f"error: {fifo}: not a regular file (a FIFO); name a YAML file\n"
    assert time.perf_counter() - start < 20 and not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("role", ["content", "layout"])
def test_a_device_is_an_error_at_once_not_a_read_to_the_end_of_memory(role, tmp_path, project):
    args = ["build", "/dev/zero"] if role == "content" else ["build", str(project.content), "--layout", "/dev/zero"]
    done = run_cli(*args, "-o", str(tmp_path / "x.pdf"))
    assert (
        done.returncode == 1
        and done.stderr == "error: /dev/zero: not a regular file (a character device); name a YAML file\n"
    )


def test_a_fifo_as_layout_or_edition_is_an_error(fifo, project, capsys):
    assert main(["build", str(project.content), "--layout", str(fifo), "-o", str(project.root / "x.pdf")]) == 1
    assert "not a regular file (a FIFO)" in capsys.readouterr().err
    other = project.root / "other.yaml"
    os.mkfifo(other)
    assert (
        main(["build", str(fifo), str(other), "-o", str(project.root / "out"), "-j", "1"]) == 1
    )  # several pages, as FIFOs
    assert capsys.readouterr().err.count("not a regular file (a FIFO)") == 2


def test_a_folder_as_content_is_an_error(tmp_path):
    with pytest.raises(BuildError, match=r"not a regular file \(a folder\)"):
        load_content(tmp_path)


def test_a_file_over_the_size_limit_is_read_no_further(tmp_path, monkeypatch):
    from hengyang_print.load import yamlread

    monkeypatch.setattr(yamlread, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# x\n" * 10_000)
    with pytest.raises(BuildError, match=r"big\.yaml: file is over 1,000 bytes"):
        load_content(big)


def test_a_fifo_or_device_as_photo_is_a_located_error(project):
    pics = project.root / "content" / "pics"
    pics.mkdir()
    os.mkfifo(pics / "fifo.jpg")
    (pics / "zero.jpg").symlink_to("/dev/zero")
    text = project.content.read_text(encoding="utf-8")
    for name in ("fifo.jpg", "zero.jpg"):
        content = project.content_with(
            "    headline: ", f"    image: {{path: pics/{name}}}\n    headline: ", f"{name}.yaml"
        )
        with pytest.raises(BuildError) as err:
            load_content(content)
        (message,) = err.value.messages
        assert re.match(rf"{re.escape(str(content))}:\d+:\d+: items\[0\]\.image\.path: ", message) and (
            "not a regular file" in message or "not found" in message
        ), message
    assert project.content.read_text(encoding="utf-8") == text


def test_a_nul_byte_is_located_by_line_and_column(project):
    text = project.content.read_text(encoding="utf-8")
    line = line_of(project.content, "本报记者")
    bad = project.root / "content" / "nul.yaml"
    bad.write_text(text.replace("本报记者", "本报\0记者", 1), encoding="utf-8")
    col = next(l for l in text.splitlines() if "本报记者" in l).index("本报记者") + 3
    with pytest.raises(BuildError) as err:
        load_content(bad)
    assert err.value.messages == [
        f"{bad}:{line}:{col}: a control character U+0000 (YAML allows no such character; remove it)"
    ]


def test_an_overset_error_names_the_content_file_and_block_with_its_line(project):
    text = project.content.read_text(encoding="utf-8")
    long = text.replace(
        "\nheadline: ", "\nheadline: 这是一条很长很长的标题" * 1 + "再加上许多许多的字使它放不下" * 12, 1
    )
    path = project.root / "content" / "long.yaml"
    path.write_text(long, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build(path, project.layout)
    (message,) = err.value.messages
    assert (
        message.startswith(f"{path}:{line_of(path, 'headline:')}:") and "regions.headline: 'headline' needs" in message
    ), message


# ---------------------------------------------------------------- Ctrl-C

INTERRUPTED_IMPORT = """
import os, signal, sys
def hook(event, args):  # Ctrl-C as the CLI's own modules are being imported
    if event == "import" and args[0] == "hengyang_print.cli.commands":
        os.kill(os.getpid(), signal.SIGINT)
sys.addaudithook(hook)
sys.argv = ["hengyang-print", "build"]
from hengyang_print.__main__ import entry
entry()
"""


def test_ctrl_c_while_importing_exits_130_with_one_line():
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_IMPORT], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")


def test_ctrl_c_while_reading_the_arguments_exits_130_with_one_line(monkeypatch, capsys):
    from hengyang_print.cli import main as cli

    def interrupted(*command):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "parser", interrupted)
    assert cli.main(["build"]) == 130
    assert capsys.readouterr() == ("", "")


# A Ctrl-C landing once the command is done, while the interpreter shuts down (its signal handlers back to the
# default), ends the process by the signal itself: a shell reports that as 130 too, and the outputs are whole.
INTERRUPTED = (0, 130, -signal.SIGINT)

READY_THEN_BUILD = """
import sys
def hook(event, args):  # tell the test the moment entry() begins importing the command line
    if event == "import" and args[0] == "hengyang_print.cli.main":
        sys.stderr.write("ready\\n"); sys.stderr.flush()
sys.addaudithook(hook)
sys.argv = ["hengyang-print", "build", *sys.argv[1:]]
from hengyang_print.__main__ import entry
entry()
"""


def test_ctrl_c_at_any_moment_of_a_build_exits_130_without_a_traceback(tmp_path):
    """Real SIGINTs, from the moment the console entry runs on. Before it (Python starting, the script
    wrapper importing the package's two __init__ files, some 20-60 ms) a Ctrl-C gets CPython's own
    message, which no code of ours can change."""
    out = tmp_path / "page.pdf"
    seen = set()
    for ms in (0, 5, 20, 50, 100, 200, 400):
        p = subprocess.Popen(
            [sys.executable, "-c", READY_THEN_BUILD, "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert p.stderr.readline() == "ready\n"
        time.sleep(ms / 1000)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
        assert p.returncode in INTERRUPTED and "Traceback" not in err, (ms, p.returncode, err)
        assert err == "", err
        seen.add(p.returncode)
        assert not list(tmp_path.glob(".*.tmp"))
    assert 130 in seen


def test_ctrl_c_in_a_terminal_stops_an_edition_without_a_traceback_from_any_worker(project, tmp_path):
    """A terminal's Ctrl-C reaches the whole process group: the workers leave it to the parent."""
    pages = [project.content_with("本报记者", f"本报记者{n}", f"a0{n}.yaml") for n in range(1, 4)]
    out = tmp_path / "edition"
    for ms in (300, 900):
        p = subprocess.Popen(
            [
                sys.executable,
                "-c",
                READY_THEN_BUILD,
                *map(str, pages),
                "--layout",
                str(project.layout),
                "-o",
                str(out),
                "-j",
                "2",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert p.stderr.readline() == "ready\n"
        time.sleep(ms / 1000)
        os.killpg(p.pid, signal.SIGINT)
        _, err = p.communicate(timeout=60)
        assert p.returncode in INTERRUPTED and "Traceback" not in err and "KeyboardInterrupt" not in err, (ms, err)
        assert not list(out.glob(".*.tmp"))


def test_a_fifo_or_folder_as_font_is_a_located_error(project):
    os.mkfifo(project.layout.parent / "pipe.ttf")
    (project.layout.parent / "sub.ttf").mkdir()
    for name in ("pipe.ttf", "sub.ttf"):
        layout = project.layout_with("song: fonts/NotoSerifSC-Regular.ttf", f"song: {name}")
        with pytest.raises(BuildError) as err:
            load_layout(layout)
        (message,) = err.value.messages
        assert (
            message.startswith(f"{layout}:{line_of(layout, 'song: ')}:")
            and f"fonts.song: file '{name}' is not a regular file" in message
        )


BROKEN_IMPORT = """
import os, signal, sys, time
class Extension:  # Ctrl-C inside a C extension's import (pikepdf's): it comes out as an ImportError
    def find_spec(self, name, path=None, target=None):
        if name == "hengyang_print.cli.build":
            try:
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(1)
            except KeyboardInterrupt:
                raise ImportError("Encountered an error while initializing the extension") from None
        return None
sys.meta_path.insert(0, Extension())
sys.argv = ["hengyang-print", "build"]
from hengyang_print.__main__ import entry
entry()
"""


def test_ctrl_c_that_breaks_an_import_still_exits_130_with_one_line():
    done = subprocess.run([sys.executable, "-c", BROKEN_IMPORT], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")


def test_ctrl_c_at_forty_moments_of_a_build_never_leaves_a_torn_or_stray_file(tmp_path):
    """A SIGINT campaign over a whole build (first build: an empty cache, so every stage takes its time):
    each run exits 0 with the whole PDF or 130 with the previous one untouched, says nothing, and leaves no
    temporary file beside the output."""
    out = tmp_path / "page.pdf"
    env = dict(os.environ, HENGYANG_PRINT_CACHE=str(tmp_path / "cache"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", READY_THEN_BUILD, "-o", str(out)], env=env, check=True, capture_output=True)
    previous = out.read_bytes()
    span = time.perf_counter() - start
    codes = []
    for n in range(40):
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        p = subprocess.Popen(
            [sys.executable, "-c", READY_THEN_BUILD, "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert p.stderr.readline() == "ready\n"
        time.sleep(span * n / 40)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=120)
        assert p.returncode in INTERRUPTED, (n, p.returncode, err)
        # no traceback, no "Exception ignored": only the build's own warnings (the default page breaks two
        # placement rules, which it names)
        assert [line for line in err.splitlines() if not line.startswith("warning: ")] == [], (n, err)
        assert out.read_bytes() == previous  # the same page: whole, whether written again or left
        assert not list(tmp_path.glob(".*.tmp"))
        codes.append(p.returncode)
    assert codes.count(130) >= 25, codes


def test_an_interrupt_whose_exception_was_swallowed_still_stops_the_write(tmp_path, monkeypatch):
    """Python drops an exception raised where it cannot propagate ("Exception ignored in …"): the flag the
    handler set still stops the build before it writes, and the exit status says interrupted."""
    from hengyang_print.cli import interrupt
    from hengyang_print.cli.main import main
    from hengyang_print.run import build as run_build

    out = tmp_path / "page.pdf"
    real = run_build.build

    def swallowed(*args, **kwargs):
        result = real(*args, **kwargs)
        monkeypatch.setattr(interrupt, "seen", True)  # as the handler leaves it when its raise is dropped
        return result

    monkeypatch.setattr(run_build, "build", swallowed)
    assert main(["build", str(DEFAULT_CONTENT), "-o", str(out)]) == 130
    assert not out.exists()
