"""The command line: `hengyang-print COMMAND …` (main.py), one module per subcommand.

entry() is the console script. It imports main.py itself, so that Ctrl-C while the program is still
importing exits 130 without a traceback, as it does at any later moment (main.py).
"""

import os


def entry() -> None:
    try:
        from .main import entry as run
    except KeyboardInterrupt:
        os._exit(130)
    run()


def main(argv: list[str] | None = None) -> int:
    from .main import main as run

    return run(argv)


__all__ = ["entry", "main"]
