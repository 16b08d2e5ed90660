"""Copyfit: a placed Page → how full each region and item is, in lines and characters, as a table an editor reads.

Figures come from the display list (what was set) and the place report: what did not fit, what the fitting
flexed (adjustments) and the exact cuts or additions (suggestions), which the place stage found by composing
(place/fit.py), so that build, check and --allow-overset give the same numbers. "Cut to save a line" is the
characters on a paragraph's last line, a guide on a page that fits.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from ..i18n import N_, _, ngettext
from ..model import Content, Layout, Page, PlaceReport, TextItem
from ..place.fit import adjustment_phrase, phrase

EPS = 1e-6
FLOWING = ("flow", "items")  # kinds of region whose text flows in columns; the others hold one block
STATES = {"flush": N_("flush"), "short": N_("short"), "overset": N_("overset")}  # a flow's, as the table says


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
            lowest = [
                min((t.baseline for t in mine if t.column == c), default=region.box.top) for c in range(region.frames)
            ]
            columns = tuple(
                min(available, math.floor((region.box.top - b) / leading + EPS) + 1) if b < region.box.top else 0
                for b in lowest
            )
        over = [o for o in report.overset if o.region == name]
        fits.append(
            RegionFit(
                name,
                region.frames,
                columns,
                available,
                per_line,
                flows,
                sum(o.lines for o in over),
                sum(o.chars for o in over),
            )
        )
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


def state(f: RegionFit) -> str:
    """flush | short | overset | fits (a display region)."""
    if f.over_lines:
        return "overset"
    if not f.flows:
        return "fits"
    return "short" if f.empty_lines else "flush"


def region_line(f: RegionFit, report: PlaceReport) -> str:
    """e.g. "items: 4 columns × 46 lines, 183 used, 1 empty" — what an editor reads at a glance."""
    if not f.flows:
        of = ngettext("{used} of {available} line", "{used} of {available} lines", f.available)
        over = _(", overset by {count} lines").format(count=f.over_lines) if f.over_lines else ""
        return f"{f.name}: " + of.format(used=f.used[0], available=f.available) + over
    head = f"{f.name}: " + ngettext(
        "{columns} column × {lines} lines, {used} used", "{columns} columns × {lines} lines, {used} used", f.frames
    ).format(columns=f.frames, lines=f.available, used=sum(f.used))
    if f.over_lines:
        return head + _(", {count} more do not fit ({characters} characters)").format(
            count=f.over_lines, characters=f.over_chars
        )
    if f.empty_lines:
        return head + _(", {count} empty").format(count=f.empty_lines)
    flexed = sum(a.region == f.name for a in report.adjustments)
    adjusted = ngettext(" ({count} adjustment)", " ({count} adjustments)", flexed).format(count=flexed)
    return head + _(", flush") + (adjusted if flexed else "")


def table(placed: Placed) -> str:
    """The copyfit table: regions, their columns, then items, what the fitting did and the exact figures."""
    report = placed.report
    fits = region_fits(placed)
    out = ["\n".join(region_line(f, report) for f in fits)]
    rows = [(_("region"), _("lines per column"), _("state"))]
    of = _("{lines} of {available}")
    rows += [
        (f.name, of.format(lines=" ".join(map(str, f.used)), available=f.available), _(STATES[state(f)]))
        for f in fits
        if f.flows
    ]
    out.append(_grid(rows))
    items = item_fits(placed)
    figures = {str(s.block.of_item): s for s in report.suggestions if s.block.of_item}
    for s in report.suggestions:  # an edit that goes with another: the item's figure is its share
        for block, action, n, lines in s.together:
            if block.of_item:
                figures.setdefault(str(block.of_item), type(s)(s.region, block, action, n, lines))
    if items:
        rows = [(_("item"), _("headline"), _("body lines"), _("characters"), _("cut to save a line"), _("to fit"))]
        for f in items:
            s = figures.get(f"items[{f.index}]")
            exact = _figure(s) if s else "-"
            rows.append(
                (
                    f"items[{f.index}]",
                    f.headline,
                    str(f.lines),
                    str(f.chars),
                    "-" if f.cut is None else str(f.cut),
                    exact,
                )
            )
        out.append(_grid(rows))
    if report.adjustments:
        out.append("\n".join(f"fit: {a.region}: {adjustment_phrase(a)}" for a in report.adjustments))
    if report.suggestions:
        out.append("\n".join(f"to fit: {s.region}: {s.block}: {phrase(s)}" for s in report.suggestions))
    return "\n\n".join(out)


def _figure(s) -> str:
    """A suggestion in the table's last column: 'add 27–30 (items[7].body[0])'."""
    count = f"{s.characters}–{s.most}" if s.most and s.most > s.characters else str(s.characters)
    figure = _("cut {count} ({block})") if s.action == "cut" else _("add {count} ({block})")
    return figure.format(count=count, block=s.block)


