"""Place composed text and shapes into the layout's regions: content + layout → a Page display list.

Everything here is arithmetic on the layout spec; no size, position or colour is decided in code.
Body lines sit on a baseline grid per region (one row = the region style's leading).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ..blockid import BlockId
from ..compose import Setting, clreq, compose
from ..compose.words import AFTER_PAUSE, LATIN_NOUN, OBJECT, word_breaks
from ..errors import BuildError, OversetError
from ..fonts import metrics
from ..i18n import _
from ..load.blocks import content_blocks, content_text, unset_fields, unset_headline_parts
from ..model import (
    Box,
    Content,
    FitBounds,
    Flaw,
    Item,
    Layout,
    Line,
    Overset,
    Page,
    PlaceReport,
    Region,
    Style,
    TextItem,
)
from .columns import balance
from .figure import Figure, compose_figure, place_figure, resolution_notes
from .fit import fit_flow, flaws, keeps, suggest, unfit_messages
from .sheet import Sheet

EPS = 1e-6


def place_page(
    content: Content, layout: Layout, allow_overset: bool = False, fit: bool | None = None
) -> tuple[Page, PlaceReport]:
    """The display list and its report. Regions are placed in the layout's order, each by its kind.

    Overset raises OversetError; with allow_overset the page keeps what fits, marks the rest and lists it
    in the report's overset. fit: flowed regions end flush within their `fit:` bounds, or the build fails
    with exact cuts or additions (None: where the layout declares bounds; False: set as written, balanced,
    a short flow only reported)."""
    page = Sheet(layout)
    problems: list[str] = []
    for n, rule in enumerate(layout.rules):
        page.shape("rect", rule.box, rule.color, BlockId("rules", n))
    for region in layout.regions.values():
        try:
            if region.kind == "keyword":
                _keyword(page, content, region)
            elif region.kind in ("flow", "items"):
                _flow_region(page, content, region, allow_overset, region.fit is not None if fit is None else fit)
            else:
                _display(page, region, _display_parts(page.layout, region, content), allow_overset, content)
        except OversetError as exc:
            problems.extend(exc.messages)
    if not allow_overset:  # and a line no breaking sets within the loose limit: each named with its text
        loose = [f for f in page.report.flaws if f.rule == "loose"]
        on_line = _("{block} line {line}: {rule}: {detail}")  # as the audit names a line's break (tools/audit.py)
        problems += [
            f"{_where(content, f.block, layout)}: "
            + on_line.format(block=f.block, line=f.line + 1, rule=f.rule, detail=f.detail)
            for f in loose
        ]
        if problems:
            raise (OversetError if len(problems) > len(loose) else BuildError)(problems)
    page.report.unset = unset_fields(layout) + unset_headline_parts(content, layout)
    unset = _("{field}: not set (no region of {layout} sets it)")
    page.report.notes += [unset.format(field=f, layout=layout.name) for f in page.report.unset]
    page.report.notes += resolution_notes(layout, page.items)  # photos below the layout's min_ppi
    frozen = Page(layout.trim, layout.print, content.headline, layout.name, tuple(page.items))
    return frozen, page.report


# ---------------------------------------------------------------- helpers


def _baseline(layout: Layout, row_top: float, style: Style, leading: float) -> float:
    """Baseline that centres the style's em box in a row of the given height."""
    em_top = row_top - (leading - style.size) / 2
    return em_top - metrics(layout.fonts[style.font]).ascent * style.size


def _text_item(
    page: Sheet,
    region: Region,
    block: BlockId,
    n: int,
    x: float,
    baseline: float,
    style: Style,
    line: Line,
    column: int = 0,
) -> TextItem:
    return TextItem(
        block=block,
        line=n,
        x=x,
        baseline=baseline,
        style=style.name,
        font=page.layout.fonts[style.font],
        size=style.size,
        color=page.layout.colors[style.color],
        glyphs=line.glyphs,
        measure=line.measure,
        justified=line.justified,
        paragraph_last=line.last,
        column=column,
        region=region.name,
        fallback=style.fallback,
    )


