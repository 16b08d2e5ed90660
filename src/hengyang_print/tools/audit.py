"""Audit a page against the Chinese layout rules: on the display list, and on the built PDF's glyphs.

Both sources are turned into the same plain lines (cells with left/right edges in points), and
one set of checks, asking compose/clreq.py, runs over them; so a drawing bug cannot hide behind
correct composition data. audit_page(page, content) and audit_pdf(path, content, layout) return
Violations; an empty list means the page passes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..blockid import BlockId
from ..compose import clreq
from ..fonts import metrics
from ..i18n import _, ngettext
from ..load.blocks import content_blocks
from ..model import Content, Layout, Page
from ..place.page import body_grid
from .pdfglyphs import PdfGlyph, face_names, read_glyphs

TOL = 0.1  # pt: a justified line ends on the measure within this
GRID_TOL = 0.05  # pt
FLOWING = ("flow", "items")  # kinds of region whose paragraphs flow in columns on a grid
RULES = {
    "line-start": "a line begins with a mark that may not start a line",
    "line-end": "a line ends with an opening mark",
    "split-run": "a number, Latin word, —— or …… is split over two lines",
    "text": "the text on the page differs from the content",
    "missing-end": "the end of a block's text is not on the page",
    "ragged": "a justified line does not fill the measure, or a line leaves its column",
    "indent": "a paragraph's first line is not indented 2 em, or another line is",
    "loose": "justification spread two characters more than the style's loose_limit (⅛ em) apart",
    "tight": "a line tracked in more than TRACKING_MIN (0.05 em) between two characters",
    "unit-gap": "space between a number and its unit (12.5 ℃): a unit is set solid",
    "operator": "space beside ± × ÷ between numbers (20℃ ± 2℃): a Latin operator, set solid with its numbers",
    "word-break": "display text (a headline, caption, byline) broken inside a word",
    "leans-back": "a display line begins with a particle, bound suffix or localizer that belongs to the word before",
    "latin-noun": "a display line ends on a Latin word or number whose Han noun begins the next line",
    "short-last": "a headline's or caption's last line holds one or two characters",
    "short-column": "a column of a flow ends short of the region's last grid line",
    "han-latin": "a Han–Latin space other than ¼ em (one value on every line; less a tracked line's 挤排)",
    "squeezed": "a line squeezes more marks than the style's max_squeezed",
    "punct-width": "a mark is not set at its clreq width",
    "orphan": "a paragraph's last line holds a single character",
    "widow": "a column begins with a paragraph's last line",
    "off-grid": "a body line is off the baseline grid",
    "unbalanced": "the columns of a flow differ by more than one line",
    # where headers land and how paragraphs part across columns (clreq's column placement rules)
    "headers-abreast": "item headers in adjacent columns within two rows of each other (three abreast worst)",
    "header-foot": "背题: an item header at a column foot with fewer than three body lines under it",
    "item-split": "an item of six body lines or fewer split across columns",
    "first-line-foot": "a paragraph's first line alone at a column foot",
    "relined-last": "a paragraph set longer or shorter ends with a last line under the layout's min_last_line",
}
PLACEMENT = ("headers-abreast", "header-foot", "item-split", "first-line-foot")  # where headers land: the fitting's


@dataclass(frozen=True)
class Violation:
    rule: str  # a key of RULES
    block: BlockId | str  # e.g. items[3].body[0]; a region's name, or where unattributed text stands
    line: int  # 0-based line in the block
    detail: str
    region: str = ""  # the flow, for what is said of its columns as a whole (short-column, unbalanced, paragraphs)

    def __str__(self) -> str:
        return _("{block} line {line}: {rule}: {detail}").format(
            block=self.block, line=self.line + 1, rule=self.rule, detail=self.detail
        )


@dataclass(frozen=True)
class Cell:
    char: str
    left: float
    right: float


@dataclass
class _Line:
    """One line as the audit sees it, whatever it was read from."""

    cells: list[Cell]
    baseline: float
    size: float
    block: BlockId | str = ""
    line: int = 0
    first: bool = True
    last: bool = True

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.cells)


@dataclass
class _Flow:
    """The body lines of one flowed region, by column, top to bottom, with their grid."""

    region: str
    frames: list  # place.Frame
    grid0: float  # baseline of the first grid row
    leading: float
    size: float
    indent: float  # em
    rows: int  # grid rows the region holds
    columns: list[list[_Line]] = field(default_factory=list)
    box: object = None  # the region's Box
    loose_limit: float = clreq.LETTERSPACE_MAX  # the style's, em

    def at(self, line: _Line) -> tuple[int, int] | None:
        """(column, grid row) of a line of this region by where it stands, None if it stands elsewhere."""
        if not self.box.y < line.baseline < self.box.top:
            return None
        x = line.cells[0].left
        column = next((c for c, f in enumerate(self.frames) if f.x - self.size <= x < f.x + f.width), None)
        return None if column is None else (column, int((self.box.top - line.baseline) // self.leading))


# ---------------------------------------------------------------- the checks


def _check(
    lines: list[_Line], flows: list[_Flow], sources: dict[BlockId, str], justified: frozenset = frozenset()
) -> list[Violation]:
    """justified: the display blocks set justified (captions): their lines but the last are held to
    the same spacing as body lines."""
    out: list[Violation] = []
    for line in lines:
        out += _line_edges(line)
    for flow in flows:
        out += _flow_checks(flow)
        out += _placement_checks(flow, lines)
    by_block: dict[BlockId | str, list[_Line]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    for block, mine in by_block.items():
        if block in sources:
            mine = sorted(mine, key=lambda l: l.line)
            found, breaks = _runs_and_text(block, mine, sources[block])
            out += found
            if not found and is_display(block) and len(mine) > 1:
                out += _display_checks(block, mine, sources[block], breaks)
                if block in justified:
                    out += [v for line in mine[:-1] for v in _spacing_checks(line)]
    return out


def is_display(block: BlockId | str) -> bool:
    """Display text, set ragged and broken between words: the headline, byline, item headlines, captions."""
    if not isinstance(block, BlockId):
        return False
    return block.part in ("headline", "caption") or (
        block.item is None and not block.part and block.field in ("kicker", "headline", "subhead", "byline")
    )


def _line_edges(line: _Line) -> list[Violation]:
    """clreq strict prohibitions at both ends of every line."""
    out = []
    # a block may open with a dash (a subhead's ——2023年…), which no line break put there
    opening_dash = line.first and line.cells and clreq.char_class(line.cells[0].char) == "dash"
    if line.cells and not clreq.may_start_line(line.cells[0].char) and not opening_dash:
        detail = _("begins with '{mark}': {text}").format(mark=line.cells[0].char, text=line.text)
        out.append(Violation("line-start", line.block, line.line, detail))
    if line.cells and not clreq.may_end_line(line.cells[-1].char):
        detail = _("ends with '{mark}': {text}").format(mark=line.cells[-1].char, text=line.text)
        out.append(Violation("line-end", line.block, line.line, detail))
    return out


def _runs_and_text(block: BlockId, lines: list[_Line], source: str) -> tuple[list[Violation], list[int]]:
    """Walk the source text along the lines: nothing lost or changed, every break between two runs.
    Returns the findings and the source offset at the end of each line but the last."""
    source = source.replace("\n", " ")
    # a number may leave its measure word where no other breaking avoids a loose line (clreq.counter_breaks)
    run_starts = {i for i, _ in clreq.unbreakable_runs(source, counters_apart=True)} | {len(source)}
    pos, breaks = 0, []
    for line in lines:
        for ch in line.text:
            while pos < len(source) and source[pos] == " " and ch != " ":
                pos += 1
            if pos >= len(source) or source[pos] != ch:
                detail = _("'{found}' where the content has '{expected}…'").format(
                    found=ch, expected=source[pos : pos + 10]
                )
                return [Violation("text", block, line.line, detail)], []
            pos += 1
        if line is not lines[-1]:
            breaks.append(pos)
            if pos not in run_starts:
                a = max((s for s in run_starts if s < pos), default=0)
                b = min(s for s in run_starts if s > pos)
                detail = _("'{run}' is split after '{before}'").format(run=source[a:b], before=source[a:pos])
                return [Violation("split-run", block, line.line, detail)], []
    if source[pos:].strip():
        detail = _("missing at the end: '{text}'").format(text=source[pos : pos + 20])
        return [Violation("missing-end", block, lines[-1].line, detail)], []
    return [], breaks


def _compact_offset(source: str, k: int) -> int:
    """Offset k of source in the text as composed (clreq.solid_units drops spaces before units)."""
    return len(clreq.solid_units(source[:k])) if " " in source[:k] else k


def _display_checks(block: str, lines: list[_Line], source: str, breaks: list[int]) -> list[Violation]:
    """A display line breaks between words (the composer's segmenter, words.py), even where the editor
    forced it (a forced break inside a word is the editor's slip to catch); its last line holds three
    characters at least (headlines and captions)."""
    from ..compose.words import LATIN_NOUN, LEANS_BACK, word_breaks

    out = []
    joined = clreq.solid_units(source.replace("\n", ""))  # the text as the editor's lines join up
    allowed = word_breaks(joined)
    for n, pos in enumerate(breaks):
        if source[pos - 1 : pos] == " " or source[pos : pos + 1] == " ":
            continue  # a break at a space is between words
        at = _compact_offset(source[:pos].replace("\n", ""), pos - source[:pos].count("\n"))
        where = f"{lines[n].text} / {lines[n + 1].text}"
        if at not in allowed:
            a, b = max([0, *(k for k in allowed if k < at)]), min([len(joined), *(k for k in allowed if k > at)])
            detail = _("'{word}' broken: {lines}").format(word=joined[a:b], lines=where)
            out.append(Violation("word-break", block, lines[n].line, detail))
        elif allowed[at] == LEANS_BACK:
            detail = _("'{word}' leans on '{before}' before it: {lines}").format(
                word=joined[at], before=joined[max(at - 4, 0) : at], lines=where
            )
            out.append(Violation("leans-back", block, lines[n + 1].line, detail))
        elif allowed[at] == LATIN_NOUN:
            noun = joined[at : min([len(joined), *(k for k in allowed if k > at)])]
            detail = _("'{noun}' is cut from the Latin word or number it follows: {lines}").format(
                noun=noun, lines=where
            )
            out.append(Violation("latin-noun", block, lines[n].line, detail))
    last = lines[-1]
    if block.field != "byline" and sum(clreq.counts_for_orphan(ch) for ch in last.text) < clreq.DISPLAY_LAST_MIN_CHARS:
        out.append(Violation("short-last", block, last.line, _("last line '{text}'").format(text=last.text)))
    return out


def _flow_checks(flow: _Flow) -> list[Violation]:
    out: list[Violation] = []
    em = flow.size
    depths = []
    for c, (frame, column) in enumerate(zip(flow.frames, flow.columns)):
        for k, line in enumerate(column):
            out += _measure_checks(line, frame.x, frame.x + frame.width, flow.indent * em)
            out += _spacing_checks(line, flow.loose_limit)
            rows = (flow.grid0 - line.baseline) / flow.leading
            if abs(rows - round(rows)) * flow.leading > GRID_TOL or rows < -GRID_TOL:
                detail = _("baseline {baseline} pt is {rows} rows below the region's first").format(
                    baseline=f"{line.baseline:.2f}", rows=f"{rows:.2f}"
                )
                out.append(Violation("off-grid", line.block, line.line, detail))
            if (
                line.last
                and not line.first
                and sum(clreq.counts_for_orphan(ch) for ch in line.text) < clreq.ORPHAN_MIN_CHARS
            ):
                out.append(Violation("orphan", line.block, line.line, _("last line '{text}'").format(text=line.text)))
            if k == 0 and line.last and not line.first:
                detail = _("column {column} of {region} begins with it: '{text}'").format(
                    column=c + 1, region=flow.region, text=line.text
                )
                out.append(Violation("widow", line.block, line.line, detail))
        depths.append(round((flow.grid0 - column[-1].baseline) / flow.leading) + 1 if column else 0)
    if depths and max(depths) - min(depths) > 1:
        detail = _("column depths {depths} (lines)").format(depths=depths)
        out.append(Violation("unbalanced", flow.region, 0, detail, flow.region))
    for c, depth in enumerate(depths):
        if any(depths) and depth < flow.rows:
            # 齐底: every column of a flow ends on the region's last grid line (a photo ending a column is not
            # seen here)
            last = flow.columns[c][-1] if flow.columns[c] else None
            out.append(
                Violation(
                    "short-column",
                    last.block if last else flow.region,
                    last.line if last else 0,
                    _("column {column} of {region} ends on row {row} of {rows}").format(
                        column=c + 1, region=flow.region, row=depth, rows=flow.rows
                    ),
                    flow.region,
                )
            )
    return out


# ---------------------------------------------------------------- where headers land (clreq's column placement)


def _placement_checks(flow: _Flow, lines: list[_Line]) -> list[Violation]:
    """Item headers abreast in adjacent columns, a header at a column foot with too few lines under it (背题), a short
    item split across columns, a paragraph's first line alone at a column foot: read off where the lines stand."""
    headers = _headers(flow, lines)
    out = []

    def beside(column: int, row: int) -> list[int]:
        return [i for i, (c, r) in headers.items() if c == column and clreq.abreast(row, r)]

    for item, (column, row) in headers.items():
        for i in beside(column - 1, row):  # each pair once, on its right-hand header
            three = beside(column + 1, row) or beside(column - 2, headers[i][1])
            detail = _("beside {other}'s in column {column} (rows {theirs} and {ours} of {region})").format(
                other=BlockId("items", i), column=column, theirs=headers[i][1] + 1, ours=row + 1, region=flow.region
            )
            detail += _(" (three abreast)") if three else ""
            out.append(Violation("headers-abreast", BlockId("items", item, "headline"), 0, detail, flow.region))
    body: dict[int, dict[int, int]] = {}  # item -> column -> its body lines there
    for c, column in enumerate(flow.columns):
        for line in column:
            if isinstance(line.block, BlockId) and line.block.item is not None:
                body.setdefault(line.block.item, {}).setdefault(c, 0)
                body[line.block.item][c] += 1
    for item, columns in body.items():
        lines_in = sum(columns.values())
        if len(columns) > 1 and lines_in <= clreq.SHORT_ITEM_LINES:
            detail = ngettext(
                "{count} line split across columns {columns} of {region}",
                "{count} lines split across columns {columns} of {region}",
                lines_in,
            ).format(count=lines_in, columns=_(" and ").join(str(c + 1) for c in sorted(columns)), region=flow.region)
            out.append(Violation("item-split", BlockId("items", item), 0, detail, flow.region))
        column = headers.get(item, (None,))[0]
        under = columns.get(column, 0)
        if column is not None and under < clreq.HEADER_FOOT_MIN_LINES and any(c > column for c in columns):
            detail = ngettext(
                "at the foot of column {column} of {region} with {count} body line under it",
                "at the foot of column {column} of {region} with {count} body lines under it",
                under,
            ).format(column=column + 1, region=flow.region, count=under)
            out.append(Violation("header-foot", BlockId("items", item, "headline"), 0, detail, flow.region))
    for c, column in enumerate(flow.columns[:-1]):
        foot = column[-1] if column else None
        if foot is not None and foot.first and not foot.last:
            detail = _("alone at the foot of column {column} of {region}: '{text}'").format(
                column=c + 1, region=flow.region, text=foot.text
            )
            out.append(Violation("first-line-foot", foot.block, foot.line, detail, flow.region))
    return out


def _headers(flow: _Flow, lines: list[_Line]) -> dict[int, tuple[int, int]]:
    """Each item header of the flow: (column, the grid row of its headline's first line)."""
    out: dict[int, tuple[int, int]] = {}
    for line in lines:
        block = line.block
        if isinstance(block, BlockId) and block.item is not None and block.part == "headline":
            at = flow.at(line)
            if at is not None and (block.item not in out or at[1] < out[block.item][1]):
                out[block.item] = at
    return dict(sorted(out.items()))


def _measure_checks(line: _Line, left: float, right: float, indent: float) -> list[Violation]:
    out = []
    start = left + (indent if line.first else 0.0)
    first, last = line.cells[0], line.cells[-1]
    # an opening mark at line start may lose its empty half: its cell may begin up to ½ em later
    slack = clreq.HALF * line.size if clreq.squeezes_at_line_start(first.char) else 0.0
    if not (first.left - TOL <= start <= first.left + slack + TOL):
        if line.first:
            rule, detail = "indent", _("starts {offset} pt from the indent")
        else:
            rule, detail = "ragged", _("starts {offset} pt from the column edge")
        out.append(Violation(rule, line.block, line.line, detail.format(offset=f"{first.left - start:+.2f}")))
    if line.last and last.right > right + TOL:
        detail = _("runs {past} pt past the measure: {text}").format(past=f"{last.right - right:.2f}", text=line.text)
        out.append(Violation("ragged", line.block, line.line, detail))
    if not line.last and abs(last.right - right) > TOL:
        detail = _("ends {offset} pt from the measure: {text}").format(
            offset=f"{last.right - right:+.2f}", text=line.text
        )
        out.append(Violation("ragged", line.block, line.line, detail))
    return out


def _spacing_checks(line: _Line, limit: float = clreq.LETTERSPACE_MAX) -> list[Violation]:
    """Between two characters: a Han–Latin space of ¼ em, one value on every line (less what 挤排 tracks a line in);
    no gap wider than its own width
    (a word space ½ em, a Han–Latin space ¼ em, any other none) by more than `limit` (the style's loose_limit), the
    gap before a stop or closing mark and after an opening one included (a mark's empty half is not seen in a PDF's
    glyphs: the gaps on that side are not measured); none tighter than TRACKING_MIN between two characters that are
    not marks; none between a number and its unit. The worst of each per line."""
    worst: dict[str, tuple[float, str]] = {}
    tol = clreq.LOOSE_TOLERANCE
    text = line.text
    # 至 -2℃, 20℃±2℃: a sign or an operator between numbers is spaced as the digit beside it
    spaced = [clreq.spaced_as(text[k - 1] if k else "", ch, text[k + 1 : k + 2]) for k, ch in enumerate(text)]
    for k, (a, b) in enumerate(zip(line.cells, line.cells[1:])):
        ca, cb = clreq.char_class(a.char), clreq.char_class(b.char)
        if ca in _UNSEEN_AFTER or cb in _UNSEEN_BEFORE:
            continue
        marks = clreq.is_punct(ca) or clreq.is_punct(cb)
        gap = (b.left - a.right) / line.size
        if gap > tol and (spaced[k] != a.char or spaced[k + 1] != b.char) and clreq.OPERATORS & {a.char, b.char}:
            beside = _("{gap} em beside the operator in '{context}': {text}")
            worst["operator"] = (gap, beside.format(gap=f"{gap:.2f}", context=text[max(k - 3, 0) : k + 5], text=text))
        a, b = Cell(spaced[k], a.left, a.right), Cell(spaced[k + 1], b.left, b.right)
        if clreq.is_unit(b.char) and a.char.isdigit():
            if gap > tol:
                detail = _("{gap} em between '{number}' and its unit '{unit}': {text}")
                worst["unit-gap"] = (gap, detail.format(gap=f"{gap:.2f}", number=a.char, unit=b.char, text=line.text))
            continue
        if clreq.han_latin_gap(a.char, b.char):
            own = clreq.HAN_LATIN_GAP
            if not own + clreq.TRACKING_MIN - tol <= gap <= own + tol:  # a line tracked in (挤排) takes it in too
                detail = _("{gap} em between '{left}' and '{right}', not ¼: {text}")
                worst["han-latin"] = (gap, detail.format(gap=f"{gap:.2f}", left=a.char, right=b.char, text=line.text))
        else:
            own = (
                clreq.WORD_SPACE_MAX if a.char.isascii() and b.char.isascii() else 0.0
            )  # a word space may be there (Wi-Fi 6 (802.11ax))
            if not marks and gap < clreq.TRACKING_MIN - tol and -gap > worst.get("tight", (0.0, ""))[0]:
                detail = _("{gap} em between '{left}' and '{right}': {text}")
                worst["tight"] = (-gap, detail.format(gap=f"{gap:.2f}", left=a.char, right=b.char, text=line.text))
        excess = gap - own
        if excess > limit + tol and round(excess, 2) > round(worst.get("loose", (0.0, ""))[0], 2):
            detail = _("{excess} em wider than it may be between '{left}' and '{right}' ({gap} em): {text}")
            worst["loose"] = (
                excess,
                detail.format(excess=f"{excess:.2f}", left=a.char, right=b.char, gap=f"{gap:.2f}", text=line.text),
            )
    if "loose" in worst:
        worst.pop("han-latin", None)  # a loose line spreads its Han–Latin spaces too: said once, as loose
    return [Violation(rule, line.block, line.line, detail) for rule, (_, detail) in worst.items()]


# the side of a mark whose gap its glyph does not show (the empty half of its cell), and the marks set solid
_UNSEEN_AFTER = frozenset(("pause", "close", "middle", "dash", "ellipsis"))
_UNSEEN_BEFORE = frozenset(("open", "middle", "dash", "ellipsis"))


@dataclass(frozen=True)
class GapReport:
    """The distribution of inter-character gaps on a page's justified body lines, in em."""

    count: int
    largest: float
    p99: float
    han_latin_largest: float  # the widest Han–Latin space (¼ em natural, ½ em at most)

    def __str__(self) -> str:
        return _(
            "gaps: {count} between characters of justified lines, largest {largest} em, 99th percentile {p99} em"
            " (limit {limit}); Han–Latin spaces up to {han_latin} em"
        ).format(
            count=self.count,
            largest=f"{self.largest:+.3f}",
            p99=f"{self.p99:+.3f}",
            limit=f"{clreq.LETTERSPACE_MAX:.3f}",
            han_latin=f"{self.han_latin_largest:.3f}",
        )


def gap_report(page: Page) -> GapReport:
    """Every gap justification left between two characters of a justified body line, in em: what ⅛ em
    limits (marks, word spaces and Latin letter pairs aside); and Han–Latin spaces (¼–½ em by their own rule)."""
    gaps: list[float] = []
    hl: list[float] = []
    marks: dict[str, bool] = {}  # character -> is it punctuation (asked once a character, not once a pair)
    for item in page.texts():
        if item.block.paragraph is None or item.paragraph_last or not item.justified or not item.glyphs:
            continue  # a paragraph of a flow, not its last line
        glyphs, x, size = item.glyphs, item.x, item.size
        chars = [g.char for g in glyphs]
        text = "".join(chars)
        for k in range(len(chars) - 1):
            a, b, ga, gb = chars[k], chars[k + 1], glyphs[k], glyphs[k + 1]
            gap = ((x + gb.x) - (x + ga.x + ga.width)) / size  # the next cell's left less this one's right
            spaced_a = clreq.spaced_as(text[k - 1] if k else "", a, b) if a in clreq.OPERATORS else a
            if clreq.han_latin_gap(spaced_a, clreq.spaced_as(a, b, text[k + 2 : k + 3])):
                hl.append(gap)
                continue
            for c in (a, b):
                if c not in marks:
                    marks[c] = clreq.is_punct(clreq.char_class(c))
            if not (marks[a] or marks[b] or (a.isascii() and b.isascii())):
                gaps.append(gap)
    gaps.sort()
    if not gaps:
        return GapReport(0, 0.0, 0.0, max(hl, default=0.0))
    return GapReport(len(gaps), gaps[-1], gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))], max(hl, default=0.0))


