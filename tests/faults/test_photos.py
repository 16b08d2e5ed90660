"""Photos keep their tones at every bit depth and mode Pillow reads: a grey ramp prints as a ramp of black ink.

Ramps are written here byte by byte (PNG: 16-bit grey, 16-bit RGB, 16-bit grey+alpha, palette, LA) or with
Pillow (TIFF: I;16, I, F, CMYK), so the file is what another program would have saved."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import warnings
import zlib

import pytest
from PIL import Image

from hengyang_print.draw.photos import cmyk_image
from hengyang_print.errors import BuildError
from hengyang_print.load.photos import ImageProblem, probe
from hengyang_print.run.build import build

from ..place.test_images import BROADSHEET, page_with_photo

W = 256  # one column per 8-bit tone


def png(colour_type: int, depth: int, pixels: list[tuple[int, ...]], palette: bytes = b"") -> bytes:
    """A PNG of 4 identical rows of `pixels` (samples per pixel as the colour type has them)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    sample = ">H" if depth == 16 else ">B"
    row = b"\0" + b"".join(struct.pack(sample, s) for px in pixels for s in px)
    head = struct.pack(">IIBBBBB", len(pixels), 4, depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", head)
        + (chunk(b"PLTE", palette) if palette else b"")
        + chunk(b"IDAT", zlib.compress(row * 4))
        + chunk(b"IEND", b"")
    )


def tiff(mode: str, values: list) -> Image.Image:
    im = Image.new(mode, (W, 4))
    im.putdata(values * 4)
    return im


RAMPS = {
    "grey-16bit-png": png(0, 16, [(v * 257,) for v in range(W)]),
    "rgb-16bit-png": png(2, 16, [(v * 257,) * 3 for v in range(W)]),
    "grey-alpha-16bit-png": png(4, 16, [(v * 257, 65535) for v in range(W)]),
    "grey-alpha-8bit-png": png(4, 8, [(v, 255) for v in range(W)]),
    "palette-png": png(3, 8, [(v,) for v in range(W)], bytes(c for v in range(W) for c in (v, v, v))),
    "grey-8bit-png": png(0, 8, [(v,) for v in range(W)]),
    "I;16-tiff": tiff("I;16", [v * 257 for v in range(W)]),
    "I-32bit-tiff": tiff("I", [v * 257 for v in range(W)]),
    "F-float-tiff": tiff("F", [v / 255 for v in range(W)]),
}


def black_ink(path) -> list[float]:
    """The K plate of the separated photo, one value (0-255) per column of the ramp (its top row)."""
    im = cmyk_image(path)
    k = im.getchannel("K")
    return [k.getpixel((x, 0)) for x in range(im.width)]


@pytest.mark.parametrize("name", RAMPS)
def test_a_grey_ramp_prints_as_a_ramp_whatever_its_depth_or_mode(tmp_path, name):
    ramp = RAMPS[name]
    ext = ".tif" if isinstance(ramp, Image.Image) else ".png"
    path = tmp_path / f"ramp{ext}"
    ramp.save(path) if isinstance(ramp, Image.Image) else path.write_bytes(ramp)
    width, height, notes = probe(path)
    assert (width, height, notes) == (W, 4, ())
    k = black_ink(path)
    assert all(abs(k[v] - (255 - v)) <= 1 for v in range(W)), k[:8]  # white paper to full black, every step
    assert sum(k) / W == pytest.approx(127.5, abs=1)  # not 1/255: the 16-bit photo that printed almost blank
    im = cmyk_image(path)
    assert im.mode == "CMYK" and max(im.getchannel(c).getextrema()[1] for c in "CMY") <= 1  # grey: black ink only


def test_a_cmyk_file_passes_through_unchanged(tmp_path):
    path = tmp_path / "cmyk.tif"
    Image.merge(
        "CMYK", [tiff("L", [v for v in range(W)]), *(tiff("L", [0] * W),) * 2, tiff("L", [255 - v for v in range(W)])]
    ).save(path)
    assert cmyk_image(path).tobytes() == Image.open(path).tobytes()


