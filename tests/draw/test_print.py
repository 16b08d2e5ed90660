"""The built page as a print plant reads it: PDF/X-1a:2001 keys, DeviceCMYK only, 100 % K text overprinting,
page boxes, crop marks and bleed, total ink (Ghostscript, when installed) and byte-identical rebuilds.

Everything is read back from the PDF bytes with pikepdf (a walk of its own, not the preflight's) and
compared with the layout spec and the display list.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT, ROOT
from hengyang_print.errors import BuildError
from hengyang_print.load.loader import load_layout
from hengyang_print.model import ShapeItem
from hengyang_print.run.build import build

MM = 72 / 25.4


def _open(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def _paint_states(doc: pikepdf.Pdf):
    """Yield (operator, operands, fill, stroke, op, opm) for each operator of page 1, tracking q/Q and gs."""
    page = doc.pages[0]
    states = pikepdf.Dictionary() if "/ExtGState" not in page.Resources else page.Resources.ExtGState
    fill, stroke, op, opm, stack = None, None, False, 0, []
    for operands, operator in pikepdf.parse_content_stream(page.obj):
        name = str(operator)
        if name == "q":
            stack.append((fill, stroke, op, opm))
        elif name == "Q":
            fill, stroke, op, opm = stack.pop()
        elif name == "k":
            fill = tuple(float(v) for v in operands)
        elif name == "K":
            stroke = tuple(float(v) for v in operands)
        elif name == "gs":
            state = states[operands[0]]
            op = bool(state.get("/op", state.get("/OP", op)))
            opm = int(state.get("/OPM", opm))
        yield name, operands, fill, stroke, op, opm


def _colours_used(page) -> set[tuple]:
    """The CMYK colours the display list paints with."""
    return {i.color for i in page.texts()} | {i.fill for i in page.items if isinstance(i, ShapeItem)}


def _layout_with_print(tmp_path: Path, print_yaml: str) -> Path:
    """The broadsheet layout with another `print:` section, in a folder whose fonts/ is the project's."""
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    (tmp_path / "hengyang-print.toml").touch()  # the project folder: the layout may name files anywhere in it
    text = DEFAULT_LAYOUT.read_text(encoding="utf-8")
    text = text[: text.index("\nprint:")] + "\nprint:\n" + print_yaml
    path = tmp_path / "layout" / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- identification


def test_pdf_x1a_2001_identification(default_build):
    doc = _open(default_build.pdf)
    assert default_build.pdf.startswith(b"%PDF-1.3\n")
    assert doc.pdf_version == "1.3" and not doc.is_encrypted
    info = doc.docinfo
    assert str(info.Title) == default_build.content.headline
    assert info.Trapped == Name("/False")
    assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001"
    assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
    assert re.fullmatch(r"D:\d{14}.*", str(info.CreationDate)) and "/ModDate" in info
    ids = doc.trailer.ID
    assert len(ids) == 2 and all(len(bytes(i)) == 16 for i in ids)


def test_one_output_intent_names_the_newsprint_condition(default_build):
    settings = default_build.layout.print
    doc = _open(default_build.pdf)
    intents = doc.Root.OutputIntents
    assert len(intents) == 1
    intent = intents[0]
    assert intent.S == Name.GTS_PDFX and intent.Type == Name.OutputIntent
    assert str(intent.OutputConditionIdentifier) == settings.output_condition == "IFRA26"
    assert str(intent.RegistryName) == "http://www.color.org"
    assert "/DestOutputProfile" not in intent  # a registered name needs no profile


def test_no_transparency_actions_or_transitions(default_build):
    doc = _open(default_build.pdf)
    page = doc.pages[0].obj
    assert "/Trans" not in page and "/Group" not in page and "/AA" not in doc.Root and "/OpenAction" not in doc.Root
    for state in page.Resources.get("/ExtGState", {}).values():
        assert "/SMask" not in state and "/ca" not in state and "/CA" not in state and "/BM" not in state


def test_every_font_is_embedded(default_build):
    doc = _open(default_build.pdf)
    fonts = doc.pages[0].Resources.Font
    assert len(fonts) >= len(default_build.layout.fonts)
    for font in fonts.values():
        assert "/FontFile2" in font.FontDescriptor, font.BaseFont


# ---------------------------------------------------------------- colour


