"""PDF/X-1a: the facts (the Info keys that name the part, the one GTS_PDFX output intent, the sheet's
boxes and crop marks) and `finish`, which adds what ReportLab has no call for to the file it wrote.

finish works with pikepdf (qpdf) on the written file: Info keys, the output intent (with the plant's ICC
profile as a stream when the layout names one), no slide transition on the page, ToUnicode entries for
characters beyond the BMP as UTF-16 (ISO 32000-1 9.10.3; ReportLab writes <2B5AE> for 𫖮), and a document
id derived from the file's content. Saved without object streams (PDF 1.3 has none) at the layout's PDF
version. preflight checks all of it in the written file.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pikepdf

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


def finish(pdf: bytes, page: Page) -> bytes:
    """The PDF ReportLab wrote, made PDF/X-1a (see the module's comment)."""
    settings = page.print
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        info = doc.docinfo
        for key, value in identification(settings.pdf_version).items():
            info[f"/{key}"] = pikepdf.String(value)
        info["/Trapped"] = pikepdf.Name("/False")  # nobody trapped this page; the plant's RIP may
        intent = pikepdf.Dictionary(Type=pikepdf.Name("/OutputIntent"), S=pikepdf.Name("/GTS_PDFX"))
        for key, value in output_intent(settings).items():
            intent[f"/{key}"] = pikepdf.String(value)
        profile = output_profile(settings)
        if profile:
            data, components = profile
            profile_stream = doc.make_stream(zlib.compress(data), N=components)
            profile_stream.Filter = pikepdf.Name.FlateDecode
            intent["/DestOutputProfile"] = profile_stream
        doc.Root.OutputIntents = pikepdf.Array([intent])
        for pdf_page in doc.pages:
            if "/Trans" in pdf_page.obj:
                del pdf_page.obj["/Trans"]  # a slide transition: no use on a plate
            _utf16_to_unicode(pdf_page)
        out = io.BytesIO()
        doc.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            # every stream is compressed already (ReportLab's, and the ones written here): left as they are
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            force_version="{}.{}".format(*settings.pdf_version),
        )
    return out.getvalue()


BEYOND_BMP = re.compile(rb"<([0-9A-F]{5,6})>")


def _utf16_to_unicode(pdf_page: pikepdf.Page) -> None:
    """Rewrite each ToUnicode CMap destination beyond the BMP as its UTF-16BE surrogate pair."""
    fonts = pdf_page.obj.get("/Resources", {}).get("/Font", {})
    for name in fonts.keys():  # keys(): pikepdf 9's dictionaries have no values()
        font = fonts[name]
        cmap = font.get("/ToUnicode")
        if cmap is None:
            continue
        data = cmap.read_bytes()
        mended = BEYOND_BMP.sub(lambda m: b"<" + _utf16(int(m.group(1), 16)) + b">", data)
        if mended != data:
            cmap.write(zlib.compress(mended), filter=pikepdf.Name.FlateDecode)


def _utf16(code: int) -> bytes:
    return chr(code).encode("utf-16-be").hex().upper().encode()