def summary(placed: Placed) -> str:
    """One line per page: each flowed region's state (for build and watch)."""
    return _("; ").join(region_line(f, placed.report) for f in region_fits(placed) if f.flows or f.over_lines)


def build_warnings(placed: Placed) -> list[str]:
    """Every warning a build gives, as build prints them after 'warning: ' and its JSON and the API list them: text
    that does not fit, the placement rules no arrangement within the fit bounds keeps, the edits that would fit."""
    from ..place.fit import flaw_phrase, phrase

    return [
        *overset_warnings(placed),
        *(f"{f.region}: {flaw_phrase(f)}" for f in placed.report.flaws),
        *(f"to fit: {s.block}: {phrase(s)}" for s in placed.report.suggestions),
    ]


def overset_warnings(placed: Placed) -> list[str]:
    """One line per region that does not fit, for a page written with --allow-overset."""
    lines = []
    for f in region_fits(placed):
        if f.over_lines:
            blocks = ", ".join(str(o.block) for o in placed.report.overset if o.region == f.name)
            over = _("overset by {count} lines, {characters} characters not set ({blocks}); marked on the page")
            lines.append(f"{f.name}: " + over.format(count=f.over_lines, characters=f.over_chars, blocks=blocks))
        elif f.name in placed.report.unfit:
            short = _("the columns do not end flush ({count} lines empty)")
            lines.append(f"{f.name}: " + short.format(count=f.empty_lines))
    return lines


def as_json(placed: Placed) -> dict:
    """The copyfit as data (schema/check.schema.json): regions, items, adjustments."""
    return {
        "regions": [
            {
                "name": f.name,
                "columns": f.frames,
                "lines": f.available,
                "used": list(f.used),
                "state": state(f),
                "empty": f.empty_lines if f.flows else 0,
                "over_lines": f.over_lines,
                "over_characters": f.over_chars,
            }
            for f in region_fits(placed)
        ],
        "items": [
            {
                "block": f"items[{f.index}]",
                "headline": f.headline,
                "lines": f.lines,
                "characters": f.chars,
                "cut_to_save_a_line": f.cut,
            }
            for f in item_fits(placed)
        ],
        "adjustments": [
            {"region": a.region, "block": str(a.block), "what": a.what, "amount": a.amount}
            for a in placed.report.adjustments
        ],
    }


def suggestions_json(placed: Placed) -> list[dict]:
    """The exact cuts and additions as data, each located in the content file."""
    out = []
    for s in placed.report.suggestions:
        entry = {
            "region": s.region,
            "block": str(s.block),
            "location": placed.content.where(s.block),
            "action": s.action,
            "characters": s.characters,
            "lines": s.lines,
        }
        if s.action == "add":
            entry["most"] = s.most if s.most is not None else s.characters
        if s.sentences:
            entry["sentences"] = [{"text": c.text, "lines": c.lines, "fits": c.fits} for c in s.sentences]
        if s.together:
            entry["together"] = [
                {
                    "block": str(b),
                    "location": placed.content.where(b),
                    "action": action,
                    "characters": n,
                    "lines": lines,
                }
                for b, action, n, lines in s.together
            ]
        out.append(entry)
    return out


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
