"""The character sets a Chinese newspaper's faces are measured against (`hengyang-print fonts`, and the cut of
the bundled faces, scripts/build_fonts.py):

- GBK: the code page a newsroom's text was written in for decades (GB 2312 plus the rest of CJK Unified
  Ideographs 1.1; 21,886 characters with ASCII), decoded here from Python's own codec.
- 通用规范汉字表 (State Council of the PRC, 2013): the 8,105 characters of standard written Chinese, level 1
  (3,500 common), level 2 (3,000) and level 3 (1,605: names of people and places, terms); 276 of them lie
  beyond GBK. The list ships with the fonts (tongyong-guifan-hanzi-2013.txt, from Unihan's kTGH property).
"""

from __future__ import annotations

from functools import cache

from ..paths import bundled

TGH_FILE = "tongyong-guifan-hanzi-2013.txt"
TGH_LEVELS = ((1, 3500), (3501, 6500), (6501, 8105))  # the table's numbers of levels 1, 2 and 3


@cache
def gbk_characters() -> frozenset[str]:
    """Every character the GBK code page maps (double-byte area plus printable ASCII)."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                chars.add(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@cache
def tongyong_guifan() -> tuple[str, ...]:
    """The 8,105 characters of the 通用规范汉字表 in the table's order (lines "0001 U+4E00 一")."""
    path = bundled("fonts", TGH_FILE)
    lines = path.read_text(encoding="utf-8").splitlines()
    chars = tuple(line.split()[2] for line in lines if line and not line.startswith("#"))
    if not len(chars) == len(set(chars)) == TGH_LEVELS[-1][1]:
        raise ValueError(f"{path}: {len(chars)} characters, expected {TGH_LEVELS[-1][1]:,}")
    return chars


def tongyong_level(level: int) -> tuple[str, ...]:
    """Level 1, 2 or 3 of the 通用规范汉字表."""
    first, last = TGH_LEVELS[level - 1]
    return tongyong_guifan()[first - 1 : last]
