"""Check any PDF against PDF/X-1a and newsprint rules; returns Findings (error | warning | info), one per problem.

Reads the file independently of how it was made: pikepdf walks every page's content stream, the forms,
patterns and images it uses (with a graphics-state stack for colour, overprint and text size), the
document's Info, OutputIntents and page boxes; Ghostscript (when installed) measures total ink.
"""

from __future__ import annotations

import math
import subprocess
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Name

from .ink import total_ink

PT_MM = 25.4 / 72
PROCESS = {"/DeviceCMYK", "/DeviceGray"}
X1A = {"PDF/X-1:2001": ((1, 3), "PDF/X-1a:2001"), "PDF/X-1a:2003": ((1, 4), None)}  # version key -> (max PDF, conformance)
BAD_FILTERS = {"/LZWDecode": "LZW", "/JBIG2Decode": "JBIG2", "/JPXDecode": "JPEG 2000", "/Crypt": "crypt filter"}
INLINE_SPACES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
MIN_PROCESS_TYPE, MIN_TYPE, MIN_PPI = 10.0, 6.0, 200.0  # newsprint: 4-colour type ≥ 10 pt, solid type ≥ 6 pt, images ≥ 200 ppi


@dataclass
class Finding:
    level: str  # error | warning | info
    where: str  # document | page 2 | page 1, form /Fm0 …
    message: str
    count: int = 1
    at: str = ""  # first place it occurs, e.g. "x 120.3 mm, y 40.0 mm"

    def line(self) -> str:
        place = ", first at ".join(filter(None, (f"{self.count}×" if self.count > 1 else "", self.at)))
        return f"{self.level}: {self.where}: {self.message}" + (f" ({place})" if place else "")


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def add(self, level: str, where: str, message: str, at: str = "") -> None:
        """Repeats of the same problem in the same place are counted, not listed again."""
        for f in self.findings:
            if (f.level, f.where, f.message) == (level, where, message):
                f.count += 1
                return
        self.findings.append(Finding(level, where, message, at=at))

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.findings)


def preflight(path: str | Path, max_ink: float = 240.0, resolution: float = 72) -> Report:
    report = Report()
    try:
        doc = pikepdf.open(path)
    except pikepdf.PasswordError:
        report.add("error", "document", "encrypted (PDF/X forbids encryption)")
        return report
    except (pikepdf.PdfError, OSError) as exc:
        report.add("error", "document", f"not a readable PDF ({exc})")
        return report
    with doc:
        _document(doc, report)
        trims, bleeds, medias = [], [], []
        for number, page in enumerate(doc.pages, 1):
            trim, bleed = _boxes(page, f"page {number}", report)
            trims.append(trim), bleeds.append(bleed), medias.append(_rect(page.mediabox))
            try:
                Walker(report, f"page {number}", trim).run(page.obj, page.resources, _State())
            except (pikepdf.PdfError, ValueError, TypeError, KeyError, IndexError) as exc:  # a damaged stream: say so, go on
                report.add("error", f"page {number}", f"content could not be read to the end ({exc})")
        _ink(path, trims, bleeds, medias, max_ink, resolution, report)
    return report


# ---------------------------------------------------------------- document level


