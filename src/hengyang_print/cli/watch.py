"""hengyang-print watch: rebuild the print PDF and the proof on every save of the content or layout file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import _
from ..paths import STDIN, default_folder, default_output
from .common import DPI, UsageError, add_page_arguments, colour, pdf_output


def register(sub) -> None:
    p = sub.add_parser(
        "watch",
        help=_("rebuild the PDF and proof each time the content or layout file is saved"),
        description=_(
            "Build once, then again on every save of CONTENT or the layout, printing the build time and the"
            " copyfit summary. A save that does not build prints its errors and keeps the last good PDF. Ctrl-C stops."
        ),
    )
    add_page_arguments(p, places=False)  # run/watch builds with each file's own project folder
    p.add_argument("-o", "--output", help=_("PDF to write (default: beside the content file, NAME.pdf)"))
    p.add_argument("--proof-dir", help=_("where the proof files go (default: the content file's folder)"))
    p.add_argument("--no-proof", action="store_true", help=_("rebuild the PDF only"))
    p.add_argument(
        "--dpi",
        type=DPI,
        default=None,
        help=_("proof PNG resolution, above 0 and at most 2400 (default: [proof] dpi, else 100)"),
    )
    p.add_argument(
        "--allow-overset", action="store_true", help=_("write the page even when text does not fit (marked)")
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.content == STDIN:
        raise UsageError(
            _("content from standard input (-): watch rebuilds on every save of a file; name the content file")
        )
    from ..run.watch import watch
    from ..tools.proof import DEFAULT_DPI

    if args.output == "-":
        raise UsageError(_("-o -: watch writes a file on every save; name it NAME.pdf"))
    output = Path(pdf_output(args.output) or default_output(args.content, folder=args.settings.output))
    proof_dir = None if args.no_proof else (args.proof_dir or default_folder(args.content, args.settings.output))
    print(
        _("watching {content} and {layout} (Ctrl-C stops)").format(content=args.content, layout=args.layout), flush=True
    )
    try:
        watch(
            args.content,
            args.layout,
            output,
            proof_dir,
            dpi=args.dpi or DEFAULT_DPI,
            allow_overset=args.allow_overset,
            fonts_dir=args.settings.fonts,
            colour=colour(sys.stdout),  # watch prints its report, errors too, on stdout
        )
    except KeyboardInterrupt:
        pass
    return 0
