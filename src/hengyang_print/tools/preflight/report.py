"""Findings and their rules: every finding has a code, and RULES gives each code its level in each profile, so a
profile is one column of that table (README's table is this one, and a test keeps them equal).

Where a finding is on a page, x_mm and y_mm are the top-left corner of the object's box (the bounding box of
what it paints: a path with its line width, a text run's em boxes, an image's or a form's placed square, an
annotation's rectangle), in mm from the top-left corner of the page's TrimBox — of its overlap with the MediaBox
when the TrimBox reaches outside it — x to the right, y down. None where the finding has no place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import pressrules as pr
from ...i18n import _

PROFILES, DEFAULT_PROFILE = pr.PROFILES, pr.DEFAULT_PROFILE
E, W, I = "error", "warning", "info"
_RT, _RL = pr.REVERSE_TYPE, pr.REVERSE_LINE
# code: (level in pdfx1a, level in newspaper, what it is); None: not checked in that profile
RULES: dict[str, tuple[str | None, str | None, str]] = {
    "unreadable": (E, E, "the file cannot be read: not a PDF, damaged, encrypted, a bomb, not a regular file"),
    "damaged": (E, E, "qpdf had to repair the file (broken cross-reference table, truncated)"),
    "encrypted": (E, E, "encryption (PDF/X forbids it)"),
    "pdfx-version": (E, E, "Info /GTS_PDFXVersion and /GTS_PDFXConformance"),
    "pdf-version": (E, E, "PDF version above what the PDF/X part allows"),
    "object-streams": (E, E, "object or cross-reference streams in a file labelled PDF 1.3"),
    "info-keys": (E, E, "Info /Title, /CreationDate, /ModDate, /Trapped; trailer /ID"),
    "output-intent": (
        E,
        E,
        "exactly one /GTS_PDFX output intent, with identifier, /Info and a profile or registered name",
    ),
    "output-intent-unregistered": (E, E, "an output condition not in the ICC registry and no profile embedded"),
    "output-intent-not-newsprint": (
        I,
        E,
        "a registered condition or profile that is not newsprint (e.g. CGATS TR 001, FOGRA39)",
    ),
    "output-intent-unknown": (None, W, "a condition neither the registered names nor its profile's name tells"),
    "javascript": (E, E, "JavaScript or additional actions anywhere (catalog, page /AA, annotations)"),
    "form-fields": (W, W, "interactive form fields"),
    "optional-content": (E, E, "optional content (layers: /OCProperties, /OC); a RIP may print a hidden layer"),
    "hidden-annotation": (E, E, "an annotation flagged hidden or not to be viewed"),
    "compression": (E, E, "LZW, JBIG2, JPEG 2000 or crypt filters"),
    "boxes": (E, E, "TrimBox or ArtBox present, boxes nested in the MediaBox"),
    "annotation-in-bleed": (E, E, "an annotation other than a printer's mark inside the bleed"),
    "page-sizes-differ": (W, E, "pages of different trimmed sizes"),
    "empty-page": (W, E, "a page that paints nothing"),
    "colour-space": (E, E, "RGB, ICC-based, Lab or other device-independent colour"),
    "spot-colour": (I, E, "a spot colour (Separation or DeviceN colorant other than C, M, Y, K)"),
    "registration-in-trim": (None, E, "registration colour (Separation /All) inside the trim"),
    "transparency": (E, E, "soft masks, alpha, blend modes, transparency groups"),
    "transfer-function": (E, E, "transfer functions"),
    "halftone-name": (E, E, "a halftone with /HalftoneName"),
    "postscript": (E, E, "PostScript XObjects"),
    "image-16-bit": (E, E, "16-bit images (PDF 1.3 has at most 8 bits per component)"),
    "image-forbidden": (E, E, "OPI references, image /Alternates"),
    "font-not-embedded": (E, E, "a font that is not embedded"),
    "glyph-missing": (E, E, "a code shown in an embedded font whose program has no glyph for it (it prints blank)"),
    "glyph-width": (W, W, "a width in the PDF that is not its glyph's width in the font program"),
    "type3-font": (None, W, "a Type 3 font (glyphs drawn as paths or images, not type a RIP renders as such)"),
    "rich-black-text": (
        None,
        E,
        f"rich black text (100 % K with other ink) or near-black (K ≥ {pr.NEAR_BLACK_K:g} % on C, M and Y)",
    ),
    "black-text-knockout": (None, E, "100 % K (or grey 0) text that knocks out: not DeviceCMYK overprint with /OPM 1"),
    "white-overprint": (W, E, "white text or shapes set to overprint (they vanish on plate)"),
    "black-line-knockout": (None, E, f"a 100 % K line up to {pr.THIN_LINE:g} pt knocking out of colour"),
    "small-type-plates": (None, E, f"type under {pr.MIN_TYPE:g} pt on more than one plate"),
    "small-type": (None, W, f"type under {pr.MIN_TYPE:g} pt on one plate"),
    "process-type": (None, W, f"type under {pr.MIN_PROCESS_TYPE:g} pt on more than one plate"),
    "reverse-type": (None, E, f"paper-coloured type under {_RT[0]:g} pt knocked out of ink"),
    "reverse-type-low": (None, W, f"reversed type under {_RT[1]:g} pt out of one ink, {_RT[2]:g} pt out of more"),
    "thin-line-plates": (None, E, f"a line thinner than {pr.MIN_LINE_MULTI:g} pt on more than one plate"),
    "thin-line": (None, W, f"a one-plate line thinner than {pr.MIN_LINE_SINGLE:g} pt"),
    "reverse-line": (None, W, f"a reversed line under {_RL[0]:g} pt out of one ink, {_RL[1]:g} pt out of more"),
    "image-resolution": (None, E, f"a colour or grey image under {pr.MIN_PPI:g} ppi"),
    "image-resolution-low": (None, W, f"a colour or grey image under {pr.WARN_PPI:g} ppi"),
    "total-ink": (None, E, "total ink over the limit in an area larger than the tolerance"),
    "content": (E, E, "a content stream that cannot be read to the end, or forms nested too deep"),
    "about": (I, I, "facts: output intent, page size, total ink peak"),
}


@dataclass
class Finding:
    code: str
    level: str  # error | warning | info
    where: str  # document | page 2 | page 1, form /Fm0 …
    message: str
    count: int = 1
    page: int | None = None
    x_mm: float | None = None  # first place it occurs: the object's box's top-left corner, from the trim's
    y_mm: float | None = None

    @property
    def at(self) -> str:
        if self.x_mm is None:
            return ""
        return _("x {x} mm, y {y} mm from the top-left").format(x=f"{self.x_mm:.1f}", y=f"{self.y_mm:.1f}")

    def line(self) -> str:
        if self.count > 1 and self.at:
            place = _("{count}×, first at {at}").format(count=self.count, at=self.at)
        else:
            place = f"{self.count}×" if self.count > 1 else self.at
        return f"{self.level}: {self.where}: {self.message} [{self.code}]" + (f" ({place})" if place else "")

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "level": self.level,
            "page": self.page,
            "where": self.where,
            "message": self.message,
            "count": self.count,
            "x_mm": self.x_mm,
            "y_mm": self.y_mm,
        }


@dataclass
class Report:
    profile: str = DEFAULT_PROFILE
    strict: bool = False
    max_ink: float = pr.MAX_INK
    reverse_type: tuple[float, float, float] = pr.REVERSE_TYPE
    findings: list[Finding] = field(default_factory=list)
    seen: dict = field(default_factory=dict, repr=False)  # (code, where, message) -> its finding

    def add(
        self, code: str, where: str, message: str, at: tuple[float, float] | None = None, key: object = None
    ) -> Finding | None:
        """Level from the profile; repeats of the same problem in the same place are counted, not listed again.
        `key`: what makes two findings the same problem, when it is not their message (which then names the
        first occurrence only)."""
        level = RULES[code][PROFILES.index(self.profile)]
        if level is None:
            return None
        if self.strict and level == W:
            level = E
        key = (code, where, message if key is None else key)
        if key in self.seen:
            self.seen[key].count += 1
            return self.seen[key]
        page = int(where.split(",")[0][5:]) if where.startswith("page ") else None
        x, y = (round(at[0], 1), round(at[1], 1)) if at else (None, None)
        self.seen[key] = finding = Finding(code, level, where, message, page=page, x_mm=x, y_mm=y)
        self.findings.append(finding)
        return finding

    @property
    def errors(self) -> int:
        return sum(f.level == E for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == W for f in self.findings)
