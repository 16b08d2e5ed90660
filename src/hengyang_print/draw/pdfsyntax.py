"""PDF syntax as ReportLab 5.1 formats it: numbers, strings, names, dictionaries, arrays, streams.

Each function gives the very bytes of its ReportLab counterpart (named in its docstring), with
ReportLab's document settings as draw uses them (no encryption, pdfMultiLine off, no ASCII85);
tests/draw/test_writer.py holds them against ReportLab's own. No ReportLab import.
"""

from __future__ import annotations

import codecs
import math
import zlib

# ------------------------------------------------------------------ numbers

_FORMATS = ("%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f")


def fp_str(*values) -> str:
    """rl_accel.fp_str: numbers (or one sequence of them) space-separated, at most six decimals, trailing
    zeros and a leading zero dropped ('.5'), anything within 1e-7 of zero '0'."""
    if len(values) == 1 and isinstance(values[0], (list, tuple)):
        values = values[0]
    return " ".join(map(_fp_one, values))


def _fp_one(v) -> str:
    a = abs(v)
    if a <= 1e-7:
        return "0"
    places = 6 if a <= 1 else min(max(0, 6 - int(math.log10(a))), 6)
    s = _FORMATS[places] % v
    if places:
        s = s.rstrip("0")
        if s.endswith("."):
            return s[:-1]
    return s[1:] if s[0] == "0" and len(s) > 1 else s


def number(v) -> bytes:
    return fp_str(v).encode()


# ------------------------------------------------------------------ strings

_ESCAPES = [f"\\{c:03o}" if c < 32 or c >= 127 else "\\" + chr(c) if c in b"\\()" else chr(c) for c in range(256)]
_PLAIN = bytes(c for c in range(32, 127) if c not in b"\\()")


def escape(data: bytes) -> str:
    """rl_accel.escapePDF: bytes as the inside of a literal string, \\ddd for those outside printable ASCII."""
    if not data.translate(None, _PLAIN):
        return data.decode("ascii")
    return "".join([_ESCAPES[c] for c in data])


# PDFDocEncoding as ReportLab's 'pdfdoc' codec has it: identity but for these bytes (rl_codecs.py)
_PDFDOC_SPECIAL = dict(
    zip(
        [*range(0x18, 0x20), *range(0x80, 0x9F), 0xA0],
        "\u02d8\u02c7\u02c6\u02d9\u02dd\u02db\u02da\u02dc"
        "\u2022\u2020\u2021\u2026\u2014\u2013\u0192\u2044\u2039\u203a\u2212\u2030\u201e\u201c\u201d\u2018"
        "\u2019\u201a\u2122\ufb01\ufb02\u0141\u0152\u0160\u0178\u017d\u0131\u0142\u0153\u0161\u017e\u20ac",
    )
)
PDFDOC_DECODE = {b: chr(b) for b in (*range(0x18), *range(0x20, 0x100))} | _PDFDOC_SPECIAL
_PDFDOC_ENCODE = {ch: b for b, ch in PDFDOC_DECODE.items()}


def pdfdoc(text: str) -> bytes | None:
    """The text in PDFDocEncoding, or None if a character has no code in it."""
    try:
        return bytes([_PDFDOC_ENCODE[ch] for ch in text])
    except KeyError:
        return None


def string(text: str) -> bytes:
    """pdfdoc.PDFString(text).format: PDFDocEncoding if every character has a code in it, else UTF-16BE
    with its byte order mark; escaped, in parentheses."""
    data = pdfdoc(text)
    if data is None:
        data = codecs.BOM_UTF16_BE + text.encode("utf_16_be")
    return f"({escape(data)})".encode("latin-1")


def name(text: str) -> bytes:
    """pdfdoc.PDFName: '/' and the text, characters outside ! to ~ and delimiters as #xx."""
    return ("/" + "".join(f"#{ord(c):x}" if c < "!" or c > "~" or c in "%()<>{}[]#" else c for c in text)).encode(
        "latin-1"
    )


# ------------------------------------------------------------------ containers


class Ref:
    """An indirect reference to an object number (PDFObjectReference once resolved)."""

    __slots__ = ("number",)

    def __init__(self, number: int):
        self.number = number


def value(v) -> bytes:
    """pdfdoc.format of a dictionary value: bytes as they are (already formatted), a number by fp_str, a
    reference, a dict or list as a PDF dictionary or array, a str as its characters (a name, true)."""
    if isinstance(v, bytes):
        return v
    if type(v) is int and -(10**15) < v < 10**15:  # as fp_str formats it, faster (a subset's 256 widths)
        return b"%d" % v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return fp_str(v).encode()
    if isinstance(v, Ref):
        return b"%d 0 R" % v.number
    if isinstance(v, dict):
        return dictionary(v)
    if isinstance(v, (list, tuple)):
        return array(v)
    return str(v).encode("latin-1")


def dictionary(entries: dict) -> bytes:
    """PDFDictionary.format: keys sorted, six entries a line."""
    parts = [name(k) + b" " + value(entries[k]) for k in sorted(entries)]
    for i in reversed(range(6, len(parts), 6)):
        parts.insert(i, b"\n ")
    return b"<<\n" + b" ".join(parts) + b"\n>>"


def array(items) -> bytes:
    """PDFArray.format: ten elements a line."""
    parts = [value(v) for v in items]
    for i in reversed(range(10, len(parts), 10)):
        parts.insert(i, b"\n ")
    return b"[ " + b" ".join(parts) + b" ]"


def stream(entries: dict, data: bytes, deflated: bytes | None = None) -> bytes:
    """PDFStream.format with the Flate filter: `deflated` the data compressed if known already."""
    if deflated is None:
        deflated = zlib.compress(data)
    entries = {**entries, "Filter": b"[ /FlateDecode ]", "Length": len(deflated)}
    return dictionary(entries) + b"\nstream\n" + deflated + b"endstream\n"


def raw_stream(entries: dict, data: bytes) -> bytes:
    """PDFStream.format of data already encoded (its /Filter among the entries)."""
    return dictionary({**entries, "Length": len(data)}) + b"\nstream\n" + data + b"endstream\n"
