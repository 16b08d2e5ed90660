"""The Python API: what the command line does, as functions that return what they found.

    import hengyang_print as hp
    page = hp.build("page.yaml")            # a Built: page.pdf (bytes), page.copyfit, page.adjustments, page.notes
    page.findings                           # check's findings on it (rule breaks and lint), found on first use
    hp.build("page.yaml", output="page.pdf")
    checked = hp.check("page.yaml")         # a Built whose `ok` is check's verdict (fits, no rule break)
    files = hp.proof("page.yaml")           # {"proof": …proof.pdf, "proof_png": …, "preview": …png, "listing": …txt}
    change = hp.diff("old.yaml", "new.yaml")  # tools.diff.Diff: .identical, .changed, .lines, .adjustments
    report = hp.preflight("page.pdf")       # PDF/X-1a and newsprint findings

Content and layout problems raise hengyang_print.BuildError, whose `messages` are the lines the command line
prints (`FILE:LINE:COL: …`). Paths and defaults follow the command line's (paths.py, settings.py): `layout`
is a file or a bundled layout's name, else the project's settings name it, else broadsheet; files named in
the YAML must lie in `root` (default: the content file's project folder) or `allow_dirs`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .paths import default_folder, resolve_layout, sample_content


class Built:
    """A built page: its PDF and what the build found (the figures `build` and `check` print)."""

    def __init__(self, result, output: Path | None = None):
        self.result = result  # run.build.Result: content, layout, page (display list), report, pdf
        self.output = output  # where the PDF was written, if it was

    @property
    def pdf(self) -> bytes:
        return self.result.pdf

    @property
    def seconds(self) -> float:
        return self.result.seconds

    @cached_property
    def copyfit(self) -> dict:
        """Lines used and available per region and item, and what the fitting flexed (check.schema.json)."""
        from .tools.copyfit import as_json

        return as_json(self.result)

    @property
    def summary(self) -> str:
        """The copyfit line `build` prints."""
        from .tools.copyfit import summary

        return summary(self.result)

    @property
    def adjustments(self) -> list[dict]:
        """What the fitting flexed to end the columns flush: region, block, what, amount."""
        return self.copyfit["adjustments"]

    @property
    def notes(self) -> list[str]:
        return list(self.result.report.notes)

    @property
    def warnings(self) -> list[str]:
        """What build prints as warnings: text that did not fit (only with allow_overset), the placement rules no
        arrangement within the fit bounds keeps, and the edits that would make the page fit."""
        from .tools.copyfit import build_warnings

        return build_warnings(self.result)

    @cached_property
    def checked(self):
        """The audit of the page (tools.findings.Checked): its display list and its PDF's glyphs."""
        from .tools.findings import audit

        return audit(self.result)

    @property
    def findings(self) -> list:
        """check's findings (tools.findings.Finding): rule breaks ('audit') and questions about the text ('lint')."""
        from .tools.findings import findings

        return findings(self.checked)

    @property
    def ok(self) -> bool:
        """check's verdict: everything fits (flush where the layout asks) and the audit found no rule break."""
        from .tools.findings import fits

        return fits(self.checked) and not any(f.kind == "audit" for f in self.findings)


def build(
    content: str | Path | None = None,
    layout: str | Path | None = None,
    output: str | Path | None = None,
    *,
    root: str | Path | None = None,
    allow_dirs: tuple[str | Path, ...] = (),
    allow_overset: bool = False,
    fit: bool | None = None,
) -> Built:
    """The page `content` (default: the bundled sample) on `layout`; its PDF also written to `output` when
    given (never over an input, nor over a file this tool did not write)."""
    from .run.build import build as run_build
    from .run.build import write_pdf

    content, layout, options, _ = _page(content, layout, root, allow_dirs)
    result = run_build(content, layout, allow_overset=allow_overset, fit=fit, **options)
    if output is not None:
        write_pdf(output, result)
    return Built(result, Path(output) if output is not None else None)


def check(
    content: str | Path | None = None,
    layout: str | Path | None = None,
    *,
    root: str | Path | None = None,
    allow_dirs: tuple[str | Path, ...] = (),
    fit: bool | None = None,
) -> Built:
    """The page built as `check` builds it (text that does not fit is set as far as it goes and reported), its
    findings found: `ok` is check's verdict, `findings` and `copyfit` what it prints."""
    page = build(content, layout, root=root, allow_dirs=allow_dirs, allow_overset=True, fit=fit)
    page.findings  # noqa: B018  (the audit runs now, as the command's does)
    return page


def proof(
    content: str | Path | None = None,
    layout: str | Path | None = None,
    output_dir: str | Path | None = None,
    *,
    dpi: float | None = None,
    root: str | Path | None = None,
    allow_dirs: tuple[str | Path, ...] = (),
) -> dict[str, Path]:
    """Write the proof files `proof` writes (page PNG, labelled proof PDF and PNG, listing) into `output_dir`
    (default: the settings' output folder, else beside the content); returns them by kind."""
    from .run.build import build as run_build
    from .tools.proof import DEFAULT_DPI, write_proof

    content, layout, options, settings = _page(content, layout, root, allow_dirs)
    result = run_build(content, layout, allow_overset=True, **options)
    folder = output_dir if output_dir is not None else default_folder(content, settings.output)
    return write_proof(result, folder, dpi or settings.proof_dpi or DEFAULT_DPI)


def diff(
    old: str | Path,
    new: str | Path,
    layout: str | Path | None = None,
    output: str | Path | None = None,
    *,
    dpi: float = 50,
    root: str | Path | None = None,
    allow_dirs: tuple[str | Path, ...] = (),
):
    """The comparison `diff` prints (tools.diff.Diff) of two PDFs or content files; the image of the changed
    regions (diff.image) is also written to `output` when given and the pages differ."""
    from .atomic import write_atomically
    from .run.compare import compare_files
    from .tools.diff import image_png

    new, layout, options, _ = _page(new, layout, root, allow_dirs)
    change = compare_files(old, new, layout, dpi, **options)
    if output is not None and not change.identical:
        write_atomically(output, image_png(change))
    return change


def preflight(
    pdf: str | Path,
    max_ink: float | None = None,
    profile: str | None = None,
    reverse_type: tuple[float, float, float] | None = None,
):
    """PDF/X-1a:2001 and newsprint findings for any PDF: a Report with `findings` and `errors` (a count). The
    profile defaults to the settings' of the PDF's project, else newspaper; `reverse_type`: the reversed type
    minimums in pt (pressrules.REVERSE_TYPE)."""
    from .pressrules import DEFAULT_PROFILE, MAX_INK, REVERSE_TYPE
    from .settings import for_project
    from .tools.preflight import preflight as run_preflight

    settings = for_project(pdf)
    return run_preflight(
        pdf,
        profile=profile or settings.preflight_profile or DEFAULT_PROFILE,
        max_ink=max_ink or MAX_INK,
        reverse_type=reverse_type or REVERSE_TYPE,
    )


def _page(content, layout, root, allow_dirs) -> tuple[Path, Path, dict, object]:
    """The content file, the layout (the argument, else the settings', else broadsheet), run.build's options
    and the project's settings (settings.py), as the command line would have them."""
    from .settings import for_project

    settings = for_project(content, root)  # no content: the current folder's project
    content = Path(content) if content is not None else sample_content()
    layout = resolve_layout(layout) if layout is not None else settings.layout or resolve_layout(None)
    options = {"allow_dirs": tuple(map(str, allow_dirs)), "root": root, "fonts_dir": settings.fonts}
    return content, layout, options, settings
