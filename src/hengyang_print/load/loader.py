"""Turn a content YAML file and a layout YAML file into validated model objects.

Every error of a file is collected and reported together, each as FILE:LINE:COL.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..i18n import N_, _
from ..model import (
    Badge,
    Box,
    Byline,
    Content,
    Credit,
    FitBounds,
    HeadlineDesign,
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
from ..paths import Places, beside, bundled_font, from_root, project_root
from .blocks import CONTENT_FIELDS
from .defaults import DEFAULTS as D
from .photos import ImageProblem, probed, said
from .yamlread import SEQ, Node, Reader, Sequence

ALIGNS = ("justify", "left", "right", "center")
# (required, optional) keys of each kind of region besides kind/content/columns/top/height/bottom
REGION_KEYS = {
    # one block of display text: credits, headline (with its kicker and subhead), byline
    "display": (("style",), ("align", "valign", "kicker_style", "subhead_style", "sizes", "lines")),
    "keyword": (("fill", "padding", "label_style", "number_style", "word_style"), ()),  # the keyword panel
    "flow": (("style",), ("frames", "frame_gap", "fit")),  # paragraphs in balanced columns: the intro
    "items": (("style", "item"), ("frames", "frame_gap", "fit")),  # a flow of numbered items
}
# the content fields each kind of region can set (the first is the default when `content` is omitted)
KIND_CONTENT = {
    "display": ("headline", "credits", "byline"),
    "keyword": ("keyword",),
    "flow": ("intro",),
    "items": ("items",),
}


# (required, optional) keys of the content file and of one item; schema/content.schema.json says the same
CONTENT_KEYS = (CONTENT_FIELDS, ("kicker", "subhead"))
ITEM_KEYS = (("number", "date", "headline", "body"), ("image",))

# ================================================================ content


def load_content(path: str | Path, allow: tuple[str | Path, ...] = (), root: str | Path | None = None) -> Content:
    """`root`: the project folder (default: paths.project_root); `allow`: folders outside it that files
    named in the content may lie in (command line)."""
    places = Places(root if root is not None else project_root(path), allow)
    r = Reader(Path(path), "content")
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
            r.text(n, f"byline.reporters[{i}]")
            for i, n in enumerate(r.sequence(m.get("reporters"), "byline.reporters", 1))
        ),
    )

    m = r.mapping(top.get("keyword"), "keyword", required=("label", "number", "word"))
    keyword = Keyword(
        r.text(m.get("label"), "keyword.label"),
        r.integer(m.get("number"), "keyword.number", 0, 999),
        r.text(m.get("word"), "keyword.word"),
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
                used = _(
                    "{key} {number} is already used by {other} (expected {expected}: badges are numbered 1, 2, 3 …"
                    " in order)"
                )
                other = f"items[{numbered[number]}]"
                r.error(
                    m["number"], used.format(key=f"{where}.number", number=number, other=other, expected=previous + 1)
                )
            elif number != previous + 1:
                wrong = _("{key} is {number} (expected {expected}: badges are numbered 1, 2, 3 … in order)")
                r.error(m["number"], wrong.format(key=f"{where}.number", number=number, expected=previous + 1))
            numbered.setdefault(number, i)
            previous = number
        else:
            previous += 1
        items.append(
            Item(
                number=number,
                date=r.text(m.get("date"), f"{where}.date"),
                headline=_display_text(r, m.get("headline"), f"{where}.headline"),
                body=tuple(_paragraphs(r, m.get("body"), f"{where}.body")),
                image=_photo(r, Path(path), m["image"], f"{where}.image", places) if "image" in m else None,
            )
        )

    headline = _display_text(r, top.get("headline"), "headline")
    kicker = _display_text(r, top["kicker"], "kicker") if "kicker" in top else ""
    subhead = _display_text(r, top["subhead"], "subhead") if "subhead" in top else ""
    r.raise_if_errors()
    return Content(
        r.name, tuple(credits), headline, byline, keyword, intro, tuple(items), kicker, subhead, spans=r.spans(root)
    )


def _display_text(r, node, what: str) -> str:
    """Display text (a headline, a caption): one text, or a list of lines the editor breaks by hand.
    A newline inside the text is such a forced break too (a YAML '|' block keeps them); the lines
    reach the composer joined by newlines, never by a space."""
    if isinstance(node, Sequence) and node.tag == SEQ:  # a plain list, no other tag
        parts = [r.text(n, f"{what}[{k}]") for k, n in enumerate(r.sequence(node, what, min_len=1))]
    else:
        parts = [r.text(node, what)]
    lines = [line.strip() for part in parts for line in part.split("\n")]
    return "\n".join(line for line in lines if line)


def _photo(r: Reader, content_path: Path, node: Node, where: str, places: Places) -> Photo | None:
    """An item's `image: {path, caption}`; the path is relative to the content file and must be a readable image."""
    m = r.mapping(node, where, required=("path",), optional=("caption",))
    caption = _display_text(r, m["caption"], f"{where}.caption") if "caption" in m else ""
    errors = len(r.errors)
    file = _project_file(r, m.get("path"), f"{where}.path", content_path, places)
    if not file or len(r.errors) > errors:
        return None
    rel = m["path"].value
    try:
        width, height, notes = probed(file)
    except ImageProblem as exc:
        unusable = _("{key}: cannot use image '{path}': {problem} (looked at {file})")
        r.error(m["path"], unusable.format(key=f"{where}.path", path=rel, problem=exc, file=file))
        return None
    return Photo(
        str(file),
        caption,
        width,
        height,
        tuple(f"{r.where(m['path'])}: {where}.path '{rel}': {said(n)}" for n in notes),
    )


