"""Marks, sign-off and login through the proof room's JSON API, on a real ledger file in a project of the tests'
own: versions are the ledger's and outlive the room, a mark sits on its characters and follows them, an open mark
blocks its pass, the chain signs through to a releasable page, every write needs the session's CSRF token and
every refusal is recorded, and a room that requires a login lets in only the people configured."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from starlette.testclient import TestClient

from hengyang_print.errors import BuildError
from hengyang_print.ledger import Ledger, PageRef, hash_password
from hengyang_print.ledger.signoff import DEFAULT_CHAIN
from hengyang_print.paths import MARKER
from hengyang_print.room.app import create_app
from hengyang_print.room.live import Room
from hengyang_print.room.people import Access, check_people
from hengyang_print.room.server import ledger_versions

from ..cli.conftest import validator
from .conftest import EDIT, LAYOUT, save, wait_for

PEOPLE = """
[signoff]
local_user = "王芳"

[signoff.roles]
"一校" = ["王芳"]
"二校" = ["李明"]
"三校" = ["李明"]
"责任编辑" = ["赵刚"]
"部门主任" = ["赵刚"]
"值班总编" = ["赵刚"]

[signoff.passwords]
"王芳" = "{wang}"
"赵刚" = "{zhao}"
"""


@pytest.fixture
def in_ledger(monkeypatch):
    """The suite's builds leave ledgers alone (tests/conftest.py); the room's here record in their project's."""
    monkeypatch.delenv("HENGYANG_PRINT_LEDGER", raising=False)


def open_room(project, login: bool = False) -> TestClient:
    room = Room(project, LAYOUT, versions=ledger_versions(project, LAYOUT))
    access = Access(True, room.ledger.signoff.local_user, room.ledger, room.page) if login else None
    return TestClient(create_app(room, ["testserver"], access))


def started(client: TestClient, version: int = 1) -> TestClient:
    def built():
        """the version is built and on screen"""
        return client.get("/api/page").json()["version"] == version

    wait_for(built)
    return client


@pytest.fixture
def client(in_ledger, project):
    with open_room(project) as client:
        yield started(client)


def token(client: TestClient) -> dict:
    session = client.get("/api/session").json()
    validator("room-session").validate(session)
    return {"X-CSRF-Token": session["csrf"]}


def ledger_of(project) -> Ledger:
    return Ledger.open(project.parent.parent)


PAGE = PageRef("content/page.yaml", "broadsheet")


def text_of(project, version: int, block: str) -> str:
    with ledger_of(project) as ledger:
        return ledger.blocks(PAGE, version)[block]


def add_mark(client, version, block, start, end, note="疑", **more):
    body = {"version": version, "block": block, "start": start, "end": end, "note": note, **more}
    definition("room-marks", "add").validate(body)  # the request the schema documents
    return client.post("/api/marks", json=body, headers=token(client))


def definition(schema: str, name: str):
    """A validator for one definition of schema/SCHEMA.schema.json (a request body, an answer)."""
    return validator(schema).evolve(schema={"$ref": f"{schema}.schema.json#/definitions/{name}"})


def marks(client, version=None) -> list[dict]:
    doc = client.get("/api/marks", params={"version": version} if version else {}).json()
    validator("room-marks").validate(doc)
    return doc["marks"]


def test_versions_are_the_ledgers_and_outlive_the_room(in_ledger, project):
    with open_room(project) as client:
        started(client)
        first = client.get("/api/versions").json()["versions"]
    with ledger_of(project) as ledger:
        assert [v.pdf_sha256 for v in ledger.versions(PAGE)] == [first[0]["pdf_sha256"]]
    with open_room(project) as client:  # a restart: the same PDF is the same version, not a new one
        started(client)
        save(project, *EDIT)
        started(client, 2)
        versions = client.get("/api/versions").json()
        validator("room-versions").validate(versions)
        assert [v["version"] for v in versions["versions"]] == [2, 1]
        # version 1 was built before this room started: its page and the comparison come from the ledger's PDF
        assert hashlib.sha256(client.get("/page/1.pdf").content).hexdigest() == first[0]["pdf_sha256"]
        assert client.get("/page/1.png", params={"dpi": 24}).content.startswith(b"\x89PNG")
        changed = [c for c in client.get("/api/compare", params={"old": 1, "new": 2}).json()["lines"]]
        assert [(c["removed"], c["added"]) for c in changed if c["state"] == "changed"] == [("位列", "排在")]
    with ledger_of(project) as ledger:
        assert [v.number for v in ledger.versions(PAGE)] == [1, 2]