def _punct_widths(line: _Line) -> list[Violation]:
    """Display list only (cell widths are known there): ½ em at line end, 1.5 em for two marks, never under ½ em."""
    out = []
    em = line.size
    widths = [(c.right - c.left) / em for c in line.cells]
    for k, (c, w) in enumerate(zip(line.cells, widths)):
        if c.char in clreq.COMPRESSIBLE and not clreq.HALF - 0.01 <= w <= 1.01:
            detail = _("'{mark}' is {width} em wide").format(mark=c.char, width=f"{w:.2f}")
            out.append(Violation("punct-width", line.block, line.line, detail))
        if (
            k + 1 < len(line.cells)
            and clreq.adjacent_squeeze(c.char, line.cells[k + 1].char)
            and w + widths[k + 1] > 1.51
        ):
            detail = _("'{marks}' take {width} em, not 1.5").format(
                marks=c.char + line.cells[k + 1].char, width=f"{w + widths[k + 1]:.2f}"
            )
            out.append(Violation("punct-width", line.block, line.line, detail))
    if line.cells and clreq.squeezes_at_line_end(line.cells[-1].char) and widths[-1] > clreq.HALF + 0.01:
        detail = _("'{mark}' ends the line {width} em wide, not ½").format(
            mark=line.cells[-1].char, width=f"{widths[-1]:.2f}"
        )
        out.append(Violation("punct-width", line.block, line.line, detail))
    return out


