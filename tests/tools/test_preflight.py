"""`hengyang-print preflight`: passes our page, and flags each rule broken on purpose in PDFs made here.

Broken files come two ways: a plain ReportLab page (RGB, Helvetica, no PDF/X keys), and our own good page
with one thing changed by pikepdf, so that each finding is traced to exactly that change.
"""

from __future__ import annotations

import pikepdf
import pytest
from pikepdf import Name
from reportlab.pdfgen.canvas import Canvas

from hengyang_print.cli.common import ROOT
from hengyang_print.cli.main import main
from hengyang_print.run.build import build
from hengyang_print.tools.preflight import preflight


def _errors(path, **kw) -> list[str]:
    return [f.line() for f in preflight(path, **kw).findings if f.level == "error"]


def _plain_page(path, draw) -> None:
    """A ReportLab page with nothing done for print, then `draw(canvas)` on it."""
    canvas = Canvas(str(path), pagesize=(300, 300))
    draw(canvas)
    canvas.showPage()
    canvas.save()


def _mutated(default_pdf, tmp_path, change, version: str | None = None):
    """Our good page with `change(pdf)` applied by pikepdf."""
    out = tmp_path / "changed.pdf"
    with pikepdf.open(default_pdf) as pdf:
        change(pdf)
        pdf.save(out, force_version=version)
    return out


# ---------------------------------------------------------------- our page


