"""Images, as XObjects or inline: effective resolution, and the ink of their pixels.

Pixels are decoded from the PDF's own samples (qpdf undoes Flate, LZW, run-length and ASCII filters; a JPEG is
read by Pillow): 8-bit samples in any colour space colour.py knows (CMYK, grey, RGB estimated, Separation,
DeviceN, Indexed) and 1-, 2- and 4-bit grey or single-colorant ones, with their /Decode arrays. A mask (/SMask,
/Mask) is not applied: under it the image still lays its ink on the plate. Each plate becomes one 8-bit band
(255 = 100 %); their sum per pixel is the total ink, its maximum the peak, and its maximum after an erosion the
size of the tolerance's square the peak that counts (a few dark pixels do not fail a page).
"""

from __future__ import annotations

import io
import math

import pikepdf
from PIL import Image, ImageFilter, ImageMath

from ...pressrules import SMALL_AREA_MM2
from .colour import PROCESS, Space, plates_of
from .geometry import Matrix

MAX_INK_IMAGE = 64 * 2**20  # bytes of an image decoded to measure its ink; bigger ones are not measured
LOW_BITS = {1: "1", 2: "L;2", 4: "L;4"}  # Pillow raw modes of single-component samples under 8 bits


def ppi(width_px: int, height_px: int, ctm: Matrix) -> float:
    """Effective resolution: the lower of the two directions' pixels per inch as placed."""
    w_pt, h_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
    return min(width_px / w_pt * 72 if w_pt else 1e9, height_px / h_pt * 72 if h_pt else 1e9)


def peak(stream: pikepdf.Stream, space: Space, resolution: float) -> tuple[float, float, dict] | None:
    """(highest pixel's total ink, highest over the tolerance's area, each plate's highest ink) of an image stream
    (an XObject, or an inline image made a stream); None when it is not decoded here."""
    width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
    bits = int(stream.get("/BitsPerComponent", 8))
    n = space.n
    if not width or not height or not n or width * height * n * max(bits, 8) // 8 > MAX_INK_IMAGE:
        return None
    if bits != 8 and (n != 1 or bits not in LOW_BITS):
        return None
    bands = _bands(stream, width, height, n, bits)
    if bands is None:
        return None
    decode = [float(v) for v in stream.get("/Decode", [])]
    plates = _indexed(bands[0], space, bits, decode) if space.model == "indexed" else _plates(bands, space, decode)
    if not plates:
        return None
    summed = _sum(list(plates.values()))
    eroded = _erode(summed, round(math.sqrt(SMALL_AREA_MM2) / 25.4 * resolution))
    highest = {p: band.getextrema()[1] * 100 / 255 for p, band in plates.items()}
    return summed.getextrema()[1] * 100 / 255, eroded.getextrema()[1] * 100 / 255, highest


def _erode(image: Image.Image, side: int) -> Image.Image:
    """The least total ink over each square of `side` pixels. A large square is taken as 3 × 3 blocks of
    averaged pixels: the same answer for ink spread over the area, without a wide rank filter's cost (it grows
    with the square of its side)."""
    if side < 2:
        return image
    if side <= 5:
        return image.filter(ImageFilter.MinFilter(side + 1 - side % 2))
    block = round(side / 3)
    return image.reduce(block).filter(ImageFilter.MinFilter(3))


def _sum(bands: list[Image.Image]) -> Image.Image:
    """The pixel-wise sum of 8-bit bands (a 32-bit image: no clipping at 255)."""
    total = bands[0].convert("I")
    for band in bands[1:]:
        total = ImageMath.lambda_eval(lambda a: a["x"] + a["y"], x=total, y=band)
    return total


def _bands(stream: pikepdf.Stream, width: int, height: int, n: int, bits: int) -> list[Image.Image] | None:
    """One 8-bit band a component, as the samples are (before /Decode)."""
    filters = stream.get("/Filter")
    names = [str(f) for f in (filters if isinstance(filters, pikepdf.Array) else [filters] if filters else [])]
    try:
        if names and names[-1] in ("/DCTDecode", "/DCT"):
            if len(names) != 1:
                return None
            image = Image.open(io.BytesIO(stream.read_raw_bytes()))
            image.load()
            if len(image.getbands()) != n or image.size != (width, height):
                return None
            bands = list(image.split())
            # Pillow reads a CMYK JPEG as Adobe writes it, inverted; the PDF's samples are the JPEG's own
            return [b.point(lambda v: 255 - v) for b in bands] if image.mode == "CMYK" else bands
        data = stream.read_bytes()
    except (pikepdf.PdfError, OSError, ValueError):
        return None
    if bits != 8:
        row = (width * bits + 7) // 8
        if len(data) < row * height:
            return None
        band = Image.frombytes("1" if bits == 1 else "L", (width, height), data, "raw", LOW_BITS[bits])
        return [band.convert("L") if bits == 1 else band]  # Pillow scales the samples to 0 … 255
    if len(data) < width * height * n:
        return None
    if n == 1:
        return [Image.frombytes("L", (width, height), data[: width * height])]
    return [Image.frombytes("L", (width, height), data[i : width * height * n : n]) for i in range(n)]


def _decoded(band: Image.Image, decode: list[float], i: int) -> Image.Image:
    """A band with the /Decode pair of component i applied (1 0 inverts; ranges outside 0…1 are clipped)."""
    if len(decode) < 2 * i + 2 or (decode[2 * i], decode[2 * i + 1]) == (0.0, 1.0):
        return band
    low, high = decode[2 * i], decode[2 * i + 1]
    return band.point(lambda v: round(255 * min(1.0, max(0.0, low + v / 255 * (high - low)))))


def _plates(bands: list[Image.Image], space: Space, decode: list[float]) -> dict[str, Image.Image]:
    """Ink per plate, 255 = 100 %, from decoded component bands."""
    values = [_decoded(b, decode, i) for i, b in enumerate(bands)]
    if space.model == "cmyk":
        return dict(zip(PROCESS, values))
    if space.model == "gray":
        return {"K": values[0].point(lambda v: 255 - v)}
    if space.model == "rgb":
        return {p: b.point(lambda v: 255 - v) for p, b in zip("CMY", values)}
    if space.model == "colorants":
        out: dict[str, list[Image.Image]] = {}
        for name, band in zip(space.names, values):
            for plate in plates_of(name):
                out.setdefault(plate, []).append(band)
        return {p: b[0] if len(b) == 1 else _sum(b).convert("L") for p, b in out.items()}  # clipped at 100 %
    return {}


def _indexed(band: Image.Image, space: Space, bits: int, decode: list[float]) -> dict[str, Image.Image]:
    """Ink per plate of an Indexed image: each index looked up in the table, a plate's ink a lookup of its own."""
    top = 2**bits - 1
    index = [round(v * top / 255) for v in range(256)]  # the band's 0 … 255 back to indices
    if len(decode) >= 2 and decode[0] > decode[1]:
        index = [top - i for i in index]
    entries = [space.base.inks(space.entry(i)) or {} for i in range(top + 1)]
    plates = sorted({p for inks in entries for p in inks})
    return {p: band.point([round(min(100.0, entries[i].get(p, 0.0)) * 2.55) for i in index]) for p in plates}
