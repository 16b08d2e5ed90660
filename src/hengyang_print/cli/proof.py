"""hengyang-print proof: content + layout → page PNG, proof PDF (labelled, lines numbered) and text listing."""

from __future__ import annotations

import argparse
import sys

from ..i18n import _
from ..paths import default_folder
from .common import DPI, add_page_arguments, build_options


def register(sub) -> None:
    p = sub.add_parser(
        "proof",
        help=_("write a PNG preview, a labelled proof PDF and a text listing for proofreading"),
        description=_(
            "Write NAME.png (the page), NAME.proof.pdf and NAME.proof.png (screen colours, every block labelled,"
            " every column's lines numbered in the margin) and NAME.txt (the page in reading order with the same"
            " line numbers). Overset text does not stop a proof: it is marked on the page and listed."
        ),
    )
    add_page_arguments(p)
    p.add_argument(
        "-o",
        "--output-dir",
        help=_("folder to write into (default: the settings' output, else the content file's folder)"),
    )
    p.add_argument(
        "--dpi",
        type=DPI,
        default=None,
        help=_("PNG resolution, above 0 and at most 2400 (default: [proof] dpi, else 100)"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..run.build import build
    from ..tools.copyfit import overset_warnings, summary
    from ..tools.proof import DEFAULT_DPI, write_proof

    result = build(args.content, args.layout, allow_overset=True, **build_options(args))
    folder = args.output_dir or default_folder(args.content, args.settings.output)
    files = write_proof(result, folder, args.dpi or DEFAULT_DPI)
    for path in files.values():
        print(path)
    print(f"copyfit: {summary(result)}")
    for line in overset_warnings(result):
        print(f"warning: {line}", file=sys.stderr)
    return 0
