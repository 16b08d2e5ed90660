"""A face's advances by code point, as flat arrays: the Basic Multilingual Plane one array indexed by code
point (a CJK face maps 30,000 code points; an array is one block to read, store and compare), the few
beyond it in a dict."""

from __future__ import annotations

from array import array


class Advances:
    """Code point -> advance in font units. Unsigned 16-bit when every advance fits (128 KB a face), with
    `missing` marking a code point the face lacks."""

    missing = -1

    def __init__(self, table: dict[int, int]):
        if all(0 <= a < 0xFFFF for a in table.values()):
            self.bmp, self.missing = array("H", [0xFFFF]) * 0x10000, 0xFFFF
        else:
            self.bmp = array("i", [-1]) * 0x10000
        self.beyond = {}
        for code, advance in table.items():
            if code < 0x10000:
                self.bmp[code] = advance
            else:
                self.beyond[code] = advance

    @classmethod
    def from_arrays(cls, bmp: array, beyond_codes: array, beyond_advances: array) -> Advances:
        """As stored in a font's tables (tables.py)."""
        self = cls.__new__(cls)
        self.bmp = bmp
        self.missing = 0xFFFF if bmp.typecode == "H" else -1
        self.beyond = dict(zip(beyond_codes, beyond_advances))
        return self

    def get(self, code: int, default=None):
        if code < 0x10000:
            advance = self.bmp[code]
            return default if advance == self.missing else advance
        return self.beyond.get(code, default)

    def __len__(self) -> int:
        """How many code points the face maps."""
        return len(self.bmp) - self.bmp.count(self.missing) + len(self.beyond)

    def __contains__(self, code: int) -> bool:
        return self.get(code) is not None

    def __eq__(self, other) -> bool:
        return isinstance(other, Advances) and self.bmp == other.bmp and self.beyond == other.beyond
