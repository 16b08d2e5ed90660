"""The ledger's file: made and migrated in a transaction, WAL, append-only; anything not ours is refused untouched."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from hengyang_print.ledger import Ledger, LedgerError
from hengyang_print.ledger import store as store_module
from hengyang_print.ledger.store import APPLICATION_ID, migrations, statements

from .conftest import BLOCKS, PAGE, make_project, record, sign_through


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_ledger_is_made_in_the_project_in_wal_mode_at_the_latest_schema(project):
    with Ledger.open(project) as ledger:
        assert ledger.path == project / ".hengyang" / "ledger.sqlite3"
        record(ledger, BLOCKS)
    db = raw(ledger.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(migrations()) >= 1
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"pages", "versions", "marks", "signatures", "revocations", "releases", "refusals"} <= tables


def test_reopening_keeps_everything(project):
    with Ledger.open(project) as ledger:
        record(ledger, BLOCKS)
        sign_through(ledger, 1, ["一校"])
    with Ledger.open(project) as again:
        assert [v.number for v in again.versions(PAGE)] == [1]
        assert [s.role for s in again.signatures(PAGE)] == ["一校"]


def test_the_database_itself_refuses_to_change_or_delete_a_record(ledger):
    record(ledger, BLOCKS)
    sign_through(ledger, 1, ["一校"])
    db = raw(ledger.path)
    for sql in ("UPDATE signatures SET person = 'x'", "DELETE FROM signatures", "DELETE FROM versions"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)
    assert [s.person for s in ledger.signatures(PAGE)] == ["王芳"]


def test_a_migration_that_fails_leaves_the_schema_as_it_was(project, tmp_path, monkeypatch):
    with Ledger.open(project) as ledger:
        record(ledger, BLOCKS)
    folder = tmp_path / "migrations"
    shutil.copytree(store_module.MIGRATIONS, folder)
    (folder / "0002_broken.sql").write_text(
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n", encoding="utf-8"
    )
    monkeypatch.setattr(store_module, "MIGRATIONS", folder)
    with pytest.raises(LedgerError, match="no such table"):
        Ledger.open(project)
    db = raw(project / ".hengyang" / "ledger.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall()


def test_a_later_migration_is_applied_once_to_an_existing_ledger(project, tmp_path, monkeypatch):
    with Ledger.open(project) as ledger:
        record(ledger, BLOCKS)
    folder = tmp_path / "migrations"
    shutil.copytree(store_module.MIGRATIONS, folder)
    (folder / "0002_notes.sql").write_text(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n"
        "CREATE TRIGGER notes_append_only BEFORE DELETE ON notes BEGIN SELECT RAISE(ABORT, 'no'); END;\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(store_module, "MIGRATIONS", folder)
    for _ in range(2):
        with Ledger.open(project) as ledger:
            assert ledger.schema == 2
            assert [v.number for v in ledger.versions(PAGE)] == [1]


def test_statements_keep_a_trigger_whole():
    trigger = "CREATE TRIGGER g BEFORE DELETE ON t BEGIN SELECT 1; SELECT 2; END;"
    sql = f"-- a comment\nCREATE TABLE t (x);\n{trigger}\n-- end\n"
    assert statements(sql) == [
        "-- a comment\nCREATE TABLE t (x);",
        trigger,
    ]


def _ledger_file(project):
    path = project / ".hengyang" / "ledger.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_text("signatures: none\n" * 100), "is not a SQLite database"),
        (lambda p: raw(p).execute("CREATE TABLE accounts (id, balance)"), "another program"),
        (lambda p: raw(p).execute("PRAGMA application_id = 1234"), "another program"),
        (
            lambda p: raw(p).executescript(f"PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 99;"),
            "newer",
        ),
    ],
    ids=["text file", "another program's tables", "another application id", "a newer schema"],
)
def test_a_file_that_is_not_our_ledger_is_a_clear_error_and_left_untouched(project, make, message):
    path = _ledger_file(project)
    make(path)
    before = path.read_bytes()
    with pytest.raises(LedgerError, match=message) as caught:
        Ledger.open(project)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists() or message != "is not a SQLite database"


def test_a_damaged_ledger_is_a_clear_error_never_recreated(project):
    with Ledger.open(project) as ledger:
        for n in range(30):  # pages enough that damage in the middle hits the data
            record(ledger, {**BLOCKS, "headline": f"第{n}版 " + "衡阳" * 400})
    path = project / ".hengyang" / "ledger.sqlite3"
    data = bytearray(path.read_bytes())
    page = raw(path).execute("PRAGMA page_size").fetchone()[0]
    assert len(data) > 8 * page
    data[3 * page : 6 * page] = b"\xa5" * (3 * page)
    path.write_bytes(bytes(data))
    with pytest.raises(LedgerError, match="damaged ledger") as caught:
        Ledger.open(project)
    assert "left untouched" in str(caught.value)
    assert path.read_bytes() == bytes(data)


def test_a_damaged_header_says_the_file_is_not_a_database(project):
    with Ledger.open(project) as ledger:
        record(ledger, BLOCKS)
    path = ledger.path
    data = bytearray(path.read_bytes())
    data[:16] = b"\0" * 16
    path.write_bytes(bytes(data))
    with pytest.raises(LedgerError, match="not a SQLite database"):
        Ledger.open(project)


def test_an_empty_file_holds_nothing_to_lose_and_becomes_a_ledger(project):
    path = _ledger_file(project)
    path.write_bytes(b"")
    with Ledger.open(project) as ledger:
        assert ledger.schema == len(migrations())


def test_a_folder_without_the_project_marker_has_no_ledger(tmp_path):
    with pytest.raises(LedgerError, match="not a project folder"):
        Ledger.open(tmp_path)
    assert not (tmp_path / ".hengyang").exists()


def test_two_projects_have_two_ledgers(tmp_path):
    a, b = make_project(tmp_path / "a"), make_project(tmp_path / "b")
    with Ledger.open(a) as one, Ledger.open(b) as two:
        record(one, BLOCKS)
        assert one.versions(PAGE) and not two.versions(PAGE)
