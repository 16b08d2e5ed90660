"""The pipeline runs one way: a stage imports only the shared model and earlier stages; nothing of the
pipeline imports a tool, the runner or the command line. Read from the source (an AST walk), so a lazy
import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "hengyang_print"
SHARED = {
    "model",
    "errors",
    "cache",
    "fonts",
    "fonttables",
    "fontpack",
    "records",
    "blockid",
    "atomic",
    "pressrules",
    "paths",
    "diagnostics",
    "i18n",  # the tool's words in the reader's language (gettext): any module may speak
    "digests",
    "lazyimport",
    "__init__",
}
STAGES = ["load", "compose", "place", "draw", "verify"]  # in pipeline order
ABOVE = {
    "tools": STAGES + ["tools"],
    "run": STAGES + ["tools", "run"],
    "ledger": ["tools", "ledger"],  # the sign-off ledger: its release gate preflights with tools; no stage
    "settings": ["settings"],  # the project's hengyang-print.toml: read by the command line, the room and the API
}
ABOVE["room"] = ABOVE["run"] + ["ledger", "settings", "room"]  # the proof room: a web app beside the command line
ABOVE["cli"] = ABOVE["room"] + ["cli"]  # `serve` starts the room
# the entry points sit above everything: the console script / python -m, and the Python API
ABOVE |= {"__main__": ABOVE["cli"], "api": ABOVE["cli"] + ["api"]}
FACADE = {"api"}  # the package's __init__ re-exports the API lazily (on first attribute use)


def unit(path: Path) -> str:
    """The stage, tool folder or shared module a file belongs to."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_units(path: Path, source: str | None = None) -> set[str]:
    """Units of hengyang_print a file imports, relative or absolute, wherever the import stands."""
    here = path.relative_to(PACKAGE).parent.parts
    out = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        names: list[list[str]] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level + 1])
                mod = base + (node.module.split(".") if node.module else [])
                names = [mod + [_module_or_init(mod, a.name)] for a in node.names] if not node.module else [mod]
            elif node.module and node.module.startswith("hengyang_print"):
                names = [node.module.split(".")[1:] or [a.name for a in node.names]]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1:] for a in node.names if a.name.startswith("hengyang_print.")]
        out |= {n[0] for n in names if n}
    return out


def _module_or_init(package: list[str], name: str) -> str:
    """`from .. import X`: X is a module of that package, or a name its __init__ defines (__version__)."""
    where = PACKAGE.joinpath(*package)
    return name if (where / name).is_dir() or (where / f"{name}.py").is_file() else "__init__"


def allowed(of: str) -> set[str]:
    if of == "__init__":
        return set(SHARED) | FACADE
    if of in SHARED:
        return set(SHARED)
    if of in STAGES:
        return set(SHARED) | set(STAGES[: STAGES.index(of) + 1])
    return set(SHARED) | set(ABOVE[of])


FILES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_import_runs_down_the_pipeline(path):
    mine = unit(path)
    wrong = imported_units(path) - allowed(mine)
    assert not wrong, f"{path.relative_to(PACKAGE)} ({mine}) imports {sorted(wrong)}"


def test_the_walk_sees_a_wrong_import():
    """The checker itself: a place module importing a tool lazily, or compose importing place, is caught."""
    probe = PACKAGE / "place" / "probe.py"
    assert imported_units(probe, "def f():\n    from ..tools.audit import audit_page\n") == {"tools"}
    assert "tools" not in allowed(unit(probe))
    assert imported_units(PACKAGE / "compose" / "probe.py", "from hengyang_print.place import place_page\n") == {
        "place"
    }
    assert "place" not in allowed("compose") and "compose" in allowed("place")


def test_every_package_states_its_contract():
    for package in [p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()]:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, package.name
