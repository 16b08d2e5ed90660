"""hengyang-print check: compose and build the page, report every rule break it finds; exit 1 if any.

The report is a list of sections, each a function of the checked page that prints its part and
says whether it found a break; add a section by appending it to SECTIONS.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Content, Layout, Page, PlaceReport
from .common import add_fit_arguments, add_page_arguments
from .diagnostics import Diagnostic
from .output import add_format_argument


@dataclass
class Checked:
    """A page checked against the layout rules: what was built and every violation found."""

    content: Content
    layout: Layout
    page: Page
    report: PlaceReport
    pdf: Path | None  # the PDF whose glyphs were audited
    on_page: list = field(default_factory=list)  # audit.Violation on the display list
    on_pdf: list = field(default_factory=list)  # audit.Violation on the PDF's glyphs


def register(sub) -> None:
    p = sub.add_parser(
        "check",
        help="audit the page against the Chinese layout rules",
        description="Compose and build the page, then audit the display list and the PDF's glyphs for every"
        " rule break (line start/end, split run, ragged line, orphan, widow, off-grid, unbalanced columns …)."
        " One line per break; exit 1 if any. Then the copyfit table (lines used / available and characters over or"
        " under, per region and per item) and the content lint (half-width marks in Chinese text, mixed quotes,"
        " doubled or missing sentence ends, spaces between Han characters): lint warnings alone do not fail check;"
        " text that does not fit does (exit 1): overset, or columns that cannot end flush within the layout's fit:"
        " bounds, each with the exact cuts or additions found by composing, blamed on the content file's line.",
    )
    add_page_arguments(p)
    add_fit_arguments(p)
    p.add_argument(
        "--pdf", help="audit this built PDF instead of building one (it must come from CONTENT and --layout)"
    )
    add_format_argument(p)  # json: copyfit, findings and suggestions as one document (schema/check.schema.json)
    p.set_defaults(run=run)


def check(
    content_path: str | Path,
    layout_path: str | Path,
    pdf_path: str | Path | None = None,
    allow_dirs=(),
    root=None,
    fit: bool | None = None,
) -> Checked:
    """Build the page (or take a built PDF) and audit it twice: display list and PDF glyphs.
    A page whose text does not fit is built all the same (as --allow-overset would) so that all of it is checked."""
    from ..run.build import build
    from ..tools.audit import audit_page, audit_pdf

    result = build(content_path, layout_path, allow_overset=True, allow_dirs=tuple(allow_dirs), root=root, fit=fit)
    checked = Checked(result.content, result.layout, result.page, result.report, Path(pdf_path) if pdf_path else None)
    checked.on_page = _not_restated(audit_page(result.page, result.content, result.layout), result.report)
    # the PDF just built is read from memory; a --pdf file through pdfread's bounds
    checked.on_pdf = _not_restated(
        audit_pdf(checked.pdf if checked.pdf is not None else result.pdf, result.content, result.layout), result.report
    )
    return checked


def _not_restated(violations: list, report: PlaceReport) -> list:
    """The audit's findings less what copyfit reports of a flow that does not fit: its columns ending short or
    uneven, its paragraphs missing or ending early (overset) are said once, with the figures and the cuts."""
    unfit = set(report.unfit) | {o.region for o in report.overset}
    overset = {o.block for o in report.overset}
    return [v for v in violations if v.region not in unfit and not (v.rule == "missing-end" and v.block in overset)]


def audit_section(checked: Checked) -> bool:
    """The rule audit: each break once (found on the display list, the PDF or both), then a count."""
    source = checked.content.source
    seen: dict[str, list[str]] = {}
    for where, violations in (("page", checked.on_page), ("pdf", checked.on_pdf)):
        for v in violations:
            seen.setdefault(str(v), []).append(where)
    for text, where in seen.items():
        note = "" if len(where) == 2 else f" (only on the {'display list' if where == ['page'] else 'PDF'})"
        print(f"{source}: {text}{note}")
    pdf = checked.pdf or "the built PDF"
    print(
        f"check: {len(seen)} rule break{'s' * (len(seen) != 1)} ({len(checked.on_page)} on the display list, {len(checked.on_pdf)} in {pdf})"
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


def fits(checked: Checked) -> bool:
    return not checked.report.overset and not checked.report.unfit


def lint_section(checked: Checked) -> bool:
    """Content lint: punctuation and spacing a proofreader would mark; warnings only, never a failure."""
    from ..tools.lint import lint

    warnings = lint(checked.content)
    print()
    for w in warnings:
        print(Diagnostic.parse(w.format(checked.content), "warning").headline())
    print(
        f"lint: {len(warnings)} warning{'s' * (len(warnings) != 1)} (the text is set as written; warnings do not fail check)"
    )
    return False


SECTIONS = [audit_section, copyfit_section, lint_section]


def as_json(checked: Checked) -> dict:
    """The whole check as data: schema/check.schema.json."""
    from ..tools.copyfit import as_json as copyfit_json
    from ..tools.copyfit import suggestions_json
    from ..tools.lint import lint

    source = checked.content.source
    findings: dict[str, dict] = {}
    for where, violations in (("page", checked.on_page), ("pdf", checked.on_pdf)):
        for v in violations:
            key = str(v)
            if key in findings:
                findings[key]["found_in"] = "both"
            else:
                findings[key] = {
                    "kind": "audit",
                    "rule": v.rule,
                    "block": str(v.block),
                    "line": v.line + 1,
                    "location": checked.content.where(v.block) if hasattr(v.block, "steps") else source,
                    "message": v.detail,
                    "found_in": where,
                }
    warnings = [
        {
            "kind": "lint",
            "rule": "lint",
            "block": str(w.block),
            "offset": w.offset,
            "location": checked.content.where(w.block, w.offset),
            "message": w.message,
        }
        for w in lint(checked.content)
    ]
    return {
        "content": source,
        "layout": checked.layout.source,
        "ok": fits(checked) and not findings,
        "copyfit": copyfit_json(checked),
        "errors": [line for messages in checked.report.unfit.values() for line in messages],
        "findings": list(findings.values()) + warnings,
        "suggestions": suggestions_json(checked),
    }


def run(args: argparse.Namespace) -> int:
    checked = check(args.content, args.layout, args.pdf, args.allow_dir, args.root, args.fit)
    if args.format == "json":
        import json

        data = as_json(checked)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0 if data["ok"] else 1
    failed = [section(checked) for section in SECTIONS]
    return 1 if any(failed) else 0
