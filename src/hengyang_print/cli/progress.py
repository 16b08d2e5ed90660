"""A progress display for long work (an edition's pages, many PDFs to preflight): tqdm's bar on stderr when
stderr is a terminal that allows it (common.terminal), each finished item's lines printed above the bar; on a
log, a pipe or TERM=dumb only the lines. The bar is redrawn twice a second, so that a long item does not look
like a hang. An edition starts it once its worker processes are forked (start): tqdm's monitor thread and
the redrawing thread must not exist when a process forks (a lock a thread holds is held for ever in the child)."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from ..i18n import _
from .common import terminal

TICK_S = 0.5


class Progress:
    def __init__(self, total: int, unit: str, note: str = "", start: bool = True):
        self.total, self.unit, self.note, self.failed = total, unit, note, 0
        self.bar = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        if start:
            self.start()

    def start(self) -> None:
        """Show the bar (and redraw it) from now on."""
        if self.bar is not None:
            return
        from tqdm import tqdm  # only here: a single page shows no progress

        total, unit, note = self.total, self.unit, self.note
        self.bar = tqdm(
            total=total,
            unit=f" {unit}",
            file=sys.stderr,
            disable=not terminal(sys.stderr),
            dynamic_ncols=True,
            leave=False,
            bar_format="{bar:20} {n_fmt}/{total_fmt}{unit}{postfix}, {elapsed}",  # tqdm puts ", " before a postfix
            postfix=note,
        )
        if not self.bar.disable:
            threading.Thread(target=self._tick, daemon=True).start()

    def say(self, line: str, stream: TextIO | None = None) -> None:
        """A line above the bar (on stdout unless `stream` says otherwise)."""
        self.start()
        with self._lock:
            self.bar.write(line, file=stream or sys.stdout)
            (stream or sys.stdout).flush()

    def advance(self, ok: bool = True) -> None:
        self.start()
        with self._lock:
            self.failed += not ok
            failed = _("{count} failed, ").format(count=self.failed) if self.failed else ""
            self.bar.set_postfix_str(f"{failed}{self.note}", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            if self.bar is not None:
                self.bar.close()

    def _tick(self) -> None:
        while not self._stop.wait(TICK_S):
            with self._lock:
                if not self._stop.is_set():
                    self.bar.refresh()