def _paragraphs(r: Reader, node: Node | None, what: str) -> list[str]:
    return [r.text(n, f"{what}[{i}]") for i, n in enumerate(r.sequence(node, what, 1))]


# ================================================================ layout

MIN_TYPE = 2.0  # pt: no type or line smaller than this is legible, and nothing of 0 can be set
EPS = 0.01  # pt: a region may touch the trim


def _at_least(r: Reader, node: Node | None, what: str, minimum: float) -> float:
    value = r.length(node, what, positive=True)
    if 0 < value < minimum:
        small = _("{what} must be at least {least} (got '{value}')")
        r.error(node, small.format(what=what, least=f"{minimum:g}pt", value=node.value))
        return minimum
    return value or minimum


def _child(node: Node | None, *keys: str) -> Node | None:
    """The node at a path of keys under a mapping node (for an error at the value that causes it)."""
    for key in keys:
        node = next(
            (v for k, v in getattr(node, "value", ()) if isinstance(v, Node) and getattr(k, "value", None) == key), None
        )
    return node


def _on_paper(r: Reader, node: Node, what: str, box: Box, trim: Box, sides: dict[str, Node | None]) -> None:
    """What is set must lie on the page: a region or rule beyond the trim would print off the paper. The error
    is at the value that puts it there (`sides`: the node that sets each edge), else at the mapping."""
    mm = 25.4 / 72
    beyond = [
        (side, amount)
        for side, amount in (
            ("left", trim.x - box.x),
            ("right", box.right - trim.right),
            ("bottom", trim.y - box.y),
            ("top", box.top - trim.top),
        )
        if amount > EPS
    ]
    if beyond:
        edges = {
            "left": _("{mm} mm beyond the left edge"),
            "right": _("{mm} mm beyond the right edge"),
            "bottom": _("{mm} mm beyond the bottom edge"),
            "top": _("{mm} mm beyond the top edge"),
        }
        text = _(", ").join(edges[side].format(mm=f"{amount * mm:.1f}") for side, amount in beyond)
        off = _("{what} lies off the page: {beyond} of the {width} × {height} mm trim")
        r.error(
            sides.get(beyond[0][0]) or node,
            off.format(what=what, beyond=text, width=f"{trim.width * mm:.0f}", height=f"{trim.height * mm:.0f}"),
        )