def test_a_16bit_grey_photo_on_a_page_prints_its_tones(tmp_path):
    content = page_with_photo(tmp_path, RAMPS["grey-16bit-png"], name="pics/ramp.png")
    result = build(content, BROADSHEET, fit=False)  # a short three-item page: about photos, not fitting
    assert b"/DeviceCMYK" in result.pdf
    k = black_ink(tmp_path / "page" / "pics" / "ramp.png")
    assert sum(k) / W == pytest.approx(127.5, abs=1)


def test_a_mode_that_cannot_be_separated_is_refused_at_load(tmp_path):
    path = tmp_path / "lab.tif"
    Image.new("LAB", (8, 8)).save(path)
    with pytest.raises(ImageProblem, match="LAB pixels are not supported"):
        probe(path)
    content = page_with_photo(tmp_path, path.read_bytes(), name="pics/lab.tif")
    with pytest.raises(
        BuildError,
        match=r"content\.yaml:\d+:\d+: items\[1\]\.image\.path: cannot use image 'pics/lab\.tif': LAB pixels",
    ):
        build(content, BROADSHEET)


def test_pillows_decompression_bomb_warning_becomes_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 200_000)  # as a 144-megapixel photo is to the real limit
    content = page_with_photo(tmp_path, Image.new("RGB", (600, 400), (90, 120, 150)), name="pics/huge.png")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing raw reaches the terminal
        result = build(content, BROADSHEET, fit=False)
    notes = [n for n in result.report.notes if "very large image" in n]
    assert len(notes) == 1 and "pics/huge.png" in notes[0] and "240000 pixels" in notes[0], result.report.notes


def test_a_photo_is_decoded_once_per_version_of_its_file(tmp_path, monkeypatch):
    """probed() remembers what probe() found by the file's version: an unchanged photo is not decoded again
    at the next build; an edited one is, and a bad file is refused every time."""
    from hengyang_print.load import photos

    monkeypatch.setenv("HENGYANG_PRINT_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "photo.png"
    Image.new("RGB", (60, 40), (90, 120, 150)).save(path)
    calls = []
    real = photos.probe
    monkeypatch.setattr(photos, "probe", lambda p: (calls.append(p), real(p))[1])
    assert photos.probed(path) == (60, 40, ()) and photos.probed(path) == (60, 40, ()) and len(calls) == 1
    Image.new("RGB", (80, 40), (90, 120, 150)).save(path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert photos.probed(path) == (80, 40, ()) and len(calls) == 2
    path.write_bytes(path.read_bytes()[:100])  # truncated
    for _ in range(2):
        with pytest.raises(ImageProblem):
            photos.probed(path)
    assert len(calls) == 4


def streamed_png(path, width: int, height: int) -> None:
    """A colour PNG written row by row (the test holds one row, not the picture): a gradient across."""
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\0" + bytes(c for x in range(width) for c in (x * 255 // width, 90, 255 - x * 255 // width))
    packer = zlib.compressobj(1)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        for kind, body in ((b"IHDR", head), (b"IDAT", data), (b"IEND", b"")):
            f.write(struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body)))


def test_a_144_megapixel_photo_builds_within_a_gigabyte(tmp_path):
    """A camera's largest files: the photo is decoded once to check it and once to be drawn, shrunk to what the
    page prints at once it is read, so the build's peak memory stays under 1 GB."""
    content = page_with_photo(tmp_path, None, name="pics/huge.png")
    streamed_png(content.parent / "pics" / "huge.png", 12_000, 12_000)
    code = (
        "import resource, sys; from hengyang_print.run.build import build;"
        f" build({str(content)!r}, {str(BROADSHEET)!r}, fit=False);"
        " print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stdout) / 1024
    assert peak_mb < 1024, f"peak {peak_mb:.0f} MB"
