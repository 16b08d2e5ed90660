"""An edition: many pages built in parallel, one worker process per core; each page's errors are its own.

An edition file lists the pages of one night's paper; paths in it are relative to the file:

    name: 衡阳日报 2018-12-28        # optional
    layout: ../layout/broadsheet.yaml  # default layout of every page: a file, or a bundled layout's name (tabloid)
    output: ../out/2018-12-28          # folder of the PDFs (default: <edition file name>/ beside it)
    pages:
      - ../content/a01.yaml            # a content file: built on the default layout into <stem>.pdf
      - {content: ../content/a02.yaml, layout: ../layout/tabloid.yaml, output: A02.pdf}
"""

from __future__ import annotations

import difflib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from ..i18n import _
from ..load.yamlread import MAX_FILE_BYTES, Reader, read_regular_file
from ..paths import Places, bundled_layouts, project_root

EDITION_KEYS = (("pages",), ("name", "layout", "output"))
PAGE_KEYS = (("content",), ("layout", "output"))


@dataclass(frozen=True)
class PageJob:
    content: Path
    layout: Path
    output: Path


@dataclass
class PageOutcome:
    job: PageJob
    seconds: float = 0.0
    lines: list[str] = field(default_factory=list)  # what the page has to say: notes, warnings
    errors: list[str] = field(default_factory=list)  # empty when the PDF was written
    record: dict = field(default_factory=dict)  # the page in the build's JSON report

    @property
    def ok(self) -> bool:
        return not self.errors


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def is_edition(path: str | Path) -> bool:
    """An edition file has a top-level `pages:` key, which no content file has."""
    try:
        head = read_regular_file(Path(path), MAX_FILE_BYTES).decode("utf-8", errors="replace")
    except BuildError:
        return False  # the content loader reports the unreadable (or irregular, or huge) file in its own words
    return re.search(r"^pages\s*:", head, re.M) is not None


def read_edition(
    path: str | Path,
    default_layout: Path,
    default_folder: Path,
    allow: tuple[str | Path, ...] = (),
    root: str | Path | None = None,
) -> list[PageJob]:
    """The pages an edition file lists; every error of the file at once, as FILE:LINE:COL.

    Like every path in a project file (paths.py), the pages, layouts and output folder it names lie in
    the project folder (`root`, else the edition's: the nearest marker, else its folder), the bundled data
    or a folder `allow`ed on the command line; a page's output is a PDF in the edition's output folder.
    """
    path = Path(path)
    r = Reader(path, "edition")
    top = r.mapping(r.compose(), "edition", *EDITION_KEYS)
    base = path.resolve().parent
    places = Places(root if root is not None else project_root(path), allow)
    r.text(top.get("name"), "name")
    layout = _layout(r, top.get("layout"), "layout", base, places) or default_layout
    folder = _path(r, top.get("output"), "output", base, places) or default_folder / path.stem
    jobs, seen = [], {}
    for i, node in enumerate(r.sequence(top.get("pages"), "pages", 1)):
        if isinstance(node.value, str):  # a bare content path
            content, page_layout, out = _path(r, node, f"pages[{i}]", base, places), layout, None
        else:
            m = r.mapping(node, f"pages[{i}]", *PAGE_KEYS)
            content = _path(r, m.get("content"), f"pages[{i}].content", base, places)
            page_layout = _layout(r, m.get("layout"), f"pages[{i}].layout", base, places) or layout
            out = r.text(m.get("output"), f"pages[{i}].output") or None
            if out and not _pdf_name(out):
                r.error(
                    m["output"],
                    _(
                        "{key} '{name}' must be the name of a PDF in the edition's output folder {folder}"
                        " (like A02.pdf)"
                    ).format(key=f"pages[{i}].output", name=out, folder=folder),
                )
                continue
        if content is None:
            continue
        output = folder / (out or content.stem + ".pdf")
        if output in seen:
            clash = _("{page} writes {name}, as {other} does (give one an output name)")
            r.error(node, clash.format(page=f"pages[{i}]", name=output.name, other=f"pages[{seen[output]}]"))
        seen.setdefault(output, i)
        jobs.append(PageJob(content, page_layout, output))
    r.raise_if_errors()
    return jobs


