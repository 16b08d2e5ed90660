"""Marks and sign-off in the room: what the API's marks and sign-off routes read and write, through the ledger.

The rules are the ledger's (ledger/ledger.py), the same the command line follows: a mark anchors to
characters of a block in one version and is resolved when they change or by hand; a role signs the latest
version only, in the chain's order, with no mark open (核红). Here: the request's fields checked, the
marks placed on the version shown (sheet.py), and the answers shaped as schema/room-marks.schema.json and
schema/room-signoff.schema.json say.
"""

from __future__ import annotations

from ..i18n import _
from ..ledger import LedgerError
from ..ledger.model import Mark

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .live import Room


class BadRequest(ValueError):
    """A request whose fields are missing or of the wrong kind (400), before the ledger is asked."""


def marks_json(room: Room, number: int | None) -> dict:
    """The page's marks, each with its boxes on version `number` (the one on screen when None)."""
    built = room.built(number)
    shown = built.version.number if built else number
    marks = room.ledger.marks(room.page)
    return {"version": shown, "marks": [_with_boxes(m, built) for m in marks]}


def _with_boxes(mark: Mark, built) -> dict:
    """A mark and where it stands on the built version: where its characters are now (the latest version) or,
    on its own version, where it was put. Elsewhere, or when its characters changed, no boxes."""
    span = None
    if built is not None:
        number = built.version.number
        if mark.anchor and mark.anchor.version == number:
            span = mark.anchor.block, mark.anchor.start, mark.anchor.end
        elif mark.version == number:
            span = mark.block, mark.start, mark.end
    block = built.sheet.named.get(span[0]) if span else None
    rects = built.sheet.span_rects(block, span[1], span[2]) if block else []
    return {"mark": mark.as_json(), "boxes": [r.as_json() for r in rects]}


def span_json(room: Room, number: int, block: str, start: int, end: int) -> dict | None:
    """Characters start:end of a block on a version in memory: the text and its boxes (a selection's preview)."""
    built = room.built(number)
    if built is None:
        return None
    found = built.sheet.named.get(block)
    text = built.sheet.texts.get(found) if found else None
    if text is None or not 0 <= start <= end <= len(text):
        raise BadRequest(
            _("{block} {start}–{end}: no such characters in version {number}").format(
                block=block, start=start, end=end, number=number
            )
        )
    rects = built.sheet.span_rects(found, start, end)
    return {
        "version": number,
        "block": block,
        "start": start,
        "end": end,
        "text": text[start:end],
        "boxes": [r.as_json() for r in rects],
    }


def add_mark(room: Room, person: str, body: dict) -> dict:
    mark = room.ledger.add_mark(
        room.page,
        version=_field(body, "version", int),
        block=_field(body, "block", str),
        start=_field(body, "start", int),
        end=_field(body, "end", int),
        note=_field(body, "note", str),
        person=person,
        role=_field(body, "role", str, required=False),
        text=_field(body, "text", str, required=False),
    )
    return _with_boxes(mark, room.built(mark.version))


def resolve_mark(room: Room, person: str, mark_id: int, body: dict) -> dict:
    """核红 by hand: a mark of this page (the ledger's ids are the project's) resolved with a note."""
    role, note = _field(body, "role", str), _field(body, "note", str)
    if all(m.id != mark_id for m in room.ledger.marks(room.page)):
        raise LedgerError(_("{page} has no mark #{id}").format(page=room.page, id=mark_id))
    mark = room.ledger.resolve_mark(mark_id, person=person, role=role, note=note)
    return _with_boxes(mark, room.current)


def signoff_json(room: Room, person: str) -> dict:
    """The chain on the latest version, the marks that block it, whether the page may be released, and what
    the person asking may sign."""
    status = room.ledger.status(room.page)
    signoff = room.ledger.signoff
    return {"person": person, "roles": list(signoff.roles_of(person)), "status": status.as_json()}


def sign(room: Room, person: str, body: dict) -> dict:
    signature = room.ledger.sign(
        room.page,
        version=_field(body, "version", int),
        role=_field(body, "role", str),
        person=person,
        note=_field(body, "note", str, required=False) or "",
    )
    return signature.as_json()


def _field(body: dict, name: str, kind: type, required: bool = True):
    value = body.get(name) if isinstance(body, dict) else None
    if value is None and not required:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        required = {int: _("{name}: a whole number is required"), str: _("{name}: a string is required")}[kind]
        raise BadRequest(required.format(name=name))
    return value