def test_only_devicecmyk_colours_from_the_layout(default_build):
    layout = default_build.layout
    allowed = {tuple(v / 100 for v in cmyk) for cmyk in layout.colors.values()}
    used = set()
    for name, operands, *_ in _paint_states(_open(default_build.pdf)):
        assert name not in ("rg", "RG", "g", "G", "cs", "CS", "sc", "scn", "SC", "SCN", "sh"), name
        if name == "k":
            used.add(tuple(round(float(v), 4) for v in operands))
    assert used and used <= {tuple(round(v, 4) for v in c) for c in allowed}
    assert len(used) == len(_colours_used(default_build.page))


def test_black_text_is_k_only_and_overprints_other_text_knocks_out(default_build):
    black_lines = sum(1 for t in default_build.page.texts() if tuple(t.color) == (0, 0, 0, 100))
    seen_black = 0
    for name, _, fill, _, op, opm in _paint_states(_open(default_build.pdf)):
        if name == "BT":
            if fill == (0, 0, 0, 1):
                seen_black += 1
                assert op and opm == 1
            else:
                assert not op  # white on red must knock out, or it would vanish
    assert black_lines > 100 and seen_black == black_lines


# ---------------------------------------------------------------- boxes


def test_default_page_has_no_bleed_and_no_marks(default_build):
    trim = default_build.layout.trim
    doc = _open(default_build.pdf)
    page = doc.pages[0].obj
    media = [float(v) for v in page.MediaBox]
    assert media == pytest.approx([0, 0, trim.width, trim.height], abs=0.01)
    assert [float(v) for v in page.TrimBox] == pytest.approx(media, abs=0.01)
    assert "/BleedBox" not in page and "/ArtBox" not in page
    assert not {"K", "S", "s", "B", "b"} & {name for name, *_ in _paint_states(doc)}  # no marks: nothing is stroked


def test_bleed_and_crop_marks_variant(tmp_path):
    layout = _layout_with_print(tmp_path, "  bleed: 3mm\n  crop_marks: {length: 5mm, offset: 2mm, weight: 0.25pt}\n")
    result = build(DEFAULT_CONTENT, layout)
    trim = result.layout.trim
    doc = _open(result.pdf)
    page = doc.pages[0].obj
    slug = (3 + 2 + 5) * MM
    media = [float(v) for v in page.MediaBox]
    trim_box = [float(v) for v in page.TrimBox]
    bleed_box = [float(v) for v in page.BleedBox]
    assert media == pytest.approx([0, 0, trim.width + 2 * slug, trim.height + 2 * slug], abs=0.01)
    assert trim_box == pytest.approx([slug, slug, slug + trim.width, slug + trim.height], abs=0.01)
    assert bleed_box == pytest.approx(
        [trim_box[0] - 3 * MM, trim_box[1] - 3 * MM, trim_box[2] + 3 * MM, trim_box[3] + 3 * MM], abs=0.01
    )
    assert media[0] < bleed_box[0] < trim_box[0] and trim_box[2] < bleed_box[2] < media[2]

    segments, point = [], None
    for name, operands, _, stroke, *_ in _paint_states(doc):
        if name == "m":
            point = tuple(float(v) for v in operands)
        elif name == "l":
            end = tuple(float(v) for v in operands)
            segments.append((point, end, stroke))
    assert len(segments) == 8
    for (x0, y0), (x1, y1), stroke in segments:
        assert stroke == (1, 1, 1, 1)  # registration: every plate, DeviceCMYK
        assert pytest.approx(abs(x1 - x0) + abs(y1 - y0), abs=0.01) == 5 * MM
        on_trim_line = (x0 == x1 and any(abs(x0 - t) < 0.01 for t in (trim_box[0], trim_box[2]))) or (
            y0 == y1 and any(abs(y0 - t) < 0.01 for t in (trim_box[1], trim_box[3]))
        )
        assert on_trim_line
        outside_bleed = (
            max(x0, x1) <= bleed_box[0]
            or min(x0, x1) >= bleed_box[2]
            or max(y0, y1) <= bleed_box[1]
            or min(y0, y1) >= bleed_box[3]
        )
        assert outside_bleed and min(x0, x1, y0, y1) >= 0
    # the page content moved with the trim: one translation by the slug, then text where the display list says
    ops = [(name, [float(v) for v in op]) for name, op, *_ in _paint_states(doc) if name in ("cm", "Tm")]
    assert [op for name, op in ops if name == "cm" and op[4]] == [pytest.approx([1, 0, 0, 1, slug, slug])]
    first = result.page.texts()[0]
    tms = [op for name, op in ops if name == "Tm" and op[4]]
    assert tms[0][4] == pytest.approx(first.x + first.glyphs[0].x + first.glyphs[0].ink_dx, abs=0.01)


