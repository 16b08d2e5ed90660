"""The proof room's screenshots in docs/images/: the page with a clicked line and its YAML, a save's changes
marked apart from the reflow, a broken save. Run after a visual change and look at them.

    .venv/bin/python scripts/room_screenshots.py
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.room.browser import chromium, serving  # noqa: E402
from tests.room.conftest import EDIT, save  # noqa: E402

OUT = ROOT / "docs" / "images"


def shoot(tab, name: str) -> None:
    """A screenshot as a 256-colour PNG (small enough for the repository)."""
    image = Image.open(io.BytesIO(tab.screenshot())).convert("RGB").quantize(256)
    image.save(OUT / name, optimize=True)
    print(OUT / name, (OUT / name).stat().st_size, "bytes")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="room-shots-"))
    (folder / "hengyang-print.toml").write_text("", encoding="utf-8")
    sample = ROOT / "content" / "hengyang-2018.yaml"
    shutil.copytree(sample.parent / "photos", folder / "photos")
    content = folder / "hengyang-2018.yaml"
    shutil.copy(sample, content)
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
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
