"""What the concurrency and kill tests run in other processes (spawned: nothing is inherited but the arguments).

`python -m tests.ledger.workers record PROJECT N` writes versions in a loop, printing each one's number
once it is committed; `pause PROJECT` stops in the middle of a write transaction and says so.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hengyang_print.ledger import DEFAULT_CHAIN, Ledger, PageRef, Refused
from hengyang_print.ledger.store import Store

from .conftest import BLOCKS, record

MARKS_EACH = 20


def page_of(worker: int) -> PageRef:
    return PageRef(f"content/p{worker}.yaml", "broadsheet")


SHARED = PageRef("content/shared.yaml", "broadsheet")


def sign_and_mark(project: str, worker: int, barrier=None) -> list[float]:
    """The whole chain on the worker's own page, and MARKS_EACH marks on the shared page, interleaved; the
    seconds each write took (waiting for the lock included)."""
    with Ledger.open(project) as ledger:
        if barrier is not None:
            barrier.wait()
        took = []
        roles = iter(DEFAULT_CHAIN)
        for n in range(MARKS_EACH):
            start = time.perf_counter()
            ledger.add_mark(
                SHARED,
                version=1,
                block="headline",
                start=n % 5,
                end=n % 5 + 1,
                note=f"w{worker}#{n}",
                person=f"校对{worker}",
            )
            took.append(time.perf_counter() - start)
            role = next(roles, None)
            if role:
                start = time.perf_counter()
                ledger.sign(page_of(worker), version=1, role=role, person=f"校对{worker}")
                took.append(time.perf_counter() - start)
        return took


def race_for(project: str, worker: int, barrier) -> str:
    """Sign 一校 on the shared page at the same moment as the others: 'signed' or the refusal."""
    with Ledger.open(project) as ledger:
        barrier.wait()
        try:
            ledger.sign(SHARED, version=1, role=DEFAULT_CHAIN[0], person=f"校对{worker}")
            return "signed"
        except Refused as exc:
            return str(exc)


def open_at_once(project: str, barrier) -> int:
    barrier.wait()
    with Ledger.open(project) as ledger:
        return ledger.schema


def _record_forever(project: str, blocks_each: int) -> None:
    with Ledger.open(project) as ledger:
        for n in range(1, 10**6):
            blocks = {f"items[{i + 10}].body[0]": f"第{n}版第{i}段：" + "衡阳" * 20 for i in range(blocks_each)}
            version = record(ledger, {**BLOCKS, **blocks})
            print(version.number, flush=True)


def _pause_mid_write(project: str) -> None:
    """A write transaction left open after its first rows: the page and a version without its blocks."""
    store = Store.open(Path(project) / ".hengyang" / "ledger.sqlite3")
    with store.writing():
        page_id = store.page_id(PageRef("content/half.yaml", "broadsheet"), create=True)
        store.add_version(page_id, ("a" * 64, "b" * 64, "c" * 64), None, "x", "t", {"headline": "半截"})
        print("inside", flush=True)
        time.sleep(600)


if __name__ == "__main__":
    command, project, *rest = sys.argv[1:]
    if command == "record":
        _record_forever(project, int(rest[0]))
    elif command == "pause":
        _pause_mid_write(project)
