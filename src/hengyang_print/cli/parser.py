"""The command line's parser: argparse's, with "did you mean" on a mistyped command, option or choice.

Usage errors stay argparse's (usage line, `PROG: error: …`, exit 2); only the hint is added. The names it
offers are read from what the parser itself prints (its help), so they follow every option a command adds.
"""

from __future__ import annotations

import argparse
import difflib
import re

OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
UNRECOGNIZED = "unrecognized arguments: "


class Parser(argparse.ArgumentParser):
    def error(self, message: str):
        super().error(message + self.suggestion(message))

    def suggestion(self, message: str) -> str:
        """'; did you mean …?' for the first mistyped word of an argparse error message, else ''."""
        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            word, options = choice[1], re.findall(r"[\w-]+", choice[2])
        elif message.startswith(UNRECOGNIZED):
            word = message[len(UNRECOGNIZED) :].split()[0]
            options = sorted(set(OPTION.findall(self.format_help()))) if word.startswith("-") else []
            word = word.split("=")[0]  # --layuot=tabloid
        else:
            return ""
        hint = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
        return f"; did you mean '{hint[0]}'?" if hint else ""