def test_a_mark_is_kept_with_its_version_and_stands_on_its_characters(client, project):
    block = "items[3].body[0]"
    start = text_of(project, 1, block).index("第52位")
    answer = add_mark(client, 1, block, start, start + 4, "改为“第五十二位”", text="第52位")
    assert answer.status_code == 201, answer.json()
    validator("room-marks").validate({"version": 1, "marks": [answer.json()]})
    (placed,) = marks(client)
    mark, boxes = placed["mark"], placed["boxes"]
    assert (mark["block"], mark["text"], mark["note"], mark["state"]) == (block, "第52位", "改为“第五十二位”", "open")
    assert mark["person"] == client.get("/api/session").json()["person"]
    assert boxes  # each box's middle is one of the marked characters, as the room's click finds it
    for box in boxes:
        hit = client.get(
            "/api/locate", params={"x_mm": box["x_mm"] + 0.5, "y_mm": box["y_mm"] + box["height_mm"] / 2}
        ).json()
        assert hit["block"] == block and start <= hit["offset"] < start + 4
    span = client.get("/api/span", params={"version": 1, "block": block, "start": start, "end": start + 4}).json()
    assert span["text"] == "第52位" and span["boxes"] == boxes
    # what the proofreader saw must be what is there
    wrong = add_mark(client, 1, block, start, start + 4, text="第53位")
    assert wrong.status_code == 409 and "第52位" in wrong.json()["error"]


def test_a_mark_follows_its_characters_and_is_resolved_when_they_change(client, project):
    block = "items[3].body[0]"
    text = text_of(project, 1, block)
    at_52, at_wl = text.index("52"), text.index("位列")
    assert at_wl < at_52
    moved = add_mark(client, 1, block, at_52, at_52 + 2, "疑").json()["mark"]
    edited = add_mark(client, 1, block, at_wl, at_wl + 2, "改为“排在于”").json()["mark"]
    save(project, "位列榜单第52位", "排在于榜单第52位")  # the marked 位列 changed; 52 one character later
    started(client, 2)
    now = {p["mark"]["id"]: p for p in marks(client)}
    assert now[edited["id"]]["mark"]["state"] == "resolved" and now[edited["id"]]["mark"]["resolved_in"] == 2
    assert now[edited["id"]]["boxes"] == []  # its characters are gone from the page shown
    follow = now[moved["id"]]
    assert follow["mark"]["state"] == "open"
    assert follow["mark"]["anchor"] == {"version": 2, "block": block, "start": at_52 + 1, "end": at_52 + 3}
    for box in follow["boxes"]:
        hit = client.get("/api/locate", params={"x_mm": box["x_mm"] + 0.3, "y_mm": box["y_mm"] + 1}).json()
        assert hit["version"] == 2 and hit["character"] in "52"
    before = {p["mark"]["id"]: p for p in marks(client, version=1)}  # on version 1: where they were put
    assert before[edited["id"]]["boxes"] and before[moved["id"]]["boxes"]


def test_an_open_mark_blocks_its_pass_and_the_chain_signs_through(client, project):
    block = "items[3].body[0]"
    mark = add_mark(client, 1, block, 0, 2, "疑", role="一校").json()["mark"]
    refused = client.post("/api/sign", json={"version": 1, "role": "一校"}, headers=token(client))
    assert refused.status_code == 403 and "核红" in refused.json()["error"]
    out_of_order = client.post("/api/sign", json={"version": 1, "role": "二校"}, headers=token(client))
    assert out_of_order.status_code == 403
    body = {"role": "一校", "note": "核对原稿无误"}
    definition("room-marks", "resolve").validate(body)
    resolved = client.post(f"/api/marks/{mark['id']}/resolve", json=body, headers=token(client))
    assert resolved.status_code == 200 and resolved.json()["mark"]["resolved_by"]["note"] == "核对原稿无误"
    for role in DEFAULT_CHAIN:
        signed = client.post("/api/sign", json={"version": 1, "role": role, "note": "通读"}, headers=token(client))
        assert signed.status_code == 201, signed.json()
        definition("room-signoff", "signed").validate(signed.json())
    doc = client.get("/api/signoff").json()
    validator("room-signoff").validate(doc)
    status = doc["status"]
    assert status["releasable"] and [r["state"] for r in status["chain"]] == ["signed"] * len(DEFAULT_CHAIN)
    assert {r["signature"]["pdf_sha256"] for r in status["chain"]} == {client.get("/api/page").json()["pdf_sha256"]}
    with ledger_of(project) as ledger:
        assert [r.action for r in ledger.refusals(PAGE)] == ["sign", "sign"]
        assert ledger.status(PAGE).releasable
    save(project, *EDIT)  # a change after the signatures: every one is stale
    started(client, 2)
    status = client.get("/api/signoff").json()["status"]
    assert status["must_sign_again"] == list(DEFAULT_CHAIN) and not status["releasable"]


