"""Helpers for the command-line tests: the installed entry point run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hengyang_print.cli.common import ROOT

from ..schemas import validator  # noqa: F401  (the command-line tests' way to it)

EXE = Path(sys.executable).parent / "hengyang-print"
SEED_CONTENT = ROOT / "content" / "hengyang-2018.yaml"


def run(*args: str, cwd: Path | None = None, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """hengyang-print ARGS… in `cwd`, output as bytes; env adds to (or, with None values, removes from) the
    environment."""
    full = {k: v for k, v in os.environ.items() if k not in (env or {}) or env[k] is not None}
    full.update({k: v for k, v in (env or {}).items() if v is not None})
    return subprocess.run([str(EXE), *args], cwd=cwd, env=full, capture_output=True, timeout=120, **kw)


@pytest.fixture
def page_copy(tmp_path) -> Path:
    """The seed page as a user's own content file, in a folder of its own."""
    path = tmp_path / "mine.yaml"
    path.write_text(SEED_CONTENT.read_text(encoding="utf-8"), encoding="utf-8")
    return path
