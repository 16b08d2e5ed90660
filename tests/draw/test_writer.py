"""Our own PDF writer (draw/writer.py) against ReportLab (draw/pdf.py, kept as the oracle): the very same bytes
on every page the tests and the content build, on every print setting, and the parts alike one by one."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import replace

import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.draw import draw, lines, pdfsyntax, subsets
from hengyang_print.draw.pdf import ReportLabDrawer
from hengyang_print.draw.writer import PDFWriter
from hengyang_print.model import ShapeItem
from hengyang_print.run.build import make_page

CONTENTS = [
    *sorted((ROOT / "content").glob("*.yaml")),
    *sorted((ROOT / "tests" / "pages" / "content").glob("*.yaml")),
    *sorted((ROOT / "tests" / "data").rglob("*.yaml")),
]
LAYOUTS = [ROOT / "layout" / name for name in ("broadsheet.yaml", "tabloid.yaml", "tabloid-sidebar.yaml")]
FONTS = sorted((ROOT / "fonts").glob("*.ttf"))
SHIPPED = {  # sha256 (first 16 hex) of the six shipped pages as ReportLab's drawer wrote them before the writer
    # (the tabloids since their badge numerals went 13 -> 14 pt, reversed out of red)
    ("hengyang-2018", "broadsheet"): "316ad29042f04ae2",
    ("hengyang-2018", "tabloid"): "b3469f34a6423c02",
    ("hengyang-2018", "tabloid-sidebar"): "2e1d84760b386206",
    ("hengyang-2019", "broadsheet"): "c4e1408a543ca0d4",
    ("hengyang-2019", "tabloid"): "bbace5e051b0810b",
    ("hengyang-2019", "tabloid-sidebar"): "67a69a867642fece",
}


def both(page) -> tuple[bytes, bytes]:
    """The page by ReportLab and by the writer, each drawing every line afresh (no line drawn before reused)."""
    lines._drawn.clear()
    oracle = draw(page, ReportLabDrawer())
    lines._drawn.clear()
    ours = draw(page, PDFWriter())
    return oracle, ours


@pytest.fixture(scope="module")
def default_page(default_build):
    return default_build.page


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("content", CONTENTS, ids=lambda p: p.stem)
def test_every_page_is_written_as_reportlab_writes_it(content, layout, monkeypatch):
    monkeypatch.setenv("HENGYANG_PRINT_NO_CACHE", "1")  # lines and subsets made here, not taken from a build before
    page = make_page(content, layout, allow_overset=True)[2]
    oracle, ours = both(page)
    assert ours == oracle
    if (content.stem, layout.stem) in SHIPPED:
        assert hashlib.sha256(ours).hexdigest()[:16] == SHIPPED[content.stem, layout.stem]


@pytest.mark.parametrize("layout", LAYOUTS[:2], ids=lambda p: p.stem)
def test_overset_pages_are_written_as_reportlab_writes_them(layout, tmp_path, monkeypatch):
    """Overset text set anyway (--allow-overset), with its marks: the compose stress page and a page 40 lines over."""
    from ..compose.test_compose_stress import STRESS
    from ..place.fitcases import variant

    monkeypatch.setenv("HENGYANG_PRINT_NO_CACHE", "1")
    for content in (STRESS, variant(tmp_path, layout, "over", 40)):
        _, _, page, report = make_page(content, layout, allow_overset=True, fit=False)
        oracle, ours = both(page)
        assert ours == oracle
    assert report.overset  # the marks are drawn


SETTINGS = {
    "crop marks and bleed": dict(crop_marks=True, bleed=8.5, mark_length=14.17, mark_offset=5.67, mark_weight=0.25),
    "bleed alone": dict(bleed=3 * 72 / 25.4),
    "crop marks alone": dict(crop_marks=True, mark_length=10, mark_offset=3, mark_weight=0.5),
    "PDF 1.4": dict(pdf_version=(1, 4)),
    "no overprint": dict(black_overprint=False),
    "another condition": dict(output_condition="FOGRA (own) \\ é", registry_name="报社"),
}


@pytest.mark.parametrize("changes", SETTINGS.values(), ids=SETTINGS.keys())
def test_every_print_setting_is_written_as_reportlab_writes_it(default_page, changes):
    page = replace(default_page, print=replace(default_page.print, **changes))
    oracle, ours = both(page)
    assert ours == oracle


@pytest.mark.parametrize("space", [b"CMYK", b"GRAY"])
def test_an_icc_output_profile_is_written_as_reportlab_writes_it(default_page, tmp_path, space):
    profile = tmp_path / "profile.icc"
    profile.write_bytes(b"\0" * 16 + space + bytes(range(256)) * 8)  # draw reads only the colour space
    page = replace(default_page, print=replace(default_page.print, icc_profile=str(profile)))
    oracle, ours = both(page)
    assert ours == oracle and b"/DestOutputProfile" in ours


def test_source_date_epoch_dates_the_document_alike(default_page, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    oracle, ours = both(default_page)
    assert ours == oracle and b"(D:20231114221320+00'00')" in ours


def test_pages_without_text_or_with_only_shapes_are_written_alike(default_page):
    shapes = [i for i in default_page.items if isinstance(i, ShapeItem)]
    circle = replace(shapes[0], kind="circle")
    for items in ((), tuple(shapes), (circle, *shapes)):
        oracle, ours = both(replace(default_page, items=items))
        assert ours == oracle


def test_a_character_beyond_the_bmp_is_written_alike_its_tounicode_a_surrogate_pair(default_page):
    """𫖮 (U+2B5AE): ReportLab's CMap mended (rlfonts.py) and ours (subsets.py) give the same UTF-16 pair."""
    items = list(default_page.items)
    at = next(n for n, i in enumerate(items) if hasattr(i, "glyphs") and len(i.glyphs) > 3)
    glyphs = items[at].glyphs
    items[at] = replace(items[at], glyphs=(replace(glyphs[0], char="\U0002b5ae"), *glyphs[1:]))
    oracle, ours = both(replace(default_page, items=tuple(items)))
    assert ours == oracle
    streams = [zlib.decompress(data) for data in re.findall(rb"\nstream\n(.*?)endstream\n", ours, re.S)]
    assert any(s.startswith(b"/CIDInit") and b"> <D86DDDAE>\n" in s for s in streams)


