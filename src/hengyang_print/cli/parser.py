"""The command line's parser: argparse's, with "did you mean" on a mistyped command, option or choice, and
help that wraps Chinese as a terminal shows it.

Usage errors stay argparse's (usage line, `PROG: error: …`, exit 2), in the locale's language (argparse's
words come from our `argparse` catalog: i18n.translate_argparse); only the hint is added. The names it
offers are read from what the parser itself prints (its help), so they follow every option a command adds.

argparse wraps help by characters, at spaces; a Han character takes two terminal cells and Chinese has no
spaces. In Chinese, argparse is given an unbounded width (its formatter's `width`) and the help it prints
is wrapped here instead: by cells, between any two characters that clreq lets a line end and start
between (compose/clreq.py), each wrapped line indented as argparse indents it.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import unicodedata
from functools import partial

from ..i18n import CHINESE, _, argparse_text, language, translate_argparse

OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
INVALID_CHOICE = "invalid choice: %(value)r (choose from %(choices)s)"
UNRECOGNIZED = "unrecognized arguments: %s"
UNBOUNDED = 10_000  # the width argparse wraps Chinese help at: not at all
TEXT_AFTER = re.compile(r"( *\S+(?: \S+)*?  +)(?=\S)")  # an option (or exit status) and the gap before its text


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        translate_argparse()  # before argparse looks up its first words (the -h option's help)
        if language() == CHINESE:
            kwargs["formatter_class"] = partial(kwargs.get("formatter_class", argparse.HelpFormatter), width=UNBOUNDED)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        return self._wrapped(super().format_help())

    def format_usage(self) -> str:
        return self._wrapped(super().format_usage())

    def error(self, message: str):
        super().error(message + self.suggestion(message))

    def suggestion(self, message: str) -> str:
        """'; did you mean …?' for the first mistyped word of an argparse error message, else ''."""
        choice = re.search(_pattern(argparse_text(INVALID_CHOICE)), message)
        unknown = re.match(_pattern(argparse_text(UNRECOGNIZED)), message)
        if choice:
            word, options = choice["value"], re.findall(r"[\w-]+", choice["choices"])
        elif unknown:
            word = unknown["s"].split()[0]
            options = sorted(set(OPTION.findall(self.format_help()))) if word.startswith("-") else []
            word = word.split("=")[0]  # --layuot=tabloid
        else:
            return ""
        hint = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
        return _("; did you mean '{name}'?").format(name=hint[0]) if hint else ""

    def _wrapped(self, text: str) -> str:
        """Help as printed in Chinese: every line wider than the terminal wrapped (argparse's own width: the
        terminal's less 2); in English, argparse has wrapped it already."""
        if language() != CHINESE:
            return text
        width = shutil.get_terminal_size().columns - 2
        usage = argparse_text("usage: ")
        out = []
        for line in text.split("\n"):
            if cells(line) <= width:
                out.append(line)
            elif line.startswith(usage):  # the usage line: broken between bracketed options, as argparse does
                indent = " " * cells(f"{usage}{self.prog} ")
                out += wrap(line, width, indent, spaces_only=True)
            else:
                gap = TEXT_AFTER.match(line)
                at = gap.end() if gap and cells(gap[0]) < width // 2 else len(line) - len(line.lstrip())
                out += wrap(line, width, " " * cells(line[:at]), start=at)
        return "\n".join(out)


def wrap(line: str, width: int, indent: str, start: int = 0, spaces_only: bool = False) -> list[str]:
    """`line` in lines of at most `width` cells, each after the first indented by `indent`; the first keeps
    line[:start] as it is. A line breaks at a space (with `spaces_only`, one outside brackets: a usage line's
    options stay whole), else between two characters one of which is wide where clreq allows it; a word wider
    than a line stays whole."""
    out, head, text = [], line[:start], line[start:]
    while cells(head + text) > width:
        used, cut = cells(head), None
        for i in _breaks(text, spaces_only):
            if used + cells(text[:i].rstrip()) > width and cut is not None:
                break
            cut = i
        if cut is None:
            break
        out.append((head + text[:cut]).rstrip())
        head, text = indent, text[cut:].lstrip()
    return out + [head + text]


def _breaks(text: str, spaces_only: bool) -> list[int]:
    """Where a line of `text` may end (before text[i]), in order."""
    from ..compose.clreq import NO_LINE_END, NO_LINE_START  # Chinese help only: compose is slow to import

    out, depth = [], 0
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        depth += (before in "[{(") - (before in "]})")
        if spaces_only:
            if before == " " and depth == 0:
                out.append(i)
        elif before == " " or after == " ":
            out.append(i)
        elif (cells(before) == 2 or cells(after) == 2) and before not in NO_LINE_END and after not in NO_LINE_START:
            out.append(i)
    return out


def cells(text: str) -> int:
    """Terminal cells `text` takes: two for a wide (East Asian) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def unrecognized(words: list[str]) -> str:
    """argparse's message for words no command takes, as argparse itself words it in this locale."""
    return argparse_text(UNRECOGNIZED) % " ".join(words)


def _pattern(template: str) -> str:
    """A regular expression matching what argparse prints from one of its %-templates: `%(name)r` a quoted
    word, `%(name)s` and `%s` any text (named `s`)."""
    parts = re.split(r"(%\(\w+\)[rs]|%s)", template)
    out = []
    for part in parts:
        named = re.fullmatch(r"%\((\w+)\)([rs])", part)
        if named:
            out.append(f"'(?P<{named[1]}>[^']*)'" if named[2] == "r" else f"(?P<{named[1]}>.*)")
        elif part == "%s":
            out.append("(?P<s>.*)")
        else:
            out.append(re.escape(part))
    return "".join(out)
