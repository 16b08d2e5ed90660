"""hengyang-print build: content + layout → print PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..copyfit import overset_warnings, summary
from .common import add_page_arguments, default_output


def register(sub) -> None:
    p = sub.add_parser("build", help="build the print PDF of a page", description="Build the print PDF of a page.")
    add_page_arguments(p)
    p.add_argument("-o", "--output", help="PDF to write (default: out/<content name>.pdf)")
    p.add_argument("--allow-overset", action="store_true", help="write the page even when text does not fit: what fits is set, the overset is marked under the region and listed")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..build import build, write_atomically

    result = build(args.content, args.layout, allow_overset=args.allow_overset)
    out = Path(args.output) if args.output else default_output(args.content)
    write_atomically(out, result.pdf)
    trim = result.layout.trim
    print(out)
    print(f"page {trim.width / 72 * 25.4:.0f} × {trim.height / 72 * 25.4:.0f} mm, {len(result.pdf) / 1024:.0f} KiB, built in {result.seconds:.2f} s")
    for note in result.page.reports:
        print(f"note: {note}")
    print(f"copyfit: {summary(result.page)}")
    for line in overset_warnings(result.page):
        print(f"warning: {line}", file=sys.stderr)
    return 0
