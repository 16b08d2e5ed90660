"""Make the bundled fonts in fonts/ from Debian's upstream CJK fonts.

Run once by a maintainer (the output is committed; a fresh machine needs nothing):

    apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai
    .venv/bin/python scripts/build_fonts.py [--out DIR] [FILE …]
    .venv/bin/python scripts/build_fonts.py --tables-only    # tables for the fonts already in fonts/

Each face is cut to GBK (21,886 characters) plus the 8,105 characters of the
通用规范汉字表 (2013; fonts/tongyong-guifan-hanzi-2013.txt, 276 of them
beyond GBK, people's and place names among them), ASCII and the punctuation
Chinese text uses, OpenType layout features dropped (ReportLab draws by cmap
only), and CFF outlines converted to TrueType quadratics, because ReportLab's
TTFont refuses PostScript outlines. Beside each font it writes the metric
tables a build reads instead of parsing the font (hengyang_print/fonts/tables.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from hengyang_print.compose import clreq  # noqa: E402  (the marks the composer knows)
from hengyang_print.fonts.charsets import gbk_characters, tongyong_guifan  # noqa: E402  (shared with `fonts`)
from hengyang_print.fonts.metrics import store_tables  # noqa: E402
from hengyang_print.fonts.tables import tables_path  # noqa: E402

NOTO = Path("/usr/share/fonts/opentype/noto")
LXGW = Path("/usr/share/fonts/truetype/lxgw-wenkai")
OUT = ROOT / "fonts"

# (output file, source file, index in a .ttc: 2 is the SC face of Noto CJK)
FACES = [
    ("NotoSerifSC-Regular.ttf", NOTO / "NotoSerifCJK-Regular.ttc", 2),
    ("NotoSerifSC-Black.ttf", NOTO / "NotoSerifCJK-Black.ttc", 2),
    ("NotoSansSC-Bold.ttf", NOTO / "NotoSansCJK-Bold.ttc", 2),
    ("LXGWWenKai-Regular.ttf", LXGW / "LXGWWenKai-Regular.ttf", None),
]

# Characters beyond GBK that Chinese newspaper text uses (GB/T 15834 marks, symbols of the page and its notes).
EXTRA = "■□●○◆◇▲△★☆·—–―‘’“”…⋯、。〈〉《》「」『』【】〔〕〖〗～｜‖€￥°℃№％‰⸺‐※〃〇"
# Every mark the composer classes (clreq.py), so that a mark it knows how to set is never missing.
PUNCTUATION = set(EXTRA).union(
    clreq.PAUSE,
    clreq.CLOSE,
    clreq.OPEN,
    clreq.MIDDLE,
    clreq.CONNECTORS,
    clreq.DOUBLE_DASH,
    clreq.ELLIPSIS,
    clreq.QUOTES,
    clreq.DASH,
)


def wanted_characters() -> set[str]:
    return gbk_characters() | set(tongyong_guifan()) | PUNCTUATION


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
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    font.sfntVersion = "\0\1\0\0"


def build(face: tuple[str, Path, int | None], out: Path = OUT) -> str:
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
    wanted = wanted_characters()
    subsetter.populate(unicodes=[ord(c) for c in wanted])
    subsetter.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    for tag in ("GSUB", "GPOS", "BASE", "JSTF", "DSIG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    cmap = font.getBestCmap()
    lacking = sorted(c for c in wanted if ord(c) not in cmap)
    font.save(out / out_name, reorderTables=True)
    glyphs = len(font.getGlyphOrder())
    size = (out / out_name).stat().st_size / 1e6
    tables = tables_file(out / out_name)
    note = f"; lacks {len(lacking)}: {' '.join(f'U+{ord(c):04X}' for c in lacking)}" if lacking else ""
    return (
        f"{out_name}: {len(cmap)} characters, {glyphs} glyphs, {size:.1f} MB, {tables},"
        f" {time.perf_counter() - start:.0f} s{note}"
    )


def tables_file(font: Path) -> str:
    store_tables(str(font))
    return f"tables {tables_path(font).stat().st_size / 1e3:.0f} kB"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="*", help="output file names to make (default: all four)")
    p.add_argument("--out", type=Path, default=OUT, help="folder to write to (default: fonts/)")
    p.add_argument("--tables-only", action="store_true", help="only write the tables of the fonts already there")
    args = p.parse_args()
    args.out.mkdir(exist_ok=True)
    faces = [f for f in FACES if not args.files or f[0] in args.files]
    if args.tables_only:
        for name, _, _ in faces:
            print(f"{name}: {tables_file(args.out / name)}")
        return 0
    with ProcessPoolExecutor() as pool:
        for line in pool.map(build, faces, [args.out] * len(faces)):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
