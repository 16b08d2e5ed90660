"""Ledgers on real SQLite files in a project folder of their own, and versions of a page to record."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hengyang_print.ledger import DEFAULT_CHAIN, Ledger, PageRef

PAGE = PageRef(content="content/a01.yaml", layout="broadsheet")
BLOCKS = {
    "headline": "衡阳市举行2024年度新闻发布会",
    "intro[0]": "衡阳市的新闻发布会今天在市政府举行，会上公布了全年的发展数据。",
    "items[0].headline": "全市生产总值突破4000亿元",
    "items[0].body[0]": "据统计，衡阳市的生产总值达到4000亿元，比上年增长5.1%，其中的工业增加值增长的幅度最大。",
    "items[1].headline": "城区新增公园12个",
    "items[1].body[0]": "新建的12个公园总面积达到86公顷，市民步行10分钟可达的公园覆盖率提高到87%。",
}


def sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def make_project(folder: Path, signoff: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hengyang-print.toml").write_text(signoff, encoding="utf-8")
    return folder


def record(ledger: Ledger, blocks: dict[str, str], page: PageRef = PAGE, person: str = "排版"):
    """A version whose PDF stands in for a build of `blocks`: its bytes follow from the text alone."""
    pdf = ("%PDF-1.3 stand-in\n" + "\n".join(f"{k}={v}" for k, v in blocks.items())).encode("utf-8")
    return ledger.record_version(
        page,
        pdf_sha256=sha(pdf),
        content_sha256=sha(repr(blocks)),
        layout_sha256=sha("layout"),
        blocks=blocks,
        pdf=pdf,
        person=person,
    )


def edited(blocks: dict[str, str], block: str, old: str, new: str) -> dict[str, str]:
    assert old in blocks[block]
    return {**blocks, block: blocks[block].replace(old, new, 1)}


def sign_through(ledger: Ledger, version: int, roles=DEFAULT_CHAIN, page: PageRef = PAGE, person: str = "王芳"):
    return [ledger.sign(page, version=version, role=role, person=person) for role in roles]


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "newsroom")


@pytest.fixture
def ledger(project):
    with Ledger.open(project) as opened:
        yield opened
