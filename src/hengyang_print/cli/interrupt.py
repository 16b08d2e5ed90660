"""Ctrl-C, remembered: an interrupt that lands inside a C extension's import (pikepdf's) comes out as an
ImportError, not a KeyboardInterrupt. The console entry installs this handler first, so main() can tell
such an error for what it is and exit 130 all the same."""

from __future__ import annotations

import signal

seen = False


def install() -> None:
    signal.signal(signal.SIGINT, _on_interrupt)


def _on_interrupt(signum, frame) -> None:
    global seen
    seen = True
    raise KeyboardInterrupt
