"""Make the bundled fonts in fonts/ from Debian's upstream CJK fonts.

Run once by a maintainer (the output is committed; a fresh machine needs nothing):

    apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai
    .venv/bin/python scripts/build_fonts.py

Each face is cut to GBK (21,886 characters) plus ASCII and the punctuation
Chinese text uses, OpenType layout features dropped (ReportLab draws by cmap
only), and CFF outlines converted to TrueType quadratics, because ReportLab's
TTFont refuses PostScript outlines.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

NOTO = Path("/usr/share/fonts/opentype/noto")
LXGW = Path("/usr/share/fonts/truetype/lxgw-wenkai")
OUT = Path(__file__).resolve().parent.parent / "fonts"

# (output file, source file, index in a .ttc: 2 is the SC face of Noto CJK)
FACES = [
    ("NotoSerifSC-Regular.ttf", NOTO / "NotoSerifCJK-Regular.ttc", 2),
    ("NotoSerifSC-Black.ttf", NOTO / "NotoSerifCJK-Black.ttc", 2),
    ("NotoSansSC-Bold.ttf", NOTO / "NotoSansCJK-Bold.ttc", 2),
    ("LXGWWenKai-Regular.ttf", LXGW / "LXGWWenKai-Regular.ttf", None),
]

# Characters beyond GBK that Chinese newspaper text uses.
EXTRA = "■□●○◆◇▲△★☆·—–―‘’“”…⋯、。〈〉《》「」『』【】〔〕〖〗～｜‖€￥°℃№％"


def gbk_characters() -> set[str]:
    """Every character the GBK code page maps (double-byte area plus ASCII)."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                chars.add(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return chars


def cff_to_glyf(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF outlines with TrueType quadratic ones (cu2qu, 1 unit error)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    font.sfntVersion = "\0\1\0\0"


def build(face: tuple[str, Path, int | None]) -> str:
    out_name, source, index = face
    start = time.perf_counter()
    font = TTFont(source, fontNumber=index if index is not None else -1, lazy=False)
    options = subset.Options()
    options.layout_features = []  # ReportLab maps by cmap and uses no GSUB/GPOS
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    wanted = gbk_characters() | set(EXTRA)
    subsetter.populate(unicodes=[ord(c) for c in wanted])
    subsetter.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    for tag in ("GSUB", "GPOS", "BASE", "JSTF", "DSIG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    font.save(OUT / out_name, reorderTables=True)
    glyphs = len(font.getGlyphOrder())
    size = (OUT / out_name).stat().st_size / 1e6
    return f"{out_name}: {glyphs} glyphs, {size:.1f} MB, {time.perf_counter() - start:.0f} s"


def main() -> int:
    OUT.mkdir(exist_ok=True)
    faces = [f for f in FACES if not sys.argv[1:] or f[0] in sys.argv[1:]]
    with ProcessPoolExecutor() as pool:
        for line in pool.map(build, faces):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
