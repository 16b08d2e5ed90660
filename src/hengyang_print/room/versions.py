"""The page's versions: one for every rebuild whose PDF differs from the last, with its digests.

One interface (record, all, get, pdf), two keepers:
- LedgerVersions: the project's sign-off ledger (ledger/), so versions outlive the room and are the ones
  `status`, `sign` and `release` see; each version's PDF is kept there by digest and its blocks' texts too
  (what marks anchor to);
- MemoryVersions: for a page outside a project (the bundled sample), for as long as the room runs; such a
  page has no marks and no sign-off.
Both hand out the ledger's Version records.
"""

from __future__ import annotations

from ..ledger.ledger import sha256_hex, utc_now
from ..ledger.model import PageRef, Version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..ledger import Ledger


def version_json(v: Version) -> dict:
    """schema/room-versions.schema.json#/definitions/version."""
    return {
        "version": v.number,
        "pdf_sha256": v.pdf_sha256,
        "content_sha256": v.content_sha256,
        "layout_sha256": v.layout_sha256,
        "built_at": v.at,
        "person": v.person,
    }


class LedgerVersions:
    """The versions of one page as the project's ledger records them."""

    def __init__(self, ledger: Ledger, page: PageRef) -> None:
        self.ledger, self.page = ledger, page

    def record(self, pdf: bytes, content: bytes, layout: bytes, blocks: dict[str, str]) -> Version:
        """A new version, or the latest one when its PDF is byte for byte this one."""
        return self.ledger.record_version(
            self.page,
            pdf_sha256=sha256_hex(pdf),
            content_sha256=sha256_hex(content),
            layout_sha256=sha256_hex(layout),
            blocks=blocks,
            pdf=pdf,
        )

    def all(self) -> list[Version]:
        return self.ledger.versions(self.page)

    def get(self, number: int) -> Version | None:
        return next((v for v in self.all() if v.number == number), None)

    def pdf(self, number: int) -> bytes:
        return self.ledger.pdf(self.page, number)


class MemoryVersions:
    """Versions of a page outside any project, for as long as the room runs."""

    def __init__(self, person: str = "") -> None:
        self.person = person
        self._versions: list[Version] = []
        self._pdfs: dict[int, bytes] = {}

    def record(self, pdf: bytes, content: bytes, layout: bytes, blocks: dict[str, str]) -> Version:
        digest = sha256_hex(pdf)
        if self._versions and self._versions[-1].pdf_sha256 == digest:
            return self._versions[-1]
        number = len(self._versions) + 1
        version = Version(number, digest, sha256_hex(content), sha256_hex(layout), len(pdf), utc_now(), self.person)
        self._versions.append(version)
        self._pdfs[number] = pdf
        return version

    def all(self) -> list[Version]:
        return list(self._versions)

    def get(self, number: int) -> Version | None:
        return self._versions[number - 1] if 1 <= number <= len(self._versions) else None

    def pdf(self, number: int) -> bytes:
        return self._pdfs[number]
