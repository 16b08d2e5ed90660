"""hengyang-print preflight FILE.pdf …: check any PDF against PDF/X-1a and newsprint rules; exit 1 on any error."""

from __future__ import annotations

import argparse

from .common import DPI, positive

DEFAULT_MAX_INK = 240.0


def _layout_limit(layout: str) -> float:
    from ..load.loader import load_layout
    from ..paths import resolve_layout

    return load_layout(resolve_layout(layout)).print.max_ink


def register(sub) -> None:
    p = sub.add_parser(
        "preflight",
        help="check PDFs against PDF/X-1a:2001 and newsprint rules",
        description="Check PDFs against PDF/X-1a:2001 and newsprint rules: one line per finding, exit 1 on any error.",
    )
    p.add_argument("pdf", nargs="+", help="PDF file(s) to check")
    p.add_argument("--max-ink", type=positive(float, 400), default=None, help="total ink limit in percent (default: the --layout's print.max_ink, else 240; WAN-IFRA: 220)")
    p.add_argument("--layout", help="the layout the PDFs were built with (a file or a bundled layout's name): its print.max_ink is the limit")
    p.add_argument("--resolution", type=DPI, default=72.0, help="dpi at which Ghostscript measures total ink (default 72)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors and warnings only, not the info lines")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..tools.preflight import preflight

    max_ink = args.max_ink or (_layout_limit(args.layout) if args.layout else DEFAULT_MAX_INK)
    failed = False
    for path in args.pdf:
        report = preflight(path, max_ink=max_ink, resolution=args.resolution)
        for finding in report.findings:
            if not (args.quiet and finding.level == "info"):
                print(f"{path}: {finding.line()}")
        warnings = sum(f.level == "warning" for f in report.findings)
        verdict = "FAIL" if report.errors else "PASS"
        print(f"{path}: {verdict}: {report.errors} error{'s' * (report.errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
        failed |= bool(report.errors)
    return 1 if failed else 0
