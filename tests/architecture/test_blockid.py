"""The page grammar: a BlockId formats as its YAML path, and the path finds the value in the content file."""

from __future__ import annotations

from hengyang_print.blockid import BlockId
from hengyang_print.cli.common import DEFAULT_CONTENT
from hengyang_print.load.loader import load_content


def test_a_block_formats_as_its_yaml_path():
    assert str(BlockId("items", 3, "body", 0)) == "items[3].body[0]"
    assert str(BlockId("items", 9, "caption")) == "items[9].image.caption"
    assert str(BlockId("items", 9, "image")) == "items[9].image"
    assert str(BlockId("intro", paragraph=1)) == "intro[1]"
    assert str(BlockId("keyword", part="label")) == "keyword.label"
    assert str(BlockId("headline")) == "headline"
    assert str(BlockId("items", 3, "body", 0).family) == "items[3].body"
    assert BlockId("items", 3, "body", 0).of_item == BlockId("items", 3)


def test_the_path_locates_the_value_in_the_content_file():
    """load records where every value starts; the content answers for a block without reading the file."""
    lines = DEFAULT_CONTENT.read_text(encoding="utf-8").splitlines()
    content = load_content(DEFAULT_CONTENT)
    where = content.where(BlockId("items", 9, "headline"))
    line, col = map(int, where.rsplit(":", 2)[1:])
    assert "陆港型国家物流枢纽承载城市" in lines[line - 1][col - 1 :]
    where = content.where(BlockId("items", 3, "body", 0), offset=6)
    line, col = map(int, where.rsplit(":", 2)[1:])
    body = lines[line - 1]
    assert body[col - 1 :].startswith("海关总署")  # the seventh character of "7月31日，海关总署…"


def test_a_block_not_in_the_file_is_located_at_the_file():
    content = load_content(DEFAULT_CONTENT)
    assert content.where(BlockId("items", 99, "headline")) == str(DEFAULT_CONTENT)


def test_a_value_written_with_escapes_is_located_at_its_start(tmp_path):
    """An offset inside a value whose source differs from its text (an escape) points at the value's start."""
    source = DEFAULT_CONTENT.read_text(encoding="utf-8")
    page = tmp_path / "page.yaml"
    page.write_text(source.replace('headline: "这些', 'headline: "\\u8fd9些', 1), encoding="utf-8")
    content = load_content(page)
    line, col = map(int, content.where(BlockId("headline"), offset=3).rsplit(":", 2)[1:])
    assert page.read_text(encoding="utf-8").splitlines()[line - 1][col - 1] == '"'
