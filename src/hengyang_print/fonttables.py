"""Read-only, picklable stand-ins for the big tables of a parsed TrueType face (draw.py's font cache).

Flat arrays unpickle in a fraction of the time of the lists, tuples and dicts ReportLab builds (a CJK
face has 22,000 glyphs and 30,000 code points); each class answers only what ReportLab asks of them.
"""

from __future__ import annotations

import mmap
from array import array
from bisect import bisect_left


class CodeMap:
    """A code point -> value dict that ReportLab only reads (get, in, [ ]: splitString, makeSubset, the /Widths
    of a subset), as two sorted arrays searched by bisection."""

    def __init__(self, codes: array, values: array):
        self.codes, self.values = codes, values

    def get(self, code: int, default=None):
        i = bisect_left(self.codes, code)
        return self.values[i] if i < len(self.codes) and self.codes[i] == code else default

    def __getitem__(self, code: int):
        value = self.get(code, CodeMap)
        if value is CodeMap:
            raise KeyError(code)
        return value

    def __contains__(self, code: int) -> bool:
        return self.get(code, CodeMap) is not CodeMap

    def keys(self):
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)


def column(values) -> array:
    values = list(values)  # widths are floats when a font's em is not 1000 units
    return array("q" if all(type(v) is int for v in values) else "d", values)


class Pairs:
    """hmetrics as two arrays: makeSubset asks for (advance, lsb) of the glyphs it keeps, by index."""

    def __init__(self, advances: array, lsbs: array):
        self.advances, self.lsbs = advances, lsbs

    def __getitem__(self, i: int) -> tuple:
        return self.advances[i], self.lsbs[i]

    def __len__(self) -> int:
        return len(self.advances)

    def __eq__(self, other) -> bool:
        return list(self) == list(other)


class Window:
    """A table of the mapped font file, sliced on demand: makeSubset copies the glyphs it keeps, not all of glyf."""

    def __init__(self, data: mmap.mmap, start: int):
        self.data, self.start = data, start

    def __getitem__(self, s: slice) -> bytes:
        return self.data[self.start + s.start : self.start + s.stop]


class Advances:
    """Code point -> advance in font units: the Basic Multilingual Plane as one array indexed by code point
    (unpickles as one block; a 30,000-entry dict took 3 ms a face), the few beyond it in a dict. Unsigned
    16-bit when every advance fits (128 KB a face), `missing` marking a code point the face lacks."""

    missing = -1  # of a signed array (and of those pickled before the unsigned one)

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
        """As stored in a font's tables (fontpack.py): the BMP array as it is, the rest as two columns."""
        self = cls.__new__(cls)
        self.bmp = bmp
        if bmp.typecode == "H":
            self.missing = 0xFFFF
        self.beyond = dict(zip(beyond_codes, beyond_advances))
        return self

    def get(self, code: int, default=None):
        if code < 0x10000:
            advance = self.bmp[code]
            return default if advance == self.missing else advance
        return self.beyond.get(code, default)

    def __contains__(self, code: int) -> bool:
        return self.get(code) is not None

    def __eq__(self, other) -> bool:
        return isinstance(other, Advances) and self.bmp == other.bmp and self.beyond == other.beyond
