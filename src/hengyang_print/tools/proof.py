"""Proofs for the 校对 desk: a built page → PNG preview, proof PDF in screen colours, plain-text listing.

The screen PDF is the print PDF (drawn once, by draw.py) with its CMYK colours and photos turned into the sRGB
they print as on newsprint (screen.py: LittleCMS with a newsprint characterisation); the preview PNG is drawn
from it. The proof PDF adds an annotation layer on top: every block outlined and labelled (items[3].body[0])
and every line of a flowed column numbered in the margin. The listing carries the same numbers, so a
proofreader can write "items 2:14" and an editor finds the line. Not for print: no output intent, RGB colour.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from ..blockid import BlockId
from ..compose import clreq
from ..fonts import metrics
from ..i18n import CHINESE, N_, _, speaking
from ..model import Box, ImageItem, Page, PlaceReport, TextItem
from ..paths import stem as output_stem
from . import screen

DEFAULT_DPI = 100
SOFTWARE = "hengyang-print"  # a PNG's Software text: what `clean` knows its files by
LISTING_NOTE = N_("lines numbered per column as in the proof's margin")  # the listing's second line ends so
NUMBER_GAP = 2.0  # pt between a line number and its column
UNCOUNTED = ("number", "overset")  # lines of a flowing region that are graphics or marks, not text lines


@dataclass(frozen=True)
class Numbered:
    text: TextItem
    region: str
    column: int
    number: int | None  # line in its column, counted from the top; None when not counted (badges, display lines)


def numbered_lines(page: Page) -> list[Numbered]:
    """Every text line in reading order, flowed lines numbered per column from the top (badge numbers are graphics)."""
    texts = page.texts()
    counted = [t for t in texts if _flowing(t) and t.block.part not in UNCOUNTED]
    numbers: dict[int, int] = {}
    for key in {(t.region, t.column) for t in counted}:
        column = sorted((t for t in counted if (t.region, t.column) == key), key=lambda t: (-t.baseline, t.x))
        numbers.update((id(t), n) for n, t in enumerate(column, 1))
    return [Numbered(t, t.region, t.column, numbers.get(id(t))) for t in texts]


def _flowing(t: TextItem) -> bool:
    """A line of a flow of paragraphs or items (the intro and items fields are only ever set in one)."""
    return t.block.field in ("intro", "items")


def listing(page: Page, report: PlaceReport, source: str) -> str:
    """The page as plain text in reading order, one block heading per block, lines as 'region column:line'."""
    heading = _("{source} on {layout}; {note}").format(source=source, layout=page.subject, note=_(LISTING_NOTE))
    out = [page.title, heading, ""]
    block = None
    for n in numbered_lines(page):
        if n.text.block != block:
            block = n.text.block
            out.append(str(block))
        where = f"{n.region} {n.column + 1}:{n.number:>2}" if n.number else ""
        out.append(f"  {where:<12} {_spaced(n.text)}")
    for o in report.overset:
        over = _("OVERSET {block}: {lines} lines, {characters} characters not on the page")
        out.append(over.format(block=o.block, lines=o.lines, characters=o.chars))
    return "\n".join(out) + "\n"


def listing_notes() -> tuple[str, ...]:
    """The ends of a listing's second line, in each language a listing is written in (what `clean` knows it by)."""
    with speaking(CHINESE):
        return (LISTING_NOTE, _(LISTING_NOTE))


def _spaced(line: TextItem) -> str:
    """The line's text with a space where the glyphs leave a word space: a gap wider than the line's
    tightest (its tracking) by at least the face's own space, between two characters that get no
    Han–Latin gap instead (justification only widens word spaces)."""
    gaps = [b.x - (a.x + a.width) for a, b in zip(line.glyphs, line.glyphs[1:])]
    space = metrics(line.font).advance(" ") * line.size + min(gaps, default=0.0) - 0.01
    out = [line.glyphs[0].char] if line.glyphs else []
    for a, b, gap in zip(line.glyphs, line.glyphs[1:], gaps):
        out.append(" " + b.char if gap >= space and not clreq.han_latin_gap(a.char, b.char) else b.char)
    return "".join(out)


def annotations(page: Page) -> tuple[list, list]:
    """Block outlines (label, box, n) per block and column, and line numbers (text, right x, baseline)."""
    lines = numbered_lines(page)
    segments: dict[tuple[BlockId, str, int], list[TextItem]] = {}
    for n in lines:
        if n.text.block.part != "number":  # a badge's number is part of the badge graphic
            segments.setdefault((n.text.block, n.region, n.column), []).append(n.text)
    outlines, seen = [], set()
    for i, ((block, _region, _column), items) in enumerate(segments.items()):
        label = str(block) if block not in seen else f"{block} (cont.)"  # Latin: the label face (Helvetica) has no Han
        seen.add(block)
        outlines.append((label, _bbox(page, items), i))
    outlines += [(str(item.block), item.box, n) for n, item in enumerate(page.items) if isinstance(item, ImageItem)]
    lefts: dict[tuple[str, int], float] = {}
    for n in lines:
        if n.number:
            key = (n.region, n.column)
            lefts[key] = min(lefts.get(key, n.text.x), n.text.x)
    numbers = [(str(n.number), lefts[(n.region, n.column)] - NUMBER_GAP, n.text.baseline) for n in lines if n.number]
    return outlines, numbers


