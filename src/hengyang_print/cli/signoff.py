"""What status, sign, revoke and release share: the page a command names, its project and its ledger."""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from ..i18n import _
from ..paths import MARKER, project_root
from .common import UsageError


def add_page_arguments(parser: argparse.ArgumentParser, optional: bool = False) -> None:
    parser.add_argument(
        "page",
        nargs="?" if optional else None,
        metavar="PAGE",
        help=_("the page's content YAML (default: every page of the project's ledger)")
        if optional
        else _("the page's content YAML"),
    )
    parser.add_argument(
        "--layout",
        help=_(
            "the page's layout, a file or a bundled layout's name (default: the one its builds used, when only one)"
        ),
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        help=_(
            "the project folder (default: the nearest folder above PAGE, or above the current folder, holding {marker})"
        ).format(marker=MARKER),
    )
    parser.set_defaults(layout_from_settings=False)  # a page's layout is the one its builds used (page_of)


def open_ledger(args: argparse.Namespace):
    """The ledger of the project the command line names."""
    from ..ledger import Ledger

    if args.root:
        return Ledger.open(args.root)
    return Ledger.open(project_root(Path(args.page) if args.page else Path.cwd() / MARKER))


def page_of(ledger, args: argparse.Namespace):
    """The PageRef of PAGE and --layout; without --layout, the one layout the page's builds used."""
    from ..ledger import PageRef
    from ..paths import resolve_layout

    if args.layout:
        return PageRef.of_files(ledger.root, args.page, resolve_layout(args.layout))
    content = PageRef.of_files(ledger.root, args.page, args.page).content
    pages = [p for p in ledger.pages() if p.content == content]
    if len(pages) == 1:
        return pages[0]
    if not pages:
        from ..ledger import LedgerError

        raise LedgerError(
            _("{page}: no version is recorded in {ledger}: build the page inside the project first").format(
                page=args.page, ledger=ledger.path
            )
        )
    raise UsageError(
        _("{page} is built with several layouts ({layouts}): name one with --layout").format(
            page=args.page, layouts=", ".join(p.layout for p in pages)
        )
    )


def padded(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Han character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)
