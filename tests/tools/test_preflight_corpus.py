"""The plant's corpus: one generated PDF per defect (the categories of issues 14 and 25), each with the finding it
must give in each profile and where, and clean controls that must pass both profiles with no error and no warning.

Positions are the convention of report.py: the top-left corner of the object's box, mm from the trim's top-left.
Text's box is its em boxes (0.8 em above the baseline); `at(x, y)` in the content is a PDF point given in mm from
the trim's top-left, so a rectangle drawn at at(x, y) with height h has its top-left at (x, y − h).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from hengyang_print.cli.main import main
from hengyang_print.tools.preflight import RULES, preflight

from . import pdfcorpus as corpus
from .pdfcorpus import CLEAN, MM, RED, SIZE, Spec, at

SPOT = {"/ColorSpace": {"/Spot": lambda pdf: corpus.separation("PANTONE 185 C")}}
REGISTRATION = {"/ColorSpace": {"/Reg": lambda pdf: corpus.separation("All", (1, 1, 1, 1))}}
WHITE_OVER = {"/ExtGState": {"/WOver": lambda pdf: Dictionary(Type=Name.ExtGState, OP=True, op=True, OPM=1)}}
OPM_0 = {"/ExtGState": {"/OPM0": lambda pdf: Dictionary(Type=Name.ExtGState, OP=True, op=True, OPM=0)}}
STROKE_OVER = {"/ExtGState": {"/SOver": lambda pdf: Dictionary(Type=Name.ExtGState, OP=True, OPM=1)}}
HALFTONE = {
    "/ExtGState": {
        "/HT1": lambda pdf: Dictionary(
            Type=Name.ExtGState,
            HT=Dictionary(
                Type=Name.Halftone,
                HalftoneType=1,
                HalftoneName="Round Dot",
                Frequency=85,
                Angle=45,
                SpotFunction=Name.Round,
            ),
        )
    }
}
PS_XOBJECT = {"/XObject": {"/PS1": lambda pdf: pdf.make_stream(b"0 0 moveto", Type=Name.XObject, Subtype=Name.PS)}}
PRICE = "价格：￥12.50元"


def text_top(x_mm: float, baseline_mm: float, size_pt: float) -> tuple[float, float]:
    """Where a text run set at (x, baseline) has its box's top-left corner (0.8 em above the baseline)."""
    return x_mm, baseline_mm - 0.8 * size_pt / MM


def _image(width_px, bits=8, fill=60):
    return {"/XObject": {"/Im1": lambda pdf: corpus.image(pdf, width_px, width_px, bits, fill)}}


def _draw_image(size_mm=20):
    return f"q {size_mm * MM:.2f} 0 0 {size_mm * MM:.2f} {at(60, 95)} cm /Im1 Do Q\n"  # 20 mm square, top-left (60, 75)


def _inline_image(px: int, colour_space: str, sample: bytes, size_mm: float = 20) -> str:
    """A px × px inline image, Flate-compressed, placed as a size_mm square with its top-left at (60, 75)."""
    data = zlib.compress(sample * px * px).decode("latin-1")
    return (
        f"q {size_mm * MM:.2f} 0 0 {size_mm * MM:.2f} {at(60, 95)} cm "
        f"BI /W {px} /H {px} /BPC 8 /CS /{colour_space} /F /Fl ID {data} EI Q\n"
    )


def _js_link(pdf):
    """A link annotation in the slug (outside the bleed) whose action is JavaScript."""
    action = Dictionary(S=Name.JavaScript, JS="app.alert('hi')")
    return pikepdf.Array(
        [pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[2, 2, 20, 10], A=action))]
    )


def _hidden_note(pdf):
    """A text annotation in the slug, flagged hidden (/F 2)."""
    return pikepdf.Array([pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=[2, 2, 20, 10], F=2))])


def _layer(pdf):
    return pdf.make_indirect(Dictionary(Type=Name.OCG, Name="Proof notes"))


def _layers(pdf):
    group = pdf.pages[0].Resources.Properties.oc1
    return Dictionary(OCGs=[group], D=Dictionary(Order=[group], OFF=[group]))


def _type3(glyph: bytes = b"600 0 0 0 600 700 d1 0 0 600 700 re f", matrix: float = 0.001):
    return {"/Font": {"/T3": lambda pdf: corpus.type3_font(pdf, glyph, matrix)}}


