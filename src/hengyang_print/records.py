"""@dataclass, made without compiling on every start.

The standard library's decorator compiles every method it writes apart (__init__, __repr__, __eq__,
__hash__, and __setattr__ and __delattr__ of a frozen class): ~0.5 ms a class, ~20 ms of every start for
the pipeline's 40 classes. This one writes the same methods (the same text, the same behaviour) as one
source a class, and keeps the compiled code in the cache (cache.py) as Python keeps a module's bytecode,
so a start compiles nothing. The class is a dataclass to every reader: dataclasses.fields, replace,
asdict, is_dataclass and pickle work on it. It takes what this project uses: `frozen`, defaults,
`field(default_factory=...)`, `__post_init__`; no inheritance between dataclasses, no ClassVar, no
keyword-only fields.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
import tempfile
from dataclasses import MISSING, Field, FrozenInstanceError, field

from . import cache

__all__ = ["dataclass", "field"]


def dataclass(cls=None, /, *, frozen: bool = False):
    def wrap(cls):
        return _process(cls, frozen)

    return wrap if cls is None else wrap(cls)


def _process(cls: type, frozen: bool) -> type:
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: records.dataclass does not inherit fields; use dataclasses.dataclass")
    fields: dict[str, Field] = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if "ClassVar" in str(annotation) or "InitVar" in str(annotation) or "KW_ONLY" in str(annotation):
            raise TypeError(f"{cls.__name__}.{name}: records.dataclass takes plain fields only")
        default = cls.__dict__.get(name, MISSING)
        f = default if isinstance(default, Field) else field(default=default)
        f.name, f.type, f._field_type = name, annotation, dataclasses._FIELD
        fields[name] = f
        if isinstance(default, Field):  # as dataclasses does: the class attribute is the plain default, if any
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)

    names = list(fields)
    env: dict[str, object] = {"MISSING": MISSING, "FrozenInstanceError": FrozenInstanceError, "cls": cls, "__builtins__": __builtins__}
    params, body = ["self"], []
    for n, f in fields.items():
        if f.default is not MISSING:
            env[f"_dflt_{n}"] = f.default
            params.append(f"{n}=_dflt_{n}")
        elif f.default_factory is not MISSING:
            env[f"_dflt_{n}"] = f.default_factory
            params.append(f"{n}=_HAS_DEFAULT_FACTORY")
            env["_HAS_DEFAULT_FACTORY"] = dataclasses._HAS_DEFAULT_FACTORY
        else:
            params.append(n)
        value = f"_dflt_{n}() if {n} is _HAS_DEFAULT_FACTORY else {n}" if f.default_factory is not MISSING else n
        body.append(f"  object.__setattr__(self, {n!r}, {value})" if frozen else f"  self.{n} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    own = tuple(f"self.{n}" for n in names)
    other = tuple(f"other.{n}" for n in names)
    source = [
        f"def __init__({', '.join(params)}):",
        *(body or ["  pass"]),
        "def __repr__(self):",
        "  return self.__class__.__qualname__ + f'(" + ", ".join(f"{n}={{self.{n}!r}}" for n in names) + ")'",
        "def __eq__(self, other):",
        "  if other.__class__ is self.__class__:",
        f"    return ({''.join(o + ',' for o in own)})==({''.join(o + ',' for o in other)})",
        "  return NotImplemented",
    ]
    if frozen:
        field_names = tuple(names)
        source += [
            f"def __hash__(self):",
            f"  return hash(({''.join(o + ',' for o in own)}))",
            "def __setattr__(self, name, value):",
            f"  if type(self) is cls or name in {field_names!r}:",
            "    raise FrozenInstanceError(f'cannot assign to field {name!r}')",
            "  super(cls, self).__setattr__(name, value)",
            "def __delattr__(self, name):",
            f"  if type(self) is cls or name in {field_names!r}:",
            "    raise FrozenInstanceError(f'cannot delete field {name!r}')",
            "  super(cls, self).__delattr__(name)",
        ]
    exec(_compiled("\n".join(source), f"<records.dataclass {cls.__qualname__}>"), env)
    for method in ("__init__", "__repr__", "__eq__", *(("__hash__", "__setattr__", "__delattr__") if frozen else ())):
        if method not in cls.__dict__ or method == "__hash__" and cls.__dict__.get("__hash__") is None:
            function = env[method]
            function.__qualname__ = f"{cls.__qualname__}.{method}"
            setattr(cls, method, function)
    if not frozen and "__hash__" not in cls.__dict__:
        cls.__hash__ = None  # mutable and compared by value: unhashable, as dataclasses makes it
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = dataclasses._DataclassParams(True, True, True, False, False, frozen)
    cls.__match_args__ = tuple(names)
    return cls


_codes: dict[str, object] | None = None  # source -> code object, as stored by an earlier process
_used: set[str] = set()  # the sources this process asked for
MAX_CODES = 400  # beyond this (versions of the classes piling up), only this process's are kept


def _compiled(source: str, name: str):
    global _codes
    if _codes is None:
        _codes = _read_codes()
    _used.add(source)
    code = _codes.get(source)
    if code is None:
        code = _codes[source] = compile(source, name, "exec")
        if len(_codes) > MAX_CODES:
            _codes = {s: c for s, c in _codes.items() if s in _used}
        _write_codes(_codes)
    return code


def _codes_file():
    return cache.cache_dir() / f"records-{sys.implementation.cache_tag}.marshal"  # marshal's format is the interpreter's


def _read_codes() -> dict:
    if not cache.enabled():
        return {}
    try:
        data = _codes_file().read_bytes()
        body = data[4:]
        if int.from_bytes(data[:4], "big") != cache.checksum(body):  # damaged: code must never be half right
            return {}
        codes = marshal.loads(body)
        return codes if isinstance(codes, dict) else {}
    except Exception:  # absent, torn, another interpreter's: compile again
        return {}


def _write_codes(codes: dict) -> None:
    """Beside the file and renamed, as every cache entry; only when a class's source is new (a first start,
    a changed class), so a start with all of them stored writes nothing."""
    if not cache.enabled():
        return
    path = _codes_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        body = marshal.dumps(codes)
        with os.fdopen(fd, "wb") as f:
            f.write(cache.checksum(body).to_bytes(4, "big") + body)
        os.replace(tmp, path)
    except OSError:
        pass
