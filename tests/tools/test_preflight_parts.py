"""The readers preflight is built from, each on inputs whose answer is worked out by hand here: overprint as a RIP
applies it, PDF functions, CMaps, mesh shadings, images in Indexed and Separation colour, bare CFF fonts."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from pikepdf import Array, Dictionary, Name

from hengyang_print.tools.preflight import cmaps, functions, preflight
from hengyang_print.tools.preflight.colour import resolve

from . import pdfcorpus as corpus
from .pdfcorpus import CLEAN, MM, Spec, at


def _errors(path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in preflight(path).findings:
        if f.level != "info":
            out.setdefault(f.code, []).append(f.message)
    return out


# ---------------------------------------------------------------- overprint


@pytest.mark.parametrize(
    "space, values, overprint, opm, written",
    [
        ("/DeviceCMYK", (0, 0, 0, 1), True, 1, {"K"}),  # the K-only overprint: C, M, Y kept
        ("/DeviceCMYK", (0, 0, 0, 1), True, 0, {"C", "M", "Y", "K"}),  # OPM 0 paints its zeros
        ("/DeviceCMYK", (0, 0, 0, 1), False, 1, None),  # no overprint: every plate
        ("/DeviceGray", (0,), True, 1, {"C", "M", "Y", "K"}),  # OPM 1 is for DeviceCMYK only
        ("/DeviceCMYK", (0, 0, 0, 0), True, 1, set()),  # white with OPM 1: paints nothing
    ],
)
def test_which_plates_painting_replaces(space, values, overprint, opm, written):
    colour_space = resolve(Name(space), Dictionary())
    got = colour_space.written(values, overprint, opm)
    assert (None if got is None else set(got)) == written


def test_a_separation_replaces_its_own_plate_with_overprint_on_whatever_the_mode():
    black = resolve(corpus.separation("Black", (0, 0, 0, 1)), Dictionary())
    registration = resolve(corpus.separation("All", (1, 1, 1, 1)), Dictionary())
    assert set(black.written((1.0,), True, 0)) == {"K"}
    assert set(registration.written((1.0,), True, 1)) == {"C", "M", "Y", "K"}
    assert registration.inks((0.5,)) == {"C": 50, "M": 50, "Y": 50, "K": 50}


# ---------------------------------------------------------------- functions and CMaps


def test_functions_of_each_type():
    pdf = pikepdf.new()
    sampled = pdf.make_stream(
        bytes([0, 255, 0]), FunctionType=0, Domain=[0, 1], Range=[0, 1], Size=[3], BitsPerSample=8
    )
    assert functions.load(sampled)([0.25]) == pytest.approx([0.5])  # halfway from 0 to the middle sample's 1
    stitched = Dictionary(
        FunctionType=3,
        Domain=[0, 1],
        Bounds=[0.5],
        Encode=[0, 1, 0, 1],
        Functions=[
            Dictionary(FunctionType=2, Domain=[0, 1], C0=[0], C1=[1], N=1),
            Dictionary(FunctionType=2, Domain=[0, 1], C0=[1], C1=[0], N=2),
        ],
    )
    assert functions.load(stitched)([0.25]) == pytest.approx([0.5])  # first half: 0.5 of the way up
    assert functions.load(stitched)([0.75]) == pytest.approx([0.75])  # second half: 1 - 0.5²
    calculator = pdf.make_stream(
        b"{ dup 0.5 gt { 1 exch sub } if dup dup 0.1 3 1 roll 2 mul }",
        FunctionType=4,
        Domain=[0, 1],
        Range=[0, 1, 0, 1, 0, 1, 0, 1],
    )
    assert functions.load(calculator)([0.8]) == pytest.approx([0.2, 0.1, 0.2, 0.4])
    assert functions.load(Dictionary(FunctionType=7)) is None


def test_cmaps_split_codes_by_codespace_and_read_text_and_cids():
    cmap = cmaps.parse(
        b"begincmap 2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n"
        b"1 begincidrange <8140> <8142> 100 endcidrange\n"
        b"2 beginbfrange <41> <43> <0061> <8140> <8141> [<4E00> <D840DC00>] endbfrange endcmap"
    )
    assert cmap.split(b"A\x81\x41B") == [(0x41, 1), (0x8141, 2), (0x42, 1)]
    assert [cmap.text[c] for c in (0x41, 0x43, 0x8140, 0x8141)] == ["a", "c", "一", "\U00020000"]
    assert cmap.cids[0x8142] == 102


# ---------------------------------------------------------------- shadings and images


def _triangle_mesh(pdf):
    """A free-form triangle mesh (type 4) of one triangle: white, 200 % and 350 % corners."""
    rows = b""
    for (x, y), colour in (((0, 0), (0, 0, 0, 0)), ((1, 0), (1, 1, 0, 0)), ((0, 1), (1, 1, 1, 0.5))):
        rows += bytes([0]) + round(x * 65535).to_bytes(2, "big") + round(y * 65535).to_bytes(2, "big")
        rows += bytes(round(v * 255) for v in colour)
    x0, y0 = (float(v) for v in at(55, 60).split())
    return pdf.make_stream(
        rows,
        ShadingType=4,
        ColorSpace=Name.DeviceCMYK,
        BitsPerCoordinate=16,
        BitsPerComponent=8,
        BitsPerFlag=8,
        Decode=[x0, x0 + 30 * MM, y0, y0 + 30 * MM, 0, 1, 0, 1, 0, 1, 0, 1],
    )


def test_a_mesh_shading_is_measured_at_its_vertices(tmp_path):
    spec = Spec(CLEAN + "q /Sh1 sh Q\n", resources={"/Shading": {"/Sh1": _triangle_mesh}})
    assert _errors(corpus.build(tmp_path / "mesh.pdf", spec)) == {
        "total-ink": ["total ink 350 %, over the limit of 240 %"]
    }


def _palette_image(bits: int):
    """A 200 × 200 Indexed CMYK image (300 ppi at 17 mm) whose every pixel is entry 1: 0/100/100/100, 300 %."""

    def make(pdf):
        row = (200 * bits + 7) // 8
        pixel_one = {8: b"\x01" * 200, 1: b"\xff" * row}[bits]
        table = bytes([0, 0, 0, 0, 0, 255, 255, 255])
        return pdf.make_stream(
            zlib.compress(pixel_one * 200),
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=200,
            Height=200,
            BitsPerComponent=bits,
            ColorSpace=Array([Name.Indexed, Name.DeviceCMYK, 1, pikepdf.String(table)]),
            Filter=Name.FlateDecode,
        )

    return {"/XObject": {"/Im1": make}}


@pytest.mark.parametrize("bits", [8, 1])
def test_indexed_images_are_measured_through_their_table(tmp_path, bits):
    spec = Spec(
        CLEAN + f"q {17 * MM:.2f} 0 0 {17 * MM:.2f} {at(60, 95)} cm /Im1 Do Q\n", resources=_palette_image(bits)
    )
    assert _errors(corpus.build(tmp_path / "indexed.pdf", spec)) == {
        "total-ink": ["total ink 300 %, over the limit of 240 %"]
    }


def test_a_registration_colour_image_lays_every_plate(tmp_path):
    def make(pdf):
        return pdf.make_stream(
            zlib.compress(b"\xff" * 200 * 200),
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=200,
            Height=200,
            BitsPerComponent=8,
            ColorSpace=corpus.separation("All", (1, 1, 1, 1)),
            Filter=Name.FlateDecode,
        )

    spec = Spec(
        CLEAN + f"q {17 * MM:.2f} 0 0 {17 * MM:.2f} {at(60, 95)} cm /Im1 Do Q\n", resources={"/XObject": {"/Im1": make}}
    )
    errors = _errors(corpus.build(tmp_path / "all.pdf", spec))
    assert errors["total-ink"] == ["total ink 400 %, over the limit of 240 %"]
    assert errors["registration-in-trim"]


# ---------------------------------------------------------------- a bare CFF font


def _cff_font(pdf, width_in_pdf: int = 600):
    """A simple Type 1C font: glyphs A (a box, 600 wide) and space; code 66 (B) names a glyph it lacks."""
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A", "space"])
    builder.setupCharacterMap({65: "A", 32: "space"})
    box = T2CharStringPen(600, None)
    box.moveTo((0, 0)), box.lineTo((500, 0)), box.lineTo((500, 700)), box.closePath()
    charstrings = {".notdef": T2CharStringPen(500, None).getCharString(), "A": box.getCharString()}
    charstrings["space"] = T2CharStringPen(250, None).getCharString()
    builder.setupCFF("Test", {"FullName": "Test"}, charstrings, {})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (600, 0), "space": (250, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupOS2(), builder.setupPost(), builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    out = io.BytesIO()
    builder.save(out)
    from fontTools.ttLib import TTFont

    cff = TTFont(io.BytesIO(out.getvalue())).getTableData("CFF ")
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/Test"),
        Flags=32,
        FontBBox=[0, 0, 500, 700],
        ItalicAngle=0,
        Ascent=800,
        Descent=-200,
        CapHeight=700,
        StemV=80,
        FontFile3=pdf.make_stream(cff, Subtype=Name.Type1C),
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name("/Test"),
            FirstChar=65,
            LastChar=66,
            Widths=[width_in_pdf, 600],
            Encoding=Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )


@pytest.mark.parametrize(
    "shown, width, expected",
    [
        ("(AA)", 600, {}),
        ("(AB)", 600, {"glyph-missing": ["font Test has no glyph for 'B' (U+0042) in “AB”: it prints blank"]}),
        (
            "(A)",
            560,
            {"glyph-width": ["font Test: 'A' (U+0041) is 560/1000 em wide in the PDF but 600 in its program"]},
        ),
    ],
    ids=["covered", "missing", "width"],
)
def test_a_bare_cff_font_is_checked_glyph_by_glyph(tmp_path, shown, width, expected):
    spec = Spec(
        CLEAN + f"q /KOver gs 0 0 0 1 k BT /F9 12 Tf {at(55, 20)} Td {shown} Tj ET Q\n",
        resources={"/Font": {"/F9": lambda pdf: _cff_font(pdf, width)}},
    )
    errors = _errors(corpus.build(tmp_path / "cff.pdf", spec))
    assert {
        code: [m.split(" (“")[0] if code == "glyph-width" else m for m in messages] for code, messages in errors.items()
    } == expected


def test_icc_based_and_rgb_colour_is_counted_as_a_rip_would_lay_it():
    pdf = pikepdf.new()
    grey = resolve(Array([Name.ICCBased, pdf.make_stream(b"", N=1)]), Dictionary())
    rgb = resolve(Array([Name.ICCBased, pdf.make_stream(b"", N=3)]), Dictionary())
    assert grey.inks((0.0,)) == {"K": 100} and grey.refused == "ICCBased (N=1)"
    assert rgb.inks((0.0, 0.0, 0.0)) == {"C": 100, "M": 100, "Y": 100}


def test_a_font_program_that_cannot_be_read_is_an_error(tmp_path):
    def broken(pdf):
        font = corpus.truetype_font(pdf)
        font.FontDescriptor.FontFile2 = pdf.make_stream(b"not a font at all")
        return font

    spec = Spec(
        CLEAN + f"q /KOver gs 0 0 0 1 k BT /F9 12 Tf {at(55, 20)} Td (Broken) Tj ET Q\n",
        resources={"/Font": {"/F9": broken}},
    )
    (message,) = _errors(corpus.build(tmp_path / "broken.pdf", spec))["glyph-missing"]
    assert message.startswith("font ABCDEF+NotoSansSC-Bold: its embedded program cannot be read (")


def test_a_tiling_pattern_lays_its_cell_over_what_it_fills(tmp_path):
    """A 320 % cell whose first tile is at the sheet's corner, in the slug: its ink counts where it fills."""

    def tiles(pdf):
        return pdf.make_stream(
            b"1 1 1 0.2 k 0 0 10 10 re f",
            Type=Name.Pattern,
            PatternType=1,
            PaintType=1,
            TilingType=1,
            BBox=[0, 0, 10, 10],
            XStep=10,
            YStep=10,
            Resources=Dictionary(),
        )

    spec = Spec(
        CLEAN + f"q /Pattern cs /P1 scn {at(55, 60)} {30 * MM:.2f} {30 * MM:.2f} re f Q\n",
        resources={"/Pattern": {"/P1": tiles}},
    )
    assert _errors(corpus.build(tmp_path / "tiles.pdf", spec)) == {
        "total-ink": ["total ink 320 %, over the limit of 240 %"]
    }
