"""Command line: hengyang-print COMMAND …; exit 0 ok, 1 content/layout error, 2 usage error.

Messages go to stderr as compilers print them (`FILE:LINE:COL: error: …`, the source line, a caret;
diagnostics.py), never a Python traceback for an input error (`--debug`, anywhere on the line, shows
one). A bug says it is one and exits 3; Ctrl-C exits 130; a reader that goes away (`| head`) ends the
command quietly (141, as if by SIGPIPE).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .. import __version__
from ..errors import BuildError
from . import interrupt, regexes
from .commands import COMMANDS
from .common import UsageError, colour, resolve_page_arguments
from .output import emit, failure, wants_json

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPT, EXIT_PIPE = 0, 1, 2, 3, 130, 141


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every subcommand, or only `command` (what a run of it needs: importing and
    registering the other six modules is ~5 ms of every build's start-up)."""
    p = argparse.ArgumentParser(
        prog="hengyang-print",
        description="Typeset a Chinese newspaper feature page from content YAML and a layout spec.",
        epilog="exit status: 0 success, 1 content or layout error, 2 usage error, 3 internal error (a bug), 130 interrupted",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument(
        "--debug", action="store_true", help="show a Python traceback on errors (also accepted after COMMAND)"
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in (command,) if command in COMMANDS else COMMANDS:
        importlib.import_module(f".{name}", __package__).register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Ctrl-C exits 130 at any moment, silently: no traceback, no message (a failed or interrupted build
    never touches the previous PDF, so there is nothing to tell)."""
    try:
        code = _main(argv)
    except KeyboardInterrupt:
        if "--debug" in (sys.argv[1:] if argv is None else argv):
            raise
        return EXIT_INTERRUPT
    except Exception:  # an import broken by Ctrl-C (the console entry's handler saw it): still an interrupt
        if interrupt.seen:
            return EXIT_INTERRUPT
        raise
    return EXIT_INTERRUPT if interrupt.seen and code != EXIT_OK else code


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # wherever it is: subcommands do not each declare it
    argv = [a for a in argv if a != "--debug"]
    try:
        return _run(argv, debug)
    except KeyboardInterrupt:  # while parsing or importing, before a command runs
        if debug:
            raise
        return EXIT_INTERRUPT


def _run(argv: list[str], debug: bool) -> int:
    p = parser(_command(argv))
    args, extra = p.parse_known_args(argv)  # exits 2 on a usage error, with the subcommand's usage
    sub = _subparser(p, args.command)
    if extra:
        sub.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        resolve_page_arguments(args)
        return args.run(args)
    except UsageError as exc:
        sub.print_usage(sys.stderr)
        print(f"{sub.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildError as exc:
        if debug:
            raise
        if wants_json(args):
            emit(failure(args.command, exc.messages))
        else:
            report_errors(exc.messages)
        return EXIT_INPUT
    except BrokenPipeError:  # the reader went away (`check | head -1`): stop quietly
        _quiet_stdout()
        return EXIT_PIPE
    except OSError as exc:  # an output folder that is not writable, a full disk: the user can act on it
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        if debug:
            raise
        return EXIT_INTERRUPT
    except Exception as exc:  # a bug, not the user's input: say so in one line
        if debug:
            raise
        if interrupt.seen:  # not a bug: Ctrl-C broke an import (a C extension's) on its way
            return EXIT_INTERRUPT
        print(f"internal error (a bug, not your input): {type(exc).__name__}: {exc}", file=sys.stderr)
        print(
            "run again with --debug for the traceback, and report it with the content and layout files", file=sys.stderr
        )
        return EXIT_BUG


def _command(argv: list[str]) -> str | None:
    """The subcommand named on the line: its first word that is not an option (the main parser's options,
    --version and --help, take no value). None for a line without one: --help, a typo (the full parser
    then lists every command)."""
    return next((a for a in argv if not a.startswith("-")), None)


def report_errors(messages: list[str], severity: str = "error") -> None:
    """Each message as a compiler prints it: located headline, source line, caret (colour on a terminal)."""
    from ..diagnostics import Diagnostic

    tint = colour(sys.stderr)
    for message in messages:
        print(Diagnostic.parse(message, severity).render(tint), file=sys.stderr)


def _subparser(p: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    action = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices[command]


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """The console script: main(), then exit without tearing the heap down. Freeing fonts and tables that
    nobody will use again takes ~40 ms, a tenth of a build; output is flushed here and files are
    already whole on disk (fsync, rename). Exceptions (--debug) and usage errors exit the usual way."""
    try:
        code = main()
    except KeyboardInterrupt:  # a second Ctrl-C, while the first was being reported
        code = EXIT_INTERRUPT
    try:
        regexes.store()  # a first run: the patterns it compiled, for the next start (regexes.py)
        records = sys.modules.get("hengyang_print.records")
        if records:
            records.store()  # and the code of the classes it made (records.py)
        sys.stdout.flush()
        sys.stderr.flush()
    except KeyboardInterrupt:  # Ctrl-C at the very end
        pass
    except OSError:  # a reader that went away (| head)
        code = code or EXIT_PIPE
    os._exit(code)


if __name__ == "__main__":
    entry()
