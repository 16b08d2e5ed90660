"""Print how long `hengyang-print watch` takes from a save of the content file to the new PDF on disk.

Runs the real command in a subprocess on a copy of the default content, saves N edits (plain write, and
an editor-style write-and-rename), and polls the PDF's modification time. A benchmark: it prints, never asserts.
Usage: .venv/bin/python scripts/watch_latency.py [N] [--no-proof]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "hengyang-print"


def wait_for_change(path: Path, since: int, timeout: float = 30.0) -> float:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            if path.stat().st_mtime_ns != since:
                return time.perf_counter()
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    raise TimeoutError(path)


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), 5))
    extra = ["--no-proof"] if "--no-proof" in sys.argv else []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        content, pdf = tmp / "page.yaml", tmp / "page.pdf"
        text = (ROOT / "content" / "hengyang-2018.yaml").read_text(encoding="utf-8")
        content.write_text(text, encoding="utf-8")
        proc = subprocess.Popen([str(CLI), "watch", str(content), "-o", str(pdf), "--proof-dir", str(tmp / "proof"), *extra], stdout=subprocess.PIPE, text=True)
        try:
            wait_for_change(pdf, 0, 60)
            time.sleep(1.0)  # let the first build's proof finish
            times = []
            for i in range(n):
                before = pdf.stat().st_mtime_ns
                edited = text.replace("主流央媒聚焦", "甲乙丙丁戊己庚辛壬癸"[i % 10] + "流央媒聚焦")  # same length: no overset
                start = time.perf_counter()
                if i % 2:  # editor-style save: write a new file, rename it over the old one
                    (tmp / "page.yaml.tmp").write_text(edited, encoding="utf-8")
                    os.replace(tmp / "page.yaml.tmp", content)
                else:
                    content.write_text(edited, encoding="utf-8")
                times.append(wait_for_change(pdf, before) - start)
                time.sleep(1.5)  # the proof after the PDF, before the next save
            ms = sorted(t * 1000 for t in times)
            print(f"save → new PDF over {n} saves{' (no proof)' if extra else ''}: median {ms[len(ms) // 2]:.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
