"""Debian's chromium driven by Playwright for Python, and `hengyang-print serve` run as a user runs it.

Playwright cannot download its own browser here: it launches /usr/bin/chromium (`apt-get install -y chromium`;
.ci/run installs it). Without it the browser tests skip, saying how to get it; in CI (CI set) they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make test installs the test extras: pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"no {CHROMIUM} (Debian: apt-get install -y chromium; .ci/run installs it)"
    return None


@contextmanager
def chromium():
    """A headless chromium; skips the test (fails it in CI) when there is none."""
    why = missing()
    if why:
        if in_ci():
            pytest.fail(f"the browser tests must run in CI: {why}")
        pytest.skip(f"browser tests skipped: {why}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def serving(content: Path, *options: str, ledger: bool = False):
    """`hengyang-print serve CONTENT --port 0`; yields its URL, the first line it prints. `ledger`: the room
    records in its project's ledger (the suite's own builds leave ledgers alone: tests/conftest.py)."""
    command = [sys.executable, "-m", "hengyang_print", "serve", str(content), "--port", "0", *options]
    env = {k: v for k, v in os.environ.items() if not (ledger and k == "HENGYANG_PRINT_LEDGER")}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = process.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            process.kill()
            pytest.fail(f"serve printed {url!r} first; stderr: {process.stderr.read()}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
