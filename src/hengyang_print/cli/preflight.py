"""hengyang-print preflight FILE.pdf …: check any PDF against PDF/X-1a and newspaper rules; a plant gates on the exit.

Exit status: 0 every file passes (warnings allowed, unless --strict), 1 a file has an error or cannot be read,
2 usage error (as every command). --format json prints one document (schema/preflight.schema.json).
"""

from __future__ import annotations

import argparse

from ..i18n import _, ngettext
from .common import layout_path, positive
from .output import add_format_argument, document, emit, wants_json
from .progress import Progress


def register(sub) -> None:
    from ..pressrules import DEFAULT_PROFILE, PROFILES  # not tools.preflight: pikepdf off every command's start-up

    p = sub.add_parser(
        "preflight",
        help=_("check PDFs against PDF/X-1a:2001 and newspaper rules (exit 1 on any error)"),
        description=_(
            "Check PDFs against PDF/X-1a:2001 (ISO 15930-1) and, in the newspaper profile, newspaper practice"
            " (GWG 2015 NewspaperAds): one line per finding with its code, page and position in mm, then PASS or"
            " FAIL. Exit status: 0 all files pass, 1 a file has an error (or cannot be read), 2 usage error."
        ),
    )
    p.add_argument("pdf", nargs="+", help=_("PDF file(s) to check"))
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default=None,
        help=_(
            "pdfx1a: ISO 15930-1 only; newspaper: also ink limit, type and line sizes per plate, image resolution,"
            " spot and registration colour, newsprint condition (default: [preflight] profile of the settings, else"
            " {profile})"
        ).format(profile=DEFAULT_PROFILE),
    )
    p.add_argument("--strict", action="store_true", help=_("warnings are errors"))
    p.add_argument(
        "--max-ink",
        type=positive(float, 400),
        default=None,
        help=_("total ink limit in percent (default: the layout's print.max_ink with --layout, else 240)"),
    )
    p.add_argument(
        "--layout",
        help=_(
            "take the total ink limit from this layout spec's print.max_ink (default: the settings' layout, if any)"
        ),
    )
    p.add_argument(
        "--reverse-type",
        type=reverse_type,
        default=None,
        metavar="ERROR,ONE,MORE",
        help=_(
            "reversed (paper-coloured) type minimums in pt: an error under ERROR, a warning under ONE out of one ink"
            " and under MORE out of two or more (default: 6,10,14)"
        ),
    )
    add_format_argument(p)
    p.add_argument(
        "-q", "--quiet", action="store_true", help=_("text: print errors and warnings only, not the info lines")
    )
    p.set_defaults(run=run)


def counts(errors: int, warnings: int) -> str:
    """`2 errors, 1 warning` in the reader's language."""
    return _("{errors}, {warnings}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )


def reverse_type(text: str) -> tuple[float, float, float]:
    """'6,10,14' -> (6.0, 10.0, 14.0): three sizes in pt, each above zero."""
    parts = text.split(",")
    if len(parts) != 3:
        raise argparse.ArgumentTypeError(_("needs three sizes in pt, as 6,10,14 (got {text})").format(text=text))
    return tuple(positive(float, 200)(part.strip()) for part in parts)


def run(args: argparse.Namespace) -> int:
    from ..pressrules import DEFAULT_PROFILE, MAX_INK, REVERSE_TYPE
    from ..tools.preflight import preflight

    args.profile = args.profile or DEFAULT_PROFILE
    max_ink = args.max_ink
    if max_ink is None and args.layout:
        from ..load.loader import load_layout

        max_ink = load_layout(layout_path(args.layout), fonts_dir=args.settings.fonts).print.max_ink
    max_ink = MAX_INK if max_ink is None else max_ink
    progress = Progress(len(args.pdf), _("PDFs")) if len(args.pdf) > 1 else None  # a plant's night of pages
    reports = []
    options = dict(profile=args.profile, strict=args.strict, reverse_type=args.reverse_type or REVERSE_TYPE)
    for path in args.pdf:
        reports.append((path, preflight(path, max_ink=max_ink, **options)))
        if progress is not None:
            progress.advance(not reports[-1][1].errors)
    if progress is not None:
        progress.close()
    failed = any(r.errors for _, r in reports)
    if wants_json(args):
        from ..diagnostics import Diagnostic

        diagnostics = [
            Diagnostic(f.level, f"{f.where}: {f.message} [{f.code}]", path)
            for path, r in reports
            for f in r.findings
            if f.level != "info"
        ]
        emit(
            document(
                "preflight",
                not failed,
                diagnostics,
                profile=args.profile,
                strict=args.strict,
                max_ink=max_ink,
                verdict="FAIL" if failed else "PASS",
                files=[
                    {
                        "file": path,
                        "verdict": "FAIL" if r.errors else "PASS",
                        "errors": r.errors,
                        "warnings": r.warnings,
                        "findings": [f.as_json() for f in r.findings],
                    }
                    for path, r in reports
                ],
            )
        )
        return 1 if failed else 0
    for path, report in reports:
        for finding in report.findings:
            if not (args.quiet and finding.level == "info"):
                print(f"{path}: {finding.line()}")
        e, w = report.errors, report.warnings
        profile = _("{profile}, strict").format(profile=args.profile) if args.strict else args.profile
        print(f"{path}: {'FAIL' if e else 'PASS'}: {counts(e, w)} ({profile})")
    return 1 if failed else 0