def _squeeze_check(line: _Line, most: int | None) -> list[Violation]:
    """Display list only: the ½ ems a justified line took from its marks beyond their rule widths (a pair's 1.5 em, a
    stop at line end ½ em) come to no more than `most` marks' worth (the style's max_squeezed)."""
    if most is None:
        return []
    chars = [c.char for c in line.cells]
    taken = 0.0
    for k, cell in enumerate(line.cells):
        if cell.char not in clreq.COMPRESSIBLE:
            continue
        by_rule = (
            (k + 1 < len(chars) and clreq.adjacent_squeeze(cell.char, chars[k + 1]) == "left")
            or (k > 0 and clreq.adjacent_squeeze(chars[k - 1], cell.char) == "right")
            or (k == len(chars) - 1 and clreq.squeezes_at_line_end(cell.char))
        )
        taken += max(0.0, (clreq.HALF if by_rule else 1.0) - (cell.right - cell.left) / line.size)
    if taken <= most * clreq.HALF + 0.01:
        return []
    detail = _("{marks} marks' worth squeezed, at most {most}: {text}").format(
        marks=f"{taken / clreq.HALF:.1f}", most=most, text=line.text
    )
    return [Violation("squeezed", line.block, line.line, detail)]


def _relined_checks(flows: list[_Flow], content: Content, layout: Layout) -> list[Violation]:
    """A paragraph set in another count of lines than it takes as written (伸行/缩行) ends with a last line of the
    region's fit.min_last_line characters at least (not counting marks)."""
    from ..compose import Setting, compose

    out = []
    for flow in flows:
        region = layout.regions[flow.region]
        style = layout.styles[region.style]
        least = region.fit.min_last_line if region.fit else clreq.RELINED_LAST_MIN
        mine: dict[BlockId, list[_Line]] = {}
        for column in flow.columns:
            for line in column:
                if isinstance(line.block, BlockId):
                    mine.setdefault(line.block, []).append(line)
        texts = {b.id: b.text for b in content_blocks(content, layout) if b.region == flow.region}
        for block, set_lines in mine.items():
            if block not in texts:
                continue
            written = compose(texts[block], Setting.of(style, layout.fonts[style.font], flow.frames[0].width))
            last = set_lines[-1]
            chars = sum(clreq.counts_for_orphan(ch) for ch in last.text)
            if len(written) != len(set_lines) and chars < least:
                if len(set_lines) > len(written):
                    detail = _(
                        "set a line longer ({lines} lines, {written} as written), its last line '{text}' has {count}"
                        " characters, under {least}"
                    )
                else:
                    detail = _(
                        "set a line shorter ({lines} lines, {written} as written), its last line '{text}' has {count}"
                        " characters, under {least}"
                    )
                detail = detail.format(
                    lines=len(set_lines), written=len(written), text=last.text, count=chars, least=least
                )
                out.append(Violation("relined-last", block, last.line, detail, flow.region))
    return out


