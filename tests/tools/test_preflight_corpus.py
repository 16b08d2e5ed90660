"""The plant's corpus: one generated PDF per defect category of issue 14, each with the finding it must give
in each profile, and clean controls that must pass both profiles with no error and no warning."""

from __future__ import annotations

import json

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


def _image(width_px, bits=8, fill=60):
    return {"/XObject": {"/Im1": lambda pdf: corpus.image(pdf, width_px, width_px, bits, fill)}}


def _draw_image(size_mm=20):
    # 20 mm square, bottom-left at 60, 95
    return f"q {size_mm * MM:.2f} 0 0 {size_mm * MM:.2f} {at(60, 95)} cm /Im1 Do Q\n"


def _js_link(pdf):
    """A link annotation in the slug (outside the bleed) whose action is JavaScript."""
    action = Dictionary(S=Name.JavaScript, JS="app.alert('hi')")
    return pikepdf.Array(
        [pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[2, 2, 20, 10], A=action))]
    )


# (id, spec, code, level in newspaper, level in pdfx1a or None, words the message must contain)
CASES = [
    (
        "spot-colour",
        Spec(CLEAN + f"q /Spot cs 1 scn {at(60, 10)} {20 * MM:.2f} {10 * MM:.2f} re f Q\n", resources=SPOT),
        "spot-colour",
        "error",
        "info",
        "spot colour 'PANTONE 185 C' (Separation)",
    ),
    (
        "page-sizes",
        Spec(page_sizes=[(SIZE, SIZE), (SIZE, 80 * MM)]),
        "page-sizes-differ",
        "error",
        "warning",
        "page 1 is 100.0 × 100.0 mm",
    ),
    ("empty-page", Spec(contents=[CLEAN, ""], pages=2), "empty-page", "error", "warning", "empty page"),
    (
        "white-shape-overprint",
        Spec(
            CLEAN
            + f"q {RED} {at(60, 40)} {20 * MM:.2f} {20 * MM:.2f} re f /WOver gs 0 0 0 0 k {at(65, 30)} {5 * MM:.2f}"
            f" {5 * MM:.2f} re f Q\n",
            resources=WHITE_OVER,
        ),
        "white-overprint",
        "error",
        "warning",
        "white shape set to overprint",
    ),
    (
        "thin-k-line-knockout",
        Spec(CLEAN + f"q 0 0 0 1 K 0.5 w {at(12, 80)} m {at(48, 80)} l S Q\n"),  # across the red panel
        "black-line-knockout",
        "error",
        None,
        "0.50 pt 100 % K line knocks out of colour (M100 Y100 K10)",
    ),
    (
        "near-black-text",
        Spec(CLEAN + f"q 0.5 0.4 0.4 0.9 k BT /F1 12 Tf {at(55, 20)} Td (Ad) Tj ET Q\n"),
        "rich-black-text",
        "error",
        None,
        "near-black (C50 M40 Y40 K90) on 4 plates",
    ),
    (
        "ghostscript-black-text",
        Spec(CLEAN + f"q 0.72 0.67 0.67 0.88 k BT /F1 12 Tf {at(55, 20)} Td (Ad) Tj ET Q\n"),
        "rich-black-text",
        "error",
        None,
        "near-black (C72 M67 Y67 K88)",
    ),
    (
        "javascript-page-aa",
        Spec(page_extra={"/AA": lambda pdf: Dictionary(O=Dictionary(S=Name.JavaScript, JS="app.beep()"))}),
        "javascript",
        "error",
        "error",
        "additional actions (/AA)",
    ),
    (
        "javascript-link-in-slug",
        Spec(page_extra={"/Annots": _js_link}),
        "javascript",
        "error",
        "error",
        "JavaScript in a link annotation",
    ),
    (
        "postscript-xobject",
        Spec(CLEAN + "/PS1 Do\n", resources=PS_XOBJECT),
        "postscript",
        "error",
        "error",
        "PostScript XObject",
    ),
    (
        "halftone-name",
        Spec(CLEAN + "q /HT1 gs Q\n", resources=HALFTONE),
        "halftone-name",
        "error",
        "error",
        "/HalftoneName",
    ),
    (
        "object-streams-in-1.3",
        Spec(object_streams=True),
        "object-streams",
        "error",
        "error",
        "object or cross-reference streams in a PDF 1.3 file",
    ),
    (
        "16-bit-image",
        Spec(CLEAN + _draw_image(), resources=_image(400, bits=16)),
        "image-16-bit",
        "error",
        "error",
        "16-bit image",
    ),
    ("intent-without-info", Spec(intent={"/Info": None}), "output-intent", "error", "error", "has no /Info"),
    (
        "unregistered-condition",
        Spec(intent={"/OutputConditionIdentifier": "Plant7 coldset newsprint"}),
        "output-intent-unregistered",
        "error",
        "error",
        "'Plant7 coldset newsprint' is not in the ICC registry",
    ),
    (
        "not-newsprint-condition",
        Spec(intent={"/OutputConditionIdentifier": "CGATS TR 001", "/Info": "SWOP coated"}),
        "output-intent-not-newsprint",
        "error",
        "info",
        "'CGATS TR 001' is not a newsprint condition",
    ),
    (
        "thin-rules-3-plates",
        Spec(CLEAN + f"q 0 1 1 0.1 K 0.25 w {at(55, 10)} m {at(95, 10)} l S Q\n"),
        "thin-line-plates",
        "error",
        None,
        "0.25 pt line on 3 plates",
    ),
    (
        "registration-in-trim",
        Spec(CLEAN + f"q /Reg CS 1 SCN 0.5 w {at(55, 10)} m {at(95, 10)} l S Q\n", resources=REGISTRATION),
        "registration-in-trim",
        "error",
        None,
        "registration colour (Separation /All) line inside the trim",
    ),
    (
        "5pt-type-3-plates",
        Spec(CLEAN + f"q {RED} BT /F1 5 Tf {at(55, 10)} Td (tiny) Tj ET Q\n"),
        "small-type-plates",
        "error",
        None,
        "5.0 pt text on 3 plates",
    ),
    (
        "72-ppi-image",
        Spec(CLEAN + _draw_image(), resources=_image(57)),
        "image-resolution",
        "error",
        None,
        "image at 72 ppi",
    ),
    (
        "total-ink-400",
        Spec(CLEAN + f"q 1 1 1 1 k {at(55, 30)} {20 * MM:.2f} {20 * MM:.2f} re f Q\n"),
        "total-ink",
        "error",
        None,
        "total ink 400 % exceeds 240 %",
    ),
    (
        "total-ink-image",
        Spec(CLEAN + _draw_image(), resources=_image(200, fill=255)),
        "total-ink",
        "error",
        None,
        "total ink 400 % exceeds 240 %",
    ),
]
CONTROLS = [
    ("clean", Spec()),
    (
        "black-overprinting-red",
        Spec(
            CLEAN + f"q {RED} {at(55, 40)} {40 * MM:.2f} {30 * MM:.2f} re f Q q /KOver gs 0 0 0 1 k BT /F1 14 Tf"
            f" {at(58, 25)} Td (Black on red) Tj ET Q\n"
        ),
    ),
    ("registration-marks-in-slug", Spec(CLEAN + "q /Reg CS 1 SCN 0.5 w 2 2 m 20 2 l S Q\n", resources=REGISTRATION)),
    (
        "small-400-percent-dot",
        Spec(CLEAN + f"q 1 1 1 1 k {at(70, 10)} {1.5 * MM:.2f} {1.5 * MM:.2f} re f Q\n"),
    ),  # 2.25 mm²: under the tolerance
    ("300-ppi-image", Spec(CLEAN + _draw_image(), resources=_image(236))),
    (
        "thick-k-rule-knocking-out",
        Spec(CLEAN + f"q 0 0 0 1 K 3 w {at(12, 80)} m {at(48, 80)} l S Q\n"),
    ),  # 3 pt: not a thin line
]


