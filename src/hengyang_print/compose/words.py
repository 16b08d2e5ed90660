"""Where display text (headlines, captions, bylines) may break: between words, never inside one.

The segmenter is rjieba (jieba's dictionary and HMM, in Rust): on tests/compose/headline_corpus.txt it
puts as few breaks inside words as Python jieba (10 in 45 headlines, HMM on) and loads in ~0.13 s
against jieba's 1.5–2 s (benchmarks/segmenters.py). It is imported only when a display line must
break (text that fits on one line never needs it) and a composed paragraph is cached, so a warm
build does not load it at all. words.txt adds the place names and terms of the page's region.

On top of the segmenter, runs a compositor keeps whole whatever the dictionary says:
- a quoted term or a book title (“上学难”, 《中国海关》) up to QUOTED_WHOLE characters;
- a Latin word, a number with its unit, a URL piece (clreq.unbreakable_runs);
- a Chinese numeral with its magnitude and counter (二十所, 十六万亩).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import clreq

USER_WORDS = Path(__file__).with_name("words.txt")
QUOTED_WHOLE = 10  # a quoted term longer than this is a quotation: it breaks between its words
NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』"}


@lru_cache(maxsize=1)
def _segmenter():
    import rjieba  # ~0.13 s: loads jieba's dictionary

    for line in USER_WORDS.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            rjieba.add_word(word, None, None)
    return rjieba


def segmenter_loaded() -> bool:
    return _segmenter.cache_info().currsize > 0


@lru_cache(maxsize=4096)
def word_breaks(text: str) -> dict[int, bool]:
    """Offsets in text where a display line may break between words, minus those inside a kept run;
    each True if it is also a phrase boundary (see phrase_boundary), the better place to break."""
    if len(text) < 2:
        return {}
    out: dict[int, bool] = {}
    pos = 0
    tagged = list(_segmenter().tag(text, True))
    for (word, tag), (_, following) in zip(tagged, tagged[1:]):
        pos += len(word)
        out[pos] = phrase_boundary(tag, following)
    kept = _kept_inside(text)
    return {k: v for k, v in out.items() if k not in kept}


def phrase_boundary(left: str, right: str) -> bool:
    """Between a noun phrase and its verb, or a verb and its object (陆港型国家物流枢纽 / 承载城市), a
    headline reads as two phrases; between the nouns of one compound (物流 / 枢纽) it reads torn.
    So are the edges of a Latin word and the place before an adverb, a preposition or a conjunction
    (航线 / 再扩容). Tags are the segmenter's part-of-speech tags (v verb, vn verbal noun, d adverb,
    p preposition, c conjunction, eng Latin); a quote mark is no boundary of its own (“十四五”规划)."""
    return any(t.startswith("v") and t != "vn" or t in ("eng", "c", "p", "d") for t in (left, right))


def _kept_inside(text: str) -> set[int]:
    """Offsets inside runs that stay whole on a display line."""
    inside: set[int] = set()
    for a, b in clreq.unbreakable_runs(text):
        inside.update(range(a + 1, b))
    stack: list[tuple[str, int]] = []
    for k, ch in enumerate(text):
        if ch in PAIRS:
            stack.append((PAIRS[ch], k))
        elif stack and ch == stack[-1][0]:
            _, a = stack.pop()
            if k - a - 1 <= QUOTED_WHOLE:
                inside.update(range(a + 1, k + 1))
    for k in range(1, len(text)):
        if text[k - 1] in NUMERALS and (text[k] in NUMERALS or text[k] in clreq.COUNTERS or text[k] in "人所处场座"):
            inside.add(k)  # 十六万亩, 二十所, 十万人次
    return inside