# ---------------------------------------------------------------- sources


def _flows(layout: Layout) -> list[_Flow]:
    out = []
    for region in layout.regions.values():
        if region.kind not in FLOWING:
            continue
        style = layout.styles[region.style]
        frames, grid0 = body_grid(layout, region)
        rows = int(region.box.height / style.leading + 1e-6)  # as place fills it
        columns = [[] for _ in frames]
        out.append(
            _Flow(
                region.name,
                frames,
                grid0,
                style.leading,
                style.size,
                style.indent,
                rows,
                columns,
                region.box,
                style.loose_limit,
            )
        )
    return out


def _body_sources(content: Content, layout: Layout) -> dict[BlockId, str]:
    return {b.id: b.text for b in content_blocks(content, layout)}


def _justified_display(content: Content, layout: Layout) -> frozenset:
    return frozenset(
        b.id for b in content_blocks(content, layout) if is_display(b.id) and layout.styles[b.style].align == "justify"
    )


def audit_page(page: Page, content: Content, layout: Layout) -> list[Violation]:
    """Every rule break on the display list."""
    flows = {f.region: f for f in _flows(layout)}
    lines, out = [], []
    for item in page.texts():
        cells = [Cell(g.char, item.x + g.x, item.x + g.x + g.width) for g in item.glyphs]
        if not cells:
            continue
        line = _Line(cells, item.baseline, item.size, item.block, item.line)
        if item.block.paragraph is not None and item.region in flows:  # a paragraph of a flow: on its grid
            flows[item.region].columns[item.column].append(line)
        lines.append(line)
        out += _punct_widths(line)
        if item.justified:
            out += _squeeze_check(line, layout.styles[item.style].max_squeezed)
    last = {}
    for line in lines:
        last[line.block] = max(last.get(line.block, 0), line.line)
    for line in lines:
        line.first, line.last = line.line == 0, line.line == last[line.block]
    for flow in flows.values():
        for column in flow.columns:
            column.sort(key=lambda l: -l.baseline)
    out += _relined_checks(list(flows.values()), content, layout)
    return out + _check(
        lines, list(flows.values()), _body_sources(content, layout), _justified_display(content, layout)
    )


