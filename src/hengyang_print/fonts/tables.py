"""Metric tables beside a font file (`<font>.tables`): what composition needs of a face, worked out when the
fonts are made (scripts/build_fonts.py), so that a build reads a CJK face's advances in well under a
millisecond instead of parsing 10 MB.

The file is our own format: a magic line, one JSON line (the font's key, the metrics' scalars, an index
of the arrays), then the arrays' bytes. Tables are keyed by the font file (font_key: its table directory,
which holds every table's checksum, offset and length, head.checkSumAdjustment, the checksum of the whole
file, and its size), read from the file's first kilobytes: a font replaced or edited no longer matches its
tables, which are then ignored (the font is parsed, and cached, as any font without tables).
"""

from __future__ import annotations

import hashlib
import json
import struct
import sys
from array import array
from functools import cache
from pathlib import Path

MAGIC = b"hengyang-print font tables 2\n"
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
    return hashlib.blake2b(head + directory + adjustment + str(size).encode(), digest_size=16).hexdigest()


class Tables:
    """A face's tables as read: `scalars` (JSON values) and array(name) for the named flat arrays."""

    def __init__(self, header: dict, payload: memoryview):
        self.header, self.payload = header, payload
        self.scalars = header["scalars"]

    def array(self, name: str) -> array:
        typecode, start, size = self.header["arrays"][name]
        values = array(typecode)
        values.frombytes(self.payload[start : start + size])
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


def write_tables(font_path: str | Path, scalars: dict, arrays: dict[str, array]) -> Path:
    """Store a face's scalars (JSON values) and arrays beside it (scripts/build_fonts.py)."""
    font_path = Path(font_path)
    payload, index = bytearray(), {}
    for name, values in arrays.items():
        data = values.tobytes()
        index[name] = (values.typecode, len(payload), len(data))
        payload += data
    header = {
        "key": font_key(font_path),
        "sha256": hashlib.sha256(font_path.read_bytes()).hexdigest(),
        "byteorder": sys.byteorder,
        "scalars": scalars,
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
