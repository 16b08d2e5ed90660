"""Copyfit: a placed Page → how full each region and item is, in lines and characters, as a table an editor reads.

Figures come from the display list (what was set) and the place report (what did not fit), never from a second
composition. "Cut to save a line" is the characters on a paragraph's last line: about what an editor must cut
for that paragraph to lose one line (punctuation squeezing can make it a little less).
"""

from __future__ import annotations

import math
import unicodedata
from ..records import dataclass

from typing import Protocol

from ..model import Content, Layout, Page, PlaceReport, TextItem

EPS = 1e-6
FLOWING = ("flow", "items")  # kinds of region whose text flows in columns; the others hold one block


class Placed(Protocol):
    """A placed page with what it came from (run.build.Result is one)."""

    content: Content
    layout: Layout
    page: Page
    report: PlaceReport


@dataclass(frozen=True)
class RegionFit:
    name: str
    frames: int  # text columns
    used: tuple[int, ...]  # lines each column uses, down to its last line of text
    available: int  # lines a column holds
    per_line: int  # characters on a full line of the region's text style
    flows: bool  # text flows in columns (not a display region)
    over_lines: int = 0
    over_chars: int = 0

    @property
    def empty_lines(self) -> int:
        """Lines left empty at the foot of the columns, all columns together."""
        return 0 if self.over_lines else sum(self.available - u for u in self.used)


@dataclass(frozen=True)
class ItemFit:
    index: int  # 0-based, as in items[3]
    headline: str
    lines: int  # body lines set
    chars: int  # body characters set
    cut: int | None  # characters on the cheapest last line: cut them to save a line
    room: int | None  # characters that fit on a last line before a new line starts
    over_lines: int = 0
    over_chars: int = 0


def chars_per_line(item: TextItem, layout: Layout) -> int:
    style = layout.styles[item.style]
    return int(item.measure / (style.size * (1 + style.tracking)) + EPS)


def region_fits(placed: Placed) -> list[RegionFit]:
    layout, page, report = placed.layout, placed.page, placed.report
    texts = page.texts()
    fits = []
    for name, region in layout.regions.items():
        if name not in report.fill:
            continue
        used, available = report.fill[name]
        mine = [t for t in texts if t.style == region.style and t.region == name]
        per_line, columns, flows = 0, (used,), region.kind in FLOWING
        if mine and flows:
            per_line = chars_per_line(mine[0], layout)
            # a body line's baseline lies inside its grid row: row = whole leadings down from the region top
            leading = layout.styles[region.style].leading
            lowest = [min((t.baseline for t in mine if t.column == c), default=region.box.top) for c in range(region.frames)]
            columns = tuple(min(available, math.floor((region.box.top - b) / leading + EPS) + 1) if b < region.box.top else 0 for b in lowest)
        over = [o for o in report.overset if o.region == name]
        fits.append(RegionFit(name, region.frames, columns, available, per_line, flows, sum(o.lines for o in over), sum(o.chars for o in over)))
    return fits


def item_fits(placed: Placed) -> list[ItemFit]:
    layout, page, report, content = placed.layout, placed.page, placed.report, placed.content
    texts = page.texts()
    fits = []
    for i, item in enumerate(content.items):
        body = [t for t in texts if t.block.item == i and t.block.part == "body"]
        lasts = [t for t in body if t.paragraph_last]
        over = [o for o in report.overset if o.block.item == i]
        fits.append(
            ItemFit(
                i,
                item.headline.replace("\n", " "),  # an editor's forced break shown as a space
                len(body),
                sum(len(t.glyphs) for t in body),
                min((len(t.glyphs) for t in lasts), default=None),
                max((_room(t, layout) for t in lasts), default=None),
                sum(o.lines for o in over),
                sum(o.chars for o in over),
            )
        )
    return fits


def _room(line: TextItem, layout: Layout) -> int:
    style = layout.styles[line.style]
    return max(0, math.floor((line.measure - (line.right - line.x)) / (style.size * (1 + style.tracking)) + EPS))


# ---------------------------------------------------------------- text


def _verdict(f: RegionFit) -> str:
    if f.over_lines:
        return f"OVER by {f.over_lines} lines, cut about {f.over_chars} characters"
    if not f.flows:
        return "fits"
    if not f.empty_lines:
        return "full"
    return f"short: {f.empty_lines} empty line{'s' * (f.empty_lines != 1)}, room for about {f.empty_lines * f.per_line} characters"


def table(placed: Placed) -> str:
    """The copyfit table: regions, then items; a human reads it at a glance (monospace terminal)."""
    rows = [("region", "columns", "lines used per column / available", "fit")]
    for f in region_fits(placed):
        per = f" ({f.per_line} characters a line)" if f.flows else ""
        rows.append((f.name, str(f.frames), f"{' '.join(map(str, f.used))} / {f.available}{per}", _verdict(f)))
    out = _grid(rows)
    items = item_fits(placed)
    if items:
        rows = [("item", "headline", "body lines", "characters", "cut to save a line", "room on last line", "overset")]
        for f in items:
            rows.append(
                (
                    f"items[{f.index}]",
                    f.headline,
                    str(f.lines),
                    str(f.chars),
                    "-" if f.cut is None else str(f.cut),
                    "-" if f.room is None else str(f.room),
                    f"{f.over_lines} lines, {f.over_chars} characters" if f.over_lines else "-",
                )
            )
        out += "\n\n" + _grid(rows)
    return out


def summary(placed: Placed) -> str:
    """One line per page: each flowed region's state (for watch)."""
    return "; ".join(f"{f.name} {max(f.used)}/{f.available} {_verdict(f)}" for f in region_fits(placed) if f.flows or f.over_lines)


def overset_warnings(placed: Placed) -> list[str]:
    """One line per overset region, for a page written with --allow-overset."""
    lines = []
    for f in region_fits(placed):
        if f.over_lines:
            blocks = ", ".join(str(o.block) for o in placed.report.overset if o.region == f.name)
            lines.append(f"{f.name}: overset by {f.over_lines} lines, about {f.over_chars} characters ({blocks}); marked on the page")
    return lines


def _width(s: str) -> int:
    """Terminal columns: Han and full-width marks take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def _grid(rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
