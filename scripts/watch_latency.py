"""Print how long `hengyang-print watch` takes from a save of the content file to the new PDF on disk, and from
the new PDF to the new proof PNG.

Runs the real command in a subprocess on a copy of the default content, saves N edits (plain write, and
an editor-style write-and-rename), and polls the files' modification times. A benchmark: it prints, never
asserts. benchmarks/bench.py reports the same figures (measure()).
Usage: .venv/bin/python scripts/watch_latency.py [N] [--no-proof]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wait_for_change(path: Path, since: int, timeout: float = 30.0) -> float:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            if path.stat().st_mtime_ns != since:
                return time.perf_counter()
        except FileNotFoundError:
            pass
        time.sleep(0.001)
    raise TimeoutError(path)


def mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def measure(n: int = 9, proof: bool = True, env: dict | None = None) -> tuple[list[float], list[float]]:
    """Seconds from each save to the new PDF, and from the new PDF to the new proof PNG (empty without proof)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        content, pdf, png = tmp / "page.yaml", tmp / "page.pdf", tmp / "proof" / "page.proof.png"
        listing = tmp / "proof" / "page.txt"  # the last proof file written: the watcher is idle again
        text = (ROOT / "content" / "hengyang-2018.yaml").read_text(encoding="utf-8")
        content.write_text(text, encoding="utf-8")
        extra = ["--proof-dir", str(tmp / "proof")] if proof else ["--no-proof"]
        cmd = [
            sys.executable,
            "-c",
            "from hengyang_print.cli import entry; entry()",
            "watch",
            str(content),
            "-o",
            str(pdf),
            *extra,
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
        try:
            wait_for_change(pdf, 0, 60)
            if proof:
                wait_for_change(listing, 0, 60)
            time.sleep(0.5)
            to_pdf, to_png = [], []
            for i in range(n):
                before, png_before, listing_before = mtime(pdf), mtime(png), mtime(listing)
                edited = text.replace(
                    "主流央媒聚焦", "甲乙丙丁戊己庚辛壬癸"[i % 10] + "流央媒聚焦"
                )  # same length: no overset
                start = time.perf_counter()
                if i % 2:  # editor-style save: write a new file, rename it over the old one
                    (tmp / "page.yaml.tmp").write_text(edited, encoding="utf-8")
                    os.replace(tmp / "page.yaml.tmp", content)
                else:
                    content.write_text(edited, encoding="utf-8")
                done = wait_for_change(pdf, before)
                to_pdf.append(done - start)
                if proof:
                    to_png.append(wait_for_change(png, png_before) - done)
                    wait_for_change(listing, listing_before)
                time.sleep(0.5)  # saves come seconds apart: each one finds the watcher idle
            return to_pdf, to_png
        finally:
            proc.terminate()
            proc.wait(10)


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), 9))
    proof = "--no-proof" not in sys.argv
    to_pdf, to_png = measure(n, proof)
    ms = sorted(t * 1000 for t in to_pdf)
    print(
        f"save → new PDF over {n} saves{'' if proof else ' (no proof)'}: median {statistics.median(ms):.0f} ms, min"
        f" {ms[0]:.0f} ms, max {ms[-1]:.0f} ms"
    )
    if proof:
        ms = sorted(t * 1000 for t in to_png)
        print(
            f"new PDF → new proof PNG: median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms"
        )


if __name__ == "__main__":
    main()
