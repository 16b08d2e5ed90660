"""`--format text|json`, the same for every command that reports something.

A JSON document is one object on standard output, UTF-8, that opens with the envelope every command
shares — `command`, `version`, `ok`, `diagnostics` (schema/envelope.schema.json) — then the command's own
fields (schema/COMMAND.schema.json); messages that are not the document go to stderr as usual.
A command adds `--format` with add_format_argument and prints its document with emit(document(…)).
"""

from __future__ import annotations

import argparse
import json
import sys

from ..i18n import _

FORMATS = ("text", "json")
SCHEMA_VERSION = 1


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=_(
            "text for people (default) or json for programs (schema/*.schema.json; its messages are in English in"
            " every locale)"
        ),
    )


def wants_json(args: argparse.Namespace) -> bool:
    return getattr(args, "format", "text") == "json"


def document(command: str, ok: bool, diagnostics: list = (), **fields) -> dict:
    """`diagnostics`: Diagnostic objects (diagnostics.py, imported where messages are: a clean build has none)."""
    envelope = {
        "command": command,
        "version": SCHEMA_VERSION,
        "ok": ok,
        "diagnostics": [d.as_json() for d in diagnostics],
    }
    return envelope | fields


def emit(doc: dict) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def failure(command: str, messages: list[str]) -> dict:
    """The document of a command that stopped on errors (a BuildError): every message as a diagnostic."""
    from ..diagnostics import Diagnostic

    return document(command, False, [Diagnostic.parse(m) for m in messages])


def diagnostics_json(messages: list[str], severity: str = "error", located: bool = True) -> list[dict]:
    """Messages as the JSON diagnostics of a report: read as `FILE:LINE:COL: text` if `located`, else
    each taken whole as the message."""
    if not messages:
        return []
    from ..diagnostics import Diagnostic

    return [(Diagnostic.parse(m, severity) if located else Diagnostic(severity, m)).as_json() for m in messages]