@pytest.mark.parametrize("name, spec, code, newspaper, pdfx1a, words", CASES, ids=[c[0] for c in CASES])
def test_each_defect_gives_its_finding_and_only_it(tmp_path, name, spec, code, newspaper, pdfx1a, words):
    path = corpus.build(tmp_path / f"{name}.pdf", spec)
    for profile, level in (("newspaper", newspaper), ("pdfx1a", pdfx1a)):
        report = preflight(path, profile=profile)
        found = [f for f in report.findings if f.code == code]
        others = [f.line() for f in report.findings if f.level != "info" and f.code != code]
        assert not others, others  # one defect, one finding
        if level is None:
            assert not found, [f.line() for f in found]
            continue
        assert found and all(f.level == level for f in found), [f.line() for f in report.findings]
        assert any(words in f.message for f in found), [f.line() for f in found]
        assert RULES[code][("pdfx1a", "newspaper").index(profile)] == level


@pytest.mark.parametrize("name, spec", CONTROLS, ids=[c[0] for c in CONTROLS])
def test_controls_pass_both_profiles_strictly(tmp_path, name, spec):
    path = corpus.build(tmp_path / f"{name}.pdf", spec)
    for profile in ("newspaper", "pdfx1a"):
        report = preflight(path, profile=profile, strict=True)
        assert not [f.line() for f in report.findings if f.level != "info"]


def test_black_overprinting_red_reports_its_peak_as_tolerated(tmp_path):
    path = corpus.build(tmp_path / "k-on-red.pdf")  # 12 pt 100 % K text at 15 mm, 70 mm on the red panel
    (line,) = [f for f in preflight(path).findings if "total ink" in f.message]
    assert line.message == "total ink 300 % in a 100 % K overprint, tolerated; elsewhere at most 210 % (limit 240 %)"
    assert line.page == 1 and (line.x_mm, line.y_mm) == pytest.approx(
        (15, 70 - 0.8 * 12 / MM), abs=0.1
    )  # the em box's top


def test_findings_carry_page_and_position_in_mm(tmp_path):
    path = corpus.build(tmp_path / "thin.pdf", CASES[16][1])
    (finding,) = [f for f in preflight(path).findings if f.code == "thin-line-plates"]
    assert finding.page == 1
    assert (finding.x_mm, finding.y_mm) == pytest.approx((55, 10 - 0.125 / MM), abs=0.1)  # the stroke's top-left edge
    assert "x 55.0 mm, y 10.0 mm from the top-left" in finding.line()


def test_strict_makes_warnings_errors(tmp_path):
    path = corpus.build(tmp_path / "sizes.pdf", CASES[1][1])
    assert main(["preflight", "--profile", "pdfx1a", str(path)]) == 0  # a warning in pdfx1a
    assert main(["preflight", "--profile", "pdfx1a", "--strict", str(path)]) == 1


def test_json_output_follows_its_schema(tmp_path, capsys):
    from hengyang_print.cli.common import ROOT

    from ..cli.conftest import validator

    good, bad = corpus.build(tmp_path / "good.pdf"), corpus.build(tmp_path / "bad.pdf", CASES[0][1])
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
        assert "total ink 210 % exceeds 200 %" in capsys.readouterr().out
        assert main(["preflight", "--layout", str(layout), "--max-ink", "220", str(path)]) == 0  # the option wins
    finally:
        layout.unlink()
