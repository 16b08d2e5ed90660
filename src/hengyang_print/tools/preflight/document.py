"""What PDF/X-1a:2001 (ISO 15930-1) asks of the document as a whole: the PDF version and its identification in
Info, Info's keys and the trailer's /ID, no object streams in a PDF 1.3 file, no forbidden compression, no
JavaScript or additional actions anywhere, no form fields, and no optional content (layers).

`layers(doc)` reads the optional content groups; the content walker reports a layer where it is first painted,
and `unused_layers` the rest at document level, so a layer is one finding wherever it shows.
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Name

from ...i18n import _
from .geometry import intersect, rect
from .pages import PT_MM
from .report import Report

X1A = {
    "PDF/X-1:2001": ((1, 3), "PDF/X-1a:2001"),
    "PDF/X-1a:2003": ((1, 4), None),
}  # version key -> (max PDF, conformance)
BAD_FILTERS = {"/LZWDecode": "LZW", "/JBIG2Decode": "JBIG2", "/JPXDecode": "JPEG 2000", "/Crypt": "crypt filter"}
OBJECT_STREAMS = re.compile(rb"/Type\s*/(ObjStm|XRef)\b")


def check(doc: pikepdf.Pdf, path: Path, report: Report) -> None:
    info = doc.trailer.get("/Info", pikepdf.Dictionary())
    version_key = str(info.get("/GTS_PDFXVersion", ""))
    if doc.is_encrypted:
        report.add("encrypted", "document", _("encrypted (PDF/X forbids encryption)"))
    if version_key not in X1A:
        wrong = _("Info /GTS_PDFXVersion is {value}; expected 'PDF/X-1:2001' (or 'PDF/X-1a:2003')")
        report.add("pdfx-version", "document", wrong.format(value=repr(version_key)))
    max_version, conformance = X1A.get(version_key, ((1, 3), "PDF/X-1a:2001"))
    version = tuple(int(p) for p in doc.pdf_version.split(".")[:2])
    catalog_version = str(doc.Root.get("/Version", "")).lstrip("/")
    if catalog_version:
        version = max(version, tuple(int(p) for p in catalog_version.split(".")[:2]))
    if version > max_version:
        part = ":2001" if max_version == (1, 3) else ""
        newer = _("PDF {version} (PDF/X-1a{part} needs ≤ {most})")
        report.add(
            "pdf-version",
            "document",
            newer.format(version=f"{version[0]}.{version[1]}", part=part, most=f"{max_version[0]}.{max_version[1]}"),
        )
    if version < (1, 5) and _has_object_streams(path):
        streams = _("object or cross-reference streams in a PDF {version} file (they came with PDF 1.5)")
        report.add("object-streams", "document", streams.format(version=f"{version[0]}.{version[1]}"))
    if conformance and str(info.get("/GTS_PDFXConformance", "")) != conformance:
        wrong = _("Info /GTS_PDFXConformance is {value}; expected {conformance}")
        value = repr(str(info.get("/GTS_PDFXConformance", "")))
        report.add("pdfx-version", "document", wrong.format(value=value, conformance=repr(conformance)))
    if not str(info.get("/Title", "")).strip():
        report.add("info-keys", "document", _("Info /Title is missing or empty"))
    for key in ("/CreationDate", "/ModDate"):
        if key not in info:
            report.add("info-keys", "document", _("Info {key} is missing").format(key=key))
    if info.get("/Trapped") not in (Name("/True"), Name("/False")):
        wrong = _("Info /Trapped is {value}; expected /True or /False")
        report.add("info-keys", "document", wrong.format(value=info.get("/Trapped")))
    if "/ID" not in doc.trailer:
        report.add("info-keys", "document", _("trailer /ID is missing"))
    if "/AcroForm" in doc.Root:
        report.add("form-fields", "document", _("interactive form (/AcroForm): fields do not print reliably"))
    _actions(doc, report)
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            for name in filters if isinstance(filters, pikepdf.Array) else [filters] if filters else []:
                if str(name) in BAD_FILTERS:
                    banned = _("{filter} compression (not allowed in PDF/X-1a)")
                    report.add("compression", "document", banned.format(filter=BAD_FILTERS[str(name)]))


def _has_object_streams(path: Path) -> bool:
    """Object streams hide inside the file qpdf reads: look at the bytes (a dictionary key is never compressed)."""
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return OBJECT_STREAMS.search(data) is not None


# ---------------------------------------------------------------- actions


def _actions(doc: pikepdf.Pdf, report: Report) -> None:
    """JavaScript and additional actions anywhere (catalog, pages, annotations, fields, outlines): one finding
    for each object that carries them, an /AA and the actions in it being one."""
    owner: dict[tuple[int, int], tuple[str, object]] = {}  # objgen of a page or annotation -> (its page, its /Rect)
    for number, page in enumerate(doc.pages, 1):
        owner[page.obj.objgen] = (f"page {number}", None)
        for annot in page.obj.get("/Annots", []):
            if isinstance(annot, pikepdf.Dictionary):
                owner[annot.objgen] = (f"page {number}", _annot_at(annot, page))
    names = doc.Root.get("/Names", {})
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        report.add("javascript", "document", _("document-level JavaScript (/Names /JavaScript)"))
    in_aa: set[tuple[int, int]] = set()  # actions reached through an /AA: reported with it
    for obj in doc.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) and "/AA" in obj:
            in_aa |= {o.objgen for o in _nested(obj.AA, follow=True) if o.is_indirect}
    for obj in doc.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) or obj.objgen in in_aa:
            continue
        where, at = owner.get(obj.objgen, ("document", None))
        dicts = list(_nested(obj, skip="/AA"))
        if "/AA" in obj:
            if any(_is_script(d) for d in _nested(obj.AA, follow=True)):
                what = _("additional actions (/AA) running JavaScript (PDF/X forbids them)")
            else:
                what = _("additional actions (/AA) (PDF/X forbids them)")
            report.add("javascript", where, what, at)
        elif any(_is_script(d) for d in dicts):
            if obj.get("/Subtype") == Name.Link:
                what = _("JavaScript in a link annotation (PDF/X forbids it)")
            elif obj.get("/Type") == Name.Annot:
                what = _("JavaScript in an annotation (PDF/X forbids it)")
            else:
                what = _("JavaScript in an action (PDF/X forbids it)")
            report.add("javascript", where, what, at)


def _is_script(d) -> bool:
    return "/JS" in d or d.get("/S") == Name.JavaScript


def _annot_at(annot, page) -> tuple[float, float] | None:
    if "/Rect" not in annot:
        return None
    raw, media = page.obj, rect(page.mediabox)
    trim = intersect(rect(raw.TrimBox), media) or media if "/TrimBox" in raw else media
    r = rect(annot.Rect)
    return (r[0] - trim[0]) * PT_MM, (trim[3] - r[3]) * PT_MM


def _nested(obj, skip: str | None = None, follow: bool = False):
    """The object and every dictionary nested in it, not under the key `skip`; through references when `follow`
    (each object once), else only what is written inside it."""
    todo, seen = [obj], set()
    while todo:
        item = todo.pop()
        if item is not obj and isinstance(item, pikepdf.Object) and item.is_indirect:
            if not follow or item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Stream):
            item = item.stream_dict
        if isinstance(item, pikepdf.Dictionary):
            yield item
            todo.extend(
                v
                for k, v in item.items()
                if k != skip and k not in ("/Parent", "/P") and isinstance(v, (pikepdf.Dictionary, pikepdf.Array))
            )
        elif isinstance(item, pikepdf.Array):
            todo.extend(v for v in item.as_list() if isinstance(v, (pikepdf.Dictionary, pikepdf.Array)))


# ---------------------------------------------------------------- optional content


@dataclass
class Layer:
    name: str
    off: bool  # hidden in the default configuration
    reported: bool = False

    def message(self) -> str:
        if self.off:
            layer = _(
                "optional content: layer '{name}' (off by default); PDF/X-1a:2001 has no layers and a RIP without"
                " layer support prints every one: flatten or delete it"
            )
        else:
            layer = _(
                "optional content: layer '{name}' (on by default); PDF/X-1a:2001 has no layers and a RIP without"
                " layer support prints every one: flatten or delete it"
            )
        return layer.format(name=self.name)


def layers(doc: pikepdf.Pdf) -> dict[tuple[int, int], Layer]:
    """The document's optional content groups by object, with their default state."""
    properties = doc.Root.get("/OCProperties")
    if not isinstance(properties, pikepdf.Dictionary):
        return {}
    default = properties.get("/D") or pikepdf.Dictionary()
    off = {g.objgen for g in default.get("/OFF", []) if isinstance(g, pikepdf.Object)}
    base_off = default.get("/BaseState") == Name.OFF
    on = {g.objgen for g in default.get("/ON", []) if isinstance(g, pikepdf.Object)}
    groups = [g for g in properties.get("/OCGs", []) if isinstance(g, pikepdf.Dictionary)]
    return {
        g.objgen: Layer(str(g.get("/Name", "unnamed")), g.objgen in off or base_off and g.objgen not in on)
        for g in groups
    }


def layer_of(obj, known: dict[tuple[int, int], Layer]) -> Layer | None:
    """The layer an /OC entry names: an optional content group, or a membership dictionary's first group."""
    if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == Name.OCMD:
        groups = obj.get("/OCGs")
        obj = groups[0] if isinstance(groups, pikepdf.Array) and len(groups) else groups
    if not isinstance(obj, pikepdf.Dictionary):
        return None
    if obj.objgen not in known or obj.objgen == (0, 0):
        known[obj.objgen] = Layer(str(obj.get("/Name", "unnamed")), False)
    return known[obj.objgen]


def unused_layers(doc: pikepdf.Pdf, known: dict[tuple[int, int], Layer], report: Report) -> None:
    """Layers no page painted in, and optional content properties with no group: one finding each."""
    for layer in known.values():
        if not layer.reported:
            report.add("optional-content", "document", layer.message())
    if "/OCProperties" in doc.Root and not known:
        report.add("optional-content", "document", _("optional content properties (/OCProperties) in the catalog"))