def load_layout(
    path: str | Path,
    allow: tuple[str | Path, ...] = (),
    root: str | Path | None = None,
    fonts_dir: str | Path | None = None,
) -> Layout:
    """`root`: the project folder (default: paths.project_root of the layout); `allow`: folders outside
    it that fonts may lie in (given on the command line); `fonts_dir`: the project's own faces (its
    settings), where a font not beside the layout is looked for by file name before the bundled set."""
    path = Path(path)
    places = Places(root if root is not None else project_root(path), allow, fonts_dir)
    r = Reader(path, "layout")
    root = r.compose()
    top = r.mapping(
        root,
        "layout",
        required=("page", "grid", "fonts", "colors", "styles", "regions"),
        optional=("name", "rules", "print", "overset"),
    )

    page = r.mapping(top.get("page"), "page", required=("width", "height", "margin"))
    width = r.length(page.get("width"), "page.width", positive=True)
    height = r.length(page.get("height"), "page.height", positive=True)
    margin = r.mapping(page.get("margin"), "page.margin", required=("top", "bottom", "left", "right"))
    mt, mb, ml, mr = (r.length(margin.get(k), f"page.margin.{k}") for k in ("top", "bottom", "left", "right"))
    trim = Box(0.0, 0.0, width, height)
    type_area = Box(ml, mb, width - ml - mr, height - mt - mb)
    if "width" in page and "height" in page and (type_area.width <= 0 or type_area.height <= 0):
        r.error(page.get("margin"), _("margins leave no type area"))

    grid = r.mapping(top.get("grid"), "grid", required=("columns", "gutter"))
    columns = r.integer(grid.get("columns"), "grid.columns", 1, 48)
    gutter = r.length(grid.get("gutter"), "grid.gutter")
    column_width = (type_area.width - (columns - 1) * gutter) / columns
    if "gutter" in grid and type_area.width > 0 and column_width <= 0:
        r.error(
            grid["gutter"], _("grid.gutter leaves no room for {count} columns in the type area").format(count=columns)
        )

    fonts = {}
    for name, node in r.dict_of(top.get("fonts"), "fonts").items():
        fonts[name] = _project_file(r, node, f"fonts.{name}", path, places, font=True)

    colors = {}
    for name, node in r.dict_of(top.get("colors"), "colors").items():
        parts = r.sequence(node, f"colors.{name}")
        if parts and len(parts) != 4:
            r.error(node, _("{key} must be four CMYK percentages [C, M, Y, K]").format(key=f"colors.{name}"))
        values = tuple(r.number(p, f"colors.{name}", 0, 100) for p in parts[:4])
        colors[name] = values if len(values) == 4 else (0.0, 0.0, 0.0, 100.0)

    styles = {}
    for name, node in r.dict_of(top.get("styles"), "styles").items():
        m = r.mapping(
            node,
            f"styles.{name}",
            required=("font", "size", "leading", "color"),
            optional=("tracking", "indent", "align", "fallback", "loose_limit", "max_squeezed"),
        )
        style = Style(
            name=name,
            font=_ref(r, m.get("font"), f"styles.{name}.font", fonts, "font"),
            size=_at_least(r, m.get("size"), f"styles.{name}.size", MIN_TYPE),
            leading=_at_least(r, m.get("leading"), f"styles.{name}.leading", MIN_TYPE),
            color=_ref(r, m.get("color"), f"styles.{name}.color", colors, "colour"),
            tracking=r.optional(
                m,
                "tracking",
                lambda n, name=name: r.number(n, f"styles.{name}.tracking", -0.5, 2),
                D["styles.*.tracking"],
            ),
            indent=r.optional(
                m, "indent", lambda n, name=name: r.number(n, f"styles.{name}.indent", 0, 10), D["styles.*.indent"]
            ),
            align=r.optional(
                m, "align", lambda n, name=name: r.choice(n, f"styles.{name}.align", ALIGNS), D["styles.*.align"]
            ),
            fallback=tuple(fonts[key] for key in _fallback(r, m, f"styles.{name}", fonts) if key in fonts),
            loose_limit=r.optional(
                m,
                "loose_limit",
                lambda n, name=name: r.number(n, f"styles.{name}.loose_limit", 0.01, 1),
                D["styles.*.loose_limit"],
            ),
            max_squeezed=r.optional(
                m,
                "max_squeezed",
                lambda n, name=name: r.integer(n, f"styles.{name}.max_squeezed", 0, 100),
                D["styles.*.max_squeezed"],
            ),
        )
        styles[name] = style

    ctx = _Ctx(
        r,
        type_area,
        columns,
        column_width,
        gutter,
        styles,
        colors,
        trim if "width" in page and "height" in page else None,
    )
    regions = {}
    for name, node in r.dict_of(top.get("regions"), "regions").items():
        region = _region(ctx, name, node)
        if region is None:
            continue
        twin = next((o for o in regions.values() if o.content == region.content), None)
        if twin:
            twice = _("{region} sets '{field}', which {other} sets already (a content field has one region)")
            r.error(node, twice.format(region=f"regions.{name}", field=region.content, other=f"regions.{twin.name}"))
        regions[name] = region

    rules = []
    for i, node in enumerate(r.sequence(top["rules"], "rules") if "rules" in top else []):
        m = r.mapping(node, f"rules[{i}]", required=("columns", "top", "weight", "color"))
        weight = r.length(m.get("weight"), f"rules[{i}].weight", positive=True)
        x, w = ctx.columns_x(m.get("columns"), f"rules[{i}].columns")
        y_top = type_area.top - r.length(m.get("top"), f"rules[{i}].top", negative=True)
        _on_paper(
            r,
            node,
            f"rules[{i}]",
            Box(x, y_top - weight, w, weight),
            trim,
            {"top": m.get("top"), "bottom": m.get("top")},
        )
        rules.append(
            Rule(Box(x, y_top - weight, w, weight), _ref(r, m.get("color"), f"rules[{i}].color", colors, "colour"))
        )

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
        spans=r.spans(root),
    )


