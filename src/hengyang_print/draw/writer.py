"""The production drawer: a Page display list → PDF/X-1a bytes, written by our own serializer.

It writes the very bytes ReportLab 5.1 writes for the page (pdf.py, the test oracle, draws it with
ReportLab; tests/draw/test_writer.py holds the two equal on every test page): the same objects, numbered
and formatted alike (pdfsyntax.py), the same codes in the same font subsets (subsets.py), the same content
stream (lines.py for the text). ReportLab itself is imported only to make a font subset program the cache
lacks (subsets.program), or to read a font without current tables (subsets.face).

The objects, in ReportLab's order: 1 the fonts dictionary; those registered while the page is drawn (a
textless page's Helvetica, the ICC output profile, each photo's image once); the Page; per face in the
order first selected, per subset: ToUnicode, FontFile2, FontDescriptor, Font; Catalog (with the PDF/X
output intent, pdfx.py), Info; Pages and the content stream, referenced first as the Page is formatted.
The document is invariant: fixed dates (SOURCE_DATE_EPOCH if set) and a trailer /ID from ReportLab's
signature of the page's content and Info.
"""

from __future__ import annotations

import math
import os
import time
import zlib
from pathlib import Path

from ..cache import code_version, file_version, package_version, remembered
from ..digests import md5
from ..model import ImageItem, Page, ShapeItem, TextItem
from . import pdfx
from .lines import Codes, TextWriter, drawn_before
from .pdfsyntax import PDFDOC_DECODE, Ref, array, dictionary, escape, fp_str, name, raw_stream, stream, string
from .subsets import SUBSETS_KEPT, Subsets, face, font_name, program, subset_prefix, to_unicode_cmap

PRODUCER = "ReportLab PDF Library - (opensource)"
HEADER = b"%%PDF-%d.%d\n%%\223\214\213\236 ReportLab Generated PDF document (opensource)\n"
PROCSET = b"[ /PDF /Text /ImageB /ImageC /ImageI ]"  # a page may have images, ReportLab says: all of them
HELVETICA = b"<<\n/BaseFont /Helvetica /Encoding /WinAnsiEncoding /Name /F1 /Subtype /Type1 /Type /Font\n>>"


