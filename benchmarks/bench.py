"""What people wait on, against Typst on the same page, in one run. A script that prints figures; not a test.

    .venv/bin/pip install -e '.[bench]'      # Typst, the peer
    .venv/bin/python benchmarks/bench.py [--runs 7] [--edits 15] [--edition 20] [--skip-typst]
        [--compare OTHER]   # the same rows for another checkout, with its own .venv (before/after a change)

Rows (medians of runs interleaved with Typst's, so that other work on the machine weighs on both alike):
- a first build: the CLI on an empty cache, as on a new machine or a CI runner (target ≤ 1 s);
- a warm CLI build: the same page again, cache warm (target ≤ 3× Typst);
- Typst compiling the same page (benchmarks/typst_page.py);
- an in-process rebuild after a one-paragraph edit, as watch and the proof room do (target ≤ 50 ms);
- an edition of N pages of new text on all cores.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content" / "hengyang-2018.yaml"
LAYOUT = ROOT / "layout" / "broadsheet.yaml"
# a unique edit a run: the edited paragraph is new text, as typed (no cache holds it)
REBUILDS = """
import os, statistics, sys, time
from pathlib import Path
from hengyang_print.run.build import build, write_atomically
work, runs = Path(sys.argv[1]), int(sys.argv[2])
content, layout = Path(sys.argv[3]), Path(sys.argv[4])
build(content, layout)
text = content.read_text(encoding="utf-8")
times = []
for r in range(runs):
    edited = work / f"edit{r}.yaml"
    edited.write_text(text.replace("近6000字", f"近{6001 + r}字"), encoding="utf-8")
    start = time.perf_counter()
    write_atomically(work / "rebuilt.pdf", build(edited, layout).pdf)
    times.append((time.perf_counter() - start) * 1000)
print(statistics.median(times))
"""
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行"
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7, help="runs per median (default 7)")
    p.add_argument("--edits", type=int, default=15, help="one-paragraph edits rebuilt in one process (default 15)")
    p.add_argument("--edition", type=int, default=20, help="pages in the edition row (0: skip)")
    p.add_argument("--skip-typst", action="store_true")
    p.add_argument("--compare", metavar="CHECKOUT", help="another checkout (with its .venv): its rows beside ours")
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hengyang-bench-"))
    # bytecode as an installed copy has it (pip compiles on install); with PYTHONDONTWRITEBYTECODE set, every
    # process would compile every module again
    for root in [ROOT, *([Path(args.compare)] if args.compare else [])]:
        compileall.compile_dir(root / "src", quiet=1)
    roots = {"ours": ROOT, **({"other": Path(args.compare).resolve()} if args.compare else {})}
    pythons = {
        "ours": sys.executable,
        **({"other": str(roots["other"] / ".venv" / "bin" / "python")} if args.compare else {}),
    }
    pages = {name: (root / "content" / CONTENT.name, root / "layout" / LAYOUT.name) for name, root in roots.items()}
    print(f"hengyang-print benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load {load()}")
    for name, python in pythons.items():
        print(f"  {name}: {python}")

    typst = None
    if not args.skip_typst:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from typst_page import typst_command

        typst = typst_command(work)
    rows: dict[str, list[tuple[float, float]]] = {}
    for r in range(args.runs):
        for name, python in pythons.items():
            content, layout = pages[name]
            cli = [python, "-m", "hengyang_print", "build", str(content), "--layout", str(layout)]
            empty = dict(os.environ, HENGYANG_PRINT_CACHE=str(work / f"{name}-empty-{r}"))
            rows.setdefault(f"{name} first", []).append(measured(cli + ["-o", str(work / f"{name}-1.pdf")], empty))
            warm = dict(os.environ, HENGYANG_PRINT_CACHE=str(work / f"{name}-warm"))
            rows.setdefault(f"{name} warm", []).append(measured(cli + ["-o", str(work / f"{name}-2.pdf")], warm))
        if typst:
            rows.setdefault("typst", []).append(measured(typst))
    wall = {k: statistics.median(w for w, _ in v) * 1000 for k, v in rows.items()}
    cpu = {k: statistics.median(c for _, c in v) * 1000 for k, v in rows.items()}
    print(f"whole processes, medians of {args.runs} interleaved runs (wall; CPU user + system)")
    if typst:
        row("Typst compiling the same page", f"{wall['typst']:6.0f} ms; {cpu['typst']:.0f} ms")
    for name in pythons:
        first, warm = wall[f"{name} first"], wall[f"{name} warm"]
        row(
            f"{name}: first build, empty cache",
            f"{first:6.0f} ms; {cpu[f'{name} first']:.0f} ms",
            first <= 1000,
            "≤ 1 s",
        )
        row(f"{name}: warm CLI build", f"{warm:6.0f} ms; {cpu[f'{name} warm']:.0f} ms")
        if typst:
            row(f"{name}: warm CLI build / Typst", f"{warm / wall['typst']:6.2f} x", warm <= 3 * wall["typst"], "≤ 3x")
    print(f"in-process rebuild after a one-paragraph edit (watch, the proof room), median of {args.edits}")
    for name, python in pythons.items():
        folder = work / f"{name}-edits"
        folder.mkdir()
        env = dict(os.environ, HENGYANG_PRINT_CACHE=str(work / f"{name}-edit-cache"))
        done = subprocess.run(
            [python, "-c", REBUILDS, str(folder), str(args.edits), *map(str, pages[name])],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        ms = float(done.stdout)
        row(f"{name}: rebuild and write the PDF", f"{ms:6.1f} ms", ms <= 50, "≤ 50 ms")
    if args.edition:
        print(f"an edition of {args.edition} pages of new text, on all cores (CLI, whole process)")
        for name, python in pythons.items():
            seconds = edition(work / f"{name}-edition", python, args.edition, *pages[name])
            row(
                f"{name}: {args.edition} pages",
                f"{seconds * 1000:6.0f} ms, {seconds / args.edition * 1000:.0f} ms a page",
            )
    print(f"load at the end {load()} (other work on the machine slows every figure above)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def measured(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_utime + usage.ru_stime


def edition(folder: Path, python: str, pages: int, content: Path, layout: Path) -> float:
    """Pages whose text differs (no page reuses another's composition), built from one edition file."""
    folder.mkdir()
    text = content.read_text(encoding="utf-8")
    lines = ["name: benchmark edition", f"layout: {layout}", f"output: {folder / 'out'}", "pages:"]
    for n in range(pages):
        page = folder / f"page{n:03d}.yaml"
        a, b = HAN[n % len(HAN)], HAN[n // len(HAN) % len(HAN)]
        page.write_text(text.replace("衡阳", "衡" + a).replace("我市", b + "市"), encoding="utf-8")
        lines.append(f"  - {page}")
    (folder / "edition.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, HENGYANG_PRINT_CACHE=str(folder / "cache"))
    seconds, _ = measured(
        [python, "-m", "hengyang_print", "build", str(folder / "edition.yaml"), "--allow-dir", str(layout.parents[1])],
        env,
    )
    return seconds


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def row(what: str, value: str, ok: bool | None = None, target: str = "") -> None:
    verdict = "" if ok is None else f"  {'met' if ok else 'NOT MET'} (target {target})"
    print(f"  {what:<48} {value}{verdict}")


if __name__ == "__main__":
    sys.exit(main())
