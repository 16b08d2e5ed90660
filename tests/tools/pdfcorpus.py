"""A corpus of PDFs written with pikepdf the way other systems write them: one clean PDF/X-1a:2001 newspaper
page, and variants of it with exactly one defect each (the categories of issue 14).

The clean page: 100 × 100 mm trimmed inside 10 mm of slug, a red panel (0/100/100/10), 100 % K text
overprinting it (/op, /OPM 1), a 1 pt 100 % K rule overprinting, text in a Type 3 font (nothing to embed),
Info and one IFRA26 output intent. Content is given as PDF operators so each defect is visible in the test.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

MM = 72 / 25.4
SLUG = 10 * MM
SIZE = 100 * MM  # trimmed width and height
RED = "0 1 1 0.1 k"
CLEAN = (
    f"q {RED} {SLUG + 10 * MM:.2f} {SLUG + 10 * MM:.2f} {40 * MM:.2f} {40 * MM:.2f} re f Q\n"  # red panel, 40 mm square
    f"q /KOver gs 0 0 0 1 k BT /F1 12 Tf {SLUG + 15 * MM:.2f} {SLUG + 30 * MM:.2f} Td (Black on red) Tj ET Q\n"
    f"q /KOver gs 0 0 0 1 K 1 w {SLUG + 5 * MM:.2f} {SLUG + 80 * MM:.2f} m {SLUG + 95 * MM:.2f} {SLUG + 80 * MM:.2f} l"
    " S Q\n"
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


def _type3_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A Type 3 font whose every code is a 0.6 em box: text with no font file to embed or miss."""
    glyph = pdf.make_stream(b"600 0 0 0 600 700 d1 0 0 600 700 re f")
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=[0, 0, 600, 700],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=Dictionary(box=glyph),
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
    font = _type3_font(pdf)
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
    intent.update(spec.intent)
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
