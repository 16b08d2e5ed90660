"""Audit a page against the Chinese layout rules: on the display list, and on the built PDF's glyphs.

Both sources are turned into the same plain lines (cells with left/right edges in points), and
one set of checks, asking compose/clreq.py, runs over them; so a drawing bug cannot hide behind
correct composition data. audit_page(page, content) and audit_pdf(path, content, layout) return
Violations; an empty list means the page passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..load.blocks import content_blocks
from ..compose import clreq
from ..fonts import metrics
from ..blockid import BlockId
from ..model import Content, Layout, Page
from .pdfglyphs import PdfGlyph, face_names, read_glyphs
from ..place.page import body_grid

TOL = 0.1  # pt: a justified line ends on the measure within this
GRID_TOL = 0.05  # pt
FLOWING = ("flow", "items")  # kinds of region whose paragraphs flow in columns on a grid
RULES = {
    "line-start": "a line begins with a mark that may not start a line",
    "line-end": "a line ends with an opening mark",
    "split-run": "a number, Latin word, —— or …… is split over two lines",
    "text": "the text on the page differs from the content",
    "ragged": "a justified line does not fill the measure, or a line leaves its column",
    "indent": "a paragraph's first line is not indented 2 em, or another line is",
    "loose": "justification added more than LETTERSPACE_LIMIT (½ em) to a gap",
    "han-latin": "less than ⅛ em between Han and Latin",
    "punct-width": "a mark is not set at its clreq width",
    "orphan": "a paragraph's last line holds a single character",
    "widow": "a column begins with a paragraph's last line",
    "off-grid": "a body line is off the baseline grid",
    "unbalanced": "the columns of a flow differ by more than one line",
}


@dataclass(frozen=True)
class Violation:
    rule: str  # a key of RULES
    block: BlockId | str  # e.g. items[3].body[0]; a region's name, or where unattributed text stands
    line: int  # 0-based line in the block
    detail: str

    def __str__(self) -> str:
        return f"{self.block} line {self.line + 1}: {self.rule}: {self.detail}"


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
    columns: list[list[_Line]] = field(default_factory=list)


# ---------------------------------------------------------------- the checks


def _check(lines: list[_Line], flows: list[_Flow], sources: dict[BlockId, str]) -> list[Violation]:
    out: list[Violation] = []
    for line in lines:
        out += _line_edges(line)
    for flow in flows:
        out += _flow_checks(flow)
    by_block: dict[BlockId | str, list[_Line]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    for block, mine in by_block.items():
        if block in sources:
            out += _runs_and_text(block, sorted(mine, key=lambda l: l.line), sources[block])
    return out


def _line_edges(line: _Line) -> list[Violation]:
    """clreq strict prohibitions at both ends of every line."""
    out = []
    if line.cells and not clreq.may_start_line(line.cells[0].char):
        out.append(Violation("line-start", line.block, line.line, f"begins with '{line.cells[0].char}': {line.text}"))
    if line.cells and not clreq.may_end_line(line.cells[-1].char):
        out.append(Violation("line-end", line.block, line.line, f"ends with '{line.cells[-1].char}': {line.text}"))
    return out


def _runs_and_text(block: BlockId, lines: list[_Line], source: str) -> list[Violation]:
    """Walk the source text along the lines: nothing lost or changed, every break between two runs."""
    source = source.replace("\n", " ")
    run_starts = {i for i, _ in clreq.unbreakable_runs(source)} | {len(source)}
    pos = 0
    for line in lines:
        for ch in line.text:
            while pos < len(source) and source[pos] == " " and ch != " ":
                pos += 1
            if pos >= len(source) or source[pos] != ch:
                return [Violation("text", block, line.line, f"'{ch}' where the content has '{source[pos:pos + 10]}…'")]
            pos += 1
        if pos not in run_starts and line is not lines[-1]:
            a = max((s for s in run_starts if s < pos), default=0)
            b = min(s for s in run_starts if s > pos)
            out = Violation("split-run", block, line.line, f"'{source[a:b]}' is split after '{source[a:pos]}'")
            return [out]
    if source[pos:].strip():
        return [Violation("text", block, lines[-1].line, f"missing at the end: '{source[pos:pos + 20]}'")]
    return []


def _flow_checks(flow: _Flow) -> list[Violation]:
    out: list[Violation] = []
    em = flow.size
    depths = []
    for c, (frame, column) in enumerate(zip(flow.frames, flow.columns)):
        for k, line in enumerate(column):
            out += _measure_checks(line, frame.x, frame.x + frame.width, flow.indent * em)
            out += _spacing_checks(line)
            rows = (flow.grid0 - line.baseline) / flow.leading
            if abs(rows - round(rows)) * flow.leading > GRID_TOL or rows < -GRID_TOL:
                out.append(Violation("off-grid", line.block, line.line, f"baseline {line.baseline:.2f} pt is {rows:.2f} rows below the region's first"))
            if line.last and not line.first and sum(clreq.counts_for_orphan(ch) for ch in line.text) < clreq.ORPHAN_MIN_CHARS:
                out.append(Violation("orphan", line.block, line.line, f"last line '{line.text}'"))
            if k == 0 and line.last and not line.first:
                out.append(Violation("widow", line.block, line.line, f"column {c + 1} of {flow.region} begins with it: '{line.text}'"))
        depths.append(round((flow.grid0 - column[-1].baseline) / flow.leading) + 1 if column else 0)
    if depths and max(depths) - min(depths) > 1:
        out.append(Violation("unbalanced", flow.region, 0, f"column depths {depths} (lines)"))
    return out


def _measure_checks(line: _Line, left: float, right: float, indent: float) -> list[Violation]:
    out = []
    start = left + (indent if line.first else 0.0)
    first, last = line.cells[0], line.cells[-1]
    # an opening mark at line start may lose its empty half: its cell may begin up to ½ em later
    slack = clreq.HALF * line.size if clreq.squeezes_at_line_start(first.char) else 0.0
    if not (first.left - TOL <= start <= first.left + slack + TOL):
        rule = "indent" if line.first else "ragged"
        out.append(Violation(rule, line.block, line.line, f"starts {first.left - start:+.2f} pt from {'the indent' if line.first else 'the column edge'}"))
    if line.last and last.right > right + TOL:
        out.append(Violation("ragged", line.block, line.line, f"runs {last.right - right:.2f} pt past the measure: {line.text}"))
    if not line.last and abs(last.right - right) > TOL:
        out.append(Violation("ragged", line.block, line.line, f"ends {last.right - right:+.2f} pt from the measure: {line.text}"))
    return out


def _spacing_checks(line: _Line) -> list[Violation]:
    """Between two non-punctuation characters: a Han–Latin space at least ⅛ em; no gap more than
    LETTERSPACE_LIMIT beyond its own width (Han–Latin ⅓ em, word space ½ em, other 0). The worst per line."""
    worst: dict[str, tuple[float, str]] = {}
    tol = 0.01
    for a, b in zip(line.cells, line.cells[1:]):
        if clreq.is_punct(clreq.char_class(a.char)) or clreq.is_punct(clreq.char_class(b.char)):
            continue
        gap = (b.left - a.right) / line.size
        if clreq.han_latin_gap(a.char, b.char):
            own = clreq.HAN_LATIN_GAP_MAX
            if gap < clreq.HAN_LATIN_GAP_MIN - tol:
                worst["han-latin"] = (gap, f"{gap:.2f} em between '{a.char}' and '{b.char}', not ⅛–⅓: {line.text}")
        else:
            own = clreq.WORD_SPACE_MAX if clreq.is_western(a.char) and clreq.is_western(b.char) else 0.0
        excess = gap - own
        if excess > clreq.LETTERSPACE_LIMIT + tol and round(excess, 2) > round(worst.get("loose", (0.0, ""))[0], 2):
            worst["loose"] = (excess, f"{gap:.2f} em between '{a.char}' and '{b.char}': {line.text}")
    return [Violation(rule, line.block, line.line, detail) for rule, (_, detail) in worst.items()]


def _punct_widths(line: _Line) -> list[Violation]:
    """Display list only (cell widths are known there): ½ em at line end, 1.5 em for two marks, never under ½ em."""
    out = []
    em = line.size
    widths = [(c.right - c.left) / em for c in line.cells]
    classes = [clreq.char_class(c.char) for c in line.cells]
    for k, (c, w, cls) in enumerate(zip(line.cells, widths, classes)):
        if c.char in clreq.COMPRESSIBLE and not clreq.HALF - 0.01 <= w <= 1.01:
            out.append(Violation("punct-width", line.block, line.line, f"'{c.char}' is {w:.2f} em wide"))
        if k + 1 < len(line.cells) and clreq.adjacent_squeeze(c.char, line.cells[k + 1].char) and w + widths[k + 1] > 1.51:
            out.append(Violation("punct-width", line.block, line.line, f"'{c.char}{line.cells[k + 1].char}' take {w + widths[k + 1]:.2f} em, not 1.5"))
    if line.cells and clreq.squeezes_at_line_end(line.cells[-1].char) and widths[-1] > clreq.HALF + 0.01:
        out.append(Violation("punct-width", line.block, line.line, f"'{line.cells[-1].char}' ends the line {widths[-1]:.2f} em wide, not ½"))
    return out


# ---------------------------------------------------------------- sources


def _flows(layout: Layout) -> list[_Flow]:
    out = []
    for region in layout.regions.values():
        if region.kind not in FLOWING:
            continue
        style = layout.styles[region.style]
        frames, grid0 = body_grid(layout, region)
        out.append(_Flow(region.name, frames, grid0, style.leading, style.size, style.indent, [[] for _ in frames]))
    return out


def _body_sources(content: Content, layout: Layout) -> dict[BlockId, str]:
    return {b.id: b.text for b in content_blocks(content, layout)}


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
    last = {}
    for line in lines:
        last[line.block] = max(last.get(line.block, 0), line.line)
    for line in lines:
        line.first, line.last = line.line == 0, line.line == last[line.block]
    for flow in flows.values():
        for column in flow.columns:
            column.sort(key=lambda l: -l.baseline)
    return out + _check(lines, list(flows.values()), _body_sources(content, layout))


def _pdf_cell(ch: PdfGlyph, size: float, font_path: str) -> Cell:
    """A glyph's cell from where the PDF draws it, by where clreq puts the ink in the cell."""
    origin, x1, em = ch.x0, ch.x1, size
    cls = clreq.char_class(ch.text)
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


