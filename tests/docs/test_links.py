"""Every relative link of the documentation leads somewhere: the file exists, and a #fragment names a heading
of the page it points to."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from .markdown import anchors, links, pages, rel

LINKS = [(page, target) for page in pages() for target in links(page) if "://" not in target]


def test_the_pages_link_to_each_other():
    assert len(LINKS) > 100


@pytest.mark.parametrize("page,target", LINKS, ids=[f"{rel(p)} -> {t}" for p, t in LINKS])
def test_every_relative_link_resolves(page, target):
    if target.startswith("mailto:"):
        return
    path, _, fragment = target.partition("#")
    file = (page.parent / unquote(path)).resolve() if path else page
    assert file.exists(), f"{rel(page)}: link to {target}: no such file"
    if fragment:
        assert file.suffix == ".md", f"{rel(page)}: link to {target}: a fragment of a file that is not a page"
        assert unquote(fragment) in anchors(file), f"{rel(page)}: link to {target}: no such heading in {rel(file)}"


def test_a_broken_link_is_caught(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# 版式文件\n\n[a](#版式文件) [b](#nothing) [c](missing.md)\n", encoding="utf-8")
    assert links(page) == ["#版式文件", "#nothing", "missing.md"]
    assert anchors(page) == {"版式文件"}
