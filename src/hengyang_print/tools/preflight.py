"""Check any PDF against PDF/X-1a:2001 (ISO 15930-1) and newspaper practice (GWG 2015 NewspaperAds); a plant gates on
it.

Reads the file independently of how it was made, within bounds (pdfread.py): pikepdf walks every page's
content stream, the forms, patterns and images it uses (with a graphics-state stack for colour, overprint,
line width and text size), the document's Info, OutputIntents, actions and page boxes. Total ink is
measured object by object (ink.py), with no renderer. Every finding has a code; RULES gives each code its
level in each profile, so a profile is one column of that table.
"""

from __future__ import annotations

import math
import mmap
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import pikepdf
from pikepdf import Name

from .. import pressrules as pr
from .ink import InkMap
from .pdfread import PdfInputError, image_bytes, open_pdf, stream_size

PROFILES, DEFAULT_PROFILE = pr.PROFILES, pr.DEFAULT_PROFILE
E, W, I = "error", "warning", "info"
# code: (level in pdfx1a, level in newspaper, what it is); None: not checked in that profile
RULES: dict[str, tuple[str | None, str | None, str]] = {
    "unreadable": (E, E, "the file cannot be read: not a PDF, damaged, encrypted, a bomb, not a regular file"),
    "damaged": (E, E, "qpdf had to repair the file (broken cross-reference table, truncated)"),
    "encrypted": (E, E, "encryption (PDF/X forbids it)"),
    "pdfx-version": (E, E, "Info /GTS_PDFXVersion and /GTS_PDFXConformance"),
    "pdf-version": (E, E, "PDF version above what the PDF/X part allows"),
    "object-streams": (E, E, "object or cross-reference streams in a file labelled PDF 1.3"),
    "info-keys": (E, E, "Info /Title, /CreationDate, /ModDate, /Trapped; trailer /ID"),
    "output-intent": (
        E,
        E,
        "exactly one /GTS_PDFX output intent, with identifier, /Info and a profile or registered name",
    ),
    "output-intent-unregistered": (E, E, "an output condition not in the ICC registry and no profile embedded"),
    "output-intent-not-newsprint": (I, E, "an output condition that is not newsprint (e.g. CGATS TR 001, FOGRA39)"),
    "javascript": (E, E, "JavaScript or additional actions anywhere (catalog, page /AA, annotations)"),
    "form-fields": (W, W, "interactive form fields"),
    "compression": (E, E, "LZW, JBIG2, JPEG 2000 or crypt filters"),
    "boxes": (E, E, "TrimBox or ArtBox present, boxes nested in the MediaBox"),
    "annotation-in-bleed": (E, E, "an annotation other than a printer's mark inside the bleed"),
    "page-sizes-differ": (W, E, "pages of different trimmed sizes"),
    "empty-page": (W, E, "a page that paints nothing"),
    "colour-space": (E, E, "RGB, ICC-based, Lab or other device-independent colour"),
    "spot-colour": (I, E, "a spot colour (Separation or DeviceN colorant other than C, M, Y, K)"),
    "registration-in-trim": (None, E, "registration colour (Separation /All) inside the trim"),
    "transparency": (E, E, "soft masks, alpha, blend modes, transparency groups"),
    "transfer-function": (E, E, "transfer functions"),
    "halftone-name": (E, E, "a halftone with /HalftoneName"),
    "postscript": (E, E, "PostScript XObjects"),
    "image-16-bit": (E, E, "16-bit images (PDF 1.3 has at most 8 bits per component)"),
    "image-forbidden": (E, E, "OPI references, image /Alternates"),
    "font-not-embedded": (E, E, "a font that is not embedded"),
    "rich-black-text": (
        None,
        E,
        f"rich black text (100 % K with other ink) or near-black (K ≥ {pr.NEAR_BLACK_K:g} % on C, M and Y)",
    ),
    "black-text-knockout": (None, E, "100 % K (or grey 0) text that does not overprint"),
    "white-overprint": (W, E, "white text or shapes set to overprint (they vanish on plate)"),
    "black-line-knockout": (None, E, f"a 100 % K line up to {pr.THIN_LINE:g} pt knocking out of colour"),
    "small-type-plates": (None, E, f"type under {pr.MIN_TYPE:g} pt on more than one plate"),
    "small-type": (None, W, f"type under {pr.MIN_TYPE:g} pt on one plate"),
    "process-type": (None, W, f"type under {pr.MIN_PROCESS_TYPE:g} pt on more than one plate"),
    "thin-line-plates": (None, E, f"a line thinner than {pr.MIN_LINE_MULTI:g} pt on more than one plate"),
    "thin-line": (None, W, f"a one-plate line thinner than {pr.MIN_LINE_SINGLE:g} pt"),
    "image-resolution": (None, E, f"a colour or grey image under {pr.MIN_PPI:g} ppi"),
    "image-resolution-low": (None, W, f"a colour or grey image under {pr.WARN_PPI:g} ppi"),
    "total-ink": (None, E, "total ink over the limit in an area larger than the tolerance"),
    "content": (E, E, "a content stream that cannot be read to the end, or forms nested too deep"),
    "about": (I, I, "facts: output intent, page size, total ink peak"),
}

PT_MM = 25.4 / 72
X1A = {
    "PDF/X-1:2001": ((1, 3), "PDF/X-1a:2001"),
    "PDF/X-1a:2003": ((1, 4), None),
}  # version key -> (max PDF, conformance)
BAD_FILTERS = {"/LZWDecode": "LZW", "/JBIG2Decode": "JBIG2", "/JPXDecode": "JPEG 2000", "/Crypt": "crypt filter"}
INLINE_SPACES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
PAINT = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}
STROKES, FILLS = {"S", "s", "B", "B*", "b", "b*"}, {"f", "F", "f*", "B", "B*", "b", "b*"}
OBJECT_STREAMS = re.compile(rb"/Type\s*/(ObjStm|XRef)\b")
MAX_FORM_DEPTH = 12
MAX_CONTENT = (
    2 * 2**20
)  # decompressed bytes of content walked per page, forms and patterns included (~230,000 operators)
MAX_DOCUMENT_CONTENT = 16 * 2**20  # and in the whole document (1,000 pages of our kind of page are 2 MB)