@pytest.mark.parametrize("profile", ["newspaper", "pdfx1a"])
def test_the_default_page_passes_strictly(default_pdf, profile, capsys):
    report = preflight(default_pdf, profile=profile, strict=True)
    assert report.errors == 0 and report.warnings == 0, [f.line() for f in report.findings]
    assert main(["preflight", "--strict", "--profile", profile, str(default_pdf)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{default_pdf}: PASS: 0 errors, 0 warnings ({profile}, strict)"
    assert any("output intent IFRA26" in line for line in out)


SHIPPED = [(c, l) for l in sorted((ROOT / "layout").glob("*.yaml")) for c in sorted((ROOT / "content").glob("*.yaml"))]


@pytest.mark.parametrize("content, layout", SHIPPED, ids=[f"{c.stem}-{l.stem}" for c, l in SHIPPED])
def test_every_shipped_page_passes_strictly_and_the_build_notes_no_plate_problem(tmp_path, content, layout):
    result = build(content, layout)
    assert not [n for n in result.report.notes if "plate" in n or n.startswith("black text")]
    path = tmp_path / "page.pdf"
    path.write_bytes(result.pdf)
    for profile in ("newspaper", "pdfx1a"):
        report = preflight(path, profile=profile, strict=True)
        assert report.errors == 0, [f.line() for f in report.findings if f.level != "info"]


def test_the_default_profile_is_newspaper(default_pdf, capsys):
    assert main(["preflight", str(default_pdf)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("(newspaper)")


def test_the_default_page_total_ink_is_its_red(default_pdf, default_build):
    """The red (0/100/100/10) is the most ink on the page: no black text lies on it (black overprints paper only)."""
    (tac,) = [f for f in preflight(default_pdf).findings if "total ink" in f.message]
    red = round(max(sum(c) for name, c in default_build.layout.colors.items() if name != "black"))
    assert tac.message == f"total ink at most {red} % (limit 240 %)"
    assert (tac.x_mm, tac.y_mm) == (
        20.0,
        18.0,
    )  # the top left of the 2 pt red rule above the headline: 27 - 9 mm, margin 20 mm


# ---------------------------------------------------------------- a plain ReportLab page


def test_a_plain_reportlab_page_fails_on_every_count(tmp_path, capsys):
    path = tmp_path / "plain.pdf"

    def draw(c):
        c.setFillColorRGB(1, 0, 0)
        c.rect(20, 20, 100, 100, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 12)
        c.drawString(20, 250, "Hello")

    _plain_page(path, draw)
    errors = "\n".join(_errors(path))
    for expected in (
        "font Helvetica is not embedded",
        "DeviceRGB colour (rg)",
        "no /TrimBox",
        "0 /GTS_PDFX output intents",
        "Info /GTS_PDFXVersion is ''",
    ):
        assert expected in errors
    assert main(["preflight", "-q", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(f"{path}: FAIL: ") and not any(": info: " in line for line in out)
    assert all(line.startswith(f"{path}: ") for line in out)


@pytest.mark.parametrize(
    "draw, expected",
    [
        (
            lambda c: (c.setFillColorCMYK(0.6, 0.4, 0.4, 1), c.drawString(20, 20, "rich")),
            "black text is rich black (C60 M40 Y40 K100)",
        ),
        (lambda c: (c.setFillColorCMYK(0, 0, 0, 1), c.drawString(20, 20, "knock")), "100 % K text does not overprint"),
        (
            lambda c: (c.setFillGray(0), c.drawString(20, 20, "gray")),
            "100 % K text does not overprint: it knocks out; set it as DeviceCMYK 0 0 0 1 with /op",
        ),
        (lambda c: (c.setFillColorCMYK(0, 0, 0, 1, alpha=0.5), c.rect(0, 0, 9, 9, fill=1)), "transparency"),
        (
            lambda c: (
                c.beginForm("logo"),
                c.setStrokeColorRGB(0, 0, 1),
                c.line(0, 0, 9, 9),
                c.endForm(),
                c.doForm("logo"),
            ),
            "form /FormXob.logo: DeviceRGB colour (RG)",
        ),
    ],
    ids=["rich-black", "no-overprint", "gray-black", "alpha", "rgb-in-form"],
)
def test_each_colour_rule_is_flagged(tmp_path, draw, expected):
    path = tmp_path / "one.pdf"
    _plain_page(path, draw)
    assert any(expected in e for e in _errors(path)), _errors(path)


def test_rgb_images_and_small_process_type(tmp_path):
    from PIL import Image

    path = tmp_path / "image.pdf"
    picture = tmp_path / "p.png"
    Image.new("RGB", (20, 20), (200, 30, 30)).save(picture)

    def draw(c):
        c.drawImage(str(picture), 10, 10, 100, 100)  # 20 px over 100 pt: 14 ppi
        c.setFillColorCMYK(0.5, 0.5, 0, 0)
        c.setFont("Helvetica", 8)
        c.drawString(20, 200, "small")

    _plain_page(path, draw)
    findings = [f.line() for f in preflight(path).findings]
    assert any("image /FormXob" in f or "image" in f and "DeviceRGB colour (image)" in f for f in findings), findings
    assert any("image at 14 ppi" in f for f in findings)
    assert any("8.0 pt text on 2 plates" in f for f in findings)


def test_total_ink_over_the_limit_is_an_error_with_its_place(tmp_path):
    path = tmp_path / "ink.pdf"
    _plain_page(path, lambda c: (c.setFillColorCMYK(1, 1, 1, 1), c.rect(72, 300 - 72 - 36, 72, 36, fill=1, stroke=0)))
    (error,) = [e for e in _errors(path) if "total ink" in e]
    assert "total ink 400 %, over the limit of 240 %" in error
    assert "x 25.4 mm, y 25.4 mm from the top-left" in error  # the box's top-left corner, 1 in from each edge
    assert not [e for e in _errors(path, max_ink=400) if "total ink" in e]


# ---------------------------------------------------------------- our page, one thing changed


def _drop_overprint(pdf):
    for state in pdf.pages[0].Resources.ExtGState.values():
        if "/op" in state:
            del state["/op"]


def _trim_outside_media(pdf):
    media = [float(v) for v in pdf.pages[0].MediaBox]
    pdf.pages[0].obj.TrimBox = [0, 0, media[2] + 10, media[3]]


def _trim_outside_bleed(pdf):
    media = [float(v) for v in pdf.pages[0].MediaBox]
    pdf.pages[0].obj.BleedBox = [10, 10, media[2] - 10, media[3] - 10]


def _grow_bleed_past_media(pdf):
    media = [float(v) for v in pdf.pages[0].MediaBox]
    pdf.pages[0].obj.BleedBox = [-5, -5, media[2] + 5, media[3] + 5]


CHANGES = [
    (_drop_overprint, None, "100 % K text does not overprint"),
    (lambda pdf: pdf.pages[0].obj.__setitem__("/ArtBox", pdf.pages[0].obj.TrimBox), None, "both /TrimBox and /ArtBox"),
    (lambda pdf: pdf.pages[0].obj.__delitem__("/TrimBox"), None, "no /TrimBox"),
    (_trim_outside_media, None, "TrimBox is not inside the MediaBox"),
    (_trim_outside_bleed, None, "TrimBox is not inside the BleedBox"),
    (_grow_bleed_past_media, None, "BleedBox is not inside the MediaBox"),
    (lambda pdf: pdf.docinfo.__delitem__("/Trapped"), None, "Info /Trapped is None"),
    (
        lambda pdf: pdf.docinfo.__setitem__("/GTS_PDFXConformance", "PDF/X-3:2002"),
        None,
        "/GTS_PDFXConformance is 'PDF/X-3:2002'",
    ),
    (lambda pdf: pdf.docinfo.__delitem__("/ModDate"), None, "Info /ModDate is missing"),
    (lambda pdf: pdf.Root.OutputIntents.append(pdf.Root.OutputIntents[0]), None, "2 /GTS_PDFX output intents"),
    (
        lambda pdf: pdf.Root.OutputIntents[0].__delitem__("/RegistryName"),
        None,
        "neither an ICC profile nor a /RegistryName",
    ),
    (lambda pdf: None, "1.4", "PDF 1.4 (PDF/X-1a:2001 needs ≤ 1.3)"),
    (
        lambda pdf: pdf.Root.__setitem__("/OpenAction", pikepdf.Dictionary(S=Name.JavaScript, JS="app.alert(1)")),
        None,
        "JavaScript",
    ),
]


@pytest.mark.parametrize("change, version, expected", CHANGES, ids=[c[2][:28] for c in CHANGES])
def test_one_change_to_our_page_gives_exactly_its_error(default_pdf, tmp_path, change, version, expected):
    errors = _errors(_mutated(default_pdf, tmp_path, change, version))
    assert len(errors) == 1 and expected in errors[0], errors


def test_encrypted_pdf_is_an_error(default_pdf, tmp_path):
    out = tmp_path / "locked.pdf"
    with pikepdf.open(default_pdf) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="", R=4))
    assert any("encrypted" in e for e in _errors(out))


def test_the_command_line_starts_without_pikepdf():
    """Registering the preflight command must not import its reader: every command pays for what it loads."""
    import subprocess
    import sys

    code = "import sys; from hengyang_print.cli.main import parser; parser(); print('pikepdf' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
        == "False"
    )
