"""The command line's parser: argparse's, with "did you mean" on a mistyped command, option or choice.

Usage errors stay argparse's (usage line, `PROG: error: …`, exit 2), in the locale's language (argparse's
words come from our `argparse` catalog: i18n.translate_argparse); only the hint is added. The names it
offers are read from what the parser itself prints (its help), so they follow every option a command adds.
"""

from __future__ import annotations

import argparse
import difflib
import re

from ..i18n import _, argparse_text, translate_argparse

OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
INVALID_CHOICE = "invalid choice: %(value)r (choose from %(choices)s)"
UNRECOGNIZED = "unrecognized arguments: %s"


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        translate_argparse()  # before argparse looks up its first words (the -h option's help)
        super().__init__(*args, **kwargs)

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
