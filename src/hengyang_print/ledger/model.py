"""The ledger's records, as plain frozen data: what the store returns and the room and the CLI show.

Times are UTC, ISO 8601 (`2026-05-09T07:36:11.123Z`). Offsets of a mark count Unicode code points of the
block's text (Python's str indices; a browser's JavaScript counts UTF-16 units, so a character beyond
the BMP, 𠮷, is one here and two there).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, ngettext
from ..paths import is_bundled
from .errors import LedgerError

OPEN, RESOLVED = "open", "resolved"


@dataclass(frozen=True, slots=True)
class PageRef:
    """A page of the project: its content file × its layout. `content` is a path relative to the project
    folder; `layout` a bundled layout's name (`broadsheet`) or a path relative to the project folder.
    Both are kept with POSIX separators, `.` and `..` collapsed, so one page has one spelling."""

    content: str
    layout: str

    def __post_init__(self) -> None:
        for name in ("content", "layout"):
            value = getattr(self, name)
            clean = posixpath.normpath(str(value).replace("\\", "/")) if value else ""
            if not clean or clean == "." or clean.startswith(("/", "../")) or clean == "..":
                if name == "layout":
                    wrong = _(
                        "page layout '{value}': name a file inside the project folder, relative to it (or a"
                        " bundled layout's name)"
                    )
                else:
                    wrong = _("page content '{value}': name a file inside the project folder, relative to it")
                raise LedgerError(wrong.format(value=value))
            object.__setattr__(self, name, clean)

    @classmethod
    def of_files(cls, root: str | Path, content: str | Path, layout: str | Path) -> PageRef:
        """The page of a content file and a layout file (a bundled layout goes by its name)."""
        root = Path(os.path.abspath(root))
        named = Path(layout).stem if is_bundled(layout) else _inside(root, layout, "layout")
        return cls(_inside(root, content, "content"), named)

    def __str__(self) -> str:
        return f"{self.content} × {self.layout}"

    def as_json(self) -> dict:
        return {"content": self.content, "layout": self.layout}


def _inside(root: Path, path: str | Path, kind: str) -> str:
    full = Path(os.path.abspath(path))
    if not full.is_relative_to(root):
        if kind == "layout":
            outside = _("{path}: the layout lies outside the project folder {root}; the ledger names files inside it")
        else:
            outside = _("{path}: the content lies outside the project folder {root}; the ledger names files inside it")
        raise LedgerError(outside.format(path=path, root=root))
    return full.relative_to(root).as_posix()


@dataclass(frozen=True, slots=True)
class Version:
    """One build of a page whose PDF differs from the build before it. `number` counts 1, 2, … per page."""

    number: int
    pdf_sha256: str
    content_sha256: str
    layout_sha256: str
    pdf_bytes: int | None  # its size; None when the PDF bytes were not kept
    at: str
    person: str

    def as_json(self) -> dict:
        return {
            "number": self.number,
            "pdf_sha256": self.pdf_sha256,
            "content_sha256": self.content_sha256,
            "layout_sha256": self.layout_sha256,
            "pdf_bytes": self.pdf_bytes,
            "at": self.at,
            "person": self.person,
        }


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a mark's characters are in a version: block and offsets (end exclusive)."""

    version: int
    block: str
    start: int
    end: int

    def as_json(self) -> dict:
        return {"version": self.version, "block": self.block, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Resolution:
    """A person's word that a mark is dealt with (核红 by hand), with their role and a note."""

    person: str
    role: str
    note: str
    at: str

    def as_json(self) -> dict:
        return {"person": self.person, "role": self.role, "note": self.note, "at": self.at}


@dataclass(frozen=True, slots=True)
class Mark:
    """A proofreader's mark on characters of a block (start == end: a point), with a note (删, 改为“……”, 疑).

    It is resolved when its characters changed in a later version (`resolved_in` names that version) or
    when a person resolved it (`resolved_by`). `anchor` is where its characters are in the latest version
    (None once they changed)."""

    id: int
    version: int
    block: str
    start: int
    end: int
    text: str
    note: str
    person: str
    role: str | None
    at: str
    resolved_in: int | None = None
    resolved_by: Resolution | None = None
    anchor: Anchor | None = None

    @property
    def state(self) -> str:
        return RESOLVED if self.resolved_in is not None or self.resolved_by is not None else OPEN

    def describe(self) -> str:
        """One line: `#3 items[2].body[0] 4–9 “衡阳市” 改为“衡阳县” (王芳, version 3)`."""
        where = f"{self.start}–{self.end}" if self.end > self.start else _("at {offset}").format(offset=self.start)
        quoted = f" “{self.text}”" if self.text else ""
        by = _("({person}, version {version})").format(person=self.person, version=self.version)
        return f"#{self.id} {self.block} {where}{quoted} {self.note} {by}"

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "version": self.version,
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "note": self.note,
            "person": self.person,
            "role": self.role,
            "at": self.at,
            "state": self.state,
            "resolved_in": self.resolved_in,
            "resolved_by": self.resolved_by.as_json() if self.resolved_by else None,
            "anchor": self.anchor.as_json() if self.anchor else None,
        }