def _bbox(page: Page, items: list[TextItem]) -> Box:
    def top(t):
        return t.baseline + metrics(t.font).ascent * t.size

    def bottom(t):
        return t.baseline - metrics(t.font).descent * t.size

    x0 = min(t.x for t in items)
    x1 = max(t.x + t.measure if t.justified else t.right for t in items)
    y0, y1 = min(bottom(t) for t in items), max(top(t) for t in items)
    return Box(x0, y0, x1 - x0, y1 - y0)


def screen_pdf(pdf: bytes, icc_profile: str | None = None) -> bytes:
    """The print PDF in screen colours (screen.py): every CMYK colour operator and CMYK photo as the sRGB it
    prints as, on the paper's own tone; no output intent or PDF/X claim (a screen proof makes no
    print-condition claim)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        sheet = doc.pages[0]
        _cmyk_to_rgb(doc, sheet, icc_profile)
        _photos_to_rgb(sheet, icc_profile)
        paper = b" ".join(_number(round(v, 4)) for v in screen.rgb(0, 0, 0, 0, icc_profile))
        x0, y0, x1, y1 = (float(v) for v in sheet.mediabox)
        fill = b"q " + paper + b" rg " + b" ".join(_number(v) for v in (x0, y0, x1 - x0, y1 - y0)) + b" re f Q\n"
        sheet.contents_add(doc.make_stream(fill), prepend=True)  # the paper under everything the plates print
        if "/OutputIntents" in doc.Root:
            del doc.Root.OutputIntents
        for key in ("/GTS_PDFXVersion", "/GTS_PDFXConformance"):
            if key in doc.docinfo:
                del doc.docinfo[key]
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        return out.getvalue()


def proof_pdf(screen: bytes, page: Page, title: str) -> bytes:
    """The screen PDF with the annotation layer on top; shows the trimmed page."""
    from .proof_draw import annotation_layer

    with pikepdf.open(io.BytesIO(screen)) as doc:
        sheet = doc.pages[0]
        media = [float(v) for v in sheet.mediabox]
        trim = [float(v) for v in sheet.trimbox]
        outlines, numbers = annotations(page)
        layer = annotation_layer(
            (media[2] - media[0], media[3] - media[1]), (trim[0] - media[0], trim[1] - media[1]), outlines, numbers
        )
        with pikepdf.open(io.BytesIO(layer)) as over:
            sheet.add_overlay(over.pages[0], pikepdf.Rectangle(*media))
        sheet.CropBox = pikepdf.Array(trim)
        doc.docinfo.Title = pikepdf.String(f"校对样 {title}")
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        return out.getvalue()


_NUMBER = rb"([-+]?(?:\d+\.?\d*|\.\d+))"
_CMYK_LINE = re.compile(
    rb"^" + rb" ".join([_NUMBER] * 4) + rb" ([kK])$", re.M
)  # draw.py writes each colour on a line of its own


def _cmyk_to_rgb(doc: pikepdf.Pdf, sheet: pikepdf.Page, icc_profile: str | None) -> None:
    """Turn every CMYK fill/stroke operator into its screen RGB (screen.rgb). The colour lines are rewritten in
    the content's bytes (~1 ms) when qpdf's own reading of the stream finds exactly those operators; otherwise
    the stream is parsed and written again whole (~40 ms)."""
    sheet.contents_coalesce()
    data = sheet.Contents.read_bytes()
    found = _CMYK_LINE.findall(data)
    if len(found) == len(pikepdf.parse_content_stream(sheet, "k K")):
        sheet.Contents = doc.make_stream(_CMYK_LINE.sub(lambda m: _rgb_line(m, icc_profile), data))
        return
    ops = []
    for operands, op in pikepdf.parse_content_stream(sheet):
        if str(op) in ("k", "K"):
            operands = [round(v, 4) for v in screen.rgb(*(float(v) for v in operands), icc_profile)]
            op = pikepdf.Operator("rg" if str(op) == "k" else "RG")
        ops.append((operands, op))
    sheet.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))


def _rgb_line(m: re.Match, icc_profile: str | None) -> bytes:
    rgb = screen.rgb(*(float(v) for v in m.groups()[:4]), icc_profile)
    return b" ".join(_number(round(v, 4)) for v in rgb) + (b" rg" if m[5] == b"k" else b" RG")


def _number(v: float) -> bytes:
    return (f"{v:.4f}".rstrip("0").rstrip(".") or "0").encode()


def _photos_to_rgb(sheet: pikepdf.Page, icc_profile: str | None) -> None:
    """Every CMYK image of the page (its photos) in screen colours, stored again as Flate-compressed RGB."""
    xobjects = sheet.Resources.get("/XObject", {})
    for key in list(xobjects.keys()):
        stream = xobjects[key]
        if stream.get("/Subtype") != "/Image" or stream.get("/ColorSpace") != "/DeviceCMYK":
            continue
        shown = screen.image(pikepdf.PdfImage(stream).as_pil_image(), icc_profile)
        stream.write(zlib.compress(shown.tobytes(), 1), filter=pikepdf.Name.FlateDecode)
        stream.ColorSpace = pikepdf.Name.DeviceRGB
        for stale in ("/Decode", "/DecodeParms"):
            if stale in stream:
                del stream[stale]


def render_image(pdf: bytes, dpi: float = DEFAULT_DPI):
    """The page's trim area as a PIL image at `dpi` (PDFium: no system package)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return _render(doc[0], dpi).to_pil()
    finally:
        doc.close()


