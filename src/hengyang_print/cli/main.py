"""Command line: hengyang-print COMMAND …; exit 0 ok, 1 an input missing or wrong, 2 usage error (EPILOG).

Before a command runs, the project's settings (settings.py) fill in the options it was not given.

Messages go to stderr as compilers print them (`FILE:LINE:COL: error: …`, the source line, a caret;
diagnostics.py), never a Python traceback for an input error (`--debug`, anywhere on the line, shows
one). A bug says it is one and exits 3; Ctrl-C exits 130; a reader that goes away (`| head`) ends the
command quietly (141, as if by SIGPIPE).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from .. import __version__
from ..errors import BuildError
from ..i18n import ENGLISH, N_, _, use
from . import interrupt
from .commands import COMMANDS
from .common import UsageError, apply_settings, colour, resolve_page_arguments
from .completions import complete
from .output import emit, failure, wants_json
from .parser import Parser, unrecognized

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPT, EXIT_PIPE = 0, 1, 2, 3, 130, 141
EPILOG = N_("""\
settings:
  hengyang-print.toml, in the project folder, holds the project's defaults (layout, output folder, proof
  dpi, preflight profile, fonts folder); an option given here overrides them. See `init`.

exit status (the same cause, the same status, in every command):
  0    success
  1    an input is missing or wrong: a content, layout, edition or settings file (or a file or layout
       name that does not exist), text that does not fit, a rule break (check), a failing PDF
       (preflight), an output that cannot be written; diff: the pages differ
  2    usage error: an unknown command or option, a value of the wrong form
  3    internal error (a bug; --debug shows the traceback)
  130  interrupted (Ctrl-C)""")


def parser() -> argparse.ArgumentParser:
    """The command line's parser, with every subcommand (a run's `args.subcommands`: them by name)."""
    p = Parser(
        prog="hengyang-print",
        description=_("Typeset a Chinese newspaper feature page from content YAML and a layout spec."),
        epilog=_(EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=_("show the version number and exit")
    )
    p.add_argument(
        "--debug", action="store_true", help=_("show a Python traceback on errors (also accepted after COMMAND)")
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f".{name}", __package__).register(sub)
    p.set_defaults(subcommands=sub.choices, prog_name=p.prog)
    return p


# What a command's work loads, imported before Ctrl-C starts raising (interrupt.py): an exception inside a native
# module's start-up (pikepdf's, PDFium's) aborts the process, so until then Ctrl-C ends it at once (__main__.py)
LOADED_FIRST = ("hengyang_print.run.build", "hengyang_print.draw.pdf")


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
    return EXIT_INTERRUPT if interrupt.seen else code


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
    p = parser()
    complete(p)  # a Tab in a shell with the completion script: answered from this parser, then exit
    args, extra = p.parse_known_args(argv)  # exits 2 on a usage error, with the subcommand's usage
    sub = args.subcommands[args.command]
    if extra:
        sub.error(unrecognized(extra))
    if wants_json(args):
        use(ENGLISH)  # a document for programs: the same words in every locale
    try:
        apply_settings(args)
        resolve_page_arguments(args)
        for module in LOADED_FIRST:
            importlib.import_module(module)
        interrupt.install()
        return args.run(args)
    except UsageError as exc:
        sub.print_usage(sys.stderr)
        print(f"{sub.prog}: error: {exc}", file=sys.stderr)  # as argparse's own usage errors
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
        print(
            _("internal error (a bug, not your input): {error}").format(error=f"{type(exc).__name__}: {exc}"),
            file=sys.stderr,
        )
        print(
            _("run again with --debug for the traceback, and report it with the content and layout files"),
            file=sys.stderr,
        )
        return EXIT_BUG


def report_errors(messages: list[str], severity: str = "error") -> None:
    """Each message as a compiler prints it: located headline, source line, caret (colour on a terminal)."""
    from ..diagnostics import Diagnostic

    tint = colour(sys.stderr)
    for message in messages:
        print(Diagnostic.parse(message, severity).render(tint), file=sys.stderr)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """The console script: main(), then exit with its status."""
    try:
        code = main()
    except KeyboardInterrupt:  # a second Ctrl-C, while the first was being reported
        code = EXIT_INTERRUPT
    try:
        sys.stdout.flush()
    except OSError:  # a reader that went away (| head)
        _quiet_stdout()
        code = code or EXIT_PIPE
    except KeyboardInterrupt:
        code = EXIT_INTERRUPT
    if code == EXIT_INTERRUPT:
        # a Ctrl-C landing inside pypdfium2's own bookkeeping leaves an entry its exit hook then warns about
        # ("Weakref … was not cleaned up"); the build was abandoned whole, so that says nothing to the user
        logging.getLogger("pypdfium2").setLevel(logging.ERROR)
    sys.exit(code)


if __name__ == "__main__":
    entry()
