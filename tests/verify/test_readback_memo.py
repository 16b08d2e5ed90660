"""The read-back keeps what each content stream shows (readback._shown_text_once) across builds: a stream
whose bytes differ in one code from one read before is read afresh, never taken for it."""

from __future__ import annotations

import io
import re

import pikepdf

from hengyang_print.verify.readback import pdf_text


def test_a_stream_changed_in_one_code_is_read_afresh(default_build):
    before = pdf_text(default_build.pdf)
    assert pdf_text(default_build.pdf) == before  # read again: the stream as read before
    with pikepdf.open(io.BytesIO(default_build.pdf)) as pdf:
        contents = pdf.pages[0].obj.Contents
        stream = contents[0] if isinstance(contents, pikepdf.Array) else contents
        data = stream.read_bytes()
        first = re.search(rb"\[\((\\\d{3})\)", data)  # the first code of the first TJ array
        changed = data[: first.start(1)] + (b"\\002" if first.group(1) != b"\\002" else b"\\003") + data[first.end(1) :]
        stream.write(changed)
        out = io.BytesIO()
        pdf.save(out, static_id=True)
    after = pdf_text(out.getvalue())
    assert after != before and len(after) == len(before)
    assert sum(a != b for a, b in zip(after, before)) == 1
