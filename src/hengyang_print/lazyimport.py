"""Modules that load when first used: the module object is made and put in sys.modules at once, and its code
runs into that same object the moment anything of it beyond its import attributes is read or set.

For modules that something on the build path imports but a build never uses: Pillow, which ReportLab
imports when imported and uses only to draw a photo (~10 ms), and inspect, which dataclasses imports
(with ast, dis and tokenize: ~9 ms) and uses only in functions records.py never calls. (importlib's
LazyLoader does not serve: `import inspect` reads the module's __spec__, which makes it load; here
__spec__ and the other import attributes are plain attributes of the waiting module.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType


class _Waiting(ModuleType):
    """A module whose code has not run yet. Its first use runs it and makes it a plain module again."""

    def __getattr__(self, attribute: str):  # only what the module lacks: all but its import attributes
        _run(self)
        return getattr(self, attribute)

    def __setattr__(self, attribute: str, value) -> None:  # a test's monkeypatch: the module as it will be
        _run(self)
        setattr(self, attribute, value)

    def __delattr__(self, attribute: str) -> None:
        _run(self)
        delattr(self, attribute)


def _run(module: ModuleType) -> None:
    object.__setattr__(module, "__class__", ModuleType)
    module.__spec__.loader.exec_module(module)


def import_on_first_use(name: str) -> None:
    """Make `name` lazy, unless it is imported already or is not plain Python (then it is left alone). A
    parent package is imported."""
    if name in sys.modules:
        return
    parent, _, child = name.rpartition(".")
    if parent:
        importlib.import_module(parent)
    spec = importlib.util.find_spec(name)
    if (
        spec is None
        or spec.loader is None
        or not hasattr(spec.loader, "exec_module")
        or spec.loader.create_module(spec) is not None
    ):
        return  # absent (the real import reports it where it is used), or an extension module
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Waiting
    sys.modules[name] = module
    if parent:
        setattr(sys.modules[parent], child, module)