def test_a_font_without_tables_is_read_by_reportlab_and_written_alike(default_page, tmp_path, monkeypatch):
    """A face whose tables are missing is parsed by ReportLab (subsets.face); the page comes out the same."""
    copies = {}
    for font in FONTS:
        copies[str(font)] = str(shutil.copy(font, tmp_path / font.name))  # no .tables beside the copy
    moved = tuple(
        replace(i, font=copies[i.font], fallback=tuple(copies[f] for f in i.fallback)) if hasattr(i, "glyphs") else i
        for i in default_page.items
    )
    oracle, ours = both(replace(default_page, items=moved))
    assert ours == oracle


# ---------------------------------------------------------------- the parts, against ReportLab's own


def test_numbers_strings_and_names_are_formatted_as_reportlab_formats_them():
    from reportlab.lib.rl_accel import escapePDF, fp_str
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.rl_codecs import RL_Codecs

    rng = random.Random(7)
    numbers = [0, 1, -1, 0.5, -0.5, 1e-7, 2e-7, 1e6, 999999.95, 0.99999995, 1105.512, 99.9999999]
    numbers += [rng.choice((-1, 1)) * 10 ** rng.uniform(-8, 7) for _ in range(20000)]
    numbers += [round(n, rng.randint(0, 7)) for n in numbers[:5000]]
    assert [pdfsyntax.fp_str(n) for n in numbers] == [fp_str(n) for n in numbers]
    assert pdfsyntax.fp_str(1, 2.5, -0.25) == fp_str(1, 2.5, -0.25)
    every_byte = bytes(range(256))
    assert pdfsyntax.escape(every_byte) == escapePDF(every_byte) and pdfsyntax.escape(b"abc") == escapePDF(b"abc")
    for text in ["", "hengyang-print", "衡阳 (2018)", "back\\slash ()", "é€•ß", "𫖮 U+2B5AE", "\t\n\r"]:
        assert pdfsyntax.string(text) == pdfdoc.PDFString(text).format(pdfdoc.DummyDoc()), text
    for text in ["F1+0", "AAAAAA+Noto Serif#(x)", "é"]:
        assert pdfsyntax.name(text) == pdfdoc.PDFName(text).encode(), text
    codec = RL_Codecs._RL_Codecs__rl_codecs("pdfdoc")  # ReportLab's own: pikepdf registers a "pdfdoc" of its own
    for ch in map(chr, range(0x3000)):  # PDFDocEncoding as ReportLab has it
        try:
            want = codec.encode(ch)[0]
        except UnicodeEncodeError:
            want = None
        assert pdfsyntax.pdfdoc(ch) == want, hex(ord(ch))


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.stem)
def test_a_face_from_its_tables_has_reportlab_s_values_and_codes(font):
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfbase.ttfonts import TTFont

    parsed = TTFont("HY-test", str(font), asciiReadable=0)
    face = subsets.face(str(font))
    assert face.name == bytes(parsed.face.name) + parsed.face.subfontNameX
    assert face.descriptor["FontBBox"] == list(parsed.face.bbox) and face.default_width == parsed.face.defaultWidth
    codes = sorted(parsed.face.charToGlyph)
    assert all(face.width(c) == parsed.face.getCharWidth(c) for c in codes[::7] + [0x10FFFF])
    # codes assigned in the order of first use, 256 to a subset, a missing character 0, U+00A0 the space
    rng = random.Random(font.name)
    text = (
        "".join(chr(rng.choice(codes)) for _ in range(1500)) + "\xa0 \U0010ffff" + "".join(chr(c) for c in codes[:40])
    )
    doc = PDFDocument()
    want = [n for part in (parsed.splitString(ch, doc) for ch in text) for s, b in part for n in [s << 8 | b[0]]]
    ours = subsets.Subsets(face)
    assert [ours.code(ord(ch)) for ch in text] == want
    assert ours.subsets == parsed.state[doc].subsets and len(ours.subsets) > 2


