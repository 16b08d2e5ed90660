"""Time the figure search: the exact cuts or additions for a page overset or short. A script that prints; not a test.

    .venv/bin/python benchmarks/bench_fit.py [--layouts broadsheet tabloid] [--cases over-40 short-5 ...]

For each layout and case (the test suite's pages, tests/place/fitcases.py: the Yueyang page with one paragraph
1, 5 or 40 lines too long or too short) it prints the CPU seconds place_page spends in fit.suggest, how many
paragraphs place_page composed (cache misses of the composer: the costly part; relined: set a line longer or
shorter, several times dearer), the first suggestion, and the
rounds of "apply the first suggestion, build again" the page takes to fit. The cache is a fresh folder, warmed
with the base page, so the search composes cold, as on an editor's first check of an edit.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts", nargs="*", default=["broadsheet", "tabloid"])
    ap.add_argument("--cases", nargs="*", default=None, help="e.g. over-40 short-1")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-fit-"))
    os.environ["HENGYANG_PRINT_CACHE"] = str(tmp / "cache")

    from tests.place.fitcases import BASE, CASES, LAYOUTS, rounds_to_fit, variant

    from hengyang_print import compose
    from hengyang_print.compose import words
    from hengyang_print.place import fit, page
    from hengyang_print.run.build import make_page

    spent, composed, relined = [0.0], [0], [0]
    real_suggest, real_set = page.suggest, compose._set

    def timed_suggest(*a, **k):
        start = time.process_time()
        try:
            return real_suggest(*a, **k)
        finally:
            spent[0] += time.process_time() - start

    def counted_set(text, setting):
        composed[0] += 1
        relined[0] += bool(setting.looseness)
        return real_set(text, setting)

    page.suggest, compose._set = timed_suggest, counted_set
    for name in args.layouts:
        make_page(BASE, LAYOUTS[name])  # warm: fonts and the unchanged paragraphs
        for action, lines in CASES:
            if args.cases and f"{action}-{lines}" not in args.cases:
                continue
            path = variant(tmp, LAYOUTS[name], action, lines)
            compose._compose.cache_clear()
            words.word_breaks.cache_clear()
            spent[0], composed[0], relined[0] = 0.0, 0, 0
            start = time.process_time()
            report = make_page(path, LAYOUTS[name], allow_overset=True)[3]
            total = time.process_time() - start
            search, searched, loose = spent[0], composed[0], relined[0]
            first = report.suggestions[0] if report.suggestions else None
            said = f"{first.block}: {first.action} {first.characters}" if first else "fits within the bounds"
            rounds, _ = rounds_to_fit(path, LAYOUTS[name])
            print(
                f"{name:10} {action:5} {lines:2} lines: search {search:5.2f} s CPU ({searched:3} paragraphs composed,"
                f" {loose:3} relined), "
                f"place+search {total:5.2f} s; {said}; {len(report.suggestions)} suggestions; rounds to fit {rounds}"
            )
    fit  # noqa: B018  (imported so that the module is loaded before timing)


if __name__ == "__main__":
    main()