def _path(r: Reader, node, what: str, base: Path, places: Places) -> Path | None:
    text = r.text(node, what)
    if not text:
        return None
    written = Path(os.path.normpath(base / text))  # as written ('..' collapsed): links inside the project are its own
    if not places.admits(written):
        r.error(node, f"{what}: {places.refusal(text)}")
        return None
    return written.resolve()


def _layout(r: Reader, node, what: str, base: Path, places: Places) -> Path | None:
    """A layout file, or the name of a bundled layout (`tabloid`), as on the command line (paths.resolve_layout)."""
    text = r.text(node, what)
    if not text:
        return None
    if Path(text).suffix == "" and len(Path(text).parts) == 1 and not (base / text).exists():
        bundled = bundled_layouts()
        if text in bundled:
            return bundled[text]
        hint = difflib.get_close_matches(text, list(bundled), n=1)
        tip = _("; did you mean '{name}'?").format(name=hint[0]) if hint else ""
        missing = _("{key}: no file '{name}', nor a bundled layout of that name (bundled: {names})")
        r.error(node, missing.format(key=what, name=text, names=", ".join(bundled)) + tip)
        return None
    return _path(r, node, what, base, places)


def _pdf_name(name: str) -> bool:
    """A plain file name ending in .pdf: no folder, no '..', nothing that leaves the output folder."""
    return Path(name).name == name and name not in (".", "..") and name.lower().endswith(".pdf") and "\\" not in name


def build_pages(
    jobs: list[PageJob],
    build_one: Callable[[PageJob], PageOutcome],
    workers: int | None = None,
    on_done: Callable[[PageOutcome, int], None] | None = None,
    on_started: Callable[[], None] | None = None,
) -> list[PageOutcome]:
    """Run build_one on every job, in parallel on `workers` processes (default: all cores).

    Outcomes come back in the order of `jobs`; on_started() is called once the workers are forked (a thread
    started before then would be forked with its locks), on_done(outcome, finished_so_far) as each page
    finishes. A page that fails, even with an unexpected exception, fails alone.
    """
    workers = max(1, min(len(jobs), workers or cores()))
    outcomes: dict[int, PageOutcome] = {}
    if workers == 1:
        for i, job in enumerate(jobs):
            outcomes[i] = _guarded(build_one, job)
            if on_done:
                on_done(outcomes[i], len(outcomes))
        return [outcomes[i] for i in range(len(jobs))]
    import multiprocessing  # here, not at the top: a one-page build never needs them
    import signal
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork: workers inherit the imported pipeline and the fonts the parent warmed, instead of loading them each
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_leave_interrupts_to_the_parent) as pool:
        # the workers start on these submits: fork them with SIGINT ignored, so that a Ctrl-C arriving before
        # their initializer runs cannot kill one (a dead worker left the parent waiting on its pipe forever)
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            pending = {pool.submit(_guarded, build_one, job): i for i, job in enumerate(jobs)}
        finally:
            signal.signal(signal.SIGINT, handler)
        if on_started:
            on_started()
        while pending:
            try:
                done, _pending = wait(pending, return_when=FIRST_COMPLETED)
            except KeyboardInterrupt:  # pages not begun are dropped; those being built finish (written whole)
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            for future in done:
                i = pending.pop(future)
                try:
                    outcomes[i] = future.result()
                except Exception as exc:  # the worker process itself died (killed, out of memory)
                    outcomes[i] = PageOutcome(
                        jobs[i],
                        errors=[
                            _("{path}: worker failed ({error})").format(
                                path=jobs[i].content, error=f"{type(exc).__name__}: {exc}"
                            )
                        ],
                    )
                if on_done:
                    on_done(outcomes[i], len(outcomes))
    return [outcomes[i] for i in range(len(jobs))]


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: a worker ignores it (no traceback from each),
    the parent stops the edition."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _guarded(build_one: Callable[[PageJob], PageOutcome], job: PageJob) -> PageOutcome:
    start = time.perf_counter()
    try:
        outcome = build_one(job)
    except BuildError as exc:
        outcome = PageOutcome(job, errors=exc.messages)
    except Exception as exc:  # a bug must not take the other pages down, nor pass unnoticed
        outcome = PageOutcome(
            job,
            errors=[
                _("{path}: internal error ({error}); rerun this page with --debug").format(
                    path=job.content, error=f"{type(exc).__name__}: {exc}"
                )
            ],
        )
    outcome.seconds = time.perf_counter() - start
    return outcome