def test_writes_need_the_token_json_and_the_rooms_origin_and_gets_write_nothing(client, project):
    body = {"version": 1, "block": "items[3].body[0]", "start": 0, "end": 1, "note": "删"}
    assert client.post("/api/marks", json=body).status_code == 403  # no token
    assert client.post("/api/marks", json=body, headers={"X-CSRF-Token": "guessed" * 6}).status_code == 403
    other_site = token(client) | {"Origin": "http://attacker.example"}
    assert client.post("/api/marks", json=body, headers=other_site).status_code == 403
    form = client.post("/api/marks", data={"note": "删"}, headers=token(client))  # a plain HTML form's post
    assert form.status_code == 415
    not_json = token(client) | {"content-type": "application/json"}
    assert client.post("/api/sign", content=b"[1]", headers=not_json).status_code == 400
    with ledger_of(project) as ledger:
        refusals = ledger.refusals(PAGE)
        assert [r.action for r in refusals] == ["mark", "mark", "mark", "mark", "sign"] and ledger.marks(PAGE) == []
    files = sorted((project.parent.parent / ".hengyang").glob("ledger.sqlite3*"))

    def digests():
        return [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else None for f in files]

    before = digests()
    for path in ("/", "/api/page", "/api/versions", "/api/marks", "/api/signoff", "/api/session", "/login"):
        assert client.get(path).status_code == 200, path
    assert digests() == before


def test_a_page_outside_a_project_has_no_marks_and_no_signoff(project):
    room = Room(project, LAYOUT)  # versions in memory
    with TestClient(create_app(room, ["testserver"])) as client:
        started(client)
        assert client.get("/api/session").json()["ledger"] is False
        assert client.get("/api/marks").status_code == 409
        body = {"version": 1, "block": "items[3].body[0]", "start": 0, "end": 1, "note": "删"}
        assert client.post("/api/marks", json=body, headers=token(client)).status_code == 409


@pytest.fixture
def people(in_ledger, project):
    (project.parent.parent / MARKER).write_text(
        PEOPLE.format(wang=hash_password("wang-pw"), zhao=hash_password("zhao-pw")), encoding="utf-8"
    )
    return project


def test_a_room_with_a_login_lets_in_only_its_people_and_they_sign_only_their_roles(people):
    with open_room(people, login=True) as client:
        assert client.get("/api/page").status_code == 401
        assert client.get("/", follow_redirects=False).headers["location"] == "/login"
        assert "login.js" in client.get("/login").text
        assert client.get("/api/session").json()["person"] is None
        wrong = client.post("/api/login", json={"person": "赵刚", "password": "wang-pw"}, headers=token(client))
        assert wrong.status_code == 403
        nobody = client.post("/api/login", json={"person": "无名", "password": "x"}, headers=token(client))
        assert nobody.status_code == 403 and nobody.json() == wrong.json()  # says nothing of who exists
        before = token(client)
        right = client.post("/api/login", json={"person": "王芳", "password": "wang-pw"}, headers=before)
        assert right.status_code == 200 and right.json()["person"] == "王芳" and right.json()["roles"] == ["一校"]
        assert {"X-CSRF-Token": right.json()["csrf"]} != before  # a new session, a new token
        wait_for(lambda: client.get("/api/page").json()["version"] == 1)
        not_hers = client.post("/api/sign", json={"version": 1, "role": "二校"}, headers=token(client))
        assert not_hers.status_code == 403 and "王芳 may not hold 二校" in not_hers.json()["error"]
        assert client.post("/api/sign", json={"version": 1, "role": "一校"}, headers=token(client)).status_code == 201
        client.post("/api/logout", json={}, headers=token(client))
        assert client.get("/api/page").status_code == 401
    with ledger_of(people) as ledger:
        refused = [(r.action, r.person) for r in ledger.refusals()]
        assert refused == [("login", "赵刚"), ("login", "无名"), ("sign", "王芳")]
        assert [(s.role, s.person) for s in ledger.signatures(PAGE)] == [("一校", "王芳")]


def test_a_room_beyond_this_machine_will_not_start_without_people_to_log_in(in_ledger, project):
    with ledger_of(project) as ledger, pytest.raises(BuildError, match=r"\[signoff.passwords\]"):
        check_people(ledger)
    # the command line refuses before it binds anything (192.0.2.1: a documentation address, never bound)
    done = subprocess.run(
        [sys.executable, "-m", "hengyang_print", "serve", str(project), "--host", "192.0.2.1", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "requires a login" in done.stderr and done.stdout == ""
