"""Walks one page's content as a RIP would paint it: every operator of its content streams and of the form
XObjects, tiling and shading patterns and Type 3 glyph procedures they use, each with its own matrix (form
/Matrix, pattern /Matrix, FontMatrix × text matrix × CTM) and resources, under a graphics-state stack that keeps
the colours, overprint, line width, clip, text state and the layer (optional content) being painted.

Each painting operator becomes one object handed to marks.py (fill, stroke, text run, image, inline image,
shading) with its box on the page; the walk itself reports what belongs to the operators: fonts (embedding,
glyph coverage, widths, Type 3), ExtGState transparency, transfer functions and halftones, XObject kinds.
The walk is bounded: MAX_CONTENT decompressed bytes a page and MAX_DOCUMENT_CONTENT a document (forms and
patterns counted each time they are drawn, a glyph procedure once a page), forms nested MAX_FORM_DEPTH deep.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pikepdf
from pikepdf import Name

from ...i18n import N_, _, ngettext
from ...pressrules import MM
from ..pdfread import stream_size
from . import images, shadings
from .colour import BLACK, Colour, resolve
from .document import Layer, layer_of
from .fonts import Font, ProgramError
from .geometry import IDENTITY, Box, Matrix, apply, bounds, grow, intersect, multiply, scale, transform
from .ink import InkMap
from .marks import Marks
from .pages import Frame
from .report import Report

MAX_FORM_DEPTH = 12
MAX_CONTENT = 2 * 2**20  # decompressed bytes of content walked per page, forms and patterns included
MAX_DOCUMENT_CONTENT = 16 * 2**20  # and in the whole document (1,000 pages of our kind of page are 2 MB)
MAX_SEGMENTS = 64  # a stroke with more segments is measured on its whole box
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
UNIT_SQUARE: Box = (0.0, 0.0, 1.0, 1.0)


@dataclass
class State:
    """The graphics state (ISO 32000-1 §8.4) as far as the plates care."""

    ctm: Matrix = IDENTITY
    clip: Box = (-math.inf, -math.inf, math.inf, math.inf)
    fill: Colour = BLACK
    stroke: Colour = BLACK
    op_fill: bool = False
    op_stroke: bool = False
    opm: int = 0
    line_width: float = 1.0
    font: Font | None = None
    font_size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    h_scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0
    glyph: bool = False  # inside a Type 3 glyph procedure: its paths are type, not lines
    uncoloured: bool = False  # colour operators are ignored (a d1 glyph, an uncoloured pattern's cell)
    layer: Layer | None = None  # the optional content a form is drawn in

    def copy(self) -> State:
        return replace(self)


@dataclass
class Document:
    """What the walks of all pages share: the report, fonts read once, layers, the document's budget."""

    pdf: pikepdf.Pdf
    report: Report
    layers: dict
    limit: int  # decompressed content bytes the whole walk may read (MAX_DOCUMENT_CONTENT)
    fonts: dict = field(default_factory=dict)  # objgen -> Font
    parsed: dict = field(default_factory=dict)  # objgen of a glyph procedure -> its operators

    def __post_init__(self):
        self.budget = self.limit

    def font(self, obj, name) -> Font:
        key = obj.objgen
        if key == (0, 0):
            return Font(obj, str(name))
        if key not in self.fonts:
            self.fonts[key] = Font(obj, str(name))
        return self.fonts[key]


@dataclass
class Path:
    """The current path in page space: its points, its segments' boxes, whether it is one rectangle."""

    points: list = field(default_factory=list)
    segments: list = field(default_factory=list)
    start: tuple | None = None
    current: tuple | None = None
    rectangles: int = 0
    curves: bool = False

    def to(self, *points) -> None:
        if self.current is not None:
            self.segments.append(bounds([self.current, *points]))
        else:
            self.start = points[0]
        self.points.extend(points)
        self.current = points[-1]

    def move(self, point) -> None:
        self.points.append(point)
        self.start = self.current = point

    def close(self) -> None:
        if self.current is not None and self.start is not None and self.current != self.start:
            self.segments.append(bounds([self.current, self.start]))
            self.current = self.start


