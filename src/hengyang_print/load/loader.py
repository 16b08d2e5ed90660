"""Turn a content YAML file and a layout YAML file into validated model objects.

Every error of a file is collected and reported together, each as FILE:LINE:COL.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..model import (
    Badge,
    Box,
    Byline,
    Content,
    Credit,
    ImageDesign,
    Item,
    ItemDesign,
    Keyword,
    KeywordDesign,
    Layout,
    OversetMark,
    Photo,
    PrintSettings,
    Region,
    Rule,
    Style,
)
from ..paths import Places, beside, bundled_font, project_root
from .photos import ImageProblem, probe
from .blocks import CONTENT_FIELDS
from .yamlread import Node, Reader

ALIGNS = ("justify", "left", "right", "center")
# (required, optional) keys of each kind of region besides kind/content/columns/top/height/bottom
REGION_KEYS = {
    "display": (("style",), ("align", "valign")),  # one block of display text: credits, headline, byline
    "keyword": (("fill", "padding", "label_style", "number_style", "word_style"), ()),  # the keyword panel
    "flow": (("style",), ("frames", "frame_gap")),  # paragraphs in balanced columns: the intro
    "items": (("style", "item"), ("frames", "frame_gap")),  # a flow of numbered items
}
# the content fields each kind of region can set (the first is the default when `content` is omitted)
KIND_CONTENT = {
    "display": ("headline", "credits", "byline"),
    "keyword": ("keyword",),
    "flow": ("intro",),
    "items": ("items",),
}


# (required, optional) keys of the content file and of one item; schema/content.schema.json says the same
CONTENT_KEYS = (CONTENT_FIELDS, ())
ITEM_KEYS = (("number", "date", "headline", "body"), ("image",))

# ================================================================ content


def load_content(path: str | Path, allow: tuple[str | Path, ...] = (), root: str | Path | None = None) -> Content:
    """`root`: the project folder (default: paths.project_root); `allow`: folders outside it that files
    named in the content may lie in (command line)."""
    places = Places(root if root is not None else project_root(path), allow)
    r = Reader(Path(path))
    root = r.compose()
    top = r.mapping(root, "content", *CONTENT_KEYS)

    credits = []
    for i, node in enumerate(r.sequence(top.get("credits"), "credits", 1)):
        m = r.mapping(node, f"credits[{i}]", required=("role", "name"))
        credits.append(Credit(r.text(m.get("role"), f"credits[{i}].role"), r.text(m.get("name"), f"credits[{i}].name")))

    m = r.mapping(top.get("byline"), "byline", required=("text", "reporters"), optional=("mark",))
    byline = Byline(
        mark=r.text(m["mark"], "byline.mark") if "mark" in m else "",
        text=r.text(m.get("text"), "byline.text"),
        reporters=tuple(
            r.text(n, f"byline.reporters[{i}]") for i, n in enumerate(r.sequence(m.get("reporters"), "byline.reporters", 1))
        ),
    )

    m = r.mapping(top.get("keyword"), "keyword", required=("label", "number", "word"))
    keyword = Keyword(
        r.text(m.get("label"), "keyword.label"), r.integer(m.get("number"), "keyword.number", 0, 999), r.text(m.get("word"), "keyword.word")
    )

    intro = tuple(_paragraphs(r, top.get("intro"), "intro"))

    items = []
    numbered: dict[int, int] = {}  # badge number -> index of the first item carrying it
    previous = 0  # the number before, as read: a wrong number is one error, not one on every item after it
    for i, node in enumerate(r.sequence(top.get("items"), "items", 1)):
        where = f"items[{i}]"
        m = r.mapping(node, where, *ITEM_KEYS)
        errors = len(r.errors)
        number = r.integer(m.get("number"), f"{where}.number", 1, 999)
        if "number" in m and len(r.errors) == errors:  # missing or unreadable is reported already
            if number in numbered:
                r.error(m["number"], f"{where}.number {number} is already used by items[{numbered[number]}] (expected {previous + 1}: badges are numbered 1, 2, 3 … in order)")
            elif number != previous + 1:
                r.error(m["number"], f"{where}.number is {number} (expected {previous + 1}: badges are numbered 1, 2, 3 … in order)")
            numbered.setdefault(number, i)
            previous = number
        else:
            previous += 1
        items.append(
            Item(
                number=number,
                date=r.text(m.get("date"), f"{where}.date"),
                headline=r.text(m.get("headline"), f"{where}.headline"),
                body=tuple(_paragraphs(r, m.get("body"), f"{where}.body")),
                image=_photo(r, Path(path), m["image"], f"{where}.image", places) if "image" in m else None,
            )
        )

    headline = r.text(top.get("headline"), "headline")
    r.raise_if_errors()
    return Content(str(path), tuple(credits), headline, byline, keyword, intro, tuple(items))


def _photo(r: Reader, content_path: Path, node: Node, where: str, places: Places) -> Photo | None:
    """An item's `image: {path, caption}`; the path is relative to the content file and must be a readable image."""
    m = r.mapping(node, where, required=("path",), optional=("caption",))
    caption = r.text(m["caption"], f"{where}.caption") if "caption" in m else ""
    errors = len(r.errors)
    file = _project_file(r, m.get("path"), f"{where}.path", content_path, places)
    if not file or len(r.errors) > errors:
        return None
    rel = m["path"].value
    try:
        width, height = probe(file)
    except ImageProblem as exc:
        r.error(m["path"], f"{where}.path: cannot use image '{rel}': {exc} (looked at {file})")
        return None
    return Photo(str(file), caption, width, height)


