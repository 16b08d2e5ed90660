"""Metric tables beside a font file: what a build needs of a face, worked out once when the fonts are made.

Parsing a 10-12 MB CJK face costs ReportLab ~65 ms and fontTools ~40 ms, four faces a build; a build needs
only the cmap, the advances, a few metrics (fonts.py) and, for the subsets ReportLab embeds, the glyph
offsets and the table directory (rlfonts.py). scripts/build_fonts.py writes them as `<font>.tables`: one
JSON line of scalars, then flat arrays. A build reads a face's tables in well under a millisecond.

Tables are keyed by the font file's digest (font_key: its table directory, which holds every table's
checksum, offset and length, with head.checkSumAdjustment, the checksum of the whole file, and its size),
read from the file's first kilobytes rather than hashing 10 MB. A font replaced or edited no longer matches
its tables: they are ignored and the font is parsed (and cached) as any font without tables.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from functools import cache
from pathlib import Path

from .digests import blake2b

MAGIC = b"hengyang-print font tables 1\n"
SUFFIX = ".tables"


def tables_path(font_path: str | Path) -> Path:
    return Path(font_path).with_suffix(SUFFIX)


def font_key(path: str | Path) -> str | None:
    """A digest of the font that changes whenever any of its bytes does (see the module's comment)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12:
                return None
            (count,) = struct.unpack(">H", head[4:6])
            directory = f.read(16 * count)
            adjustment = b""
            for i in range(0, len(directory), 16):
                if directory[i : i + 4] == b"head":
                    (offset,) = struct.unpack(">L", directory[i + 8 : i + 12])
                    f.seek(offset + 8)
                    adjustment = f.read(4)
            size = f.seek(0, 2)
    except OSError:
        return None
    return blake2b(head + directory + adjustment + str(size).encode(), digest_size=16).hexdigest()


class Tables:
    """A face's tables as read: `metrics` (for fonts.FontMetrics) and `reportlab` (scalars of ReportLab's face,
    with its version) as plain values; arrays(...) the named flat arrays."""

    def __init__(self, header: dict, payload: memoryview):
        self.header, self.payload = header, payload
        self.metrics, self.reportlab = header["metrics"], header["reportlab"]

    def array(self, name: str) -> array:
        typecode, start, size, deflated = self.header["arrays"][name]
        values = array(typecode)
        data = self.payload[start : start + size]
        values.frombytes(zlib.decompress(data) if deflated else data)
        if self.header["byteorder"] != sys.byteorder:
            values.byteswap()
        return values


@cache
def read_tables(font_path: str) -> Tables | None:
    """The tables beside a font if they are this very font's (None: absent, unreadable or another font's)."""
    try:
        data = tables_path(font_path).read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    end = data.index(b"\n", len(MAGIC))
    header = json.loads(data[len(MAGIC) : end])
    if header.get("key") != font_key(font_path):
        return None
    return Tables(header, memoryview(data)[end + 1 :])


# ------------------------------------------------------------------ values in JSON


def to_json(value):
    """ReportLab's face scalars as JSON: tuples and its TTFNameBytes (bytes with a str) tagged, to come back as they were."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    if isinstance(value, TTFNameBytes):
        return {"$name": value.ustr}
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    if isinstance(value, tuple):
        return {"$tuple": [to_json(v) for v in value]}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        assert all(isinstance(k, str) and not k.startswith("$") for k in value), value
        return {k: to_json(v) for k, v in value.items()}
    assert value is None or isinstance(value, (int, float, str)), type(value)
    return value


def from_json(value):
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict):
        if "$name" in value:
            from reportlab.pdfbase.ttfonts import TTFNameBytes

            return TTFNameBytes(value["$name"].encode("utf8"))
        if "$bytes" in value:
            return bytes.fromhex(value["$bytes"])
        if "$tuple" in value:
            return tuple(from_json(v) for v in value["$tuple"])
        return {k: from_json(v) for k, v in value.items()}
    return value


# ------------------------------------------------------------------ writing (scripts/build_fonts.py)

# ReportLab's face attributes stored as arrays (the rest are scalars); the file's own bytes and the
# scale function are set when a face is revived, glyphToChar is derived from charToGlyph on first use
# (less the code points ReportLab leaves out of it: "unshaped")
ARRAY_ATTRIBUTES = ("charToGlyph", "charWidths", "hmetrics", "glyphPos")
NOT_STORED = ("_ttf_data", "_pdfScale", "glyphToChar", "filename")
DEFLATED = ()  # names of arrays stored deflated: none, inflating the 128 KB of advances by code point took 2-3 ms a face


def write_tables(font_path: str | Path) -> Path:
    """Parse the font as a build would, with fontTools (fonts.py) and ReportLab, and store what they found."""
    import hashlib  # here: tables are made with the fonts, never on a build

    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont

    from .fonts import SCALARS, parse_metrics

    font_path = Path(font_path)
    metrics = parse_metrics(str(font_path))
    face = TTFont("tables", str(font_path), asciiReadable=0).face
    arrays: dict[str, array] = {}
    codes = sorted(face.charToGlyph)
    assert codes == sorted(face.charWidths), "ReportLab maps and measures the same code points"
    arrays["codes"] = narrow(codes)
    arrays["glyphs"] = narrow(face.charToGlyph[c] for c in codes)
    arrays["widths"] = narrow(face.charWidths[c] for c in codes)
    arrays["advances"] = narrow(a for a, _ in face.hmetrics)
    arrays["lsbs"] = narrow(b for _, b in face.hmetrics)
    arrays["glyphPos"] = narrow(face.glyphPos)
    inverse = {c for chars in face.glyphToChar.values() for c in chars}
    arrays["unshaped"] = narrow(c for c in codes if c not in inverse)  # mapped, but not in glyphToChar (U+00A0)
    arrays["bmp"] = metrics.advances.bmp
    beyond = sorted(metrics.advances.beyond.items())
    arrays["beyond_codes"] = narrow(c for c, _ in beyond)
    arrays["beyond_advances"] = narrow(a for _, a in beyond)
    scalars = {k: v for k, v in face.__dict__.items() if k not in NOT_STORED + ARRAY_ATTRIBUTES}
    payload, index = bytearray(), {}
    for name, values in arrays.items():
        data, deflated = values.tobytes(), name in DEFLATED
        if deflated:
            data = zlib.compress(data, 9)
        index[name] = (values.typecode, len(payload), len(data), deflated)
        payload += data
    header = {
        "key": font_key(font_path),
        "sha256": hashlib.sha256(font_path.read_bytes()).hexdigest(),
        "byteorder": sys.byteorder,
        "metrics": {name: to_json(getattr(metrics, name)) for name in SCALARS},
        "reportlab": {"version": Version, "face": to_json(scalars)},
        "arrays": index,
    }
    out = tables_path(font_path)
    out.write_bytes(MAGIC + json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + payload)
    return out


def narrow(values) -> array:
    """The smallest array type that holds the values exactly (floats stay doubles)."""
    values = list(values)
    if not all(type(v) is int for v in values):
        return array("d", values)
    lo, hi = min(values, default=0), max(values, default=0)
    for typecode in ("B", "b", "H", "h", "I", "i", "q"):
        bits = array(typecode).itemsize * 8
        low, high = (0, 2**bits - 1) if typecode.isupper() else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
        if low <= lo and hi <= high:
            return array(typecode, values)
    return array("q", values)
