"""PDF/X-1a facts as plain data: the Info keys that name the part and the one GTS_PDFX output intent.

The drawers write them into the PDF with the page (no second pass over the file: that took a PDF library
on the start-up path, ~50 ms of a cold build), with the page's boxes and crop marks (Media, below).
preflight.py checks them in the written file.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Page, PrintSettings

# What the registered characterization names mean (ICC registry, http://www.color.org/registry).
REGISTERED = {
    "IFRA26": "ISO 12647-3:2004 coldset offset on newsprint (IFRA26)",
    "IFRA30": "ISO 12647-3:2013 coldset offset on improved newsprint (IFRA30)",
}


def identification(version: tuple[int, int]) -> dict[str, str]:
    """The Info keys that name the PDF/X part: 1.3 is PDF/X-1a:2001, 1.4 is PDF/X-1a:2003."""
    if version == (1, 3):
        return {"GTS_PDFXVersion": "PDF/X-1:2001", "GTS_PDFXConformance": "PDF/X-1a:2001"}
    return {"GTS_PDFXVersion": "PDF/X-1a:2003"}


def output_intent(settings: PrintSettings) -> dict[str, str]:
    """The string entries of the one /GTS_PDFX output intent: the registered newsprint condition."""
    condition = settings.output_condition
    return {
        "OutputConditionIdentifier": condition,
        "Info": REGISTERED.get(condition, condition),
        "RegistryName": settings.registry_name,
    }


def output_profile(settings: PrintSettings) -> tuple[bytes, int] | None:
    """The user's ICC output profile, if the layout names one, and its number of colour components."""
    if not settings.icc_profile:
        return None
    data = Path(settings.icc_profile).read_bytes()
    return data, 1 if data[16:20] == b"GRAY" else 4


class Media:
    """The sheet a page is drawn on: the trim, with the bleed and, for crop marks, the marks' room beyond it
    (`slug`); the page's boxes on it; the crop marks' lines."""

    def __init__(self, page: Page):
        settings, trim = page.print, page.trim
        bleed = settings.bleed
        slug = self.slug = bleed + (settings.mark_offset + settings.mark_length if settings.crop_marks else 0.0)
        self.size = (trim.width + 2 * slug, trim.height + 2 * slug)
        self.trim_box = (slug, slug, slug + trim.width, slug + trim.height)
        self.bleed_box = (
            (slug - bleed, slug - bleed, slug + trim.width + bleed, slug + trim.height + bleed) if bleed else None
        )
        self.settings, self.width, self.height = settings, trim.width, trim.height

    def crop_marks(self) -> list[tuple[float, float, float, float]]:
        """Trim marks on the trim lines at the four corners, beginning mark_offset beyond the bleed edge, as
        lines (x1, y1, x2, y2); drawn in registration colour (100 % of every plate, DeviceCMYK), never RGB."""
        settings, slug = self.settings, self.slug
        start = settings.bleed + settings.mark_offset  # from the trim edge to where a mark begins
        end = start + settings.mark_length
        lines = []
        for x, y, sx, sy in (
            (0, 0, -1, -1),
            (self.width, 0, 1, -1),
            (0, self.height, -1, 1),
            (self.width, self.height, 1, 1),
        ):
            x, y = slug + x, slug + y
            lines.append((x + sx * start, y, x + sx * end, y))  # horizontal mark on the trim line y
            lines.append((x, y + sy * start, x, y + sy * end))  # vertical mark on the trim line x
        return lines