class PDFWriter:
    """The display list's operations as content-stream operators, then the document around them."""

    def begin(self, page: Page) -> None:
        settings = self.settings = page.print
        self.page = page
        texts = page.texts()
        self.names = {path: font_name(path) for path in dict.fromkeys(p for t in texts for p in (t.font, *t.fallback))}
        media = self.media = pdfx.Media(page)
        self.objects: list[bytes | None] = [None]  # by number - 1; the fonts dictionary (1) is formatted last
        self.code: list[str] = []
        self.gstates: dict[tuple, str] = {}  # (key, value) -> ExtGState name, in order of first use
        self.images: dict[str, int] = {}  # image digest -> object number
        self.forms: list[str] = []  # XObject names the page uses
        preamble = ["1 0 0 1 0 0 cm", ""]
        self.fonts: dict[str, Ref] = {}
        if not texts:  # ReportLab's initial font, Helvetica, set in the preamble (a text font is not)
            self.fonts["F1"] = self.add(HELVETICA)
            preamble.append("BT /F1 12 Tf 14.4 TL ET")
        self.preamble = " ".join(preamble)
        self.intent = {"Type": b"/OutputIntent", "S": b"/GTS_PDFX"}
        self.intent.update((key, string(value)) for key, value in pdfx.output_intent(settings).items())
        profile = pdfx.output_profile(settings)
        if profile:
            data, components = profile
            self.intent["DestOutputProfile"] = self.add(stream({"N": components}, data))
        if settings.crop_marks:
            self.code += ["q", "1 1 1 1 K", f"{fp_str(settings.mark_weight)} w"]
            self.code += [f"n {fp_str(x1, y1)} m {fp_str(x2, y2)} l S" for x1, y1, x2, y2 in media.crop_marks()]
            self.code.append("Q")
        self.code.append(f"{fp_str(1, 0, 0, 1, media.slug, media.slug)} cm")
        self.codes = _Codes({name: path for path, name in self.names.items()})
        self.writer = TextWriter(self.code, escape, self.codes, self.names, drawn_before(page, self.names), self.opener)

    def add(self, body: bytes | None) -> Ref:
        self.objects.append(body)
        return Ref(len(self.objects))

    # ------------------------------------------------------------------ the content stream (canvas operators)

    def gstate(self, key: str, value) -> str:
        got = self.gstates.get((key, value))
        if got is None:
            got = self.gstates[key, value] = f"gRLs{len(self.gstates)}"
        return f"/{got} gs"

    def opener(self, cmyk, overprint: bool) -> list[str]:
        """saveState and a DeviceCMYK fill (pdf.py's _fill): overprint (op true, OPM 1) as draw decided it;
        the states are set afresh in every q, whose state they never outlive."""
        c, m, y, k = (v / 100 for v in cmyk)
        ops = ["q", f"{fp_str(c, m, y, k)} k"]
        if overprint:
            ops += [self.gstate("op", "true"), self.gstate("OPM", 1)]
        return ops

    def shape(self, item: ShapeItem, overprint: bool) -> None:
        code = self.code
        code += self.opener(item.fill, overprint)
        b = item.box
        if item.kind == "circle":
            x, y, r = b.x + b.width / 2, b.y + b.height / 2, b.width / 2
            x1, y1 = x - r, y - r
            curves = _bezier_circle(x1, y1, x1 + ((x + r) - x1), y1 + ((y + r) - y1))  # canvas.circle, via ellipse
            code += ["n", f"{fp_str(*curves[0][:2])} m", *(f"{fp_str(*c[2:])} c" for c in curves), "f*"]
        else:
            code.append(f"n {fp_str(b.x, b.y, b.width, b.height)} re f*")
        code.append("Q")

    def image(self, item: ImageItem) -> None:
        """A photo as a DeviceCMYK image (photos.py), clipped to its frame: drawImage as ReportLab does it."""
        b, i = item.box, item.image
        code = self.code
        code += ["q", f"n {fp_str(b.x, b.y, b.width, b.height)} re W* n"]
        xobject = f"FormXob.{self.xobject(item.path)}"
        x, y, width, height = i.x, i.y, i.width, i.height
        if width < 0:  # aspectRatioFix
            width = -width
            x -= width
        if height < 0:
            height = -height
            y -= height
        translated = [float(v) for v in fp_str(1, 0, 0, 1, x, y).split()]  # scale() multiplies into the cm written
        a0, b0, c0, d0, e0, f0 = translated
        scaled = fp_str(
            a0 * width + c0 * 0,
            b0 * width + d0 * 0,
            a0 * 0 + c0 * height,
            b0 * 0 + d0 * height,
            a0 * 0 + c0 * 0 + e0,
            b0 * 0 + d0 * 0 + f0,
        )
        code += ["q", f"{scaled} cm", f"/{xobject} Do", "Q", "Q"]

    def xobject(self, path: str) -> str:
        """The photo's image object, once a document for the same pixels: its name is their digest."""
        digest, width, height, deflated = _image(path)
        if digest not in self.images:
            entries = {
                "Type": b"/XObject",
                "Subtype": b"/Image",
                "Width": width,
                "Height": height,
                "BitsPerComponent": 8,
                "ColorSpace": b"/DeviceCMYK",
                "Filter": b"[ /FlateDecode ]",
            }
            self.images[digest] = self.add(raw_stream(entries, deflated)).number
        self.forms.append(digest)
        return digest

    def text(self, item: TextItem, overprint: bool) -> None:
        self.writer.text(item, overprint)

    # ------------------------------------------------------------------ the document

    def finish(self) -> bytes:
        self.writer.keep()
        content = "\n".join([self.preamble, *self.code, " "]) + "\n"
        page = self.add(None)
        fonts = self.font_objects()
        catalog, info = self.add(None), self.add(None)
        pages, contents = self.add(None), self.add(stream({}, content.encode()))
        resources = {"Font": Ref(1), "ProcSet": PROCSET}
        if self.gstates:
            resources["ExtGState"] = {gs: {key: value} for (key, value), gs in self.gstates.items()}
        if self.forms:
            resources["XObject"] = {f"FormXob.{digest}": Ref(self.images[digest]) for digest in self.forms}
        media = self.media
        page_dict = {
            "Contents": contents,
            "MediaBox": [0, 0, *media.size],
            "Parent": pages,
            "Resources": resources,
            "Rotate": 0,
            "TrimBox": list(media.trim_box),
            "Type": b"/Page",
        }
        if media.bleed_box:
            page_dict["BleedBox"] = list(media.bleed_box)
        objects = self.objects
        objects[0] = dictionary(fonts)
        objects[page.number - 1] = dictionary(page_dict)
        objects[catalog.number - 1] = dictionary(
            {"OutputIntents": [self.intent], "PageMode": b"/UseNone", "Pages": pages, "Type": b"/Catalog"}
        )
        objects[pages.number - 1] = dictionary({"Count": 1, "Kids": [page], "Type": b"/Pages"})
        stamp, date = _timestamp()
        entries = {
            "Title": self.page.title,
            "Author": "hengyang-print",
            "Producer": PRODUCER,
            "Creator": "hengyang-print",
            "Subject": self.page.subject,
            "Keywords": "",
            **pdfx.identification(self.settings.pdf_version),
        }
        info_dict = {key: string(value) for key, value in entries.items()}
        info_dict.update(CreationDate=string(date), ModDate=string(date), Trapped=b"/False")
        objects[info.number - 1] = dictionary(info_dict)
        signature = md5(b"a reportlab document", usedforsecurity=False)  # PDFDocument's, invariant
        for part in (ascii(stamp), content, self.page.title, "hengyang-print", self.page.subject, ""):
            signature.update(part.encode())
        return _file(self.settings.pdf_version, objects, catalog, info, signature.hexdigest())

    def font_objects(self) -> dict[str, Ref]:
        """Each used face's subsets (TTFont.addObjects): ToUnicode, FontFile2, FontDescriptor, Font; the
        fonts dictionary's entries."""
        fonts = self.fonts
        for font, internal in self.codes.internal.items():
            state = self.codes.states[font]
            of = state.face
            for n, subset in enumerate(state.subsets):
                base = subset_prefix(n) + "+" + "".join(PDFDOC_DECODE[b] for b in of.name)
                widths, deflated_cmap = _subset_parts(of, base, tuple(subset))
                cmap = self.add(stream({}, b"", deflated_cmap))
                deflated, length = program(of.path, tuple(subset))
                program_ref = self.add(stream({"Length1": length}, b"", deflated))
                descriptor = self.add(dictionary({**of.descriptor, "FontName": name(base), "FontFile2": program_ref}))
                fonts[f"{internal}+{n}"] = self.add(
                    dictionary(
                        {
                            "BaseFont": name(base),
                            "FirstChar": 0,
                            "FontDescriptor": descriptor,
                            "LastChar": len(subset) - 1,
                            "Name": name(f"{internal}+{n}"),
                            "Subtype": b"/TrueType",
                            "ToUnicode": cmap,
                            "Type": b"/Font",
                            "Widths": widths,
                        }
                    )
                )
        return fonts


