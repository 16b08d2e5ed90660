"""The Chinese line-layout rules, in one place: character classes, limits and one function per rule.

Sources: W3C clreq (Requirements for Chinese Text Layout, w3.org/TR/clreq), GB/T 15834-2011,
as summarised in the project brief's reference notes (chinese-layout-rules.md). Widths are in em. The composer
(lines.py) and the audit (audit.py) both ask these functions, so they cannot disagree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# -- character classes [clreq #prohibition_rules_for_line_start_end] -----------------------

# Pause and stop marks: ink on the left half of a full-width cell (GB/T 15834 positions).
PAUSE = frozenset("、。．，：；！？‼⁇")
# Closing brackets and quotes: ink on the left half.
CLOSE = frozenset("”’）》〉」』】〗〕］｝")
# Opening brackets and quotes: ink on the right half; may not end a line.
OPEN = frozenset("“‘（《〈「『【〖〔［｛")
# Interpuncts: ink centred in a full-width cell (间隔号 [GB/T 15834-2011 §4.14]: 列夫·托尔斯泰, 《论语·学而》).
MIDDLE = frozenset("·・‧")
# ... except the middle dot of a product of units (kW·h, N·m, t·km) [GB 3101-1993 §3.4.2]: Latin, set at its own
# width inside its word. Told from a name's initials (J·K·罗琳) and a date's (“5·12”), both 间隔号, by a small
# letter beside it.
_UNIT_DOT = r"(?:(?<=[a-z])·(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])·(?=[a-z]))"
UNIT_DOT = re.compile(_UNIT_DOT)
# Connectors and solidi: may not start a line, never stretched around.
CONNECTORS = frozenset("～–-/／")
DASH = "—"  # U+2014; two of them (or one ⸺ U+2E3A) make the 2-em dash
DOUBLE_DASH = frozenset("⸺")
ELLIPSIS = frozenset("…⋯")
QUOTES = frozenset("“”‘’")  # full-width in Simplified Chinese [clreq #punctuation_width_adjustment]

# ASCII marks in mixed text: closing punctuation, infix separators and postfix signs (UAX #14 classes
# CL CP IS EX PO) never start a line; opening brackets (OP) never end one.
ASCII_NO_LINE_START = frozenset(",.;:!?)]}%")
ASCII_NO_LINE_END = frozenset("([{")
# Units set solid with their number (GB/T 15835 §5, clreq #mixed_text_composition: no space inside
# "25℃", "3‰", "120㎡"); they glue to the number and take no Han–Latin gap.
UNITS = frozenset("%‰‱℃℉°′″㎡㎢㎥㎞㎏㎎㎝㎜Ω")
# Arithmetic signs between two numbers (20℃±2℃, 4×100米, 6÷3) are Latin operators [GB 3102.11-1993 (mathematical
# signs, items 11-1.10-11, 11-4.4-5): set with the numbers they join; clreq #mixed_text_composition: a number and
# its signs form one Western run]: part of the number's run, no Han–Latin space on either side, never a line
# break; a space typed around one is not set. Elsewhere (a lone ×) they keep their full-width cell.
OPERATORS = frozenset("±×÷")

# Strict level: none of these may begin a line (—— and …… included).
NO_LINE_START = PAUSE | CLOSE | MIDDLE | CONNECTORS | ELLIPSIS | DOUBLE_DASH | {DASH} | ASCII_NO_LINE_START | UNITS
# No opening mark may end a line; nor an interpunct, which joins the parts of a name or a title
# (《论语·学而》, 马克·吐温) and would leave a half-empty cell at the line's end [GB/T 15834 §4.14, jlreq cl-05].
NO_LINE_END = OPEN | ASCII_NO_LINE_END | MIDDLE

# Half of a full-width mark is empty and may be squeezed [clreq #punctuation_width_adjustment].
COMPRESSIBLE = PAUSE | CLOSE | OPEN
HALF = 0.5

# -- spacing [clreq #mixed_text_composition_in_horizontal_writing_mode, #line_adjustment] --
HAN_LATIN_GAP = 0.25  # ¼ em between Han and an adjacent Latin letter or digit
# ... one value on every line of a body text: justification neither stretches nor squeezes it, so a line of
# Latin words and its neighbours show the same space (jlreq 3.8 lets it range ⅛–½ em; a newspaper column set
# so looks uneven, issue 22); the other gaps of the line take the adjustment.
WORD_SPACE_MAX = 0.5  # a Latin word space stretches to at most ½ em
# Newspaper practice: justification adds at most ⅛ em between two characters (the layout's loose_limit may say
# otherwise); the composer re-breaks a paragraph rather than go beyond it, then lets a number leave its measure
# word (COUNTER_BREAK), and a line that still cannot be set within it is a build error, not a quiet loose line.
LETTERSPACE_MAX = 0.125
LOOSE_TOLERANCE = 0.01  # em a gap may go beyond the limit unseen (rounding, a line's last hundredths): not loose
# 挤排 [clreq #line_adjustment, jlreq 3.8.3 (reduction)]: when no break and no punctuation squeeze
# avoids a loose line, the whole line is tracked tighter, uniformly, by at most this (em per gap).
TRACKING_MIN = -0.05

# -- paragraphs ----------------------------------------------------------------------
ORPHAN_MIN_CHARS = 2  # a paragraph's last line holds at least two characters besides punctuation
# A paragraph set a line longer or shorter to fill a column (伸行/缩行) ends with a full-looking last line: four
# characters at least (the layout's fit.min_last_line), never 企业。 alone [house rule, issue 22]
RELINED_LAST_MIN = 4
DISPLAY_LAST_MIN_CHARS = 3  # a headline's or caption's last line: three at least (a two-character line looks torn off)

# -- unbreakable runs [clreq: never split numbers with their units, Latin words] ----------
# A number with sign, grouping, decimals, a range (1—9) and a percent sign; then the Chinese
# magnitude and the one counter or unit that follow it (2018年, 1146.58亿元, 70.9分, 1—9月, 115万亩).
MAGNITUDES = "亿万千百十"
COUNTERS = "年月日号时分秒点元角个项家条位名人件次倍届吨亩米岁期季度字版篇天周里克斤台辆座所户套张"
NUMBER_RUN = re.compile(
    r"[+\-−]?\d+(?:[.,:]\d+)*(?:[—–\-~～][+\-−]?\d+(?:[.,]\d+)*)?"
    r"[" + "".join(sorted(UNITS)) + r"]?"  # a unit solid with its number (see solid_units)
    r"(?:[" + MAGNITUDES + r"]{1,2}(?P<counter>[" + COUNTERS + r"])?|(?P<alone>[" + COUNTERS + r"]))?"
)
# ... yet a number may leave its measure word (112.6万 / 人次) where the paragraph has no other way to set every
# line within the loose limit: a last resort, priced so that no loose-free breaking uses it [house rule, issue 22]
# A Latin word with its inner joiners (UAX #14 LB29, LB25: "e.g.", "COVID-19", "5G", "R&D", "AI+"):
# + / - . & _ inside a run of letters and digits keep it whole; a trailing + or # stays with it (C++, C#).
_JOINED = r"[A-Za-z0-9'’]*(?:(?:[+/\-.&_]|" + _UNIT_DOT + r")[A-Za-z0-9]+)*[+#]*"
LATIN_WORD = re.compile(r"[A-Za-z]" + _JOINED)
DIGIT_WORD = re.compile(r"\d+[A-Za-z]" + _JOINED)
# A space typed between a number and its unit ("12.5 ℃") is not set: the unit is solid with it.
SPACED_UNIT = re.compile(r"(?<=\d) +(?=[" + "".join(sorted(UNITS)) + r"])")
_NUMBER_END = r"[0-9" + "".join(sorted(UNITS)) + r"]"
SPACED_OPERATOR = re.compile(r"(?<=" + _NUMBER_END + r") *([±×÷]) *(?=[+\-−]?[0-9])")
# A URL or e-mail address [UAX #14 §5 (URLs), Chicago 14.18]: one run, but a line may break after
# / . - inside it (never before: a line does not start with a mark); see url_pieces.
URL = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~/?#\[\]@!$&'*+,;=%:]*[A-Za-z0-9/]|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)
URL_BREAK_AFTER = "/.-"
DASH_RUN = re.compile(r"—{2,}|⸺+")
ELLIPSIS_RUN = re.compile(r"[…⋯]{2,}")


@lru_cache(maxsize=8192)
def is_han(ch: str) -> bool:
    """Ideographs, kana, full-width forms and CJK symbols (■ ℃ …): set on the em grid."""
    return not ch.isascii() and unicodedata.east_asian_width(ch) in ("W", "F", "A")


def is_western(ch: str) -> bool:
    """Latin letters, digits and the signs that stay with them (30%): spaced ¼ em from Han."""
    return ch.isascii() and (ch.isalnum() or ch == "%") or ch == "‰"


def is_unit(ch: str) -> bool:
    """℃ ‰ % ° ㎡ …: set solid with the number before it, no gap on either side (UNITS)."""
    return ch in UNITS


@lru_cache(maxsize=8192)  # pure, and asked for every character of every paragraph
def char_class(ch: str) -> str:
    if ch in PAUSE:
        return "pause"
    if ch in CLOSE:
        return "close"
    if ch in OPEN:
        return "open"
    if ch in MIDDLE:
        return "middle"
    if ch == DASH or ch in DOUBLE_DASH:
        return "dash"
    if ch in ELLIPSIS:
        return "ellipsis"
    if ch == " ":
        return "space"
    if ch in UNITS:
        return "latin"  # a unit belongs to its number, not to the em grid (℃ is East-Asian-ambiguous)
    if is_han(ch):
        return "han"
    return "latin"


IN_CONTEXT = frozenset("·") | OPERATORS  # characters whose class depends on their neighbours (cell_class)


def cell_class(before: str, ch: str, after: str) -> str:
    """char_class in context (the characters beside ch, "" at an edge): a unit's middle dot and an operator
    between numbers are Latin."""
    if ch == "·" and UNIT_DOT.match(before + ch + after, len(before)):
        return "latin"
    if is_number_operator(before, ch, after):
        return "latin"
    return char_class(ch)


def is_number_operator(before: str, ch: str, after: str) -> bool:
    """± × ÷ between two numbers (OPERATORS): after a digit or a unit, before a digit or a signed one."""
    return (
        ch in OPERATORS
        and (before.isdigit() or before in UNITS)
        and bool(after)
        and (after.isdigit() or after in SIGNS)
    )


def is_punct(cls: str) -> bool:
    return cls in ("pause", "close", "open", "middle", "dash", "ellipsis")


def counts_for_orphan(ch: str) -> bool:
    """A character that makes a last line more than an orphan: anything but punctuation and space."""
    return not is_punct(char_class(ch)) and ch != " "


def unbreakable_runs(text: str, counters_apart: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every run nothing may split: ——, ……, numbers with their units, Latin words
    [clreq: never split]; every other character is a run of its own. counters_apart: a number's measure
    word is a run of its own (counter_breaks), the last resort against a loose line."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    urls = {m.start(): m.end() for m in URL.finditer(text)} if ("@" in text or "www." in text or "://" in text) else {}
    while i < n:
        ch = text[i]
        match = None
        if i in urls:
            out += url_pieces(text, i, urls[i])
            i = urls[i]
            continue
        if ch == DASH or ch in DOUBLE_DASH:
            match = DASH_RUN.match(text, i)
        elif ch in ELLIPSIS:
            match = ELLIPSIS_RUN.match(text, i)
        elif ch.isdigit() and DIGIT_WORD.match(text, i):
            match = DIGIT_WORD.match(text, i)  # 5G, 3D: a word, not a number
        elif ch.isdigit() or (
            ch in "+-−"
            and i + 1 < n
            and text[i + 1].isdigit()
            and not (i and text[i - 1].isascii() and text[i - 1].isalnum())
        ):
            match = NUMBER_RUN.match(text, i)
        elif ch.isascii() and ch.isalpha():
            match = LATIN_WORD.match(text, i)
        end = match.end() if match and match.end() > i else i + 1
        while match and end + 1 < n and is_number_operator(text[end - 1], text[end], text[end + 1]):
            match = NUMBER_RUN.match(text, end + 1)  # 20℃±2℃, 4×100米: the operator and the next number join the run
            end = max(match.end(), end + 2) if match else end + 1
        counter = _counter_at(match) if counters_apart and match and match.re is NUMBER_RUN else None
        out += [(i, counter), (counter, end)] if counter else [(i, end)]
        i = end
    return out


DATES = "年月日号时分秒点"  # a date or a time stays whole even then (2018年, 9时): not measure words


def _counter_at(match: re.Match) -> int | None:
    """Where a number run's measure word starts (112.6万|人), if it has one and it is not part of a date."""
    word = "counter" if match.group("counter") else "alone" if match.group("alone") else None
    if word is None or match.group(word) in DATES:
        return None
    return match.start(word)