class _Ctx:
    """What region parsing needs: the reader, the grid and the names defined so far."""

    def __init__(self, r, type_area, columns, column_width, gutter, styles, colors, trim=None):
        self.r, self.type_area, self.columns, self.trim = r, type_area, columns, trim
        self.column_width, self.gutter, self.styles, self.colors = column_width, gutter, styles, colors

    def columns_x(self, node: Node | None, what: str) -> tuple[float, float]:
        parts = self.r.sequence(node, what)
        if len(parts) != 2:
            wrong = _("{what} must be [first, last] grid columns (1 to {columns})")
            self.r.error(node, wrong.format(what=what, columns=self.columns))
            return self.type_area.x, self.type_area.width
        first = self.r.integer(parts[0], what, 1)
        last = self.r.integer(parts[1], what, 1)
        if not 1 <= first <= last <= self.columns:
            wrong = _("{what} must be [first, last] with 1 ≤ first ≤ last ≤ {columns} (got {got})")
            self.r.error(node, wrong.format(what=what, columns=self.columns, got=f"[{first}, {last}]"))
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
        every = ("content", "columns", "top", "height", "bottom") + tuple(
            k for keys in REGION_KEYS.values() for group in keys for k in group
        )
        r.mapping(node, where, required=("kind",), optional=tuple(dict.fromkeys(every)))
        return None
    kind = r.choice(kind_node, f"{where}.kind", tuple(REGION_KEYS))
    required, optional = REGION_KEYS[kind]
    m = r.mapping(
        node, where, required=("kind", "columns", "top") + required, optional=("content", "height", "bottom") + optional
    )
    content = (
        r.choice(m["content"], f"{where}.content", KIND_CONTENT[kind]) if "content" in m else KIND_CONTENT[kind][0]
    )
    x, width = ctx.columns_x(m.get("columns"), f"{where}.columns")
    top = ctx.type_area.top - r.length(m.get("top"), f"{where}.top", negative=True)
    if ("height" in m) == ("bottom" in m):
        r.error(node, _("{where} needs exactly one of 'height' or 'bottom'").format(where=where))
        bottom = top
    elif "height" in m:
        bottom = top - r.length(m["height"], f"{where}.height")
    else:
        bottom = ctx.type_area.y + r.length(m["bottom"], f"{where}.bottom", negative=True)
    if bottom >= top and ("height" in m) != ("bottom" in m):
        r.error(node, _("{where} has no height").format(where=where))
    box = Box(x, bottom, width, top - bottom)
    if ctx.trim:
        sides = {
            "top": m.get("top"),
            "bottom": m.get("bottom") or m.get("height"),
            "left": m.get("columns"),
            "right": m.get("columns"),
        }
        _on_paper(r, node, where, box, ctx.trim, sides)

    style = ctx.style(m["style"], f"{where}.style") if "style" in m else None
    frames = r.integer(m["frames"], f"{where}.frames", 1, 24) if "frames" in m else D["regions.*.frames"]
    frame_gap = r.length(m["frame_gap"], f"{where}.frame_gap") if "frame_gap" in m else D["regions.*.frame_gap"]
    em = ctx.styles[style].size if style in ctx.styles else 0.0
    measure = (box.width - (frames - 1) * frame_gap) / frames  # each frame: a whole number of ems (place/page.py)
    if em and measure < em:
        narrow = _(
            "{where}: {frames} frame(s) {gap} pt apart leave {measure} pt each, less than one em of style '{style}'"
            " ({em} pt)"
        )
        r.error(
            m.get("frames") or m.get("frame_gap") or node,
            narrow.format(
                where=where,
                frames=frames,
                gap=f"{frame_gap:.1f}",
                measure=f"{max(measure, 0):.1f}",
                style=style,
                em=f"{em:g}",
            ),
        )
    align = r.choice(m["align"], f"{where}.align", ALIGNS) if "align" in m else None
    valign = (
        r.choice(m["valign"], f"{where}.valign", ("top", "middle", "bottom"))
        if "valign" in m
        else D["regions.*.valign"]
    )

    headline = _headline_design(ctx, m, where, style) if kind == "display" and content == "headline" else None
    keyword = None
    if kind == "keyword":
        keyword = KeywordDesign(
            fill=ctx.color(m.get("fill"), f"{where}.fill"),
            label_style=ctx.style(m.get("label_style"), f"{where}.label_style"),
            number_style=ctx.style(m.get("number_style"), f"{where}.number_style"),
            word_style=ctx.style(m.get("word_style"), f"{where}.word_style"),
            padding=r.length(m.get("padding"), f"{where}.padding"),
        )
        if 2 * keyword.padding >= min(box.width, box.height) > 0:
            full = _("{key} leaves no room inside the panel ({width} × {height} pt)")
            r.error(
                m.get("padding"),
                full.format(key=f"{where}.padding", width=f"{box.width:.1f}", height=f"{box.height:.1f}"),
            )
    item = _item_design(ctx, m["item"], f"{where}.item") if "item" in m else None
    if item and em and measure >= em:
        head = ctx.styles.get(item.headline_style)
        text_width = math.floor(measure / em + 1e-6) * em - item.badge.diameter - item.badge_gap  # beside the badge
        if head and text_width < head.size:
            wider = ("badge_gap",) if item.badge_gap > item.badge.diameter else ("badge", "diameter")
            narrow = _(
                "{key}: badge ({badge} pt) and badge_gap ({gap} pt) leave {left} pt of the {measure} pt frame for the"
                " headline, less than one em of '{style}'"
            )
            r.error(
                _child(m["item"], *wider) or m["item"],
                narrow.format(
                    key=f"{where}.item",
                    badge=f"{item.badge.diameter:.1f}",
                    gap=f"{item.badge_gap:.1f}",
                    left=f"{max(text_width, 0):.1f}",
                    measure=f"{measure:.1f}",
                    style=item.headline_style,
                ),
            )
    fit = _fit_bounds(r, m["fit"], f"{where}.fit", kind == "items") if "fit" in m else None
    return Region(name, kind, content, box, style, frames, frame_gap, align, valign, item, keyword, fit, headline)


