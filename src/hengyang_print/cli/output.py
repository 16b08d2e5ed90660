"""`--format text|json`, the same for every command that reports something.

A JSON document is one object on standard output, UTF-8, with at least `command`, `ok` and
`diagnostics` (see schema/*.schema.json); messages that are not the document go to stderr as usual.
A command adds `--format` with add_format_argument and prints its document with emit().
"""

from __future__ import annotations

import argparse
import json
import sys

from .diagnostics import Diagnostic

FORMATS = ("text", "json")
SCHEMA_VERSION = 1


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="text for people (default) or json for programs (schema/*.schema.json)")


def wants_json(args: argparse.Namespace) -> bool:
    return getattr(args, "format", "text") == "json"


def document(command: str, ok: bool, diagnostics: list[Diagnostic] = (), **fields) -> dict:
    return {"command": command, "version": SCHEMA_VERSION, "ok": ok, **fields, "diagnostics": [d.as_json() for d in diagnostics]}


def emit(doc: dict) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def failure(command: str, messages: list[str]) -> dict:
    """The document of a command that stopped on errors (a BuildError): every message as a diagnostic."""
    return document(command, False, [Diagnostic.parse(m) for m in messages])