def _shading(start, end):
    """An axial CMYK shading across the 30 mm square whose top-left is (55, 30)."""
    coords = (*(float(v) for v in at(55, 60).split()), *(float(v) for v in at(85, 30).split()))
    return lambda pdf: corpus.shading(pdf, start, end, coords)


def _shading_pattern(start, end):
    return lambda pdf: Dictionary(Type=Name.Pattern, PatternType=2, Shading=_shading(start, end)(pdf))


def _circle(x_mm: float, y_mm: float, r_mm: float) -> str:
    """A circle of radius r around (x, y) as four Bézier curves."""
    k = 0.5523 * r_mm
    points = [
        (x_mm + r_mm, y_mm),
        (x_mm + r_mm, y_mm - k, x_mm + k, y_mm - r_mm, x_mm, y_mm - r_mm),
        (x_mm - k, y_mm - r_mm, x_mm - r_mm, y_mm - k, x_mm - r_mm, y_mm),
        (x_mm - r_mm, y_mm + k, x_mm - k, y_mm + r_mm, x_mm, y_mm + r_mm),
        (x_mm + k, y_mm + r_mm, x_mm + r_mm, y_mm + k, x_mm + r_mm, y_mm),
    ]
    out = f"{at(*points[0])} m "
    for p in points[1:]:
        out += " ".join(at(p[i], p[i + 1]) for i in range(0, 6, 2)) + " c "
    return out


SQUARE = f"{at(55, 60)} {30 * MM:.2f} {30 * MM:.2f} re"  # top-left (55, 30)
CLIPPED_SH = f"q {SQUARE} W n /Sh1 sh Q\n"
OVER_RED = f"{at(15, 80)} Td"  # a baseline on the clean page's red panel (x 10 … 50, y 50 … 90 mm)


@dataclass
class Case:
    name: str
    spec: Spec
    code: str
    newspaper: str | None  # level in each profile (None: not reported there)
    pdfx1a: str | None
    words: str  # the message contains them
    at: tuple[float, float] | None  # the first finding's position (None: it has none)
    also: tuple[str, ...] = ()  # findings the defect brings with it by nature


