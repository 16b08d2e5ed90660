"""`python -m hengyang_print …`, the same as the `hengyang-print` command."""

import os
import sys


def entry() -> None:
    """The console script. Ctrl-C while the command line is still importing exits 130, without a traceback."""
    try:
        from .cli import entry as run  # two small modules; the command line's own imports are guarded there
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        os._exit(130)
    run()


if __name__ == "__main__":
    entry()
