"""Time the proof room as a proofreader feels it. A script that prints; not a test.

    .venv/bin/python benchmarks/bench_room.py [--saves 7] [--clicks 10]

Runs `hengyang-print serve` on a copy of the sample page in a temporary project and opens it in Debian's
chromium (Playwright, as the browser tests do). Then:
- save → shown: an edit is saved (written and renamed over the file, as editors save); the time from just
  before the rename to the new version's page on screen, read in the browser (the new image decoded and two
  frames painted: room.shown[version], ms since the epoch, the same clock as time.time() on this machine);
- click → source: a click on a line to its block, FILE:LINE:COL and YAML on screen, measured in the browser;
- sign → shown: the sign button of each role of the chain pressed to the chain showing the signature (the POST,
  the ledger's transaction with its fsync, the chain and marks read again and painted);
- mark → shown: a character clicked, a note written, the mark button pressed to the mark drawn on the page
  (the same round: POST, ledger, marks and chain read again and painted). Signs first: an open mark blocks them.
Prints each figure's median, fastest and slowest, and the build's own share (the API's `seconds`).
Targets (issue 23): save → shown ≤ 300 ms, click → source ≤ 100 ms, on the default page.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.room.browser import chromium, serving  # noqa: E402

SAMPLE = ROOT / "content" / "hengyang-2018.yaml"
CLICKS_MM = [(60, 428), (150, 240), (320, 90), (330, 450), (240, 380), (110, 520), (30, 200), (200, 300)]


def figures(values: list[float]) -> str:
    if not values:
        return "not measured (a page outside a project: HENGYANG_PRINT_LEDGER=off)"
    middle, low, high = statistics.median(values), min(values), max(values)
    return f"median {middle:.0f} ms (fastest {low:.0f}, slowest {high:.0f}; n={len(values)})"


def located(url: str, x: float, y: float) -> dict:
    with urllib.request.urlopen(f"{url}api/locate?x_mm={x}&y_mm={y}") as response:
        return json.loads(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--marks", type=int, default=8)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-room-"))
    (folder / "hengyang-print.toml").write_text("", encoding="utf-8")
    shutil.copytree(SAMPLE.parent / "photos", folder / "photos")
    content = folder / "page.yaml"
    shutil.copy(SAMPLE, content)
    try:
        with chromium() as browser, serving(content) as url:
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            tab.goto(url)
            tab.wait_for_selector('body[data-shown="1"]', timeout=60_000)
            saves, builds = [], []
            text = content.read_text(encoding="utf-8")
            for n in range(args.saves):
                time.sleep(0.6)  # the last save's comparison done, the machine quiet again
                edited = text.replace("70.9分", f"70.{n}分" if n != 9 else "71.0分")
                temporary = content.with_suffix(".tmp")
                temporary.write_text(edited, encoding="utf-8")
                saved = time.time() * 1000
                temporary.replace(content)
                version = n + 2
                tab.wait_for_selector(f'body[data-shown="{version}"]', timeout=60_000)
                saves.append(tab.evaluate(f"room.shown[{version}]") - saved)
                with urllib.request.urlopen(url + "api/page") as response:
                    builds.append(json.loads(response.read())["seconds"] * 1000)
            k = tab.evaluate("scale()")
            for n in range(args.clicks):
                x, y = CLICKS_MM[n % len(CLICKS_MM)]
                tab.click("#sheet", position={"x": x * k, "y": y * k})
                tab.wait_for_selector(f'body[data-located="{n + 1}"]', timeout=60_000)
            clicks = tab.evaluate("room.located")
            for role in tab.evaluate("room.session.chain"):
                tab.click(f'button.sign[data-role="{role}"]')
                tab.wait_for_selector(f'#chain li.signed[data-role="{role}"]', timeout=60_000)
            signs = tab.evaluate("room.signed")
            on_text = [  # points well inside a line (a click's mm are rounded from the screen's pixels)
                (x, y) for x, y in CLICKS_MM if all(located(url, x + d, y + d).get("block") for d in (-0.5, 0, 0.5))
            ]
            for n in range(args.marks):
                x, y = on_text[n % len(on_text)]
                k = tab.evaluate("scale()")  # the panel beside the page has grown: the fitted page may be narrower
                tab.click("#sheet", position={"x": x * k, "y": y * k})
                tab.wait_for_selector("#mark-form:not([hidden])", timeout=60_000)
                tab.fill("#mark-note", "疑")
                tab.click("#mark-add")
                tab.wait_for_selector(f'.mark.proof[data-mark="{n + 1}"]', state="attached", timeout=60_000)
            marks = tab.evaluate("room.marked")
            print(f"save → new page shown in the browser: {figures(saves)}; target ≤ 300 ms")
            print(f"  of which the build's own work: {figures(builds)}")
            print(f"click → its source shown:           {figures(clicks)}; target ≤ 100 ms")
            print(f"sign → the signature shown:         {figures(signs)}")
            print(f"mark → the mark drawn on the page:  {figures(marks)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
