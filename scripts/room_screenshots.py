"""The proof room's screenshots in docs/images/: the page with a clicked line and its YAML, a save's changes
marked apart from the reflow, a broken save; proofreaders' marks (one resolved by the desk's edit), the sign-off
chain made stale by that edit, and the login of a room served beyond this machine. Run after a visual change and
look at them.

    .venv/bin/python scripts/room_screenshots.py
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.room.browser import chromium, serving  # noqa: E402
from tests.room.conftest import EDIT, save  # noqa: E402

from hengyang_print.ledger import Ledger, PageRef, hash_password  # noqa: E402

OUT = ROOT / "docs" / "images"
SAMPLE = ROOT / "content" / "hengyang-2018.yaml"
PEOPLE = """[signoff]
local_user = "王芳"

[signoff.roles]
"一校" = ["王芳", "李明"]
"二校" = ["王芳", "李明"]
"三校" = ["李明"]
"责任编辑" = ["陈静"]
"部门主任" = ["周强"]
"值班总编" = ["赵刚"]
"""
BLOCK = "items[0].body[0]"


def shoot(tab, name: str) -> None:
    """A screenshot as a 256-colour PNG (small enough for the repository)."""
    image = Image.open(io.BytesIO(tab.screenshot())).convert("RGB").quantize(256)
    image.save(OUT / name, optimize=True)
    print(OUT / name, (OUT / name).stat().st_size, "bytes")


def project(marker: str = "") -> Path:
    """A project of its own holding a copy of the sample page; its content file."""
    folder = Path(tempfile.mkdtemp(prefix="room-shots-"))
    (folder / "hengyang-print.toml").write_text(marker, encoding="utf-8")
    shutil.copytree(SAMPLE.parent / "photos", folder / "photos")
    content = folder / SAMPLE.name
    shutil.copy(SAMPLE, content)
    return content


def drag(tab, url: str, content: Path, text: str, point: bool = False) -> None:
    """Select `text` of BLOCK on the page by dragging across it (or a point before it)."""
    with Ledger.open(content.parent) as ledger:
        start = ledger.blocks(PageRef(content.name, "broadsheet"), 1)[BLOCK].index(text)
    with urllib.request.urlopen(f"{url}api/span?version=1&block={BLOCK}&start={start}&end={start + len(text)}") as r:
        (box,) = json.loads(r.read())["boxes"]
    sheet, k = tab.locator("#sheet").bounding_box(), tab.evaluate("scale()")
    y = sheet["y"] + (box["y_mm"] + box["height_mm"] / 2) * k
    tab.mouse.move(sheet["x"] + (box["x_mm"] + 1) * k, y)
    tab.mouse.down()
    tab.mouse.move(sheet["x"] + (box["x_mm"] + box["width_mm"] - 1) * k, y, steps=5)
    tab.mouse.up()
    tab.wait_for_selector("#mark-form:not([hidden])")
    if point:
        tab.check("#sel-point")
        tab.wait_for_selector("#sel-text:text-is('‸')")


def mark(tab, note: str) -> None:
    count = tab.locator("#marks li").count()
    tab.fill("#mark-note", note)
    tab.click("#mark-add")
    tab.wait_for_selector(f"#marks li:nth-child({count + 1})")


def marks_and_signoff(browser) -> None:
    """Two passes signed, three marks put, then the desk's edit: one mark resolved, the signatures stale."""
    content = project(PEOPLE)
    try:
        with serving(content) as url:
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            tab.goto(url)
            tab.wait_for_selector('body[data-shown="1"][data-ledger]', timeout=60_000)
            for role, note in (("一校", "通读，无误"), ("二校", "")):
                tab.fill("#sign-note", note)
                tab.click(f'button.sign[data-role="{role}"]')
                tab.wait_for_selector(f'#chain li.signed[data-role="{role}"]')
            drag(tab, url, content, "6000字")
            mark(tab, "改为“六千字”")
            drag(tab, url, content, "航拍视频")
            mark(tab, "疑 核对时长")
            drag(tab, url, content, "大量图片", point=True)
            mark(tab, "补“的”")
            save(content, "近6000字", "近六千字")
            tab.wait_for_selector('body[data-shown="2"]', timeout=60_000)
            tab.wait_for_selector("#marks li.resolved")
            tab.click("#clear")
            for _ in range(4):
                tab.click("#zoom-in")
            tab.click('#marks li[data-mark="2"]')  # scrolls the page to it
            tab.locator("#marking").scroll_into_view_if_needed()
            tab.wait_for_timeout(1500)
            shoot(tab, "room-marks.png")
            tab.click("#zoom-fit")
            tab.locator("#signing").scroll_into_view_if_needed()
            tab.wait_for_timeout(300)
            shoot(tab, "room-signoff.png")
    finally:
        shutil.rmtree(content.parent, ignore_errors=True)


def login(browser) -> None:
    content = project(PEOPLE + f'[signoff.passwords]\n"赵刚" = "{hash_password("x")}"\n')
    try:
        with serving(content, "--login") as url:
            tab = browser.new_page(viewport={"width": 900, "height": 520})
            tab.goto(url)
            tab.wait_for_url("**/login")
            tab.fill("#person", "赵刚")
            tab.fill("#password", "wrong")
            tab.click("#login-button")
            tab.wait_for_selector("#login-error:has-text('登录失败')")
            shoot(tab, "room-login.png")
    finally:
        shutil.rmtree(content.parent, ignore_errors=True)


def main() -> None:
    content = project()
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with chromium() as browser, serving(content) as url:
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            tab.goto(url)
            tab.wait_for_selector('body[data-checked="1"]', timeout=60_000)
            k = tab.evaluate("scale()")
            tab.click("#sheet", position={"x": 150 * k, "y": 336 * k})
            tab.wait_for_selector("#hit-where")
            shoot(tab, "room-click.png")
            save(content, *EDIT)
            tab.wait_for_selector('body[data-compared="1-2"]', timeout=60_000)
            tab.check("#show-moved")
            tab.locator(".changed-line").first.click()
            tab.wait_for_timeout(800)
            shoot(tab, "room-changes.png")
            save(content, "headline: ", "headline: [")
            tab.wait_for_selector("#errors:not([hidden])", timeout=60_000)
            shoot(tab, "room-error.png")
            marks_and_signoff(browser)
            login(browser)
    finally:
        shutil.rmtree(content.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
