"""Every console transcript of the documentation is what the tool prints today.

A ```console block is run as written, in bash, in an empty folder of its own: each `$ ` line is a command, and
the lines after it, up to the next `$ `, are its output (stdout and stderr, in the order a terminal shows them).
An HTML comment just before the block, `<!-- setup: COMMANDS -->`, runs first and quietly (the broken file a
troubleshooting entry needs, say). The tool runs as a user runs it: the installed command, no colour, an
80-column terminal, the sign-off ledger on, and a locale set by LANG alone, as on a user's machine: C.UTF-8 for the
English pages, zh_CN.UTF-8 for the Chinese ones (README.zh-CN.md, docs/zh-CN/), whose reader sees the tool speak
Chinese; a block's own `LANG=… hengyang-print …` overrides it.

Two things may differ from the page without failing: a duration (`0.79 s`, `0.79 秒`) and a file size (`189 KiB`),
which the machine and the library versions move; and `...` stands for what a page leaves out — a line of its own for
any number of lines, inside a line for any text. The folder the block ran in is shown as `~`.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .markdown import DOCS, ROOT, Block, blocks, pages

DURATION = re.compile(r"\b\d+(?:\.\d+)? (?:s\b|秒)")
SIZE = re.compile(r"\b\d[\d,]* KiB\b")


def console_blocks() -> list[Block]:
    """Each distinct transcript once in each language (a Chinese page may repeat an English one where the tool's
    words are the same)."""
    seen: dict[tuple[str, str, str], Block] = {}
    for page in pages():
        for block in blocks(page):
            if block.language == "console":
                seen.setdefault((language_of(page), block.note, block.text), block)
    return list(seen.values())


def language_of(page: Path) -> str:
    """The locale a page's reader has: Chinese for README.zh-CN.md and docs/zh-CN/."""
    chinese = page == ROOT / "README.zh-CN.md" or (DOCS / "zh-CN") in page.parents
    return "zh_CN.UTF-8" if chinese else "C.UTF-8"


def normalised(text: str) -> str:
    lines = [SIZE.sub("N KiB", DURATION.sub("N s", line)).rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


def pattern(expected: str) -> re.Pattern:
    parts = []
    for line in normalised(expected).splitlines():
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(map(re.escape, line.split("..."))) + r"\n")
    return re.compile("".join(parts))


def setup_of(block: Block) -> str:
    return block.note[len("setup:") :].strip() if block.note.startswith("setup:") else ""


def environment(home: Path, locale: str = "C.UTF-8") -> dict[str, str]:
    """The installed command first on PATH (a shim for this interpreter's), and a user's plain terminal."""
    bin_dir = home.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "hengyang-print"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m hengyang_print "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    unset = ("HENGYANG_PRINT_LEDGER", "FORCE_COLOR", "CLICOLOR_FORCE", "LANGUAGE")  # the suite's LANGUAGE=en too
    env = {k: v for k, v in os.environ.items() if k not in unset and not k.startswith("LC_")}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        NO_COLOR="1",
        COLUMNS="80",
        LANG=locale,  # only LANG, as on a user's machine
        TZ="UTC",
        PYTHONUNBUFFERED="1",
        HOME=str(home),
    )
    return env


def run(block: Block, home: Path) -> str:
    """The block's commands in one bash, each echoed as `$ COMMAND` before its output."""
    env = environment(home, language_of(block.page))
    setup = setup_of(block)
    if setup:
        done = subprocess.run(["bash", "-c", setup], cwd=home, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{block.where()}: the setup failed: {done.stderr}"
    script = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            command = line[2:]
            script += [f"printf '%s\\n' {shlex.quote(line)}", f"{command} 2>&1"]
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=home,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    return normalised(done.stdout.replace(str(home), "~"))


BLOCKS = console_blocks()


def test_the_documentation_shows_what_the_tool_prints():
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("block", BLOCKS, ids=[b.where() for b in BLOCKS])
def test_every_transcript_is_what_the_tool_prints(block, tmp_path):
    home = tmp_path / "desk"
    home.mkdir()
    actual = run(block, home)
    assert pattern(block.text).fullmatch(actual), (
        f"{block.where()}: the tool now prints\n{actual}\nthe page says\n{normalised(block.text)}"
    )


def test_the_comparison_tells_a_changed_output():
    expected = "$ hengyang-print build\npage 390 × 543 mm, 189 KiB, built in 0.79 s\n...\nfit: ... (伸行)\n"
    assert pattern(expected).fullmatch(
        normalised(
            "$ hengyang-print build\npage 390 × 543 mm, 201 KiB, built in 1.2 s\n"
            "copyfit: …\nfit: items: items[8].body[0]: set 1 line longer (伸行)\n"
        )
    )
    assert not pattern(expected).fullmatch(
        normalised(
            "$ hengyang-print build\npage 275 × 390 mm, 189 KiB, built in 1 s\n"
            "fit: items: items[8].body[0]: set 1 line longer (伸行)\n"
        )
    )


def python_blocks() -> list[Block]:
    """Python examples marked `<!-- run: SETUP -->`: each runs, after its setup, in a folder of its own (once, when
    the pages of both languages give the same code with other comments)."""
    seen: dict[tuple[str, str], Block] = {}
    for page in pages():
        for block in blocks(page):
            if block.language == "python" and block.note.startswith("run"):
                code = "\n".join(line.split("  #")[0].rstrip() for line in block.text.splitlines())
                seen.setdefault((block.note, code), block)
    return list(seen.values())


EXAMPLES = python_blocks()


def test_the_api_examples_are_run():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("block", EXAMPLES, ids=[b.where() for b in EXAMPLES])
def test_every_python_example_runs(block, tmp_path):
    home = tmp_path / "desk"
    home.mkdir()
    env = environment(home)
    setup = block.note[len("run") :].lstrip(":").strip()
    if setup:
        done = subprocess.run(["bash", "-c", setup], cwd=home, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{block.where()}: the setup failed: {done.stderr}"
    (home / "example.py").write_text(block.text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "example.py"], cwd=home, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{block.where()}: the example fails:\n{done.stderr}"
