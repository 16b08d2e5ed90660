"""Newsprint plate rules, in one place: shared by the build's plate check (verify/plates.py) and preflight.

Sources: GWG 2015 NewspaperAds specification (Ghent Workgroup) for type, lines, images and ink;
ISO 12647-3 / IFRA26 (coldset newsprint, 240 % total area coverage); ISO 15930-1 (PDF/X-1a:2001).
The registered output conditions preflight knows are its own table (tools/preflight/intents.py).
"""

from __future__ import annotations

# preflight's profiles; here, not in tools/preflight/, so that the command line can list them without
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
# Reversed (paper-coloured) type knocked out of ink, in pt: an error under the first size; a warning under the second
# out of one ink and under the third out of two or more, whose misregistration fills the counters (USA TODAY's
# advertising production specification). preflight --reverse-type overrides them.
REVERSE_TYPE = (6.0, 10.0, 14.0)
# Reversed lines, in pt: a warning under the first out of one ink, under the second out of two or more.
REVERSE_LINE = (0.5, 1.0)

MM = 72 / 25.4  # points per millimetre

REGISTRATION = "All"  # Separation /All: every plate at the tint (registration colour)


def plates(cmyk_percent) -> int:
    """How many plates a CMYK colour (percentages) prints on."""
    return sum(v > 0.5 for v in cmyk_percent)
