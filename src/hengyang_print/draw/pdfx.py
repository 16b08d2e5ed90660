"""PDF/X-1a facts as plain data: the Info keys that name the part and the one GTS_PDFX output intent.

draw.py writes them into the PDF as ReportLab makes it (no second pass over the file: that took a PDF
library on the start-up path, ~50 ms of a cold build). preflight.py checks them in the written file.
"""

from __future__ import annotations

from pathlib import Path

from ..model import PrintSettings

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
