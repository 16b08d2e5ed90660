"""Time `hengyang-print check` (and its figure search) as an editor runs it. A script that prints; not a test.

    .venv/bin/python benchmarks/bench_check.py [--runs 5] [CONTENT ...] [--layout L]

Prints, per content file, the median over the runs of the whole CLI process: wall seconds and CPU seconds
(user + system, from wait4: what the process itself used, steadier than wall time on a shared machine).
The first run warms the cache (fonts, paragraphs, word breaks) and is not counted; bytecode is compiled first
(PYTHONDONTWRITEBYTECODE is dropped), as an installed tool has it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "hengyang-print"


def run(argv: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and exit status of one CLI process."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(CLI), *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("content", nargs="*", default=[str(ROOT / "content" / "hengyang-2018.yaml")])
    ap.add_argument("--layout", default=str(ROOT / "layout" / "broadsheet.yaml"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL, env=env
    )
    for content in args.content:
        argv = ["check", content, "--layout", args.layout]
        *_, status = run(argv, env)  # warm
        times = [run(argv, env)[:2] for _ in range(args.runs)]
        wall, cpu = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
        print(
            f"check {Path(content).name} ({Path(args.layout).name}): {wall:.2f} s wall, {cpu:.2f} s CPU (median of"
            f" {args.runs}; exit {status})"
        )


if __name__ == "__main__":
    main()
