"""Plain data that crosses the seams of the pipeline: content, layout, composed lines, display list.

No YAML, no ReportLab, no logic beyond trivial derived properties. All lengths are in points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .blockid import BlockId

# ---------------------------------------------------------------- where things come from


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value starts in its YAML file (1-based), recorded by load: later stages name FILE:LINE:COL
    without reading the file again."""

    file: str
    line: int
    column: int
    text_column: int | None = None  # of the value's first character, when it is written as it reads on one line

    def at(self, offset: int | None = None) -> str:
        """FILE:LINE:COL, pointing at character `offset` of the value where the source shows it as it reads."""
        column = self.column
        if offset is not None and self.text_column is not None:
            column = self.text_column + offset
        return f"{self.file}:{self.line}:{column}"

    def __str__(self) -> str:
        return self.at()


Spans = dict[tuple[str | int, ...], Span]  # a YAML path (BlockId.steps) -> where its value starts


def where(source: str, spans: Spans, steps: tuple[str | int, ...], offset: int | None = None) -> str:
    """FILE:LINE:COL of the value at a YAML path, or the file alone when the path is not in it."""
    span = spans.get(tuple(steps))
    return span.at(offset) if span is not None else source


# ---------------------------------------------------------------- content


@dataclass(frozen=True)
class Credit:
    role: str  # 责编, 美编, 校对, 版式
    name: str


@dataclass(frozen=True)
class Byline:
    mark: str  # ■
    text: str  # 本报记者
    reporters: tuple[str, ...]


@dataclass(frozen=True)
class Keyword:
    label: str  # 关键词
    number: int
    word: str  # 新名片


@dataclass(frozen=True)
class Photo:
    """An item's photo: the file (checked readable at load) and its caption."""

    path: str  # absolute; the content file names it relative to itself
    caption: str  # may be empty
    width_px: int  # as seen upright (EXIF orientation applied)
    height_px: int
    notes: tuple[str, ...] = ()  # what Pillow warned of, reading it (a very large image)


@dataclass(frozen=True)
class Item:
    number: int
    date: str
    headline: str
    body: tuple[str, ...]  # paragraphs
    image: Photo | None = None


@dataclass(frozen=True)
class Content:
    source: str  # file the content came from, for messages
    credits: tuple[Credit, ...]
    headline: str
    byline: Byline
    keyword: Keyword
    intro: tuple[str, ...]
    items: tuple[Item, ...]
    kicker: str = ""  # 引题: the line above the headline (optional; "" for none)
    subhead: str = ""  # 副题: the line under it (optional)

    spans: Spans = field(default_factory=dict, compare=False, repr=False)  # where each value is in `source`

    def where(self, block: BlockId, offset: int | None = None) -> str:
        """FILE:LINE:COL of a block (its YAML path), or of character `offset` of its text."""
        return where(self.source, self.spans, block.steps, offset)


# ---------------------------------------------------------------- layout


CMYK = tuple[float, float, float, float]  # percentages 0-100


@dataclass(frozen=True)
class Style:
    name: str
    font: str  # key into Layout.fonts
    size: float
    leading: float
    color: str  # key into Layout.colors
    tracking: float = 0.0  # extra space after every character, in em
    indent: float = 0.0  # first-line indent, in em
    align: str = "justify"  # justify | left | right | center
    fallback: tuple[
        str, ...
    ] = ()  # font files (absolute) that set a character `font` lacks, in order; the layout names them by font key
    loose_limit: float = 0.125  # em: justification spreads two characters at most this much apart (a loose line beyond)
    max_squeezed: int | None = None  # marks a justified line may squeeze by ½ em, in all (None: every mark it has)


@dataclass(frozen=True)
class Box:
    """A rectangle in page coordinates (origin bottom-left of the trimmed page)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Rule:
    box: Box  # a filled rectangle: rules are thin boxes
    color: str


@dataclass(frozen=True)
class Badge:
    shape: str  # circle | square
    diameter: float
    fill: str
    style: str  # style of the number


@dataclass(frozen=True)
class ImageDesign:
    """How an item's photo is set: frame-wide, on whole grid rows, caption below."""

    position: str  # after_header | after_body
    rows: int | None  # grid rows of the picture box (the photo is cropped to fill it); None: the photo's own aspect
    caption_style: str
    caption_gap: float  # between the picture and the caption's first line box
    space: int  # blank grid rows between the photo block and the item's text
    min_ppi: float  # below this effective resolution the build prints a note


@dataclass(frozen=True)
class ItemDesign:
    badge: Badge
    date_style: str
    headline_style: str
    badge_gap: float  # space between badge and the date/headline block
    header_lines: int  # grid lines the badge row takes at least
    space_before: int  # grid lines before every item but a column's first
    space_after_header: int  # grid lines between header and body
    mirror: bool  # even items set right to left (badge on the right)
    rule: str | None  # colour of the hairline under the header, or None
    rule_weight: float
    image: ImageDesign | None = None  # None: the layout takes no photos


