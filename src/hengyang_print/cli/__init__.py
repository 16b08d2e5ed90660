"""The command line: `hengyang-print COMMAND …` (main.py), one module per subcommand.

entry() runs the console script (hengyang_print/__main__.py calls it). It installs the SIGINT handler
that remembers an interrupt (interrupt.py), puts the stored compiled patterns into re's cache
(regexes.py) and imports main.py itself, so that Ctrl-C while the program
is still importing exits 130 silently, as it does at any later moment (main.py).
"""

import os
import sys


def entry() -> None:
    try:
        from . import interrupt

        interrupt.install()
        from . import regexes

        regexes.preload()  # before anything that compiles patterns as it is imported (PyYAML, ReportLab)
        from .main import entry as run
    except KeyboardInterrupt:
        _interrupted()
    except Exception:
        if getattr(sys.modules.get(f"{__name__}.interrupt"), "seen", False):
            _interrupted()  # an import Ctrl-C broke (a C extension's reports an ImportError)
        raise
    run()


def _interrupted() -> None:
    os._exit(130)


def main(argv: list[str] | None = None) -> int:
    from .main import main as run

    return run(argv)


__all__ = ["entry", "main"]
