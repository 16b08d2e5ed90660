"""An editor's round: build a page; if the tool gives figures, do what the first of each region says (with the edits
that go with it) and build again. The edited copy lies beside the content file, so the files it names resolve."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from hengyang_print.run.build import Result, build

ADDED = "洞庭湖畔的新城一年一个样" * 40  # what an editor types in: Han characters, the sentence ending with 。


def edited(data: dict, block, action: str, n: int) -> None:
    """Cut n characters from the end of the block's text, or add a sentence of n characters (the 。 counted)."""
    holder = data
    for step in block.steps[:-1]:
        holder = holder[step]
    text = holder[block.steps[-1]]
    holder[block.steps[-1]] = text[:-n] if action == "cut" else text + ADDED[: n - 1] + "。"


def first_figures(result: Result) -> list:
    """The first suggestion of each region, in the report's order."""
    firsts: dict[str, object] = {}
    for s in result.report.suggestions:
        firsts.setdefault(s.region, s)
    return list(firsts.values())


def apply(path: Path, suggestions, out: Path) -> None:
    """Write the content of `path` with these suggestions done to `out`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for s in suggestions:
        edited(data, s.block, s.action, s.characters)
        for block, action, n, _ in s.together:
            edited(data, block, action, n)
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def clean(result: Result) -> bool:
    """Flush, nothing over, no placement rule broken."""
    report = result.report
    return not report.unfit and not report.overset and not report.flaws


@dataclass(frozen=True)
class Round:
    rounds: int  # 0: the page as written is clean; 1: each region's first figure done
    result: Result  # the page built after the round (as an editor builds it: a page that does not fit raises)
    figures: list  # the figures done
    written: Result  # the page as written (built with --allow-overset)


def one_round(path: Path, layout: Path, name: str) -> Round:
    """The page as written, and, if it is not clean, the page with each region's first figure done."""
    written = build(path, layout, allow_overset=True)
    if clean(written):
        return Round(0, written, [], written)
    figures = first_figures(written)
    assert figures, f"{path.name} on {layout.stem} is not clean and the tool gives no figure"
    copy = path.parent / f".round-{name}.yaml"
    try:
        apply(path, figures, copy)
        return Round(1, build(copy, layout), figures, written)
    finally:
        copy.unlink(missing_ok=True)
