"""Make ReportLab's PDF a PDF/X-1a file: Info keys, one GTS_PDFX output intent, trailer /ID; same bytes in, same bytes out.

ReportLab drops a catalog /OutputIntents entry silently, so it is added here, after draw, with pikepdf.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .model import PrintSettings

# What the registered characterization names mean (ICC registry, http://www.color.org/registry).
REGISTERED = {
    "IFRA26": "ISO 12647-3:2004 coldset offset on newsprint (IFRA26)",
    "IFRA30": "ISO 12647-3:2013 coldset offset on improved newsprint (IFRA30)",
}


def identification(version: tuple[int, int]) -> dict[str, str]:
    """The Info keys that name the PDF/X part: 1.3 is PDF/X-1a:2001, 1.4 is PDF/X-1a:2003."""
    if version == (1, 3):
        return {"/GTS_PDFXVersion": "PDF/X-1:2001", "/GTS_PDFXConformance": "PDF/X-1a:2001"}
    return {"/GTS_PDFXVersion": "PDF/X-1a:2003"}


def finish(pdf: bytes, settings: PrintSettings, title: str) -> bytes:
    """Add the PDF/X-1a identification and output intent to `pdf` and return the new bytes."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        info = doc.docinfo
        info.Title = String(title)
        info.Trapped = Name("/False")  # nobody trapped this page; the plant's RIP may
        for key in ("/GTS_PDFXVersion", "/GTS_PDFXConformance"):
            if key in info:
                del info[key]
        for key, value in identification(settings.pdf_version).items():
            info[key] = String(value)
        doc.Root.OutputIntents = Array([doc.make_indirect(_output_intent(doc, settings))])
        for page in doc.pages:
            if "/Trans" in page.obj:  # ReportLab writes an empty slide transition: no use on a plate
                del page.obj["/Trans"]
        out = io.BytesIO()
        doc.save(
            out,
            deterministic_id=True,  # trailer /ID from the content, not the clock
            force_version="%d.%d" % settings.pdf_version,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,  # object streams need PDF 1.5
            # ReportLab's streams are Flate already: passed through, not inflated and deflated again (11 of 12 ms)
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            compress_streams=False,
        )
    return out.getvalue()


def _output_intent(doc: pikepdf.Pdf, settings: PrintSettings) -> Dictionary:
    """The one /GTS_PDFX output intent: the registered newsprint condition, with the user's ICC profile if named."""
    condition = settings.output_condition
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(condition),
        Info=String(REGISTERED.get(condition, condition)),
        RegistryName=String(settings.registry_name),
    )
    if settings.icc_profile:
        data = Path(settings.icc_profile).read_bytes()
        profile = pikepdf.Stream(doc, b"")
        profile.write(zlib.compress(data), filter=Name.FlateDecode)  # saved as is: compress it here
        profile.N = 1 if data[16:20] == b"GRAY" else 4
        intent.DestOutputProfile = doc.make_indirect(profile)
    return intent
