"""The page's versions: one kept for every rebuild whose PDF differs from the last, with its digests.

One interface (record, all, get, pdf) kept in memory here; the sign-off ledger (issue 24) keeps versions in
the project's database, and the room will use it through these same four methods.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Version:
    number: int  # from 1, in the order built
    pdf_sha256: str
    content_sha256: str
    layout_sha256: str
    built_at: str  # ISO 8601, UTC

    def as_json(self) -> dict:
        return {
            "version": self.number,
            "pdf_sha256": self.pdf_sha256,
            "content_sha256": self.content_sha256,
            "layout_sha256": self.layout_sha256,
            "built_at": self.built_at,
        }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MemoryVersions:
    """Versions of one page (content file × layout) for as long as the room runs."""

    def __init__(self) -> None:
        self._versions: list[Version] = []
        self._pdfs: dict[int, bytes] = {}

    def record(self, pdf: bytes, content: bytes, layout: bytes) -> Version:
        """A new version, or the latest one when its PDF is byte for byte this one (a save that changed nothing
        on the page, such as a YAML comment)."""
        digest = sha256(pdf)
        if self._versions and self._versions[-1].pdf_sha256 == digest:
            return self._versions[-1]
        built_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        version = Version(len(self._versions) + 1, digest, sha256(content), sha256(layout), built_at)
        self._versions.append(version)
        self._pdfs[version.number] = pdf
        return version

    def all(self) -> list[Version]:
        return list(self._versions)

    def get(self, number: int) -> Version | None:
        return self._versions[number - 1] if 1 <= number <= len(self._versions) else None

    def pdf(self, number: int) -> bytes:
        return self._pdfs[number]