def _paragraphs(r: Reader, node: Node | None, what: str) -> list[str]:
    return [r.text(n, f"{what}[{i}]") for i, n in enumerate(r.sequence(node, what, 1))]


# ================================================================ layout


def load_layout(path: str | Path, allow: tuple[str | Path, ...] = (), root: str | Path | None = None) -> Layout:
    """`root`: the project folder (default: paths.project_root of the layout); `allow`: folders outside
    it that fonts may lie in (given on the command line)."""
    path = Path(path)
    places = Places(root if root is not None else project_root(path), allow)
    r = Reader(path)
    root = r.compose()
    top = r.mapping(
        root, "layout", required=("page", "grid", "fonts", "colors", "styles", "regions"), optional=("name", "rules", "print", "overset")
    )

    page = r.mapping(top.get("page"), "page", required=("width", "height", "margin"))
    width = r.length(page.get("width"), "page.width")
    height = r.length(page.get("height"), "page.height")
    margin = r.mapping(page.get("margin"), "page.margin", required=("top", "bottom", "left", "right"))
    mt, mb, ml, mr = (r.length(margin.get(k), f"page.margin.{k}") for k in ("top", "bottom", "left", "right"))
    trim = Box(0.0, 0.0, width, height)
    type_area = Box(ml, mb, width - ml - mr, height - mt - mb)
    if "width" in page and "height" in page and (type_area.width <= 0 or type_area.height <= 0):
        r.error(page.get("margin"), "margins leave no type area")

    grid = r.mapping(top.get("grid"), "grid", required=("columns", "gutter"))
    columns = r.integer(grid.get("columns"), "grid.columns", 1, 48)
    gutter = r.length(grid.get("gutter"), "grid.gutter")
    column_width = (type_area.width - (columns - 1) * gutter) / columns
    if "gutter" in grid and type_area.width > 0 and column_width <= 0:
        r.error(grid["gutter"], f"grid.gutter leaves no room for {columns} columns in the type area")

    fonts = {}
    for name, node in r.dict_of(top.get("fonts"), "fonts").items():
        fonts[name] = _project_file(r, node, f"fonts.{name}", path, places, font=True)

    colors = {}
    for name, node in r.dict_of(top.get("colors"), "colors").items():
        parts = r.sequence(node, f"colors.{name}")
        if parts and len(parts) != 4:
            r.error(node, f"colors.{name} must be four CMYK percentages [C, M, Y, K]")
        values = tuple(r.number(p, f"colors.{name}", 0, 100) for p in parts[:4])
        colors[name] = values if len(values) == 4 else (0.0, 0.0, 0.0, 100.0)

    styles = {}
    for name, node in r.dict_of(top.get("styles"), "styles").items():
        m = r.mapping(node, f"styles.{name}", required=("font", "size", "leading", "color"), optional=("tracking", "indent", "align"))
        style = Style(
            name=name,
            font=_ref(r, m.get("font"), f"styles.{name}.font", fonts, "font"),
            size=r.length(m.get("size"), f"styles.{name}.size", positive=True),
            leading=r.length(m.get("leading"), f"styles.{name}.leading"),
            color=_ref(r, m.get("color"), f"styles.{name}.color", colors, "colour"),
            tracking=r.optional(m, "tracking", lambda n: r.number(n, f"styles.{name}.tracking", -0.5, 2), 0.0),
            indent=r.optional(m, "indent", lambda n: r.number(n, f"styles.{name}.indent", 0, 10), 0.0),
            align=r.optional(m, "align", lambda n: r.choice(n, f"styles.{name}.align", ALIGNS), "justify"),
        )
        styles[name] = style

    ctx = _Ctx(r, type_area, columns, column_width, gutter, styles, colors)
    regions = {}
    for name, node in r.dict_of(top.get("regions"), "regions").items():
        region = _region(ctx, name, node)
        if region is None:
            continue
        twin = next((o for o in regions.values() if o.content == region.content), None)
        if twin:
            r.error(node, f"regions.{name} sets '{region.content}', which regions.{twin.name} sets already (a content field has one region)")
        regions[name] = region

    rules = []
    for i, node in enumerate(r.sequence(top["rules"], "rules") if "rules" in top else []):
        m = r.mapping(node, f"rules[{i}]", required=("columns", "top", "weight", "color"))
        weight = r.length(m.get("weight"), f"rules[{i}].weight")
        x, w = ctx.columns_x(m.get("columns"), f"rules[{i}].columns")
        y_top = type_area.top - r.length(m.get("top"), f"rules[{i}].top", negative=True)
        rules.append(Rule(Box(x, y_top - weight, w, weight), _ref(r, m.get("color"), f"rules[{i}].color", colors, "colour")))

    settings = _print_settings(r, path, top.get("print"), places)
    overset = _overset_mark(ctx, top.get("overset"), regions)
    name = r.text(top["name"], "name") if "name" in top else path.stem
    r.raise_if_errors()
    return Layout(
        source=str(path),
        name=name,
        trim=trim,
        type_area=type_area,
        columns=columns,
        gutter=gutter,
        column_width=column_width,
        fonts=fonts,
        colors=colors,
        styles=styles,
        regions=regions,
        rules=tuple(rules),
        print=settings,
        overset=overset,
    )


