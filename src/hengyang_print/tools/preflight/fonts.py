"""A font as the page uses it: how a string splits into codes, each code's width and text, its em box, and —
read from the embedded program with fontTools — whether the program has a glyph for each code shown and
whether the PDF's width for it is the program's.

Which glyph a code selects follows ISO 32000-1: a Type 0 font's CMap gives the CID, the CIDToGIDMap (TrueType)
or the CFF charset (CID-keyed CFF) the glyph (§9.7.4); a simple TrueType font goes through the (3,0) or (1,0)
cmap when symbolic, else through its encoding's glyph name, Unicode and the (3,1) cmap (§9.6.6.4); a simple
CFF font through its encoding's glyph name and the CharStrings. A code without a glyph, or whose glyph is an
empty outline though its text is not a space (a subset that lost the glyph), prints blank. Type 1 programs
(/FontFile) are not read: their glyphs are not checked.
"""

from __future__ import annotations

import io
from functools import cached_property

import pikepdf
from fontTools import agl
from fontTools.encodings.MacRoman import MacRoman
from fontTools.encodings.StandardEncoding import StandardEncoding
from fontTools.pens.basePen import NullPen
from fontTools.ttLib import TTFont

from . import cmaps
from .geometry import Matrix

STANDARD_MATRIX: Matrix = (0.001, 0.0, 0.0, 0.001, 0.0, 0.0)
EM_BOX = (-200.0, 800.0)  # a glyph's box below and above the baseline, thousandths of an em (text positions)
WIDTH_TOLERANCE = 1.0  # thousandths of an em: PDF widths are rounded from the program's units
SYMBOLIC = 4  # FontDescriptor /Flags bit 3
BLANK_TEXT = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
UNKNOWN = object()  # a glyph the program cannot be asked about (not embedded, not read, an unknown CMap)


