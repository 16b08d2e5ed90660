"""The sign-off ledger of a project: the versions, marks, signatures and releases of its pages, and the rules.

`Ledger.open(project_root)` opens <project>/.hengyang/ledger.sqlite3 (made and migrated on first use);
its methods are what the CLI and the proof room call. The rules are here, the SQL in store.py, the
chain and its people in signoff.py, how a mark follows its characters in anchor.py.

- A version is a build whose PDF digest differs from the page's latest; its PDF bytes are kept by
  digest (.hengyang/pdfs/<sha256>.pdf), so what was signed stays readable.
- A mark is open until its characters change in a later version (anchor.py) or a person of its pass,
  or a later one, resolves it with a note.
- A signature binds a role to the latest version's PDF digest. It is refused unless the person may hold
  the role, the version is the latest, every earlier role of the chain has signed that version, and no
  mark is open (核红). A new version leaves every signature on the older ones stale.
- The ledger is append-only: a revocation, a resolution or a release is a new record. Every refusal is
  recorded too, in the transaction that checked and refused.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import write_atomically
from ..i18n import _, ngettext
from ..paths import MARKER
from .anchor import Span, trace
from .errors import LedgerError, Refused
from .model import (
    OPEN,
    RESOLVED,
    Anchor,
    BlockChange,
    Mark,
    PageRef,
    Refusal,
    Release,
    Revocation,
    RoleState,
    Signature,
    Status,
    Version,
)
from .signoff import Signoff, read_signoff
from .store import BUSY_SECONDS, Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from .release import Released

FOLDER = ".hengyang"  # in the project folder: the ledger and the PDFs it keeps
FILE = "ledger.sqlite3"
SHA256 = re.compile(r"[0-9a-f]{64}")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Ledger:
    """A project's ledger: `Ledger.open(project_root)`; a context manager that closes its connections.
    One Ledger may serve many threads (each gets its own connection); processes each open their own."""

    def __init__(self, root: Path, store: Store, signoff: Signoff):
        self.root, self.signoff, self._store = root, signoff, store

    @classmethod
    def open(cls, project_root: str | Path, timeout: float = BUSY_SECONDS) -> Ledger:
        """The ledger of the project whose folder (holding hengyang-print.toml) is `project_root`."""
        root = Path(os.path.abspath(project_root))
        if not (root / MARKER).is_file():
            raise LedgerError(
                _(
                    "{folder}: not a project folder (no {marker}); the ledger lives in a project: name the folder"
                    " holding the marker, or make one with `hengyang-print init`"
                ).format(folder=root, marker=MARKER)
            )
        signoff = read_signoff(root)
        return cls(root, Store.open(root / FOLDER / FILE, timeout), signoff)

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def schema(self) -> int:
        """The ledger's schema number (PRAGMA user_version: the migrations applied)."""
        return self._store.schema

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ versions

    def record_version(
        self,
        page: PageRef,
        *,
        pdf_sha256: str,
        content_sha256: str,
        layout_sha256: str,
        blocks: Mapping[str, str],
        pdf: bytes | None = None,
        person: str | None = None,
    ) -> Version:
        """A new version of `page`, or its latest when the PDF digest is the same (an edit that changed no
        byte of the PDF is no new version). `blocks`: every text block's id and text, in reading order.
        `pdf`: the bytes, kept by digest (they must have that digest)."""
        for name, digest in (("pdf", pdf_sha256), ("content", content_sha256), ("layout", layout_sha256)):
            if not isinstance(digest, str) or not SHA256.fullmatch(digest):
                raise LedgerError(
                    _("{key} '{digest}': not a SHA-256 digest (64 lowercase hex digits)").format(
                        key=f"{name}_sha256", digest=digest
                    )
                )
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in blocks.items()):
            raise LedgerError(_("blocks: each block id and text must be a string"))
        if pdf is not None:
            if sha256_hex(pdf) != pdf_sha256:
                raise LedgerError(
                    _("the PDF given does not have the digest given ({digest}…); nothing recorded").format(
                        digest=pdf_sha256[:12]
                    )
                )
            self._keep(pdf, pdf_sha256)  # before the version that names it: a version never names bytes not kept
        with self._store.writing():
            page_id = self._store.page_id(page, create=True)
            versions = self._store.versions(page_id)
            if versions and versions[-1].pdf_sha256 == pdf_sha256:
                return versions[-1]
            return self._store.add_version(
                page_id,
                (pdf_sha256, content_sha256, layout_sha256),
                len(pdf) if pdf is not None else None,
                person or self.signoff.local_user,
                utc_now(),
                dict(blocks),
            )

    def versions(self, page: PageRef) -> list[Version]:
        with self._store.reading():
            page_id = self._store.page_id(page)
            return self._store.versions(page_id) if page_id is not None else []

    def version(self, page: PageRef, number: int | None = None) -> Version:
        """Version `number` of the page (its latest when None)."""
        versions = self.versions(page)
        if not versions:
            raise self._unknown(page)
        if number is None:
            return versions[-1]
        found = next((v for v in versions if v.number == number), None)
        if found is None:
            raise LedgerError(
                _("{page}: no version {number} (versions 1–{last})").format(
                    page=page, number=number, last=versions[-1].number
                )
            )
        return found

    def blocks(self, page: PageRef, number: int) -> dict[str, str]:
        """Version `number`'s text blocks, {block id: text}, in reading order."""
        with self._store.reading():
            return self._store.blocks(self._version_id(self._page_id(page), number))

    def pdf(self, page: PageRef, number: int) -> bytes:
        """Version `number`'s PDF as kept, checked against its digest."""
        version = self.version(page, number)
        path = self.pdf_path(version.pdf_sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise LedgerError(
                _("{page}: the PDF of version {number} was not kept ({path} is missing)").format(
                    page=page, number=number, path=path
                )
            ) from None
        if sha256_hex(data) != version.pdf_sha256:
            raise LedgerError(
                _("{path}: damaged: its bytes no longer have the digest of version {number}").format(
                    path=path, number=number
                )
            )
        return data

    def pdf_path(self, pdf_sha256: str) -> Path:
        return self.path.parent / "pdfs" / f"{pdf_sha256}.pdf"

    def changes(self, page: PageRef, since: int, until: int | None = None) -> list[BlockChange]:
        """Blocks whose text differs from version `since` to `until` (the latest when None)."""
        with self._store.reading():
            page_id = self._page_id(page)
            until = until or self._store.versions(page_id)[-1].number
            return _changes(
                self._store.blocks(self._version_id(page_id, since)),
                self._store.blocks(self._version_id(page_id, until)),
            )

    def pages(self) -> list[PageRef]:
        with self._store.reading():
            return self._store.pages()

    def _keep(self, pdf: bytes, digest: str) -> None:
        path = self.pdf_path(digest)
        try:
            if path.stat().st_size == len(pdf) and sha256_hex(path.read_bytes()) == digest:
                return
        except FileNotFoundError:
            pass
        write_atomically(path, pdf)

    # ------------------------------------------------------------ marks

    def add_mark(
        self,
        page: PageRef,
        *,
        version: int,
        block: str,
        start: int,
        end: int,
        note: str,
        person: str,
        role: str | None = None,
        text: str | None = None,
    ) -> Mark:
        """A mark on characters start:end (code points; start == end: a point) of `block` in `version`.
        `text`, when given, must be the characters there (what the proofreader saw); `role`, when given,
        is the pass the mark belongs to (who may resolve it by hand: that role or a later one)."""
        with self._action("mark", person, role, page):
            page_id = self._page_id(page)
            version_id = self._version_id(page_id, version)
            body = self._store.blocks(version_id).get(block)
            if body is None:
                raise LedgerError(
                    _("{page}: version {version} has no block '{block}'").format(
                        page=page, version=version, block=block
                    )
                )
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(body)):
                raise LedgerError(
                    _("{block}: characters {start}–{end} are outside its {count} characters").format(
                        block=block, start=start, end=end, count=len(body)
                    )
                )
            if text is not None and body[start:end] != text:
                raise LedgerError(
                    _("{block} {start}–{end}: the characters there are “{there}”, not “{text}”").format(
                        block=block, start=start, end=end, there=body[start:end], text=text
                    )
                )
            if not note.strip():
                raise LedgerError(_("a mark needs a note (删, 改为“……”, 疑 …)"))
            if role is not None:
                _refuse_if(self.signoff.why_not(person, role))
            elif self.signoff.people_configured and not self.signoff.roles_of(person):
                raise Refused(
                    _("{person} holds no role in [signoff.roles] ({file})").format(
                        person=person, file=self.signoff.source
                    )
                )
            mark_id = self._store.add_mark(
                version_id, block, (start, end), body[start:end], note, person, role, utc_now()
            )
        return self.mark(mark_id)

    def marks(self, page: PageRef) -> list[Mark]:
        """The page's marks in the order they were made, each with its state and where it is now."""
        with self._store.reading():
            page_id = self._store.page_id(page)
            return self._marks(page_id) if page_id is not None else []

    def mark(self, mark_id: int) -> Mark:
        with self._store.reading():
            found = self._store.mark(mark_id)
            if found is None:
                raise LedgerError(_("no mark #{id} in {ledger}").format(id=mark_id, ledger=self.path))
            return next(m for m in self._marks(found[0]) if m.id == mark_id)

    def resolve_mark(self, mark_id: int, *, person: str, role: str, note: str) -> Mark:
        """Resolve a mark by hand (its characters did not change, and need not): a person of the mark's
        pass or a later one, with a note saying what was checked."""
        with self._action("resolve", person, role) as act:
            mark = self.mark(mark_id)
            act.page_id = self._store.mark(mark_id)[0]
            _refuse_if(self.signoff.why_not(person, role))
            if mark.role in self.signoff.chain and self.signoff.rank(role) < self.signoff.rank(mark.role):
                raise Refused(
                    _(
                        "mark #{id} belongs to the {pass_} pass: it is resolved by {pass_} or a later role, not {role}"
                    ).format(id=mark_id, pass_=mark.role, role=role)
                )
            if mark.state == RESOLVED:
                if mark.resolved_in:
                    how = _("in version {number}").format(number=mark.resolved_in)
                else:
                    how = _("by {person}").format(person=mark.resolved_by.person)
                raise Refused(_("mark #{id} is resolved already ({how})").format(id=mark_id, how=how))
            if not note.strip():
                raise Refused(_("resolving a mark by hand needs a note (what was checked)"))
            self._store.add_resolution(mark_id, person, role, note, utc_now())
        return self.mark(mark_id)

    def _marks(self, page_id: int) -> list[Mark]:
        """Marks with their state: each followed from its version to the latest (anchor.py)."""
        raw = self._store.marks(page_id)
        if not raw:
            return []
        latest = self._store.versions(page_id)[-1].number
        blocks: dict[int, dict[str, str]] = {}

        def of(number: int) -> dict[str, str]:
            if number not in blocks:
                blocks[number] = self._store.blocks(self._version_id(page_id, number))
            return blocks[number]

        out = []
        for m in raw:
            steps = ((n, of(n)) for n in range(m.version, latest + 1))
            span, changed_in = trace(Span(m.block, m.start, m.end), steps)
            anchor = Anchor(latest, span.block, span.start, span.end) if span else None
            out.append(dataclasses.replace(m, resolved_in=changed_in, anchor=anchor))
        return out

    # ------------------------------------------------------------ signatures

    def sign(self, page: PageRef, *, version: int, role: str, person: str, note: str = "") -> Signature:
        """`person` signs `role` on `version`, which must be the latest: the signature binds its PDF digest."""
        with self._action("sign", person, role, page):
            page_id = self._page_id(page)
            latest = self._store.versions(page_id)[-1]
            _refuse_if(self.signoff.why_not(person, role))
            if version != latest.number:
                raise Refused(
                    _(
                        "version {version} is not the latest of {page}: version {latest} is (built {at}); a signature"
                        " covers the latest PDF: read version {latest} and sign that"
                    ).format(version=version, page=page, latest=latest.number, at=latest.at)
                )
            signed = _valid(self._store.signatures(page_id), latest)
            if role in signed:
                s = signed[role]
                raise Refused(
                    _("{role} has signed version {version} already ({person}, {at}); revoke it to sign again").format(
                        role=role, version=version, person=s.person, at=s.at
                    )
                )
            earlier = [r for r in self.signoff.chain[: self.signoff.rank(role)] if r not in signed]
            if earlier:
                raise Refused(
                    ngettext(
                        "{role} signs after {earlier}: it has not signed version {version} (the chain: {chain})",
                        "{role} signs after {earlier}: they have not signed version {version} (the chain: {chain})",
                        len(earlier),
                    ).format(
                        role=role, earlier=_(", ").join(earlier), version=version, chain=" → ".join(self.signoff.chain)
                    )
                )
            open_marks = [m for m in self._marks(page_id) if m.state == OPEN]
            if open_marks:
                listed = "; ".join(m.describe() for m in open_marks[:5]) + ("; …" if len(open_marks) > 5 else "")
                raise Refused(
                    "核红: "
                    + ngettext(
                        "{count} mark is open on {page}: {marks}. A mark resolves when its characters change in a new"
                        " version, or by hand with a note",
                        "{count} marks are open on {page}: {marks}. A mark resolves when its characters change in a"
                        " new version, or by hand with a note",
                        len(open_marks),
                    ).format(count=len(open_marks), page=page, marks=listed)
                )
            at = utc_now()
            sid = self._store.add_signature(
                self._version_id(page_id, version), role, person, note, latest.pdf_sha256, at
            )
        return Signature(sid, version, role, person, note, latest.pdf_sha256, at)

    def revoke(self, page: PageRef, *, role: str, person: str, note: str, version: int | None = None) -> Signature:
        """Revoke `role`'s signature on `version` (the latest when None): by its signer, or by a person who
        may hold that role or a later one. The signature stays in the ledger, marked revoked."""
        with self._action("revoke", person, role, page):
            page_id = self._page_id(page)
            versions = self._store.versions(page_id)
            number = version or versions[-1].number
            mine = [
                s for s in self._store.signatures(page_id) if s.role == role and s.version == number and not s.revoked
            ]
            if not mine:
                raise Refused(
                    _("{role} has no signature on version {number} of {page} to revoke").format(
                        role=role, number=number, page=page
                    )
                )
            signature = mine[-1]
            later = self.signoff.chain[self.signoff.rank(role) :] if role in self.signoff.chain else ()
            if person != signature.person and not any(self.signoff.may_hold(person, r) for r in later):
                raise Refused(
                    _(
                        "{person} may not revoke {role}'s signature: its signer ({signer}) may, or a holder of {role}"
                        " or a later role"
                    ).format(person=person, role=role, signer=signature.person)
                )
            if not note.strip():
                raise Refused(_("a revocation needs a note saying why"))
            at = utc_now()
            self._store.add_revocation(signature.id, person, note, at)
        return dataclasses.replace(signature, revoked=Revocation(person, note, at))

    def signatures(self, page: PageRef) -> list[Signature]:
        with self._store.reading():
            page_id = self._store.page_id(page)
            return self._store.signatures(page_id) if page_id is not None else []

    def status(self, page: PageRef) -> Status:
        """The chain on the latest version (with stale signatures and what changed since), the marks, the
        last release, and whether the latest version may be released (Status.releasable, Status.missing)."""
        with self._store.reading():
            page_id = self._store.page_id(page)
            versions = self._store.versions(page_id) if page_id is not None else []
            if not versions:
                chain = tuple(RoleState(r, self.signoff.who_may_hold(r), None, None) for r in self.signoff.chain)
                return Status(page, None, chain, (), self.signoff.people_configured, None)
            latest = versions[-1]
            signatures = self._store.signatures(page_id)
            valid = _valid(signatures, latest)
            latest_blocks = self._store.blocks(self._version_id(page_id, latest.number))
            changed_since: dict[int, tuple[str, ...]] = {}  # roles that signed one older version share it
            chain = []
            for role in self.signoff.chain:
                stale = None
                if role not in valid:
                    stale = next((s for s in reversed(signatures) if s.role == role and not s.revoked), None)
                changed = ()
                if stale:
                    if stale.version not in changed_since:
                        before = self._store.blocks(self._version_id(page_id, stale.version))
                        changed_since[stale.version] = tuple(c.block for c in _changes(before, latest_blocks))
                    changed = changed_since[stale.version]
                chain.append(RoleState(role, self.signoff.who_may_hold(role), valid.get(role), stale, changed))
            releases = self._store.releases(page_id)
            return Status(
                page,
                latest,
                tuple(chain),
                tuple(self._marks(page_id)),
                self.signoff.people_configured,
                releases[-1] if releases else None,
            )

    # ------------------------------------------------------------ releases and refusals

    def release(
        self,
        page: PageRef,
        *,
        pdf: str | Path,
        folder: str | Path,
        person: str | None = None,
        max_ink: float | None = None,
    ) -> Released:
        """The release gate: copy `pdf` to `folder` only when the chain is complete on the latest version and
        `pdf` is that version's PDF (re-read, hashed and preflighted here), with a release record (JSON)
        beside it. Refused (and recorded) otherwise."""
        from . import release as gate

        person = person or self.signoff.local_user
        with self._action("release", person, None, page, write=False):  # preflight takes a second: no lock held
            status = self.status(page)
            if not status.releasable:
                raise Refused(
                    _("{page} cannot be released: {reasons}").format(page=page, reasons="; ".join(status.missing))
                )
            candidate = gate.prepare(Path(pdf), status.latest, Path(folder), max_ink, self._released_digests(page))
        with self._action("release", person, None, page):
            now = self.status(page)  # again, under the write lock: nothing changed since the checks
            if now.latest != status.latest or not now.releasable:
                raise Refused(
                    _("{page} changed while it was being released: {reasons}").format(
                        page=page, reasons="; ".join(now.missing or [_("a new version")])
                    )
                )
            released = gate.publish(candidate, page, now, person, utc_now())
            version_id = self._version_id(self._page_id(page), now.latest.number)
            self._store.add_release(
                version_id, candidate.sha256, str(released.pdf), released.record_sha256, person, released.at
            )
        return released

    def releases(self, page: PageRef) -> list[Release]:
        with self._store.reading():
            page_id = self._store.page_id(page)
            return self._store.releases(page_id) if page_id is not None else []

    def _released_digests(self, page: PageRef) -> set[str]:
        return {r.pdf_sha256 for r in self.releases(page)}

    def log_refusal(
        self, person: str, action: str, reason: str, page: PageRef | None = None, role: str | None = None
    ) -> None:
        """Record a refusal decided outside the ledger (the proof room's refused login, a CSRF failure)."""
        with self._store.writing():
            page_id = self._store.page_id(page) if page else None
            self._store.add_refusal(page_id, action, person, role, reason, utc_now())

    def refusals(self, page: PageRef | None = None) -> list[Refusal]:
        with self._store.reading():
            if page is None:
                return self._store.refusals()
            page_id = self._store.page_id(page)
            return self._store.refusals(page_id) if page_id is not None else []

    @contextlib.contextmanager
    def _action(
        self, action: str, person: str, role: str | None, page: PageRef | None = None, write: bool = True
    ) -> Iterator[_Act]:
        """An action whose checks all come before its writes, in one write transaction (unless `write` is
        False). A Refused raised inside is recorded in the ledger, in that same transaction (which then
        holds the refusal alone) or in one of its own, and raised again once that is committed."""
        act = _Act()
        refused = None
        with self._store.writing() if write else contextlib.nullcontext():
            try:
                yield act
            except Refused as exc:
                refused = exc
                with self._store.writing():  # the transaction above, or one of its own
                    page_id = act.page_id if act.page_id is not None else self._store.page_id(page) if page else None
                    self._store.add_refusal(page_id, action, person or "?", role, "; ".join(exc.messages), utc_now())
        if refused:
            raise refused

    def _page_id(self, page: PageRef) -> int:
        page_id = self._store.page_id(page)
        if page_id is None:
            raise self._unknown(page)
        return page_id

    def _version_id(self, page_id: int, number: int) -> int:
        version_id = self._store.version_id(page_id, number)
        if version_id is None:
            raise LedgerError(_("{page}: no version {number}").format(page=self._store.page(page_id), number=number))
        return version_id

    def _unknown(self, page: PageRef) -> LedgerError:
        return LedgerError(
            _("{page}: no version is recorded in {ledger} (build the page inside the project first)").format(
                page=page, ledger=self.path
            )
        )


class _Act:
    """What an action learns while it runs that its refusal record needs: the page (resolve finds it by mark)."""

    page_id: int | None = None


def _refuse_if(reason: str | None) -> None:
    if reason:
        raise Refused(reason)


def _valid(signatures: list[Signature], latest: Version) -> dict[str, Signature]:
    """Each role's signature on the latest version's bytes, not revoked."""
    return {
        s.role: s
        for s in signatures
        if s.version == latest.number and s.pdf_sha256 == latest.pdf_sha256 and not s.revoked
    }


def _changes(before: dict[str, str], after: dict[str, str]) -> list[BlockChange]:
    changed = [BlockChange(b, before.get(b), t) for b, t in after.items() if before.get(b) != t]
    return changed + [BlockChange(b, t, None) for b, t in before.items() if b not in after]