class _Ctx:
    """What region parsing needs: the reader, the grid and the names defined so far."""

    def __init__(self, r, type_area, columns, column_width, gutter, styles, colors):
        self.r, self.type_area, self.columns = r, type_area, columns
        self.column_width, self.gutter, self.styles, self.colors = column_width, gutter, styles, colors

    def columns_x(self, node: Node | None, what: str) -> tuple[float, float]:
        parts = self.r.sequence(node, what)
        if len(parts) != 2:
            self.r.error(node, f"{what} must be [first, last] grid columns (1 to {self.columns})")
            return self.type_area.x, self.type_area.width
        first = self.r.integer(parts[0], what, 1)
        last = self.r.integer(parts[1], what, 1)
        if not 1 <= first <= last <= self.columns:
            self.r.error(node, f"{what} must be [first, last] with 1 ≤ first ≤ last ≤ {self.columns} (got [{first}, {last}])")
            return self.type_area.x, self.type_area.width
        left = self.type_area.x + (first - 1) * (self.column_width + self.gutter)
        return left, (last - first + 1) * self.column_width + (last - first) * self.gutter

    def style(self, node: Node | None, what: str) -> str:
        return _ref(self.r, node, what, self.styles, "style")

    def color(self, node: Node | None, what: str) -> str:
        return _ref(self.r, node, what, self.colors, "colour")