class Font:
    """One font dictionary of the PDF; its program is read only when a glyph is checked."""

    def __init__(self, obj, name: str):
        self.obj = obj
        self.kind = str(obj.get("/Subtype", ""))
        self.name = str(obj.get("/BaseFont", name)).lstrip("/") or name.lstrip("/")
        described = obj
        if self.kind == "/Type0":
            descendants = obj.get("/DescendantFonts")
            described = descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else obj
        self.described = described
        self.descriptor = described.get("/FontDescriptor") or pikepdf.Dictionary()
        files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in self.descriptor]
        self.program_key = files[0] if files else None
        self.type3 = self.kind == "/Type3"
        self.embedded = self.type3 or self.program_key is not None
        self.matrix: Matrix = (
            tuple(float(v) for v in obj.get("/FontMatrix", STANDARD_MATRIX)) if self.type3 else STANDARD_MATRIX
        )
        self.checked: dict[int, object] = {}  # code -> None (fine), "missing", or (pdf width, program width)

    # -- codes, widths, text
    @cached_property
    def encoding_cmap(self) -> cmaps.CMap | None:
        """A Type 0 font's CMap when embedded; None for Identity-H/V and for simple fonts."""
        encoding = self.obj.get("/Encoding")
        return cmaps.parse(encoding.read_bytes()) if isinstance(encoding, pikepdf.Stream) else None

    @cached_property
    def identity(self) -> bool:
        return str(self.obj.get("/Encoding", "")) in ("/Identity-H", "/Identity-V")

    def codes(self, data: bytes) -> list[tuple[int, int]]:
        """(code, byte length) of each character code in a shown string."""
        if self.kind != "/Type0":
            return [(b, 1) for b in data]
        if self.encoding_cmap is not None:
            return self.encoding_cmap.split(data, 2)
        return [(int.from_bytes(data[i : i + 2], "big"), 2) for i in range(0, len(data) - 1, 2)]

    def cid(self, code: int) -> int | None:
        """The CID a Type 0 font's code selects; None when its CMap is a predefined one not read here."""
        if self.identity:
            return code
        cmap = self.encoding_cmap
        return None if cmap is None else cmap.cids.get(code, 0)

    @cached_property
    def widths(self) -> tuple[dict[int, float], float]:
        """Glyph widths in glyph space (thousandths of an em but for Type 3), by code (simple fonts) or by CID
        (Type 0), and the width of what is not listed."""
        try:
            if self.kind == "/Type0":
                w, widths, i = list(self.described.get("/W", [])), {}, 0
                while i + 1 < len(w):
                    if isinstance(w[i + 1], pikepdf.Array):
                        widths.update((int(w[i]) + k, float(v)) for k, v in enumerate(w[i + 1]))
                        i += 2
                    else:
                        first, last = int(w[i]), min(int(w[i + 1]), int(w[i]) + 65535)
                        widths.update((c, float(w[i + 2])) for c in range(first, last + 1))
                        i += 3
                return widths, float(self.described.get("/DW", 1000))
            first = int(self.obj.get("/FirstChar", 0))
            widths = {first + k: float(v) for k, v in enumerate(self.obj.get("/Widths", []))}
            return widths, float(self.descriptor.get("/MissingWidth", 0))
        except (TypeError, ValueError, IndexError, AttributeError, pikepdf.PdfError):
            return {}, 0.0 if self.kind != "/Type0" else 1000.0

    def width(self, code: int) -> float:
        widths, default = self.widths
        key = code if self.kind != "/Type0" else self.cid(code)
        return widths.get(key, default) if key is not None else default

    @cached_property
    def to_unicode(self) -> dict[int, str]:
        stream = self.obj.get("/ToUnicode")
        return cmaps.parse(stream.read_bytes()).text if isinstance(stream, pikepdf.Stream) else {}

    def text(self, code: int) -> str:
        if code in self.to_unicode:
            return self.to_unicode[code]
        name = self.glyph_name(code) if self.kind != "/Type0" else None
        return agl.toUnicode(name) if name else ""

    @cached_property
    def vertical(self) -> tuple[float, float]:
        """The glyphs' extent below and above the baseline in glyph space: the em box, a Type 3 font's FontBBox."""
        if self.type3:
            box = [float(v) for v in self.obj.get("/FontBBox", [0, 0, 0, 0])]
            if len(box) == 4 and box[3] > box[1]:
                return box[1], box[3]
            em = abs(self.matrix[3]) or 0.001
            return EM_BOX[0] / 1000 / em, EM_BOX[1] / 1000 / em
        return EM_BOX

    # -- encodings of simple fonts
    @cached_property
    def differences(self) -> tuple[dict[int, str], object]:
        """A simple font's /Differences (code -> glyph name) and its base encoding (a name or None)."""
        encoding = self.obj.get("/Encoding")
        if isinstance(encoding, pikepdf.Name):
            return {}, str(encoding)
        if not isinstance(encoding, pikepdf.Dictionary):
            return {}, None
        names, code = {}, 0
        for item in encoding.get("/Differences", []):
            if isinstance(item, pikepdf.Name):
                names[code] = str(item)[1:]
                code += 1
            else:
                code = int(item)
        base = encoding.get("/BaseEncoding")
        return names, str(base) if base is not None else None

    def glyph_name(self, code: int) -> str | None:
        """The glyph name a simple font's encoding gives a code (its program's own encoding as the base when
        the PDF names none)."""
        names, base = self.differences
        if code in names:
            return names[code]
        if base == "/WinAnsiEncoding":
            char = bytes([code]).decode("cp1252", "ignore") if code > 31 else ""
            return agl.UV2AGL.get(ord(char)) if char else None
        if base == "/MacRomanEncoding":
            return MacRoman[code]
        if base is None and isinstance(self.program, Program) and self.program.encoding:
            return self.program.encoding[code]
        return StandardEncoding[code]

    # -- Type 3
    def charproc(self, code: int) -> tuple[str, pikepdf.Stream | None]:
        name = self.differences[0].get(code, "")
        procs = self.obj.get("/CharProcs") or {}
        proc = procs.get("/" + name) if name else None
        return name, proc if isinstance(proc, pikepdf.Stream) else None

    # -- the program
    @cached_property
    def program(self):
        """The embedded program read by fontTools; None when there is none, UNKNOWN when it is not read here."""
        if self.program_key is None:
            return None
        stream = self.descriptor[self.program_key]
        subtype = str(stream.get("/Subtype", ""))
        if self.program_key == "/FontFile" or (self.program_key == "/FontFile3" and subtype not in CFF_KINDS):
            return UNKNOWN
        try:
            return Program(stream.read_bytes(), subtype)
        except Exception as exc:  # fontTools raises many kinds on a damaged program: it is reported, not a crash
            return ProgramError(str(exc) or type(exc).__name__)

    def glyph(self, code: int):
        """The program's glyph for a code: its name, None when it has none, UNKNOWN when that cannot be told."""
        program = self.program
        if not isinstance(program, Program):
            return UNKNOWN
        if self.kind == "/Type0":
            cid = self.cid(code)
            if cid is None:
                return UNKNOWN
            if str(self.described.get("/Subtype", "")) == "/CIDFontType2":
                return program.by_gid(self.gid(cid))
            return program.by_cid(cid)
        if self.kind == "/TrueType" or program.cmaps and self.kind != "/Type1":
            return self.truetype_glyph(code, program)
        name = self.glyph_name(code)
        return name if name in program.names else None

    def gid(self, cid: int) -> int:
        mapping = self.described.get("/CIDToGIDMap")
        if isinstance(mapping, pikepdf.Stream):
            table = self.cid_to_gid
            return int.from_bytes(table[2 * cid : 2 * cid + 2], "big") if 2 * cid + 2 <= len(table) else 0
        return cid

    @cached_property
    def cid_to_gid(self) -> bytes:
        return self.described.CIDToGIDMap.read_bytes()

    def truetype_glyph(self, code: int, program: Program) -> str | None:
        """ISO 32000-1 §9.6.6.4: symbolic fonts through (3,0) then (1,0); others by glyph name and Unicode."""
        flags = int(self.descriptor.get("/Flags", 0))
        symbolic = flags & SYMBOLIC or "/Encoding" not in self.obj
        if symbolic:
            for key, codes in (((3, 0), (code, 0xF000 + code, 0xF100 + code, 0xF200 + code)), ((1, 0), (code,))):
                table = program.cmaps.get(key)
                if table is not None:
                    return next((table[c] for c in codes if c in table), None)
            table = program.cmaps.get((3, 1), {})
            return table.get(code)
        name = self.glyph_name(code)
        if not name:
            return None
        unicode = agl.toUnicode(name)
        table = program.cmaps.get((3, 1))
        if table is not None and len(unicode) == 1 and ord(unicode) in table:
            return table[ord(unicode)]
        table = program.cmaps.get((1, 0))
        if table is not None and name in MacRoman and MacRoman.index(name) in table:
            return table[MacRoman.index(name)]
        return name if name in program.names and name != ".notdef" else None

    def check(self, code: int) -> object:
        """None when the code prints its glyph at the PDF's width; "missing" when the program has no glyph for it
        (or an empty one for text that is not a space); (PDF width, program width) when they differ."""
        if code in self.checked:
            return self.checked[code]
        found = None
        if self.type3:
            found = None if self.charproc(code)[1] is not None else "missing"
        else:
            glyph = self.glyph(code)
            if glyph is None or glyph == ".notdef":
                found = "missing"
            elif glyph is not UNKNOWN:
                found = self._outline_and_width(code, glyph)
        self.checked[code] = found
        return found

    def _outline_and_width(self, code: int, glyph: str) -> object:
        text = self.text(code)
        blank = not text or text.isspace() or text in BLANK_TEXT
        try:
            if not blank and self.program.empty(glyph):
                return "missing"
            advance = self.program.advance(glyph)
        except Exception:  # a glyph fontTools cannot read in a damaged program does not print either
            return "missing"
        pdf = self.width(code)
        return (pdf, advance) if advance is not None and abs(advance - pdf) > WIDTH_TOLERANCE else None