def test_the_reportlab_version_is_read_without_importing_it():
    import reportlab

    assert subsets.REPORTLAB_VERSION == reportlab.Version


def test_a_warm_build_imports_no_reportlab(tmp_path):
    """With the cache warm (subset programs remembered), building the page imports nothing of ReportLab."""
    env = {"HENGYANG_PRINT_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-X", "importtime", "-m", "hengyang_print", "build", "content/hengyang-2018.yaml", "-o"]
    runs = [
        subprocess.run(
            [*command, str(tmp_path / f"{n}.pdf")], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        for n in range(2)
    ]
    imported = [
        {
            line.rsplit("|", 1)[-1].strip().split(".")[0]
            for line in run.stderr.splitlines()
            if line.startswith("import time:")
        }
        for run in runs
    ]
    assert "reportlab" in imported[0]  # cold: the subset programs are made by ReportLab
    assert "reportlab" not in imported[1] and "_rl_accel" not in imported[1] and "hengyang_print" in imported[1]
    assert (tmp_path / "0.pdf").read_bytes() == (tmp_path / "1.pdf").read_bytes()


def test_a_photo_is_separated_once_a_file_version_and_written_alike(tmp_path, monkeypatch):
    """The image object (separated, compressed pixels and their digest) comes from the cache in a later
    build; a photo file replaced is separated afresh."""
    from hengyang_print.draw import photos

    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    page = make_page(ROOT / "content" / "hengyang-2019.yaml", LAYOUTS[0])[2]
    oracle, first = both(page)
    assert first == oracle
    separated = []
    real = photos.cmyk_image
    monkeypatch.setattr(photos, "cmyk_image", lambda path: separated.append(path) or real(path))
    assert draw(page, PDFWriter()) == first and separated == []
    copy = tmp_path / "photo.jpg"
    shutil.copy(next(i.path for i in page.items if hasattr(i, "image")), copy)
    moved = replace(page, items=tuple(replace(i, path=str(copy)) if hasattr(i, "image") else i for i in page.items))
    assert draw(moved, PDFWriter()) == first and separated == [str(copy)]
