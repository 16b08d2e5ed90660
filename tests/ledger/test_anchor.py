"""A mark follows its characters through edits, and is resolved in the version whose edit touched them."""

from __future__ import annotations

import random

from hengyang_print.ledger.anchor import Span, carried, follow, trace

TEXT = "衡阳市的生产总值达到4000亿元，其中的工业增加值增长的幅度最大的一年。"


def at(text: str, word: str, block: str = "b", nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(block, start, start + len(word))


def chars(span: Span, blocks: dict[str, str]) -> str:
    return blocks[span.block][span.start : span.end]


def test_an_unchanged_block_keeps_the_offsets():
    span = at(TEXT, "工业")
    assert follow(span, {"b": TEXT}, {"b": TEXT, "c": "新的段落"}) == span


def test_an_edit_before_the_mark_moves_it_with_its_characters():
    span = at(TEXT, "工业")
    new = TEXT.replace("衡阳市", "湖南省衡阳市")
    moved = carried(span, TEXT, new)
    assert moved == Span("b", span.start + 3, span.end + 3) and new[moved.start : moved.end] == "工业"


def test_an_edit_after_the_mark_leaves_it_where_it_was():
    span = at(TEXT, "工业")
    assert carried(span, TEXT, TEXT.replace("最大的一年", "最大")) == span


def test_an_edit_of_the_marked_characters_resolves_it():
    span = at(TEXT, "4000亿元")
    assert carried(span, TEXT, TEXT.replace("4000亿元", "4100亿元")) is None  # one character inside
    assert carried(span, TEXT, TEXT.replace("4000亿元", "")) is None  # deleted
    assert carried(span, TEXT, TEXT.replace("4000亿", "4000多亿")) is None  # something inserted between two


def test_an_insertion_at_either_edge_of_a_range_leaves_its_characters_alone():
    span = at(TEXT, "工业")
    assert (
        chars(carried(span, TEXT, TEXT.replace("工业", "〔工业〕")), {"b": TEXT.replace("工业", "〔工业〕")}) == "工业"
    )


def test_a_point_mark_is_resolved_by_what_is_inserted_or_removed_right_there():
    point = Span("b", TEXT.index("，"), TEXT.index("，"))
    assert carried(point, TEXT, TEXT.replace("，", "（全省第二），")) is None
    assert carried(point, TEXT, TEXT.replace("亿元，", "，")) is None
    assert carried(point, TEXT, TEXT.replace("衡阳市", "衡阳")) == Span("b", point.start - 1, point.start - 1)


def test_a_mark_on_one_de_of_many_stays_on_that_one():
    """The characters are found by carrying the offsets through the edit, not by searching for them again."""
    third = at(TEXT, "的", nth=2)
    assert TEXT.count("的") == 4
    new = TEXT.replace("衡阳市的", "衡阳市全年的")  # an edit before it: the first 的 moves, as does ours
    moved = carried(third, TEXT, new)
    assert moved.start == third.start + 2 and new[moved.start] == "的"
    removed = TEXT[: third.start] + TEXT[third.end :]  # our 的 is deleted; three others are still there
    assert carried(third, TEXT, removed) is None


def test_a_block_renumbered_by_an_item_inserted_above_takes_the_mark_along():
    before = {"items[0].body[0]": "第一条", "items[1].body[0]": TEXT}
    after = {"items[0].body[0]": "新的一条", "items[1].body[0]": "第一条", "items[2].body[0]": TEXT}
    span = at(TEXT, "工业", block="items[1].body[0]")
    moved = follow(span, before, after)
    assert moved == Span("items[2].body[0]", span.start, span.end)


def test_a_removed_block_resolves_its_marks():
    assert follow(Span("items[1].body[0]", 0, 2), {"items[1].body[0]": TEXT}, {"items[0].body[0]": "别的"}) is None


def test_trace_names_the_version_that_changed_the_characters():
    v1 = {"b": TEXT}
    v2 = {"b": "今年" + TEXT}
    v3 = {"b": "今年" + TEXT.replace("工业", "制造业")}
    span = at(TEXT, "工业")
    assert trace(span, [(1, v1), (2, v2)]) == (Span("b", span.start + 2, span.end + 2), None)
    assert trace(span, [(1, v1), (2, v2), (3, v3), (4, v3)]) == (None, 3)


def test_carrying_agrees_with_a_brute_force_reading_of_random_edits():
    """Random local edits: a mark outside the edit keeps its characters at the new offsets; one inside is resolved."""
    rng = random.Random(24)
    alphabet = "衡阳的市人民政府新闻，。0123"
    for _ in range(500):
        old = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60)))
        i = rng.randint(0, len(old))
        j = rng.randint(i, min(len(old), i + 5))
        inserted = "".join(rng.choice("ABC") for _ in range(rng.randint(0, 4)))  # letters the text never holds
        new = old[:i] + inserted + old[j:]
        s = rng.randint(0, len(old))
        e = rng.randint(s, min(len(old), s + 6))
        result = carried(Span("b", s, e), old, new)
        clear = (e <= i or s >= j) if s < e else (s < i or s > j)  # the edit old[i:j] -> inserted leaves s:e alone
        if clear or old == new:
            assert result is not None and new[result.start : result.end] == old[s:e], (old, new, s, e)
        elif inserted:  # letters the text never held, at or inside the mark: its characters changed
            assert result is None, (old, new, s, e)
        elif result is not None:  # a deletion may also be read elsewhere (阳2阳): then the characters are intact
            assert new[result.start : result.end] == old[s:e]
