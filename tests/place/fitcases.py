"""Pages made overset or short by a given number of lines, from content written for these tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from hengyang_print.cli.common import ROOT
from hengyang_print.errors import OversetError
from hengyang_print.load.loader import load_layout
from hengyang_print.model import Layout, Page
from hengyang_print.place.page import body_grid
from hengyang_print.run.build import make_page

BASE = Path(__file__).parent.parent / "data" / "fit" / "yueyang.yaml"
LAYOUTS = {name: ROOT / "layout" / f"{name}.yaml" for name in ("broadsheet", "tabloid")}
LONG = (7, 1)  # items[7].body[1]: the long paragraph that grows or shrinks
# New text for growing it: the other paragraphs of the same page, in order
CASES = [(action, lines) for action in ("over", "short") for lines in (1, 5, 40)]


def per_line(layout_path: Path) -> int:
    layout = load_layout(layout_path)
    frames, _ = body_grid(layout, layout.regions["items"])
    return round(frames[0].width / layout.styles[layout.regions["items"].style].size)


def variant(tmp_path: Path, layout_path: Path, action: str, lines: int) -> Path:
    """The base page with its long paragraph `lines` full lines of text longer (over) or shorter (short)."""
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    i, p = LONG
    text = data["items"][i]["body"][p]
    n = lines * per_line(layout_path)
    if action == "over":
        more = "".join(b for item in data["items"] for b in item["body"] if b != text)
        text = text + more[:n]
    else:
        text = text[: -n - 1] + "。"
    data["items"][i]["body"][p] = text
    path = tmp_path / f"{layout_path.stem}-{action}-{lines}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


ADDED = "洞庭湖畔的新城一年一个样" * 40  # what an editor adds: Han text ending its sentence with 。


def apply(path: Path, suggestion) -> None:
    """Do what the suggestion says to the content file, with the edits that go with it (Suggestion.together): cut
    characters from the end of a paragraph, or add a sentence of that many characters, its closing 。 counted."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edits = [(suggestion.block, suggestion.action, suggestion.characters)]
    edits += [(block, action, n) for block, action, n, _ in suggestion.together]
    for block, action, n in edits:
        steps = block.steps  # ("items", 7, "body", 1) or ("intro", 0): the paragraph's YAML path
        holder = data
        for step in steps[:-1]:
            holder = holder[step]
        text = holder[steps[-1]]
        holder[steps[-1]] = text[:-n] if action == "cut" else text + ADDED[: n - 1] + "。"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def rounds_to_fit(path: Path, layout_path: Path, most: int = 3) -> tuple[int, tuple]:
    """Build; while it fails, apply the first suggestion and build again. Returns the rounds and (layout, page,
    report)."""
    for rounds in range(most + 1):
        try:
            return rounds, make_page(path, layout_path)[1:]
        except OversetError:
            report = make_page(path, layout_path, allow_overset=True)[3]
            assert report.suggestions, "a page that does not fit must say what to cut or add"
            apply(path, report.suggestions[0])
    raise AssertionError(f"{path.name} did not fit in {most} rounds")


def column_feet(layout: Layout, page: Page, region: str) -> list[int]:
    """The grid row (from 1) of each column's lowest line of text, read off the display list."""
    frames, first = body_grid(layout, layout.regions[region])
    leading = layout.styles[layout.regions[region].style].leading
    lows = [
        min(
            (
                t.baseline
                for t in page.texts()
                if t.column == c and t.style == layout.regions[region].style and t.region == region
            ),
            default=None,
        )
        for c in range(len(frames))
    ]
    return [0 if b is None else round((first - b) / leading) + 1 for b in lows]
