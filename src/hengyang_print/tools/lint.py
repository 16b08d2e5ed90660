"""Content lint: Content → warnings a proofreader would mark (punctuation and spacing), each with block and offset.

Never changes the text: the page is set as written; these are questions for the editor. The rules follow
GB/T 15834-2011 (标点符号用法); character classes come from compose/clreq.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..blockid import BlockId
from ..compose.clreq import CLOSE, ELLIPSIS, OPEN, PAUSE, SPACED_UNIT, is_han
from ..i18n import N_, _
from ..model import Content

# GB/T 15834 §4: Chinese text takes the full-width marks; the half-width ones are for Latin text and numbers.
FULL_WIDTH = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", '"': "“ or ”", "'": "‘ or ’"}
SENTENCE_END = frozenset("。！？") | ELLIPSIS  # §4.1-4.3, §4.11: a paragraph ends with one of these
QUOTE_STYLES = {
    "“”‘’": N_("curly quotes “ ”"),
    "「」『』": N_("corner brackets 「 」"),
    "\"'": N_("straight quotes \" '"),
}
# §4.1-4.5: two pause or stop marks in a row are a slip, except the combinations the standard allows (？！, ！？, ……).
DOUBLED = re.compile(r"([、，。；：])[、，。；：！？]|([！？])[、，。；：]")


@dataclass(frozen=True)
class LintWarning:
    block: BlockId  # e.g. items[5].headline
    offset: int  # character offset in the block's text
    message: str

    def format(self, content: Content) -> str:
        offset = _("offset {offset}").format(offset=self.offset)
        return f"{content.where(self.block, self.offset)}: {self.block}: {offset}: {self.message}"


def fields(content: Content) -> Iterator[tuple[BlockId, str, bool]]:
    """(block, text, is_paragraph) for every text field as written in the content file."""
    for i, credit in enumerate(content.credits):
        yield BlockId("credits", i, "name"), credit.name, False
    yield BlockId("headline"), content.headline, False
    yield BlockId("byline", part="text"), content.byline.text, False
    for i, name in enumerate(content.byline.reporters):
        yield BlockId("byline", part="reporters", paragraph=i), name, False
    yield BlockId("keyword", part="word"), content.keyword.word, False
    for p, text in enumerate(content.intro):
        yield BlockId("intro", paragraph=p), text, True
    for i, item in enumerate(content.items):
        yield BlockId("items", i, "date"), item.date, False
        yield BlockId("items", i, "headline"), item.headline, False
        for p, text in enumerate(item.body):
            yield BlockId("items", i, "body", p), text, True


def lint(content: Content) -> list[LintWarning]:
    warnings: list[LintWarning] = []
    styles: dict[str, tuple[BlockId, int]] = {}  # quote style -> first (block, offset) using it
    for block, text, paragraph in fields(content):
        warnings += half_width_marks(block, text)
        warnings += doubled_marks(block, text)
        warnings += spaces_between_han(block, text)
        warnings += spaces_before_units(block, text)
        warnings += unbalanced_quotes(block, text)
        if paragraph:
            warnings += missing_end(block, text)
        for chars, name in QUOTE_STYLES.items():
            at = next((n for n, ch in enumerate(text) if ch in chars and _in_chinese(text, n)), None)
            if at is not None:
                styles.setdefault(name, (block, at))
    if len(styles) > 1:  # §4.1: one quotation style for the whole piece
        (first, _where), *others = styles.items()
        mixed = _("mixed quote styles: {here} here, {first} elsewhere ({block})")
        for name, (block, at) in others:
            said = mixed.format(here=_(name), first=_(first), block=styles[first][0])
            warnings.append(LintWarning(block, at, said))
    return sorted(warnings, key=lambda w: (_order(content, w.block), w.offset))


def _in_chinese(text: str, n: int) -> bool:
    """A character with a Han character right before or after it (skipping one mark) stands in Chinese text."""
    near = text[max(0, n - 2) : n] + text[n + 1 : n + 3]
    return any(is_han(c) and c not in PAUSE | OPEN | CLOSE for c in near)


def half_width_marks(block: BlockId, text: str) -> list[LintWarning]:
    out = []
    for n, ch in enumerate(text):
        if ch in FULL_WIDTH and _in_chinese(text, n):
            if ch in ",:" and 0 < n < len(text) - 1 and text[n - 1].isdigit() and text[n + 1].isdigit():
                continue  # 1,000 and 12:30 are numbers
            half = _("half-width '{mark}' in Chinese text (full-width {full})")
            out.append(LintWarning(block, n, half.format(mark=ch, full=FULL_WIDTH[ch].replace(" or ", _(" or ")))))
    return out


def doubled_marks(block: BlockId, text: str) -> list[LintWarning]:
    doubled = _("doubled punctuation '{marks}'")
    return [LintWarning(block, m.start(), doubled.format(marks=m.group())) for m in DOUBLED.finditer(text)]


def spaces_between_han(block: BlockId, text: str) -> list[LintWarning]:
    out = []
    for m in re.finditer(r"[ \u3000\u00a0]+", text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if before and after and is_han(before) and is_han(after):
            stray = _("stray space between '{before}' and '{after}'")
            out.append(LintWarning(block, m.start(), stray.format(before=before, after=after)))
    return out


def spaces_before_units(block: BlockId, text: str) -> list[LintWarning]:
    """GB/T 15835 §5: a unit symbol follows its number solid; the composer sets "12.5 ℃" as 12.5℃, and says so here."""
    spaced = _("space before the unit '{unit}' (set solid: the space is not printed)")
    return [LintWarning(block, m.start(), spaced.format(unit=text[m.end()])) for m in SPACED_UNIT.finditer(text)]


def unbalanced_quotes(block: BlockId, text: str) -> list[LintWarning]:
    """§4.1: every “ has its ” (and ‘ its ’) in the same paragraph."""
    out = []
    for left, right in ("“”", "‘’", "（）", "《》"):
        opened = []
        for n, ch in enumerate(text):
            if ch == left:
                opened.append(n)
            elif ch == right:
                if opened:
                    opened.pop()
                else:
                    alone = _("'{mark}' without its '{other}'").format(mark=right, other=left)
                    out.append(LintWarning(block, n, alone))
        alone = _("'{mark}' without its '{other}'").format(mark=left, other=right)
        out += [LintWarning(block, n, alone) for n in opened]
    return out


def missing_end(block: BlockId, text: str) -> list[LintWarning]:
    stripped = text.rstrip()
    core = stripped.rstrip("".join(CLOSE))  # 。” and ！） end a sentence too
    if core and core[-1] not in SENTENCE_END:
        unended = _("paragraph ends without a sentence-end mark ('{last}')").format(last=stripped[-1])
        return [LintWarning(block, len(stripped) - 1, unended)]
    return []


def _order(content: Content, block: BlockId) -> int:
    return next((n for n, (name, _, _) in enumerate(fields(content)) if name == block), 0)