CFF_KINDS = {"/Type1C", "/CIDFontType0C", "/OpenType"}


class ProgramError:
    """An embedded program fontTools cannot read."""

    def __init__(self, why: str):
        self.why = why


class Program:
    """An embedded TrueType, OpenType or bare CFF program: its glyphs by GID, CID, name and cmap."""

    def __init__(self, data: bytes, subtype: str):
        self.cff = self.ttfont = None
        if subtype in ("/Type1C", "/CIDFontType0C"):
            from fontTools.cffLib import CFFFontSet  # ~50 ms to import, for the few files with bare CFF fonts

            fonts = CFFFontSet()
            fonts.decompile(io.BytesIO(data), None)
            self.cff = fonts[fonts.fontNames[0]]
        else:
            self.ttfont = TTFont(io.BytesIO(data), lazy=True)
            if "glyf" not in self.ttfont and "CFF " in self.ttfont:
                self.cff = self.ttfont["CFF "].cff[0]
        if self.cff is not None:
            self.order = list(self.cff.charset)
            self.cid_keyed = hasattr(self.cff, "ROS")
            encoding = getattr(self.cff, "Encoding", None)
            self.encoding = encoding if isinstance(encoding, list) else None
            self.scale = float(self.cff.FontMatrix[0]) * 1000
        else:
            self.order = self.ttfont.getGlyphOrder()
            self.cid_keyed, self.encoding = False, None
            self.scale = 1000 / self.ttfont["head"].unitsPerEm
            self.ttfont["loca"], self.ttfont["hmtx"]  # read now: a damaged table is the program's error
        self.names = set(self.order)
        self.cmaps = (
            {(t.platformID, t.platEncID): t.cmap for t in self.ttfont["cmap"].tables}
            if self.ttfont is not None and "cmap" in self.ttfont
            else {}
        )

    def by_gid(self, gid: int) -> str | None:
        return self.order[gid] if 0 < gid < len(self.order) else None

    def by_cid(self, cid: int) -> str | None:
        if self.cid_keyed:
            name = f"cid{cid:05d}"
            return name if cid and name in self.names else None
        return self.by_gid(cid)

    def empty(self, glyph: str) -> bool:
        if self.cff is not None:
            return self.cff.CharStrings[glyph].calcBounds(self.cff.CharStrings) is None
        loca, gid = self.ttfont["loca"], self.ttfont.getGlyphID(glyph)  # an empty glyph has no bytes in glyf
        return gid + 1 < len(loca) and loca[gid + 1] == loca[gid]

    def advance(self, glyph: str) -> float | None:
        """The glyph's advance in thousandths of an em."""
        if self.ttfont is not None and "hmtx" in self.ttfont:
            return self.ttfont["hmtx"][glyph][0] * self.scale
        charstring = self.cff.CharStrings[glyph]
        charstring.draw(NullPen())
        return charstring.width * self.scale
