"""hengyang-print build: content + layout → print PDF; several pages, or an edition file, built in parallel."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from functools import partial
from pathlib import Path

from ..diagnostics import render_all
from ..errors import BuildError
from ..i18n import _, ngettext
from ..paths import STDIN, STDOUT, default_output
from ..run.edition import PageJob, PageOutcome, build_pages, cores, is_edition, read_edition
from . import interrupt
from .common import (
    UsageError,
    add_fit_arguments,
    add_page_arguments,
    build_options,
    non_negative_int,
    pdf_output,
)
from .output import add_format_argument, diagnostics_json, document, emit, wants_json
from .progress import Progress


def register(sub) -> None:
    p = sub.add_parser(
        "build",
        help=_("build the print PDF of a page, of several pages, or of an edition"),
        description=_(
            "Build the print PDF of a page. Several content files, or an edition file listing pages, are built"
            " in parallel on all cores."
        ),
    )
    add_page_arguments(p, many=True)
    p.add_argument(
        "-o",
        "--output",
        help=_(
            "PDF to write (default: NAME.pdf in the settings' output folder, else beside the content file; - writes"
            " it to standard output); with several pages, the folder to write them to"
        ),
    )
    p.add_argument(
        "--allow-overset",
        action="store_true",
        help=_(
            "write the page even when text does not fit (overset, or columns that cannot end flush): what fits is"
            " set, the overset is marked under the region and listed"
        ),
    )
    add_fit_arguments(p)
    p.add_argument(
        "--open",
        action="store_true",
        help=_("open the PDF in the default viewer once it is written (several pages: their folder)"),
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=non_negative_int,
        default=0,
        metavar="N",
        help=_("pages built at once (default: one per core)"),
    )
    add_format_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    contents = args.content
    if STDIN in contents and (len(contents) > 1 or args.output is None):
        raise UsageError(_("content from standard input (-): build that one page alone, and name its PDF with -o"))
    if len(contents) == 1 and not is_edition(contents[0]):
        out = pdf_output(args.output) or str(default_output(contents[0], folder=args.settings.output))
        if out == STDOUT and wants_json(args):
            raise UsageError(_("-o - writes the PDF to standard output; --format json needs it for the report"))
        outcome = build_one(
            PageJob(Path(contents[0]), Path(args.layout), Path(out)), args.allow_overset, args.fit, build_options(args)
        )
        if wants_json(args):
            emit(document("build", True, pages=[outcome.record]))
        else:
            _say(outcome.lines, stream=sys.stderr if out == STDOUT else None)
        if args.open and out != STDOUT:
            show(Path(out))
        return 0
    jobs = _jobs(args)
    code = _run_many(args, jobs)
    if args.open and jobs:
        show(jobs[0].output.parent)
    return code


def show(path: Path) -> None:
    """Open a file or folder in the desktop's viewer (webbrowser hands a file: URL to the system's opener)."""
    import webbrowser

    webbrowser.open(path.resolve().as_uri())


def build_one(
    job: PageJob, allow_overset: bool = False, fit: bool | None = None, options: dict | None = None
) -> PageOutcome:
    """Build one page and write its PDF (to stdout for `-`); what it has to say comes back as lines and as
    a record for the JSON report (a BuildError propagates)."""
    from ..atomic import refuse_inputs
    from ..load.yamlread import MAX_FILE_BYTES, read_regular_file, refuse_binary
    from ..run.build import build, write_pdf  # off the start-up path of `--help`
    from ..tools.audit import gap_report
    from ..tools.copyfit import build_warnings, summary

    if str(job.output) != STDOUT:
        if job.content.suffix.lower() == ".pdf":  # a PDF given as content: said as such, not as an input written over
            refuse_binary(job.content, read_regular_file(job.content, MAX_FILE_BYTES), "content")
        refuse_inputs(job.output, (job.content, job.layout))  # refused before any work (write_pdf checks all)
    from ..place.fit import adjustment_phrase

    result = build(job.content, job.layout, allow_overset=allow_overset, fit=fit, **(options or {}))
    interrupt.check()  # a Ctrl-C whose exception something swallowed on the way still stops the write
    if str(job.output) == STDOUT:
        sys.stdout.buffer.write(result.pdf)
        sys.stdout.buffer.flush()
    else:
        write_pdf(job.output, result)  # never over an input, nor over a file that is not our PDF
    ledger_lines, ledger_record = _record_in_ledger(job, result, (options or {}).get("root"))
    trim = result.layout.trim
    size_mm = [round(trim.width / 72 * 25.4, 1), round(trim.height / 72 * 25.4, 1)]
    warnings = build_warnings(result)
    lines = [
        str(job.output) if str(job.output) != STDOUT else _("(standard output)"),
        _("page {width} × {height} mm, {kib} KiB, built in {seconds} s").format(
            width=f"{size_mm[0]:.0f}",
            height=f"{size_mm[1]:.0f}",
            kib=f"{len(result.pdf) / 1024:.0f}",
            seconds=f"{result.seconds:.2f}",
        ),
        *(f"note: {note}" for note in result.report.notes),
        f"copyfit: {summary(result)}",
        f"spacing: {gap_report(result.page)}",
        *(f"fit: {a.region}: {adjustment_phrase(a)}" for a in result.report.adjustments),
        *(f"warning: {line}" for line in warnings),
        *ledger_lines,
    ]
    return PageOutcome(
        job,
        result.seconds,
        lines,
        record={
            "content": str(job.content),
            "layout": str(job.layout),
            "output": str(job.output),
            "ok": True,
            "trim_mm": size_mm,
            "bytes": len(result.pdf),
            "seconds": round(result.seconds, 3),
            "copyfit": summary(result),
            "notes": list(result.report.notes),
            "overset": [
                {"region": o.region, "block": str(o.block), "lines": o.lines, "chars": o.chars}
                for o in result.report.overset
            ],
            **({"ledger": ledger_record} if ledger_record else {}),
            "diagnostics": diagnostics_json(warnings, "warning", located=False),
        },
    )


def _record_in_ledger(job: PageJob, result, root: str | None) -> tuple[list[str], dict | None]:
    """The build's version in its project's sign-off ledger (ledger/builds.py): report lines and JSON."""
    from ..ledger.builds import project_for

    project = project_for(job.content, root) if str(job.content) != STDIN else None  # standard input: no page to sign
    if project is None:
        return [], None
    from ..ledger.builds import record_build
    from ..ledger.errors import LedgerError
    from ..load.blocks import content_blocks

    blocks = {str(b.id): b.text for b in content_blocks(result.content, result.layout)}
    try:
        recorded = record_build(project, job.content, job.layout, result.pdf, blocks)
    except LedgerError as exc:
        unrecorded = _("{message} (this version is not recorded: release refuses it)")
        return [f"warning: ledger: {unrecorded.format(message=m)}" for m in exc.messages], None
    return recorded.lines(), recorded.as_json()


def _jobs(args: argparse.Namespace) -> list[PageJob]:
    layout = Path(args.layout)
    folder = Path(args.output) if args.output else args.settings.output
    if folder and (folder.suffix.lower() == ".pdf" or str(folder) == STDOUT):
        raise UsageError(
            _("-o {value}: with several pages, -o names the folder to write them to, not one PDF").format(value=folder)
        )
    jobs: list[PageJob] = []
    for content in args.content:
        if is_edition(content):
            found = read_edition(content, layout, Path(content).parent, tuple(args.allow_dir), args.root)
            jobs += [PageJob(j.content, j.layout, folder / j.output.name) for j in found] if folder else found
        else:
            jobs.append(
                PageJob(
                    Path(content),
                    layout,
                    default_output(content, folder=folder),
                )
            )
    clashes = sorted({str(j.output) for j in jobs if sum(k.output == j.output for k in jobs) > 1})
    if clashes:
        raise BuildError(
            [
                _(
                    "{path}: more than one page would be written here (rename a content file, or name outputs in an"
                    " edition file)"
                ).format(path=out)
                for out in clashes
            ]
        )
    return jobs


def _run_many(args: argparse.Namespace, jobs: list[PageJob]) -> int:
    workers = max(1, min(len(jobs), args.jobs or cores()))
    _warm(jobs)
    start = time.perf_counter()
    one = partial(build_one, allow_overset=args.allow_overset, fit=args.fit, options=build_options(args))
    # with --format json, stdout holds the document alone: the running progress goes to stderr
    with contextlib.redirect_stdout(sys.stderr) if wants_json(args) else contextlib.nullcontext():
        progress = Progress(len(jobs), _("pages"), _("{workers} at once").format(workers=workers), start=False)
        try:
            done = partial(_page_done, progress, len(jobs))
            outcomes = build_pages(jobs, one, workers, done, on_started=progress.start)
        finally:
            progress.close()
    seconds = time.perf_counter() - start
    failed = [o for o in outcomes if not o.ok]
    if wants_json(args):
        pages = [o.record if o.ok else _failed_record(o) for o in outcomes]
        emit(document("build", not failed, pages=pages, seconds=round(seconds, 3), workers=workers))
        return 1 if failed else 0
    print(
        ngettext(
            "{pages} pages: {built} built, {failed} failed, in {seconds} s on {workers} core ({each} s a page)",
            "{pages} pages: {built} built, {failed} failed, in {seconds} s on {workers} cores ({each} s a page)",
            workers,
        ).format(
            pages=len(jobs),
            built=len(jobs) - len(failed),
            failed=len(failed),
            seconds=f"{seconds:.2f}",
            workers=workers,
            each=f"{seconds / len(jobs):.2f}",
        )
    )
    for o in failed:
        print(_("failed: {path}").format(path=o.job.content), file=sys.stderr)
    return 1 if failed else 0


def _failed_record(o: PageOutcome) -> dict:
    return {
        "content": str(o.job.content),
        "layout": str(o.job.layout),
        "output": str(o.job.output),
        "ok": False,
        "seconds": round(o.seconds, 3),
        "diagnostics": diagnostics_json(o.errors),
    }


def _warm(jobs: list[PageJob]) -> None:
    """Import the pipeline and read the fonts once here: forked workers inherit both instead of each loading them."""
    from ..draw.faces import register
    from ..fonts import metrics
    from ..load.loader import load_layout
    from ..run.build import build  # noqa: F401

    for layout in {j.layout for j in jobs}:
        try:
            for path in load_layout(layout).fonts.values():
                metrics(path)
                register(path)
        except BuildError:
            pass  # every page on this layout reports it


def _say(lines: list[str], indent: str = "", stream=None, progress: Progress | None = None) -> None:
    """Report lines on stdout, warnings and errors on stderr (everything on `stream` when given: -o -)."""
    for line in lines:
        trouble = line.startswith(("warning:", "error:")) or ": error: " in line
        where = stream or (sys.stderr if trouble else sys.stdout)
        if progress is not None:
            progress.say(indent + line, where)
        else:
            print(indent + line, file=where, flush=True)


def _page_done(progress: Progress, total: int, outcome: PageOutcome, finished: int) -> None:
    """A finished page's lines above the progress bar: its number, status and time, then what it says."""
    mark = _("ok") if outcome.ok else _("FAILED")
    count = f"[{finished:>{len(str(total))}}/{total}]"
    progress.say(f"{count} {mark} {outcome.job.content.name} ({outcome.seconds:.2f} s)")
    if outcome.ok:
        _say(outcome.lines, indent="    ", progress=progress)
    else:  # as every command prints a message: headline, source line, caret
        _say(render_all(outcome.errors).splitlines(), indent="    ", stream=sys.stderr, progress=progress)
    progress.advance(outcome.ok)
