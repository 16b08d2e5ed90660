"""The live page: built in this process on every save of its content or layout file, each new page kept as a
version with what `check` finds on it, and every open browser told at once.

Rebuilds run on one thread (run.watch.on_saves, as `watch` runs them); the pipeline's in-memory and
persistent caches make a save compose only the paragraphs it changed. A new version is rendered and announced
first, its check (60-100 ms) follows and is announced too. Everything that runs the pipeline or PDFium holds
`lock`: neither is made for two threads at once (clicks and comparisons of built pages need neither).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from ..blockid import BlockId
from ..diagnostics import Diagnostic
from ..errors import BuildError
from ..i18n import _
from ..model import Content
from ..place.fit import adjustment_phrase, phrase
from ..run.build import Result, build
from ..run.watch import between_saves, on_saves
from ..tools.copyfit import as_json as copyfit_json
from ..tools.diff import as_json as diff_json
from ..tools.diff import compare, read_side, side_of_build
from ..tools.findings import audit, findings
from ..tools.proof import render_png
from .sheet import Rect, Sheet
from .versions import LedgerVersions, MemoryVersions, version_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..ledger import Ledger, PageRef
    from ..ledger.model import Version

KEEP_BUILDS = 50  # versions whose display list stays in memory (clicks, comparisons from the display list)
KEEP_PNGS = 12  # rendered pages kept: a few versions at a few zooms


@dataclass
class Built:
    """A version and what the room knows of it."""

    version: Version
    result: Result
    sheet: Sheet
    findings: list[dict] | None  # check's findings, fitting, overset, each with its boxes; None: being found
    seconds: float  # the build's own work


class Room:
    def __init__(
        self,
        content: str | Path,
        layout: str | Path,
        root=None,
        allow_dirs=(),
        versions: LedgerVersions | MemoryVersions | None = None,
        fonts_dir=None,
    ):
        self.content, self.layout = Path(content), Path(layout)
        self.options = {
            "allow_overset": True,
            "allow_dirs": tuple(map(str, allow_dirs)),
            "root": root,
            "fonts_dir": fonts_dir,  # the project's settings' fonts folder
        }
        self.versions = versions if versions is not None else MemoryVersions()
        self.builds: OrderedDict[int, Built] = OrderedDict()
        self.current: Built | None = None  # the last good page
        self.errors: list[str] = []  # why the last save did not build; [] when it did
        self.lock = threading.RLock()
        self._pngs: OrderedDict[tuple[int, int], bytes] = OrderedDict()
        self._dpis: OrderedDict[int, None] = OrderedDict()  # the last resolutions asked for: new pages get them
        self._listeners: set[asyncio.Queue] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ building

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Build now and after every save, on a thread of its own, until stop()."""
        self._loop = loop
        files = (self.content, self.layout)
        self._thread = threading.Thread(
            target=on_saves, args=(files, lambda: between_saves(self.rebuild), self._stop), daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def rebuild(self) -> None:
        """Build the page; a new PDF becomes a new version. A save that does not build keeps the last good page
        and says why (errors)."""
        with self.lock:
            try:
                read = self.content.read_bytes(), self.layout.read_bytes()
                result = build(self.content, self.layout, **self.options)
                sheet = Sheet(result)
                blocks = {str(block): text for block, text in sheet.texts.items()}
                version = self.versions.record(result.pdf, *read, blocks)
                self.errors = []
                if self.current is None or version.number != self.current.version.number:
                    self._show(version, result, sheet)
                    return
            except BuildError as exc:
                self.errors = exc.messages
            except OSError as exc:
                self.errors = [_("{path}: cannot read ({reason})").format(path=exc.filename, reason=exc.strerror)]
            except Exception as exc:  # a bug must not stop the room: say so, keep the last good page
                self.errors = [
                    _("internal error (a bug, not your input): {error}").format(error=f"{type(exc).__name__}: {exc}")
                ]
                if self.current is not None and self.current.findings is None:
                    self.current.findings = []  # its check failed: nothing to wait for
            self._tell()

    def _show(self, version: Version, result: Result, sheet: Sheet) -> None:
        """A new version: its page rendered at the zooms the browsers asked for last and the browsers told; then
        what check finds on it (some 60-100 ms), and the browsers told again."""
        built = Built(version, result, sheet, None, result.seconds)
        self.builds[version.number] = built
        while len(self.builds) > KEEP_BUILDS:
            self.builds.popitem(last=False)
        self.current = built
        for dpi in list(self._dpis):
            self.png(version.number, dpi)
        self._tell()
        built.findings = _findings(result, built.sheet)
        self._tell()

    # ------------------------------------------------------------ telling the browsers

    def listen(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self._listeners.add(queue)
        return queue

    def leave(self, queue: asyncio.Queue) -> None:
        self._listeners.discard(queue)

    def _tell(self) -> None:
        """Every browser: the version on screen, whether the last save built, whether its findings are in."""
        current = self.current
        event = {
            "version": current.version.number if current else None,
            "ok": not self.errors,
            "checked": current is not None and current.findings is not None,
        }
        self.tell("build", event)

    def tell(self, kind: str, event: dict) -> None:
        """Every open browser: an event of `kind` (build; ledger: a mark or signature was written)."""
        if self._loop is None:
            return
        message = (kind, json.dumps(event, ensure_ascii=False))
        for queue in list(self._listeners):
            self._loop.call_soon_threadsafe(queue.put_nowait, message)

    # ------------------------------------------------------------ the ledger

    @property
    def ledger(self) -> Ledger | None:
        """The project's sign-off ledger; None for a page outside a project (no marks, no sign-off)."""
        return self.versions.ledger if isinstance(self.versions, LedgerVersions) else None

    @property
    def page(self) -> PageRef | None:
        return self.versions.page if isinstance(self.versions, LedgerVersions) else None

    # ------------------------------------------------------------ what the API shows

    def built(self, number: int | None) -> Built | None:
        """A version still in memory (None: the current one)."""
        if number is None:
            return self.current
        return self.builds.get(number)

    def page_json(self) -> dict:
        """The current page: schema/room-page.schema.json."""
        current = self.current
        doc = {
            "content": str(self.content),
            "layout": str(self.layout),
            "ok": not self.errors,
            "errors": [Diagnostic.parse(m).as_json() for m in self.errors],
        }
        if current is None:
            return {"version": None, "pdf_sha256": None, **doc}
        result = current.result
        trim = result.page.trim
        return {
            **version_json(current.version),
            **doc,
            "seconds": round(current.seconds, 3),
            "trim_mm": [round(trim.width * 25.4 / 72, 2), round(trim.height * 25.4 / 72, 2)],
            "fits": not result.report.overset and not result.report.unfit,
            "findings": current.findings,
            "copyfit": copyfit_json(result),
        }

    def versions_json(self) -> dict:
        current = self.current.version.number if self.current else None
        return {"current": current, "versions": [version_json(v) for v in reversed(self.versions.all())]}

    def png(self, number: int, dpi: int) -> bytes | None:
        """The page of a version at `dpi`, trimmed (PDFium); the latest few kept."""
        key = (number, dpi)
        self._dpis[dpi] = None
        self._dpis.move_to_end(dpi)
        while len(self._dpis) > 2:
            self._dpis.popitem(last=False)
        cached = self._pngs.get(key)  # rendered as the version came in: no wait for the check that follows
        if cached is not None:
            return cached
        with self.lock:
            if key not in self._pngs:
                if self.versions.get(number) is None:
                    return None
                self._pngs[key] = render_png(self.versions.pdf(number), dpi)
                while len(self._pngs) > KEEP_PNGS:
                    self._pngs.popitem(last=False)
            self._pngs.move_to_end(key)
            return self._pngs[key]

    def locate_json(self, x_mm: float, y_mm: float, number: int | None = None) -> dict | None:
        """The line at a point of a version's page: block, FILE:LINE:COL, the line's text, the YAML around it."""
        from .source import span_json

        built = self.built(number)
        if built is None:
            return None
        hit = built.sheet.hit(x_mm, y_mm)
        if hit is None:
            return {"version": built.version.number, "block": None}
        line, glyph = hit
        item = line.item
        known = [o for o in line.offsets if o is not None]
        clicked = line.offsets[glyph]
        span = span_json(
            built.result.content,
            item.block,
            known[0] if known else None,
            clicked,
            known[-1] if known else None,
        )
        return {
            "version": built.version.number,
            "block": str(item.block),
            "block_line": item.line + 1,
            "text": item.text,
            "character": item.glyphs[glyph].char if item.glyphs else "",
            "offset": clicked,
            "box": line.rect.as_json(),
            "glyph": line.glyph_rect(glyph).as_json() if item.glyphs else line.rect.as_json(),
            **span,
        }

    def compare_json(self, old: int, new: int) -> dict | None:
        """What changed from version `old` to `new`: diff's comparison (tools/diff.py), with the boxes of the
        fitting adjustments that differ."""
        sides = [self._side(n) for n in (old, new)]
        if None in sides:
            return None
        diff = compare(*sides, dpi=None)
        doc = {"old": old, "new": new, **diff_json(diff)}
        built = self.built(new)
        if built is not None and doc["adjustments"]:
            blocks = {str(a.block): a.block for b in (self.built(old), built) if b for a in b.result.report.adjustments}
            for entry in doc["adjustments"]:
                block = blocks.get(entry["block"])
                entry["boxes"] = [r.as_json() for r in built.sheet.block_rects(block)] if block else []
        return doc

    def _side(self, number: int):
        built = self.builds.get(number)
        if built is not None:
            return side_of_build(f"v{number}", built.result)
        if self.versions.get(number) is None or self.current is None:
            return None
        with self.lock:
            return read_side(f"v{number}", self.versions.pdf(number), self.current.result.layout)


def _findings(result: Result, sheet: Sheet) -> list[dict]:
    """What `check` reports of the page, each with its boxes: rule breaks and lint, the fitting's adjustments,
    overset text and the exact cuts or additions for a flow that does not fit."""
    checked = audit(result)
    content = result.content
    out = []
    for f in findings(checked):
        if isinstance(f.block, BlockId):
            if f.offset is not None:
                rects = [r for r in (sheet.at_offset(f.block, f.offset),) if r]
            else:
                rects = [s.rect for s in sheet.lines_of(f.block, f.line)] or sheet.block_rects(f.block)
        else:
            rects = [r for r in (sheet.region_rect(f.block),) if r]
        out.append(f.as_json() | {"boxes": _boxes(rects)})
    report = result.report
    for a in report.adjustments:
        out.append(_entry("fitting", a.what, a.block, adjustment_phrase(a), content, sheet.block_rects(a.block)))
    for o in report.overset:
        marks = [s.rect for s in sheet.lines if s.item.block.part == "overset" and s.item.region == o.region]
        message = _("overset: {lines} lines, {characters} characters not on the page").format(
            lines=o.lines, characters=o.chars
        )
        out.append(_entry("overset", "overset", o.block, message, content, marks or [sheet.region_rect(o.region)]))
    for s in report.suggestions:
        out.append(_entry("copyfit", s.action, s.block, phrase(s), content, sheet.block_rects(s.block)))
    for i, f in enumerate(out):
        f["id"] = i
    return out


def _entry(kind: str, rule: str, block: BlockId, message: str, content: Content, rects: list[Rect | None]) -> dict:
    return {
        "kind": kind,
        "rule": rule,
        "block": str(block),
        "location": content.where(block),
        "message": message,
        "boxes": _boxes([r for r in rects if r]),
    }


def _boxes(rects: list[Rect]) -> list[dict]:
    return [r.as_json() for r in rects]
