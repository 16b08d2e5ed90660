"""The conventions a command-line user knows: --version, python -m, usage errors (exit 2) with the
subcommand's usage, -o - and .pdf outputs, a closed pipe, NO_COLOR and TERM=dumb."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

import hengyang_print

from .conftest import EXE, SEED_CONTENT, run

BAD = SEED_CONTENT.parents[1] / "tests" / "bad_inputs" / "content-many-errors.yaml"


def test_version_from_the_command_and_from_python_m():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.decode().strip() == f"hengyang-print {hengyang_print.__version__}"
    by_module = subprocess.run([sys.executable, "-m", "hengyang_print", "--version"], capture_output=True, text=True)
    assert by_module.returncode == 0 and by_module.stdout.strip().endswith(hengyang_print.__version__)


@pytest.mark.parametrize(
    "args, says",
    [
        (["proof", "--dpi", "-5"], "argument --dpi: must be more than 0 (got -5)"),
        (["proof", "--dpi", "0"], "argument --dpi: must be more than 0 (got 0)"),
        (["proof", "--dpi", "lots"], "argument --dpi: 'lots' is not a number"),
        (["diff", "a.pdf", "b.pdf", "--dpi", "nan"], "argument --dpi: must be more than 0"),
        (["build", "--jobs", "-1"], "argument -j/--jobs: must be 0 or more"),
        (["preflight", "x.pdf", "--max-ink", "500"], "argument --max-ink: must be at most 400 (got 500)"),
        (["build", "--bogus"], "unrecognized arguments: --bogus"),
        (["diff", "a.pdf", "b.pdf", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["build", "-o", "page.png"], "-o page.png: the output is a PDF; name it NAME.pdf"),
    ],
    ids=[
        "dpi-negative",
        "dpi-zero",
        "dpi-word",
        "dpi-nan",
        "jobs-negative",
        "max-ink",
        "unknown-option",
        "format",
        "png-output",
    ],
)
def test_a_bad_value_is_a_usage_error_with_the_subcommands_usage(args, says, tmp_path):
    done = run(*args, cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err.startswith(f"usage: hengyang-print {args[0]} ") and says in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_several_pages_into_one_pdf_is_a_usage_error(page_copy, tmp_path):
    done = run("build", str(page_copy), str(page_copy), "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and b"usage: hengyang-print build" in done.stderr and not (tmp_path / "x.pdf").exists()


def test_o_dash_writes_the_pdf_to_stdout_and_the_report_to_stderr(page_copy, tmp_path):
    done = run("build", str(page_copy), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith(b"%PDF-1.3") and done.stdout.rstrip().endswith(b"%%EOF")
    assert b"copyfit:" in done.stderr and list(tmp_path.iterdir()) == [page_copy]
    beside = run("build", str(page_copy))
    assert (tmp_path / "mine.pdf").read_bytes() == done.stdout and beside.returncode == 0


def test_a_closed_pipe_is_quiet():
    """`check | head -1`: the reader goes away after one line; no 'Broken pipe', no traceback."""
    shell = subprocess.run(
        f"'{EXE}' check '{SEED_CONTENT}' | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(shell.stdout.splitlines()) == 1
    assert shell.stderr == "" and shell.returncode in (0, 1, 141)


def _on_a_terminal(env: dict) -> str:
    """stderr of a failing build as a terminal shows it (a pseudo-terminal)."""
    master, slave = pty.openpty()
    full = {**os.environ, **env}
    for key in [k for k, v in env.items() if v is None]:
        full.pop(key, None)
    proc = subprocess.Popen(
        [str(EXE), "build", str(BAD), "-o", os.devnull + ".pdf"], stderr=slave, stdout=subprocess.DEVNULL, env=full
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
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 1
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_but_not_with_no_color_or_term_dumb():
    coloured = _on_a_terminal({"TERM": "xterm-256color", "NO_COLOR": None})
    assert "\x1b[1;31merror:" in coloured
    assert "\x1b[" not in _on_a_terminal({"TERM": "xterm-256color", "NO_COLOR": "1"})
    plain = _on_a_terminal({"TERM": "dumb", "NO_COLOR": None})
    assert "\x1b[" not in plain and ": error: headline is empty" in plain


def test_term_dumb_and_no_color_turn_off_what_a_terminal_would_get(monkeypatch):
    """The edition's status line needs cursor control (not on TERM=dumb); colour also honours NO_COLOR."""
    from hengyang_print.cli.common import colour, terminal

    class Tty:
        def isatty(self):
            return True

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert terminal(Tty()) and colour(Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert terminal(Tty()) and not colour(Tty())
    monkeypatch.setenv("TERM", "dumb")
    assert not terminal(Tty()) and not colour(Tty())


# Ctrl-C (exit 130, no traceback, at any moment from the console entry on) is tested with real SIGINTs
# in tests/faults/test_hostile_files.py.


def test_the_epilog_documents_the_exit_statuses():
    done = run("--help")
    assert b"2    usage error" in done.stdout and b"130  interrupted" in done.stdout


def test_the_parser_imports_no_pdf_library():
    """--help and a usage error answer at once: listing every command's options imports none of the PDF
    libraries a command uses (each module imports those where a command runs)."""
    code = (
        "import sys; from hengyang_print.cli.main import parser; parser(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pikepdf', 'pdfplumber', 'pypdfium2', 'reportlab'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stderr