def _headline_design(ctx: _Ctx, m: dict, where: str, style: str | None) -> HeadlineDesign | None:
    """The headline region's block: `kicker_style` (引题), `subhead_style` (副题), and `sizes` the headline steps
    down through, largest first, before it takes more than `lines` lines (its style's size first when not given)."""
    r = ctx.r
    if not any(key in m for key in ("kicker_style", "subhead_style", "sizes", "lines")):
        return None
    kicker = ctx.style(m["kicker_style"], f"{where}.kicker_style") if "kicker_style" in m else None
    subhead = ctx.style(m["subhead_style"], f"{where}.subhead_style") if "subhead_style" in m else None
    sizes = tuple(
        _at_least(r, n, f"{where}.sizes[{k}]", MIN_TYPE)
        for k, n in enumerate(r.sequence(m["sizes"], f"{where}.sizes", 1) if "sizes" in m else ())
    )
    if list(sizes) != sorted(sizes, reverse=True):
        order = _("{key} must run from the largest size down (got {sizes})")
        r.error(m["sizes"], order.format(key=f"{where}.sizes", sizes=", ".join(f"{s:g}pt" for s in sizes)))
    lines = r.integer(m["lines"], f"{where}.lines", 1, 9) if "lines" in m else 2
    return HeadlineDesign(kicker, subhead, sizes, lines)


