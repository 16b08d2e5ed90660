"""The output intent: exactly one /GTS_PDFX intent (ISO 15930-1 §6.2.5), its identifier registered or its ICC
profile embedded, and — for a newspaper — a newsprint condition.

Whether a condition is newsprint is read from names that mean one thing: the registered characterization name
(OutputConditionIdentifier, looked up in CONDITIONS) and, when a profile is embedded, the profile's own
description (its `desc` tag, looked up in PROFILES). Free text (/Info, /OutputCondition) is never searched: an
intent "CGATS TR 001" whose /Info says "…, not newsprint" is not newsprint. Names compare without case, spaces,
hyphens, underscores or a trailing ".icc".
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Name

from ...i18n import _
from .report import Report

# Characterization names of the ICC registry (color.org/registry), True for newsprint (ISO 12647-3 coldset,
# SNAP, Japan Color Newspaper, CGATS 21-2 CRPC1), False for the others (offset on coated and uncoated paper,
# gravure, web coated: SWOP, GRACoL, FOGRA, Japan Color Coated).
CONDITIONS: dict[str, bool] = {
    "IFRA26": True,
    "IFRA30": True,
    "ISOnewspaper26v4": True,
    "WAN-IFRAnewspaper26v5": True,
    "SNAP 2007": True,
    "CGATS TR 002": True,
    "CGATS21-2-CRPC1": True,
    "JCN2002": True,
    **{
        f"FOGRA{n}": False for n in (27, 28, 29, 30, 31, 39, 40, 41, 42, 43, 44, 45, 46, 47, 51, 52, 53, 54, 55, 59, 60)
    },
    "CGATS TR 001": False,
    "CGATS TR 003": False,
    "CGATS TR 005": False,
    "CGATS TR 006": False,
    **{f"CGATS21-2-CRPC{n}": False for n in range(2, 8)},
    "JC200103": False,
    "JCW2003": False,
    "JC200104": False,
    "GRACoL2006_Coated1": False,
    "SWOP2006_Coated3": False,
    "SWOP2006_Coated5": False,
    "GRACoL2013_CRPC6": False,
}
# Descriptions (`desc`) of widely used output profiles, for an intent that embeds one.
PROFILES: dict[str, bool] = {
    "ISOnewspaper26v4": True,
    "ISOnewspaper26v4_gr": True,
    "WAN-IFRAnewspaper26v5": True,
    "WAN-IFRAnewspaper26v5_gr": True,
    "US Newsprint (SNAP 2007)": True,
    "SNAP 2007": True,
    "Japan Color 2002 Newspaper": True,
    "Coated FOGRA39 (ISO 12647-2:2004)": False,
    "Coated FOGRA27 (ISO 12647-2:2004)": False,
    "Uncoated FOGRA29 (ISO 12647-2:2004)": False,
    "Web Coated FOGRA28 (ISO 12647-2:2004)": False,
    "ISO Coated v2 (ECI)": False,
    "ISO Coated v2 300% (ECI)": False,
    "PSO Coated v3": False,
    "PSO Uncoated v3 (FOGRA52)": False,
    "PSO Uncoated ISO12647 (ECI)": False,
    "U.S. Web Coated (SWOP) v2": False,
    "U.S. Sheetfed Coated v2": False,
    "Coated GRACoL 2006 (ISO 12647-2:2004)": False,
    "Web Coated SWOP 2006 Grade 3 Paper": False,
    "Japan Color 2001 Coated": False,
    "Japan Color 2001 Uncoated": False,
    "Japan Web Coated (Ad)": False,
}


def normal(name: str) -> str:
    return re.sub(r"[\s\-_]", "", re.sub(r"\.icc$", "", name.strip(), flags=re.IGNORECASE)).upper()


NEWSPRINT_CONDITION = {normal(k): v for k, v in CONDITIONS.items()}
NEWSPRINT_PROFILE = {normal(k): v for k, v in PROFILES.items()}


def check(doc: pikepdf.Pdf, report: Report) -> None:
    intents = [i for i in doc.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        count = _("{count} /GTS_PDFX output intents in the catalog; PDF/X needs exactly one")
        report.add("output-intent", "document", count.format(count=len(intents)))
        return
    intent = intents[0]
    ident = str(intent.get("/OutputConditionIdentifier", "")).strip()
    if not ident:
        report.add("output-intent", "document", _("output intent has no /OutputConditionIdentifier"))
    if not str(intent.get("/Info", "")).strip():
        nameless = _("output intent '{name}' has no /Info (PDF/X-1a needs a readable name of the condition)")
        report.add("output-intent", "document", nameless.format(name=ident))
    profile = intent.get("/DestOutputProfile")
    description = None
    if profile is None:
        if not str(intent.get("/RegistryName", "")).strip():
            neither = _("output intent '{name}' has neither an ICC profile nor a /RegistryName")
            report.add("output-intent", "document", neither.format(name=ident))
        elif normal(ident) not in NEWSPRINT_CONDITION:
            unregistered = _("output condition '{name}' is not in the ICC registry and no profile is embedded")
            report.add("output-intent-unregistered", "document", unregistered.format(name=ident))
    else:
        data = profile.read_bytes()  # bounded by pdfread: streams are at most MAX_STREAM
        if data[12:16] != b"prtr" or data[16:20] not in (b"CMYK", b"GRAY"):
            wrong = _("output intent profile is '{kind}', not a CMYK output profile")
            report.add("output-intent", "document", wrong.format(kind=data[12:20].decode("latin-1")))
        description = icc_description(data)
    _newsprint(ident, description, report, unregistered=profile is None and normal(ident) not in NEWSPRINT_CONDITION)
    if profile is None:
        about = _("output intent {name} ({registry})").format(name=ident, registry=intent.get("/RegistryName", ""))
    elif description:
        about = _("output intent {name} with embedded ICC profile {profile}").format(
            name=ident, profile=repr(description)
        )
    else:
        about = _("output intent {name} with embedded ICC profile").format(name=ident)
    report.add("about", "document", about)


def _newsprint(ident: str, description: str | None, report: Report, unregistered: bool) -> None:
    """Newsprint or not, by the registered name and the profile's description; a known 'no' from either fails."""
    said = [
        (_("output condition '{name}'").format(name=ident), NEWSPRINT_CONDITION.get(normal(ident))),
        (
            _("embedded profile '{name}'").format(name=description),
            NEWSPRINT_PROFILE.get(normal(description)) if description else None,
        ),
    ]
    against = [name for name, newsprint in said if newsprint is False]
    if against:
        not_newsprint = _(
            "{what} is not a newsprint condition (expected IFRA26, IFRA30 or another ISO 12647-3 condition)"
        )
        report.add("output-intent-not-newsprint", "document", not_newsprint.format(what=_(" and ").join(against)))
    elif not any(newsprint for _name, newsprint in said) and not unregistered:
        if description:
            unknown = _(
                "output condition '{name}' with profile '{profile}' is not a registered newsprint condition: check it"
                " is the plant's"
            )
        else:
            unknown = _("output condition '{name}' is not a registered newsprint condition: check it is the plant's")
        report.add("output-intent-unknown", "document", unknown.format(name=ident, profile=description))


def icc_description(data: bytes) -> str | None:
    """The `desc` tag of an ICC profile (ICC.1 §9.2.41): textDescriptionType (v2) or multiLocalizedUnicodeType (v4)."""
    if len(data) < 132:
        return None
    count = int.from_bytes(data[128:132], "big")
    for i in range(min(count, 200)):
        entry = data[132 + 12 * i : 144 + 12 * i]
        if len(entry) < 12 or entry[:4] != b"desc":
            continue
        offset, size = int.from_bytes(entry[4:8], "big"), int.from_bytes(entry[8:12], "big")
        tag = data[offset : offset + size]
        if tag[:4] == b"desc" and len(tag) >= 12:
            length = int.from_bytes(tag[8:12], "big")
            text = tag[12 : 12 + length].split(b"\0")[0].decode("latin-1").strip()
        elif tag[:4] == b"mluc" and len(tag) >= 28:
            length, at = int.from_bytes(tag[20:24], "big"), int.from_bytes(tag[24:28], "big")
            text = tag[at : at + length].decode("utf-16-be", "replace").strip("\0 ")
        else:
            return None
        return text or None
    return None
