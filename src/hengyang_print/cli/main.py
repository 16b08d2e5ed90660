"""Command line: hengyang-print COMMAND …; exit 0 ok, 1 content/layout error, 2 usage error.

Messages go to stderr, one line per problem, never a Python traceback for an input error
(`--debug`, anywhere on the line, shows one). A bug says it is one and exits 3.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .commands import COMMANDS
from ..errors import BuildError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPT = 0, 1, 2, 3, 130


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hengyang-print",
        description="Typeset a Chinese newspaper feature page from content YAML and a layout spec.",
        epilog="exit status: 0 success, 1 content or layout error, 2 usage error, 3 internal error (a bug)",
    )
    p.add_argument("--debug", action="store_true", help="show a Python traceback on errors (also accepted after COMMAND)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f".{name}", __package__).register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Ctrl-C exits 130 at any moment, without a traceback: while the arguments are read, silently."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        if "--debug" in (sys.argv[1:] if argv is None else argv):
            raise
        return EXIT_INTERRUPT


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # wherever it is: subcommands do not each declare it
    argv = [a for a in argv if a != "--debug"]
    args = parser().parse_args(argv)  # exits 2 on a usage error
    try:
        return args.run(args)
    except BuildError as exc:
        if debug:
            raise
        for message in exc.messages:
            print(f"error: {message}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # an output folder that is not writable, a full disk: the user can act on it
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        if debug:
            raise
        print("interrupted; the previous PDF is untouched", file=sys.stderr)
        return EXIT_INTERRUPT
    except Exception as exc:  # a bug, not the user's input: say so in one line
        if debug:
            raise
        print(f"internal error (a bug, not your input): {type(exc).__name__}: {exc}", file=sys.stderr)
        print("run again with --debug for the traceback, and report it with the content and layout files", file=sys.stderr)
        return EXIT_BUG


def entry() -> None:
    """The console script: main(), then exit without tearing the heap down. Freeing fonts and tables that
    nobody will use again takes ~40 ms, a tenth of a build; output is flushed here and files are
    already whole on disk (fsync, rename). Exceptions (--debug) and usage errors exit the usual way."""
    try:
        code = main()
    except KeyboardInterrupt:  # a second Ctrl-C, while the first was being reported
        code = EXIT_INTERRUPT
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, KeyboardInterrupt):  # a reader that went away (| head); Ctrl-C at the very end
        pass
    os._exit(code)


if __name__ == "__main__":
    entry()
