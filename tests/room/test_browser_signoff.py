"""Marks and sign-off in a real browser (browser.py), on a project whose ledger is a real SQLite file: a mark put
by dragging across a line is there after a reload; a mark whose characters are edited in the content file shows
as resolved in the new version; the whole chain signed in the room is what `hengyang-print status` says; a room
that requires a login refuses a wrong password (served on 127.0.0.1 with --login, the mode a --host beyond this
machine implies)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest

from hengyang_print.ledger import Ledger, PageRef, hash_password
from hengyang_print.ledger.signoff import DEFAULT_CHAIN
from hengyang_print.paths import MARKER

from .browser import serving
from .conftest import EDIT, save

TIMEOUT_MS = 30_000
PAGE = PageRef("content/page.yaml", "broadsheet")
BLOCK = "items[3].body[0]"  # EDIT's paragraph


@pytest.fixture
def local(project):
    """The project's local user is 王芳 (anyone may hold any role: [signoff.roles] names no one)."""
    (project.parent.parent / MARKER).write_text('[signoff]\nlocal_user = "王芳"\n', encoding="utf-8")
    return project


def open_tab(browser, url: str):
    """A tab tall enough for the whole page at the fitted width, and a list of its script errors."""
    tab = browser.new_page(viewport={"width": 1400, "height": 1500})
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(url)
    return tab, errors


def wait_shown(tab, version: int) -> None:
    tab.wait_for_selector(f'body[data-shown="{version}"][data-ledger]', timeout=TIMEOUT_MS)


def api(url: str, path: str) -> dict:
    with urllib.request.urlopen(url.rstrip("/") + path, timeout=30) as response:
        return json.loads(response.read())


def span(url: str, version: int, start: int, end: int) -> dict:
    return api(url, f"/api/span?version={version}&block={BLOCK}&start={start}&end={end}")


def offset(project, text: str) -> int:
    """Where `text` starts in BLOCK's text of version 1, as the ledger keeps it."""
    with Ledger.open(project.parent.parent) as ledger:
        return ledger.blocks(PAGE, 1)[BLOCK].index(text)


def on_page(tab, box: dict, at: float = 0.5) -> tuple[float, float]:
    """Screen coordinates of a point of a box given in mm (`at`: how far across)."""
    sheet, k = tab.locator("#sheet").bounding_box(), tab.evaluate("scale()")
    return sheet["x"] + (box["x_mm"] + box["width_mm"] * at) * k, sheet["y"] + (box["y_mm"] + box["height_mm"] / 2) * k


def drawn(tab, mark_id: int) -> list[dict]:
    return [
        json.loads(b)
        for b in tab.locator(f'.mark.proof[data-mark="{mark_id}"]').evaluate_all(
            "nodes => nodes.map(n => n.dataset.box)"
        )
    ]


def test_a_mark_put_by_dragging_across_a_line_is_there_after_a_reload(browser, local):
    with serving(local, ledger=True) as url:
        tab, errors = open_tab(browser, url)
        wait_shown(tab, 1)
        start = offset(local, "第52位")
        (box,) = span(url, 1, start, start + 4)["boxes"]
        tab.mouse.move(*on_page(tab, box, 0.1))
        tab.mouse.down()
        tab.mouse.move(*on_page(tab, box, 0.9), steps=6)
        tab.mouse.up()
        tab.wait_for_selector("#mark-form:not([hidden])", timeout=TIMEOUT_MS)
        assert tab.inner_text("#sel-text") == "第52位" and tab.inner_text("#sel-block") == BLOCK
        tab.click("button[data-note='改为“”']")
        tab.keyboard.type("第五十二位")  # the caret stands between the quotes
        tab.click("#mark-add")
        tab.wait_for_selector('.mark.proof[data-mark="1"]', timeout=TIMEOUT_MS)
        assert drawn(tab, 1) == [box]
        tab.reload()
        wait_shown(tab, 1)
        tab.wait_for_selector('.mark.proof[data-mark="1"]', timeout=TIMEOUT_MS)
        assert drawn(tab, 1) == [box]
        listed = tab.inner_text('#marks li[data-mark="1"]')
        assert "第52位" in listed and "改为“第五十二位”" in listed and "王芳" in listed and "待改" in listed
        assert errors == []


