"""hengyang-print status [PAGE]: the sign-off chain of a page (or of every page of the project's ledger).

Per page: its latest version, each role of the chain signed, stale (signed an older version: what
changed since) or not yet, the marks still open, the last release, and whether the page may be released.
"""

from __future__ import annotations

import argparse

from ..i18n import _
from .output import add_format_argument, document, emit, wants_json
from .signoff import add_page_arguments, open_ledger, padded, page_of


def when(at: str) -> str:
    """A ledger time (UTC) in the local time zone: `2026-05-09 15:36`."""
    from datetime import datetime

    return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")


def register(sub) -> None:
    p = sub.add_parser(
        "status",
        help=_("the sign-off chain of a page: who signed which version, stale signatures, open marks, release"),
        description=_(
            "Show where a page stands in its sign-off chain (三审三校, or the chain of hengyang-print.toml's"
            " [signoff]): the latest version, each role signed / stale / not signed, the open marks, the last"
            " release and what stands between the page and its release. Without PAGE, every page of the project's"
            " ledger."
        ),
    )
    add_page_arguments(p, optional=True)
    add_format_argument(p)  # json: schema/status.schema.json
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_ledger(args) as ledger:
        pages = [page_of(ledger, args)] if args.page else ledger.pages()
        statuses = [ledger.status(page) for page in pages]
        if wants_json(args):
            emit(document("status", True, ledger=str(ledger.path), pages=[s.as_json() for s in statuses]))
            return 0
        if not statuses:
            print(_("{ledger}: no page is recorded yet (build a page inside the project)").format(ledger=ledger.path))
        for n, status in enumerate(statuses):
            if n:
                print()
            print("\n".join(describe(status, ledger.signoff)))
    return 0


def describe(status, signoff) -> list[str]:
    """The text form of a page's status, one line each."""
    v = status.latest
    out = [str(status.page)]
    if v is None:
        return out + ["  " + _("no version recorded: build the page")]
    built = _("version {number}, built {at} by {person} (pdf {digest}…)")
    out.append("  " + built.format(number=v.number, at=when(v.at), person=v.person, digest=v.pdf_sha256[:12]))
    if not status.people_configured:
        nobody = _("people: not configured ([signoff.roles] in {file}): anyone may sign any role")
        out.append("  " + nobody.format(file=signoff.source))
    width = max(8, *(len(r.role) * 2 for r in status.chain)) + 2
    for r in status.chain:
        if r.signature:
            s = r.signature
            what = _("signed by {person}, {at}").format(person=s.person, at=when(s.at)) + (
                f": {s.note}" if s.note else ""
            )
        elif r.stale:
            changed = _(", ").join(r.changed) or _("no text, the PDF only")
            what = _("stale: {person} signed version {version}; changed since: {changed}").format(
                person=r.stale.person, version=r.stale.version, changed=changed
            )
        else:
            what = _("next") if r.role == status.next_role else _("not signed")
        if r.holders is not None and not r.signature:
            what += _(" (may hold it: {people})").format(people=_(", ").join(r.holders) or _("no one"))
        out.append(f"  {padded(r.role, width)}{what}")
    opened = status.open_marks
    if status.marks:
        counts = _("marks: {open} open, {resolved} resolved")
        out.append("  " + counts.format(open=len(opened), resolved=len(status.marks) - len(opened)))
    for m in opened:
        now = ""
        if m.anchor:
            now = _("; now at version {version}, {block} {start}–{end}").format(
                version=m.anchor.version, block=m.anchor.block, start=m.anchor.start, end=m.anchor.end
            )
        out.append("    " + _("open {mark}").format(mark=m.describe()) + now)
    if status.released:
        r = status.released
        since = ""
        if status.rebuilt_since_release:
            since = _("; rebuilt since: version {number} is not released").format(number=v.number)
        released = _("released version {version} to {folder}, {at} by {person}")
        out.append(
            "  " + released.format(version=r.version, folder=r.destination, at=when(r.at), person=r.person) + since
        )
    if status.releasable:
        out.append("  release: " + _("yes, the chain is complete on this PDF"))
    else:
        out.append("  release: " + _("no: {reasons}").format(reasons=_("; ").join(status.missing)))
    return out
