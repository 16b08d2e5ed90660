"""The fault campaign (issue 16): every case a clear error or a correct page, the previous PDF untouched,
nothing written outside the output folder. Helpers: a project folder in tmp_path, as a newsroom has one."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT, ROOT


@dataclass
class Project:
    root: Path
    content: Path
    layout: Path

    def layout_with(self, old: str, new: str, name: str = "variant.yaml") -> Path:
        """The project's layout with one piece of text replaced (which must be there)."""
        text = self.layout.read_text(encoding="utf-8")
        assert old in text, old
        path = self.layout.parent / name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def content_with(self, old: str, new: str, name: str = "variant.yaml") -> Path:
        text = self.content.read_text(encoding="utf-8")
        assert old in text, old
        path = self.content.parent / name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path


@pytest.fixture
def project(tmp_path) -> Project:
    """content/page.yaml, layout/broadsheet.yaml and fonts/ (the project's, linked) under tmp_path, which
    a hengyang-print.toml marks as the project folder."""
    (tmp_path / "hengyang-print.toml").write_text("# the project folder\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    (tmp_path / "hengyang-print.toml").touch()  # marks the project folder (paths.py)
    content, layout = tmp_path / "content" / "page.yaml", tmp_path / "layout" / "broadsheet.yaml"
    shutil.copyfile(DEFAULT_CONTENT, content)
    shutil.copyfile(DEFAULT_LAYOUT, layout)
    return Project(tmp_path, content, layout)


def line_of(path: Path, fragment: str) -> int:
    """1-based line of the first line of a file holding `fragment`."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fragment in line:
            return n
    raise AssertionError(f"{fragment!r} not in {path}")