def test_crop_marks_true_uses_conventional_geometry_and_bad_values_are_located(tmp_path):
    settings = load_layout(_layout_with_print(tmp_path, "  crop_marks: true\n")).print
    assert settings.crop_marks and settings.bleed == 0
    assert (settings.mark_length, settings.mark_offset, settings.mark_weight) == pytest.approx((5 * MM, 2 * MM, 0.25))
    bad = tmp_path / "bad"
    bad.mkdir()
    with pytest.raises(BuildError) as exc:
        load_layout(_layout_with_print(bad, "  crop_marks: {length: 5, colour: red}\n"))
    text = "\n".join(exc.value.messages)
    assert (
        "variant.yaml:" in text
        and "print.crop_marks.length must be a length" in text
        and "unknown key 'colour'" in text
    )


# ---------------------------------------------------------------- ICC profile


def _icc_header(device_class: bytes, space: bytes) -> bytes:
    """A 128-byte ICC header and a table of the tags an output profile has (desc, wtpt, A2B0), each 12
    bytes of zeros: enough to be recognised as whole, not to convert colours."""
    tags = (b"desc", b"wtpt", b"A2B0")
    size = 128 + 4 + 12 * len(tags) + 12 * len(tags)
    head = bytearray(size)
    head[0:4] = size.to_bytes(4, "big")
    head[8:12] = bytes([2, 0x40, 0, 0])
    head[12:16], head[16:20], head[20:24], head[36:40] = device_class, space, b"Lab ", b"acsp"
    head[128:132] = len(tags).to_bytes(4, "big")
    data_at = 132 + 12 * len(tags)
    for i, tag in enumerate(tags):
        head[132 + 12 * i : 144 + 12 * i] = tag + (data_at + 12 * i).to_bytes(4, "big") + (12).to_bytes(4, "big")
    return bytes(head)


def test_user_icc_profile_is_embedded_in_the_output_intent(tmp_path):
    profile = tmp_path / "newsprint.icc"
    profile.write_bytes(_icc_header(b"prtr", b"CMYK"))
    result = build(DEFAULT_CONTENT, _layout_with_print(tmp_path, f"  icc_profile: {profile}\n"))
    doc = _open(result.pdf)
    intent = doc.Root.OutputIntents[0]
    assert intent.DestOutputProfile.read_bytes() == profile.read_bytes()
    assert intent.DestOutputProfile.N == 4 and str(intent.OutputConditionIdentifier) == "IFRA26"


def test_an_rgb_display_profile_is_refused_with_its_location(tmp_path):
    profile = tmp_path / "srgb.icc"
    profile.write_bytes(_icc_header(b"mntr", b"RGB "))
    with pytest.raises(BuildError) as exc:
        load_layout(_layout_with_print(tmp_path, f"  icc_profile: {profile}\n"))
    assert re.search(
        r"variant\.yaml:\d+:\d+: .*'mntrRGB ' profile; PDF/X needs a CMYK output profile", exc.value.messages[0]
    )


# ---------------------------------------------------------------- determinism and ink


def test_two_builds_are_byte_identical(default_build):
    again = build(DEFAULT_CONTENT, DEFAULT_LAYOUT)
    assert again.pdf == default_build.pdf


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript not installed")
def test_total_ink_measured_by_ghostscript_stays_under_the_layout_limit(default_pdf, default_build, tmp_path):
    from PIL import Image  # pdfplumber's dependency: reads Ghostscript's CMYK TIFF

    tiff = tmp_path / "page.tif"
    subprocess.run(
        [
            "gs",
            "-q",
            "-dSAFER",
            "-dNOPAUSE",
            "-dBATCH",
            "-sDEVICE=tiff32nc",
            "-r72",
            f"-sOutputFile={tiff}",
            str(default_pdf),
        ],
        check=True,
    )
    with Image.open(tiff) as image:
        assert image.mode == "CMYK"
        data = image.tobytes()  # C, M, Y, K a pixel (getdata's replacement differs between Pillow 11 and 12)
        tac = max(map(sum, zip(data[0::4], data[1::4], data[2::4], data[3::4]))) * 100 / 255
    layout = default_build.layout
    used = _colours_used(default_build.page)
    heaviest = max(sum(c) for c in used)
    assert tac <= layout.print.max_ink
    assert tac == pytest.approx(heaviest, abs=1)  # nothing stacks: black overprints no coloured area
