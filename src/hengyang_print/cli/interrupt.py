"""Ctrl-C while a command runs: remembered, then raised as KeyboardInterrupt.

The flag outlives the exception: Python drops an exception raised where it cannot propagate (a finaliser,
a callback a C library calls: "Exception ignored in …"), and an interrupt that lands inside a C extension's
import comes out as an ImportError. Whatever happened to the exception, `check()` before an output is
written, and main's exit status, still see the interrupt.
"""

from __future__ import annotations

import signal

seen = False


def install() -> None:
    signal.signal(signal.SIGINT, _on_interrupt)


def _on_interrupt(signum, frame) -> None:
    global seen
    seen = True
    raise KeyboardInterrupt


def check() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed, even if its exception was swallowed on the way."""
    if seen:
        raise KeyboardInterrupt
