"""hengyang-print diff: two versions of a page (PDFs or content files) → changed blocks, characters, highlighted image."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from .common import DEFAULT_LAYOUT, ROOT


def register(sub) -> None:
    p = sub.add_parser(
        "diff",
        help="compare two versions of a page: changed blocks, added/removed characters, an image of the changed regions",
        description="Compare OLD and NEW, each a PDF built by hengyang-print or a content YAML (built first, overset allowed)."
        " Prints the blocks that changed with their added and removed characters ([-removed-]{+added+}), the changed"
        " regions in mm, and writes the new page with the changed regions in red. Two identical builds print 'no changes'.",
    )
    p.add_argument("old", help="the earlier PDF or content YAML")
    p.add_argument("new", help="the later PDF or content YAML")
    p.add_argument("--layout", default=str(DEFAULT_LAYOUT), help="layout spec the PDFs were built with, or to build the content files with")
    p.add_argument("-o", "--output", default=str(ROOT / "out" / "diff.png"), help="image to write (default: out/diff.png)")
    p.add_argument("--dpi", type=float, default=50, help="resolution of the comparison and the image (default: 50)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..run.build import write_atomically
    from ..tools.diff import compare, read_side, report
    from ..load.loader import load_layout

    layout = load_layout(args.layout)
    old, new = (read_side(path, _pdf(path, args.layout), layout) for path in (args.old, args.new))
    diff = compare(old, new, args.dpi)
    print(report(diff, args.old, args.new))
    if not diff.identical:
        out = io.BytesIO()
        diff.image.save(out, format="PNG")
        write_atomically(args.output, out.getvalue())
        print(args.output)
    return 0


def _pdf(path: str, layout: str) -> bytes:
    if Path(path).suffix.lower() == ".pdf":
        from ..tools.pdfread import clean_bytes

        return clean_bytes(path)  # someone's file: bounded, loops resolved (a bare read_bytes hangs on a FIFO)
    from ..run.build import build

    return build(path, layout, allow_overset=True).pdf