CASES = [
    Case(
        "spot-colour",
        Spec(CLEAN + f"q /Spot cs 1 scn {at(60, 10)} {20 * MM:.2f} {10 * MM:.2f} re f Q\n", resources=SPOT),
        "spot-colour",
        "error",
        "info",
        "spot colour 'PANTONE 185 C' (Separation)",
        (60, 0),
    ),
    Case(
        "page-sizes",
        Spec(page_sizes=[(SIZE, SIZE), (SIZE, 80 * MM)]),
        "page-sizes-differ",
        "error",
        "warning",
        "page 1 is 100.0 × 100.0 mm",
        None,
    ),
    Case("empty-page", Spec(contents=[CLEAN, ""], pages=2), "empty-page", "error", "warning", "empty page", None),
    Case(
        "white-shape-overprint",
        Spec(
            CLEAN + f"q {RED} {at(60, 40)} {20 * MM:.2f} {20 * MM:.2f} re f "
            f"/WOver gs 0 0 0 0 k {at(65, 30)} {5 * MM:.2f} {5 * MM:.2f} re f Q\n",
            resources=WHITE_OVER,
        ),
        "white-overprint",
        "error",
        "warning",
        "white shape set to overprint",
        (65, 25),
    ),
    Case(
        "thin-k-line-knockout",
        Spec(CLEAN + f"q 0 0 0 1 K 0.5 w {at(12, 80)} m {at(48, 80)} l S Q\n"),  # across the red panel
        "black-line-knockout",
        "error",
        None,
        "0.50 pt 100 % K line does not overprint: it knocks out of colour (M100 Y100 K10)",
        (12 - 0.25 / MM, 80 - 0.25 / MM),
    ),
    Case(
        "regression-grey-black-text-overprint",  # caught before the refactor of 9683217, then dropped
        Spec(CLEAN + f"q /KOver gs 0 g BT /F1 12 Tf {OVER_RED} (Grey) Tj ET Q\n"),
        "black-text-knockout",
        "error",
        None,
        "100 % K text is DeviceGray: overprint keeps other plates only for DeviceCMYK with /OPM 1",
        text_top(15, 80, 12),
    ),
    Case(
        "regression-cmyk-black-opm-0",  # caught before the refactor of 9683217, then dropped
        Spec(CLEAN + f"q /OPM0 gs 0 0 0 1 k BT /F1 12 Tf {OVER_RED} (OPM 0) Tj ET Q\n", resources=OPM_0),
        "black-text-knockout",
        "error",
        None,
        "100 % K text overprints with /OPM 0, which paints its zero C, M and Y too",
        text_top(15, 80, 12),
    ),
    Case(
        "black-line-opm-0",
        Spec(CLEAN + f"q /OPM0 gs 0 0 0 1 K 1 w {at(12, 85)} m {at(48, 85)} l S Q\n", resources=OPM_0),
        "black-line-knockout",
        "error",
        None,
        "1.00 pt 100 % K line overprints with /OPM 0",
        (12 - 0.5 / MM, 85 - 0.5 / MM),
    ),
    Case(
        "5pt-white-out-of-two-plate-red",
        Spec(
            CLEAN + f"q 0 1 1 0 k {at(55, 40)} {30 * MM:.2f} {20 * MM:.2f} re f "
            f"0 0 0 0 k BT /F1 5 Tf {at(58, 30)} Td (Reversed) Tj ET Q\n"
        ),
        "reverse-type",
        "error",
        None,
        "5.0 pt paper-coloured text reversed out of 2 inks (M100 Y100): under 6 pt it fills in",
        text_top(58, 30, 5),
    ),
    Case(
        "9pt-white-out-of-black",
        Spec(
            CLEAN + f"q 0 0 0 1 k {at(55, 40)} {30 * MM:.2f} {20 * MM:.2f} re f "
            f"0 0 0 0 k BT /F1 9 Tf {at(58, 30)} Td (Reversed) Tj ET Q\n"
        ),
        "reverse-type-low",
        "warning",
        None,
        "9.0 pt paper-coloured text reversed out of 1 ink (K100): keep reversed type ≥ 10 pt out of one ink",
        text_top(58, 30, 9),
    ),
    Case(
        "white-hairline-out-of-red",
        Spec(CLEAN + f"q 0 0 0 0 K 0.3 w {at(12, 75)} m {at(48, 75)} l S Q\n"),
        "reverse-line",
        "warning",
        None,
        "0.30 pt paper-coloured line out of 3 inks (under 1 pt it fills in)",
        (12 - 0.15 / MM, 75 - 0.15 / MM),
    ),
    Case(
        "type3-font",
        Spec(CLEAN + f"q /KOver gs 0 0 0 1 k BT /T3 12 Tf {at(55, 20)} Td (Boxes) Tj ET Q\n", resources=_type3()),
        "type3-font",
        "warning",
        None,
        "Type 3 font T3",
        (55, 20 - 0.7 * 12 / MM),  # a Type 3 font's box is its FontBBox (0 … 700 units of 1/1000 em)
    ),
    Case(
        "type3-glyph-in-rgb",  # as browsers write colour emoji: a d0 glyph with its own colour
        Spec(
            CLEAN + f"q /KOver gs 0 0 0 1 k BT /T3 12 Tf {at(55, 20)} Td (E) Tj ET Q\n",
            resources=_type3(b"600 0 d0 1 0.8 0 rg 0 0 600 700 re f"),
        ),
        "colour-space",
        "error",
        "error",
        "DeviceRGB colour (rg)",
        (55, 20 - 0.7 * 12 / MM),  # the glyph's box: 0 … 700 units of 1/1000 em
        also=("type3-font",),
    ),
    Case(
        "type3-font-matrix-scales-the-type",  # 12 pt × a FontMatrix of 0.0004: 4.8 pt type
        Spec(
            CLEAN + f"q /KOver gs 0 0 0 1 k BT /T3 12 Tf {at(55, 20)} Td (Boxes) Tj ET Q\n",
            resources=_type3(matrix=0.0004),
        ),
        "small-type",
        "warning",
        None,
        "text below 6 pt (4.8 pt)",
        (55, 20 - 700 * 0.0004 * 12 / MM),  # a Type 3 font's box is its FontBBox (0 … 700)
        also=("type3-font",),
    ),
    Case(
        "javascript-page-aa",
        Spec(page_extra={"/AA": lambda pdf: Dictionary(O=Dictionary(S=Name.JavaScript, JS="app.beep()"))}),
        "javascript",
        "error",
        "error",
        "additional actions (/AA) running JavaScript",
        None,
    ),
    Case(
        "javascript-link-in-slug",
        Spec(page_extra={"/Annots": _js_link}),
        "javascript",
        "error",
        "error",
        "JavaScript in a link annotation",
        ((2 - corpus.SLUG) / MM, (SIZE + corpus.SLUG - 10) / MM),
    ),
    Case(
        "hidden-annotation-in-slug",
        Spec(page_extra={"/Annots": _hidden_note}),
        "hidden-annotation",
        "error",
        "error",
        "Text annotation hidden (/F 2)",
        ((2 - corpus.SLUG) / MM, (SIZE + corpus.SLUG - 10) / MM),
    ),
    Case(
        "optional-content-layer",
        Spec(
            CLEAN + f"/OC /oc1 BDC q /KOver gs 0 0 0 1 k BT /F1 9 Tf {at(55, 10)} Td (Proof note) Tj ET Q EMC\n",
            resources={"/Properties": {"/oc1": _layer}},
            root={"/OCProperties": _layers},
        ),
        "optional-content",
        "error",
        "error",
        "layer 'Proof notes' (off by default)",
        text_top(55, 10, 9),
    ),
    Case(
        "postscript-xobject",
        Spec(CLEAN + "/PS1 Do\n", resources=PS_XOBJECT),
        "postscript",
        "error",
        "error",
        "PostScript XObject",
        None,  # PostScript has no box a preflight can know
    ),
    Case(
        "halftone-name",
        Spec(CLEAN + "q /HT1 gs Q\n", resources=HALFTONE),
        "halftone-name",
        "error",
        "error",
        "/HalftoneName",
        None,
    ),
    Case(
        "object-streams-in-1.3",
        Spec(object_streams=True),
        "object-streams",
        "error",
        "error",
        "object or cross-reference streams in a PDF 1.3 file",
        None,
    ),
    Case(
        "16-bit-image",
        Spec(CLEAN + _draw_image(), resources=_image(400, bits=16)),
        "image-16-bit",
        "error",
        "error",
        "16-bit image",
        (60, 75),
    ),
    Case(
        "rgb-fill",
        Spec(CLEAN + f"q 0.2 0.4 0.6 rg {at(60, 10)} {5 * MM:.2f} {5 * MM:.2f} re f Q\n"),
        "colour-space",
        "error",
        "error",
        "DeviceRGB colour (rg)",
        (60, 5),
    ),
    Case(
        "rgb-black-counts-in-total-ink",  # RGB black: 300 % once converted, as Ghostscript's separations show
        Spec(CLEAN + f"q 0 0 0 rg {at(55, 40)} {20 * MM:.2f} {20 * MM:.2f} re f Q\n"),
        "total-ink",
        "error",
        None,
        "total ink 300 %, over the limit of 240 %",
        (55, 20),
        also=("colour-space",),
    ),
    Case(
        "subset-missing-glyphs",  # the price line prints blank; text extraction still reads it
        Spec(
            CLEAN + f"q /KOver gs 0 0 0 1 k BT /F2 12 Tf {at(55, 20)} Td {corpus.cid_string(PRICE)} Tj ET Q\n",
            resources={"/Font": {"/F2": lambda pdf: corpus.cid_font(pdf, PRICE, subset_of="价格：元")}},
        ),
        "glyph-missing",
        "error",
        "error",
        "has no glyph for '￥' (U+FFE5), '1' (U+0031), '2' (U+0032), '.' (U+002E), '5' (U+0035), '0' (U+0030)"
        " in “价格：￥12.50元”",
        text_top(55 + 3 * 12 / MM, 20, 12),  # the first missing glyph, after three ideographs
    ),
    Case("intent-without-info", Spec(intent={"/Info": None}), "output-intent", "error", "error", "has no /Info", None),
    Case(
        "unregistered-condition",
        Spec(intent={"/OutputConditionIdentifier": "Plant7 coldset newsprint"}),
        "output-intent-unregistered",
        "error",
        "error",
        "'Plant7 coldset newsprint' is not in the ICC registry",
        None,
    ),
    Case(
        "not-newsprint-condition",
        Spec(intent={"/OutputConditionIdentifier": "CGATS TR 001", "/Info": "SWOP coated"}),
        "output-intent-not-newsprint",
        "error",
        "info",
        "'CGATS TR 001' is not a newsprint condition",
        None,
    ),
    Case(
        "tr001-whose-info-says-newsprint",  # free text is not read: "…, not newsprint" contains NEWSPRINT
        Spec(intent={"/OutputConditionIdentifier": "CGATS TR 001", "/Info": "SWOP (CGATS TR 001), not newsprint"}),
        "output-intent-not-newsprint",
        "error",
        "info",
        "'CGATS TR 001' is not a newsprint condition",
        None,
    ),
    Case(
        "fogra39-whose-info-mentions-newspaper",
        Spec(intent={"/OutputConditionIdentifier": "FOGRA39", "/Info": "Coated offset for a newspaper supplement"}),
        "output-intent-not-newsprint",
        "error",
        "info",
        "'FOGRA39' is not a newsprint condition",
        None,
    ),
    Case(
        "embedded-fogra39-profile",
        Spec(
            intent={
                "/OutputConditionIdentifier": "Plant7",
                "/RegistryName": None,
                "/DestOutputProfile": lambda pdf: pdf.make_stream(
                    corpus.icc_profile("Coated FOGRA39 (ISO 12647-2:2004)"), N=4
                ),
            }
        ),
        "output-intent-not-newsprint",
        "error",
        "info",
        "embedded profile 'Coated FOGRA39 (ISO 12647-2:2004)' is not a newsprint condition",
        None,
    ),
    Case(
        "unknown-condition-with-profile",
        Spec(
            intent={
                "/OutputConditionIdentifier": "Plant7",
                "/RegistryName": None,
                "/DestOutputProfile": lambda pdf: pdf.make_stream(corpus.icc_profile("Plant 7 coldset 2018"), N=4),
            }
        ),
        "output-intent-unknown",
        "warning",
        None,
        "output condition 'Plant7' with profile 'Plant 7 coldset 2018' is not a registered newsprint condition",
        None,
    ),
    Case(
        "thin-rules-3-plates",
        Spec(CLEAN + f"q 0 1 1 0.1 K 0.25 w {at(55, 10)} m {at(95, 10)} l S Q\n"),
        "thin-line-plates",
        "error",
        None,
        "0.25 pt line on 3 plates",
        (55, 10 - 0.125 / MM),  # the stroke's top-left edge
    ),
    Case(
        "registration-in-trim",
        Spec(CLEAN + f"q /Reg CS 1 SCN 0.5 w {at(55, 10)} m {at(95, 10)} l S Q\n", resources=REGISTRATION),
        "registration-in-trim",
        "error",
        None,
        "registration colour (Separation /All) inside the trim",
        (55 - 0.25 / MM, 10 - 0.25 / MM),
    ),
    Case(
        "registration-circle-in-trim",  # its ink is its ring, not its 4 × 4 mm box: no total-ink error beside
        Spec(CLEAN + f"q /Reg CS 1 SCN 0.5 w {_circle(75, 12, 2)} S Q\n", resources=REGISTRATION),
        "registration-in-trim",
        "error",
        None,
        "registration colour (Separation /All) inside the trim",
        (73 - 0.25 / MM, 10 - 0.25 / MM),
    ),
    Case(
        "5pt-type-3-plates",
        Spec(CLEAN + f"q {RED} BT /F1 5 Tf {at(55, 10)} Td (tiny) Tj ET Q\n"),
        "small-type-plates",
        "error",
        None,
        "5.0 pt text on 3 plates",
        text_top(55, 10, 5),
    ),
    Case(
        "72-ppi-image",
        Spec(CLEAN + _draw_image(), resources=_image(57)),
        "image-resolution",
        "error",
        None,
        "image at 72 ppi",
        (60, 75),
    ),
    Case(
        "25-ppi-inline-image",
        Spec(CLEAN + _inline_image(20, "CMYK", bytes([40, 40, 40, 0]))),
        "image-resolution",
        "error",
        None,
        "image at 25 ppi",
        (60, 75),
    ),
    Case(
        "rgb-inline-image",
        Spec(CLEAN + _inline_image(240, "RGB", bytes([200, 30, 30]))),
        "colour-space",
        "error",
        "error",
        "DeviceRGB colour (inline image)",
        (60, 75),
    ),
    Case(
        "inline-image-400-percent",
        Spec(CLEAN + _inline_image(240, "CMYK", bytes([255, 255, 255, 255]))),
        "total-ink",
        "error",
        None,
        "total ink 400 %, over the limit of 240 %",
        (60, 75),
    ),
    Case(
        "total-ink-400",
        Spec(CLEAN + f"q 1 1 1 1 k {at(55, 30)} {20 * MM:.2f} {20 * MM:.2f} re f Q\n"),
        "total-ink",
        "error",
        None,
        "total ink 400 %, over the limit of 240 %",
        (55, 10),
    ),
    Case(
        "total-ink-image",
        Spec(CLEAN + _draw_image(), resources=_image(200, fill=255)),
        "total-ink",
        "error",
        None,
        "total ink 400 %, over the limit of 240 %",
        (60, 75),
    ),
    Case(
        "axial-shading-320",
        Spec(CLEAN + CLIPPED_SH, resources={"/Shading": {"/Sh1": _shading((0, 0, 0, 0), (1, 1, 1, 0.2))}}),
        "total-ink",
        "error",
        None,
        "total ink 320 %, over the limit of 240 %",
        (55, 30),
    ),
    Case(
        "shading-pattern-320",
        Spec(
            CLEAN + f"q /Pattern cs /P1 scn {SQUARE} f Q\n",
            resources={"/Pattern": {"/P1": _shading_pattern((0, 0, 0, 0), (1, 1, 1, 0.2))}},
        ),
        "total-ink",
        "error",
        None,
        "total ink 320 %, over the limit of 240 %",
        (55, 30),
    ),
]


