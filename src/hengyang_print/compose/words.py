"""Where display text (headlines, captions, bylines) may break: between words, never inside one.

The segmenter is rjieba (jieba's dictionary and HMM, in Rust), chosen by its breaks inside words on
tests/compose/headline_corpus.txt (benchmarks/segmenters.py prints the figures). It is asked only when a
display line must break, and each text gets an rjieba segmenter holding only the dictionary words it can
match (dictionary.py), which cuts and tags as the full one without loading the whole dictionary. words.txt
adds the place names and terms of the page's region.

On top of the segmenter, runs a compositor keeps whole whatever the dictionary says:
- a quoted term or a book title (“上学难”, 《中国海关》) up to QUOTED_WHOLE characters;
- a Latin word, a number with its unit, a URL piece (clreq.unbreakable_runs);
- a Chinese numeral with its magnitude and counter (二十所, 十六万亩).

And a second opinion where the segmenter's cut is doubtful (_second_opinion, by clreq's display-break
rules): a particle or bound suffix cut off as a word of its own (杭州亚运会上 / 的, 丰收 / 节主场, 亩 / 均增收)
leans back on the word before it, and a Latin word or number keeps the noun it qualifies (ChatGPT / 热潮).
Those cuts are graded as faults, which the breaker prices as a break inside a word and the audit names.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import clreq, dictionary

USER_WORDS = Path(__file__).with_name("words.txt")
QUOTED_WHOLE = 10  # a quoted term longer than this is a quotation: it breaks between its words
NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
MEASURE_WORDS = "人所处场座部只辆栋幢间批种类"  # besides clreq.COUNTERS: 二十所, 一百部
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』"}


def _segmenter(text: str):
    """rjieba holding just the dictionary words text and words.txt can match (dictionary.py): ~1 ms,
    where rjieba's default segmenter parses the whole dictionary (0.13–0.23 s)."""
    global _segmented
    _segmented = True
    return dictionary.segmenter(text, tuple(_user_words()))


_segmented = False


@lru_cache(maxsize=1)
def _user_words() -> dict[str, str | None]:
    """words.txt: word → the part-of-speech tag it takes in headlines (None: the dictionary's)."""
    out: dict[str, str | None] = {}
    for line in USER_WORDS.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            out[fields[0]] = fields[1] if len(fields) > 1 else None
    return out


def segmenter_loaded() -> bool:
    """Whether this process has segmented any text (rather than found its breaks remembered)."""
    return _segmented


# How good a place to break a display line is, best first (lines.py prices each); the last two are faults
# a compositor refuses, priced as a break inside a word, and named by the audit (tools/audit.py)
AFTER_PAUSE, PHRASE, OBJECT, COMPOUND, LEANS_BACK, LATIN_NOUN = 0, 1, 2, 3, 4, 5
FAULTS = (LEANS_BACK, LATIN_NOUN)


@lru_cache(maxsize=4096)
def word_breaks(text: str) -> dict[int, int]:
    """Offsets in text where a display line may break between words, minus those inside a kept run,
    each with its grade: AFTER_PAUSE (after ，：；！？、), PHRASE, OBJECT (see grade) or COMPOUND.
    Remembered across processes (cache.py), so that `check`, which asks of every display block set on
    more than one line, does not load the segmenter (0.13–0.25 s) for text it has segmented before."""
    if len(text) < 2:
        return {}
    version = _version()
    if version is None:
        return _word_breaks(text)
    from ..cache import remembered

    return remembered("word-breaks", repr((version, text)), lambda: _word_breaks(text), valid=_breaks)


def _breaks(value) -> bool:
    """The shape of stored breaks (cache.remembered's check): offsets to grades."""
    return isinstance(value, dict) and all(type(k) is int and type(v) is int for k, v in value.items())


