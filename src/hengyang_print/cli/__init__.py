"""The command line: `hengyang-print COMMAND …` (main.py), one module per subcommand.

entry() is the console script. It imports main.py itself, so that Ctrl-C while the program is still
importing exits 130 without a traceback, as it does at any later moment (main.py).
"""

import os
import sys


def entry() -> None:
    try:
        from . import interrupt

        interrupt.install()
        from .main import entry as run
    except KeyboardInterrupt:
        os._exit(130)
    except Exception:
        if getattr(sys.modules.get(f"{__name__}.interrupt"), "seen", False):
            os._exit(130)  # an import Ctrl-C broke (a C extension's reports an ImportError)
        raise
    run()


def main(argv: list[str] | None = None) -> int:
    from .main import main as run

    return run(argv)


__all__ = ["entry", "main"]
