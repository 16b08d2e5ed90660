"""Shared fixtures: the default page built once per test session, read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from hengyang_print import i18n
from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.run.build import build, write_atomically

SEED = Path(__file__).parent / "data" / "seed" / "hengyang-2018-as-printed.txt"  # the page as printed, kept in the repo


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The suite composes thousands of generated paragraphs: it fills a cache of its own, not the user's;
    records no build in a sign-off ledger unless a test asks for it (tests/cli/test_signoff.py); and reads the
    tool's messages in English whatever the developer's locale (tests/i18n switches to Chinese where it asks)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HENGYANG_PRINT_CACHE", str(tmp_path_factory.mktemp("cache")))
        mp.setenv("HENGYANG_PRINT_LEDGER", "off")  # builds in the repository's project folder leave its ledger alone
        mp.setenv("LANGUAGE", "en")  # the first locale variable gettext (and i18n.py) reads
        i18n.use()
        yield


@pytest.fixture(scope="session")
def default_build():
    return build(DEFAULT_CONTENT, DEFAULT_LAYOUT)


@pytest.fixture(scope="session")
def default_pdf(default_build, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "page.pdf"
    write_atomically(path, default_build.pdf)
    return path


@pytest.fixture(scope="session")
def plumbed(default_pdf):
    with pdfplumber.open(default_pdf) as pdf:
        yield pdf


def write_variant(tmp_path: Path, text: str, name: str = "content.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