@lru_cache(maxsize=1)
def _version() -> tuple | None:
    """What the breaks depend on: this code and the word list (the composer's engine version) and the
    installed segmenter (its files' sizes and times)."""
    from importlib.util import find_spec

    from ..cache import file_version
    from . import _engine

    spec = find_spec("rjieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    files = sorted(p for where in spec.submodule_search_locations for p in Path(where).iterdir() if p.is_file())
    engine, installed = _engine(), tuple(file_version(str(p)) for p in files)
    installed += (file_version(str(dictionary.PATH)),)
    return None if engine is None or None in installed else (engine, installed)


def _word_breaks(text: str) -> dict[int, int]:
    out: dict[int, int] = {}
    pos = 0
    tags = _user_words()
    tagged = [(word, tags.get(word) or tag) for word, tag in _segmenter(text).tag(text, True)]
    for k, ((word, tag), (following_word, following)) in enumerate(zip(tagged, tagged[1:])):
        pos += len(word)
        after = tagged[k + 2][1] if k + 2 < len(tagged) else ""
        out[pos] = AFTER_PAUSE if word[-1] in clreq.PAUSE else grade(tag, following, after)
        out[pos] = _second_opinion(text, pos, following_word, following) or out[pos]
    kept = _kept_inside(text)
    return {k: v for k, v in out.items() if k not in kept}


def _second_opinion(text: str, k: int, word: str, tag: str) -> int | None:
    """LEANS_BACK or LATIN_NOUN where a compositor refuses the segmenter's cut before `word` (at offset k, its
    part of speech `tag`), by clreq's rules: a particle or bound suffix starts a word of its own only where the
    segmenter cuts a word of two characters or more there and the dictionary has a word beginning there too
    (丰收 / 节主场 is refused, 节能 / 减排 is not), so a word the segmenter made up cannot excuse the break."""
    starts_word = len(word) > 1 and any(len(w) > 1 and text.startswith(w, k) for w in _known_words(text[k : k + 8]))
    if clreq.leans_back(text[k], starts_word):
        return LEANS_BACK
    if clreq.latin_leaves_its_noun(text[k - 1], text[k], tag):
        return LATIN_NOUN
    return None


def _known_words(text: str) -> set[str]:
    """The words of jieba's dictionary and of words.txt that occur in text."""
    return set(dictionary.entries(text)) | {w for w in _user_words() if w in text}


def grade(left: str, right: str, after: str = "") -> int:
    """Between a noun phrase and its verb (陆港型国家物流枢纽 / 承载城市) a headline reads as two
    phrases (PHRASE); so it does before an adverb, a preposition, a conjunction or a number (航线 /
    再扩容, 加装电梯 / 一百部) and at the edges of a Latin word. A verbal noun (vn) with a number after it
    is the verb of its sentence (种植面积 / 突破百万亩), not the second noun of a compound (经济 / 发展质量):
    `after` is the tag of the word after `right`. Between a verb and its object it reads
    a little torn (OBJECT: 表扬 / 我市); between the words of one compound (物流 / 枢纽), after a
    preposition or adverb (用 / 指尖) or inside a pair of like words but verbs (优化 / 调整), torn (COMPOUND).
    Tags are the segmenter's part-of-speech tags (v verb, vn verbal noun, d adverb, p preposition,
    c conjunction, m numeral, eng Latin), words.txt's where it gives one; a quote mark is no
    boundary of its own (“十四五”规划)."""
    verb = lambda t: t.startswith("v") and t != "vn"  # noqa: E731
    if right == "vn" and after == "m":
        right = "v"  # 突破百万亩: it takes a quantity as its object
    if left.startswith("u"):
        return (
            OBJECT  # after a particle (有了 / “地方标准”, 亚运会上的 / “衡阳面孔”): its phrase ends, its head follows
        )
    if left in ("p", "c", "d") or left == right != "v":
        return COMPOUND  # a new verb starts a new predicate (改造 / 让菜篮子更放心); a pair of nouns does not
    if verb(right) or right in ("p", "c", "d", "m") or "eng" in (left, right):
        return PHRASE
    return OBJECT if verb(left) else COMPOUND


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
        if text[k - 1] in NUMERALS and (text[k] in NUMERALS or text[k] in clreq.COUNTERS or text[k] in MEASURE_WORDS):
            inside.add(k)  # 十六万亩, 二十所, 十万人次
    return inside
