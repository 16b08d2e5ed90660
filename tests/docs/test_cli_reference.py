"""The command-line reference is the parser's, and every command line the documentation quotes is one the
parser accepts."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import sys

import pytest

from hengyang_print.cli.main import parser

from .markdown import ROOT, command_lines, pages, rel

spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
cli_reference = sys.modules["cli_reference"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cli_reference)


@pytest.mark.parametrize("language", sorted(cli_reference.PAGES))
def test_the_reference_is_what_the_parser_says(language):
    page = cli_reference.PAGES[language]
    assert page.read_text(encoding="utf-8") == cli_reference.render(language), (
        f"{rel(page)} is stale: run .venv/bin/python scripts/cli_reference.py"
    )


def test_the_chinese_reference_is_the_parser_speaking_chinese():
    """Not the English help under a Chinese title: argparse's words and the tool's are the catalogs'."""
    text = cli_reference.PAGES["zh"].read_text(encoding="utf-8")
    assert "用法：hengyang-print build" in text and "显示本帮助并退出" in text and "**选项**" in text
    assert "show this help message" not in text


@pytest.mark.parametrize("language", sorted(cli_reference.PAGES))
def test_the_reference_lists_every_command_and_option(language):
    """The generator reads help text back (in Chinese too); a section it misread would drop options without a word."""
    text = cli_reference.PAGES[language].read_text(encoding="utf-8")
    top, subs = cli_reference.commands()
    for name, sub in subs.items():
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        usage = sub.format_usage()
        for option in {w.strip("[]") for w in usage.split() if w.strip("[]").startswith("--")}:
            assert f"`{option}" in section or f", {option}" in section, (name, option)


def accepts(args: list[str]) -> str | None:
    """None when the parser takes the command line, else what it said."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            parser().parse_args(args)
    except SystemExit as stop:
        if stop.code not in (0, None):  # --help and --version exit 0
            return err.getvalue().strip().splitlines()[-1]
    return None


QUOTED = [(where, args) for page in pages() for where, args in command_lines(page)]


def test_the_documentation_quotes_command_lines():
    assert len(QUOTED) > 50
    assert {args[0] for _, args in QUOTED if args} >= set(cli_reference.commands()[1]) - {"revoke"}


@pytest.mark.parametrize("where,args", QUOTED, ids=[w for w, _ in QUOTED])
def test_every_quoted_command_line_parses(where, args):
    assert accepts(args) is None, f"{where}: hengyang-print {' '.join(args)}: {accepts(args)}"


def test_a_wrong_command_line_is_caught():
    assert accepts(["build", "--layuot", "tabloid"]) is not None
    assert accepts(["sign", "content/a01.yaml"]) is not None  # --role and --as are required
    assert accepts(["build", "content/a01.yaml", "--layout", "tabloid"]) is None
