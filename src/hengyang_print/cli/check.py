"""hengyang-print check: compose and build the page, report every rule break it finds; exit 1 if any.

The report is a list of sections, each a function of the checked page that prints its part and
says whether it found a break; add a section by appending it to SECTIONS.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..diagnostics import Diagnostic
from ..i18n import _, ngettext
from ..tools.findings import Checked, fits
from .common import add_fit_arguments, add_page_arguments, build_options
from .output import add_format_argument, document, emit, wants_json


def register(sub) -> None:
    p = sub.add_parser(
        "check",
        help=_("audit the page against the Chinese layout rules"),
        description=_(
            "Compose and build the page, then audit the display list and the PDF's glyphs for every rule break"
            " (line start/end, split run, ragged or loose line, orphan, widow, off-grid, unbalanced columns, headers"
            " abreast, a header at a column foot (背题), a short item split, a first line alone at a column foot …)."
            " One line per break; exit 1 if any. Then the copyfit table (lines used / available and characters over"
            " or under, per region and per item) and the content lint (half-width marks in Chinese text, mixed quotes,"
            " doubled or missing sentence ends, spaces between Han characters): lint warnings alone do not fail check;"
            " text that does not fit does (exit 1): overset, or columns that cannot end flush within the layout's fit:"
            " bounds, each with the exact cuts or additions found by composing and checked by the whole fit, blamed"
            " on the content file's line."
        ),
    )
    add_page_arguments(p)
    add_fit_arguments(p)
    p.add_argument(
        "--pdf", help=_("audit this built PDF instead of building one (it must come from CONTENT and --layout)")
    )
    add_format_argument(p)  # json: copyfit, findings and suggestions as one document (schema/check.schema.json)
    p.set_defaults(run=run)


def check(content_path: str | Path, layout_path: str | Path, pdf_path: str | Path | None = None, **options) -> Checked:
    """Build the page (or take a built PDF) and audit it twice: display list and PDF glyphs. `options` are
    run.build's (allow_dirs, root, fit, fonts_dir). A page whose text does not fit is built all the same (as
    --allow-overset would) so that all of it is checked."""
    from ..run.build import build
    from ..tools.findings import audit

    result = build(content_path, layout_path, allow_overset=True, **options)
    return audit(result, pdf_path)


def audit_section(checked: Checked) -> bool:
    """The rule audit: each break once (found on the display list, the PDF or both), then a count."""
    source = checked.content.source
    seen: dict[str, list[str]] = {}
    for where, violations in (("page", checked.on_page), ("pdf", checked.on_pdf)):
        for v in violations:
            seen.setdefault(str(v), []).append(where)
    only = {"page": _(" (only on the display list)"), "pdf": _(" (only on the PDF)")}
    for text, where in seen.items():
        print(f"{source}: {text}{'' if len(where) == 2 else only[where[0]]}")
    print(
        "check: "
        + ngettext(
            "{count} rule break ({page} on the display list, {pdf} in {file})",
            "{count} rule breaks ({page} on the display list, {pdf} in {file})",
            len(seen),
        ).format(
            count=len(seen), page=len(checked.on_page), pdf=len(checked.on_pdf), file=checked.pdf or _("the built PDF")
        )
    )
    from ..tools.audit import gap_report

    print(f"spacing: {gap_report(checked.page)}")
    return bool(seen)


def copyfit_section(checked: Checked) -> bool:
    """Copyfit: lines used / available per region, column and item, what the fitting flexed; text that does not
    fit fails, with the exact cuts or additions, each at its place in the content file."""
    from ..tools.copyfit import table

    print()
    print(table(checked))
    for messages in checked.report.unfit.values():
        print()
        for line in messages:
            print(f"error: {line}")
    return not fits(checked)


def lint_section(checked: Checked) -> bool:
    """Content lint: punctuation and spacing a proofreader would mark; warnings only, never a failure."""
    from ..tools.lint import lint

    warnings = lint(checked.content)
    print()
    for w in warnings:
        print(Diagnostic.parse(w.format(checked.content), "warning").headline())
    print(
        "lint: "
        + ngettext(
            "{count} warning (the text is set as written; warnings do not fail check)",
            "{count} warnings (the text is set as written; warnings do not fail check)",
            len(warnings),
        ).format(count=len(warnings))
    )
    return False


SECTIONS = [audit_section, copyfit_section, lint_section]


def run(args: argparse.Namespace) -> int:
    checked = check(args.content, args.layout, args.pdf, fit=args.fit, **build_options(args))
    if wants_json(args):
        from ..tools.findings import as_json, diagnostics

        data = as_json(checked)
        ok = data.pop("ok")
        emit(document("check", ok, diagnostics(checked), **data))
        return 0 if ok else 1
    failed = [section(checked) for section in SECTIONS]
    return 1 if any(failed) else 0
