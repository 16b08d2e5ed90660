"""hengyang-print sign PAGE --role R --as NAME: sign a role of the chain on the page's latest version."""

from __future__ import annotations

import argparse

from ..i18n import _
from .common import non_negative_int
from .output import add_format_argument, document, emit, wants_json
from .signoff import add_page_arguments, open_ledger, page_of


def register(sub) -> None:
    p = sub.add_parser(
        "sign",
        help=_("sign a role of the sign-off chain (一校 … 值班总编) on a page's latest version"),
        description=_(
            "Sign ROLE on the page's latest version: the signature binds that version's PDF digest. Refused (and"
            " the refusal recorded) when NAME may not hold ROLE, an earlier role of the chain has not signed that"
            " version, or a mark is open (核红). Exit 1 when refused."
        ),
    )
    add_page_arguments(p)
    p.add_argument("--role", required=True, help=_("the role signed, as the chain names it (e.g. 一校)"))
    p.add_argument("--as", dest="person", required=True, metavar="NAME", help=_("who signs"))
    p.add_argument("--note", default="", help=_("a note kept with the signature"))
    p.add_argument(
        "--version",
        type=non_negative_int,
        metavar="N",
        help=_("the version read (default: the latest); a signature on any other than the latest is refused"),
    )
    add_format_argument(p)  # json: schema/sign.schema.json
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_ledger(args) as ledger:
        page = page_of(ledger, args)
        version = args.version or ledger.version(page).number
        signature = ledger.sign(page, version=version, role=args.role, person=args.person, note=args.note)
        status = ledger.status(page)
    if wants_json(args):
        emit(document("sign", True, signature=signature.as_json(), status=status.as_json()))
        return 0
    print(
        _("{page}: {role} signed by {person} on version {version} (pdf {digest}…)").format(
            page=page,
            role=signature.role,
            person=signature.person,
            version=signature.version,
            digest=signature.pdf_sha256[:12],
        )
    )
    if status.next_role:
        print(_("next: {role}").format(role=status.next_role))
    else:
        print(_("the chain is complete: the page may be released"))
    return 0
