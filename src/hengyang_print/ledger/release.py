"""The release gate's files: the PDF re-read and preflighted, copied to the plant's folder, a record beside it.

Ledger.release decides whether the page may go (the chain complete on its latest version, no mark
open) and records the release; this module reads and writes:
- prepare: the PDF is read once; its sha256 must be the latest version's (the bytes signed); those very
  bytes are preflighted (tools.preflight, newspaper profile) from a private copy; a file already in
  the plant's folder under the PDF's or the record's name is replaced only if it is a release of this
  page (anything else is left untouched, and the release refused).
- publish: the release record (JSON: page, version, digests, signatures, preflight summary), then the
  PDF, each written atomically; the PDF written is read back and hashed.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..atomic import write_atomically
from ..i18n import ENGLISH, _, speaking
from .errors import LedgerError, Refused
from .ledger import sha256_hex
from .model import PageRef, Status, Version

RECORD_SUFFIX = ".release.json"
RECORD_FORMAT = 1
PROFILE = "newspaper"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A PDF that passed the gate's file checks, ready to publish."""

    data: bytes
    sha256: str
    version: Version
    target: Path
    record: Path
    preflight: dict


@dataclass(frozen=True, slots=True)
class Released:
    """A release done: the PDF and the record written into the plant's folder."""

    pdf: Path
    record: Path
    record_sha256: str
    version: int
    at: str
    document: dict  # the release record as written


def prepare(source: Path, version: Version, folder: Path, max_ink: float | None, released: set[str]) -> Candidate:
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise Refused(
            _("{path}: no such PDF (build the page, or name the signed PDF with --pdf)").format(path=source)
        ) from None
    except OSError as exc:
        raise Refused(_("{path}: cannot read the PDF ({reason})").format(path=source, reason=exc.strerror)) from None
    digest = sha256_hex(data)
    if digest != version.pdf_sha256:
        raise Refused(
            _(
                "{path} is not the PDF signed: its sha256 is {digest}…, version {number}'s is {signed}… (build the"
                " page again, or name the signed PDF with --pdf)"
            ).format(path=source, digest=digest[:12], number=version.number, signed=version.pdf_sha256[:12])
        )
    target, record = folder / source.name, folder / f"{source.stem}{RECORD_SUFFIX}"
    if os.path.realpath(target) == os.path.realpath(source):
        raise Refused(_("{folder}: is the folder the PDF is in; name the plant's folder").format(folder=folder))
    ours = released | {digest}
    if _occupied(target) and sha256_hex(target.read_bytes()) not in ours:
        raise Refused(_("{path}: exists and is not a release of this page; it is left untouched").format(path=target))
    if _occupied(record) and _recorded_digest(record) not in ours:
        raise Refused(
            _("{path}: exists and is not the release record of this page; it is left untouched").format(path=record)
        )
    summary = preflight_summary(data, max_ink)
    if summary["errors"]:
        first = "; ".join(f["message"] for f in summary["findings"] if f["level"] == "error")
        raise Refused(
            _("{path}: fails preflight ({count} errors: {first}); the plant gets no such PDF").format(
                path=source, count=summary["errors"], first=first[:300]
            )
        )
    return Candidate(data, digest, version, target, record, summary)


def publish(candidate: Candidate, page: PageRef, status: Status, person: str, at: str) -> Released:
    v = candidate.version
    document = {
        "format": RECORD_FORMAT,
        "tool": f"hengyang-print {__version__}",
        "page": page.as_json(),
        "version": v.number,
        "pdf": {"file": candidate.target.name, "sha256": candidate.sha256, "bytes": len(candidate.data)},
        "content_sha256": v.content_sha256,
        "layout_sha256": v.layout_sha256,
        "built_at": v.at,
        "signatures": [
            {"role": r.role, "person": s.person, "at": s.at, "note": s.note, "pdf_sha256": s.pdf_sha256}
            for r in status.chain
            if (s := r.signature)
        ],
        "preflight": candidate.preflight,
        "released_at": at,
        "released_by": person,
    }
    text = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_atomically(candidate.record, text)  # first: a plant that takes the PDF finds its record beside it
    write_atomically(candidate.target, candidate.data)
    if sha256_hex(candidate.target.read_bytes()) != candidate.sha256:
        raise LedgerError(
            _("{path}: reads back with another digest than was written; do not send it").format(path=candidate.target)
        )
    return Released(candidate.target, candidate.record, sha256_hex(text), v.number, at, document)


def preflight_summary(data: bytes, max_ink: float | None) -> dict:
    """Preflight of these bytes (from a private copy: what is checked is what was hashed), in brief."""
    from .. import pressrules
    from ..tools.preflight import preflight

    ink = pressrules.MAX_INK if max_ink is None else max_ink
    with tempfile.TemporaryDirectory(prefix="hengyang-release-") as tmp, speaking(ENGLISH):  # the record: for programs
        path = Path(tmp) / "page.pdf"
        path.write_bytes(data)
        report = preflight(path, profile=PROFILE, max_ink=ink)
    return {
        "profile": PROFILE,
        "max_ink": ink,
        "verdict": "FAIL" if report.errors else "PASS",
        "errors": report.errors,
        "warnings": report.warnings,
        "findings": [f.as_json() for f in report.findings if f.level != "info"],
    }


def _occupied(path: Path) -> bool:
    if not os.path.lexists(path):
        return False
    if not path.is_file() or path.is_symlink():
        raise Refused(_("{path}: exists and is not a plain file; it is left untouched").format(path=path))
    return True


def _recorded_digest(record: Path) -> str | None:
    try:
        document = json.loads(record.read_text(encoding="utf-8"))
        return document["pdf"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
