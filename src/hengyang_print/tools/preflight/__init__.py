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
        report.add("encrypted" if "encrypted" in str(exc) else "unreadable", "document", str(exc).split(": ", 1)[-1])
        return report
    with doc:
        if warnings:
            more = f"; {len(warnings) - 1} more" if len(warnings) > 1 else ""
            report.add("damaged", "document", f"damaged PDF ({warnings[0]}{more}); checked as qpdf repaired it")
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
                report.add("content", where, f"content could not be read to the end ({str(exc)[:160]})")
            walk.marks.finish()
            if not walk.painted:
                report.add("empty-page", where, "empty page: it paints nothing")
            _total_ink(walk, where, report)
        document.unused_layers(doc, shared.layers, report)
        pages.sizes(sizes, report)
    return report


def _total_ink(walk: walker.Walker, where: str, report: Report) -> None:
    """The page's total ink: an error over the limit (outside the tolerance); the peak either way."""
    ink, frame = walk.marks.ink, walk.frame
    limit, counted, highest = report.max_ink, ink.counted, ink.highest
    if counted.percent > limit + 0.5:  # 0.5: rounding of tints, not ink
        report.add(
            "total-ink", where, f"total ink {counted.percent:.0f} % exceeds {limit:.0f} %", frame.top_left(counted.at)
        )
    if highest.percent < 0:
        return
    if highest.why and highest.percent > limit + 0.5:
        elsewhere = f"elsewhere at most {counted.percent:.0f} %" if counted.percent >= 0 else "nothing else counted"
        report.add(
            "about",
            where,
            f"total ink {highest.percent:.0f} % in a {highest.why}, tolerated; {elsewhere} (limit {limit:.0f} %)",
            frame.top_left(highest.at),
        )
    else:
        report.add(
            "about",
            where,
            f"total ink at most {highest.percent:.0f} % (limit {limit:.0f} %)",
            frame.top_left(highest.at),
        )
