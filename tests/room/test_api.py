"""The proof room's JSON API against its schemas, on a project of the tests' own: what it says is true of the
page (the clicked character is at FILE:LINE:COL, the digest is the PDF's), saves make versions, a broken save
keeps the last good page, and nothing outside the room's own is served."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hengyang_print.room.app import create_app
from hengyang_print.room.live import Room

from ..cli.conftest import validator
from .conftest import EDIT, LAYOUT, save, wait_for


@pytest.fixture
def room(project):
    app = create_app(Room(project, LAYOUT), ["testserver", "127.0.0.1"])
    with TestClient(app) as client:  # the lifespan starts the room: its first build, then its watcher

        def built():
            """the first version is built and checked"""
            doc = client.get("/api/page").json()
            return doc["version"] == 1 and doc["findings"] is not None

        wait_for(built)
        yield client


def page(client) -> dict:
    doc = client.get("/api/page").json()
    validator("room-page").validate(doc)
    return doc


def test_the_page_its_digest_and_its_findings(room, project):
    doc = page(room)
    assert doc["ok"] and doc["errors"] == [] and doc["content"] == str(project)
    pdf = room.get("/page/1.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == doc["pdf_sha256"]
    assert hashlib.sha256(project.read_bytes()).hexdigest() == doc["content_sha256"]
    width, height = doc["trim_mm"]
    assert (width, height) == (390.0, 543.0)
    # the sample's lint finds the half-width brackets of 中国(耒阳) in items[5]'s headline; each finding is on the page
    brackets = [f for f in doc["findings"] if f["kind"] == "lint" and f["block"] == "items[5].headline"]
    assert len(brackets) == 2
    for f in doc["findings"]:
        for b in f["boxes"]:
            assert 0 <= b["x_mm"] and b["x_mm"] + b["width_mm"] <= width + 0.01 and 0 <= b["y_mm"] <= height
    png = room.get("/page/1.png", params={"dpi": 24})
    assert png.content.startswith(b"\x89PNG") and png.headers["content-type"] == "image/png"


def test_a_click_names_the_character_and_its_place_in_the_yaml(room, project):
    """The character under a point of the page is the one at the FILE:LINE:COL the room gives."""
    versions = room.get("/api/versions").json()
    validator("room-versions").validate(versions)
    assert versions["current"] == 1
    lines = project.read_text(encoding="utf-8").splitlines()
    checked = 0
    for x, y in [(60, 428), (150, 240), (320, 90), (330, 450), (120, 30)]:
        hit = room.get("/api/locate", params={"x_mm": x, "y_mm": y}).json()
        validator("room-locate").validate(hit)
        if hit["block"] is None:
            continue
        glyph = hit["glyph"]
        assert glyph["x_mm"] - 0.01 <= x <= glyph["x_mm"] + glyph["width_mm"] + 0.01, hit
        assert hit["character"] in hit["text"] and hit["file"] == str(project)
        if hit["exact"]:
            assert lines[hit["line"] - 1][hit["column"] - 1] == hit["character"], hit
            highlight = hit["source"]["highlight"]
            shown = hit["source"]["lines"][highlight["line"] - hit["source"]["first"]]
            assert shown[highlight["start"] - 1 : highlight["end"] - 1].replace(" ", "") in hit["text"].replace(" ", "")
            checked += 1
    assert checked >= 3
    empty = room.get("/api/locate", params={"x_mm": 2, "y_mm": 2}).json()
    assert empty["block"] is None
    assert room.get("/api/locate", params={"x_mm": "x", "y_mm": 2}).status_code == 400
    assert room.get("/api/locate", params={"x_mm": 1, "y_mm": 2, "version": 9}).status_code == 404


def test_a_save_is_a_new_version_and_the_comparison_marks_the_edited_line(room, project):
    save(project, *EDIT)
    wait_for(lambda: page(room)["version"] == 2)
    versions = room.get("/api/versions").json()["versions"]
    assert [v["version"] for v in versions] == [2, 1] and versions[0]["pdf_sha256"] != versions[1]["pdf_sha256"]
    doc = room.get("/api/compare", params={"old": 1, "new": 2}).json()
    validator("room-compare").validate(doc)
    changed = [line for line in doc["lines"] if line["state"] == "changed"]
    assert [(c["block"], c["removed"], c["added"]) for c in changed] == [("items[3].body", "位列", "排在")]
    hit = room.get("/api/locate", params={"x_mm": changed[0]["x_mm"] + 1, "y_mm": changed[0]["y_mm"] + 1}).json()
    assert hit["block"] == "items[3].body[0]" and "排在" in hit["text"]
    same = room.get("/api/compare", params={"old": 2, "new": 2}).json()
    assert same["identical"] and same["lines"] == []


def test_a_save_that_changes_nothing_on_the_page_is_no_new_version(room, project):
    save(project, "credits:", "# a comment\ncredits:")
    wait_for(lambda: project.stat().st_mtime and page(room)["ok"])
    assert [v["version"] for v in room.get("/api/versions").json()["versions"]] == [1]


def test_a_broken_save_shows_its_errors_located_and_keeps_the_last_good_page(room, project):
    save(project, "headline: ", "headline: [")

    def failed():
        """the broken save is reported"""
        doc = page(room)
        return doc if not doc["ok"] else None

    doc = wait_for(failed)
    assert doc["version"] == 1 and doc["pdf_sha256"]
    (error,) = doc["errors"][:1]
    assert error["file"] == str(project) and error["line"] >= 1
    source = room.get("/api/source", params={"file": error["file"], "line": error["line"]}).json()
    assert source["lines"] and source["highlight"]["line"] == error["line"]
    save(project, "headline: [", "headline: ")
    wait_for(lambda: page(room)["ok"])


def test_only_the_rooms_own_files_are_served_and_nothing_is_written(room, project, tmp_path):
    before = sorted(p for p in tmp_path.rglob("*"))
    for path in ("/static/../app.py", "/static/../../paths.py", "/etc/passwd", "/page/1.yaml", "/api/nothing"):
        assert room.get(path).status_code == 404, path
    outside = Path(__file__)  # a file that exists, outside the project
    assert room.get("/api/source", params={"file": str(outside), "line": 1}).status_code == 404
    assert (
        room.get("/api/source", params={"file": str(project.parent / ".." / ".." / "x"), "line": 1}).status_code == 404
    )
    for method in ("post", "put", "delete"):
        assert getattr(room, method)("/api/page").status_code == 405
    assert room.get("/api/page", headers={"host": "attacker.example"}).status_code == 400  # DNS rebinding
    index = room.get("/")
    assert "default-src 'self'" in index.headers["content-security-policy"]
    assert "/static/room.js" in index.text and "http" not in index.text.split("<body>")[0].replace("http-equiv", "")
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_serve_prints_its_url_first_and_listens_on_loopback_only(project):
    """`hengyang-print serve` as a user runs it: the URL is the first line, on 127.0.0.1, and the page is there."""
    import json
    import urllib.request

    from .browser import serving

    with serving(project) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")

        def served():
            """the first version is served"""
            with urllib.request.urlopen(url + "api/page", timeout=10) as response:
                return json.loads(response.read())["version"] == 1

        wait_for(served)