class _Codes(Codes):
    """This document's codes (subsets.Subsets), and its subsets' names: /F<n>+<subset>, n counting faces in
    the order they are first selected."""

    def __init__(self, paths: dict[str, str]):
        super().__init__()
        self.paths = paths  # face name -> font file
        self.states: dict[str, Subsets] = {}
        self.internal: dict[str, str] = {}  # face name -> F<n>, in order of first selection

    def number(self, name: str, cp: str) -> int:
        state = self.states.get(name)
        if state is None:
            state = self.states[name] = Subsets(face(self.paths[name]))
        return state.code(ord(cp))

    def subset_name(self, name: str, subset: int) -> str:
        internal = self.internal.get(name)
        if internal is None:
            internal = self.internal[name] = f"F{len(self.internal) + 1}"
        return f"/{internal}+{subset}"


def _subset_parts(of, base: str, subset: tuple[int, ...]) -> tuple[bytes, bytes]:
    """(/Widths as formatted, ToUnicode CMap compressed) of a subset: pure functions of the face and its code
    points, remembered (they come with the build's pack: a rebuild mostly has the subsets of the build before)."""

    def make() -> tuple[bytes, bytes]:
        return array([of.width(c) for c in subset]), zlib.compress(to_unicode_cmap(base, subset).encode())

    version = file_version(of.path), code_version(*PARTS)
    if None in version:
        return make()
    return remembered(
        "subset-parts",
        repr((*version, base, subset)),
        make,
        limit=SUBSETS_KEPT,
        valid=lambda v: isinstance(v, tuple) and len(v) == 2 and all(isinstance(b, bytes) for b in v),
    )