def _pdf_cell(ch: PdfGlyph, size: float, font_path: str, before: str = "", after: str = "") -> Cell:
    """A glyph's cell from where the PDF draws it, by where clreq puts the ink in the cell (its class in
    context: the characters beside it on the line)."""
    origin, x1, em = ch.x0, ch.x1, size
    cls = clreq.cell_class(before, ch.text, after)
    if cls in ("pause", "close"):
        return Cell(ch.text, origin, origin + clreq.HALF * em)  # ink half; at line end the whole cell
    if cls == "open":
        return Cell(ch.text, x1 - em, x1)  # ink right-aligned in a full cell (its left half may be squeezed)
    if cls == "middle" or (cls == "dash" and x1 - origin <= metrics(font_path).advance(ch.text) * em * 1.01):
        mid = (origin + x1) / 2  # centred in a full-width cell
        return Cell(ch.text, mid - em / 2, mid + em / 2)
    if cls == "dash":  # a 2-em dash: scaled so that its ink fills the cell exactly
        lo, hi = metrics(font_path).dash_ink
        scale = (x1 - origin) / (metrics(font_path).advance(ch.text) * em)
        return Cell(ch.text, origin + lo * em * scale, origin + hi * em * scale)
    return Cell(ch.text, origin, x1)


def audit_pdf(pdf: bytes | str | Path, content: Content, layout: Layout) -> list[Violation]:
    """Every rule break on the glyphs of a built PDF (read with PDFium: pdfglyphs.py), body and display text.
    pdf: the bytes a build in this process made, or a file (read within pdfread's bounds)."""

    _, chars = read_glyphs(pdf if isinstance(pdf, bytes) else Path(pdf))
    flows = _flows(layout)
    faces = {key: face_names(p) for key, p in layout.fonts.items()}
    lines: list[_Line] = []
    taken = set()
    for flow in flows:
        region = layout.regions[flow.region]
        style = layout.styles[region.style]
        font_path = layout.fonts[style.font]
        for c, frame in enumerate(flow.frames):
            rows: dict[float, list[PdfGlyph]] = {}
            for k, ch in enumerate(chars):
                if (
                    ch.font in faces[style.font]
                    and abs(ch.size - style.size) < 0.01
                    and region.box.y < ch.baseline < region.box.top
                    # by the glyph's middle: a squeezed opening mark starting a line draws from before its column
                    and frame.x - style.size / 2 <= (ch.x0 + ch.x1) / 2 < frame.x + frame.width + style.size / 2
                ):
                    rows.setdefault(round(ch.baseline, 2), []).append(ch)
                    taken.add(k)
            for baseline in sorted(rows, reverse=True):
                # left to right; marks squeezed into one spot keep their drawing (reading) order
                drawn = sorted(rows[baseline], key=lambda ch: round(ch.x0, 1))
                text = [ch.text for ch in drawn]
                cells = [
                    _pdf_cell(
                        ch, style.size, font_path, text[k - 1] if k else "", text[k + 1] if k + 1 < len(text) else ""
                    )
                    for k, ch in enumerate(drawn)
                ]
                line = _Line(cells, baseline, style.size)
                flow.columns[c].append(line)
                lines.append(line)
    display = _display_lines([ch for k, ch in enumerate(chars) if k not in taken])
    sources = _body_sources(content, layout)
    _name_display_lines(display, {name: text for name, text in sources.items() if is_display(name)})
    out = _name_paragraphs(flows, content, layout)
    out += _relined_checks(flows, content, layout)
    return out + _check(lines + display, flows, sources, _justified_display(content, layout))


