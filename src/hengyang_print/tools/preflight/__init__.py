"""Check any PDF against PDF/X-1a:2001 (ISO 15930-1) and newspaper practice (GWG 2015 NewspaperAds); a plant
gates on it. `preflight(path, …)` returns a Report of Findings (report.py: codes, levels per profile, and the
position convention: the top-left of the object's box, mm from the trim's top-left).

The file is read independently of how it was made, within bounds (../pdfread.py), in one pass:
- document.py: version and identification, Info, actions, compression, optional content;
- intents.py: the output intent, newsprint by registered name and profile description;
- pages.py: each page's boxes and annotations, the pages' sizes;
- walker.py: each page's content with everything it draws (forms, patterns, Type 3 glyphs, images, shadings),
  handing each painted object to marks.py (newspaper rules, overprint as a RIP does it, reversed type) and its
  ink to ink.py; fonts.py and cmaps.py read the fonts, colour.py the colours, images.py, shadings.py and
  functions.py the pixels and blends whose ink is measured.
No renderer is used and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ... import pressrules as pr
from ...i18n import _
from ..pdfread import PdfInputError, open_pdf
from . import document, intents, pages, walker
from .report import DEFAULT_PROFILE, PROFILES, RULES, Finding, Report

__all__ = ["DEFAULT_PROFILE", "PROFILES", "RULES", "Finding", "Report", "preflight"]


def preflight(
    path: str | Path,
    profile: str = DEFAULT_PROFILE,
    strict: bool = False,
    max_ink: float = pr.MAX_INK,
    reverse_type: tuple[float, float, float] = pr.REVERSE_TYPE,
) -> Report:
    """Check the PDF at `path`; `max_ink`: the total ink limit in percent; `reverse_type`: the reversed type
    minimums in pt (an error under the first; a warning under the second out of one ink, the third out of more)."""
    report = Report(profile, strict, max_ink, tuple(reverse_type))
    warnings: list[str] = []
    try:
        doc = open_pdf(path, warnings)
    except PdfInputError as exc:
        report.add("encrypted" if exc.encrypted else "unreadable", "document", str(exc).split(": ", 1)[-1])
        return report
    with doc:
        if warnings:
            if len(warnings) > 1:
                damaged = _("damaged PDF ({problem}; {more} more); checked as qpdf repaired it")
            else:
                damaged = _("damaged PDF ({problem}); checked as qpdf repaired it")
            report.add("damaged", "document", damaged.format(problem=warnings[0], more=len(warnings) - 1))
        document.check(doc, Path(path), report)
        intents.check(doc, report)
        shared = walker.Document(doc, report, document.layers(doc), walker.MAX_DOCUMENT_CONTENT)
        sizes = []
        for number, page in enumerate(doc.pages, 1):
            where = f"page {number}"
            frame = pages.boxes(page, where, report)
            sizes.append(frame.size_mm)
            walk = walker.Walker(shared, where, frame)
            try:
                walk.run(page.obj, page.resources, walker.State(clip=frame.media))
            except (pikepdf.PdfError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                unread = _("content could not be read to the end ({problem})")
                report.add("content", where, unread.format(problem=str(exc)[:160]))
            walk.marks.finish()
            if not walk.painted:
                report.add("empty-page", where, _("empty page: it paints nothing"))
            _total_ink(walk, where, report)
        document.unused_layers(doc, shared.layers, report)
        pages.sizes(sizes, report)
    return report


def _total_ink(walk: walker.Walker, where: str, report: Report) -> None:
    """The page's total ink: an error over the limit (outside the tolerance); the peak either way."""
    ink, frame = walk.marks.ink, walk.frame
    limit, counted, highest = report.max_ink, ink.counted, ink.highest
    if counted.percent > limit + 0.5:  # 0.5: rounding of tints, not ink
        over = _("total ink {percent} %, over the limit of {limit} %")
        report.add(
            "total-ink",
            where,
            over.format(percent=f"{counted.percent:.0f}", limit=f"{limit:.0f}"),
            frame.top_left(counted.at),
        )
    if highest.percent < 0:
        return
    if highest.why and highest.percent > limit + 0.5:
        if counted.percent >= 0:
            elsewhere = _("elsewhere at most {percent} %").format(percent=f"{counted.percent:.0f}")
        else:
            elsewhere = _("nothing else counted")
        tolerated = _("total ink {percent} %, tolerated in a {why}; {elsewhere} (limit {limit} %)")
        report.add(
            "about",
            where,
            tolerated.format(
                percent=f"{highest.percent:.0f}",
                why=_(highest.why).format(points=f"{pr.TEXT_THIN:g}"),  # one why names the thin type's size
                elsewhere=elsewhere,
                limit=f"{limit:.0f}",
            ),
            frame.top_left(highest.at),
        )
    else:
        peak = _("total ink at most {percent} % (limit {limit} %)")
        report.add(
            "about",
            where,
            peak.format(percent=f"{highest.percent:.0f}", limit=f"{limit:.0f}"),
            frame.top_left(highest.at),
        )