def _document(doc: pikepdf.Pdf, report: Report) -> None:
    info = doc.trailer.get("/Info", pikepdf.Dictionary())
    version_key = str(info.get("/GTS_PDFXVersion", ""))
    if doc.is_encrypted:
        report.add("error", "document", "encrypted (PDF/X forbids encryption)")
    if version_key not in X1A:
        report.add("error", "document", f"Info /GTS_PDFXVersion is {version_key!r}; expected 'PDF/X-1:2001' (or 'PDF/X-1a:2003')")
    max_version, conformance = X1A.get(version_key, ((1, 3), "PDF/X-1a:2001"))
    version = tuple(int(p) for p in doc.pdf_version.split(".")[:2])
    catalog_version = str(doc.Root.get("/Version", "")).lstrip("/")
    if catalog_version:
        version = max(version, tuple(int(p) for p in catalog_version.split(".")[:2]))
    if version > max_version:
        report.add("error", "document", f"PDF {version[0]}.{version[1]} (PDF/X-1a{':2001' if max_version == (1, 3) else ''} needs ≤ {max_version[0]}.{max_version[1]})")
    if conformance and str(info.get("/GTS_PDFXConformance", "")) != conformance:
        report.add("error", "document", f"Info /GTS_PDFXConformance is {str(info.get('/GTS_PDFXConformance', ''))!r}; expected {conformance!r}")
    if not str(info.get("/Title", "")).strip():
        report.add("error", "document", "Info /Title is missing or empty")
    for key in ("/CreationDate", "/ModDate"):
        if key not in info:
            report.add("error", "document", f"Info {key} is missing")
    if info.get("/Trapped") not in (Name("/True"), Name("/False")):
        report.add("error", "document", f"Info /Trapped is {info.get('/Trapped')}; expected /True or /False")
    if "/ID" not in doc.trailer:
        report.add("error", "document", "trailer /ID is missing")
    _output_intents(doc, report)
    root = doc.Root
    action = root.get("/OpenAction")
    if "/JavaScript" in root.get("/Names", {}) or "/AA" in root or isinstance(action, pikepdf.Dictionary) and "/JS" in action:
        report.add("error", "document", "JavaScript or document actions (PDF/X forbids them)")
    if "/AcroForm" in root:
        report.add("warning", "document", "interactive form (/AcroForm): fields do not print reliably")
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            for name in (filters if isinstance(filters, pikepdf.Array) else [filters] if filters else []):
                if str(name) in BAD_FILTERS:
                    report.add("error", "document", f"{BAD_FILTERS[str(name)]} compression (not allowed in PDF/X-1a)")


