"""No module touches a private name of Python or of a library: no `_name` of another object or module (a
leading underscore is a module's or a class's own), no private module (`_sre`, `_blake2`), no private name
imported, none reached with getattr. An object's own private attributes (`self._x`, `cls._x`) are its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "hengyang_print"
DOCUMENTED = {("os", "_exit")}  # public despite the underscore: the documented way to end a process at once
FILES = sorted(SRC.rglob("*.py"))


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def reaches(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr):
            owner = node.value
            own = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            if not own and not (isinstance(owner, ast.Name) and (owner.id, node.attr) in DOCUMENTED):
                found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}" for a in node.names if any(map(private, a.name.split(".")))
            ]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and any(map(private, module.split("."))):
                found.append(f"line {node.lineno}: from {module}")
            if node.level == 0:
                found += [f"line {node.lineno}: from {module} import {a.name}" for a in node.names if private(a.name)]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and private(node.args[1].value)
        ):
            found.append(f"line {node.lineno}: {node.func.id}(…, {node.args[1].value!r})")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_of_python_or_a_library(path):
    assert reaches(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_check_sees_what_it_must():
    code = """
import _sre
from re import _cache
from dataclasses import _FIELD
x = canvas._doc
y = getattr(face, "_ttf_data")
z = self._own
"""
    assert [r.split(": ")[1] for r in reaches(ast.parse(code))] == [
        "import _sre",
        "from re import _cache",
        "from dataclasses import _FIELD",
        "._doc",
        "getattr(…, '_ttf_data')",
    ]
