"""hengyang-print serve: the proof room (校样室), the page live in a browser with its source, findings and changes."""

from __future__ import annotations

import argparse

from ..i18n import _
from ..paths import STDIN
from .common import UsageError, add_page_arguments, build_options


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help=_("the proof room: the page live in a browser, with its source, its findings and what changed"),
        description=_(
            "Build the page and serve it to a browser: every line clicks to its YAML (FILE:LINE:COL), the findings"
            " of check are drawn where they are, each save of CONTENT or the layout is a new version, and any two"
            " versions compare (changed lines apart from reflow). Prints the URL as its first line; Ctrl-C stops."
            " Proofreaders' marks and signatures go to the project's ledger. Bound to 127.0.0.1 unless --host says"
            " otherwise; beyond it, a login is required."
        ),
    )
    add_page_arguments(p)
    p.add_argument("--port", type=_port, default=8023, help=_("TCP port (default: 8023; 0: any free port)"))
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help=_(
            "address to listen on (default: 127.0.0.1, this machine only). Any other requires a login: the room"
            " refuses to start unless hengyang-print.toml's [signoff.passwords] and [signoff.roles] name people"
        ),
    )
    p.add_argument(
        "--login",
        action="store_true",
        help=_(
            "require a login on 127.0.0.1 too (a machine several people share); on 127.0.0.1 without it, the room"
            " is the local user's ([signoff] local_user)"
        ),
    )
    p.add_argument("--open", action="store_true", help=_("open the room in the default browser"))
    p.set_defaults(run=run)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a port number").format(text=text)) from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(_("must be from 0 to 65535 (got {text})").format(text=text))
    return value


def run(args: argparse.Namespace) -> int:
    if args.content == STDIN:
        raise UsageError(
            _("content from standard input (-): the proof room rebuilds on every save of a file; name the content file")
        )
    from ..room.server import serve

    try:
        serve(args.content, args.layout, args.host, args.port, args.open, login=args.login, **build_options(args))
    except OSError as exc:
        raise UsageError(
            _("cannot listen on {address} ({reason})").format(address=f"{args.host}:{args.port}", reason=exc.strerror)
        ) from None
    except KeyboardInterrupt:
        pass
    return 0
