"""What `check` finds on a built page: the rule audit (display list and PDF), the copyfit, the content lint.

Shared by `hengyang-print check` and the proof room, so both report the same findings in the same words.
A Finding keeps its BlockId (and line or offset), so a reader can put it where it is on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..blockid import BlockId
from ..model import Content, Layout, Page, PlaceReport


@dataclass
class Checked:
    """A page checked against the layout rules: what was built and every violation found."""

    content: Content
    layout: Layout
    page: Page
    report: PlaceReport
    pdf: Path | None  # the PDF file whose glyphs were audited; None: the PDF built with the page
    on_page: list = field(default_factory=list)  # audit.Violation on the display list
    on_pdf: list = field(default_factory=list)  # audit.Violation on the PDF's glyphs


@dataclass(frozen=True)
class Finding:
    kind: str  # audit (a rule break on the page) | lint (a question about the text as written)
    rule: str
    block: BlockId | str  # a region's name for what is said of a flow's columns
    message: str
    location: str  # FILE:LINE:COL in the content file
    line: int | None = None  # audit: 0-based line in the block
    offset: int | None = None  # lint: character offset in the block's text
    found_in: str | None = None  # audit: page | pdf | both

    def as_json(self) -> dict:
        """One entry of check.schema.json's findings."""
        out = {"kind": self.kind, "rule": self.rule, "block": str(self.block)}
        if self.line is not None:
            out["line"] = self.line + 1
        if self.offset is not None:
            out["offset"] = self.offset
        out |= {"location": self.location, "message": self.message}
        if self.found_in:
            out["found_in"] = self.found_in
        return out


def audit(result, pdf_path: str | Path | None = None) -> Checked:
    """Audit a built page (run.build.Result) twice: its display list, and the glyphs of its PDF (or of the
    PDF file at `pdf_path`, which must come from the same content and layout)."""
    from .audit import audit_page, audit_pdf

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


def fits(checked: Checked) -> bool:
    return not checked.report.overset and not checked.report.unfit


def findings(checked: Checked) -> list[Finding]:
    """Every rule break once (found on the display list, the PDF or both), then the lint's warnings."""
    from .lint import lint

    source = checked.content.source
    audited: dict[str, Finding] = {}
    for where, violations in (("page", checked.on_page), ("pdf", checked.on_pdf)):
        for v in violations:
            key = str(v)
            if key in audited:
                audited[key] = _found_in(audited[key], "both")
            else:
                location = checked.content.where(v.block) if isinstance(v.block, BlockId) else source
                audited[key] = Finding("audit", v.rule, v.block, v.detail, location, line=v.line, found_in=where)
    warnings = [
        Finding("lint", "lint", w.block, w.message, checked.content.where(w.block, w.offset), offset=w.offset)
        for w in lint(checked.content)
    ]
    return [*audited.values(), *warnings]


def _found_in(finding: Finding, where: str) -> Finding:
    from dataclasses import replace

    return replace(finding, found_in=where)


def diagnostics(checked: Checked) -> list:
    """The check as the diagnostics of its JSON envelope: text that does not fit and rule breaks as errors,
    the lint's questions as warnings, each at its FILE:LINE:COL in the content file."""
    from ..diagnostics import Diagnostic

    unfit = [Diagnostic.parse(line) for messages in checked.report.unfit.values() for line in messages]
    found = [
        Diagnostic.parse(f"{f.location}: {f.rule}: {f.message}", "error")
        if f.kind == "audit"
        else Diagnostic.parse(f"{f.location}: {f.message}", "warning")
        for f in findings(checked)
    ]
    return unfit + found


def as_json(checked: Checked) -> dict:
    """The whole check as data: schema/check.schema.json."""
    from .copyfit import as_json as copyfit_json
    from .copyfit import suggestions_json

    found = findings(checked)
    return {
        "content": checked.content.source,
        "layout": checked.layout.source,
        "ok": fits(checked) and not any(f.kind == "audit" for f in found),
        "copyfit": copyfit_json(checked),
        "errors": [line for messages in checked.report.unfit.values() for line in messages],
        "findings": [f.as_json() for f in found],
        "suggestions": suggestions_json(checked),
    }
