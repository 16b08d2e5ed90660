"""`python -m hengyang_print …` and the `hengyang-print` console script.

Ctrl-C while the program is still starting (importing) ends it at once with status 130 and no traceback:
nothing has been read or written yet. cli.interrupt takes over once a command runs.
"""

import os
import signal


def _leave_quietly(signum, frame) -> None:
    os._exit(130)


def entry() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when a host program set its own
        signal.signal(signal.SIGINT, _leave_quietly)
    from .cli.main import entry as run

    run()


if __name__ == "__main__":
    entry()