def counter_breaks(text: str) -> set[int]:
    """Offsets where a number may leave its measure word (112.6万 / 人次, 12 / 个): COUNTER_BREAK's places."""
    if not any(ch.isdigit() for ch in text):
        return set()
    whole = {a for a, _ in unbreakable_runs(text)}
    return {a for a, _ in unbreakable_runs(text, counters_apart=True)} - whole


def solid_units(text: str) -> str:
    """ "12.5 ℃" → "12.5℃" [GB/T 15835 §5: a unit symbol follows its number without a space in Chinese text];
    "4 × 100米" → "4×100米" (OPERATORS)."""
    return SPACED_OPERATOR.sub(r"\1", SPACED_UNIT.sub("", text)) if " " in text else text


def joined_lines(text: str) -> str:
    """A newline inside body text (a YAML '|' block) joins its lines: with nothing between two wide
    characters (Han, full-width marks), with a space between Latin ones [CSS Text 3 §4.1.3, segment
    break transformation]; never a visible gap between two Han characters."""
    if "\n" not in text:
        return text
    out = []
    for k, ch in enumerate(text):
        if ch != "\n":
            out.append(ch)
        elif out and k + 1 < len(text) and not (is_han(out[-1]) or is_han(text[k + 1])):
            out.append(" ")
    return "".join(out)


