"""The ledger's database: the one module that speaks SQL (SQLite, from the standard library).

The rest of ledger/ asks a Store for records (model.py) and never sees SQL; a server database
(PostgreSQL) would replace this module alone. The file is run for a few writers at once:
- WAL: readers never wait for the writer, and a killed writer's transaction is simply not there;
- synchronous=FULL: a signature the ledger acknowledged survives a power cut, not only a crash;
- busy_timeout: a writer waits its turn instead of failing;
- every write is one `BEGIN IMMEDIATE` transaction, the write lock taken up front, so the checks a
  signature must pass and its insert are one step: no other writer lands between them.
The schema is numbered by `PRAGMA user_version` and built by the .sql files in migrations/, each
applied whole in one transaction; `PRAGMA application_id` marks the file as a ledger. A file that is
not SQLite, another program's database, a newer schema or a damaged file is a LedgerError naming the
file; it is never recreated or changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import quote

from ..i18n import _
from .errors import LedgerError
from .model import Mark, PageRef, Refusal, Release, Resolution, Revocation, Signature, Version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

APPLICATION_ID = 0x48594C47  # 'HYLG', set by migration 1
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_SECONDS = 30.0  # how long a writer waits for another's transaction before it gives up


def migrations() -> list[Path]:
    """migrations/NNNN_name.sql in order; migration n takes the schema from n - 1 to n."""
    found = sorted(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql"))
    if [int(p.name[:4]) for p in found] != list(range(1, len(found) + 1)):
        raise LedgerError(f"{MIGRATIONS}: migrations must be numbered 0001, 0002, … without a gap")
    return found


def statements(sql: str) -> list[str]:
    """A migration's statements, cut where SQLite says one is complete (a trigger's BEGIN … END stays whole)."""
    out, pending = [], ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if any(line.strip() and not line.strip().startswith("--") for line in pending.splitlines()):
        raise LedgerError(f"a migration ends in an incomplete statement: {pending.strip()[:80]}")
    return out


class Store:
    """One ledger file. Each thread gets its own connection (made on first use); close() ends them all."""

    def __init__(self, path: Path, timeout: float = BUSY_SECONDS):
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # writers of this process queue here rather than in SQLite's busy handler, which polls with
        # sleeps up to 100 ms: eight threads writing at once waited up to 3.6 s for their turn, now ~0.1 s
        self._writer = threading.Lock()
        self._pid = os.getpid()

    @classmethod
    def open(cls, path: Path, timeout: float = BUSY_SECONDS) -> Store:
        """The ledger at `path`, made and migrated if it does not exist; a LedgerError if it is not ours."""
        store = cls(path, timeout)
        store.admit()
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
        return store

    # ------------------------------------------------------------ connections and transactions

    def connection(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # a forked child: the parent's connections are never used (nor closed) here
            self._local, self._connections, self._pid = threading.local(), [], os.getpid()
            self._writer = threading.Lock()
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._errors():
                # isolation_level None: no implicit transactions; reading() and writing() open them
                conn = sqlite3.connect(
                    f"file:{quote(str(self.path))}?mode=rwc",
                    uri=True,
                    timeout=self.timeout,
                    isolation_level=None,
                    check_same_thread=False,  # close() may run in another thread; a connection is never shared
                )
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA synchronous = FULL")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction, the write lock taken at its start (waiting up to `timeout` for it)."""
        if self.connection().in_transaction:  # nested in another: part of it
            yield
            return
        if not self._writer.acquire(timeout=self.timeout):
            busy = _("{path}: the ledger is busy: another thread held it for {seconds} s")
            raise LedgerError(busy.format(path=self.path, seconds=f"{self.timeout:g}"))
        try:
            with self._transaction("BEGIN IMMEDIATE"):
                yield
        finally:
            self._writer.release()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: every query inside sees the same snapshot."""
        with self._transaction("BEGIN"):
            yield

    @contextlib.contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        conn = self.connection()
        if conn.in_transaction:  # nested in another: part of it
            yield
            return
        with self._errors():
            conn.execute(begin)
            try:
                yield
            except BaseException:
                conn.rollback()
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """SQLite's errors as LedgerErrors naming the file."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                busy = _("{path}: the ledger is busy: another writer held it for {seconds} s (try again)")
                raise LedgerError(busy.format(path=self.path, seconds=f"{self.timeout:g}")) from None
            unusable = _("{path}: the ledger cannot be used: {reason}")
            raise LedgerError(unusable.format(path=self.path, reason=text)) from None
        except sqlite3.IntegrityError as exc:  # the append-only triggers, a constraint: a bug of ours, said plainly
            raise LedgerError(
                _("{path}: the ledger refused a write: {reason}").format(path=self.path, reason=exc)
            ) from None
        except sqlite3.DatabaseError as exc:
            raise self._damaged(str(exc)) from None

    def _damaged(self, why: str) -> LedgerError:
        return LedgerError(
            _(
                "{path}: damaged ledger ({reason}); it is left untouched: restore it from a backup, or move it aside"
                " to start a new ledger (its versions, marks and signatures stay in the old file)"
            ).format(path=self.path, reason=why)
        )

    # ------------------------------------------------------------ is it ours; migrations

    def admit(self) -> None:
        """Refuse a file that is not a ledger of ours before SQLite writes anything to it."""
        try:
            with open(self.path, "rb") as f:
                head = f.read(len(SQLITE_HEADER))
        except FileNotFoundError:  # a new ledger (an empty file passes the checks below as one too)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            head = b""
        except OSError as exc:
            raise LedgerError(
                _("{path}: cannot read the ledger ({reason})").format(path=self.path, reason=exc.strerror)
            ) from None
        if head and head != SQLITE_HEADER:
            raise LedgerError(
                _(
                    "{path}: is not a SQLite database (damaged, or another kind of file); it is left untouched (move"
                    " it away, or restore the ledger from a backup)"
                ).format(path=self.path)
            )
        conn = self.connection()
        with self._errors():
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app != APPLICATION_ID and (app or tables or schema):
            raise LedgerError(
                _(
                    "{path}: a SQLite database of another program (application_id {application}, {tables} tables), not"
                    " a hengyang-print ledger; it is left untouched (move it away, or name another file)"
                ).format(path=self.path, application=app, tables=tables)
            )
        if schema > len(migrations()):
            raise LedgerError(
                _(
                    "{path}: made by a newer hengyang-print (ledger schema {schema}; this one knows up to {known}): use"
                    " that version, or a newer one"
                ).format(path=self.path, schema=schema, known=len(migrations()))
            )
        with self._errors():
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise self._damaged("; ".join(problems[:3]))
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                # while another process makes the same new file WAL, SQLite answers 'locked' at once instead of
                # waiting in the busy handler: wait here, within the same timeout
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    with self._errors():
                        raise
                time.sleep(0.01)

    def migrate(self) -> None:
        files = migrations()
        conn = self.connection()
        with self._errors():
            if conn.execute("PRAGMA user_version").fetchone()[0] >= len(files):
                return
        with self.writing():
            done = conn.execute("PRAGMA user_version").fetchone()[0]  # again, under the lock: another may have run
            for number, path in enumerate(files[done:], done + 1):
                for statement in statements(path.read_text(encoding="utf-8")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")

    @property
    def schema(self) -> int:
        return self.connection().execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------ queries: call inside reading() or writing()

    def _one(self, sql: str, *args):
        return self.connection().execute(sql, args).fetchone()

    def _all(self, sql: str, *args) -> list:
        return self.connection().execute(sql, args).fetchall()

    def _insert(self, sql: str, *args) -> int:
        return self.connection().execute(sql, args).lastrowid

    def page_id(self, page: PageRef, create: bool = False) -> int | None:
        row = self._one("SELECT id FROM pages WHERE content = ? AND layout = ?", page.content, page.layout)
        if row:
            return row[0]
        return (
            self._insert("INSERT INTO pages (content, layout) VALUES (?, ?)", page.content, page.layout)
            if create
            else None
        )

    def pages(self) -> list[PageRef]:
        return [PageRef(c, lay) for c, lay in self._all("SELECT content, layout FROM pages ORDER BY content, layout")]

    def page(self, page_id: int) -> PageRef:
        return PageRef(*self._one("SELECT content, layout FROM pages WHERE id = ?", page_id))

    def versions(self, page_id: int) -> list[Version]:
        rows = self._all(
            "SELECT number, pdf_sha256, content_sha256, layout_sha256, pdf_bytes, made_at, person"
            " FROM versions WHERE page_id = ? ORDER BY number",
            page_id,
        )
        return [Version(*row) for row in rows]

    def version_id(self, page_id: int, number: int) -> int | None:
        row = self._one("SELECT id FROM versions WHERE page_id = ? AND number = ?", page_id, number)
        return row[0] if row else None

    def add_version(
        self,
        page_id: int,
        digests: tuple[str, str, str],
        pdf_bytes: int | None,
        person: str,
        at: str,
        blocks: dict[str, str],
    ) -> Version:
        """A new version numbered after the page's last, with its blocks' texts (each text stored once)."""
        number = self._one("SELECT coalesce(max(number), 0) + 1 FROM versions WHERE page_id = ?", page_id)[0]
        version_id = self._insert(
            "INSERT INTO versions (page_id, number, pdf_sha256, content_sha256, layout_sha256, pdf_bytes, made_at,"
            " person) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            page_id,
            number,
            *digests,
            pdf_bytes,
            at,
            person,
        )
        texts = {text: hashlib.sha256(text.encode("utf-8")).hexdigest() for text in blocks.values()}
        conn = self.connection()
        conn.executemany("INSERT OR IGNORE INTO texts (sha256, body) VALUES (?, ?)", [(d, t) for t, d in texts.items()])
        conn.executemany(
            "INSERT INTO version_blocks (version_id, block, position, text_sha256) VALUES (?, ?, ?, ?)",
            [(version_id, block, i, texts[text]) for i, (block, text) in enumerate(blocks.items())],
        )
        return Version(number, *digests, pdf_bytes, at, person)

    def blocks(self, version_id: int) -> dict[str, str]:
        rows = self._all(
            "SELECT block, body FROM version_blocks JOIN texts ON texts.sha256 = text_sha256"
            " WHERE version_id = ? ORDER BY position",
            version_id,
        )
        return dict(rows)

    _MARKS = (
        "SELECT versions.page_id, marks.id, versions.number, block, char_start, char_end, text, marks.note,"
        " marks.person, marks.role, marks.made_at, r.person, r.role, r.note, r.made_at FROM marks"
        " JOIN versions ON versions.id = marks.version_id LEFT JOIN resolutions r ON r.mark_id = marks.id"
    )

    def marks(self, page_id: int) -> list[Mark]:
        """The page's marks in the order they were made, with their resolutions by hand (not yet their anchors)."""
        rows = self._all(self._MARKS + " WHERE versions.page_id = ? ORDER BY marks.id", page_id)
        return [_mark(row) for row in rows]

    def mark(self, mark_id: int) -> tuple[int, Mark] | None:
        """(page id, mark), or None."""
        row = self._one(self._MARKS + " WHERE marks.id = ?", int(mark_id))
        return (row[0], _mark(row)) if row else None

    def add_mark(
        self, version_id: int, block: str, span: tuple[int, int], text: str, note: str, person: str, role, at: str
    ) -> int:
        return self._insert(
            "INSERT INTO marks (version_id, block, char_start, char_end, text, note, person, role, made_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            version_id,
            block,
            *span,
            text,
            note,
            person,
            role,
            at,
        )

    def add_resolution(self, mark_id: int, person: str, role: str, note: str, at: str) -> None:
        self._insert(
            "INSERT INTO resolutions (mark_id, person, role, note, made_at) VALUES (?, ?, ?, ?, ?)",
            mark_id,
            person,
            role,
            note,
            at,
        )

    def signatures(self, page_id: int) -> list[Signature]:
        rows = self._all(
            "SELECT s.id, versions.number, s.role, s.person, s.note, s.pdf_sha256, s.made_at, r.person, r.note,"
            " r.made_at FROM signatures s JOIN versions ON versions.id = s.version_id"
            " LEFT JOIN revocations r ON r.signature_id = s.id WHERE versions.page_id = ? ORDER BY s.id",
            page_id,
        )
        return [Signature(*row[:7], revoked=Revocation(*row[7:]) if row[7] is not None else None) for row in rows]

    def add_signature(self, version_id: int, role: str, person: str, note: str, pdf_sha256: str, at: str) -> int:
        return self._insert(
            "INSERT INTO signatures (version_id, role, person, note, pdf_sha256, made_at) VALUES (?, ?, ?, ?, ?, ?)",
            version_id,
            role,
            person,
            note,
            pdf_sha256,
            at,
        )

    def add_revocation(self, signature_id: int, person: str, note: str, at: str) -> None:
        self._insert(
            "INSERT INTO revocations (signature_id, person, note, made_at) VALUES (?, ?, ?, ?)",
            signature_id,
            person,
            note,
            at,
        )

    def releases(self, page_id: int) -> list[Release]:
        rows = self._all(
            "SELECT releases.id, number, releases.pdf_sha256, destination, record_sha256, releases.person,"
            " releases.made_at FROM releases JOIN versions ON versions.id = version_id"
            " WHERE page_id = ? ORDER BY releases.id",
            page_id,
        )
        return [Release(*row) for row in rows]

    def add_release(
        self, version_id: int, pdf_sha256: str, destination: str, record_sha256: str, person: str, at: str
    ) -> int:
        return self._insert(
            "INSERT INTO releases (version_id, pdf_sha256, destination, record_sha256, person, made_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            version_id,
            pdf_sha256,
            destination,
            record_sha256,
            person,
            at,
        )

    def add_refusal(
        self, page_id: int | None, action: str, person: str, role: str | None, reason: str, at: str
    ) -> None:
        self._insert(
            "INSERT INTO refusals (page_id, action, person, role, reason, made_at) VALUES (?, ?, ?, ?, ?, ?)",
            page_id,
            action,
            person,
            role,
            reason,
            at,
        )

    def refusals(self, page_id: int | None = None) -> list[Refusal]:
        rows = self._all(
            "SELECT refusals.id, content, layout, action, person, role, reason, made_at FROM refusals"
            " LEFT JOIN pages ON pages.id = page_id WHERE ? IS NULL OR page_id = ? ORDER BY refusals.id",
            page_id,
            page_id,
        )
        return [Refusal(row[0], PageRef(row[1], row[2]) if row[1] else None, *row[3:]) for row in rows]


def _mark(row) -> Mark:
    """A row of Store._MARKS (its page id first) as a Mark."""
    resolved = Resolution(*row[11:]) if row[11] is not None else None
    return Mark(*row[1:11], resolved_by=resolved)