def _aligned_x(left: float, width: float, line: Line, align: str) -> float:
    if align == "right":
        return left + width - line.width
    if align == "center":
        return left + (width - line.width) / 2
    return left


# ---------------------------------------------------------------- display lines


@dataclass
class DisplayPart:
    """One block of a display region: the headline's kicker, the headline, its subhead; or the credits, the byline."""

    block: BlockId
    style: Style
    lines: tuple[Line, ...]


def _display_parts(layout: Layout, region: Region, content: Content) -> list[DisplayPart]:
    """The region's blocks, composed, top to bottom. The headline steps down through its region's `sizes` (leading
    in proportion) to the first at which it takes at most `lines` lines and the block fits the region; failing
    that, the first at which the block fits with more lines; failing that, it is set at the smallest (overset)."""
    style = layout.styles[region.style]
    align = region.align or style.align

    def composed(text: str, st: Style) -> tuple[Line, ...]:
        return compose(
            text, Setting.of(st, layout.fonts[st.font], region.box.width, indent=False, align=align, words=True)
        )

    block = BlockId(region.content)
    design = region.headline
    if design is None:
        return [DisplayPart(block, style, composed(content_text(content, region.content), style))]
    above, below = [], []
    if design.kicker_style and content.kicker:
        kicker = layout.styles[design.kicker_style]
        above.append(DisplayPart(BlockId("kicker"), kicker, composed(content.kicker, kicker)))
    if design.subhead_style and content.subhead:
        subhead = layout.styles[design.subhead_style]
        below.append(DisplayPart(BlockId("subhead"), subhead, composed(content.subhead, subhead)))
    room = region.box.height - sum(len(p.lines) * p.style.leading for p in above + below)
    tried = []
    for size in design.sizes or (style.size,):
        stepped = replace(style, size=size, leading=style.leading * size / style.size)
        tried.append(DisplayPart(block, stepped, composed(content.headline, stepped)))
    fits = [p for p in tried if len(p.lines) * p.style.leading <= room + EPS]
    within = [p for p in fits if len(p.lines) <= design.lines]
    # a size whose lines break between phrases (not inside a compound: 为大城 / 衡阳) before a larger one
    clean = [p for p in within if _worst_break(content.headline, p.lines) <= OBJECT]
    chosen = (clean or within or fits or tried[-1:])[0]
    return above + [chosen] + below


def _worst_break(text: str, lines: tuple[Line, ...]) -> int:
    """The worst grade (words.py) among the breaks of a display text's lines; an editor's forced break is free."""
    if len(lines) < 2:
        return AFTER_PAUSE
    grades, worst, at = [], AFTER_PAUSE, 0
    for part in text.split("\n"):  # the editor's lines, each broken by the composer
        part = clreq.solid_units(part.strip())
        allowed = word_breaks(part) if part else {}
        grades.append((at, {k - part.count(" ", 0, k): g for k, g in allowed.items()}))  # lines draw no spaces
        at += len(part.replace(" ", ""))
    ends = [len("".join(line.text for line in lines[: n + 1])) for n in range(len(lines) - 1)]
    starts = [a for a, _ in grades]
    for end in ends:
        if end in starts:
            continue  # a forced break
        a, allowed = max((g for g in grades if g[0] < end), key=lambda g: g[0])
        worst = max(worst, allowed.get(end - a, LATIN_NOUN + 1))
    return worst