CONTROLS = [
    ("clean", Spec()),
    (
        "black-overprinting-red",
        Spec(
            CLEAN + f"q {RED} {at(55, 40)} {40 * MM:.2f} {30 * MM:.2f} re f Q "
            f"q /KOver gs 0 0 0 1 k BT /F1 14 Tf {at(58, 25)} Td (Black on red) Tj ET Q\n"
        ),
    ),
    (
        "black-rule-overprinting-red-by-OP",  # /OP true sets stroke overprint; /OPM 1 keeps C, M and Y
        Spec(CLEAN + f"q /SOver gs 0 0 0 1 K 0.5 w {at(12, 85)} m {at(48, 85)} l S Q\n", resources=STROKE_OVER),
    ),
    ("registration-marks-in-slug", Spec(CLEAN + "q /Reg CS 1 SCN 0.25 w 2 2 m 20 2 l S Q\n", resources=REGISTRATION)),
    (
        "registration-circle-in-slug",  # a 0.25 pt ring: thin, outside the bleed, no 400 % box
        Spec(CLEAN + f"q /Reg CS 1 SCN 0.25 w {_circle(-5, 50, 2)} S Q\n", resources=REGISTRATION),
    ),
    ("small-400-percent-dot", Spec(CLEAN + f"q 1 1 1 1 k {at(70, 10)} {1.5 * MM:.2f} {1.5 * MM:.2f} re f Q\n")),
    ("300-ppi-image", Spec(CLEAN + _draw_image(), resources=_image(236))),
    ("300-ppi-inline-image", Spec(CLEAN + _inline_image(240, "CMYK", bytes([40, 40, 40, 0])))),
    ("thick-k-rule-knocking-out", Spec(CLEAN + f"q 0 0 0 1 K 3 w {at(12, 80)} m {at(48, 80)} l S Q\n")),
    (
        "14pt-white-out-of-red",
        Spec(CLEAN + f"q 0 0 0 0 k BT /F1 14 Tf {at(15, 60)} Td (White) Tj ET Q\n"),
    ),
    (
        "price-line-in-a-whole-subset",
        Spec(
            CLEAN + f"q /KOver gs 0 0 0 1 k BT /F2 12 Tf {at(55, 20)} Td {corpus.cid_string(PRICE)} Tj ET Q\n",
            resources={"/Font": {"/F2": lambda pdf: corpus.cid_font(pdf, PRICE)}},
        ),
    ),
    (
        "axial-shading-200",
        Spec(CLEAN + CLIPPED_SH, resources={"/Shading": {"/Sh1": _shading((0, 0, 0, 0), (0, 1, 1, 0))}}),
    ),
    (
        "embedded-newsprint-profile",
        Spec(
            intent={
                "/OutputConditionIdentifier": "Plant7",
                "/RegistryName": None,
                "/DestOutputProfile": lambda pdf: pdf.make_stream(corpus.icc_profile("ISOnewspaper26v4", True), N=4),
            }
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_defect_gives_its_finding_where_it_is_and_only_it(tmp_path, case):
    path = corpus.build(tmp_path / f"{case.name}.pdf", case.spec)
    for profile, level in (("newspaper", case.newspaper), ("pdfx1a", case.pdfx1a)):
        report = preflight(path, profile=profile)
        found = [f for f in report.findings if f.code == case.code]
        others = [f.line() for f in report.findings if f.level != "info" and f.code not in (case.code, *case.also)]
        assert not others, others  # one defect, one finding (and what it brings by nature)
        if level is None:
            assert not found, [f.line() for f in found]
            continue
        assert found and all(f.level == level for f in found), [f.line() for f in report.findings]
        assert any(case.words in f.message for f in found), [f.line() for f in found]
        assert RULES[case.code][("pdfx1a", "newspaper").index(profile)] == level
        first = found[0]
        if case.at is None:
            assert first.x_mm is None, first.line()
        else:
            assert (first.x_mm, first.y_mm) == pytest.approx(case.at, abs=0.1), first.line()
            assert first.page == 1


@pytest.mark.parametrize("name, spec", CONTROLS, ids=[c[0] for c in CONTROLS])
def test_controls_pass_both_profiles_strictly(tmp_path, name, spec):
    path = corpus.build(tmp_path / f"{name}.pdf", spec)
    for profile in ("newspaper", "pdfx1a"):
        report = preflight(path, profile=profile, strict=True)
        assert not [f.line() for f in report.findings if f.level != "info"]


def test_the_clean_corpus_font_is_embedded_truetype_not_type3(tmp_path):
    with pikepdf.open(corpus.build(tmp_path / "clean.pdf")) as pdf:
        font = pdf.pages[0].Resources.Font.F1
        assert font.Subtype == Name.TrueType and "/FontFile2" in font.FontDescriptor


def test_black_overprinting_red_reports_its_peak_as_tolerated(tmp_path):
    path = corpus.build(tmp_path / "k-on-red.pdf")  # 12 pt 100 % K text at 15 mm, 70 mm on the red panel
    (line,) = [f for f in preflight(path).findings if "total ink" in f.message]
    assert line.message == "total ink 300 %, tolerated in a 100 % K overprint; elsewhere at most 210 % (limit 240 %)"
    assert line.page == 1 and (line.x_mm, line.y_mm) == pytest.approx(text_top(15, 70, 12), abs=0.1)


def test_shadings_are_measured_over_the_part_painted(tmp_path):
    """Clipped to the left half of its square, a diagonal shading reaching 320 % lays at most 240 %: the clip's
    top-right corner (70, 30) stands ¾ along the axis from (55, 60) to (85, 30), and ¾ of 320 % is 240 %."""
    half = f"q {at(55, 60)} {15 * MM:.2f} {30 * MM:.2f} re W n /Sh1 sh Q\n"
    spec = Spec(CLEAN + half, resources={"/Shading": {"/Sh1": _shading((0, 0, 0, 0), (1, 1, 1, 0.2))}})
    report = preflight(corpus.build(tmp_path / "half.pdf", spec))
    assert not [f.line() for f in report.findings if f.level == "error"]
    (peak,) = [f for f in report.findings if f.message.startswith("total ink")]
    assert "elsewhere at most 240 %" in peak.message, peak.message


def test_text_positions_are_the_em_box_top_for_tj_and_tj_arrays_alike(tmp_path):
    spec = Spec(
        CLEAN + f"q 0 1 1 0 k BT /F1 5 Tf {at(55, 10)} Td (one) Tj ET "
        f"BT /F1 5 Tf {at(55, 20)} Td [(t) 120 (wo)] TJ ET "
        f"BT /F1 5 Tf 1 0 0 1 {at(55, 30)} Tm (three) Tj ET Q\n"
    )
    found = [f for f in preflight(corpus.build(tmp_path / "runs.pdf", spec)).findings if f.code == "small-type-plates"]
    assert [(f.x_mm, f.y_mm) for f in found] == [
        pytest.approx(text_top(55, 10, 5), abs=0.1)
    ]  # one cause, counted: the first place
    assert found[0].count == 3


def test_positions_after_a_trimbox_outside_the_mediabox_are_from_their_overlap(tmp_path):
    """A TrimBox 10 mm past the MediaBox's left edge: positions are from the sheet's edge, not from off the sheet."""
    spec = Spec(
        CLEAN + f"q 0.2 0.4 0.6 rg {at(55, 30)} {20 * MM:.2f} {20 * MM:.2f} re f Q\n",
        page_extra={"/TrimBox": [-corpus.SLUG, corpus.SLUG, corpus.SLUG + SIZE, corpus.SLUG + SIZE]},
    )
    report = preflight(corpus.build(tmp_path / "trim.pdf", spec))
    assert [f.message for f in report.findings if f.code == "boxes"] == ["TrimBox is not inside the MediaBox"]
    (rgb,) = [f for f in report.findings if f.code == "colour-space"]
    assert (rgb.x_mm, rgb.y_mm) == pytest.approx((10 + 55, 10), abs=0.1)  # from the MediaBox's left edge


def test_a_javascript_page_action_is_one_finding(tmp_path):
    report = preflight(
        corpus.build(tmp_path / "aa.pdf", CASES[[c.name for c in CASES].index("javascript-page-aa")].spec)
    )
    assert len([f for f in report.findings if f.code == "javascript"]) == 1


def test_a_soft_masked_image_is_measured_and_no_library_warning_reaches_stderr(tmp_path):
    """pikepdf warns about masks it composites; preflight reads the samples itself, mask or not."""
    import subprocess
    import sys
    import warnings

    def masked(pdf):
        image = corpus.image(pdf, 200, 200, fill=255)
        image.SMask = corpus.image(pdf, 200, 200, fill=128, channels=1)
        return image

    path = corpus.build(tmp_path / "masked.pdf", Spec(CLEAN + _draw_image(), resources={"/XObject": {"/Im1": masked}}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        codes = {f.code for f in preflight(path).findings if f.level == "error"}
    assert not caught, [str(w.message) for w in caught]
    assert codes == {"transparency", "total-ink"}
    done = subprocess.run(
        [sys.executable, "-m", "hengyang_print.cli.main", "preflight", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 1 and done.stderr == ""


def test_reverse_type_minimums_can_be_overridden(tmp_path, capsys):
    path = corpus.build(tmp_path / "white.pdf", [c for c in CASES if c.name == "9pt-white-out-of-black"][0].spec)
    assert main(["preflight", "--strict", str(path)]) == 1
    assert main(["preflight", "--strict", "--reverse-type", "6,8,12", str(path)]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["preflight", "--reverse-type", "6,8", str(path)])
    assert usage.value.code == 2 and "needs three sizes in pt, as 6,10,14 (got 6,8)" in capsys.readouterr().err


def test_findings_carry_page_and_position_in_mm(tmp_path):
    case = [c for c in CASES if c.name == "thin-rules-3-plates"][0]
    (finding,) = [f for f in preflight(corpus.build(tmp_path / "thin.pdf", case.spec)).findings if f.code == case.code]
    assert "x 55.0 mm, y 10.0 mm from the top-left" in finding.line()


def test_strict_makes_warnings_errors(tmp_path):
    path = corpus.build(tmp_path / "sizes.pdf", CASES[1].spec)
    assert main(["preflight", "--profile", "pdfx1a", str(path)]) == 0  # a warning in pdfx1a
    assert main(["preflight", "--profile", "pdfx1a", "--strict", str(path)]) == 1


def test_json_output_follows_its_schema(tmp_path, capsys):
    from hengyang_print.cli.common import ROOT

    from ..cli.conftest import validator

    good, bad = corpus.build(tmp_path / "good.pdf"), corpus.build(tmp_path / "bad.pdf", CASES[0].spec)
    assert main(["preflight", "--format", "json", str(good), str(bad)]) == 1
    document = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "schema" / "preflight.schema.json").read_text(encoding="utf-8"))
    validator("preflight").validate(document)
    assert not document["ok"] and [d["file"] for d in document["diagnostics"]] == [str(bad)]
    assert document["diagnostics"][0]["message"].startswith("page 1: spot colour 'PANTONE 185 C'")
    assert schema["definitions"]["finding"]["properties"]["code"]["enum"] == list(RULES)  # every code documented
    assert [f["verdict"] for f in document["files"]] == ["PASS", "FAIL"] and document["verdict"] == "FAIL"
    (spot,) = [f for f in document["files"][1]["findings"] if f["code"] == "spot-colour"]
    assert spot["level"] == "error" and spot["page"] == 1


def test_the_layout_sets_the_ink_limit(tmp_path, capsys):
    from hengyang_print.cli.common import DEFAULT_LAYOUT

    path = corpus.build(
        tmp_path / "ink.pdf", Spec(CLEAN + f"q 0.6 0.6 0 0.9 k {at(55, 30)} {20 * MM:.2f} {20 * MM:.2f} re f Q\n")
    )  # 210 %
    text = DEFAULT_LAYOUT.read_text(encoding="utf-8")
    assert "max_ink: 240" in text
    layout = DEFAULT_LAYOUT.parent / f".test-tight-{tmp_path.name}.yaml"  # beside the real one: its font paths hold
    layout.write_text(text.replace("max_ink: 240", "max_ink: 200"), encoding="utf-8")
    try:
        assert main(["preflight", str(path)]) == 0
        assert main(["preflight", "--layout", str(layout), str(path)]) == 1
        assert "total ink 210 %, over the limit of 200 %" in capsys.readouterr().out
        assert main(["preflight", "--layout", str(layout), "--max-ink", "220", str(path)]) == 0  # the option wins
    finally:
        layout.unlink()
