"""Writers at once on one ledger file (threads, processes) all land; a writer killed mid-write loses nothing."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from hengyang_print.ledger import DEFAULT_CHAIN, Ledger, PageRef

from . import workers
from .conftest import BLOCKS, record

REPO = Path(__file__).resolve().parents[2]
WORKERS = 6


def seeded(project: Path, workers_: int = WORKERS) -> None:
    with Ledger.open(project) as ledger:
        for w in range(workers_):
            record(ledger, BLOCKS, page=workers.page_of(w))
        record(ledger, BLOCKS, page=workers.SHARED)


def all_landed(project: Path, workers_: int = WORKERS) -> None:
    with Ledger.open(project) as ledger:
        marks = ledger.marks(workers.SHARED)
        assert sorted(m.note for m in marks) == sorted(
            f"w{w}#{n}" for w in range(workers_) for n in range(workers.MARKS_EACH)
        )
        assert len({m.id for m in marks}) == len(marks)
        for w in range(workers_):
            status = ledger.status(workers.page_of(w))
            assert status.releasable, (w, status.missing)
            assert [r.signature.person for r in status.chain] == [f"校对{w}"] * len(DEFAULT_CHAIN)


def test_threads_sharing_one_ledger_all_land(project):
    seeded(project)
    barrier = threading.Barrier(WORKERS)
    with Ledger.open(project) as ledger, ThreadPoolExecutor(WORKERS) as pool:

        def work(w: int) -> int:
            barrier.wait()
            for n in range(workers.MARKS_EACH):
                ledger.add_mark(
                    workers.SHARED,
                    version=1,
                    block="headline",
                    start=n % 5,
                    end=n % 5 + 1,
                    note=f"w{w}#{n}",
                    person=f"校对{w}",
                )
                if n < len(DEFAULT_CHAIN):
                    ledger.sign(workers.page_of(w), version=1, role=DEFAULT_CHAIN[n], person=f"校对{w}")
            return w

        assert sorted(pool.map(work, range(WORKERS))) == list(range(WORKERS))
    all_landed(project)


def test_processes_writing_one_ledger_file_all_land(project):
    seeded(project)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(WORKERS)
        with ctx.Pool(WORKERS) as pool:
            took = pool.starmap(workers.sign_and_mark, [(str(project), w, barrier) for w in range(WORKERS)])
    assert sum(len(t) for t in took) == WORKERS * (workers.MARKS_EACH + len(DEFAULT_CHAIN))
    all_landed(project)


def test_two_signers_racing_for_one_role_one_lands_and_the_other_is_refused(project):
    seeded(project, 0)
    racers = 4
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(racers)
        with ctx.Pool(racers) as pool:
            outcomes = pool.starmap(workers.race_for, [(str(project), w, barrier) for w in range(racers)])
    assert outcomes.count("signed") == 1
    assert all("has signed version 1 already" in o for o in outcomes if o != "signed")
    with Ledger.open(project) as ledger:
        assert [s.role for s in ledger.signatures(workers.SHARED)] == ["一校"]
        assert len(ledger.refusals(workers.SHARED)) == racers - 1


def test_processes_opening_a_new_ledger_at_once_make_one(project):
    n = 4
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(n)
        with ctx.Pool(n) as pool:
            assert pool.starmap(workers.open_at_once, [(str(project), barrier)] * n) == [1] * n


def _worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ledger.workers", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()


def test_a_writer_killed_inside_its_transaction_leaves_the_ledger_as_before(project):
    seeded(project, 1)
    proc = _worker("pause", str(project))
    assert proc.stdout.readline().strip() == "inside"
    wal = project / ".hengyang" / "ledger.sqlite3-wal"
    _kill(proc)
    assert wal.exists()  # the killed writer's pages may be in the log: they were never committed
    with Ledger.open(project) as ledger:
        assert PageRef("content/half.yaml", "broadsheet") not in ledger.pages()
        assert [v.number for v in ledger.versions(workers.page_of(0))] == [1]
        ledger.sign(workers.page_of(0), version=1, role="一校", person="王芳")  # its lock died with it
        assert [s.role for s in ledger.signatures(workers.page_of(0))] == ["一校"]


@pytest.mark.parametrize("round_", range(3))
def test_a_writer_killed_at_a_random_moment_loses_no_committed_version_and_leaves_no_half_one(project, round_):
    blocks_each = 400  # a version is ~800 rows: most of the writer's time is inside a transaction
    proc = _worker("record", str(project), str(blocks_each))
    for _ in range(2 + round_):
        proc.stdout.readline()
    threading.Event().wait(random.Random(round_).uniform(0.0, 0.05))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    committed = [1 + i for i in range(2 + round_)] + [int(line) for line in proc.stdout]  # all it said it committed
    proc.stdout.close()
    db = sqlite3.connect(project / ".hengyang" / "ledger.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Ledger.open(project) as ledger:
        page = PageRef("content/a01.yaml", "broadsheet")
        numbers = [v.number for v in ledger.versions(page)]
        assert numbers[: len(committed)] == committed and len(numbers) <= len(committed) + 1
        for n in numbers:
            assert len(ledger.blocks(page, n)) == len(BLOCKS) + blocks_each, f"version {n} is not whole"
        record(ledger, {"headline": "又一版"})  # and it takes writes again
