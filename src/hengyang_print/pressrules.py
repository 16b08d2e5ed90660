"""Newsprint plate rules, in one place: shared by the build's plate check (verify/plates.py) and preflight.

Sources: GWG 2015 NewspaperAds specification (Ghent Workgroup) for type, lines, images and ink;
ISO 12647-3 / IFRA26 (coldset newsprint, 240 % total area coverage); ISO 15930-1 (PDF/X-1a:2001);
the ICC characterization registry (color.org) for registered output conditions.
"""

from __future__ import annotations

# preflight's profiles; here, not in tools/preflight.py, so that the command line can list them without
# importing a PDF library
PROFILES = ("pdfx1a", "newspaper")
DEFAULT_PROFILE = "newspaper"  # what README promises: PDF/X-1a and newsprint rules

MAX_INK = 240.0  # % total area coverage on newsprint (ISO 12647-3, IFRA26)
MIN_TYPE = 6.0  # pt: smaller type breaks up on newsprint; on more than one plate it is an error (GWG 2015)
MIN_PROCESS_TYPE = 10.0  # pt: type in several plates below this blurs under misregistration (GWG 2015: warning)
MIN_LINE_MULTI = 0.5  # pt: a line printed on more than one plate must be at least this wide (GWG 2015)
MIN_LINE_SINGLE = 0.25  # pt: a one-plate line thinner than this may not hold on newsprint (warning)
THIN_LINE = 2.0  # pt: a 100 % K line up to this width knocking out of colour shows paper at misregistration
MIN_PPI, WARN_PPI = 150.0, 200.0  # effective resolution of colour and grey images: error below, warning below
SMALL_AREA_MM2, SMALL_SIDE_MM = (
    4.0,
    1.0,
)  # total ink ignores areas under 4 mm² or under 1 mm across (like PitStop's tolerance)
TEXT_THIN = 24.0  # pt: type below this has stems under 1 mm, thin strokes to the total ink tolerance
NEAR_BLACK_K = 80.0  # % K: text this dark with C, M or Y under it is (near-)rich black: four plates to register

MM = 72 / 25.4  # points per millimetre

# Colorant names that are not spot colours.
PROCESS_COLORANTS = {"Cyan", "Magenta", "Yellow", "Black"}
REGISTRATION = "All"  # Separation /All: every plate at the tint (registration colour)

# Output condition identifiers registered with the ICC (an intent naming one needs no embedded profile).
REGISTERED_CONDITIONS = {
    "IFRA26",
    "IFRA30",
    "FOGRA27",
    "FOGRA28",
    "FOGRA29",
    "FOGRA30",
    "FOGRA31",
    "FOGRA39",
    "FOGRA40",
    "FOGRA41",
    "FOGRA42",
    "FOGRA43",
    "FOGRA44",
    "FOGRA45",
    "FOGRA46",
    "FOGRA47",
    "FOGRA51",
    "FOGRA52",
    "FOGRA53",
    "FOGRA54",
    "FOGRA55",
    "FOGRA59",
    "FOGRA60",
    "CGATS TR 001",
    "CGATS TR 002",
    "CGATS TR 003",
    "CGATS TR 005",
    "CGATS TR 006",
    "CGATS21-2-CRPC1",
    "CGATS21-2-CRPC2",
    "CGATS21-2-CRPC3",
    "CGATS21-2-CRPC4",
    "CGATS21-2-CRPC5",
    "CGATS21-2-CRPC6",
    "CGATS21-2-CRPC7",
    "JC200103",
    "JCN2002",
    "JCW2003",
    "JC200104",
    "GRACoL2006_Coated1",
    "SWOP2006_Coated3",
    "SWOP2006_Coated5",
    "GRACoL2013_CRPC6",
    "SNAP2007",
    "ISOnewspaper26v4",
    "WAN-IFRAnewspaper26v5",
}
# Words that mark a newsprint (coldset) condition in an identifier, its Info or the profile's description.
NEWSPRINT_MARKS = ("IFRA", "NEWSPAPER", "NEWSPRINT", "SNAP", "CGATS TR 002", "12647-3", "COLDSET")


def plates(cmyk_percent) -> int:
    """How many plates a CMYK colour (percentages) prints on."""
    return sum(v > 0.5 for v in cmyk_percent)