def render_png(pdf: bytes, dpi: float = DEFAULT_DPI) -> bytes:
    """The page's trim area as a PNG at `dpi`. Written here from PDFium's RGB rows: unfiltered, deflated at
    zlib level 1, which for a page's flat colours and text is smaller than Pillow's filtered PNG at its
    level 1 and twice as fast (~90 ms against ~190 ms for a broadsheet at 100 dpi): the proof in `watch`
    waits on it."""
    doc = pdfium.PdfDocument(pdf)
    try:
        bitmap = _render(doc[0], dpi, rev_byteorder=True)  # RGB, not PDFium's native BGR
        if bitmap.n_channels != 3:  # a bitmap with alpha: let Pillow write it
            return png_bytes(bitmap.to_pil(), compress_level=1)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        pixels = memoryview(bitmap.buffer).cast("B")
        row = 3 * width
        rows = b"".join(
            b"\0" + pixels[y * stride : y * stride + row] for y in range(height)
        )  # filter type 0 (None) per row
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, deflate, no interlace
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 1))
            + _chunk(b"tEXt", b"Software\0" + SOFTWARE.encode())
            + _chunk(b"IEND", b"")
        )
    finally:
        doc.close()


def png_bytes(image, **options) -> bytes:
    """A PIL image as PNG bytes, marked as this tool's (its Software text)."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", SOFTWARE)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, **options)
    return out.getvalue()


def is_ours_png(data: bytes) -> bool:
    """A PNG this tool wrote: its Software text says so (in the first few kB, before the pixels or after)."""
    return data.startswith(b"\x89PNG\r\n\x1a\n") and b"tEXtSoftware\0" + SOFTWARE.encode() in data


def _render(sheet, dpi: float, **options):
    """PDFium's bitmap of the page's trim area at `dpi`."""
    left, bottom, right, top = sheet.get_cropbox()
    t = sheet.get_trimbox()
    crop = (max(0, t[0] - left), max(0, t[1] - bottom), max(0, right - t[2]), max(0, top - t[3]))
    return sheet.render(scale=dpi / 72, crop=crop, **options)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def proof_files(out_dir: str | Path, content: str | Path) -> dict[str, Path]:
    """The files a proof of `content` writes into out_dir, by kind, in the order they are written."""
    stem, out_dir = output_stem(content), Path(out_dir)
    names = {"proof": ".proof.pdf", "proof_png": ".proof.png", "preview": ".png", "listing": ".txt"}
    return {kind: out_dir / f"{stem}{suffix}" for kind, suffix in names.items()}


def write_proof(result, out_dir: str | Path, dpi: float = DEFAULT_DPI) -> dict[str, Path]:
    """Write NAME.proof.pdf, NAME.proof.png (screen colours, labelled), NAME.png (the page) and NAME.txt (the
    listing) into out_dir."""
    from ..atomic import write_atomically

    files = proof_files(out_dir, result.content.source)
    screen = screen_pdf(result.pdf, result.layout.print.icc_profile)
    proof = proof_pdf(screen, result.page, result.content.headline)
    # each file written as soon as it is made, the proofreader's first: `watch` shows the proof PNG sooner
    makers = {
        "proof": lambda: proof,
        "proof_png": lambda: render_png(proof, dpi),
        "preview": lambda: render_png(screen, dpi),
        "listing": lambda: listing(result.page, result.report, result.content.source).encode("utf-8"),
    }
    for kind, path in files.items():
        write_atomically(path, makers[kind]())
    return files
