"""The breaker's quick search (good ways extended only, by lines that can be good and can win; lines.py)
gives the breaking of the plain search, on paragraphs it was not tuned to: the shipped and test pages'
text, the headline corpus, the stress page and random runs of Han, marks, Latin and numbers, at 3 em
(where many paragraphs have no good breaking at all), 8 and 17 em, justified (tracked or not) and ragged, free
and relined."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from hengyang_print.cli.common import DEFAULT_LAYOUT, ROOT
from hengyang_print.compose import clreq, lines
from hengyang_print.compose.segment import atoms, boxes
from hengyang_print.fonts import face_chain
from hengyang_print.load.loader import load_layout

LAYOUT = load_layout(DEFAULT_LAYOUT)
BODY = LAYOUT.styles["body"]
FONT = face_chain((LAYOUT.fonts[BODY.font], *BODY.fallback))
PIECES = (
    list("衡阳日报年终特刊这些新名片为大城铸就招牌")
    + list("，。、：；！？“”《》（）——……·")
    + ["GDP", "5G", "2018年", "8.0%", " ", "COVID-19", "www.hyrb.cn/"]
)


def _texts() -> list[str]:
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str) and len(value) > 3:
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in [
        *sorted((ROOT / "content").glob("*.yaml")),
        *sorted((ROOT / "tests" / "pages" / "content").glob("*.yaml")),
        ROOT / "tests" / "stress" / "stress.yaml",
    ]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    found += [
        t for t in (Path(__file__).parent / "headline_corpus.txt").read_text(encoding="utf-8").splitlines() if t.strip()
    ]
    rng = random.Random(15)
    found += ["".join(rng.choice(PIECES) for _ in range(rng.randrange(5, 120))) for _ in range(60)]
    return [clreq.joined_lines(clreq.solid_units(t)) for t in dict.fromkeys(found)]


def test_the_quick_search_breaks_as_the_plain_search():
    bad = relined = 0
    for text in _texts():
        # justified, ragged, justified tracked in as fitting's tracking steps set it, and justified with a squeeze
        # cap of two marks a line (the layouts' max_squeezed); relinings with a last line of 4 characters at least
        for justified, track, tracking, cap in (
            (True, -clreq.TRACKING_MIN, 0.0, float("inf")),
            (False, 0.0, 0.0, float("inf")),
            (True, -clreq.TRACKING_MIN, -0.02, float("inf")),
            (True, -clreq.TRACKING_MIN, 0.0, 2 * clreq.HALF),
        ):
            p = lines.paragraph(boxes(atoms(text, FONT)), tracking, track, cap=cap)
            for ems in (3, 8, 17):
                args = (p, ems - 2.0, float(ems), justified)
                free = lines.break_lines(*args)
                assert free == lines._break_lines(*args, None, quick=False), (text[:30], ems, justified)
                bad += lines._break_lines(*args, None, quick=True) is None
                for more in (1, -1, 2) if free else ():  # (None: a paragraph of word spaces only)
                    relining = lines.break_lines(*args, len(free) + more, clreq.RELINED_LAST_MIN)
                    plain = lines._break_lines(*args, len(free) + more, False, clreq.RELINED_LAST_MIN)
                    assert relining == plain, (text[:30], ems, more)
                    relined += relining is not None
    assert bad > 100 and relined > 1000, (
        "paragraphs with no good breaking, and relinings that can be made, are both tried"
    )
