"""hengyang-print status [PAGE]: the sign-off chain of a page (or of every page of the project's ledger).

Per page: its latest version, each role of the chain signed, stale (signed an older version: what
changed since) or not yet, the marks still open, the last release, and whether the page may be released.
"""

from __future__ import annotations

import argparse

from .output import add_format_argument, document, emit, wants_json
from .signoff import add_page_arguments, open_ledger, padded, page_of


def when(at: str) -> str:
    """A ledger time (UTC) in the local time zone: `2026-05-09 15:36`."""
    from datetime import datetime

    return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")


def register(sub) -> None:
    p = sub.add_parser(
        "status",
        help="the sign-off chain of a page: who signed which version, stale signatures, open marks, release",
        description="Show where a page stands in its sign-off chain (三审三校, or the chain of hengyang-print.toml's"
        " [signoff]): the latest version, each role signed / stale / not signed, the open marks, the last release"
        " and what stands between the page and its release. Without PAGE, every page of the project's ledger.",
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
            print(f"{ledger.path}: no page is recorded yet (build a page inside the project)")
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
        return out + ["  no version recorded: build the page"]
    out.append(f"  version {v.number}, built {when(v.at)} by {v.person} (pdf {v.pdf_sha256[:12]}…)")
    if not status.people_configured:
        out.append(f"  people: not configured ([signoff.roles] in {signoff.source}): anyone may sign any role")
    width = max(8, *(len(r.role) * 2 for r in status.chain)) + 2
    for r in status.chain:
        if r.signature:
            s = r.signature
            what = f"signed by {s.person}, {when(s.at)}" + (f": {s.note}" if s.note else "")
        elif r.stale:
            changed = ", ".join(r.changed) or "no text, the PDF only"
            what = f"stale: {r.stale.person} signed version {r.stale.version}; changed since: {changed}"
        else:
            what = "next" if r.role == status.next_role else "not signed"
        if r.holders is not None and not r.signature:
            what += f" (may hold it: {', '.join(r.holders) or 'no one'})"
        out.append(f"  {padded(r.role, width)}{what}")
    opened = status.open_marks
    if status.marks:
        out.append(f"  marks: {len(opened)} open, {len(status.marks) - len(opened)} resolved")
    for m in opened:
        now = (
            f"; now at version {m.anchor.version}, {m.anchor.block} {m.anchor.start}–{m.anchor.end}" if m.anchor else ""
        )
        out.append(f"    open {m.describe()}{now}")
    if status.released:
        r = status.released
        since = f"; rebuilt since: version {v.number} is not released" if status.rebuilt_since_release else ""
        out.append(f"  released version {r.version} to {r.destination}, {when(r.at)} by {r.person}{since}")
    out.append(
        "  release: "
        + ("yes, the chain is complete on this PDF" if status.releasable else "no: " + "; ".join(status.missing))
    )
    return out