def _compact(text: str) -> str:
    """Text as the lines draw it: no spaces, no newlines (forced breaks)."""
    return "".join(text.split())


def _name_paragraphs(flows: list[_Flow], content: Content, layout: Layout) -> list[Violation]:
    """Give each body line of the PDF its paragraph and line number by reading the content's text
    along the lines in reading order: a paragraph begins and ends where its text does, whatever
    the indent. A line whose text is not next in the content is looked for further on (the text
    check names what differs); marks squeezed into one spot may read back in either order."""
    out = []
    paragraphs = [b for b in content_blocks(content, layout) if b.id.paragraph is not None]
    for flow in flows:
        mine = [(b.id, _compact(b.text)) for b in paragraphs if b.region == flow.region]
        starts = [0]
        for _block, text in mine:
            starts.append(starts[-1] + len(text))
        joined = "".join(text for _, text in mine)
        ordered = [line for column in flow.columns for line in column]
        pos, seen, counts = 0, set(), {}
        for line in ordered:
            text = line.text.replace(" ", "")
            if not joined.startswith(text, pos) and sorted(joined[pos : pos + len(text)]) != sorted(text):
                found = joined.find(text, pos)
                pos = found if found >= 0 else pos
            p = max(bisect_right(starts, pos) - 1, 0)
            end = pos + len(text)
            name = (
                mine[p][0]
                if p < len(mine)
                else _("{region}: paragraph {number}").format(region=flow.region, number=p + 1)
            )
            line.block, line.first, line.last = name, pos == starts[p], end >= starts[min(p + 1, len(mine))]
            line.line = counts[name] = 0 if line.first or name not in counts else counts[name] + 1
            seen.add(p)
            pos = end
        if len(seen) != len(mine):
            detail = _("{found} paragraphs in the PDF, {expected} in the content").format(
                found=len(seen), expected=len(mine)
            )
            out.append(Violation("text", flow.region, 0, detail, flow.region))
    return out


