"""Issue 22's per-page table: each fitting content (tests/pages/fitting) and the default page, on each layout, built
as an editor builds it (at most one round of the tool's first figures: tests/pages/rounds.py), with whether it ends
flush and `check`'s findings by rule after that round. A script that prints a markdown table; not a test.

    .venv/bin/python benchmarks/fitting_table.py [--pdf-dir DIR] [CONTENT ...]

--pdf-dir: write each page's PDF as built after its round there (CONTENT-LAYOUT.pdf), to look at.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LAYOUTS = [ROOT / "layout" / f"{name}.yaml" for name in ("broadsheet", "tabloid", "tabloid-sidebar")]
CONTENTS = [*sorted((ROOT / "tests" / "pages" / "fitting").glob("[!.]*.yaml")), ROOT / "content" / "hengyang-2018.yaml"]


def row(content: Path, layout: Path, pdf_dir: Path | None) -> str:
    from tests.pages.rounds import one_round

    from hengyang_print.tools.findings import audit, findings

    made = one_round(content, layout, f"table-{content.stem}-{layout.stem}")
    result = made.result
    fill = [result.report.fill[r.name] for r in result.layout.regions.values() if r.kind in ("flow", "items")]
    flush = all(used == capacity for used, capacity in fill) and not result.report.unfit
    found = findings(audit(result))
    rules = Counter(f.rule for f in found if f.kind == "audit")
    lint = sum(f.kind == "lint" for f in found)
    figures = "; ".join(_figure(s) for s in made.figures) or "—"
    by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())) or "none"
    if pdf_dir:
        (pdf_dir / f"{content.stem}-{layout.stem}.pdf").write_bytes(result.pdf)
    cells = [content.stem, layout.stem, made.rounds, figures, "yes" if flush else "NO", by_rule, lint]
    return "| " + " | ".join(map(str, cells)) + " |"


def _figure(s) -> str:
    """A suggestion done, short: block, cut or add, characters (an addition's range), and the edits with it."""
    most = f"–{s.most}" if s.most is not None and s.most > s.characters else ""
    edits = [f"{s.block} {s.action} {s.characters}{most}"] + [f"{b} {a} {n}" for b, a, n, _ in s.together]
    return " + ".join(edits)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("contents", nargs="*", type=Path, default=CONTENTS)
    ap.add_argument("--pdf-dir", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("HENGYANG_PRINT_CACHE", tempfile.mkdtemp(prefix="fitting-table-"))
    if args.pdf_dir:
        args.pdf_dir.mkdir(parents=True, exist_ok=True)
    print("| content | layout | rounds | first figures done | flush | check findings by rule | lint |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for content in args.contents:
        for layout in LAYOUTS:
            try:
                print(row(content.resolve(), layout, args.pdf_dir), flush=True)
            except Exception as exc:  # a page that does not build after its round is a row of the table too
                print(
                    f"| {content.stem} | {layout.stem} | — | — | NO | build fails: {str(exc).splitlines()[0]} | — |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