FIT_KEYS = ("looseness", "min_last_line", "tracking", "space_before", "photo_rows")  # the last two flex items only


def _fit_bounds(r: Reader, node: Node, where: str, items: bool) -> FitBounds:
    """`fit:` of a flowed region: what may flex so that its columns end flush (齐底)."""
    m = r.mapping(node, where, optional=FIT_KEYS)

    def pair(key, read):
        parts = r.sequence(m[key], f"{where}.{key}")
        if len(parts) != 2:
            r.error(m[key], _("{key} must be [least, most]").format(key=f"{where}.{key}"))
            return None
        low, high = (read(n) for n in parts)
        if low > high:
            wrong = _("{key}: least {low} is more than most {high}")
            r.error(m[key], wrong.format(key=f"{where}.{key}", low=low, high=high))
        return low, high

    space = (
        pair("space_before", lambda n: r.integer(n, f"{where}.space_before", 0, 20))
        if "space_before" in m
        else D["regions.*.fit.space_before"]
    )
    tracking = pair("tracking", lambda n: r.number(n, f"{where}.tracking", -0.1, 0.1)) if "tracking" in m else None
    return FitBounds(
        space_before=space,
        photo_rows=r.optional(
            m, "photo_rows", lambda n: r.integer(n, f"{where}.photo_rows", 0, 5), D["regions.*.fit.photo_rows"]
        ),
        looseness=r.optional(
            m, "looseness", lambda n: r.integer(n, f"{where}.looseness", 0, 3), D["regions.*.fit.looseness"]
        ),
        tracking=tracking or D["regions.*.fit.tracking"],
        min_last_line=r.optional(
            m,
            "min_last_line",
            lambda n: r.integer(n, f"{where}.min_last_line", 1, 20),
            D["regions.*.fit.min_last_line"],
        ),
    )


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
        diameter=r.length(b.get("diameter"), f"{where}.badge.diameter", positive=True),
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
        space_before=r.optional(
            m, "space_before", lambda n: r.integer(n, f"{where}.space_before", 0, 20), D["regions.*.item.space_before"]
        ),
        space_after_header=r.optional(
            m,
            "space_after_header",
            lambda n: r.integer(n, f"{where}.space_after_header", 0, 20),
            D["regions.*.item.space_after_header"],
        ),
        mirror=r.optional(m, "mirror", lambda n: r.boolean(n, f"{where}.mirror"), D["regions.*.item.mirror"]),
        rule=rule_color,
        rule_weight=rule_weight,
        image=_image_design(ctx, m["image"], f"{where}.image") if "image" in m else None,
    )


def _image_design(ctx: _Ctx, node: Node, where: str) -> ImageDesign:
    r = ctx.r
    m = r.mapping(
        node, where, required=("caption_style",), optional=("position", "rows", "caption_gap", "space", "min_ppi")
    )
    return ImageDesign(
        position=r.optional(
            m,
            "position",
            lambda n: r.choice(n, f"{where}.position", ("after_header", "after_body")),
            D["regions.*.item.image.position"],
        ),
        rows=r.optional(m, "rows", lambda n: r.integer(n, f"{where}.rows", 1, 100), D["regions.*.item.image.rows"]),
        caption_style=ctx.style(m.get("caption_style"), f"{where}.caption_style"),
        caption_gap=r.optional(
            m, "caption_gap", lambda n: r.length(n, f"{where}.caption_gap"), D["regions.*.item.image.caption_gap"]
        ),
        space=r.optional(m, "space", lambda n: r.integer(n, f"{where}.space", 0, 20), D["regions.*.item.image.space"]),
        min_ppi=r.optional(
            m, "min_ppi", lambda n: r.number(n, f"{where}.min_ppi", 0, 2400), D["regions.*.item.image.min_ppi"]
        ),
    )