def _region(ctx: _Ctx, name: str, node: Node) -> Region | None:
    """One region: its `kind` says what it is and which keys it takes; `content`, which field it sets."""
    r = ctx.r
    where = f"regions.{name}"
    kind_node = r.peek(node, "kind")
    if kind_node is None:  # not a mapping, or no kind: say so (a kind decides which other keys are known)
        every = ("content", "columns", "top", "height", "bottom") + tuple(k for keys in REGION_KEYS.values() for group in keys for k in group)
        r.mapping(node, where, required=("kind",), optional=tuple(dict.fromkeys(every)))
        return None
    kind = r.choice(kind_node, f"{where}.kind", tuple(REGION_KEYS))
    required, optional = REGION_KEYS[kind]
    m = r.mapping(node, where, required=("kind", "columns", "top") + required, optional=("content", "height", "bottom") + optional)
    content = r.choice(m["content"], f"{where}.content", KIND_CONTENT[kind]) if "content" in m else KIND_CONTENT[kind][0]
    x, width = ctx.columns_x(m.get("columns"), f"{where}.columns")
    top = ctx.type_area.top - r.length(m.get("top"), f"{where}.top", negative=True)
    if ("height" in m) == ("bottom" in m):
        r.error(node, f"{where} needs exactly one of 'height' or 'bottom'")
        bottom = top
    elif "height" in m:
        bottom = top - r.length(m["height"], f"{where}.height")
    else:
        bottom = ctx.type_area.y + r.length(m["bottom"], f"{where}.bottom", negative=True)
    if bottom >= top and ("height" in m) != ("bottom" in m):
        r.error(node, f"{where} has no height")
    box = Box(x, bottom, width, top - bottom)

    style = ctx.style(m["style"], f"{where}.style") if "style" in m else None
    frames = r.integer(m["frames"], f"{where}.frames", 1, 24) if "frames" in m else 1
    frame_gap = r.length(m["frame_gap"], f"{where}.frame_gap") if "frame_gap" in m else 0.0
    align = r.choice(m["align"], f"{where}.align", ALIGNS) if "align" in m else None
    valign = r.choice(m["valign"], f"{where}.valign", ("top", "middle", "bottom")) if "valign" in m else "top"

    keyword = None
    if kind == "keyword":
        keyword = KeywordDesign(
            fill=ctx.color(m.get("fill"), f"{where}.fill"),
            label_style=ctx.style(m.get("label_style"), f"{where}.label_style"),
            number_style=ctx.style(m.get("number_style"), f"{where}.number_style"),
            word_style=ctx.style(m.get("word_style"), f"{where}.word_style"),
            padding=r.length(m.get("padding"), f"{where}.padding"),
        )
    item = _item_design(ctx, m["item"], f"{where}.item") if "item" in m else None
    return Region(name, kind, content, box, style, frames, frame_gap, align, valign, item, keyword)


