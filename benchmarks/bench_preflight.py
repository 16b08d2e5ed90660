"""Time and memory of `hengyang-print preflight` (and diff, check --pdf on a bomb). A script that prints; not a test.

    .venv/bin/python benchmarks/bench_preflight.py [--runs 3]

Prints, for the whole CLI process (median wall time, peak RSS): preflight on the default page
(out/hengyang-2018.pdf, built first if missing), on a 1,000-page PDF and on a 2 MB Flate bomb that inflates
to 2 GB; diff and check --pdf on the same bomb.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.tools import hostile  # noqa: E402  (the test suite's generators of hostile PDFs)


def run(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit status of one CLI process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "hengyang-print"), *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    page = ROOT / "out" / "hengyang-2018.pdf"
    if not page.exists():
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "hengyang-print"), "build", "-o", str(page)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        thousand = hostile.thousand_pages(tmp / "1000.pdf")
        bomb = hostile.bomb_pdf(tmp / "bomb.pdf")
        cases = {
            "preflight default page": ["preflight", str(page)],
            "preflight 1,000 pages": ["preflight", "-q", str(thousand)],
            "preflight 2 MB → 2 GB Flate bomb": ["preflight", str(bomb)],
            "diff on the bomb": ["diff", str(bomb), str(page), "-o", str(tmp / "d.png")],
            "check --pdf on the bomb": ["check", "--pdf", str(bomb)],
        }
        print(f"{'case':36} {'median s':>9} {'peak MB':>8} exit")
        for name, argv in cases.items():
            results = [run(argv) for _ in range(runs)]
            print(
                f"{name:36} {statistics.median(r[0] for r in results):9.2f} {max(r[1] for r in results):8.0f}"
                f" {results[0][2]:4d}"
            )


if __name__ == "__main__":
    main()
