"""Subcommands of the CLI, one module each. A module defines register(subparsers) and sets `run`.

Add a command by writing its module (in this package) and naming it here; main.py stays untouched.
"""

COMMANDS = (
    "build",
    "preflight",
    "proof",
    "diff",
    "check",
    "watch",
    "serve",
    "init",
    "status",
    "sign",
    "revoke",
    "release",
    "fonts",
    "clean",
    "completions",
)