PARTS = (Path(__file__), Path(__file__).with_name("subsets.py"), Path(__file__).with_name("pdfsyntax.py"))
IMAGES_KEPT = 64  # separated, compressed photos in the cache (a few hundred KB each)
PHOTOS = (Path(__file__).with_name("photos.py"), Path(__file__))  # what an image object is made by


def _image(path: str) -> tuple[str, int, int, bytes]:
    """(digest, width, height, compressed pixels) of the photo separated to DeviceCMYK (photos.py), as
    ReportLab's drawImage makes them (the name the MD5 of the pixels and the mask, None): decoding, separating
    and compressing a photo took ~80 ms of a build, so they are remembered by the file's version."""
    version = file_version(path), code_version(*PHOTOS), package_version("PIL", "_version.py", "__version__")
    if None in version:
        return _separated(path)
    return remembered(
        "images",
        repr(version),
        lambda: _separated(path),
        limit=IMAGES_KEPT,
        valid=lambda v: isinstance(v, tuple) and len(v) == 4 and isinstance(v[3], bytes),
    )


def _separated(path: str) -> tuple[str, int, int, bytes]:
    from .photos import cmyk_image

    im = cmyk_image(path)
    raw = im.tobytes()
    return md5(raw + b"None", usedforsecurity=False).hexdigest(), *im.size, zlib.compress(raw)


def _timestamp() -> tuple[int | float, str]:
    """ReportLab's invariant TimeStamp: SOURCE_DATE_EPOCH if set, else 2000-01-01; the PDF date of it."""
    t = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    t = int(t) if t else 946684800.0
    return t, "D:%04d%02d%02d%02d%02d%02d+00'00'" % tuple(time.gmtime(t))[:6]


def _file(version: tuple[int, int], objects: list[bytes], catalog: Ref, info: Ref, digest: str) -> bytes:
    """Header, the objects, the cross-reference table and the trailer (PDFDocument.format)."""
    out = [HEADER % version]
    offset, offsets = len(out[0]), []
    for number, body in enumerate(objects, 1):
        part = b"%d 0 obj\n" % number + body + (b"" if body.endswith(b"\n") else b"\n") + b"endobj\n"
        offsets.append(offset)
        out.append(part)
        offset += len(part)
    xref = [b"xref\n0 %d\n0000000000 65535 f " % (len(objects) + 1), *(b"%010d 00000 n " % o for o in offsets)]
    ids = f"<{digest}>".encode() * 2
    out += [
        b"\n".join(xref) + b"\n",
        b"trailer\n<<\n/ID \n[" + ids + b"]\n% ReportLab generated PDF document -- digest (opensource)\n",
        b"\n/Info %d 0 R\n/Root %d 0 R\n/Size %d\n>>" % (info.number, catalog.number, len(objects) + 1),
        b"\nstartxref\n%d\n%%%%EOF\n" % offset,
    ]
    return b"".join(out)


def _bezier_circle(x1: float, y1: float, x2: float, y2: float) -> list[tuple]:
    """pdfgeom.bezierArc(x1, y1, x2, y2, 0, 360): four Bézier quarters, as ReportLab computes them."""
    x1, y1, x2, y2 = min(x1, x2), max(y1, y2), max(x1, x2), min(y1, y2)
    frag = 360.0 / 4
    x_cen, y_cen = (x1 + x2) / 2.0, (y1 + y2) / 2.0
    rx, ry = (x2 - x1) / 2.0, (y2 - y1) / 2.0
    half = frag * math.pi / 360.0
    kappa = abs(4.0 / 3.0 * (1.0 - math.cos(half)) / math.sin(half))
    points = []
    for i in range(4):
        theta0 = (0 + i * frag) * math.pi / 180.0
        theta1 = (0 + (i + 1) * frag) * math.pi / 180.0
        points.append(
            (
                x_cen + rx * math.cos(theta0),
                y_cen - ry * math.sin(theta0),
                x_cen + rx * (math.cos(theta0) - kappa * math.sin(theta0)),
                y_cen - ry * (math.sin(theta0) + kappa * math.cos(theta0)),
                x_cen + rx * (math.cos(theta1) + kappa * math.sin(theta1)),
                y_cen - ry * (math.sin(theta1) - kappa * math.cos(theta1)),
                x_cen + rx * math.cos(theta1),
                y_cen - ry * math.sin(theta1),
            )
        )
    return points