class Walker:
    """One page's walk; `marks` holds its painted objects' findings and ink."""

    def __init__(self, document: Document, where: str, frame: Frame):
        self.document, self.where, self.frame = document, where, frame
        self.marks = Marks(document.report, where, frame)
        self.page_budget = MAX_CONTENT
        self.painted = 0  # painting operators met
        self.fonts_seen: set = set()
        self.glyphs_walked: set = set()  # glyph procedures charged to the budget on this page
        self.patterns: dict = {}  # tiling pattern objgen -> (inks, percent, thin) of its cell

    def add(self, code: str, message: str, where: str | None = None, box: Box | None = None, key=None):
        return self.marks.add(code, message, where, box, key)

    # -- bounds
    def charge(self, stream, where: str | None, once: bool = False) -> bool:
        """Take a stream's decompressed size from the budgets; False (and a finding) when they run out."""
        if once:
            if stream.objgen in self.glyphs_walked:
                return True
            self.glyphs_walked.add(stream.objgen)
        size = _content_size(stream)
        self.page_budget -= size
        self.document.budget -= size
        if self.page_budget >= 0 and self.document.budget >= 0:
            return True
        self.painted += 1  # unknown, not empty
        on_page = self.page_budget < 0
        limit = MAX_CONTENT if on_page else self.document.limit
        amount = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit} bytes"
        if on_page:
            over = _("more than {amount} of content on the page: the rest was not checked")
        else:
            over = _("more than {amount} of content in the document: the rest was not checked")
        self.add("content", over.format(amount=amount), where)
        return False

    def operators(self, stream, glyph: bool) -> list:
        """A stream's operators; a glyph procedure's (walked at each of its glyphs) parsed once for the document."""
        key = stream.objgen
        if not glyph or key == (0, 0):
            return pikepdf.parse_content_stream(stream)
        if key not in self.document.parsed:
            self.document.parsed[key] = pikepdf.parse_content_stream(stream)
        return self.document.parsed[key]

    # -- the walk
    def run(
        self,
        stream,
        resources,
        state: State,
        where: str | None = None,
        depth: int = 0,
        base: Matrix = IDENTITY,
        glyph: bool = False,
    ) -> None:
        """Walk `stream` (a page, form, pattern or glyph procedure) with `resources`; `base`: the matrix of its
        default space (a pattern's /Matrix maps onto it)."""
        if depth > MAX_FORM_DEPTH:
            deep = _("forms nested deeper than {most} levels (a loop?) were not checked")
            self.add("content", deep.format(most=MAX_FORM_DEPTH), where)
            return
        if not self.charge(stream, where, once=glyph):
            return
        resources = resources if isinstance(resources, pikepdf.Dictionary) else pikepdf.Dictionary()
        stack: list[State] = []
        marked: list[Layer | None] = []
        tm = tlm = IDENTITY
        path, clip_next = Path(), False
        for operands, op in self.operators(stream, glyph):
            op = str(op)
            nums = [float(o) for o in operands if isinstance(o, (int, float, Decimal))]
            ctm = state.ctm
            if op == "m" and len(nums) >= 2:
                path.move(apply(ctm, nums[0], nums[1]))
            elif op == "l" and len(nums) >= 2:
                path.to(apply(ctm, nums[0], nums[1]))
            elif op in ("c", "v", "y") and len(nums) >= 4:
                path.curves = True
                path.to(*(apply(ctm, nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2)))
            elif op == "re" and len(nums) == 4:
                x, y, w, h = nums
                corners = [apply(ctm, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
                path.move(corners[0])
                path.to(corners[1])
                path.to(corners[2])
                path.to(corners[3])
                path.close()
                path.rectangles += 1
            elif op == "h":
                path.close()
            elif op in FILLS or op in STROKES or op == "n":
                if path.points:
                    box = bounds(path.points)
                    layer = _layer(marked, state)
                    if op != "n":
                        self.paint_path(op, path, box, state, where, resources, depth, base, layer)
                    if clip_next:
                        state.clip = intersect(state.clip, box) or (box[0], box[1], box[0], box[1])
                path, clip_next = Path(), False
            elif op in ("W", "W*"):
                clip_next = True
            elif op == "q":
                stack.append(state.copy())
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm" and len(nums) == 6:
                state.ctm = multiply(tuple(nums), ctm)
            elif op == "w" and nums:
                state.line_width = nums[0]
            elif op in ("g", "rg", "k", "G", "RG", "K", "cs", "CS", "sc", "scn", "SC", "SCN"):
                self.set_colour(op, operands, nums, state, resources, where)
            elif op == "gs" and operands:
                self.ext_gstate((resources.get("/ExtGState") or {}).get(operands[0]), state, where)
            elif op == "sh" and operands:
                shading = (resources.get("/Shading") or {}).get(operands[0])
                if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)):
                    region = intersect(state.clip, self.frame.media) or self.frame.media
                    self.shade(shading, ctm, region, state, resources, where, _layer(marked, state))
            elif op in ("d0", "d1"):
                state.uncoloured = op == "d1"
            elif op == "BDC" and len(operands) == 2:
                marked.append(self.marked_layer(operands, resources))
            elif op == "BMC":
                marked.append(None)
            elif op == "EMC" and marked:
                marked.pop()
            elif op == "Do" and operands:
                xobj = (resources.get("/XObject") or {}).get(operands[0])
                self.xobject(xobj, operands[0], resources, state, where, depth, _layer(marked, state))
            elif op == "INLINE IMAGE":
                self.inline_image(operands[0], resources, state, where, _layer(marked, state))
            # -- text state and text
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tf" and len(operands) == 2:
                font = (resources.get("/Font") or {}).get(operands[0])
                state.font = self.document.font(font, operands[0]) if isinstance(font, pikepdf.Dictionary) else None
                state.font_size = float(operands[1])
            elif op == "Tc" and nums:
                state.char_spacing = nums[0]
            elif op == "Tw" and nums:
                state.word_spacing = nums[0]
            elif op == "Tz" and nums:
                state.h_scale = nums[0] / 100
            elif op == "TL" and nums:
                state.leading = nums[0]
            elif op == "Ts" and nums:
                state.rise = nums[0]
            elif op == "Tr" and nums:
                state.render = int(nums[0])
            elif op == "Tm" and len(nums) == 6:
                tm = tlm = tuple(nums)
            elif op in ("Td", "TD", "T*", "'", '"'):
                if op == "TD" and len(nums) >= 2:
                    state.leading = -nums[1]
                dx, dy = (nums[0], nums[1]) if op in ("Td", "TD") and len(nums) >= 2 else (0.0, -state.leading)
                tm = tlm = multiply((1, 0, 0, 1, dx, dy), tlm)
                if op == '"' and len(nums) >= 2:
                    state.word_spacing, state.char_spacing = nums[0], nums[1]
            if op in ("Tj", "TJ", "'", '"') and operands:
                tm = self.show(operands[-1], state, tm, resources, where, depth, _layer(marked, state))

    # -- painting
    def painting(self, box: Box, where: str | None, layer: Layer | None) -> None:
        """Every painted object: counted; the first in a layer reports the layer there."""
        self.painted += 1
        if layer is not None and not layer.reported:
            layer.reported = True
            self.add("optional-content", layer.message(), where, box)

    def paint_path(self, op, path: Path, box: Box, state: State, where, resources, depth, base, layer) -> None:
        self.painting(box, where, layer)
        what = "glyph" if state.glyph else None
        if op in FILLS:
            one_rectangle = path.rectangles == 1 and not path.curves and len(path.points) == 4
            rule = min(box[2] - box[0], box[3] - box[1]) if one_rectangle else None  # a rule drawn as a fill
            if state.fill.pattern is not None:
                self.pattern_fill(state.fill, box, state, where, resources, depth, base)
            else:
                self.marks.path(
                    box,
                    [box],
                    state.fill,
                    state.op_fill,
                    state.opm,
                    where,
                    state.clip,
                    what or "shape",
                    rule,
                    thin=self.glyph_thin(state),
                )
        if op in STROKES:
            width = state.line_width * scale(state.ctm)
            grown = grow(box, width / 2)
            segments = path.segments if 0 < len(path.segments) <= MAX_SEGMENTS else [box]
            pieces = [grow(s, width / 2) for s in segments]
            thin = self.glyph_thin(state) or (N_("line under 1 mm wide") if width < MM else "")
            self.marks.path(
                grown,
                pieces,
                state.stroke,
                state.op_stroke,
                state.opm,
                where,
                state.clip,
                what or "line",
                width,
                thin=thin,
            )

    @staticmethod
    def glyph_thin(state: State) -> str:
        return N_("Type 3 glyph") if state.glyph else ""

    def set_colour(self, op: str, operands, nums, state: State, resources, where) -> None:
        if state.uncoloured:
            return
        stroke = op.isupper()
        old = state.stroke if stroke else state.fill
        if op.lower() in ("g", "rg", "k"):
            space = resolve(Name({"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}[op.lower()]), resources)
            colour = Colour(space, tuple(nums), source=op)
        elif op.lower() == "cs":
            space = resolve(operands[0], resources) if operands else old.space
            colour = Colour(space, space.initial(), source=op)
        else:
            pattern = operands[-1] if operands and isinstance(operands[-1], Name) else None
            colour = Colour(old.space, tuple(nums), pattern, source=old.source)
        if stroke:
            state.stroke = colour
        else:
            state.fill = colour
        self.marks.colour_set(colour, where)

    def marked_layer(self, operands, resources) -> Layer | None:
        """The layer a `/OC /Name BDC` marks (None for other marked content)."""
        if operands[0] != Name.OC:
            return None
        props = operands[1]
        if isinstance(props, Name):
            props = (resources.get("/Properties") or {}).get(props)
        return layer_of(props, self.document.layers)

    # -- graphics state parameters
    def ext_gstate(self, gs, state: State, where) -> None:
        if not isinstance(gs, pikepdf.Dictionary):
            return
        if "/OP" in gs:
            state.op_stroke = state.op_fill = bool(gs.OP)
        if "/op" in gs:
            state.op_fill = bool(gs.op)
        if "/OPM" in gs:
            state.opm = int(gs.OPM)
        if "/LW" in gs:
            state.line_width = float(gs.LW)
        if (
            gs.get("/SMask", Name("/None")) != Name("/None")
            or float(gs.get("/CA", 1)) < 1
            or float(gs.get("/ca", 1)) < 1
            or gs.get("/BM", Name.Normal) not in (Name.Normal, Name.Compatible)
        ):
            self.add("transparency", _("transparency (soft mask, alpha or blend mode in an ExtGState)"), where)
        if "/TR" in gs or "/TR2" in gs and gs.TR2 != Name.Default:
            self.add("transfer-function", _("transfer function in an ExtGState (not allowed in PDF/X-1a)"), where)
        halftone = gs.get("/HT")
        if isinstance(halftone, (pikepdf.Dictionary, pikepdf.Stream)):
            parts = [halftone, *(v for v in halftone.values() if isinstance(v, (pikepdf.Dictionary, pikepdf.Stream)))]
            if any("/HalftoneName" in part for part in parts):
                self.add("halftone-name", _("halftone with /HalftoneName (PDF/X-1a forbids it)"), where)

    # -- shadings and patterns
    def shade(self, shading, to_page: Matrix, region: Box, state: State, resources, where, layer) -> None:
        """A shading painted over `region` (the clip, for `sh`; the filled path, for a shading pattern)."""
        space = resolve(shading.get("/ColorSpace", Name.DeviceGray), resources)
        samples, extent = shadings.sample(shading, space, to_page, region)
        box = intersect(region, extent) if extent else region
        if box is None:
            return
        self.painting(box, where, layer)
        self.marks.shading(box, space, samples, where, state.clip)

    def pattern_fill(self, colour: Colour, box: Box, state: State, where, resources, depth, base) -> None:
        pattern = (resources.get("/Pattern") or {}).get(colour.pattern)
        if not isinstance(pattern, (pikepdf.Dictionary, pikepdf.Stream)):
            return
        matrix = multiply(tuple(float(v) for v in pattern.get("/Matrix", IDENTITY)), base)
        place = f"{where or self.where}, pattern {colour.pattern}"
        if int(pattern.get("/PatternType", 1)) == 2:
            shading = pattern.get("/Shading")
            if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)):
                self.shade(shading, matrix, intersect(box, state.clip) or box, state, resources, place, None)
            return
        if not isinstance(pattern, pikepdf.Stream):
            return
        if pattern.objgen not in self.patterns or pattern.objgen == (0, 0):
            self.patterns[pattern.objgen] = self.tiling_cell(pattern, colour, matrix, place, depth)
        inks, percent, thin = self.patterns[pattern.objgen]
        if inks:
            self.marks.lay(box, inks, None, None, state.clip, peak=percent, thin=thin)

    def tiling_cell(self, pattern, colour: Colour, matrix: Matrix, place: str, depth: int):
        """Walk a tiling pattern's cell once (its findings placed at its first tile) on an ink map of its own:
        (the inks of its most inked area, their total, why they are tolerated)."""
        cell = State(ctm=matrix)
        if int(pattern.get("/PaintType", 1)) == 2 and colour.space.base is not None:
            cell.fill = cell.stroke = Colour(colour.space.base, colour.values, source=colour.source)
            cell.uncoloured = True
        # the first tile may lie anywhere, in the slug too: in the cell, everything is held to the rules
        everywhere = replace(self.frame, bleed=(-math.inf, -math.inf, math.inf, math.inf))
        page = self.marks.frame, self.marks.ink
        self.marks.frame, self.marks.ink = everywhere, InkMap(everywhere.bleed)
        try:
            self.run(pattern, pattern.get("/Resources"), cell, place, depth + 1, matrix)
            cell_ink = self.marks.ink
        finally:
            self.marks.frame, self.marks.ink = page
        if not cell_ink.areas:
            return {}, 0.0, ""
        _, inks = max(cell_ink.areas, key=lambda area: sum(area[1].values()))
        return inks, sum(inks.values()), "" if cell_ink.counted.percent >= 0 else "pattern of small objects"

    # -- XObjects
    def xobject(self, xobj, name, resources, state: State, where, depth, layer) -> None:
        if not isinstance(xobj, pikepdf.Stream):
            return
        subtype = xobj.get("/Subtype")
        place = f"{where or self.where}, {str(subtype or '')[1:].lower()} {name}"
        if subtype == Name.PS or xobj.get("/Subtype2") == Name.PS:
            self.painting(None, place, None)
            postscript = _("PostScript XObject (PDF/X forbids it): it has no place a preflight can know")
            self.add("postscript", postscript, place)
            return
        if "/OC" in xobj:
            layer = layer_of(xobj.OC, self.document.layers) or layer
        if subtype == Name.Form:
            inner = state.copy()
            inner.ctm = multiply(tuple(float(v) for v in xobj.get("/Matrix", IDENTITY)), state.ctm)
            inner.layer = layer
            box = transform(tuple(float(v) for v in xobj.get("/BBox", UNIT_SQUARE)), inner.ctm)
            inner.clip = intersect(inner.clip, box) or box
            if "/OPI" in xobj:
                self.add("image-forbidden", _("OPI reference (PDF/X-1a needs the real image)"), place, box)
            group = xobj.get("/Group")
            if isinstance(group, pikepdf.Dictionary) and group.get("/S") == Name.Transparency:
                self.add("transparency", _("transparency group"), place, box)
            self.run(xobj, xobj.get("/Resources", resources), inner, place, depth + 1, inner.ctm)
        elif subtype == Name.Image:
            self.image(xobj, resources, state, place, layer, N_("image"))

    def image(self, image: pikepdf.Stream, resources, state: State, place: str, layer, kind: str) -> None:
        """An image XObject, or an inline image made a stream: its kind (in English: N_), colour, resolution and
        ink."""
        box = transform(UNIT_SQUARE, state.ctm)
        self.painting(box, place, layer)
        if "/OPI" in image:
            self.add("image-forbidden", _("OPI reference (PDF/X-1a needs the real image)"), place, box)
        if "/SMask" in image or "/SMaskInData" in image and int(image.SMaskInData):
            self.add("transparency", _("{kind} with a soft mask (transparency)").format(kind=_(kind)), place, box)
        if "/Alternates" in image:
            self.add("image-forbidden", _("image /Alternates (not allowed in PDF/X)"), place, box)
        bits = int(image.get("/BitsPerComponent", 1 if image.get("/ImageMask", False) else 8))
        if bits == 16:
            deep = _("16-bit {kind} (PDF 1.3 allows at most 8 bits per component)")
            self.add("image-16-bit", deep.format(kind=_(kind)), place, box)
        if image.get("/ImageMask", False):  # a stencil: the fill colour through it
            fill = state.fill
            self.marks.colour(fill, place, box)
            if fill.inks is not None:
                self.marks.lay(box, fill.inks, fill.written(state.op_fill, state.opm), None, state.clip)
            return
        space = resolve(image.get("/ColorSpace", Name.DeviceGray), resources)
        self.marks.colour(Colour(space, (), source=kind), place, box)
        resolution = images.ppi(int(image.get("/Width", 0)), int(image.get("/Height", 0)), state.ctm)
        measured = images.peak(image, space, resolution)
        self.marks.image(box, place, resolution if bits > 1 else None, measured, state.clip)

    def inline_image(self, inline, resources, state: State, where, layer) -> None:
        # its data as written: pikepdf's unparse() gives "BI\n<keys>\nID\n<data>EI" in every version we support
        data = inline.unparse().partition(b"\nID\n")[2][:-2]
        stream = pikepdf.Stream(self.document.pdf, data, inline.obj)
        if stream_size(stream, images.MAX_INK_IMAGE + 1) > images.MAX_INK_IMAGE:
            stream = pikepdf.Stream(self.document.pdf, b"", inline.obj)  # placed and checked, not decoded
        self.image(stream, resources, state, where or self.where, layer, N_("inline image"))

    # -- fonts and text
    def font(self, font: Font, where, box: Box) -> None:
        """A font's kind and embedding, reported at the first text a page shows in it."""
        if id(font) in self.fonts_seen:
            return
        self.fonts_seen.add(id(font))
        if font.type3:
            type3 = _(
                "Type 3 font {font}: its glyphs are drawings (no hinting, their own colours), not type a RIP renders as"
                " such"
            )
            self.add("type3-font", type3.format(font=font.name), where, box)
        elif not font.embedded:
            self.add("font-not-embedded", _("font {font} is not embedded").format(font=font.name), where, box)
        elif isinstance(font.program, ProgramError):
            unreadable = _(
                "font {font}: its embedded program cannot be read ({problem}): a RIP may print none of its glyphs"
            )
            self.add("glyph-missing", unreadable.format(font=font.name, problem=font.program.why[:80]), where, box)

    def show(self, operand, state: State, tm: Matrix, resources, where, depth, layer) -> Matrix:
        """A text-showing operator: its run checked as text, its codes against the font program, its Type 3
        glyphs walked; returns the text matrix advanced past the run."""
        font = state.font
        if font is None:
            return tm
        size, h_scale = state.font_size, state.h_scale
        advance_unit = font.matrix[0]
        glyphs, x = [], 0.0
        for part in operand if isinstance(operand, pikepdf.Array) else [operand]:
            if isinstance(part, pikepdf.String):
                for code, length in font.codes(bytes(part)):
                    glyphs.append((code, x))
                    spacing = state.char_spacing + (state.word_spacing if length == 1 and code == 32 else 0.0)
                    x += (font.width(code) * advance_unit * size + spacing) * h_scale
            elif isinstance(part, (int, float, Decimal)):
                x -= float(part) / 1000 * size * h_scale
        user = multiply(tm, state.ctm)
        if state.render in (3, 7) or not glyphs:  # invisible or clip-only text prints nothing
            return multiply((1, 0, 0, 1, x, 0), tm)
        low, high = (v * font.matrix[3] * size + state.rise for v in font.vertical)
        box = transform((0.0, min(low, high), max(x, 0.0), max(low, high)), user)
        self.painting(box, where, layer)
        self.font(font, where, box)
        stroke = state.render in (1, 5)
        colour = state.stroke if stroke else state.fill
        overprint = state.op_stroke if stroke else state.op_fill
        points = size * scale(font.matrix) / 0.001 * scale(user)
        self.marks.text(box, points, colour, overprint, state.opm, where, state.clip, paints=not font.type3)
        self.glyph_problems(font, glyphs, x, low, high, user, where)
        if font.type3:
            for code, gx in glyphs:
                self.type3_glyph(font, code, gx, state, tm, resources, where, depth)
        return multiply((1, 0, 0, 1, x, 0), tm)

    def glyph_problems(self, font: Font, glyphs, end: float, low: float, high: float, user: Matrix, where) -> None:
        """Codes the program has no glyph for (an error naming the text, at the first such glyph) and widths that
        are not the program's (a warning): one finding a font a page, counting the runs."""
        checks = [(code, gx, font.check(code)) for code, gx in glyphs]
        missing = [(code, gx) for code, gx, found in checks if found == "missing"]
        text = "".join(font.text(code) or "\ufffd" for code, _ in glyphs).strip()
        if len(text) > 40:
            text = text[:39] + "…"
        if missing:
            code, gx = missing[0]
            nexts = [g for _, g in glyphs if g > gx]
            box = transform((gx, min(low, high), min(nexts) if nexts else end, max(low, high)), user)
            names = ", ".join(dict.fromkeys(_character(font, c) for c, _ in missing[:8]))
            blank = ngettext(
                "font {font} has no glyph for {names} in “{text}”: it prints blank",
                "font {font} has no glyph for {names} in “{text}”: they print blank",
                len(missing),
            )
            self.add(
                "glyph-missing",
                blank.format(font=font.name, names=names, text=text),
                where,
                box,
                key=(id(font), "missing"),
            )
        wrong = next(((code, found) for code, _, found in checks if isinstance(found, tuple)), None)
        if wrong is not None:
            code, (pdf, program) = wrong
            widths = _(
                "font {font}: {character} is {pdf}/1000 em wide in the PDF but {program} in its program (“{text}”): the"
                " text is spaced for other glyphs"
            )
            self.add(
                "glyph-width",
                widths.format(
                    font=font.name,
                    character=_character(font, code),
                    pdf=f"{pdf:g}",
                    program=f"{program:.0f}",
                    text=text,
                ),
                where,
                transform((0.0, min(low, high), max(end, 0.0), max(low, high)), user),
                key=(id(font), "width"),
            )

    def type3_glyph(self, font: Font, code: int, gx: float, state: State, tm: Matrix, resources, where, depth):
        name, proc = font.charproc(code)
        if proc is None:
            return
        size = state.font_size
        rendering = multiply((size * state.h_scale, 0, 0, size, 0, state.rise), multiply((1, 0, 0, 1, gx, 0), tm))
        glyph = state.copy()
        glyph.ctm = multiply(font.matrix, multiply(rendering, state.ctm))
        glyph.glyph, glyph.font = True, None
        place = f"{where or self.where}, Type 3 glyph /{name} of {font.name}"
        own = font.obj.get("/Resources")
        self.run(proc, own if own is not None else resources, glyph, place, depth + 1, glyph.ctm, glyph=True)


def _character(font: Font, code: int) -> str:
    text = font.text(code)
    if text and text.isprintable():
        return f"'{text}' ({' '.join(f'U+{ord(c):04X}' for c in text)})"
    return _("code {code}").format(code=f"{code:#04x}")


def _layer(marked: list, state: State) -> Layer | None:
    return next((layer for layer in reversed(marked) if layer is not None), state.layer)


def _content_size(owner) -> int:
    """Decompressed size of a page's /Contents (a stream or an array of them), or of a form's or pattern's stream."""
    if isinstance(owner, pikepdf.Stream):
        return stream_size(owner, MAX_CONTENT + 1)
    contents = owner.get("/Contents")
    parts = contents if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    return sum(stream_size(part, MAX_CONTENT + 1) for part in parts if isinstance(part, pikepdf.Stream))