def _overset_mark(ctx: _Ctx, node: Node | None, regions: dict[str, Region]) -> OversetMark:
    """`overset: {style, bar}`; by default the style of the first flowing region, and a bar as defaults.py says."""
    r = ctx.r
    m = r.mapping(node, "overset", optional=("style", "bar")) if node is not None else {}
    flows = [g.style for g in regions.values() if g.kind in ("flow", "items")] or [
        g.style for g in regions.values() if g.style
    ]
    style = (
        ctx.style(m["style"], "overset.style") if "style" in m else (flows[0] if flows else next(iter(ctx.styles), ""))
    )
    size = ctx.styles[style].size if style in ctx.styles else 0.0
    bar = r.optional(m, "bar", lambda n: r.length(n, "overset.bar", positive=True), size * D["overset.bar"])
    return OversetMark(style, bar)


def _print_settings(r: Reader, layout_path: Path, node: Node | None, places: Places) -> PrintSettings:
    """The `print:` section: PDF/X identification, ink limit, bleed and crop marks (newspaper defaults: none)."""
    keys = (
        "pdf_version",
        "output_condition",
        "registry_name",
        "icc_profile",
        "max_ink",
        "bleed",
        "crop_marks",
        "black_overprint",
    )
    m = r.mapping(node, "print", optional=keys) if node is not None else {}
    version = r.optional(
        m, "pdf_version", lambda n: r.choice(n, "print.pdf_version", ("1.3", "1.4")), D["print.pdf_version"]
    )
    icc = None
    if "icc_profile" in m:
        errors = len(r.errors)
        icc = _project_file(r, m["icc_profile"], "print.icc_profile", layout_path, places) or None
        if icc and len(r.errors) == errors:
            problem = icc_problem(Path(icc))
            if problem:
                r.error(m["icc_profile"], f"print.icc_profile: '{m['icc_profile'].value}' {problem}")
    marks_map = "crop_marks" in m and m["crop_marks"].id == "mapping"  # {length, offset, weight}: marks so drawn
    mark = r.mapping(m["crop_marks"], "print.crop_marks", optional=("length", "offset", "weight")) if marks_map else {}
    return PrintSettings(
        pdf_version=(1, int(version[-1])),
        output_condition=r.optional(
            m, "output_condition", lambda n: r.text(n, "print.output_condition"), D["print.output_condition"]
        ),
        registry_name=r.optional(
            m, "registry_name", lambda n: r.text(n, "print.registry_name"), D["print.registry_name"]
        ),
        icc_profile=icc,
        max_ink=r.optional(m, "max_ink", lambda n: r.number(n, "print.max_ink", 0, 400), D["print.max_ink"]),
        bleed=r.optional(m, "bleed", lambda n: r.length(n, "print.bleed"), D["print.bleed"]),
        crop_marks=marks_map
        or r.optional(
            m,
            "crop_marks",
            lambda n: r.boolean(n, "print.crop_marks (or {length, offset, weight})"),
            D["print.crop_marks"],
        ),
        black_overprint=r.optional(
            m, "black_overprint", lambda n: r.boolean(n, "print.black_overprint"), D["print.black_overprint"]
        ),
        mark_length=r.optional(
            mark, "length", lambda n: r.length(n, "print.crop_marks.length"), D["print.crop_marks.length"]
        ),
        mark_offset=r.optional(
            mark, "offset", lambda n: r.length(n, "print.crop_marks.offset"), D["print.crop_marks.offset"]
        ),
        mark_weight=r.optional(
            mark, "weight", lambda n: r.length(n, "print.crop_marks.weight"), D["print.crop_marks.weight"]
        ),
    )


def _fallback(r: Reader, m: dict, where: str, fonts: dict) -> list[str]:
    """`fallback: song` or `fallback: [song, hei]`: the faces, by font key, that set a character the style's font
    lacks."""
    node = m.get("fallback")
    if node is None:
        return []
    items = r.sequence(node, f"{where}.fallback") if isinstance(node.value, list) else [node]
    keys = [_ref(r, item, f"{where}.fallback", fonts, "font") for item in items]
    own = m.get("font")
    for item, key in zip(items, keys):
        if own is not None and key == own.value:
            r.error(item, _("{key}: '{font}' is the style's own font").format(key=f"{where}.fallback", font=key))
    return keys


