"""Arguments several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_CONTENT = ROOT / "content" / "hengyang-2018.yaml"
DEFAULT_LAYOUT = ROOT / "layout" / "broadsheet.yaml"


def add_page_arguments(parser: argparse.ArgumentParser, many: bool = False) -> None:
    """CONTENT (several, or edition files, if `many`) and --layout, with the project's default page."""
    if many:
        parser.add_argument("content", nargs="*", default=[str(DEFAULT_CONTENT)], help="content YAML files, or edition files listing pages (default: content/hengyang-2018.yaml)")
    else:
        parser.add_argument("content", nargs="?", default=str(DEFAULT_CONTENT), help="content YAML (default: content/hengyang-2018.yaml)")
    parser.add_argument("--layout", default=str(DEFAULT_LAYOUT), help="layout spec YAML (default: layout/broadsheet.yaml)")


def add_fit_arguments(parser: argparse.ArgumentParser) -> None:
    """--fit / --no-fit: whether flowed regions must end flush within the layout's `fit:` bounds."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--fit", dest="fit", action="store_const", const=True, default=None,
        help="columns must end flush (齐底), flexing within the layout's fit: bounds; fail with exact cuts or additions"
        " when nothing within them fits (default where the layout declares fit:)",
    )
    group.add_argument("--no-fit", dest="fit", action="store_const", const=False, help="set the text as written: no flexing, columns balanced, a short flow only reported")


def default_output(content: str, suffix: str = ".pdf") -> Path:
    return ROOT / "out" / (Path(content).stem + suffix)