@dataclass(frozen=True, slots=True)
class Revocation:
    """Who revoked a signature, and why."""

    person: str
    note: str
    at: str

    def as_json(self) -> dict:
        return {"person": self.person, "note": self.note, "at": self.at}


@dataclass(frozen=True, slots=True)
class Signature:
    """A role's signature on one version, bound to that version's PDF digest (copied into the record)."""

    id: int
    version: int
    role: str
    person: str
    note: str
    pdf_sha256: str
    at: str
    revoked: Revocation | None = None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "version": self.version,
            "role": self.role,
            "person": self.person,
            "note": self.note,
            "pdf_sha256": self.pdf_sha256,
            "at": self.at,
            "revoked": self.revoked.as_json() if self.revoked else None,
        }


@dataclass(frozen=True, slots=True)
class Release:
    """A version's PDF copied to the plant's folder by the release gate, with its record beside it."""

    id: int
    version: int
    pdf_sha256: str
    destination: str
    record_sha256: str
    person: str
    at: str

    def as_json(self) -> dict:
        return {
            "version": self.version,
            "pdf_sha256": self.pdf_sha256,
            "destination": self.destination,
            "record_sha256": self.record_sha256,
            "person": self.person,
            "at": self.at,
        }


@dataclass(frozen=True, slots=True)
class Refusal:
    """An action the ledger refused (or the room refused: a login), kept like everything else."""

    id: int
    page: PageRef | None
    action: str  # sign | revoke | mark | resolve | release | login
    person: str
    role: str | None
    reason: str
    at: str


@dataclass(frozen=True, slots=True)
class BlockChange:
    """A block whose text differs between two versions (`before` None: added; `after` None: removed)."""

    block: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class RoleState:
    """One link of the chain on the latest version: its signature there, or the stale one to renew."""

    role: str
    holders: tuple[str, ...] | None  # who may hold it; None: people are not configured (anyone may)
    signature: Signature | None  # valid: on the latest version, not revoked
    stale: Signature | None  # its latest signature on an older version, when it has none on the latest
    changed: tuple[str, ...] = ()  # blocks changed since the stale signature's version

    @property
    def state(self) -> str:
        return "signed" if self.signature else "stale" if self.stale else "unsigned"

    def as_json(self) -> dict:
        return {
            "role": self.role,
            "holders": list(self.holders) if self.holders is not None else None,
            "state": self.state,
            "signature": self.signature.as_json() if self.signature else None,
            "stale": self.stale.as_json() if self.stale else None,
            "changed": list(self.changed),
        }


@dataclass(frozen=True, slots=True)
class Status:
    """Where a page stands: the chain on its latest version, open marks, and whether it may be released."""

    page: PageRef
    latest: Version | None
    chain: tuple[RoleState, ...]
    marks: tuple[Mark, ...]
    people_configured: bool
    released: Release | None  # the latest release of this page

    @property
    def open_marks(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.state == OPEN)

    @property
    def next_role(self) -> str | None:
        """The first role of the chain without a valid signature on the latest version."""
        return next((r.role for r in self.chain if r.signature is None), None)

    @property
    def must_sign_again(self) -> tuple[str, ...]:
        return tuple(r.role for r in self.chain if r.state == "stale")

    @property
    def rebuilt_since_release(self) -> bool:
        return bool(self.released and self.latest and self.released.version != self.latest.number)

    @property
    def missing(self) -> tuple[str, ...]:
        """What stands between the latest version and its release, one sentence each; () when nothing."""
        if self.latest is None:
            return (_("no version is recorded: build the page"),)
        out = []
        if self.must_sign_again:
            again = _("{roles} must sign version {number} again")
            out.append(again.format(roles=_(", ").join(self.must_sign_again), number=self.latest.number))
        unsigned = [r.role for r in self.chain if r.state == "unsigned"]
        if unsigned:
            out.append(
                ngettext("{roles} has not signed", "{roles} have not signed", len(unsigned)).format(
                    roles=_(", ").join(unsigned)
                )
            )
        if self.open_marks:
            n = len(self.open_marks)
            marks = _(", ").join(f"#{m.id}" for m in self.open_marks)
            out.append(
                ngettext("{count} mark is open: {marks}", "{count} marks are open: {marks}", n).format(
                    count=n, marks=marks
                )
            )
        return tuple(out)

    @property
    def releasable(self) -> bool:
        return not self.missing

    def as_json(self) -> dict:
        return {
            "page": self.page.as_json(),
            "latest": self.latest.as_json() if self.latest else None,
            "people_configured": self.people_configured,
            "chain": [r.as_json() for r in self.chain],
            "next_role": self.next_role,
            "must_sign_again": list(self.must_sign_again),
            "marks": [m.as_json() for m in self.marks],
            "open_marks": len(self.open_marks),
            "releasable": self.releasable,
            "missing": list(self.missing),
            "released": self.released.as_json() if self.released else None,
            "rebuilt_since_release": self.rebuilt_since_release,
        }
