"""The build's own reader of the PDF text layer (readback.pdf_text) agrees with pdfplumber, a PDF library,
on what the PDFs we write say, and sees a glyph whose ToUnicode entry is wrong."""

from __future__ import annotations

import io
import re
import zlib

import pdfplumber
import pytest

from hengyang_print.cli.common import DEFAULT_LAYOUT, ROOT
from hengyang_print.run.build import build
from hengyang_print.verify.readback import pdf_text


def plumbed_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return re.sub(r"\s+", "", "".join(c["text"] for page in doc.pages for c in page.chars))


@pytest.mark.parametrize("content", ["hengyang-2018.yaml", "hengyang-2019.yaml"])
def test_the_text_layer_reads_as_pdfplumber_reads_it(content):
    pdf = build(ROOT / "content" / content, DEFAULT_LAYOUT).pdf
    text = pdf_text(pdf)
    assert len(text) > 2000 and "衡阳" in text
    assert text == plumbed_text(pdf)


def test_a_wrong_tounicode_entry_shows_in_the_text(default_build):
    import pikepdf

    with pikepdf.open(io.BytesIO(default_build.pdf)) as doc:
        font = next(iter(doc.pages[0].Resources.Font.values()))
        cmap = font.ToUnicode.read_bytes()
        wrong = re.sub(rb"<01> <[0-9A-F]{4}>", b"<01> <0058>", cmap)  # code 01 of this subset now says 'X'
        assert wrong != cmap
        font.ToUnicode.write(zlib.compress(wrong), filter=pikepdf.Name.FlateDecode)
        out = io.BytesIO()
        doc.save(out)
    tampered = out.getvalue()
    before, after = pdf_text(default_build.pdf), pdf_text(tampered)
    assert after.count("X") > before.count("X") and len(after) == len(before)
    assert after == plumbed_text(tampered)
