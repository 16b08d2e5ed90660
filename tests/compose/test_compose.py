"""The composition engine on single paragraphs: clreq prohibitions, unbreakable runs, punctuation
widths, justification, Han–Latin spacing, orphans and looseness, read off the composed lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hengyang_print.cli.common import DEFAULT_LAYOUT
from hengyang_print.compose import clreq, compose_paragraph
from hengyang_print.load.loader import load_layout

LAYOUT = load_layout(DEFAULT_LAYOUT)
BODY = LAYOUT.styles["body"]
SONG = LAYOUT.fonts[BODY.font]
EM = BODY.size
HAN = "衡阳日报年终特刊这些新名片为大城铸就招牌一块块金字就是一张张靓丽过去的脚步铿锵优势日益彰显实力新月异影响声名远播"


def lines_of(text: str, ems: int, **kw):
    return compose_paragraph(text, BODY, SONG, ems * EM, **kw)


def right(line) -> float:
    g = line.glyphs[-1]
    return g.x + g.width


def assert_clreq(text: str, lines, ems: int) -> None:
    """The properties every composed body paragraph has, checked against clreq, not against the composer."""
    assert "".join(l.text for l in lines) == text.replace(" ", "")
    for n, line in enumerate(lines):
        if n:
            assert clreq.may_start_line(line.text[0]), (n, line.text)
        if n < len(lines) - 1:
            assert clreq.may_end_line(line.text[-1]), (n, line.text)
            if (
                len(line.glyphs) > 1
            ):  # one character has no gap to spread (开 before a 9-em 1146.58亿元——字 on an 8-em first line)
                assert right(line) == pytest.approx(ems * EM, abs=0.1), (n, line.text)  # justified on the measure
        else:
            assert right(line) <= ems * EM + 0.1
    breaks, at = set(), 0
    for line in lines[:-1]:
        at += len(line.text)
        breaks.add(at)
    at = [0]  # position in the text without its spaces (lines do not draw spaces)
    for ch in text:
        at.append(at[-1] + (ch != " "))
    # a number may leave its measure word (112.6万 / 人次) only where no other breaking avoids a loose line
    whole = clreq.unbreakable_runs(text, counters_apart=_looser(text, ems) and not any(l.loose for l in lines))
    for a, b in whole:
        assert not any(at[a] < k < at[b] for k in breaks), text[a:b]


def _looser(text: str, ems: int) -> bool:
    """Would the paragraph have a loose line if no number could leave its measure word?"""
    from hengyang_print.compose.lines import broken
    from hengyang_print.compose.segment import atoms, boxes
    from hengyang_print.fonts import face_chain

    font = face_chain((SONG, *BODY.fallback))
    cells = boxes(atoms(text, font))  # broken as the composer breaks it: with the style's limits (max_squeezed: 3)
    breaking = broken(
        cells, EM, ems * EM, BODY.indent, BODY.tracking, True, most=BODY.loose_limit, max_squeezed=BODY.max_squeezed
    )
    return breaking is not None and breaking.loose


@pytest.mark.parametrize("ems", range(10, 21))
def test_a_stop_never_starts_a_line_nor_an_opening_quote_ends_one(ems):
    # a mark at every column position: one of them lands on each line edge at every width
    text = "".join(HAN[: k % 7 + 1] + mark for k, mark in enumerate("，。”“、；：！？）（》《" * 3)) + "完。"
    assert_clreq(text, lines_of(text, ems), ems)


@pytest.mark.parametrize("ems", range(10, 21))
@pytest.mark.parametrize("run", ["——", "……", "1146.58亿元", "2018年", "70.9分", "1—9月", "Hengyang", "30%", "-3.5℃"])
def test_unbreakable_runs_stay_whole_at_every_offset(ems, run):
    text = "".join(HAN[: k + 1] + run for k in range(ems + 2)) + "。"
    lines = lines_of(text, ems)
    assert_clreq(text, lines, ems)
    assert not any(l.text.startswith(("—", "…")) for l in lines[1:])


def test_two_marks_take_one_and_a_half_em_and_a_line_end_stop_half_an_em():
    lines = lines_of("他说：“好。”我们走吧，衡阳与“长沙”。", 40)
    g = {i: glyph for i, glyph in enumerate(lines[0].glyphs)}
    text = lines[0].text
    pair = text.index("。”")
    assert g[pair].width + g[pair + 1].width == pytest.approx(1.5 * EM)
    assert g[text.index("：")].width + g[text.index("“")].width == pytest.approx(1.5 * EM)
    assert g[text.index("，")].width == pytest.approx(EM)  # a lone comma mid-line: full width
    # the paragraph's last mark ends the line as ½ em
    assert lines[-1].glyphs[-1].char == "。" and lines[-1].glyphs[-1].width == pytest.approx(EM / 2)


def test_quotes_are_full_width_cells_with_the_ink_on_the_inner_side():
    (line,) = lines_of("一“二”三", 40, indent=False)
    open_, close = line.glyphs[1], line.glyphs[3]
    assert open_.width == pytest.approx(EM) and close.width == pytest.approx(EM)
    assert open_.ink_dx == pytest.approx(0.0)  # the SC face draws “ full width: its ink already sits right
    assert line.glyphs[2].x == pytest.approx(2 * EM)


def test_han_latin_space_is_a_quarter_em_and_none_at_the_line_edge_or_beside_punctuation():
    (line,) = lines_of("在GDP中，2018年。", 40, indent=False)
    g = line.glyphs
    gap = lambda a, b: (b.x - (a.x + a.width)) / EM  # noqa: E731
    assert gap(g[0], g[1]) == pytest.approx(clreq.HAN_LATIN_GAP)  # 在|G
    assert gap(g[3], g[4]) == pytest.approx(clreq.HAN_LATIN_GAP)  # P|中
    assert line.text[9:11] == "8年" and gap(g[9], g[10]) == pytest.approx(clreq.HAN_LATIN_GAP)  # inside one run
    assert gap(g[4], g[5]) == pytest.approx(0.0) and gap(g[5], g[6]) == pytest.approx(0.0)  # 中，2
    (starts,) = lines_of("GDP增长", 40, indent=False)
    assert starts.glyphs[0].x == 0.0


def test_justification_spreads_gaps_equally_and_never_inside_a_dash():
    text = HAN[:9] + "——" + HAN[9:30]
    lines = lines_of(text, 12, indent=False)
    assert_clreq(text, lines, 12)
    for line in lines[:-1]:
        gaps = [round(b.x - a.x - a.width, 3) for a, b in zip(line.glyphs, line.glyphs[1:])]
        dashes = [k for k, (a, b) in enumerate(zip(line.text, line.text[1:])) if a == b == "—"]
        assert all(gaps[k] == 0 for k in dashes)
        others = {g for k, g in enumerate(gaps) if k not in dashes}
        assert max(others) - min(others) < 0.01 and max(others) <= clreq.LETTERSPACE_MAX * EM + 0.01


@pytest.mark.parametrize("ems", range(11, 17))
def test_a_paragraph_one_character_too_long_is_rebroken_not_left_with_an_orphan(ems):
    text = (HAN * 2)[: 3 * ems - 1] + "。"  # 2-em indent: the greedy fill leaves one character over
    lines = lines_of(text, ems)
    assert_clreq(text, lines, ems)
    assert sum(clreq.counts_for_orphan(ch) for ch in lines[-1].text) >= clreq.ORPHAN_MIN_CHARS
    widest = max(b.x - a.x - a.width for line in lines[:-1] for a, b in zip(line.glyphs, line.glyphs[1:]))
    assert widest <= clreq.LETTERSPACE_MAX * EM + 0.01  # not by stretching a line beyond its limit


def test_looseness_sets_a_paragraph_one_line_longer_or_shorter_within_the_limits():
    text = (HAN * 3)[:150] + "。"
    normal = lines_of(text, 17)
    for k in (1, -1):
        other = lines_of(text, 17, looseness=k)
        if len(other) != len(normal):
            assert len(other) == len(normal) + k
            assert_clreq(text, other, 17)
    assert len(lines_of(text, 17, looseness=1)) == len(normal) + 1


# every token ends on a Han character, so that no run of marks is longer than a line can hold
TOKENS = st.sampled_from(
    [
        "衡阳",
        "日报",
        "新",
        "名片",
        "，衡",
        "。阳",
        "、日",
        "：“报",
        "”。新",
        "！”名",
        "“片",
        "”大",
        "（城",
        "）铸",
        "《就",
        "》金",
        "——字",
        "……招",
        "2018年",
        "1146.58亿元",
        "70.9分",
        "30%的",
        "GDP",
        "Hengyang Daily",
        "1—9月",
        "；牌",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(TOKENS, min_size=20, max_size=120), st.integers(min_value=10, max_value=20))
def test_any_mix_of_marks_numbers_and_words_keeps_the_rules(tokens, ems):
    text = "开" + "".join(tokens) + "完"
    lines = lines_of(text, ems)
    assert_clreq(text, lines, ems)