def _display(
    page: Sheet, region: Region, parts: list[DisplayPart], allow_overset: bool, content: Content | None = None
) -> None:
    layout = page.layout
    align = region.align or layout.styles[region.style].align
    height = sum(len(p.lines) * p.style.leading for p in parts)
    own = next(p for p in parts if p.block.field == region.content)  # the region's own block (not its kicker…)
    if height > region.box.height + EPS:
        over = own  # gives way
        rows = max(0, int((region.box.height - height + len(over.lines) * over.style.leading) // over.style.leading))
        if not allow_overset:
            needs = _(
                "'{block}' needs {lines} lines of {style} ({size} pt) but the region holds {rows} (cut about"
                " {characters} characters or enlarge the region)"
            ).format(
                block=over.block,
                lines=len(over.lines),
                style=over.style.name,
                size=f"{over.style.size:g}",
                rows=rows,
                characters=_chars(over.lines[rows:]),
            )
            raise OversetError(f"{_where(content, over.block, layout)}: regions.{region.name}: {needs}")
        page.overset.append(Overset(region.name, over.block, len(over.lines) - rows, _chars(over.lines[rows:])))
        _mark_overset(page, region, region.box.x, region.box.width)
        over.lines = over.lines[:rows]
        height = sum(len(p.lines) * p.style.leading for p in parts)
    top = (
        region.box.top
        - {"top": 0.0, "middle": (region.box.height - height) / 2, "bottom": region.box.height - height}[region.valign]
    )
    for part in parts:
        st = part.style
        for n, line in enumerate(part.lines):
            baseline = _baseline(layout, top - n * st.leading, st, st.leading)
            x = _aligned_x(region.box.x, region.box.width, line, align)
            page.items.append(_text_item(page, region, part.block, n, x, baseline, st, line))
        top -= len(part.lines) * st.leading
    page.report.fill[region.name] = (len(own.lines), int(region.box.height // own.style.leading))


def _mark_overset(page: Sheet, region: Region, x: float, width: float) -> None:
    """A bar under the region's foot and a line saying what is over, so an overset proof cannot pass unnoticed
    (the layout's `overset:` says in which style and how thick)."""
    layout = page.layout
    over = [o for o in page.overset if o.region == region.name]
    style = layout.styles[layout.overset.style]
    bar = layout.overset.bar
    at = BlockId(region.name, part="overset")
    page.shape("rect", Box(x, region.box.y - bar, width, bar), style.color, at)
    note = f"▲超版 {sum(o.lines for o in over)} 行，约 {sum(o.chars for o in over)} 字（自 {over[0].block} 起）"
    line = compose(note, Setting.of(style, layout.fonts[style.font], 1e6, indent=False, align="left"))[0]
    baseline = _baseline(layout, region.box.y - bar, style, style.leading)
    x = max(
        region.box.x, min(x, region.box.right - line.width)
    )  # a note wider than its frame ends at the region's edge, on the paper
    page.items.append(_text_item(page, region, at, 0, x, baseline, style, line))


def _where(content: Content | None, block, layout: Layout) -> str:
    """Where text that does not fit is: its block in the content file (FILE:LINE:COL), else the layout."""
    return content.where(block) if content is not None else layout.source


def _chars(lines) -> int:
    return sum(len(line.glyphs) for line in lines)


# ---------------------------------------------------------------- keyword header


def _keyword(page: Sheet, content: Content, region: Region) -> None:
    """A filled panel: label and number on top, the keyword below (one layered graphic)."""
    layout, design, box = page.layout, region.keyword, region.box
    page.shape("rect", box, design.fill, BlockId("keyword"))
    inner = Box(
        box.x + design.padding, box.y + design.padding, box.width - 2 * design.padding, box.height - 2 * design.padding
    )
    label_style = layout.styles[design.label_style]
    number_style = layout.styles[design.number_style]
    word_style = layout.styles[design.word_style]
    kw = content.keyword

    def one_line(text: str, style: Style, block: BlockId, align: str, top: float) -> float:
        lines = compose(
            text, Setting.of(style, layout.fonts[style.font], inner.width, indent=False, align="left", words=True)
        )
        if len(lines) > 1:
            wider = _("{block} '{text}' is wider than the panel ({width} pt)").format(
                block=block, text=text, width=f"{inner.width:.0f}"
            )
            raise OversetError(f"{_where(content, block, layout)}: regions.{region.name}: {wider}")
        line = lines[0]
        baseline = _baseline(layout, top, style, style.leading)
        page.items.append(
            _text_item(page, region, block, 0, _aligned_x(inner.x, inner.width, line, align), baseline, style, line)
        )
        return top - style.leading

    one_line(kw.label, label_style, BlockId("keyword", part="label"), "left", inner.top)
    one_line(str(kw.number), number_style, BlockId("keyword", part="number"), "right", inner.top)
    word_top = inner.y + word_style.leading
    if word_top > inner.top - label_style.leading + EPS:
        short = _("the panel is too short for label and keyword")
        raise OversetError(f"{layout.source}: regions.{region.name}: {short}")
    one_line(kw.word, word_style, BlockId("keyword", part="word"), "left", word_top)
    page.report.fill[region.name] = (1, 1)


# ---------------------------------------------------------------- flowed regions


@dataclass
class Row:
    """One grid row of a flow: a text line, part of an item header, or space."""

    kind: str  # text | header | space | figure
    block: BlockId
    break_before: bool = True  # may a column break come before this row?
    keep: tuple[str, ...] = ()  # the placement rules a column break before it breaks (fit.keeps: the fitter's cost)
    line: Line | None = None
    line_no: int = 0
    header: Header | None = None
    header_row: int = 0
    figure: Figure | None = None  # on the first row of a photo block only


@dataclass
class Header:
    item: Item
    index: int  # 0-based
    rows: int
    headline: tuple[Line, ...]
    date: Line
    badge_side: str  # left | right


@dataclass
class Frame:
    x: float
    width: float  # measure: a whole number of ems of the region style
    rows: list[Row] = field(default_factory=list)


def _frames(region: Region, style: Style) -> list[Frame]:
    """Split the region into its text columns, each a whole number of ems wide [character grid]."""
    n, box = region.frames, region.box
    raw = (box.width - (n - 1) * region.frame_gap) / n
    measure = math.floor(raw / style.size + EPS) * style.size
    gap = (box.width - n * measure) / (n - 1) if n > 1 else 0.0
    return [Frame(box.x + i * (measure + gap), measure) for i in range(n)]


def body_grid(layout: Layout, region: Region) -> tuple[list[Frame], float]:
    """A flowed region's text columns and the baseline of its first grid row (for the audit)."""
    style = layout.styles[region.style]
    return _frames(region, style), _baseline(layout, region.box.top, style, style.leading)


def _flow_region(page: Sheet, content: Content, region: Region, allow_overset: bool, fitting: bool) -> None:
    layout = page.layout
    style = layout.styles[region.style]
    frames = _frames(region, style)
    measure = frames[0].width
    rows = _flow_rows(layout, region, content, measure)
    capacity = int(region.box.height / style.leading + EPS)
    rows, columns, overflow, flush = _fit_columns(page, content, region, rows, measure, len(frames), capacity, fitting)
    page.report.flaws += _loose_lines(region, columns, style)
    if not flush and (overflow or fitting):  # a short flow fails only when it must end flush
        messages = unfit_messages(page.report, content, region, columns, capacity, overflow)
        if not allow_overset:
            raise OversetError(messages)
        page.report.unfit[region.name] = messages
    if overflow:
        for block in dict.fromkeys(r.block for r in overflow if r.kind != "space"):  # reading order, each block once
            mine = [r for r in overflow if r.block == block and r.kind != "space"]
            header = mine[0].header
            if header:  # a whole item header is over: its number, date and headline blocks (the rows count once)
                parts = (
                    ("number", str(header.item.number), 0),
                    ("date", header.item.date, 0),
                    ("headline", header.item.headline, len(mine)),
                )
                page.overset.extend(
                    Overset(region.name, block.with_part(part), n, len(text)) for part, text, n in parts
                )
            elif mine[0].kind == "figure":  # a photo is over, and its caption with it (a block of the text layer)
                caption = next((r.figure.caption for r in mine if r.figure), ())
                page.overset.append(Overset(region.name, block, len(mine), 0))
                if caption:
                    page.overset.append(Overset(region.name, block.with_part("caption"), 0, _chars(caption)))
            else:
                page.overset.append(
                    Overset(region.name, block, len(mine), sum(len(r.line.glyphs) for r in mine if r.line))
                )
        _mark_overset(page, region, frames[-1].x, frames[-1].width)
    for frame, col in zip(frames, columns):
        frame.rows = col
    used = max((len(c) for c in columns), default=0)
    page.report.fill[region.name] = (used, capacity)
    for column, frame in enumerate(frames):
        for r, row in enumerate(frame.rows):
            top = region.box.top - r * style.leading
            if row.kind == "text":
                baseline = _baseline(layout, top, style, style.leading)
                page.items.append(
                    _text_item(page, region, row.block, row.line_no, frame.x, baseline, style, row.line, column)
                )
            elif row.kind == "header" and row.header_row == 0:
                _draw_header(page, region, style, row.header, frame, top, column)
            elif row.figure is not None:
                _draw_figure(page, region, row.figure, frame, top, column)


def _flow_rows(
    layout: Layout, region: Region, content: Content, measure: float, texts: dict | None = None
) -> list[Row]:
    """The grid rows of a flowed region as set, its paragraphs with `texts` where given (BlockId → text)."""
    style = layout.styles[region.style]
    texts = texts or {}
    if region.kind == "flow":
        rows: list[Row] = []
        for p, text in enumerate(content.intro):
            block = BlockId("intro", paragraph=p)
            lines = compose(texts.get(block, text), Setting.of(style, layout.fonts[style.font], measure))
            rows += _paragraph_rows(block, lines)
        return rows
    rows = []
    for i, item in enumerate(content.items):
        body = tuple(texts.get(BlockId("items", i, "body", p), text) for p, text in enumerate(item.body))
        rows += _item_rows(layout, region, style, replace(item, body=body), i, measure, content)
    return rows


def _loose_lines(region: Region, columns: list[list[Row]], style: Style) -> list[Flaw]:
    """The body lines no breaking of their paragraph sets within the style's loose_limit (Line.loose): a build
    error, not a quiet loose line (the composer tried every breaking and a number leaving its measure word)."""
    return [
        Flaw(
            "loose",
            region.name,
            row.block,
            row.line_no,
            _(
                "no breaking of the paragraph sets this line within {limit} em between characters: '{text}' (reword"
                " it, or move a long number or Latin word)"
            ).format(limit=f"{style.loose_limit:g}", text=row.line.text),
        )
        for column in columns
        for row in column
        if row.kind == "text" and row.line.loose
    ]


def _paragraph_rows(
    block: BlockId, lines: tuple[Line, ...], under: int | None = None, item_lines: int | None = None
) -> list[Row]:
    """A paragraph's rows, where a column may begin and at what cost (fit.keeps: no widow, the header's company)."""
    return [
        Row("text", block, break_before=may, keep=rules, line=line, line_no=n)
        for n, (line, (may, rules)) in enumerate(zip(lines, keeps(len(lines), under, item_lines)))
    ]


def _item_rows(
    layout: Layout, region: Region, style: Style, item: Item, index: int, measure: float, content: Content | None = None
) -> list[Row]:
    design = region.item
    head_style = layout.styles[design.headline_style]
    date_style = layout.styles[design.date_style]
    text_width = measure - design.badge.diameter - design.badge_gap
    side = "right" if design.mirror and index % 2 else "left"
    align = "right" if side == "right" else "left"
    headline = compose(
        item.headline,
        Setting.of(head_style, layout.fonts[head_style.font], text_width, indent=False, align=align, words=True),
    )
    date = compose(
        item.date, Setting.of(date_style, layout.fonts[date_style.font], text_width, indent=False, align=align)
    )
    if len(date) > 1:
        date_block = BlockId("items", index, "date")
        wider = _("{block} '{text}' is wider than {width} pt").format(
            block=date_block, text=item.date, width=f"{text_width:.0f}"
        )
        raise OversetError(f"{_where(content, date_block, layout)}: regions.{region.name}: {wider}")
    per_line = math.ceil(head_style.leading / style.leading - EPS)
    header_rows = max(design.header_lines, 1 + per_line * len(headline))
    header = Header(item, index, header_rows, headline, date[0], side)
    block = BlockId("items", index)
    rows = [Row("space", block) for _ in range(design.space_before)] if index else []
    rows += [Row("header", block, break_before=(k == 0), header=header, header_row=k) for k in range(header_rows)]
    rows += [Row("space", block, break_before=False) for _ in range(design.space_after_header)]
    figure = _figure_rows(layout, region, style, item, block, measure)
    if figure and design.image.position == "after_header":
        rows += figure + [Row("space", block, break_before=False) for _ in range(design.image.space)]
    body = [compose(text, Setting.of(style, layout.fonts[style.font], measure)) for text in item.body]
    total = sum(map(len, body))
    for p, lines in enumerate(body):
        rows += _paragraph_rows(block.with_part("body", p), lines, sum(map(len, body[:p])), total)
    if figure and design.image.position == "after_body":
        rows += [Row("space", block) for _ in range(design.image.space)] + figure
    return rows


def _figure_rows(layout: Layout, region: Region, style: Style, item: Item, block: BlockId, measure: float) -> list[Row]:
    """The rows of an item's photo block; none of them may start a column but the first (after the body)."""
    if item.image is None:
        return []
    figure = compose_figure(layout, region, style, item.image, block.with_part("image"), measure)
    after_body = region.item.image.position == "after_body"
    return [
        Row("figure", figure.block, break_before=(k == 0 and after_body), figure=figure if k == 0 else None)
        for k in range(figure.rows)
    ]


def _draw_figure(page: Sheet, region: Region, figure: Figure, frame: Frame, top: float, column: int) -> None:
    layout = page.layout
    cap = layout.styles[region.item.image.caption_style]
    caption_top = place_figure(page, region, figure, frame.x, frame.width, top, column)
    for n, line in enumerate(figure.caption):
        baseline = _baseline(layout, caption_top - n * cap.leading, cap, cap.leading)
        x = _aligned_x(frame.x, frame.width, line, cap.align)
        page.items.append(
            _text_item(page, region, figure.block.with_part("caption"), n, x, baseline, cap, line, column)
        )


def _fit_columns(
    page: Sheet,
    content: Content,
    region: Region,
    rows: list[Row],
    measure: float,
    columns: int,
    capacity: int,
    fitting: bool,
) -> tuple[list[Row], list[list[Row]], list[Row], bool]:
    """Columns ending flush, within the region's fit bounds if fitting (fit.py); failing that, the nearest even
    split (columns.balance) with the exact cuts or additions in the report's suggestions.
    Returns rows used, columns, overset, and whether the columns end flush."""
    layout = page.layout
    texts = {
        b.id: b.text for b in content_blocks(content, layout) if b.region == region.name and b.id.paragraph is not None
    }
    bounds = (region.fit or FitBounds()) if fitting else FitBounds()
    flex = _Flex(layout, region, content, measure, bounds.min_last_line)
    fitted = fit_flow(region.name, rows, texts, columns, capacity, bounds, flex)
    if fitted.columns is not None:
        page.report.adjustments.extend(fitted.adjustments)
        page.report.flaws.extend(fitted.flaws)
        if fitted.flaws:  # the figures that keep every placement rule
            page.report.suggestions.extend(suggest(region.name, rows, texts, columns, capacity, bounds, flex, "keep"))
        return fitted.rows, fitted.columns, [], True
    cols, rest = balance(rows, columns, capacity)
    page.report.flaws.extend(flaws(region.name, cols))  # balanced columns break placement rules too (--no-fit)
    if fitting or rest:  # the figures: for a flow that must end flush, or text that does not fit
        need = "cut" if rest else "add"
        page.report.suggestions.extend(suggest(region.name, rows, texts, columns, capacity, bounds, flex, need))
    return rows, cols, rest, False


class _Flex:
    """What fit.py may change in a flow: a paragraph recomposed, rows of space, a photo block a row taller or
    shorter."""

    def __init__(self, layout: Layout, region: Region, content: Content, measure: float, last_min: int):
        self.layout, self.region, self.content, self.measure, self.last_min = layout, region, content, measure, last_min
        self.style = layout.styles[region.style]
        self.size, self.loose_limit = self.style.size, self.style.loose_limit

    def remake(self, texts: dict) -> list[Row]:
        return _flow_rows(self.layout, self.region, self.content, self.measure, texts)

    def lines(self, block: BlockId, text: str, looseness: int = 0, tracking: float = 0.0) -> tuple[Line, ...]:
        style = replace(self.style, tracking=self.style.tracking + tracking) if tracking else self.style
        font = self.layout.fonts[style.font]
        return compose(text, Setting.of(style, font, self.measure, looseness=looseness, last_min=self.last_min))

    def rows(self, block: BlockId, lines: tuple[Line, ...], under: int | None, item_lines: int | None) -> list[Row]:
        return _paragraph_rows(block, lines, under, item_lines)

    def space(self, block: BlockId) -> Row:
        return Row("space", block)

    def figure(self, rows: list[Row], delta: int) -> list[Row] | None:
        figure = rows[0].figure
        picture = figure.picture + delta * self.style.leading
        if picture < self.style.leading - EPS:
            return None
        taller = replace(figure, picture=picture, rows=figure.rows + delta)
        return [replace(rows[0], figure=taller)] + [
            Row("figure", rows[0].block, break_before=False) for _ in range(taller.rows - 1)
        ]


def _draw_header(
    page: Sheet, region: Region, style: Style, header: Header, frame: Frame, top: float, column: int
) -> None:
    """Badge, date and headline of one item, mirrored for even items when the layout asks."""
    layout, design = page.layout, region.item
    block = BlockId("items", header.index)
    height = header.rows * style.leading
    d = design.badge.diameter
    badge_x = frame.x if header.badge_side == "left" else frame.x + frame.width - d
    badge_y = top - height / 2 - d / 2
    page.shape(
        design.badge.shape if design.badge.shape == "circle" else "rect",
        Box(badge_x, badge_y, d, d),
        design.badge.fill,
        block.with_part("badge"),
    )
    number_style = layout.styles[design.badge.style]
    number = compose(
        str(header.item.number),
        Setting.of(number_style, layout.fonts[number_style.font], 10 * d, indent=False, align="left"),
    )[0]
    digit_mid = (
        metrics(layout.fonts[number_style.font]).cap_height / 2 * number_style.size
    )  # lining digits stand cap height tall
    page.items.append(
        _text_item(
            page,
            region,
            block.with_part("number"),
            0,
            badge_x + (d - number.width) / 2,
            badge_y + d / 2 - digit_mid,
            number_style,
            number,
            column,
        )
    )
    text_left = frame.x + d + design.badge_gap if header.badge_side == "left" else frame.x
    text_width = frame.width - d - design.badge_gap
    align = "left" if header.badge_side == "left" else "right"
    date_style = layout.styles[design.date_style]
    head_style = layout.styles[design.headline_style]
    per_line = math.ceil(head_style.leading / style.leading - EPS)
    text_rows = 1 + per_line * len(header.headline)
    row_top = top - (header.rows - text_rows) * style.leading / 2  # centre the text block beside the badge
    page.items.append(
        _text_item(
            page,
            region,
            block.with_part("date"),
            0,
            _aligned_x(text_left, text_width, header.date, align),
            _baseline(layout, row_top, date_style, style.leading),
            date_style,
            header.date,
            column,
        )
    )
    for n, line in enumerate(header.headline):
        line_top = row_top - (1 + n * per_line) * style.leading
        baseline = _baseline(layout, line_top, head_style, per_line * style.leading)
        page.items.append(
            _text_item(
                page,
                region,
                block.with_part("headline"),
                n,
                _aligned_x(text_left, text_width, line, align),
                baseline,
                head_style,
                line,
                column,
            )
        )
    if design.rule:
        page.shape(
            "rect", Box(frame.x, top - height, frame.width, design.rule_weight), design.rule, block.with_part("rule")
        )
