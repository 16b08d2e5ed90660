"""hengyang-print completions SHELL: the shell's completion script (argcomplete).

The script asks the program itself at every Tab (argcomplete runs the command line's own parser with the
words typed so far), so the commands, options and choices it offers are the parser's and cannot drift.
"""

from __future__ import annotations

import argparse

from ..i18n import _

SHELLS = ("bash", "zsh", "fish")
INSTALL = {
    "bash": "hengyang-print completions bash > ~/.local/share/bash-completion/completions/hengyang-print",
    "zsh": "hengyang-print completions zsh > ~/.zfunc/_hengyang-print",
    "fish": "hengyang-print completions fish > ~/.config/fish/completions/hengyang-print.fish",
}


def register(sub) -> None:
    p = sub.add_parser(
        "completions",
        help=_("print the shell completion script for bash, zsh or fish"),
        description=_(
            "Print the completion script of SHELL: Tab then completes commands, options, their choices and file"
            " names. Install it once:"
        )
        + "\n  "
        + "\n  ".join(INSTALL.values())
        + _("  (with fpath+=~/.zfunc before compinit)"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS, help=_("the shell to complete in"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import argcomplete

    print(argcomplete.shellcode([args.prog_name], shell=args.shell), end="")
    return 0


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer a completion request (the script sets _ARGCOMPLETE) and exit; return at once otherwise."""
    import os

    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        argcomplete.autocomplete(parser)
