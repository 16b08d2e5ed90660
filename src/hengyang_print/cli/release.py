"""hengyang-print release PAGE -o DIR: the release gate: the signed PDF, and its release record, to the plant's folder.

Copies the page's PDF into DIR only when the chain is complete on that exact PDF: the file is re-read
and its sha256 must be the latest version's, every role must have signed that version, no mark may be
open, and the bytes must pass preflight (newspaper profile, the layout's ink limit). Beside it goes
NAME.release.json (digests, signatures, preflight summary). Otherwise it refuses, saying what is
missing (exit 1), and the refusal is recorded in the ledger.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import _
from .output import add_format_argument, document, emit, wants_json
from .preflight import counts
from .signoff import add_page_arguments, open_ledger, page_of


def register(sub) -> None:
    p = sub.add_parser(
        "release",
        help=_("copy a page's signed PDF to the plant's folder, with its release record (the release gate)"),
        description=_(
            "Copy the page's PDF to DIR with a release record beside it, only when the sign-off chain is complete on"
            " that exact PDF (same sha256, re-read from disk) and it passes preflight; refuse otherwise, saying what"
            " is missing (exit 1)."
        ),
    )
    add_page_arguments(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=_("the plant's folder"))
    p.add_argument("--pdf", help=_("the PDF to release (default: the one beside the content file, as build writes it)"))
    p.add_argument("--as", dest="person", metavar="NAME", help=_("who releases (default: the local user)"))
    add_format_argument(p)  # json: schema/release.schema.json
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..paths import default_output

    with open_ledger(args) as ledger:
        page = page_of(ledger, args)
        pdf = Path(args.pdf) if args.pdf else default_output(ledger.root / page.content)
        released = ledger.release(
            page, pdf=pdf, folder=Path(args.output), person=args.person, max_ink=_max_ink(ledger.root, page)
        )
    if wants_json(args):
        emit(
            document("release", True, pdf=str(released.pdf), record_file=str(released.record), record=released.document)
        )
        return 0
    summary = released.document["preflight"]
    print(
        _("released {page} version {version}: {pdf} (sha256 {sha256})").format(
            page=page, version=released.version, pdf=released.pdf, sha256=released.document["pdf"]["sha256"]
        )
    )
    print(_("record: {path}").format(path=released.record))
    found = _("{counts}, {profile}").format(
        counts=counts(summary["errors"], summary["warnings"]), profile=summary["profile"]
    )
    print(f"preflight: {summary['verdict']} ({found})")
    return 0


def _max_ink(root: Path, page) -> float | None:
    """The page layout's print.max_ink, as build and preflight --layout take it."""
    from ..load.loader import load_layout
    from ..paths import bundled_layouts

    layout = bundled_layouts().get(page.layout) or root / page.layout
    return load_layout(layout).print.max_ink
