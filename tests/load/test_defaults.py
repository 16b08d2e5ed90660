"""Layout defaults live in one table (load/defaults.py), which the loader uses (docs/03-layout.md lists it key for key:
tests/docs/test_figures.py)."""

from __future__ import annotations

import re

from hengyang_print.cli.common import ROOT
from hengyang_print.load.defaults import DEFAULTS

LOADER = (ROOT / "src" / "hengyang_print" / "load" / "loader.py").read_text(encoding="utf-8")


def test_the_loader_takes_each_default_from_the_table():
    used = set(re.findall(r'D\["([^"]+)"\]', LOADER))
    assert used == set(DEFAULTS)