def _name_display_lines(lines: list[_Line], sources: dict[str, str]) -> None:
    """Find each display block's lines in the PDF by its text: a line that begins the block, then the
    lines right under it (same size, within two line heights, overlapping) that continue it."""
    free = lines
    for name, source in sources.items():
        want = _compact(source)
        for start in free:
            if isinstance(start.block, str) and want.startswith(start.text) and start.text:
                chain, rest = [start], want[len(start.text) :]
                while rest:
                    below = [
                        l
                        for l in free
                        if l is not start
                        and isinstance(l.block, str)
                        and l not in chain
                        and abs(l.size - start.size) < 0.01
                        and 0 < chain[-1].baseline - l.baseline <= 2.5 * l.size
                        and l.cells[0].left < chain[-1].cells[-1].right
                        and l.cells[-1].right > chain[-1].cells[0].left
                        and rest.startswith(l.text)
                    ]
                    if not below:
                        break
                    chain.append(max(below, key=lambda l: l.baseline))
                    rest = rest[len(chain[-1].text) :]
                if not rest:
                    for n, line in enumerate(chain):
                        line.block, line.line, line.first, line.last = name, n, n == 0, n == len(chain) - 1
                    break


def _display_lines(chars: list[PdfGlyph]) -> list[_Line]:
    """Other text: glyphs of one face and size on one baseline, split where they are far apart."""
    groups: dict[tuple, list[PdfGlyph]] = {}
    for ch in chars:
        groups.setdefault((ch.font, round(ch.size, 2), round(ch.baseline, 1)), []).append(ch)
    out = []
    for (_font, size, baseline), mine in sorted(groups.items(), key=lambda kv: (-kv[0][2], kv[1][0].x0)):
        mine.sort(key=lambda ch: ch.x0)
        run = [mine[0]]
        for ch in mine[1:] + [None]:
            if ch is None or ch.x0 - run[-1].x1 > 2 * size:
                cells = [Cell(c.text, c.x0, c.x1) for c in run]
                where = _("text at y={y} pt").format(y=f"{baseline:.0f}")  # no block's: named by where it stands
                out.append(_Line(cells, baseline, size, block=where))
                run = []
            if ch is not None:
                run.append(ch)
    return out