@dataclass(frozen=True)
class KeywordDesign:
    fill: str
    label_style: str
    number_style: str
    word_style: str
    padding: float


REGION_KINDS = ("display", "keyword", "flow", "items")  # what a region sets: see load/loader.py


@dataclass(frozen=True)
class HeadlineDesign:
    """The headline block: 引题 above, the headline, 副题 under it, stacked in the headline's region."""

    kicker_style: str | None = None  # None: the layout sets no kicker (a content's kicker is noted, not set)
    subhead_style: str | None = None
    sizes: tuple[float, ...] = ()  # pt, largest first: a headline too long for its region steps down through them
    lines: int = 2  # lines the headline may take at a size before it steps down


@dataclass(frozen=True)
class FitBounds:
    """What may flex so that a flow's columns end on the region's last grid line (齐底): the layout's `fit:`."""

    space_before: tuple[int, int] | None = None  # grid rows before an item header, least and most (None: as designed)
    photo_rows: int = 0  # a photo block may take this many rows more or fewer
    looseness: int = 0  # a paragraph may be set this many lines longer or shorter (伸行/缩行)
    tracking: tuple[float, float] = (0.0, 0.0)  # em a paragraph's tracking may change by, least and most
    min_last_line: int = 4  # characters on the last line of a paragraph set longer or shorter, at least


@dataclass(frozen=True)
class Region:
    name: str  # the layout's name for it
    kind: str  # display (one block of display text) | keyword (the panel) | flow (paragraphs) | items (a flow of items)
    content: str  # the content field it sets: credits | headline | byline | keyword | intro | items
    box: Box
    style: str | None
    frames: int = 1  # text columns inside the region
    frame_gap: float = 0.0
    align: str | None = None  # override of the style's align for single-line regions
    valign: str = "top"  # top | middle | bottom, for display regions
    item: ItemDesign | None = None
    keyword: KeywordDesign | None = None
    fit: FitBounds | None = None  # flowed regions: None when the layout declares no `fit:`
    headline: HeadlineDesign | None = None  # the headline's region: its kicker, subhead and sizes


@dataclass(frozen=True)
class PrintSettings:
    pdf_version: tuple[int, int]
    output_condition: str
    registry_name: str
    icc_profile: str | None
    max_ink: float  # total area coverage, percent
    bleed: float
    crop_marks: bool
    black_overprint: bool
    mark_length: float = 0.0  # crop mark geometry, used when crop_marks is on
    mark_offset: float = 0.0  # gap between the bleed edge and the mark
    mark_weight: float = 0.0


@dataclass(frozen=True)
class OversetMark:
    """How an overset region is marked on the page (build --allow-overset, proofs)."""

    style: str  # the note's style
    bar: float  # thickness of the bar under the region's foot


@dataclass(frozen=True)
class Layout:
    source: str
    name: str
    trim: Box  # x=y=0
    type_area: Box
    columns: int
    gutter: float
    column_width: float
    fonts: dict[str, str]  # name -> absolute path of a TrueType file
    colors: dict[str, CMYK]
    styles: dict[str, Style]
    regions: dict[str, Region]
    rules: tuple[Rule, ...]
    print: PrintSettings
    overset: OversetMark
    spans: Spans = field(default_factory=dict, compare=False, repr=False)  # where each value is in `source`

    def where(self, *steps: str | int) -> str:
        """FILE:LINE:COL of the value at a YAML path of the layout (`"colors", "red"`)."""
        return where(self.source, self.spans, steps)

    def regions_of(self, kind: str) -> list[Region]:
        return [r for r in self.regions.values() if r.kind == kind]

    def region_for(self, content: str) -> Region | None:
        """The region that sets a content field, if any (at most one does: load checks)."""
        return next((r for r in self.regions.values() if r.content == content), None)


# ---------------------------------------------------------------- composition


@dataclass(frozen=True)
class Glyph:
    char: str  # may be more than one code point only for a single grapheme
    x: float  # left of its cell, from the line start, in points
    width: float  # the cell it occupies (after compression), in points
    ink_dx: float = 0.0  # where the glyph is drawn relative to x (opening marks set right)
    hscale: float = 1.0  # horizontal scale of the glyph (the 2-em dash is drawn seamless)


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]
    width: float  # x of the last cell's right edge
    measure: float
    justified: bool  # True when the line must end on the measure
    last: bool  # last line of its paragraph
    loose: bool = False  # justified beyond its style's loose_limit: no breaking of the paragraph avoids it

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


# ---------------------------------------------------------------- display list