def test_a_mark_whose_characters_are_edited_shows_resolved_in_the_new_version(browser, local):
    with serving(local, ledger=True) as url:
        tab, errors = open_tab(browser, url)
        wait_shown(tab, 1)
        start = offset(local, "位列")
        (first,) = span(url, 1, start, start + 1)["boxes"]
        (second,) = span(url, 1, start + 1, start + 2)["boxes"]
        tab.mouse.click(*on_page(tab, first))  # a click selects a character, a shift-click extends to another
        tab.keyboard.down("Shift")
        tab.mouse.click(*on_page(tab, second))
        tab.keyboard.up("Shift")
        tab.wait_for_selector("#sel-text:text-is('位列')", timeout=TIMEOUT_MS)
        tab.click("button[data-note='删']")
        tab.click("#mark-add")
        tab.wait_for_selector('.mark.proof.open[data-mark="1"]', timeout=TIMEOUT_MS)
        save(local, *EDIT)  # 位列 → 排在: the desk made the correction
        wait_shown(tab, 2)
        tab.wait_for_selector('#marks li.resolved[data-mark="1"]', timeout=TIMEOUT_MS)
        assert "resolved in v2" in tab.inner_text('#marks li[data-mark="1"]')
        assert tab.locator('.mark.proof[data-mark="1"]').count() == 0  # its characters are not on version 2
        assert "0 待改 open" in tab.inner_text("#marks-count")
        tab.click('#versions li[data-version="1"]')  # version 1, where it was put: drawn there, resolved
        wait_shown(tab, 1)
        tab.wait_for_selector('.mark.proof.resolved[data-mark="1"]', timeout=TIMEOUT_MS)
        assert "viewing v1" in tab.inner_text("#status")
        assert errors == []


def status_json(project) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "hengyang_print", "status", str(project), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    (page,) = json.loads(done.stdout)["pages"]
    return page


def test_a_page_signed_through_the_chain_in_the_room_is_what_status_says(browser, local):
    with serving(local, ledger=True) as url:
        tab, errors = open_tab(browser, url)
        wait_shown(tab, 1)
        pdf = api(url, "/api/page")["pdf_sha256"]
        for role in DEFAULT_CHAIN:
            tab.fill("#sign-note", f"{role}通读")
            tab.click(f'button.sign[data-role="{role}"]')
            tab.wait_for_selector(f'#chain li.signed[data-role="{role}"]', timeout=TIMEOUT_MS)
        assert "可付印" in tab.inner_text("#release-state")
        page = status_json(local)
        assert page["releasable"] and page["missing"] == []
        signed = [
            (r["role"], r["signature"]["person"], r["signature"]["note"], r["signature"]["pdf_sha256"])
            for r in page["chain"]
        ]
        assert signed == [(role, "王芳", f"{role}通读", pdf) for role in DEFAULT_CHAIN]
        save(local, *EDIT)  # a change after the signatures: loud in the room, and in status
        wait_shown(tab, 2)
        tab.wait_for_selector("#stale:not([hidden])", timeout=TIMEOUT_MS)
        assert "须重签" in tab.inner_text("#stale") and tab.locator("#chain li.stale").count() == len(DEFAULT_CHAIN)
        assert status_json(local)["must_sign_again"] == list(DEFAULT_CHAIN)
        assert errors == []


def test_a_room_that_requires_a_login_refuses_a_wrong_password(browser, project):
    (project.parent.parent / MARKER).write_text(
        "[signoff.roles]\n"
        + "".join(f'"{role}" = ["赵刚"]\n' for role in DEFAULT_CHAIN[3:])
        + "".join(f'"{role}" = ["王芳"]\n' for role in DEFAULT_CHAIN[:3])
        + f'[signoff.passwords]\n"赵刚" = "{hash_password("zhao-pw")}"\n',
        encoding="utf-8",
    )
    with serving(project, "--login", ledger=True) as url:  # on 127.0.0.1, in the mode a --host beyond implies
        tab, errors = open_tab(browser, url)
        tab.wait_for_url("**/login", timeout=TIMEOUT_MS)
        tab.fill("#person", "赵刚")
        tab.fill("#password", "wrong")
        tab.click("#login-button")
        tab.wait_for_selector("#login-error:has-text('登录失败')", timeout=TIMEOUT_MS)
        assert tab.url.endswith("/login")
        with Ledger.open(project.parent.parent) as ledger:
            assert [(r.action, r.person) for r in ledger.refusals()] == [("login", "赵刚")]
        tab.fill("#password", "zhao-pw")
        tab.click("#login-button")
        wait_shown(tab, 1)
        assert "赵刚" in tab.inner_text("#who")
        assert sorted(tab.locator("button.sign").evaluate_all("b => b.map(x => x.dataset.role)")) == sorted(
            DEFAULT_CHAIN[3:]
        )  # buttons for his roles only, and none may sign before 三校 has
        assert tab.locator("button.sign:enabled").count() == 0
        assert errors == []