def url_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A URL or e-mail address cut after each / . - (never before, so no line starts with a mark;
    "//" stays whole) [UAX #14 §5, Chicago 14.18]."""
    out, a = [], start
    for k in range(start, end - 1):
        if text[k] in URL_BREAK_AFTER and text[k + 1] not in URL_BREAK_AFTER:
            out.append((a, k + 1))
            a = k + 1
    out.append((a, end))
    return out


def may_start_line(ch: str) -> bool:
    """clreq strict: closing/pause marks, connectors, interpuncts, —— and …… never start a line."""
    return ch not in NO_LINE_START


def may_end_line(ch: str) -> bool:
    """clreq: an opening bracket or quote never ends a line."""
    return ch not in NO_LINE_END


@lru_cache(maxsize=8192)
def adjacent_squeeze(left: str, right: str) -> str | None:
    """Two adjacent marks take 1.5 em, not 2 [clreq #punctuation_width_adjustment].

    Returns which of the pair loses its empty half: 'left' (a closing/pause mark before any mark,
    as in ”， 。” ，“) or 'right' (an opening mark after an opening mark, as in “《).
    """
    lc, rc = char_class(left), char_class(right)
    if lc in ("pause", "close") and rc in ("pause", "close", "open"):
        return "left"
    if lc == "open" and rc == "open":
        return "right"
    return None


def squeezes_at_line_end(ch: str) -> bool:
    """GB/T 15834 §5.1.10: a full-width stop, comma or closing mark ends a line as ½ em."""
    return ch in PAUSE or ch in CLOSE


def squeezes_at_line_start(ch: str) -> bool:
    """clreq #punctuation_width_adjustment: an opening mark at line start may lose its empty left half."""
    return ch in OPEN


SIGNS = "+-−"


def spaced_as(before: str, ch: str, after: str) -> str:
    """The character whose spacing ch takes: a number's sign is spaced from Han as its digits are
    (至 -2℃, not a connector's none) [clreq #mixed_text_composition: the number is the unit]."""
    if ch in SIGNS and after.isdigit() and not (before.isascii() and before.isalnum()):
        return after
    if is_number_operator(before, ch, after):
        return after if after.isdigit() else "0"  # 20℃±2℃: spaced as the numbers it joins (not at all)
    return ch


@lru_cache(maxsize=8192)
def han_latin_gap(left: str, right: str) -> bool:
    """¼ em between a Han character and an adjacent Latin letter or digit; none beside punctuation
    and none at a line's edges (a gap only exists between two characters of one line)."""
    lc, rc = char_class(left), char_class(right)
    return (lc == "han" and is_western(right)) or (rc == "han" and is_western(left))


@lru_cache(maxsize=8192)
def gap_kind(left: str, right: str, same_run: bool) -> str:
    """What justification may put between two adjacent characters [clreq #line_adjustment]:
    'hl' a Han–Latin space (¼ em, fixed); 'plain' any other space, up to the loose limit; 'last'
    only when a line has nothing else to spread: between the letters of a Latin word, before a stop
    or closing mark and after an opening mark (a mark keeps to its character, its own empty half
    being the space [jlreq 3.8]); 'fixed' none: inside a number, ——, ……, around connectors, solidi
    and word spaces (which stretch themselves)."""
    if han_latin_gap(left, right):
        return "hl"
    if same_run or (left.isascii() and right.isascii() and " " not in (left, right)):
        # inside a run, or between the pieces of a URL: a Latin run is never letter-spaced but as a last resort
        return "last" if left.isascii() and left.isalpha() and right.isascii() and right.isalpha() else "fixed"
    if left in CONNECTORS or right in CONNECTORS or left == " " or right == " ":
        return "fixed"
    if right in PAUSE or right in CLOSE or left in OPEN:
        return "last"
    return "plain"


# -- display breaks: where a headline, caption or byline may not break ------------------------------
# A display line breaks between words (words.py), never before a word that leans on the one before it.
# Newspaper headline practice (标题回行: a word or fixed phrase is never split, and a function word never
# begins a line), with the word boundaries of GB/T 13715-1992 (信息处理用现代汉语分词规范): the structural and
# aspect particles and the plural 们 attach to the word before them, and an affix stays in its word (积极性,
# 现代化, 创新型, 丰收节, 亩均), as does a place name's generic part (角山镇, 城陵矶港); a localizer (方位词)
# stays with the noun it follows (亚运会上, 热潮下).
PARTICLES = frozenset("的了着过地得之们")
BOUND_SUFFIXES = frozenset("节均性化型式率者家员界区县市镇乡村港站")
LOCALIZERS = frozenset("上下中里内外前后间")
LEANING = PARTICLES | BOUND_SUFFIXES | LOCALIZERS


def leans_back(ch: str, starts_word: bool) -> bool:
    """A display line may not start with ch: a particle, bound suffix or localizer, unless a word of its own
    begins there (节能, 过去, 地方, 中国: starts_word, which the segmenter and the dictionary must both say)."""
    return ch in LEANING and not starts_word


# The words that may begin a display line right after a Latin word or a number: a verb, an adverb, a
# preposition, a conjunction, a particle or a pronoun starts a new phrase (CR450AF动车组 / 首次驶入); any other
# word is the noun the Latin word qualifies (ChatGPT / 热潮, 走出COVID-19 / 阴影, CR450AF / 动车组) and
# stays with it [the same headline practice: a modifier is never cut from its head].
PHRASE_STARTING_TAGS = ("v", "d", "p", "c", "u", "r")


def latin_leaves_its_noun(before: str, after: str, next_tag: str) -> bool:
    """A break between a Latin word or a number (before: its last character) and the Han word after it
    (after: that word's first character, next_tag: its part of speech) cuts a modifier from its noun."""
    latin = (before.isascii() and (before.isalnum() or before in "+#")) or before in UNITS
    starts_phrase = next_tag.startswith(PHRASE_STARTING_TAGS) and next_tag != "vn"
    return latin and char_class(after) == "han" and not starts_phrase


# -- where headers land and how paragraphs part across columns (place/fit.py and the audit) -------------------
# A newspaper's house rules for items flowed in columns, as a chief compositor reviews a page before 签样 (issue 22).
# The fitter prices each so that it is avoided where the layout's fit bounds allow, and names what it cannot avoid;
# the audit reports each as a finding.
ABREAST_ROWS = 2  # headers in adjacent columns this many grid rows apart or fewer read as one band (三题并列)
HEADER_TIED_LINES = 2  # a header never ends a column with fewer body lines under it than this (a hard rule) …
HEADER_FOOT_MIN_LINES = 3  # … and, 背题 else, keeps this many under it at a column foot
SHORT_ITEM_LINES = 6  # an item of this many body lines or fewer is not split across columns
# a paragraph's first line does not stand alone at a column foot, nor its last alone at a column top (ORPHAN/widow)


def abreast(row: int, other: int) -> bool:
    """Two item headers in adjacent columns, their first rows so placed, stand abreast (a band across the page)."""
    return abs(row - other) <= ABREAST_ROWS
