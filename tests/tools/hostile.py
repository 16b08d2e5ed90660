"""Hostile PDFs, generated: a Flate bomb, a reference loop, deep nesting, a truncated or encrypted file, random
bytes."""

from __future__ import annotations

import os
import random
import zlib
from pathlib import Path

import pikepdf

from . import pdfcorpus


def flate_bomb(size: int = 2 * 2**30) -> bytes:
    """zlib data that inflates to `size` zero bytes (a multiple of 16 MiB), about size / 1000 long, made in a second:
    after a full flush the compressor emits the same bytes for each chunk of zeros, so one chunk is repeated."""
    chunk = bytes(2**24)
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush()
    n, adler = size // len(chunk), 1
    for _ in range(n):
        adler = zlib.adler32(chunk, adler)
    return first + again * (n - 1) + end[:-4] + adler.to_bytes(4, "big")


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from the bodies of objects 1…n, with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page(contents: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << >> /Contents 4 0 R >>",
        contents,
    ]


def bomb_pdf(path: Path, size: int = 2 * 2**30) -> Path:
    data = flate_bomb(size)
    path.write_bytes(
        _raw_pdf(_page(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"))
    )
    return path


def loop_pdf(path: Path) -> Path:
    """Object 5 is a reference to itself, and the page's /Contents points at it."""
    objects = _page(b"5 0 R")
    objects[3] = b"5 0 R"
    objects.append(b"5 0 R")
    path.write_bytes(_raw_pdf(objects))
    return path


def deep_pdf(path: Path, depth: int = 100_000) -> Path:
    objects = _page(b"<< /Length 0 >>\nstream\n\nendstream")
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Deep "
        + b"[" * depth
        + b"]" * depth
        + b" /Contents 4 0 R >>"
    )
    path.write_bytes(_raw_pdf(objects))
    return path


def random_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.3\n" + random.Random(14).randbytes(50_000))
    return path


def truncated_pdf(path: Path) -> Path:
    data = pdfcorpus.build(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted_pdf(path: Path, user: str = "secret") -> Path:
    clean = pdfcorpus.build(path.with_suffix(".clean.pdf"))
    with pikepdf.open(clean) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="owner", user=user, R=4))
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def thousand_pages(path: Path, pages: int = 1000) -> Path:
    return pdfcorpus.build(path, pdfcorpus.Spec(pages=pages))


def form_loop_pdf(path: Path) -> Path:
    """A page whose form XObject draws itself."""
    pdf = pikepdf.new()
    form = pdf.make_stream(b"/Fm0 Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10])
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    page = pdf.add_blank_page(page_size=(300, 300))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    page.obj.Contents = pdf.make_stream(b"/Fm0 Do")
    pdf.save(path)
    return path
