"""Benchmark (prints, asserts nothing): composition of the default page, cold and warm.

    .venv/bin/python tests/stress/bench_compose.py [CONTENT] [LAYOUT]

Cold: a fresh process (fonts already loaded, no composition cache: HENGYANG_PRINT_NO_CACHE); warm: the same
page again (every paragraph comes from the process's memory). Each is the best of five runs, wall clock and CPU.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def once(content: str, layout: str) -> tuple[float, float, float, float, float]:
    from hengyang_print.fonts import metrics
    from hengyang_print.load.loader import load_content, load_layout
    from hengyang_print.place.page import place_page

    c, lay = load_content(content), load_layout(layout)
    t, cpu = time.perf_counter(), time.process_time()
    for path in lay.fonts.values():
        metrics(path)
    fonts = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    place_page(c, lay)
    cold, cold_cpu = time.perf_counter() - t, time.process_time() - cpu
    t, cpu = time.perf_counter(), time.process_time()
    place_page(c, lay)
    return fonts, cold, cold_cpu, time.perf_counter() - t, time.process_time() - cpu


def main() -> None:
    content = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "content" / "hengyang-2018.yaml")
    layout = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "layout" / "broadsheet.yaml")
    if sys.argv[-1] == "--once":
        print(*once(content, layout))
        return
    runs = []
    for _ in range(5):  # a fresh interpreter each time, without the persistent cache: every paragraph composed
        env = dict(os.environ, HENGYANG_PRINT_NO_CACHE="1")
        out = subprocess.run(
            [sys.executable, __file__, content, layout, "--once"], capture_output=True, text=True, check=True, env=env
        )
        runs.append([float(v) for v in out.stdout.split()])
    best = [min(r[k] for r in runs) for k in range(5)]
    print(f"font metrics load: {best[0] * 1000:.0f} ms (separate from composition)")
    print(f"compose + place, cold: {best[1] * 1000:.1f} ms wall, {best[2] * 1000:.1f} ms CPU")
    print(f"compose + place, warm: {best[3] * 1000:.1f} ms wall, {best[4] * 1000:.1f} ms CPU")


if __name__ == "__main__":
    main()
