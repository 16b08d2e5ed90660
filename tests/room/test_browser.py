"""The proof room in a real browser (browser.py): the page loads with its findings, a click shows the line's
source, a save appears as a new version with its changed line marked, two chosen versions compare, and a broken
save keeps the last good page on screen with its errors."""

from __future__ import annotations

import json
import urllib.request

import pytest

from .browser import serving
from .conftest import EDIT, save

TIMEOUT_MS = 30_000


@pytest.fixture
def room(browser, project):
    """The room on the test's project, open in a browser tab; (tab, url, content file)."""
    with serving(project) as url:
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(url)
        tab.wait_for_selector('body[data-shown="1"]', timeout=TIMEOUT_MS)
        yield tab, url, project
        assert errors == [], errors  # no script error, whatever the test did
        tab.close()


def api(url: str, path: str) -> dict:
    with urllib.request.urlopen(url.rstrip("/") + path, timeout=30) as response:
        return json.loads(response.read())


def click_mm(tab, x_mm: float, y_mm: float) -> None:
    k = tab.evaluate("scale()")
    tab.click("#sheet", position={"x": x_mm * k, "y": y_mm * k})


def test_the_page_loads_with_its_findings(room):
    tab, url, _ = room
    tab.wait_for_selector('body[data-checked="1"]', timeout=TIMEOUT_MS)
    assert tab.evaluate("document.getElementById('page').naturalWidth") > 500
    findings = api(url, "/api/page")["findings"]
    assert tab.locator("#findings li").count() == len(findings) >= 2
    assert tab.locator(".mark.finding").count() == sum(len(f["boxes"]) for f in findings)
    assert "v1" in tab.inner_text("#status")
    tab.locator("#findings li").first.click()  # scrolls to it and flashes its mark
    tab.wait_for_selector(".mark.finding.flash", timeout=TIMEOUT_MS)


def test_a_click_on_a_line_shows_its_block_and_yaml(room):
    tab, url, project = room
    expected = api(url, "/api/locate?x_mm=60&y_mm=428")
    assert expected["block"] and expected["exact"]
    click_mm(tab, 60, 428)
    tab.wait_for_selector("#hit-where", timeout=TIMEOUT_MS)
    assert tab.inner_text("#hit-block") == expected["block"]
    assert tab.inner_text("#hit-where") == f"{project}:{expected['line']}:{expected['column']}"
    assert tab.inner_text("pre.yaml mark.clicked") == expected["character"]
    assert tab.locator(".mark.hit").count() == 1


def test_a_save_appears_as_a_new_version_with_the_changed_line_marked(room):
    tab, url, project = room
    save(project, *EDIT)
    tab.wait_for_selector('body[data-shown="2"]', timeout=TIMEOUT_MS)
    tab.wait_for_selector('body[data-compared="1-2"]', timeout=TIMEOUT_MS)  # the last save's changes, at once
    assert tab.locator(".mark.changed").count() == 1
    assert tab.inner_text(".changed-line del") == "位列" and tab.inner_text(".changed-line ins") == "排在"
    (line,) = [c for c in api(url, "/api/compare?old=1&new=2")["lines"] if c["state"] == "changed"]
    box = json.loads(tab.get_attribute(".mark.changed", "data-box"))
    assert (box["x_mm"], box["y_mm"]) == (line["x_mm"], line["y_mm"])
    assert tab.locator("#versions li").count() == 2


def test_two_chosen_versions_compare(room):
    tab, url, project = room
    save(project, *EDIT)
    tab.wait_for_selector('body[data-shown="2"]', timeout=TIMEOUT_MS)
    save(project, "全国创新型城市建设", "全国创新城市建设")  # items[1]'s headline loses 型
    tab.wait_for_selector('body[data-shown="3"]', timeout=TIMEOUT_MS)
    tab.select_option("#old", "1")
    tab.select_option("#new", "3")
    tab.click("#compare")
    tab.wait_for_selector('body[data-compared="1-3"]', timeout=TIMEOUT_MS)
    assert tab.locator(".mark.changed").count() == 2
    assert sorted(tab.locator(".changed-line del").all_inner_texts()) == ["位列", "型"]


def test_a_broken_save_keeps_the_last_good_page_and_shows_where(room):
    tab, url, project = room
    save(project, "headline: ", "headline: [")
    tab.wait_for_selector("#errors:not([hidden])", timeout=TIMEOUT_MS)
    assert "构建失败" in tab.inner_text("#status")
    assert tab.get_attribute("body", "data-shown") == "1" and "/page/1.png" in tab.get_attribute("#page", "src")
    tab.wait_for_selector("#error-list pre.yaml", timeout=TIMEOUT_MS)  # its source lines come by a request of their own
    assert f"{project}:" in tab.inner_text("#error-list")
    save(project, "headline: [", "headline: ")
    tab.wait_for_selector("#errors[hidden]", state="attached", timeout=TIMEOUT_MS)
