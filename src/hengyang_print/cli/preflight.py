"""hengyang-print preflight FILE.pdf …: check any PDF against PDF/X-1a and newsprint rules; exit 1 on any error."""

from __future__ import annotations

import argparse

from .common import DPI, positive


def register(sub) -> None:
    p = sub.add_parser(
        "preflight",
        help="check PDFs against PDF/X-1a:2001 and newsprint rules",
        description="Check PDFs against PDF/X-1a:2001 and newsprint rules: one line per finding, exit 1 on any error.",
    )
    p.add_argument("pdf", nargs="+", help="PDF file(s) to check")
    p.add_argument("--max-ink", type=positive(float, 400), default=240.0, help="total ink limit in percent (default 240; WAN-IFRA: 220)")
    p.add_argument("--resolution", type=DPI, default=72.0, help="dpi at which Ghostscript measures total ink (default 72)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors and warnings only, not the info lines")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..tools.preflight import preflight

    failed = False
    for path in args.pdf:
        report = preflight(path, max_ink=args.max_ink, resolution=args.resolution)
        for finding in report.findings:
            if not (args.quiet and finding.level == "info"):
                print(f"{path}: {finding.line()}")
        warnings = sum(f.level == "warning" for f in report.findings)
        verdict = "FAIL" if report.errors else "PASS"
        print(f"{path}: {verdict}: {report.errors} error{'s' * (report.errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
        failed |= bool(report.errors)
    return 1 if failed else 0