@dataclass(frozen=True)
class TextItem:
    """One line of text placed on the page, every value resolved (font file, CMYK)."""

    block: BlockId
    line: int  # 0-based line number within the block
    x: float  # line start
    baseline: float
    style: str  # the layout style's name (tools attribute lines to blocks by it)
    font: str  # path of the TrueType file
    size: float
    color: CMYK
    glyphs: tuple[Glyph, ...]
    measure: float
    justified: bool = False
    paragraph_last: bool = False
    column: int = 0  # frame index in its region, for the audit
    region: str = ""  # name of the layout region that set it
    fallback: tuple[str, ...] = ()  # paths of the faces that set a glyph `font` lacks, in order (the style's fallback)

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def right(self) -> float:
        return self.x + (self.glyphs[-1].x + self.glyphs[-1].width if self.glyphs else 0.0)


@dataclass(frozen=True)
class ShapeItem:
    kind: str  # rect | circle
    box: Box
    fill: CMYK
    block: BlockId | None = None


@dataclass(frozen=True)
class ImageItem:
    """A photo on the page: drawn at `image` (aspect kept) and clipped to `box` (the picture frame)."""

    block: BlockId  # items[3].image
    box: Box
    image: Box  # may overhang `box` when the layout crops the photo to whole rows
    path: str
    width_px: int
    height_px: int
    column: int = 0
    region: str = ""


@dataclass(frozen=True)
class Page:
    """The display list: what draw draws and nothing more, every value resolved. Frozen; the reports of
    placing it (PlaceReport) travel beside it."""

    trim: Box
    print: PrintSettings
    title: str  # the PDF's /Title
    subject: str  # the PDF's /Subject: the layout's name
    items: tuple[TextItem | ShapeItem | ImageItem, ...]

    def texts(self) -> list[TextItem]:
        return [i for i in self.items if isinstance(i, TextItem)]


@dataclass(frozen=True)
class Overset:
    """Lines of one block that did not fit their region (placed only when overset is allowed)."""

    region: str
    block: BlockId
    lines: int
    chars: int


@dataclass(frozen=True)
class Adjustment:
    """One change the fitting made so that a flow ends flush: block, what, how much."""

    region: str
    block: BlockId  # items[3].body[0] (a paragraph), items[4] (rows before its header), items[3].image
    what: str  # looseness | tracking | space_before | photo_rows
    amount: float  # lines, rows or em; signed


@dataclass(frozen=True)
class SentenceCut:
    """Cutting one whole sentence of a suggested paragraph: what it saves, found by composing."""

    text: str
    lines: int  # lines it saves
    fits: bool  # the region then fits (ends flush)


@dataclass(frozen=True)
class Suggestion:
    """An exact copyfit figure, verified by composing: cut N characters from the end of a paragraph, or add N."""

    region: str
    block: BlockId  # items[3].body[0]
    action: str  # cut | add
    characters: int  # cut from the end, or add at the end (the fewest that make the region fit)
    lines: int  # lines the paragraph loses or gains
    most: int | None = None  # add: the most characters it may take and still fit (every count between fits too)
    sentences: tuple[SentenceCut, ...] = ()  # cut: the paragraph's last sentences, each cut alone
    # the other paragraphs' edits that go with this one, (block, cut | add, characters, lines), where what it takes
    # is more than one paragraph should: all of them, together, make the region fit
    together: tuple[tuple[BlockId, str, int, int], ...] = ()


@dataclass(frozen=True)
class Flaw:
    """A rule the build could not keep and names: where no arrangement within the layout's bounds avoids it
    (headers abreast, a header at a column foot, …; the audit's rule names) or a line no breaking sets within limits."""

    rule: str  # a key of tools.audit.RULES
    region: str
    block: BlockId
    line: int  # 0-based line in the block
    detail: str


@dataclass
class PlaceReport:
    """What placing a page found, beside the display list: region fill, overset, notes for the build."""

    fill: dict[str, tuple[int, int]] = field(default_factory=dict)  # region -> (lines used, lines available)
    overset: list[Overset] = field(default_factory=list)  # what did not fit, in reading order
    notes: list[str] = field(default_factory=list)  # copyfit and photo notes (short text, cropping, …)
    unset: list[str] = field(default_factory=list)  # content fields no region of the layout sets
    adjustments: list[Adjustment] = field(default_factory=list)  # what the fitting flexed, in reading order
    suggestions: list[Suggestion] = field(default_factory=list)  # exact cuts or additions for a flow that does not fit
    unfit: dict[str, list[str]] = field(
        default_factory=dict
    )  # flowed region -> why it fails to fit (kept with --allow-overset)
    flaws: list[Flaw] = field(default_factory=list)  # rules the fitting could not keep, in reading order
