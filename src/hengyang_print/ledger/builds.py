"""`build` inside a project: the version it made, recorded in the project's ledger, and what it means for sign-off.

A build records its page when the content file lies in a project folder (one holding hengyang-print.toml)
and is not the bundled sample; HENGYANG_PRINT_LEDGER=off leaves the ledger alone (the test suite's
builds). Recording never blocks the build: the PDF is written first, and a ledger that cannot record
is a warning (the release gate then refuses the unrecorded PDF).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..paths import MARKER, is_bundled, project_root

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .model import PageRef, Status, Version

SWITCH = "HENGYANG_PRINT_LEDGER"
SHOWN = 6  # changed blocks named in a line, then "…"


def project_for(content: str | Path, root: str | Path | None = None) -> Path | None:
    """The project folder whose ledger a build of `content` records in, or None."""
    if os.environ.get(SWITCH, "").lower() in ("off", "0", "no") or is_bundled(content):
        return None
    folder = Path(root) if root else project_root(content)
    return folder if (folder / MARKER).is_file() else None


@dataclass(frozen=True, slots=True)
class Recorded:
    """A build's version as the ledger took it, and the page's status after it."""

    page: PageRef
    version: Version
    new: bool
    status: Status  # after the build

    def lines(self) -> list[str]:
        v = self.version
        if self.new:
            what = _("new, pdf {digest}…").format(digest=v.pdf_sha256[:12])
        else:
            what = _("the same PDF as before: no new version")
        out = ["ledger: " + _("{page} version {number} ({what})").format(page=self.page, number=v.number, what=what)]
        stale: dict[int, list] = {}
        for r in self.status.chain:
            if r.state == "stale":
                stale.setdefault(r.stale.version, []).append(r)
        for signed, roles in stale.items():
            changed = roles[0].changed
            listed = _(", ").join(changed[:SHOWN]) + (_(", ") + "…" if len(changed) > SHOWN else "")
            again = _("must sign again: {roles} (signed version {signed}; changed since: {changed})")
            roles = _(", ").join(r.role for r in roles)
            out.append(
                "ledger: " + again.format(roles=roles, signed=signed, changed=listed or _("no text, the PDF only"))
            )
        released = self.status.released
        if released and self.status.rebuilt_since_release:
            again = _(
                "version {released} was released to {folder}; version {number} needs the whole chain before it is"
                " released"
            )
            out.append(
                "warning: ledger: "
                + again.format(released=released.version, folder=released.destination, number=v.number)
            )
        return out

    def as_json(self) -> dict:
        return {
            "page": self.page.as_json(),
            "version": self.version.number,
            "new": self.new,
            "pdf_sha256": self.version.pdf_sha256,
            "must_sign_again": list(self.status.must_sign_again),
            "rebuilt_since_release": self.status.rebuilt_since_release,
        }


def record_build(root: Path, content: str | Path, layout: str | Path, pdf: bytes, blocks: dict[str, str]) -> Recorded:
    """Record a build of `content` × `layout` (its PDF and its blocks' texts) in the project's ledger."""
    from .ledger import Ledger, sha256_hex
    from .model import PageRef

    page = PageRef.of_files(root, content, layout)
    with Ledger.open(root) as ledger:
        before = ledger.versions(page)
        version = ledger.record_version(
            page,
            pdf_sha256=sha256_hex(pdf),
            content_sha256=sha256_hex(Path(content).read_bytes()),
            layout_sha256=sha256_hex(Path(layout).read_bytes()),
            blocks=blocks,
            pdf=pdf,
        )
        new = not before or before[-1].number != version.number
        return Recorded(page, version, new, ledger.status(page))
