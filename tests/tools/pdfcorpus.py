"""A corpus of PDFs written with pikepdf the way other systems write them, independently of our drawer: one
clean PDF/X-1a:2001 newspaper page, and variants of it with exactly one defect each (issues 14 and 25).

The clean page: 100 × 100 mm trimmed inside 10 mm of slug, a red panel (0/100/100/10), 100 % K text
overprinting it (/op, /OPM 1), a 1 pt 100 % K rule overprinting, Info and one IFRA26 output intent. Its text is
set in a TrueType subset of the repository's Noto Sans SC Bold, embedded as a simple font (WinAnsiEncoding);
`cid_font` makes a Type 0 (Identity-H) subset for Chinese text, `type3_font` a Type 3 font. Content is given
as PDF operators so each defect is visible in the test.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, Stream

FONT = Path(__file__).resolve().parents[2] / "fonts" / "NotoSansSC-Bold.ttf"
LATIN = "".join(chr(c) for c in range(32, 127))

MM = 72 / 25.4
SLUG = 10 * MM
SIZE = 100 * MM  # trimmed width and height
RED = "0 1 1 0.1 k"
CLEAN = (
    f"q {RED} {SLUG + 10 * MM:.2f} {SLUG + 10 * MM:.2f} {40 * MM:.2f} {40 * MM:.2f} re f Q\n"  # red panel, 40 mm square
    f"q /KOver gs 0 0 0 1 k BT /F1 12 Tf {SLUG + 15 * MM:.2f} {SLUG + 30 * MM:.2f} Td (Black on red) Tj ET Q\n"
    f"q /KOver gs 0 0 0 1 K 1 w {SLUG + 5 * MM:.2f} {SLUG + 80 * MM:.2f} m "
    f"{SLUG + 95 * MM:.2f} {SLUG + 80 * MM:.2f} l S Q\n"
    f"q /KOver gs 0 0 0 1 k BT /F1 12 Tf {SLUG + 10 * MM:.2f} {SLUG + 90 * MM:.2f} Td (Headline) Tj ET Q\n"  # on paper
)


def at(x_mm: float, y_mm: float) -> str:
    """PDF user space coordinates of a point given in mm from the trimmed page's top-left corner."""
    return f"{SLUG + x_mm * MM:.2f} {SLUG + SIZE - y_mm * MM:.2f}"


@dataclass
class Spec:
    content: str = CLEAN
    pages: int = 1
    page_sizes: list[tuple[float, float]] | None = None  # trimmed width, height in points, per page
    version: str = "1.3"
    info: dict = field(default_factory=dict)  # Info entries to set (None: delete)
    intent: dict = field(default_factory=dict)  # output intent entries to set (None: delete)
    resources: dict = field(default_factory=dict)  # extra page resources: {"/XObject": {...}} …, built by callables
    page_extra: dict = field(default_factory=dict)  # extra page entries (callables get the pdf)
    object_streams: bool = False
    contents: list[str] | None = None  # content per page (defaults to `content` for every page)
    root: dict = field(default_factory=dict)  # extra catalog entries (callables get the pdf)


@lru_cache(maxsize=8)
def font_program(text: str, retain_gids: bool = False) -> bytes:
    """A TrueType subset of Noto Sans SC Bold with the glyphs of `text` (made once a test session); with
    `retain_gids`, every other glyph up to the last kept one is left empty, as some writers subset."""
    options = subset.Options()
    options.retain_gids, options.notdef_outline, options.layout_features, options.name_IDs = retain_gids, True, [], []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "VORG", "DSIG"]
    font = TTFont(FONT)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _descriptor(pdf: pikepdf.Pdf, name: str, program: bytes, flags: int) -> pikepdf.Object:
    return pdf.make_indirect(
        Dictionary(
            Type=Name.FontDescriptor,
            FontName=Name("/" + name),
            Flags=flags,
            FontBBox=[-200, -300, 1200, 1100],
            ItalicAngle=0,
            Ascent=880,
            Descent=-120,
            CapHeight=733,
            StemV=120,
            FontFile2=pdf.make_stream(program, Length1=len(program)),
        )
    )