@dataclass
class Finding:
    code: str
    level: str  # error | warning | info
    where: str  # document | page 2 | page 1, form /Fm0 …
    message: str
    count: int = 1
    page: int | None = None
    x_mm: float | None = None  # first place it occurs, from the trimmed page's top-left corner
    y_mm: float | None = None

    @property
    def at(self) -> str:
        return "" if self.x_mm is None else f"x {self.x_mm:.1f} mm, y {self.y_mm:.1f} mm from the top-left"

    def line(self) -> str:
        place = ", first at ".join(filter(None, (f"{self.count}×" if self.count > 1 else "", self.at)))
        return f"{self.level}: {self.where}: {self.message} [{self.code}]" + (f" ({place})" if place else "")

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "level": self.level,
            "page": self.page,
            "where": self.where,
            "message": self.message,
            "count": self.count,
            "x_mm": self.x_mm,
            "y_mm": self.y_mm,
        }


@dataclass
class Report:
    profile: str = DEFAULT_PROFILE
    strict: bool = False
    max_ink: float = pr.MAX_INK
    findings: list[Finding] = field(default_factory=list)
    _index: dict = field(default_factory=dict, repr=False)

    def add(self, code: str, where: str, message: str, at: tuple[float, float] | None = None) -> None:
        """Level from the profile; repeats of the same problem in the same place are counted, not listed again."""
        level = RULES[code][PROFILES.index(self.profile)]
        if level is None:
            return
        if self.strict and level == W:
            level = E
        key = (code, where, message)
        if key in self._index:
            self._index[key].count += 1
            return
        page = int(where.split(",")[0][5:]) if where.startswith("page ") else None
        x, y = (round(at[0], 1), round(at[1], 1)) if at else (None, None)
        self._index[key] = finding = Finding(code, level, where, message, page=page, x_mm=x, y_mm=y)
        self.findings.append(finding)

    @property
    def errors(self) -> int:
        return sum(f.level == E for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == W for f in self.findings)


def preflight(
    path: str | Path, profile: str = DEFAULT_PROFILE, strict: bool = False, max_ink: float = pr.MAX_INK
) -> Report:
    report = Report(profile, strict, max_ink)
    warnings: list[str] = []
    try:
        doc = open_pdf(path, warnings)
    except PdfInputError as exc:
        report.add("encrypted" if "encrypted" in str(exc) else "unreadable", "document", str(exc).split(": ", 1)[-1])
        return report
    with doc:
        if warnings:
            more = f"; {len(warnings) - 1} more" if len(warnings) > 1 else ""
            report.add("damaged", "document", f"damaged PDF ({warnings[0]}{more}); checked as qpdf repaired it")
        _document(doc, Path(path), report)
        sizes, budget = [], MAX_DOCUMENT_CONTENT
        for number, page in enumerate(doc.pages, 1):
            where = f"page {number}"
            trim, bleed = _boxes(page, where, report)
            sizes.append((round((trim[2] - trim[0]) * PT_MM, 1), round((trim[3] - trim[1]) * PT_MM, 1)))
            walker = Walker(report, where, trim, budget)
            try:
                walker.run(page.obj, page.resources, _State())
            except (
                pikepdf.PdfError,
                ValueError,
                TypeError,
                KeyError,
                IndexError,
                AttributeError,
            ) as exc:  # damaged: say so, go on
                report.add("content", where, f"content could not be read to the end ({str(exc)[:160]})")
            if not walker.marks:
                report.add("empty-page", where, "empty page: it paints nothing")
            budget = walker.budget["document"]
            _ink(walker.ink, where, trim, report)
        _page_sizes(sizes, report)
    return report


# ---------------------------------------------------------------- document level


def _document(doc: pikepdf.Pdf, path: Path, report: Report) -> None:
    info = doc.trailer.get("/Info", pikepdf.Dictionary())
    version_key = str(info.get("/GTS_PDFXVersion", ""))
    if doc.is_encrypted:
        report.add("encrypted", "document", "encrypted (PDF/X forbids encryption)")
    if version_key not in X1A:
        report.add(
            "pdfx-version",
            "document",
            f"Info /GTS_PDFXVersion is {version_key!r}; expected 'PDF/X-1:2001' (or 'PDF/X-1a:2003')",
        )
    max_version, conformance = X1A.get(version_key, ((1, 3), "PDF/X-1a:2001"))
    version = tuple(int(p) for p in doc.pdf_version.split(".")[:2])
    catalog_version = str(doc.Root.get("/Version", "")).lstrip("/")
    if catalog_version:
        version = max(version, tuple(int(p) for p in catalog_version.split(".")[:2]))
    if version > max_version:
        report.add(
            "pdf-version",
            "document",
            f"PDF {version[0]}.{version[1]} (PDF/X-1a{':2001' if max_version == (1, 3) else ''} needs ≤"
            f" {max_version[0]}.{max_version[1]})",
        )
    if version < (1, 5) and _has_object_streams(path):
        report.add(
            "object-streams",
            "document",
            f"object or cross-reference streams in a PDF {version[0]}.{version[1]} file (they came with PDF 1.5)",
        )
    if conformance and str(info.get("/GTS_PDFXConformance", "")) != conformance:
        report.add(
            "pdfx-version",
            "document",
            f"Info /GTS_PDFXConformance is {str(info.get('/GTS_PDFXConformance', ''))!r}; expected {conformance!r}",
        )
    if not str(info.get("/Title", "")).strip():
        report.add("info-keys", "document", "Info /Title is missing or empty")
    for key in ("/CreationDate", "/ModDate"):
        if key not in info:
            report.add("info-keys", "document", f"Info {key} is missing")
    if info.get("/Trapped") not in (Name("/True"), Name("/False")):
        report.add("info-keys", "document", f"Info /Trapped is {info.get('/Trapped')}; expected /True or /False")
    if "/ID" not in doc.trailer:
        report.add("info-keys", "document", "trailer /ID is missing")
    _output_intents(doc, report)
    if "/AcroForm" in doc.Root:
        report.add("form-fields", "document", "interactive form (/AcroForm): fields do not print reliably")
    _actions(doc, report)
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            for name in filters if isinstance(filters, pikepdf.Array) else [filters] if filters else []:
                if str(name) in BAD_FILTERS:
                    report.add(
                        "compression", "document", f"{BAD_FILTERS[str(name)]} compression (not allowed in PDF/X-1a)"
                    )