def _item_design(ctx: _Ctx, node: Node, where: str) -> ItemDesign:
    r = ctx.r
    m = r.mapping(
        node,
        where,
        required=("badge", "date_style", "headline_style", "badge_gap", "header_lines"),
        optional=("space_before", "space_after_header", "mirror", "rule", "image"),
    )
    b = r.mapping(m.get("badge"), f"{where}.badge", required=("shape", "diameter", "fill", "style"))
    badge = Badge(
        shape=r.choice(b.get("shape"), f"{where}.badge.shape", ("circle", "square")),
        diameter=r.length(b.get("diameter"), f"{where}.badge.diameter"),
        fill=ctx.color(b.get("fill"), f"{where}.badge.fill"),
        style=ctx.style(b.get("style"), f"{where}.badge.style"),
    )
    rule_color, rule_weight = None, 0.0
    if "rule" in m:
        rm = r.mapping(m["rule"], f"{where}.rule", required=("color", "weight"))
        rule_color = ctx.color(rm.get("color"), f"{where}.rule.color")
        rule_weight = r.length(rm.get("weight"), f"{where}.rule.weight")
    return ItemDesign(
        badge=badge,
        date_style=ctx.style(m.get("date_style"), f"{where}.date_style"),
        headline_style=ctx.style(m.get("headline_style"), f"{where}.headline_style"),
        badge_gap=r.length(m.get("badge_gap"), f"{where}.badge_gap"),
        header_lines=r.integer(m.get("header_lines"), f"{where}.header_lines", 1, 20),
        space_before=r.optional(m, "space_before", lambda n: r.integer(n, f"{where}.space_before", 0, 20), 1),
        space_after_header=r.optional(m, "space_after_header", lambda n: r.integer(n, f"{where}.space_after_header", 0, 20), 0),
        mirror=r.optional(m, "mirror", lambda n: r.boolean(n, f"{where}.mirror"), False),
        rule=rule_color,
        rule_weight=rule_weight,
        image=_image_design(ctx, m["image"], f"{where}.image") if "image" in m else None,
    )


def _image_design(ctx: _Ctx, node: Node, where: str) -> ImageDesign:
    r = ctx.r
    m = r.mapping(node, where, required=("caption_style",), optional=("position", "rows", "caption_gap", "space", "min_ppi"))
    return ImageDesign(
        position=r.optional(m, "position", lambda n: r.choice(n, f"{where}.position", ("after_header", "after_body")), "after_header"),
        rows=r.optional(m, "rows", lambda n: r.integer(n, f"{where}.rows", 1, 100), None),
        caption_style=ctx.style(m.get("caption_style"), f"{where}.caption_style"),
        caption_gap=r.optional(m, "caption_gap", lambda n: r.length(n, f"{where}.caption_gap"), 0.0),
        space=r.optional(m, "space", lambda n: r.integer(n, f"{where}.space", 0, 20), 1),
        min_ppi=r.optional(m, "min_ppi", lambda n: r.number(n, f"{where}.min_ppi", 0, 2400), 200.0),
    )


def _overset_mark(ctx: _Ctx, node: Node | None, regions: dict[str, Region]) -> OversetMark:
    """`overset: {style, bar}`; by default the style of the first flowing region and a bar a quarter of its size."""
    r = ctx.r
    m = r.mapping(node, "overset", optional=("style", "bar")) if node is not None else {}
    flows = [g.style for g in regions.values() if g.kind in ("flow", "items")] or [g.style for g in regions.values() if g.style]
    style = ctx.style(m["style"], "overset.style") if "style" in m else (flows[0] if flows else next(iter(ctx.styles), ""))
    size = ctx.styles[style].size if style in ctx.styles else 0.0
    bar = r.optional(m, "bar", lambda n: r.length(n, "overset.bar", positive=True), size / 4)
    return OversetMark(style, bar)