def truetype_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The clean page's font: printable ASCII of Noto Sans SC Bold as a simple TrueType font (WinAnsiEncoding,
    non-symbolic: glyphs found by name through the (3,1) cmap), widths from the program."""
    program = font_program(LATIN)
    tt = TTFont(io.BytesIO(program))
    cmap, hmtx = tt.getBestCmap(), tt["hmtx"]
    widths = [hmtx[cmap[c]][0] for c in range(32, 127)]
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/ABCDEF+NotoSansSC-Bold"),
            FirstChar=32,
            LastChar=126,
            Widths=widths,
            Encoding=Name.WinAnsiEncoding,
            FontDescriptor=_descriptor(pdf, "ABCDEF+NotoSansSC-Bold", program, 32),
        )
    )


def cid_font(pdf: pikepdf.Pdf, text: str, subset_of: str | None = None) -> pikepdf.Object:
    """A Type 0 font (Identity-H, CIDToGIDMap Identity, ToUnicode) for `text`: a character's code is its glyph
    number in the full font. Its program keeps the glyphs of `subset_of` (default: `text`), others left empty."""
    full = TTFont(FONT, lazy=True)
    cmap, hmtx = full.getBestCmap(), full["hmtx"]
    gids = {ch: full.getGlyphID(cmap[ord(ch)]) for ch in dict.fromkeys(text)}
    program = font_program(subset_of if subset_of is not None else text, retain_gids=True)
    bfchar = "".join(f"<{gid:04X}> <{ord(ch):04X}>\n" for ch, gid in sorted(gids.items(), key=lambda i: i[1]))
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(gids)} beginbfchar\n{bfchar}endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )
    widths = [v for ch, gid in sorted(gids.items(), key=lambda i: i[1]) for v in (gid, [hmtx[cmap[ord(ch)]][0]])]
    descendant = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=Name("/GHIJKL+NotoSansSC-Bold"),
        CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=_descriptor(pdf, "GHIJKL+NotoSansSC-Bold", program, 4),
        DW=1000,
        W=widths,
        CIDToGIDMap=Name.Identity,
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=Name("/GHIJKL+NotoSansSC-Bold"),
            Encoding=Name("/Identity-H"),
            DescendantFonts=[pdf.make_indirect(descendant)],
            ToUnicode=pdf.make_stream(to_unicode.encode("ascii")),
        )
    )


def cid_string(text: str) -> str:
    """`text` as a hex string of the codes `cid_font` gives its characters."""
    full = TTFont(FONT, lazy=True)
    cmap = full.getBestCmap()
    return "<" + "".join(f"{full.getGlyphID(cmap[ord(ch)]):04X}" for ch in text) + ">"


def type3_font(
    pdf: pikepdf.Pdf, glyph: bytes = b"600 0 0 0 600 700 d1 0 0 600 700 re f", matrix=0.001
) -> pikepdf.Object:
    """A Type 3 font whose every code draws `glyph` (by default a 0.6 em box, uncoloured: d1)."""
    proc = pdf.make_stream(glyph)
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=[0, 0, 600, 700],
            FontMatrix=[matrix, 0, 0, matrix, 0, 0],
            CharProcs=Dictionary(box=proc),
            Encoding=Dictionary(Type=Name.Encoding, Differences=[32, *[Name.box] * 95]),
            FirstChar=32,
            LastChar=126,
            Widths=[600] * 95,
            Resources=Dictionary(),
        )
    )


def build(path: Path, spec: Spec | None = None) -> Path:
    spec = spec or Spec()
    pdf = pikepdf.new()
    font = truetype_font(pdf)
    k_over = pdf.make_indirect(Dictionary(Type=Name.ExtGState, OP=True, op=True, OPM=1))
    sizes = spec.page_sizes or [(SIZE, SIZE)] * spec.pages
    contents = spec.contents or [spec.content] * len(sizes)
    for (w, h), content in zip(sizes, contents):
        resources = Dictionary(Font=Dictionary(F1=font), ExtGState=Dictionary(KOver=k_over))
        for key, entries in spec.resources.items():
            resources[key] = resources.get(key, Dictionary())
            for name, make in entries.items():
                resources[key][name] = make(pdf)
        page = Dictionary(
            Type=Name.Page,
            MediaBox=[0, 0, w + 2 * SLUG, h + 2 * SLUG],
            TrimBox=[SLUG, SLUG, SLUG + w, SLUG + h],
            Resources=resources,
            Contents=pdf.make_stream(content.encode("latin-1")),
        )
        for key, value in spec.page_extra.items():
            page[key] = value(pdf) if callable(value) else value
        pdf.pages.append(pikepdf.Page(page))
    for key, value in spec.root.items():
        pdf.Root[key] = value(pdf) if callable(value) else value
    info = {
        "/Title": "Corpus page",
        "/CreationDate": "D:20181228000000Z",
        "/ModDate": "D:20181228000000Z",
        "/Trapped": Name("/False"),
        "/GTS_PDFXVersion": "PDF/X-1:2001",
        "/GTS_PDFXConformance": "PDF/X-1a:2001",
    }
    info.update(spec.info)
    pdf.trailer.Info = pdf.make_indirect(Dictionary({k: v for k, v in info.items() if v is not None}))
    intent = {
        "/Type": Name.OutputIntent,
        "/S": Name.GTS_PDFX,
        "/OutputConditionIdentifier": "IFRA26",
        "/Info": "ISO 12647-3:2004 coldset offset on newsprint (IFRA26)",
        "/RegistryName": "http://www.color.org",
    }
    intent.update({k: v(pdf) if callable(v) else v for k, v in spec.intent.items()})
    pdf.Root.OutputIntents = Array([Dictionary({k: v for k, v in intent.items() if v is not None})])
    if spec.object_streams:
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.5", deterministic_id=True)
        data = path.read_bytes()
        path.write_bytes(data.replace(b"%PDF-1.5", b"%PDF-1.3", 1))  # labelled 1.3, as some writers do
    else:
        pdf.save(path, force_version=spec.version, deterministic_id=True)
    return path


def image(pdf: pikepdf.Pdf, width: int, height: int, bits: int = 8, fill: int = 60, channels: int = 4) -> Stream:
    """A flat CMYK image (each sample `fill` of 255) of width × height pixels."""
    sample = bytes([fill]) * (bits // 8)
    data = sample * channels * width * height
    return pdf.make_stream(
        zlib.compress(data),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=width,
        Height=height,
        ColorSpace=Name.DeviceCMYK if channels == 4 else Name.DeviceGray,
        BitsPerComponent=bits,
        Filter=Name.FlateDecode,
    )


def separation(name: str, alternate: tuple[float, ...] = (0, 0.5, 1, 0)) -> Array:
    """A Separation colour space for `name`, its alternate a DeviceCMYK tint ramp to `alternate`."""
    fn = Dictionary(FunctionType=2, Domain=[0, 1], C0=[0] * len(alternate), C1=list(alternate), N=1)
    return Array([Name.Separation, Name("/" + name), Name.DeviceCMYK, fn])


def icc_profile(description: str, mluc: bool = False) -> bytes:
    """An ICC output profile (prtr, CMYK) whose only real content is its `desc` tag: a v2 textDescriptionType,
    or with `mluc` a v4 multiLocalizedUnicodeType. Enough to be named, not to convert colours."""
    if mluc:
        text = description.encode("utf-16-be")
        desc = b"mluc" + bytes(4) + (1).to_bytes(4, "big") + (12).to_bytes(4, "big") + b"enUS"
        desc += len(text).to_bytes(4, "big") + (28).to_bytes(4, "big") + text
    else:
        text = description.encode("latin-1") + b"\0"
        desc = b"desc" + bytes(4) + len(text).to_bytes(4, "big") + text + bytes(12 + 67)
    desc += bytes(-len(desc) % 4)
    table = 128 + 4 + 12
    size = table + len(desc)
    head = bytearray(128)
    head[0:4] = size.to_bytes(4, "big")
    head[8:12] = bytes([4 if mluc else 2, 0x20 if mluc else 0x40, 0, 0])
    head[12:16], head[16:20], head[20:24], head[36:40] = b"prtr", b"CMYK", b"Lab ", b"acsp"
    entry = b"desc" + table.to_bytes(4, "big") + len(desc).to_bytes(4, "big")
    return bytes(head) + (1).to_bytes(4, "big") + entry + desc


def shading(
    pdf: pikepdf.Pdf, start: tuple[float, ...], end: tuple[float, ...], coords: tuple[float, ...]
) -> Dictionary:
    """An axial DeviceCMYK shading from colour `start` to `end` along `coords` (x0 y0 x1 y1, user space)."""
    fn = Dictionary(FunctionType=2, Domain=[0, 1], C0=list(start), C1=list(end), N=1)
    return Dictionary(ShadingType=2, ColorSpace=Name.DeviceCMYK, Coords=list(coords), Function=fn, Extend=[True, True])