def _has_object_streams(path: Path) -> bool:
    """Object streams hide inside the file qpdf reads: look at the bytes (a dictionary key is never compressed)."""
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return OBJECT_STREAMS.search(data) is not None


def _actions(doc: pikepdf.Pdf, report: Report) -> None:
    """JavaScript and additional actions anywhere: catalog, pages, annotations, fields, outlines."""
    owner = {}  # objgen of a page or an annotation -> its page
    for number, page in enumerate(doc.pages, 1):
        owner[page.obj.objgen] = f"page {number}"
        for annot in page.obj.get("/Annots", []):
            if isinstance(annot, pikepdf.Dictionary):
                owner[annot.objgen] = f"page {number}"
    names = doc.Root.get("/Names", {})
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        report.add("javascript", "document", "document-level JavaScript (/Names /JavaScript)")
    for obj in doc.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        where = owner.get(obj.objgen, "document")
        for d in _direct_dicts(obj):
            if "/JS" in d or d.get("/S") == Name.JavaScript:
                kind = (
                    "link annotation"
                    if obj.get("/Subtype") == Name.Link
                    else "annotation"
                    if obj.get("/Type") == Name.Annot
                    else "action"
                )
                report.add(
                    "javascript",
                    where,
                    f"JavaScript in {'an ' if kind[0] in 'aeiou' else 'a '}{kind} (PDF/X forbids it)",
                    _annot_at(obj, doc, where),
                )
            if "/AA" in d:
                report.add(
                    "javascript", where, "additional actions (/AA) (PDF/X forbids them)", _annot_at(obj, doc, where)
                )


def _annot_at(obj, doc, where) -> tuple[float, float] | None:
    if where == "document" or "/Rect" not in obj:
        return None
    page = doc.pages[int(where[5:]) - 1]
    trim = _rect(page.obj.TrimBox) if "/TrimBox" in page.obj else _rect(page.mediabox)
    r = _rect(obj.Rect)
    return (r[0] - trim[0]) * PT_MM, (trim[3] - r[3]) * PT_MM


def _direct_dicts(obj):
    """The object and every dictionary nested in it directly (not through references)."""
    todo = [obj]
    while todo:
        item = todo.pop()
        if isinstance(item, pikepdf.Stream):
            item = item.stream_dict
        if isinstance(item, pikepdf.Dictionary):
            yield item
            todo.extend(v for v in item.values() if isinstance(v, pikepdf.Object) and not v.is_indirect)
        elif isinstance(item, pikepdf.Array):
            todo.extend(v for v in item.as_list() if isinstance(v, pikepdf.Object) and not v.is_indirect)


