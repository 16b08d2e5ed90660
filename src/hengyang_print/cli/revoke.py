"""hengyang-print revoke PAGE --role R --as NAME --note WHY: revoke a signature (kept in the ledger, marked revoked)."""

from __future__ import annotations

import argparse

from ..i18n import _
from .common import non_negative_int
from .output import add_format_argument, document, emit, wants_json
from .signoff import add_page_arguments, open_ledger, page_of


def register(sub) -> None:
    p = sub.add_parser(
        "revoke",
        help=_("revoke a role's signature on a page (the ledger keeps it, marked revoked)"),
        description=_(
            "Revoke ROLE's signature on the page's latest version (or --version N). Its signer may, or a person who"
            " may hold ROLE or a later role of the chain; a note says why. Exit 1 when refused."
        ),
    )
    add_page_arguments(p)
    p.add_argument("--role", required=True, help=_("the role whose signature is revoked"))
    p.add_argument("--as", dest="person", required=True, metavar="NAME", help=_("who revokes it"))
    p.add_argument("--note", required=True, help=_("why"))
    p.add_argument("--version", type=non_negative_int, metavar="N", help=_("the version signed (default: the latest)"))
    add_format_argument(p)  # json: schema/sign.schema.json
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_ledger(args) as ledger:
        page = page_of(ledger, args)
        signature = ledger.revoke(page, role=args.role, person=args.person, note=args.note, version=args.version)
        status = ledger.status(page)
    if wants_json(args):
        emit(document("revoke", True, signature=signature.as_json(), status=status.as_json()))
        return 0
    print(
        _("{page}: {role}'s signature on version {version} ({signer}) revoked by {person}").format(
            page=page, role=signature.role, version=signature.version, signer=signature.person, person=args.person
        )
    )
    return 0