def _print_settings(r: Reader, layout_path: Path, node: Node | None, places: Places) -> PrintSettings:
    """The `print:` section: PDF/X identification, ink limit, bleed and crop marks (newspaper defaults: none)."""
    keys = ("pdf_version", "output_condition", "registry_name", "icc_profile", "max_ink", "bleed", "crop_marks", "black_overprint")
    m = r.mapping(node, "print", optional=keys) if node is not None else {}
    version = r.optional(m, "pdf_version", lambda n: r.choice(n, "print.pdf_version", ("1.3", "1.4")), "1.3")
    icc = r.optional(m, "icc_profile", lambda n: r.text(n, "print.icc_profile"), None)
    if icc:
        icc_path = beside(layout_path, icc)
        head = icc_path.read_bytes()[:128] if icc_path.is_file() and places.admits(icc_path) else b""
        if not places.admits(icc_path):
            r.error(m["icc_profile"], f"print.icc_profile: {places.refusal(icc)}")
        elif not icc_path.is_file():
            r.error(m["icc_profile"], f"ICC profile '{icc}' not found (looked at {icc_path})")
        elif len(head) < 128 or head[36:40] != b"acsp":
            r.error(m["icc_profile"], f"'{icc}' is not an ICC profile (no 'acsp' signature)")
        elif head[12:16] != b"prtr" or head[16:20] not in (b"CMYK", b"GRAY"):  # PDF/X output intent: an output profile
            kind = head[12:20].decode("latin-1")
            r.error(m["icc_profile"], f"'{icc}' is a '{kind}' profile; PDF/X needs a CMYK output profile ('prtrCMYK')")
        icc = str(icc_path)
    mm = 72 / 25.4
    marks_map = "crop_marks" in m and m["crop_marks"].id == "mapping"  # {length, offset, weight}: marks so drawn
    mark = r.mapping(m["crop_marks"], "print.crop_marks", optional=("length", "offset", "weight")) if marks_map else {}
    return PrintSettings(
        pdf_version=(1, int(version[-1])),
        output_condition=r.optional(m, "output_condition", lambda n: r.text(n, "print.output_condition"), "IFRA26"),
        registry_name=r.optional(m, "registry_name", lambda n: r.text(n, "print.registry_name"), "http://www.color.org"),
        icc_profile=icc,
        max_ink=r.optional(m, "max_ink", lambda n: r.number(n, "print.max_ink", 0, 400), 240.0),
        bleed=r.optional(m, "bleed", lambda n: r.length(n, "print.bleed"), 0.0),
        crop_marks=marks_map or r.optional(m, "crop_marks", lambda n: r.boolean(n, "print.crop_marks (or {length, offset, weight})"), False),
        black_overprint=r.optional(m, "black_overprint", lambda n: r.boolean(n, "print.black_overprint"), True),
        # conventional marks: 5 mm long, starting 2 mm beyond the bleed edge, 0.25 pt (InDesign's default weight)
        mark_length=r.optional(mark, "length", lambda n: r.length(n, "print.crop_marks.length"), 5 * mm),
        mark_offset=r.optional(mark, "offset", lambda n: r.length(n, "print.crop_marks.offset"), 2 * mm),
        mark_weight=r.optional(mark, "weight", lambda n: r.length(n, "print.crop_marks.weight"), 0.25),
    )


def _ref(r: Reader, node: Node | None, what: str, names: dict, kind: str) -> str:
    """A name that must be defined elsewhere in the layout (a style, font or colour)."""
    value = r.text(node, what)
    if value and value not in names:
        hint = difflib.get_close_matches(value, list(names), n=1)
        tip = f"; did you mean '{hint[0]}'?" if hint else f" (defined: {', '.join(names) or 'none'})"
        r.error(node, f"{what}: unknown {kind} '{value}'{tip}")
    return value


def _project_file(r: Reader, node: Node | None, what: str, yaml_path: Path, places: Places, font: bool = False) -> str:
    """A file named in a YAML file, relative to it, inside the places a build may read (paths.py);
    a font not found there comes from the bundled set by its file name."""
    rel = r.text(node, what)
    if not rel:
        return ""
    file = beside(yaml_path, rel)
    fallback = bundled_font(rel) if font and not file.is_file() else None
    if fallback is not None:
        return str(fallback)
    if not places.admits(file):
        r.error(node, f"{what}: {places.refusal(rel)}")
    elif not file.is_file():
        also = " or among the bundled fonts" if font else ""
        r.error(node, f"{what}: file '{rel}' not found (looked at {file}{also})")
    return str(file)