def _output_intents(doc: pikepdf.Pdf, report: Report) -> None:
    intents = [i for i in doc.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        report.add(
            "output-intent",
            "document",
            f"{len(intents)} /GTS_PDFX output intents in the catalog; PDF/X needs exactly one",
        )
        return
    intent = intents[0]
    ident = str(intent.get("/OutputConditionIdentifier", "")).strip()
    about = " ".join(str(intent.get(k, "")) for k in ("/Info", "/OutputCondition"))
    if not ident:
        report.add("output-intent", "document", "output intent has no /OutputConditionIdentifier")
    if not str(intent.get("/Info", "")).strip():
        report.add(
            "output-intent",
            "document",
            f"output intent '{ident}' has no /Info (PDF/X-1a needs a readable name of the condition)",
        )
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        if not str(intent.get("/RegistryName", "")).strip():
            report.add(
                "output-intent", "document", f"output intent '{ident}' has neither an ICC profile nor a /RegistryName"
            )
        elif ident not in pr.REGISTERED_CONDITIONS:
            report.add(
                "output-intent-unregistered",
                "document",
                f"output condition '{ident}' is not in the ICC registry and no profile is embedded",
            )
    else:
        head = profile.read_bytes()[:132]  # bounded by pdfread: streams are at most MAX_STREAM
        if head[12:16] != b"prtr" or head[16:20] not in (b"CMYK", b"GRAY"):
            report.add(
                "output-intent",
                "document",
                f"output intent profile is '{head[12:20].decode('latin-1')}', not a CMYK output profile",
            )
    if not any(mark in f"{ident} {about}".upper() for mark in pr.NEWSPRINT_MARKS):
        report.add(
            "output-intent-not-newsprint",
            "document",
            f"output condition '{ident}' is not a newsprint condition (expected IFRA26, IFRA30 or another ISO 12647-3"
            " condition)",
        )
    report.add(
        "about",
        "document",
        f"output intent {ident}"
        + (" with embedded ICC profile" if profile is not None else f" ({intent.get('/RegistryName', '')})"),
    )


def _page_sizes(sizes: list[tuple[float, float]], report: Report) -> None:
    if not sizes:
        report.add("empty-page", "document", "no pages")
        return
    first = sizes[0]
    for number, size in enumerate(sizes[1:], 2):
        if abs(size[0] - first[0]) > 0.1 or abs(size[1] - first[1]) > 0.1:
            report.add(
                "page-sizes-differ",
                f"page {number}",
                f"trimmed {size[0]:.1f} × {size[1]:.1f} mm, page 1 is {first[0]:.1f} × {first[1]:.1f} mm",
            )
    pages = f"{len(sizes)} pages, " if len(sizes) > 1 else ""
    report.add("about", "document", f"{pages}trimmed {first[0]:.1f} × {first[1]:.1f} mm")


def _rect(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner, outer, tol: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


def _boxes(page: pikepdf.Page, where: str, report: Report) -> tuple[tuple, tuple]:
    """Check TrimBox/ArtBox, BleedBox, CropBox against the MediaBox; return the trim and bleed boxes."""
    raw = page.obj
    media = _rect(page.mediabox)
    trim = _rect(raw.TrimBox) if "/TrimBox" in raw else _rect(raw.ArtBox) if "/ArtBox" in raw else None
    if "/TrimBox" in raw and "/ArtBox" in raw:
        report.add("boxes", where, "has both /TrimBox and /ArtBox (PDF/X: one of them)")
    if trim is None:
        report.add("boxes", where, "no /TrimBox (PDF/X needs the trimmed page size)")
        trim = media
    bleed = _rect(raw.BleedBox) if "/BleedBox" in raw else trim
    if "/BleedBox" in raw and not _inside(trim, bleed):
        report.add("boxes", where, "TrimBox is not inside the BleedBox")
    if not _inside(bleed, media):
        report.add("boxes", where, f"{'BleedBox' if '/BleedBox' in raw else 'TrimBox'} is not inside the MediaBox")
    if "/CropBox" in raw and not _inside(trim, _rect(raw.CropBox)):
        report.add("boxes", where, "CropBox cuts into the TrimBox")
    if bleed != trim:
        report.add("about", where, f"bleed {(trim[0] - bleed[0]) * PT_MM:.1f} mm")
    for annot in raw.get("/Annots", []):
        kind = str(annot.get("/Subtype", ""))
        if kind not in ("/PrinterMark", "/TrapNet") and "/Rect" in annot:
            r = _rect(annot.Rect)
            if r[0] < bleed[2] and r[2] > bleed[0] and r[1] < bleed[3] and r[3] > bleed[1]:
                report.add(
                    "annotation-in-bleed",
                    where,
                    f"{kind} annotation inside the bleed area (PDF/X forbids it)",
                    ((r[0] - trim[0]) * PT_MM, (trim[3] - r[3]) * PT_MM),
                )
    return trim, bleed


def _ink(ink: InkMap, where: str, trim, report: Report) -> None:
    """The page's total ink: an error over the limit (outside the tolerance); the peak either way."""

    def place(peak):
        return (peak.at[0] - trim[0]) * PT_MM, (trim[3] - peak.at[1]) * PT_MM

    limit, counted, highest = report.max_ink, ink.counted, ink.highest
    if counted.percent > limit + 0.5:  # 0.5: rounding of tints, not ink
        report.add("total-ink", where, f"total ink {counted.percent:.0f} % exceeds {limit:.0f} %", place(counted))
    if highest.percent < 0:
        return
    if highest.why and highest.percent > limit + 0.5:
        elsewhere = f"elsewhere at most {counted.percent:.0f} %" if counted.percent >= 0 else "nothing else counted"
        report.add(
            "about",
            where,
            f"total ink {highest.percent:.0f} % in a {highest.why}, tolerated; {elsewhere} (limit {limit:.0f} %)",
            place(highest),
        )
    else:
        report.add("about", where, f"total ink at most {highest.percent:.0f} % (limit {limit:.0f} %)", place(highest))


# ---------------------------------------------------------------- content streams


@dataclass
class _Colour:
    family: str  # /DeviceCMYK, /DeviceGray, /Separation, /DeviceN, /Indexed, /Pattern …
    values: tuple = ()
    names: tuple = ()  # colorant names of a Separation or DeviceN

    @cached_property
    def plates(self) -> int:
        inks = self.inks
        return 0 if inks is None else sum(v > 0.5 for v in inks.values())

    @cached_property
    def inks(self) -> dict | None:
        """Percent per plate (C, M, Y, K or a spot name); None when not known (patterns, indexed)."""
        v = self.values
        if self.family == "/DeviceCMYK" and len(v) == 4:
            return {p: x * 100 for p, x in zip("CMYK", v)}
        if self.family == "/DeviceGray" and len(v) == 1:
            return {"K": (1 - v[0]) * 100}
        if self.family in ("/Separation", "/DeviceN") and len(v) == len(self.names):
            out: dict[str, float] = {}
            for name, x in zip(self.names, v):
                plates = (
                    "CMYK"
                    if name == pr.REGISTRATION
                    else [name[0]]
                    if name in pr.PROCESS_COLORANTS
                    else []
                    if name == "None"
                    else [name]
                )
                for p in plates:
                    out[p] = out.get(p, 0) + x * 100
            return out
        return None


@dataclass
class _State:
    ctm: tuple = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    fill: _Colour = field(default_factory=lambda: _Colour("/DeviceGray", (0.0,)))
    stroke: _Colour = field(default_factory=lambda: _Colour("/DeviceGray", (0.0,)))
    op_fill: bool = False
    op_stroke: bool = False
    opm: int = 0
    line_width: float = 1.0
    font_size: float = 0.0
    leading: float = 0.0
    render: int = 0
    font: object = None

    def copy(self) -> _State:
        return _State(**self.__dict__)


def _mul(a, b) -> tuple:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m, x, y) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _bbox(points) -> tuple:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _scale(m) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


class Walker:
    """Walks one page's content, with its forms and patterns, and reports colour, font, text, line and image
    problems."""

    def __init__(self, report: Report, where: str, trim: tuple[float, float, float, float], budget: int = 0):
        self.report, self.where, self.trim = report, where, trim
        self.fonts_seen: set = set()
        self.budget = {"page": MAX_CONTENT, "document": budget}  # decompressed content bytes still to walk
        self.widths: dict = {}  # font objgen -> (two-byte codes, widths by code, default width)
        self.marks = 0  # painting operators met
        self.ink = InkMap()

    def add(self, code: str, message: str, where: str | None = None, at: tuple[float, float] | None = None) -> None:
        self.report.add(code, where or self.where, message, at)

    def at(self, x: float, y: float) -> tuple[float, float]:
        """Page points -> mm from the trimmed page's top-left corner."""
        return (x - self.trim[0]) * PT_MM, (self.trim[3] - y) * PT_MM

    def run(self, stream, resources, state: _State, where: str | None = None, depth: int = 0) -> None:
        if depth > MAX_FORM_DEPTH:
            self.add("content", f"forms nested deeper than {MAX_FORM_DEPTH} levels (a loop?) were not checked", where)
            return
        size = _content_size(stream)
        self.budget["page"] -= size
        self.budget["document"] -= size
        if min(self.budget.values()) < 0:  # the walk holds every operator: its time and memory are bounded here
            self.marks += 1  # unknown, not empty
            what = "on the page" if self.budget["page"] < 0 else "in the document"
            limit = MAX_CONTENT if self.budget["page"] < 0 else MAX_DOCUMENT_CONTENT
            amount = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit} bytes"
            self.add("content", f"more than {amount} of content {what}: the rest was not checked", where)
            return
        stack: list[_State] = []
        tm = tlm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        path: list[tuple[float, float]] = []  # current path's points, in page space
        rect_only = True  # the path is one rectangle (a rule, when thin)
        for operands, op in pikepdf.parse_content_stream(stream):
            op = str(op)
            nums = [float(o) for o in operands if isinstance(o, (int, float, Decimal))]
            if op in ("m", "l", "c", "v", "y") and len(nums) >= 2:
                rect_only = False
                path.extend(_apply(state.ctm, nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2))
            elif op == "re" and len(nums) == 4:
                rect_only = not path
                x, y, w, h = nums
                path.extend(_apply(state.ctm, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)))
            elif op in PAINT:
                if path:
                    self.paint_path(op, path, rect_only, state, where)
                path, rect_only = [], True
            elif op == "n":
                path, rect_only = [], True
            elif op == "q":
                stack.append(state.copy())
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm" and len(nums) == 6:
                state.ctm = _mul(tuple(nums), state.ctm)
            elif op == "w" and nums:
                state.line_width = nums[0]
            elif op in ("g", "rg", "k", "G", "RG", "K"):
                family = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}[op.lower()]
                self.space(family, resources, where, op)
                setattr(state, "fill" if op.islower() else "stroke", _Colour(family, tuple(nums)))
            elif op in ("cs", "CS"):
                family, names = self.space(operands[0], resources, where, op)
                initial = (1.0,) * len(names) if names else (0.0, 0.0, 0.0, 1.0) if family == "/DeviceCMYK" else (0.0,)
                setattr(state, "fill" if op == "cs" else "stroke", _Colour(family, initial, names))
            elif op in ("sc", "scn", "SC", "SCN"):
                attr = "fill" if op.islower() else "stroke"
                old = getattr(state, attr)
                setattr(state, attr, _Colour(old.family, tuple(nums), old.names))
                if operands and isinstance(operands[-1], Name):
                    self.pattern(operands[-1], resources, where, depth)
            elif op == "gs":
                self.ext_gstate(resources.get("/ExtGState", {}).get(operands[0]), state, where)
            elif op == "sh":
                self.marks += 1
                self.shading(resources.get("/Shading", {}).get(operands[0]), resources, where)
            elif op == "Tf":
                state.font, state.font_size = resources.get("/Font", {}).get(operands[0]), float(operands[1])
                self.font(state.font, operands[0], where)
            elif op == "TL":
                state.leading = nums[0]
            elif op == "Tr":
                state.render = int(nums[0])
            elif op == "BT":
                tm = tlm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            elif op == "Tm" and len(nums) == 6:
                tm = tlm = tuple(nums)
            elif op in ("Td", "TD", "T*", "'", '"'):
                dx, dy = (nums[0], nums[1]) if op in ("Td", "TD") else (0.0, -state.leading)
                tm = tlm = _mul((1, 0, 0, 1, dx, dy), tlm)
            if op in ("Tj", "TJ", "'", '"'):
                self.text(state, _mul(tm, state.ctm), self.advance(operands, state.font), where)
            elif op == "Do":
                self.xobject(
                    resources.get("/XObject", {}).get(operands[0]), operands[0], resources, state, where, depth
                )
            elif op == "INLINE IMAGE":
                self.marks += 1
                image = operands[0].obj
                cs = image.get("/CS", image.get("/ColorSpace"))
                if int(image.get("/BPC", image.get("/BitsPerComponent", 8))) == 16:
                    self.add(
                        "image-16-bit",
                        "16-bit inline image (PDF 1.3 allows at most 8 bits per component)",
                        where,
                        self.at(*_apply(state.ctm, 0, 1)),
                    )
                if cs is not None and not image.get("/IM", image.get("/ImageMask", False)):
                    self.space(
                        INLINE_SPACES.get(str(cs), cs) if isinstance(cs, Name) else cs, resources, where, "inline image"
                    )

    # -- colour
    def spots(self, family: str, names: tuple, where, at) -> None:
        for name in names:
            if name not in pr.PROCESS_COLORANTS | {pr.REGISTRATION, "None"}:
                self.add(
                    "spot-colour",
                    f"spot colour '{name}' ({family[1:]}); a newspaper prints C, M, Y and K only",
                    where,
                    at,
                )

    def space(self, cs, resources, where, what: str) -> tuple[str, tuple]:
        """Check a colour space (name or array); return its family and, for Separation/DeviceN, its colorant names."""
        if isinstance(cs, Name) and str(cs) not in {"/DeviceCMYK", "/DeviceGray", "/DeviceRGB", "/Pattern"}:
            cs = resources.get("/ColorSpace", {}).get(cs, cs)
        family = str(cs[0]) if isinstance(cs, pikepdf.Array) else str(cs)
        if (
            family in ("/DeviceCMYK", "/DeviceGray")
            or family == "/Pattern"
            and not (isinstance(cs, pikepdf.Array) and len(cs) > 1)
        ):
            return family, ()
        names: tuple = ()
        if family in ("/Separation", "/DeviceN"):
            names = (str(cs[1])[1:],) if family == "/Separation" else tuple(str(n)[1:] for n in cs[1])
            self.space(cs[2], resources, where, f"{what} {family[1:]} alternate")
        elif family == "/Indexed" or family == "/Pattern":
            names = self.space(cs[1], resources, where, f"{what} {family[1:]} base")[1]  # spots of the base are spots
        else:
            detail = f" (N={cs[1].get('/N')})" if family == "/ICCBased" else ""
            self.add(
                "colour-space",
                f"{family[1:]}{detail} colour ({what}); PDF/X-1a allows only CMYK, gray and spot colours",
                where,
            )
        return family, names

    def ext_gstate(self, gs, state: _State, where) -> None:
        if gs is None:
            return
        if "/OP" in gs:
            state.op_stroke = state.op_fill = bool(gs.OP)
        if "/op" in gs:
            state.op_fill = bool(gs.op)
        if "/OPM" in gs:
            state.opm = int(gs.OPM)
        if "/LW" in gs:
            state.line_width = float(gs.LW)
        if (
            gs.get("/SMask", Name("/None")) != Name("/None")
            or float(gs.get("/CA", 1)) < 1
            or float(gs.get("/ca", 1)) < 1
            or gs.get("/BM", Name.Normal) not in (Name.Normal, Name.Compatible)
        ):
            self.add("transparency", "transparency (soft mask, alpha or blend mode in an ExtGState)", where)
        if "/TR" in gs or "/TR2" in gs and gs.TR2 != Name.Default:
            self.add("transfer-function", "transfer function in an ExtGState (not allowed in PDF/X-1a)", where)
        halftone = gs.get("/HT")
        if isinstance(halftone, (pikepdf.Dictionary, pikepdf.Stream)):
            if any("/HalftoneName" in d for d in _direct_dicts(halftone)) or any(
                isinstance(v, (pikepdf.Dictionary, pikepdf.Stream)) and "/HalftoneName" in v for v in halftone.values()
            ):
                self.add("halftone-name", "halftone with /HalftoneName (PDF/X-1a forbids it)", where)

    def shading(self, shading, resources, where) -> None:
        if shading is not None and "/ColorSpace" in shading:
            self.spots(*self.space(shading.ColorSpace, resources, where, "shading"), where, None)

    def pattern(self, name, resources, where, depth) -> None:
        pattern = resources.get("/Pattern", {}).get(name)
        if pattern is None:
            return
        if pattern.get("/PatternType") == 2:
            self.shading(pattern.get("/Shading"), resources, where)
        elif isinstance(pattern, pikepdf.Stream):
            self.run(
                pattern,
                pattern.get("/Resources", resources),
                _State(),
                f"{where or self.where}, pattern {name}",
                depth + 1,
            )

    # -- painting: ink, overprint, registration, lines
    def paint_path(self, op: str, points, rect_only: bool, state: _State, where) -> None:
        self.marks += 1
        box = _bbox(points)
        if op in FILLS:
            thin = min(box[2] - box[0], box[3] - box[1]) if rect_only else None
            self.paint(box, state.fill, state.op_fill, state, where, "shape", thin)
        if op in STROKES:
            width = state.line_width * _scale(state.ctm)
            grown = (box[0] - width / 2, box[1] - width / 2, box[2] + width / 2, box[3] + width / 2)
            self.paint(grown, state.stroke, state.op_stroke, state, where, "line", width)

    def paint(
        self,
        box,
        colour: _Colour,
        overprint: bool,
        state: _State,
        where,
        what: str,
        line: float | None = None,
        thin: str = "",
    ):
        """One painted object in page space; `line`: its width when it is a line (a stroke or a one-rectangle fill)."""
        inks = colour.inks
        if colour.names:
            self.spots(colour.family, colour.names, where, self.at(box[0], box[3]))
        if inks is None:
            return
        plates = colour.plates
        if plates == 0 and overprint:
            self.add(
                "white-overprint",
                f"white {what} set to overprint: it vanishes on plate",
                where,
                self.at(box[0], box[3]),
            )
        if (
            pr.REGISTRATION in colour.names
            and plates
            and box[0] < self.trim[2]
            and self.trim[0] < box[2]
            and box[1] < self.trim[3]
            and self.trim[1] < box[3]
        ):
            self.add(
                "registration-in-trim",
                f"registration colour (Separation /All) {what} inside the trim",
                where,
                self.at(box[0], box[3]),
            )
        if line is not None and what != "text":
            self.line(box, line, inks, plates, overprint, what, where)
        self.ink.paint(box, inks, overprint, (box[0], box[3]), thin=thin)

    def line(self, box, width: float, inks: dict, plates: int, overprint: bool, what: str, where) -> None:
        """A stroke or a one-rectangle fill `width` across: line width per plates, 100 % K knocking out of colour."""
        described = f"{width:.2f} pt {what} on {plates} plate{'s' * (plates != 1)}"
        if plates > 1 and width < pr.MIN_LINE_MULTI - 0.005:
            self.add(
                "thin-line-plates",
                f"{described}: under {pr.MIN_LINE_MULTI:g} pt it cannot register",
                where,
                self.at(box[0], box[3]),
            )
        elif plates == 1 and width < pr.MIN_LINE_SINGLE - 0.005:
            self.add(
                "thin-line",
                f"{described}: under {pr.MIN_LINE_SINGLE:g} pt it may break up",
                where,
                self.at(box[0], box[3]),
            )
        if (
            width <= pr.THIN_LINE
            and plates == 1
            and inks.get("K", 0) >= 99.5
            and not overprint
            and self.ink.coloured_under(box)
        ):
            self.add(
                "black-line-knockout",
                f"{width:.2f} pt 100 % K {what} knocks out of colour "
                f"({_ink_name(self.ink.under(box))}): set it to overprint",
                where,
                self.at(box[0], box[3]),
            )

    # -- fonts and text
    def font(self, font, name, where) -> None:
        if font is None or font.objgen in self.fonts_seen and font.objgen != (0, 0):
            return
        self.fonts_seen.add(font.objgen)
        kind = str(font.get("/Subtype", ""))
        if kind == "/Type3":
            return
        described = font.DescendantFonts[0] if kind == "/Type0" else font
        descriptor = described.get("/FontDescriptor", {})
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            self.add("font-not-embedded", f"font {str(font.get('/BaseFont', name))[1:]} is not embedded", where)

    def advance(self, operands, font) -> float:
        """How far a text-showing operator moves, in ems: the font's widths less TJ's adjustments (1 em a glyph when
        unknown)."""
        if font is None:
            return 0.0
        if font.objgen not in self.widths or font.objgen == (0, 0):
            self.widths[font.objgen] = _widths(font)
        two_byte, widths, default = self.widths[font.objgen]
        ems = 0.0
        for o in operands:
            for part in o if isinstance(o, pikepdf.Array) else [o]:
                if isinstance(part, pikepdf.String):
                    data = bytes(part)
                    codes = (
                        [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
                        if two_byte
                        else data
                    )
                    ems += sum(widths.get(c, default) for c in codes) / 1000
                elif isinstance(part, (int, float, Decimal)) and isinstance(o, pikepdf.Array):
                    ems -= float(part) / 1000
        return max(ems, 0.0)

    def text(self, state: _State, matrix, ems: float, where) -> None:
        if state.render in (3, 7):  # invisible or clip-only text prints nothing
            return
        self.marks += 1
        stroke = state.render in (1, 5)
        colour = state.stroke if stroke else state.fill
        overprint = state.op_stroke if stroke else state.op_fill
        size = state.font_size * _scale(matrix)
        x, y = matrix[4], matrix[5]
        at = self.at(x, y)
        box = (x, y - 0.2 * size, x + ems * size, y + 0.8 * size)  # the em boxes of the run (rotation ignored)
        inks = colour.inks
        if inks is not None:
            plates = sum(v > 0.5 for v in inks.values())
            if plates > 1 and size < pr.MIN_TYPE - 0.01:
                self.add(
                    "small-type-plates",
                    f"{size:.1f} pt text on {plates} plates (type on more than one plate needs ≥ {pr.MIN_TYPE:g} pt)",
                    where,
                    at,
                )
            elif plates > 1 and size < pr.MIN_PROCESS_TYPE - 0.01:
                self.add(
                    "process-type",
                    f"{size:.1f} pt text on {plates} plates (keep type on several plates ≥ {pr.MIN_PROCESS_TYPE:g} pt)",
                    where,
                    at,
                )
            elif plates == 1 and size < pr.MIN_TYPE - 0.01:
                self.add(
                    "small-type", f"text below {pr.MIN_TYPE:g} pt ({size:.1f} pt) breaks up on newsprint", where, at
                )
            k, under_k = inks.get("K", 0), [v for p, v in inks.items() if p != "K" and v > 0.5]
            rich = k >= 99.5 and under_k  # 100 % K with any other ink
            near = k >= pr.NEAR_BLACK_K and all(
                inks.get(p, 0) > 0.5 for p in "CMY"
            )  # dark on four plates: reads as black
            if (rich or near) and pr.REGISTRATION not in colour.names:
                kind = "rich black" if rich else "near-black"
                self.add(
                    "rich-black-text",
                    f"black text is {kind} ({_ink_name(inks)}) on {plates} plates; use 100 % K only",
                    where,
                    at,
                )
            elif k >= 99.5 and plates == 1 and not overprint:
                family = colour.family[1:]
                self.add(
                    "black-text-knockout",
                    "100 % K text does not overprint (needs /op true and /OPM 1): it knocks out"
                    + (f" (black text in {family})" if family != "DeviceCMYK" else ""),
                    where,
                    at,
                )
        self.paint(
            box,
            colour,
            overprint,
            state,
            where,
            "text",
            thin=f"type under {pr.TEXT_THIN:g} pt" if size < pr.TEXT_THIN else "",
        )

    # -- XObjects
    def xobject(self, xobj, name, resources, state: _State, where, depth) -> None:
        if xobj is None:
            return
        subtype = xobj.get("/Subtype")
        place = f"{where or self.where}, {str(subtype or '')[1:].lower()} {name}"
        at = self.at(*_apply(state.ctm, 0, 1))
        if "/OPI" in xobj:
            self.add("image-forbidden", "OPI reference (PDF/X-1a needs the real image)", place)
        if subtype == Name.PS or xobj.get("/Subtype2") == Name.PS:
            self.add("postscript", "PostScript XObject (PDF/X forbids it)", place, at)
            return
        if subtype == Name.Form:
            group = xobj.get("/Group")
            if group is not None and group.get("/S") == Name.Transparency:
                self.add("transparency", "transparency group", place)
            inner = state.copy()
            if "/Matrix" in xobj:
                inner.ctm = _mul(tuple(float(v) for v in xobj.Matrix), state.ctm)
            self.run(xobj, xobj.get("/Resources", resources), inner, place, depth + 1)
        elif subtype == Name.Image:
            self.image(xobj, resources, state, place, at)

    def image(self, xobj, resources, state: _State, place, at) -> None:
        self.marks += 1
        if "/SMask" in xobj or "/SMaskInData" in xobj and int(xobj.SMaskInData):
            self.add("transparency", "image with a soft mask (transparency)", place)
        if "/Alternates" in xobj:
            self.add("image-forbidden", "image /Alternates (not allowed in PDF/X)", place)
        bits = int(xobj.get("/BitsPerComponent", 8))
        if bits == 16:
            self.add("image-16-bit", "16-bit image (PDF 1.3 allows at most 8 bits per component)", place, at)
        mask = bool(xobj.get("/ImageMask", False))
        family, names = ("", ())
        if not mask and "/ColorSpace" in xobj:
            family, names = self.space(xobj.ColorSpace, resources, place, "image")
            self.spots(family, names, place, at)
        ctm = state.ctm
        w_pt, h_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
        ppi = min(int(xobj.Width) / w_pt * 72 if w_pt else 1e9, int(xobj.Height) / h_pt * 72 if h_pt else 1e9)
        if not mask and bits > 1:
            if ppi < pr.MIN_PPI:
                self.add(
                    "image-resolution",
                    f"image at {ppi:.0f} ppi (newsprint needs ≥ {pr.MIN_PPI:g}, wants {pr.WARN_PPI:g})",
                    place,
                    at,
                )
            elif ppi < pr.WARN_PPI:
                self.add(
                    "image-resolution-low", f"image at {ppi:.0f} ppi (newsprint wants ≥ {pr.WARN_PPI:g})", place, at
                )
        box = _bbox([_apply(ctm, px, py) for px, py in ((0, 0), (1, 0), (0, 1), (1, 1))])
        if family == "/DeviceCMYK" and bits == 8:
            peak = _image_peak(xobj, ppi)
            if peak is not None:
                self.ink.paint(box, {"C": 0.0, "M": 0.0, "Y": 0.0, "K": 0.0}, False, (box[0], box[3]), *peak)


def _content_size(owner) -> int:
    """Decompressed size of a page's /Contents (a stream or an array of them), or of a form's or pattern's stream."""
    if isinstance(owner, pikepdf.Stream):
        return stream_size(owner, MAX_CONTENT + 1)
    contents = owner.get("/Contents")
    parts = contents if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    return sum(stream_size(part, MAX_CONTENT + 1) for part in parts if isinstance(part, pikepdf.Stream))


def _widths(font) -> tuple[bool, dict, float]:
    """A font's glyph widths in thousandths of an em: simple fonts' /Widths, Type 0 fonts' /W and /DW."""
    try:
        if font.get("/Subtype") == Name.Type0:
            cid = font.DescendantFonts[0]
            widths, w = {}, list(cid.get("/W", []))
            i = 0
            while i + 1 < len(w):
                if isinstance(w[i + 1], pikepdf.Array):
                    widths.update((int(w[i]) + k, float(v)) for k, v in enumerate(w[i + 1]))
                    i += 2
                else:
                    widths.update(
                        (c, float(w[i + 2])) for c in range(int(w[i]), min(int(w[i + 1]), int(w[i]) + 65536) + 1)
                    )
                    i += 3
            return True, widths, float(cid.get("/DW", 1000))
        first = int(font.get("/FirstChar", 0))
        return False, {first + k: float(v) for k, v in enumerate(font.get("/Widths", []))}, 1000.0
    except (TypeError, ValueError, IndexError, AttributeError, pikepdf.PdfError):
        return False, {}, 1000.0


def _ink_name(inks: dict) -> str:
    return " ".join(f"{p if len(p) == 1 else p + ' '}{v:.0f}" for p, v in inks.items() if v > 0.5) or "paper"


MAX_INK_IMAGE = 64 * 2**20  # bytes of a CMYK image decoded to measure its ink; bigger ones are not measured


def _image_peak(xobj, ppi: float) -> tuple[float, float] | None:
    """(highest pixel's total ink, highest over the tolerance area) of an 8-bit CMYK image, or None if not decodable
    here."""
    from PIL import ImageFilter, ImageMath

    if image_bytes(xobj) > MAX_INK_IMAGE:
        return None
    try:
        image = pikepdf.PdfImage(xobj).as_pil_image()
    except Exception:  # an image pikepdf cannot decode is not measured; colour checks above still apply
        return None
    if image.mode != "CMYK":
        return None
    c, m, y, k = image.split()
    summed = (
        ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
        if hasattr(ImageMath, "lambda_eval")
        else ImageMath.eval("c+m+y+k", c=c, m=m, y=y, k=k)
    )
    peak = summed.getextrema()[1] * 100 / 255
    side = max(1, round(math.sqrt(pr.SMALL_AREA_MM2) / 25.4 * ppi))  # pixels across the tolerance's square
    side += 1 - side % 2  # the filter's size must be odd
    eroded = summed.filter(ImageFilter.MinFilter(min(side, 15))) if side > 1 else summed
    return peak, eroded.getextrema()[1] * 100 / 255
