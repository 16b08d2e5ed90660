"""A project of the tests' own (the sample page, its photos, the project marker) and the proof room on it."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.paths import MARKER

EDIT = ("位列榜单第52位", "排在榜单第52位")  # a desk edit in items[3].body[0]: two characters for two


@pytest.fixture(scope="module")
def browser():
    """A headless chromium for the module's tests (browser.py: skipped without one, failed in CI)."""
    from .browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder holding a copy of the sample content; returns the content file."""
    (tmp_path / MARKER).write_text("", encoding="utf-8")
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copytree(DEFAULT_CONTENT.parent / "photos", folder / "photos")
    content = folder / "page.yaml"
    content.write_text(DEFAULT_CONTENT.read_text(encoding="utf-8"), encoding="utf-8")
    return content


def save(path: Path, old: str, new: str) -> None:
    """An editor's save: the whole file written anew and renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    temporary.replace(path)


def wait_for(condition, seconds: float = 30.0, step: float = 0.05):
    """condition()'s first true value, polled; fails the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    pytest.fail(f"not within {seconds} s: {condition.__doc__ or condition}")


LAYOUT = DEFAULT_LAYOUT
