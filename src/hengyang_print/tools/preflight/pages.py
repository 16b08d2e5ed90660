"""A page's boxes and annotations (ISO 15930-1 §6.2.3, §6.6): TrimBox or ArtBox, nested in the BleedBox and the
MediaBox; no annotation but printer's marks inside the bleed, none hidden; and the trimmed sizes of all pages.

`boxes` returns the page's frame: the trim every position is measured from (its overlap with the MediaBox when
it reaches outside, so that later positions stay on the sheet) and the bleed that total ink is held to.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

from ...i18n import _, ngettext
from .geometry import Box, inside, intersect, meets, rect
from .report import Report

PT_MM = 25.4 / 72
HIDDEN, NO_VIEW = 2, 32  # annotation /F flags: not shown and not printed; printed but not shown


@dataclass(frozen=True)
class Frame:
    media: Box
    trim: Box  # positions are measured from its top-left corner
    bleed: Box
    size_mm: tuple[float, float]  # the trimmed size the TrimBox says

    def mm(self, x: float, y: float) -> tuple[float, float]:
        """Page points -> mm from the trim's top-left corner, y down."""
        return (x - self.trim[0]) * PT_MM, (self.trim[3] - y) * PT_MM

    def top_left(self, box: Box) -> tuple[float, float]:
        return self.mm(box[0], box[3])


def boxes(page: pikepdf.Page, where: str, report: Report) -> Frame:
    """Check TrimBox/ArtBox, BleedBox, CropBox against the MediaBox; return the page's frame."""
    raw = page.obj
    media = rect(page.mediabox)
    trim = rect(raw.TrimBox) if "/TrimBox" in raw else rect(raw.ArtBox) if "/ArtBox" in raw else None
    if "/TrimBox" in raw and "/ArtBox" in raw:
        report.add("boxes", where, _("has both /TrimBox and /ArtBox (PDF/X: one of them)"))
    if trim is None:
        report.add("boxes", where, _("no /TrimBox (PDF/X needs the trimmed page size)"))
        trim = media
    bleed = rect(raw.BleedBox) if "/BleedBox" in raw else trim
    if "/BleedBox" in raw and not inside(trim, bleed):
        report.add("boxes", where, _("TrimBox is not inside the BleedBox"))
    if not inside(bleed, media):
        outside = _("{box} is not inside the MediaBox").format(box="BleedBox" if "/BleedBox" in raw else "TrimBox")
        report.add("boxes", where, outside)
    if "/CropBox" in raw and not inside(trim, rect(raw.CropBox)):
        report.add("boxes", where, _("CropBox cuts into the TrimBox"))
    if bleed != trim:
        report.add("about", where, _("bleed {mm} mm").format(mm=f"{(trim[0] - bleed[0]) * PT_MM:.1f}"))
    size = round((trim[2] - trim[0]) * PT_MM, 1), round((trim[3] - trim[1]) * PT_MM, 1)
    frame = Frame(media, intersect(trim, media) or media, intersect(bleed, media) or media, size)
    _annotations(raw, frame, where, report)
    return frame


def _annotations(raw, frame: Frame, where: str, report: Report) -> None:
    for annot in raw.get("/Annots", []):
        if not isinstance(annot, pikepdf.Dictionary) or "/Rect" not in annot:
            continue
        kind, r = str(annot.get("/Subtype", "")), rect(annot.Rect)
        flags = int(annot.get("/F", 0)) if isinstance(annot.get("/F"), int) else 0
        if flags & (HIDDEN | NO_VIEW):
            if flags & HIDDEN:
                hidden = _("{kind} annotation hidden (/F {flags}): a RIP may print what no proof showed")
            else:
                hidden = _(
                    "{kind} annotation not shown on screen but printed (/F {flags}): a RIP may print what no proof"
                    " showed"
                )
            # TRANSLATORS: the kind of an annotation that names no /Subtype ("an annotation hidden")
            unnamed = _("an")
            report.add(
                "hidden-annotation", where, hidden.format(kind=kind[1:] or unnamed, flags=flags), frame.top_left(r)
            )
        if kind not in ("/PrinterMark", "/TrapNet") and meets(r, frame.bleed):
            report.add(
                "annotation-in-bleed",
                where,
                _("{kind} annotation inside the bleed area (PDF/X forbids it)").format(kind=kind),
                frame.top_left(r),
            )


def sizes(sizes: list[tuple[float, float]], report: Report) -> None:
    """Pages of one trimmed size, and the size as a fact."""
    if not sizes:
        report.add("empty-page", "document", _("no pages"))
        return
    first = sizes[0]
    for number, size in enumerate(sizes[1:], 2):
        if abs(size[0] - first[0]) > 0.1 or abs(size[1] - first[1]) > 0.1:
            differs = _("trimmed {size} mm, page 1 is {first} mm")
            report.add(
                "page-sizes-differ",
                f"page {number}",
                differs.format(size=f"{size[0]:.1f} × {size[1]:.1f}", first=f"{first[0]:.1f} × {first[1]:.1f}"),
            )
    trimmed = f"{first[0]:.1f} × {first[1]:.1f}"
    about = ngettext("{count} page, trimmed {size} mm", "{count} pages, trimmed {size} mm", len(sizes))
    report.add(
        "about",
        "document",
        about.format(count=len(sizes), size=trimmed) if len(sizes) > 1 else _("trimmed {size} mm").format(size=trimmed),
    )