def audit_pdf(path: str | Path, content: Content, layout: Layout) -> list[Violation]:
    """Every rule break on the glyphs of a built PDF (read with pdfplumber), body and display text."""
    _, chars = read_glyphs(Path(path))
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
                if (ch.font in faces[style.font] and abs(ch.size - style.size) < 0.01
                        and region.box.y < ch.baseline < region.box.top
                        and frame.x - style.size <= ch.x0 < frame.x + frame.width + style.size / 2):
                    rows.setdefault(round(ch.baseline, 2), []).append(ch)
                    taken.add(k)
            for baseline in sorted(rows, reverse=True):
                # left to right; marks squeezed into one spot keep their drawing (reading) order
                drawn = sorted(rows[baseline], key=lambda ch: round(ch.x0, 1))
                cells = [_pdf_cell(ch, style.size, font_path) for ch in drawn]
                line = _Line(cells, baseline, style.size)
                line.first = cells[0].left > frame.x + style.size  # indented: a paragraph begins
                flow.columns[c].append(line)
                lines.append(line)
    lines += _display_lines([ch for k, ch in enumerate(chars) if k not in taken])
    out = _name_paragraphs(flows, content, layout)
    return out + _check(lines, flows, _body_sources(content, layout))


def _name_paragraphs(flows: list[_Flow], content: Content, layout: Layout) -> list[Violation]:
    """Read paragraphs off the indents, in reading order, and give them the content's block names."""
    out = []
    paragraphs = [b for b in content_blocks(content, layout) if b.id.paragraph is not None]
    for flow in flows:
        blocks = [b.id for b in paragraphs if b.region == flow.region]
        ordered = [line for column in flow.columns for line in column]
        p, n = -1, 0
        for k, line in enumerate(ordered):
            if line.first or p < 0:
                p, n = p + 1, 0
            line.block = blocks[p] if p < len(blocks) else f"{flow.region}: paragraph {p + 1}"
            line.line = n
            line.first = n == 0
            line.last = k + 1 == len(ordered) or ordered[k + 1].first
            n += 1
        if p + 1 != len(blocks):
            out.append(Violation("text", flow.region, 0, f"{p + 1} paragraphs in the PDF, {len(blocks)} in the content"))
    return out


def _display_lines(chars: list[PdfGlyph]) -> list[_Line]:
    """Other text: glyphs of one face and size on one baseline, split where they are far apart."""
    groups: dict[tuple, list[PdfGlyph]] = {}
    for ch in chars:
        groups.setdefault((ch.font, round(ch.size, 2), round(ch.baseline, 1)), []).append(ch)
    out = []
    for (font, size, baseline), mine in sorted(groups.items(), key=lambda kv: (-kv[0][2], kv[1][0].x0)):
        mine.sort(key=lambda ch: ch.x0)
        run = [mine[0]]
        for ch in mine[1:] + [None]:
            if ch is None or ch.x0 - run[-1].x1 > 2 * size:
                cells = [Cell(c.text, c.x0, c.x1) for c in run]
                out.append(_Line(cells, baseline, size, block=f"text at y={baseline:.0f} pt"))
                run = []
            if ch is not None:
                run.append(ch)
    return out
