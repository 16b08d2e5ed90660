"""CMaps embedded in a PDF (Adobe Technical Note #5014 and #5411): how a string splits into character codes
(codespace ranges), which CID each code selects (cidchar, cidrange), and what Unicode text it stands for
(ToUnicode's bfchar, bfrange). A reader of the few operators these files use, not a PostScript interpreter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]<>()]+|[-+]?\d+|[A-Za-z]+")
MAX_RANGE = 65_536  # codes one range entry may cover


@dataclass
class CMap:
    codespace: list[tuple[bytes, bytes]] = field(default_factory=list)  # (low, high) byte strings of one length
    cids: dict[int, int] = field(default_factory=dict)  # code -> CID
    text: dict[int, str] = field(default_factory=dict)  # code -> Unicode

    def split(self, data: bytes, default_length: int = 1) -> list[tuple[int, int]]:
        """(code, byte length) of each code in a string: the shortest codespace range that matches; without
        ranges, `default_length` bytes a code (a byte that matches none is a one-byte code)."""
        if not self.codespace:
            n = default_length
            return [(int.from_bytes(data[i : i + n], "big"), n) for i in range(0, len(data) - n + 1, n)]
        codes, i = [], 0
        while i < len(data):
            for n in (1, 2, 3, 4):
                chunk = data[i : i + n]
                if len(chunk) == n and any(
                    len(low) == n and all(a <= c <= b for a, c, b in zip(low, chunk, high))
                    for low, high in self.codespace
                ):
                    break
            else:
                n = 1
            codes.append((int.from_bytes(data[i : i + n], "big"), n))
            i += n
        return codes


def parse(data: bytes) -> CMap:
    cmap = CMap()
    tokens = TOKEN.findall(data)
    i, section = 0, b""
    while i < len(tokens):
        token = tokens[i]
        if token.startswith(b"begin") and token[5:] in (
            b"codespacerange",
            b"cidchar",
            b"cidrange",
            b"bfchar",
            b"bfrange",
        ):
            section = token[5:]
            i += 1
            continue
        if token.startswith(b"end"):
            section = b""
            i += 1
            continue
        try:
            if section == b"codespacerange":
                cmap.codespace.append((_hex(tokens[i]), _hex(tokens[i + 1])))
                i += 2
            elif section == b"cidchar":
                cmap.cids[_code(tokens[i])] = int(tokens[i + 1])
                i += 2
            elif section == b"cidrange":
                low, high, first = _code(tokens[i]), _code(tokens[i + 1]), int(tokens[i + 2])
                cmap.cids.update((c, first + c - low) for c in range(low, min(high, low + MAX_RANGE) + 1))
                i += 3
            elif section == b"bfchar":
                cmap.text[_code(tokens[i])] = _unicode(tokens[i + 1])
                i += 2
            elif section == b"bfrange":
                i = _bfrange(tokens, i, cmap.text)
            else:
                i += 1
        except (IndexError, ValueError):
            i += 1
    return cmap


def _bfrange(tokens: list[bytes], i: int, text: dict[int, str]) -> int:
    low, high = _code(tokens[i]), _code(tokens[i + 1])
    high = min(high, low + MAX_RANGE)
    if tokens[i + 2] == b"[":
        j = i + 3
        for code in range(low, high + 1):
            if tokens[j] == b"]":
                break
            text[code] = _unicode(tokens[j])
            j += 1
        while tokens[j] != b"]":
            j += 1
        return j + 1
    start = _hex(tokens[i + 2])
    head, last = start[:-2], int.from_bytes(start[-2:], "big")  # the last UTF-16 unit counts up
    for code in range(low, high + 1):
        unit = last + code - low
        if unit > 0xFFFF:
            break
        text[code] = (head + unit.to_bytes(2, "big")).decode("utf-16-be", "replace")
    return i + 3


def _hex(token: bytes) -> bytes:
    if not token.startswith(b"<"):
        raise ValueError("not a hex string")
    digits = re.sub(rb"\s", b"", token[1:-1])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _code(token: bytes) -> int:
    return int.from_bytes(_hex(token), "big")


def _unicode(token: bytes) -> str:
    if token.startswith(b"/"):
        return ""  # a glyph name (allowed in old files): no text
    raw = _hex(token)
    return (raw if len(raw) % 2 == 0 else b"\0" + raw).decode("utf-16-be", "replace")
