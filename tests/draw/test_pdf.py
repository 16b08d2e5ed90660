"""The print PDF as ReportLab draws it and pdfx.finish completes it: each print setting, the edge cases of a
page, and the same bytes for the same page."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace

import pikepdf
import pypdfium2 as pdfium
import pytest

from hengyang_print.cli.common import ROOT
from hengyang_print.draw import draw
from hengyang_print.model import ShapeItem, TextItem

FONTS = sorted((ROOT / "fonts").glob("*.ttf"))


@pytest.fixture(scope="module")
def default_page(default_build):
    return default_build.page


def read_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


@pytest.mark.parametrize(("space", "components"), [(b"CMYK", 4), (b"GRAY", 1)])
def test_an_icc_output_profile_is_embedded_in_the_output_intent(default_page, tmp_path, space, components):
    profile = tmp_path / "profile.icc"
    data = b"\0" * 16 + space + bytes(range(256)) * 8  # draw reads only the colour space
    profile.write_bytes(data)
    pdf = draw(replace(default_page, print=replace(default_page.print, icc_profile=str(profile))))
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        (intent,) = doc.Root.OutputIntents
        stream = intent.DestOutputProfile
        assert stream.read_bytes() == data and int(stream.N) == components


def test_source_date_epoch_dates_the_document(default_page, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = draw(default_page)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert str(doc.docinfo.CreationDate) == str(doc.docinfo.ModDate) == "D:20231114221320+00'00'"


def test_pages_without_text_or_with_only_shapes_are_drawn(default_page):
    shapes = [i for i in default_page.items if isinstance(i, ShapeItem)]
    circle = replace(shapes[0], kind="circle")
    for items in ((), tuple(shapes), (circle, *shapes)):
        pdf = draw(replace(default_page, items=items))
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            assert len(doc.pages) == 1 and doc.Root.OutputIntents


def test_a_character_beyond_the_bmp_reads_back_through_a_surrogate_pair(default_page):
    """𫖮 (U+2B5AE): ReportLab writes <2B5AE> in the ToUnicode CMap, which readers cannot decode; pdfx.finish
    writes the UTF-16 pair, so PDFium reads the character back."""
    items = list(default_page.items)
    at = next(n for n, i in enumerate(items) if isinstance(i, TextItem) and len(i.glyphs) > 3)
    glyphs = items[at].glyphs
    items[at] = replace(items[at], glyphs=(replace(glyphs[0], char="\U0002b5ae"), *glyphs[1:]))
    pdf = draw(replace(default_page, items=tuple(items)))
    assert "\U0002b5ae" in read_text(pdf)


def test_a_font_without_tables_gives_the_same_pdf(default_page, tmp_path):
    """A face whose tables are missing is measured by parsing it; the page comes out byte for byte the same
    but for the fonts' file paths, which the PDF does not carry."""
    copies = {str(font): str(shutil.copy(font, tmp_path / font.name)) for font in FONTS}  # no .tables beside
    moved = tuple(
        replace(i, font=copies[i.font], fallback=tuple(copies[f] for f in i.fallback)) if isinstance(i, TextItem) else i
        for i in default_page.items
    )
    assert draw(replace(default_page, items=moved)) == draw(default_page)


def test_no_slide_transition_and_no_object_streams(default_build):
    with pikepdf.open(io.BytesIO(default_build.pdf)) as doc:
        assert "/Trans" not in doc.pages[0].obj
        assert not any(isinstance(o, pikepdf.Stream) and o.get("/Type") == "/ObjStm" for o in doc.objects)
    assert default_build.pdf.startswith(b"%PDF-1.3")


def test_every_run_of_a_line_is_one_text_object(default_build):
    """One BT … ET a line: a reader sees each line as the unit composition made."""
    with pikepdf.open(io.BytesIO(default_build.pdf)) as doc:
        content = doc.pages[0].Contents.read_bytes()
    lines = [t for t in default_build.page.texts() if t.glyphs]
    assert content.count(b"BT") == content.count(b"ET") == len(lines)
