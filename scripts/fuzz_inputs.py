"""Run N fuzzed content files (default 2000) through the build and tally the outcomes; print any traceback.

    .venv/bin/python scripts/fuzz_inputs.py [N]

Uses the strategy of tests/test_fuzz.py. Exit status 1 if any input ended in a traceback or a hang.
"""

from __future__ import annotations

import collections
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from tests.test_fuzz import content_files, run_one  # noqa: E402


def main(n: int) -> int:
    tally: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    start = time.perf_counter()

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(content_files())
    def one(text):
        try:
            tally[run_one(text)] += 1
        except TimeoutError:
            tally["hang"] += 1
            failures.append(f"HANG on {text[:200]!r}")
        except Exception:
            tally["traceback"] += 1
            failures.append(f"{traceback.format_exc()}\non input {text[:300]!r}")

    one()
    seconds = time.perf_counter() - start
    total = sum(tally.values())
    print(
        f"{total} inputs in {seconds:.0f} s: {tally['pdf']} PDFs, {tally['error']} clean errors, "
        f"{tally['traceback']} tracebacks, {tally['hang']} hangs"
    )
    for failure in failures[:10]:
        print("-" * 60)
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
