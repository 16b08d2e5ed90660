"""Concurrent writes to one sign-off ledger, and what the ledger costs a build. A script that prints; not a test.

    .venv/bin/python benchmarks/bench_ledger.py [--writers 8] [--writes 50]

Prints, for WRITERS threads sharing one Ledger and for WRITERS processes each opening the same file: the
writes that landed out of those made (marks on one shared page, signatures through the chain on each
writer's own page, started together), the wall time, writes a second, and each write's latency (median,
95th percentile, worst: waiting for the write lock included). Then the time of Ledger.open (its
quick_check included), of status() on a page with many versions and marks, and of recording a build of
the default page (its PDF kept, ~60 blocks).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hengyang_print.ledger import DEFAULT_CHAIN, Ledger, PageRef  # noqa: E402

SHARED = PageRef("content/shared.yaml", "broadsheet")
BLOCKS = {"headline": "衡阳市举行新闻发布会", "items[0].body[0]": "据统计，衡阳市的生产总值达到4000亿元。" * 4}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def own(worker: int) -> PageRef:
    return PageRef(f"content/p{worker}.yaml", "broadsheet")


def seed(project: Path, writers: int) -> None:
    with Ledger.open(project) as ledger:
        for page in [SHARED, *(own(w) for w in range(writers))]:
            pdf = f"%PDF stand-in {page.content}".encode()
            digest = sha(pdf)
            ledger.record_version(
                page, pdf_sha256=digest, content_sha256=digest, layout_sha256=digest, blocks=BLOCKS, pdf=pdf
            )


def work(ledger: Ledger, worker: int, writes: int) -> list[float]:
    """`writes` writes: a signature of the chain on the worker's page while it lasts, marks on the shared one."""
    took = []
    for n in range(writes):
        start = time.perf_counter()
        if n < len(DEFAULT_CHAIN):
            ledger.sign(own(worker), version=1, role=DEFAULT_CHAIN[n], person=f"校对{worker}")
        else:
            ledger.add_mark(
                SHARED, version=1, block="headline", start=0, end=2, note=f"w{worker}#{n}", person=f"校对{worker}"
            )
        took.append(time.perf_counter() - start)
    return took


def in_process(project: str, worker: int, writes: int, barrier) -> list[float]:
    with Ledger.open(project) as ledger:
        barrier.wait()
        return work(ledger, worker, writes)


def landed(project: Path, writers: int) -> int:
    with Ledger.open(project) as ledger:
        return len(ledger.marks(SHARED)) + sum(len(ledger.signatures(own(w))) for w in range(writers))


def report(kind: str, writers: int, writes: int, took: list[list[float]], wall: float, project: Path) -> None:
    flat = sorted(t for ts in took for t in ts)
    made = writers * writes
    ms = [t * 1000 for t in flat]
    print(
        f"{kind:>9}: {writers} writers × {writes} writes: {landed(project, writers)}/{made} landed in {wall:.2f} s,"
        f" {made / wall:.0f} writes/s; latency median {statistics.median(ms):.1f} ms,"
        f" p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms, worst {ms[-1]:.1f} ms"
    )


def project_in(folder: Path, name: str) -> Path:
    project = folder / name
    project.mkdir()
    (project / "hengyang-print.toml").write_text("")
    return project


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--writes", type=int, default=50)
    args = ap.parse_args()
    w, n = args.writers, args.writes
    with tempfile.TemporaryDirectory() as tmp:
        project = project_in(Path(tmp), "threads")
        seed(project, w)
        barrier = threading.Barrier(w + 1)
        results: list[list[float]] = [[] for _ in range(w)]
        with Ledger.open(project) as ledger:

            def thread(k: int) -> None:
                barrier.wait()
                results[k] = work(ledger, k, n)

            threads = [threading.Thread(target=thread, args=(k,)) for k in range(w)]
            for t in threads:
                t.start()
            barrier.wait()
            start = time.perf_counter()
            for t in threads:
                t.join()
            wall = time.perf_counter() - start
        report("threads", w, n, results, wall, project)

        project = project_in(Path(tmp), "processes")
        seed(project, w)
        ctx = multiprocessing.get_context("spawn")
        with ctx.Manager() as manager, ctx.Pool(w) as pool:
            barrier = manager.Barrier(w + 1)
            pending = pool.starmap_async(in_process, [(str(project), k, n, barrier) for k in range(w)])
            barrier.wait()
            start = time.perf_counter()
            results = pending.get()
            wall = time.perf_counter() - start
        report("processes", w, n, results, wall, project)

        opened = []
        for _ in range(5):
            start = time.perf_counter()
            Ledger.open(project).close()
            opened.append(time.perf_counter() - start)
        size = (project / ".hengyang" / "ledger.sqlite3").stat().st_size / 1024
        print(
            f"Ledger.open of a {size:.0f} KB ledger (quick_check included): {statistics.median(opened) * 1000:.1f} ms"
        )

        with Ledger.open(project) as ledger:
            blocks = dict(BLOCKS)
            for k in range(2, 31):
                blocks = {**blocks, "items[0].body[0]": blocks["items[0].body[0]"] + f"第{k}次修改。"}
                pdf = f"%PDF stand-in v{k}".encode()
                ledger.record_version(
                    SHARED, pdf_sha256=sha(pdf), content_sha256=sha(pdf), layout_sha256=sha(pdf), blocks=blocks
                )
            marks = len(ledger.marks(SHARED))
            start = time.perf_counter()
            ledger.status(SHARED)
            print(
                f"status() of a page with 30 versions and {marks} marks: {(time.perf_counter() - start) * 1000:.0f} ms"
            )

        from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
        from hengyang_print.ledger.builds import record_build
        from hengyang_print.load.blocks import content_blocks
        from hengyang_print.run.build import build

        result = build(DEFAULT_CONTENT, DEFAULT_LAYOUT)
        page_blocks = {str(b.id): b.text for b in content_blocks(result.content, result.layout)}
        project = project_in(Path(tmp), "build")
        content = project / "page.yaml"
        content.write_bytes(Path(DEFAULT_CONTENT).read_bytes())
        times = []
        for k in range(5):
            pdf = result.pdf + f"% {k}\n".encode()  # a new version each time
            start = time.perf_counter()
            record_build(project, content, DEFAULT_LAYOUT, pdf, page_blocks)
            times.append(time.perf_counter() - start)
        print(
            f"recording a build of the default page ({len(page_blocks)} blocks, {len(result.pdf) // 1024} KB PDF kept):"
            f" median {statistics.median(times) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
