"""Layout defaults live in one table (load/defaults.py), which README lists key for key, and the loader uses."""

from __future__ import annotations

import re

from hengyang_print.cli.common import ROOT
from hengyang_print.load.defaults import DEFAULTS

LOADER = (ROOT / "src" / "hengyang_print" / "load" / "loader.py").read_text(encoding="utf-8")


def test_readme_lists_every_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([^`]+)` \|", readme[readme.index("### Layout defaults") :], re.M)
    assert listed[: len(DEFAULTS)] == list(DEFAULTS)


def test_the_loader_takes_each_default_from_the_table():
    used = set(re.findall(r'D\["([^"]+)"\]', LOADER))
    assert used == set(DEFAULTS)