def _output_intents(doc: pikepdf.Pdf, report: Report) -> None:
    intents = [i for i in doc.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        report.add("error", "document", f"{len(intents)} /GTS_PDFX output intents in the catalog; PDF/X needs exactly one")
        return
    intent = intents[0]
    ident = str(intent.get("/OutputConditionIdentifier", "")).strip()
    if not ident:
        report.add("error", "document", "output intent has no /OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        if not str(intent.get("/RegistryName", "")).strip():
            report.add("error", "document", f"output intent '{ident}' has neither an ICC profile nor a /RegistryName")
    else:
        head = profile.read_bytes()[:20]
        if head[12:16] != b"prtr" or head[16:20] not in (b"CMYK", b"GRAY"):
            report.add("error", "document", f"output intent profile is '{head[12:20].decode('latin-1')}', not a CMYK output profile")
    report.add("info", "document", f"output intent {ident}" + (" with embedded ICC profile" if profile is not None else f" ({intent.get('/RegistryName', '')})"))


def _rect(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner, outer, tol: float = 0.01) -> bool:
    return inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol


def _boxes(page: pikepdf.Page, where: str, report: Report) -> tuple[tuple, tuple]:
    """Check TrimBox/ArtBox, BleedBox, CropBox against the MediaBox; return the trim and bleed boxes."""
    raw = page.obj
    media = _rect(page.mediabox)
    trim = _rect(raw.TrimBox) if "/TrimBox" in raw else _rect(raw.ArtBox) if "/ArtBox" in raw else None
    if "/TrimBox" in raw and "/ArtBox" in raw:
        report.add("error", where, "has both /TrimBox and /ArtBox (PDF/X: one of them)")
    if trim is None:
        report.add("error", where, "no /TrimBox (PDF/X needs the trimmed page size)")
        trim = media
    bleed = _rect(raw.BleedBox) if "/BleedBox" in raw else trim
    if "/BleedBox" in raw and not _inside(trim, bleed):
        report.add("error", where, "TrimBox is not inside the BleedBox")
    if not _inside(bleed, media):
        report.add("error", where, f"{'BleedBox' if '/BleedBox' in raw else 'TrimBox'} is not inside the MediaBox")
    if "/CropBox" in raw and not _inside(trim, _rect(raw.CropBox)):
        report.add("error", where, "CropBox cuts into the TrimBox")
    w, h = (trim[2] - trim[0]) * PT_MM, (trim[3] - trim[1]) * PT_MM
    extra = f", bleed {(trim[0] - bleed[0]) * PT_MM:.1f} mm" if bleed != trim else ""
    report.add("info", where, f"trimmed {w:.1f} × {h:.1f} mm{extra}")
    for annot in raw.get("/Annots", []):
        kind = str(annot.get("/Subtype", ""))
        if kind not in ("/PrinterMark", "/TrapNet") and "/Rect" in annot:
            r = _rect(annot.Rect)
            if r[0] < bleed[2] and r[2] > bleed[0] and r[1] < bleed[3] and r[3] > bleed[1]:
                report.add("error", where, f"{kind} annotation inside the bleed area (PDF/X forbids it)")
    return trim, bleed


def _ink(path, trims, bleeds, medias, limit: float, resolution: float, report: Report) -> None:
    """Total ink inside the bleed (marks outside it are registration colour, 400 % by design)."""
    try:
        measured = total_ink(path, bleeds, medias, limit, resolution)
    except (subprocess.SubprocessError, OSError, ValueError, KeyError) as exc:
        detail = (getattr(exc, "stderr", None) or b"").decode("utf-8", "replace").strip().splitlines()
        report.add("warning", "document", f"total ink not checked: Ghostscript failed ({detail[-1] if detail else exc})")
        return
    if measured is None:
        report.add("warning", "document", "total ink not checked: Ghostscript not found (install ghostscript)")
        return
    for ink, trim, bleed in zip(measured, trims, bleeds):
        x, y = ink.x + bleed[0] - trim[0], ink.y + trim[3] - bleed[3]  # from the trimmed page's top-left corner
        at = f"x {x * PT_MM:.1f} mm, y {y * PT_MM:.1f} mm from the top-left"
        if ink.max_percent > limit + 0.5:  # 0.5: one 8-bit step per plate is rounding, not ink
            report.add("error", f"page {ink.page}", f"total ink {ink.max_percent:.0f} % exceeds {limit:.0f} % over {ink.over_area * PT_MM ** 2:.0f} mm²", at)
        else:
            report.add("info", f"page {ink.page}", f"total ink at most {ink.max_percent:.0f} % (limit {limit:.0f} %) at {at}")


# ---------------------------------------------------------------- content streams


@dataclass
class _State:
    ctm: tuple = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    fill: tuple = ("/DeviceGray", (0.0,))  # (colour space family, components)
    stroke: tuple = ("/DeviceGray", (0.0,))
    op_fill: bool = False
    op_stroke: bool = False
    opm: int = 0
    font_size: float = 0.0
    leading: float = 0.0
    render: int = 0
    font: object = None

    def copy(self) -> "_State":
        return _State(**self.__dict__)


def _mul(a, b) -> tuple:
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


class Walker:
    """Walks one page's content, with its forms and patterns, and reports colour, font, text and image problems."""

    def __init__(self, report: Report, where: str, box: tuple[float, float, float, float]):
        self.report, self.where, self.box = report, where, box
        self.fonts_seen: set = set()

    def add(self, level: str, message: str, where: str | None = None, at: str = "") -> None:
        self.report.add(level, where or self.where, message, at)

    def at(self, matrix) -> str:
        return f"x {(matrix[4] - self.box[0]) * PT_MM:.1f} mm, y {(self.box[3] - matrix[5]) * PT_MM:.1f} mm from the top-left"

    def run(self, stream, resources, state: _State, where: str | None = None, depth: int = 0) -> None:
        if depth > 12:
            self.add("warning", "forms nested deeper than 12 levels were not checked", where)
            return
        stack: list[_State] = []
        tm = tlm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        for operands, op in pikepdf.parse_content_stream(stream):
            op = str(op)
            nums = [float(o) for o in operands if isinstance(o, (int, float, Decimal))]
            if op == "q":
                stack.append(state.copy())
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm" and len(nums) == 6:
                state.ctm = _mul(tuple(nums), state.ctm)
            elif op in ("g", "rg", "k", "G", "RG", "K"):
                family = {"g": "/DeviceGray", "rg": "/DeviceRGB", "k": "/DeviceCMYK"}[op.lower()]
                self.space(family, resources, where, op)
                setattr(state, "fill" if op.islower() else "stroke", (family, tuple(nums)))
            elif op in ("cs", "CS"):
                family = self.space(operands[0], resources, where, op)
                setattr(state, "fill" if op == "cs" else "stroke", (family, ()))
            elif op in ("sc", "scn", "SC", "SCN"):
                attr = "fill" if op.islower() else "stroke"
                setattr(state, attr, (getattr(state, attr)[0], tuple(nums)))
                if operands and isinstance(operands[-1], Name):
                    self.pattern(operands[-1], resources, where, depth)
            elif op == "gs":
                self.ext_gstate(resources.get("/ExtGState", {}).get(operands[0]), state, where)
            elif op == "sh":
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
                self.text(state, _mul(tm, state.ctm), where)
            elif op == "Do":
                self.xobject(resources.get("/XObject", {}).get(operands[0]), operands[0], resources, state, where, depth)
            elif op == "INLINE IMAGE":
                image = operands[0].obj
                cs = image.get("/CS", image.get("/ColorSpace"))
                if cs is not None and not image.get("/IM", image.get("/ImageMask", False)):
                    self.space(INLINE_SPACES.get(str(cs), cs) if isinstance(cs, Name) else cs, resources, where, "inline image")

    # -- colour
    def space(self, cs, resources, where, what: str) -> str:
        """Check a colour space (name or array); return its family name. RGB, ICC, Lab… are errors."""
        if isinstance(cs, Name) and str(cs) not in PROCESS | {"/DeviceRGB", "/Pattern"}:
            cs = resources.get("/ColorSpace", {}).get(cs, cs)
        family = str(cs[0]) if isinstance(cs, pikepdf.Array) else str(cs)
        if family in PROCESS or family == "/Pattern" and not (isinstance(cs, pikepdf.Array) and len(cs) > 1):
            return family
        if family in ("/Separation", "/DeviceN"):
            self.space(cs[2], resources, where, f"{what} {family[1:]} alternate")
        elif family == "/Indexed" or family == "/Pattern":
            self.space(cs[1], resources, where, f"{what} {family[1:]} base")
        else:
            detail = f" (N={cs[1].get('/N')})" if family == "/ICCBased" else ""
            self.add("error", f"{family[1:]}{detail} colour ({what}); PDF/X-1a allows only CMYK, gray and spot colours", where)
        return family

    def ext_gstate(self, gs, state: _State, where) -> None:
        if gs is None:
            return
        if "/OP" in gs:
            state.op_stroke = state.op_fill = bool(gs.OP)
        if "/op" in gs:
            state.op_fill = bool(gs.op)
        if "/OPM" in gs:
            state.opm = int(gs.OPM)
        if gs.get("/SMask", Name("/None")) != Name("/None") or float(gs.get("/CA", 1)) < 1 or float(gs.get("/ca", 1)) < 1 \
                or gs.get("/BM", Name.Normal) not in (Name.Normal, Name.Compatible):
            self.add("error", "transparency (soft mask, alpha or blend mode in an ExtGState)", where)
        if "/TR" in gs or "/TR2" in gs and gs.TR2 != Name.Default:
            self.add("error", "transfer function in an ExtGState (not allowed in PDF/X-1a)", where)

    def shading(self, shading, resources, where) -> None:
        if shading is not None and "/ColorSpace" in shading:
            self.space(shading.ColorSpace, resources, where, "shading")

    def pattern(self, name, resources, where, depth) -> None:
        pattern = resources.get("/Pattern", {}).get(name)
        if pattern is None:
            return
        if pattern.get("/PatternType") == 2:
            self.shading(pattern.get("/Shading"), resources, where)
        elif isinstance(pattern, pikepdf.Stream):
            self.run(pattern, pattern.get("/Resources", resources), _State(), f"{where or self.where}, pattern {name}", depth + 1)

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
            self.add("error", f"font {str(font.get('/BaseFont', name))[1:]} is not embedded", where)

    def text(self, state: _State, matrix, where) -> None:
        if state.render in (3, 7):  # invisible or clip-only text prints nothing
            return
        stroke = state.render in (1, 5)
        family, values = state.stroke if stroke else state.fill
        overprint = state.op_stroke if stroke else state.op_fill
        size = state.font_size * math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]))
        at = self.at(matrix)
        if size < MIN_TYPE - 0.01:
            self.add("warning", f"text below {MIN_TYPE:g} pt ({size:.1f} pt) breaks up on newsprint", where, at)
        if family == "/DeviceCMYK" and len(values) == 4:
            c, m, y, k = values
            plates = sum(v > 0 for v in values)
            if k >= 0.999 and max(c, m, y) > 0:
                self.add("error", f"black text is rich black (C{c:.0%} M{m:.0%} Y{y:.0%} K{k:.0%}); use 100 % K only", where, at)
            elif k >= 0.999 and not (overprint and state.opm == 1):
                self.add("error", "100 % K text does not overprint (needs /op true and /OPM 1): it knocks out", where, at)
            elif plates == 0 and overprint and state.opm == 1:
                self.add("error", "white text set to overprint: it will not print", where, at)
            if plates > 1 and size < MIN_PROCESS_TYPE - 0.01:
                self.add("warning", f"{size:.1f} pt text in {plates} plates (keep process-colour type ≥ {MIN_PROCESS_TYPE:g} pt)", where, at)
        elif family in ("/DeviceGray", "/DeviceRGB") and values and max(values) == 0:
            self.add("error", f"black text in {family[1:]}: not 100 % K overprinting (use 0 0 0 1 k with /op, /OPM 1)", where, at)

    # -- XObjects
    def xobject(self, xobj, name, resources, state: _State, where, depth) -> None:
        if xobj is None:
            return
        place = f"{where or self.where}, {str(xobj.get('/Subtype', ''))[1:].lower()} {name}"
        if "/OPI" in xobj:
            self.add("error", "OPI reference (PDF/X-1a needs the real image)", place)
        if xobj.get("/Subtype") == Name.Form:
            group = xobj.get("/Group")
            if group is not None and group.get("/S") == Name.Transparency:
                self.add("error", "transparency group", place)
            inner = state.copy()
            if "/Matrix" in xobj:
                inner.ctm = _mul(tuple(float(v) for v in xobj.Matrix), state.ctm)
            self.run(xobj, xobj.get("/Resources", resources), inner, place, depth + 1)
        elif xobj.get("/Subtype") == Name.Image:
            if "/SMask" in xobj or "/SMaskInData" in xobj and int(xobj.SMaskInData):
                self.add("error", "image with a soft mask (transparency)", place)
            if "/Alternates" in xobj:
                self.add("error", "image /Alternates (not allowed in PDF/X)", place)
            if not xobj.get("/ImageMask", False) and "/ColorSpace" in xobj:
                self.space(xobj.ColorSpace, resources, place, "image")
            ctm = state.ctm
            w_pt, h_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
            ppi = min(int(xobj.Width) / w_pt * 72 if w_pt else 1e9, int(xobj.Height) / h_pt * 72 if h_pt else 1e9)
            if ppi < MIN_PPI:
                self.add("warning", f"image at {ppi:.0f} ppi (newsprint wants ≥ {MIN_PPI:g})", place, self.at(ctm))