MAX_ICC_BYTES = 16_000_000  # a press profile is 0.5-3 MB


def icc_problem(path: Path) -> str | None:
    """Why a file is not an ICC output profile PDF/X can carry, or None: the 128-byte header (ICC.1:2010 7.2),
    its size field equal to the file's size, and a tag table whose every tag lies inside the file."""
    import struct

    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ICC_BYTES + 1)
    except OSError as exc:
        return _("cannot be read ({reason})").format(reason=exc.strerror)
    if len(data) > MAX_ICC_BYTES:
        return _("is over {most} bytes (not a press profile)").format(most=f"{MAX_ICC_BYTES:,}")
    if len(data) < 132 or data[36:40] != b"acsp":
        return _("is not an ICC profile (no 'acsp' signature)")
    if data[12:16] != b"prtr" or data[16:20] not in (b"CMYK", b"GRAY"):  # PDF/X output intent: an output profile
        wrong = _("is a '{kind}' profile; PDF/X needs a CMYK output profile ('prtrCMYK')")
        return wrong.format(kind=data[12:20].decode("latin-1"))
    size, count = struct.unpack_from(">I", data, 0)[0], struct.unpack_from(">I", data, 128)[0]
    if size != len(data):
        damaged = _("is damaged: its header gives {size} bytes, the file has {length}")
        return damaged.format(size=f"{size:,}", length=f"{len(data):,}")
    if count == 0 or 132 + 12 * count > size:
        return _("is damaged: a table of {count} tags does not fit the file").format(count=f"{count:,}")
    tags = set()
    for i in range(count):
        sig, offset, length = struct.unpack_from(">4sII", data, 132 + 12 * i)
        if offset < 128 or offset + length > size:
            return _("is damaged: tag '{tag}' lies outside the file").format(tag=sig.decode("latin-1"))
        tags.add(sig)
    if not {b"desc", b"A2B0", b"wtpt"} <= tags and not (data[16:20] == b"GRAY" and b"kTRC" in tags):
        return _("lacks the tags of an output profile (desc, wtpt, A2B0)")
    return None


UNKNOWN = {  # a name the layout does not define, by what it names
    "style": N_("{what}: unknown style '{name}'"),
    "font": N_("{what}: unknown font '{name}'"),
    "colour": N_("{what}: unknown colour '{name}'"),
}


def _ref(r: Reader, node: Node | None, what: str, names: dict, kind: str) -> str:
    """A name that must be defined elsewhere in the layout (a style, font or colour)."""
    value = r.text(node, what)
    if value and value not in names:
        import difflib  # only for a mistyped name (an error)

        hint = difflib.get_close_matches(value, list(names), n=1)
        if hint:
            tip = _("; did you mean '{name}'?").format(name=hint[0])
        else:
            tip = _(" (defined: {names})").format(names=", ".join(names) or _("none"))
        r.error(node, _(UNKNOWN[kind]).format(what=what, name=value) + tip)
    return value


def _project_file(r: Reader, node: Node | None, what: str, yaml_path: Path, places: Places, font: bool = False) -> str:
    """A file named in a YAML file (paths.py): beside that file, else from the project folder (a layout in
    layout/ names `fonts/…`, `profiles/…`), inside the places a build may read; a font found in neither
    comes from the bundled set by its file name."""
    rel = r.text(node, what)
    if not rel:
        return ""
    candidates = [beside(yaml_path, rel), from_root(places.root, rel)]
    if font and places.fonts is not None:
        candidates.append(places.fonts / Path(rel).name)
    candidates = list(dict.fromkeys(candidates))
    file = next((c for c in candidates if c.exists()), candidates[0])
    fallback = bundled_font(rel) if font and not file.exists() else None
    if fallback is not None:
        return str(fallback)
    if not places.admits(file):
        r.error(node, f"{what}: {places.refusal(rel)}")
    elif not file.is_file():
        if file.exists():
            wrong = _("{what}: file '{path}' is not a regular file (a folder, FIFO or device) (looked at {looked})")
        else:
            wrong = _("{what}: file '{path}' not found (looked at {looked})")
        looked = _(" or ").join(map(str, candidates)) + (_(" or among the bundled fonts") if font else "")
        r.error(node, wrong.format(what=what, path=rel, looked=looked))
    return str(file)
