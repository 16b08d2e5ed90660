"""Command line: hengyang-print COMMAND …; exit 0 ok, 1 content/layout error, 2 usage error."""

from __future__ import annotations

import argparse
import importlib
import sys

from .commands import COMMANDS
from .errors import BuildError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hengyang-print", description="Typeset a Chinese newspaper feature page from content YAML and a layout spec.")
    p.add_argument("--debug", action="store_true", help="show a Python traceback on errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f".commands.{name}", __package__).register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits 2 on a usage error
    try:
        return args.run(args)
    except BuildError as exc:
        if args.debug:
            raise
        for message in exc.messages:
            print(f"error: {message}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; the previous PDF is untouched", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
