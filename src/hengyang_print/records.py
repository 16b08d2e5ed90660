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

import atexit
import marshal
import sys

from .lazyimport import import_on_first_use

import_on_first_use("inspect")  # dataclasses imports it (~9 ms with ast, dis, tokenize) for what we never call
import dataclasses  # noqa: E402
from dataclasses import MISSING, Field, FrozenInstanceError, field  # noqa: E402

from . import atomic, cache  # noqa: E402

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["dataclass", "field", "named_tuple"]


def dataclass(cls=None, /, *, frozen: bool = False):
    def wrap(cls):
        return _process(cls, frozen)

    return wrap if cls is None else wrap(cls)


def _process(cls: type, frozen: bool) -> type:
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: records.dataclass does not inherit fields; use dataclasses.dataclass")
    if "__slots__" in cls.__dict__:
        raise TypeError(
            f"{cls.__name__}: records.dataclass takes classes without __slots__ (its __init__ fills the instance's __dict__)"
        )
    fields: dict[str, Field] = {}
    env: dict[str, object] = {
        "MISSING": MISSING,
        "FrozenInstanceError": FrozenInstanceError,
        "cls": cls,
        "__builtins__": __builtins__,
    }
    kinds = []  # per field: "" required, "=" a default, "()" a default factory
    namespace = cls.__dict__
    for name, annotation in namespace.get("__annotations__", {}).items():
        text = annotation if isinstance(annotation, str) else str(annotation)
        if "ClassVar" in text or "InitVar" in text or "KW_ONLY" in text:
            raise TypeError(f"{cls.__name__}.{name}: records.dataclass takes plain fields only")
        default = namespace.get(name, MISSING)
        if isinstance(default, Field):  # as dataclasses does: the class attribute is the plain default, if any
            f = default
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = field(default=default)
        f.name, f.type, f._field_type = name, annotation, dataclasses._FIELD
        fields[name] = f
        if f.default is not MISSING:
            env[f"_dflt_{name}"] = f.default
            kinds.append("=")
        elif f.default_factory is not MISSING:
            env[f"_dflt_{name}"] = f.default_factory
            env["_HAS_DEFAULT_FACTORY"] = dataclasses._HAS_DEFAULT_FACTORY
            kinds.append("()")
        else:
            kinds.append("")
    names = tuple(fields)
    # the methods' text is a function of this key alone: a start looks the compiled code up by it, and
    # writes the text only for a class it has not seen (~50 us a class saved, ~3 ms of a build's start)
    key = (cls.__qualname__, frozen, hasattr(cls, "__post_init__"), names, tuple(kinds))
    exec(_compiled(key, _source), env)
    env["__repr__"] = _repr(names)
    if frozen:
        env["__setattr__"], env["__delattr__"] = _frozen(cls, names)
    reduce = ("__reduce__",) if frozen and not hasattr(cls, "__post_init__") else ()
    for method in (
        "__init__",
        "__repr__",
        "__eq__",
        *reduce,
        *(("__hash__", "__setattr__", "__delattr__") if frozen else ()),
    ):
        if method not in namespace or method == "__hash__" and namespace.get("__hash__") is None:
            function = env[method]
            function.__qualname__ = f"{cls.__qualname__}.{method}"
            setattr(cls, method, function)
    if not frozen and "__hash__" not in namespace:
        cls.__hash__ = None  # mutable and compared by value: unhashable, as dataclasses makes it
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = dataclasses._DataclassParams(True, True, True, False, False, frozen)
    cls.__match_args__ = names
    return cls


def named_tuple(cls: type) -> type:
    """typing.NamedTuple's class for a class body of annotated fields (no defaults): a tuple, its fields
    by name, its repr, pickled by value. Its __new__ is compiled once and kept like the dataclasses'
    methods; typing.NamedTuple compiles it on every start (~0.3 ms a class)."""
    from _collections import _tuplegetter

    namespace = dict(cls.__dict__)
    names = tuple(namespace.get("__annotations__", {}))
    if any(n in namespace for n in names):
        raise TypeError(f"{cls.__name__}: records.named_tuple takes fields without defaults")
    env = {"_tuple_new": tuple.__new__, "__builtins__": __builtins__}
    exec(_compiled(("tuple", cls.__qualname__, names), _tuple_source), env)
    for key in ("__dict__", "__weakref__"):
        namespace.pop(key, None)
    namespace.update(
        __slots__=(),
        _fields=names,
        __match_args__=names,
        __new__=env["__new__"],
        __repr__=env["__repr__"],
        __getnewargs__=lambda self: tuple(self),
    )
    namespace.update((n, _tuplegetter(i, f"field {i}: {n}")) for i, n in enumerate(names))
    made = type(cls.__name__, (tuple,), namespace)
    made.__new__.__qualname__ = f"{cls.__qualname__}.__new__"
    return made


def _tuple_source(kind: str, qualname: str, names: tuple[str, ...]) -> str:
    fields = ", ".join(names)
    return "\n".join(
        [
            f"def __new__(_cls, {fields}):",
            f"  return _tuple_new(_cls, ({fields}{',' if len(names) == 1 else ''}))",
            "def __repr__(self):",
            "  return self.__class__.__name__ + '(' + ', '.join(f'{n}={v!r}' for n, v in zip(self._fields, self)) + ')'",
        ]
    )


def _source(qualname: str, frozen: bool, post_init: bool, names: tuple[str, ...], kinds: tuple[str, ...]) -> str:
    """The methods dataclasses would write for such a class, as one source."""
    params, body = ["self"], ["  d = self.__dict__"] if frozen and names else []
    for n, kind in zip(names, kinds):
        params.append(f"{n}=_dflt_{n}" if kind == "=" else f"{n}=_HAS_DEFAULT_FACTORY" if kind == "()" else n)
        value = f"_dflt_{n}() if {n} is _HAS_DEFAULT_FACTORY else {n}" if kind == "()" else n
        # frozen: straight into the instance's dict, as object.__setattr__ would put it for a class without
        # slots or data descriptors of the fields' names (2.5x faster; some 30 000 records a rebuild)
        body.append(f"  d[{n!r}] = {value}" if frozen else f"  self.{n} = {value}")
    if post_init:
        body.append("  self.__post_init__()")
    own = tuple(f"self.{n}" for n in names)
    other = tuple(f"other.{n}" for n in names)
    source = [
        f"def __init__({', '.join(params)}):",
        *(body or ["  pass"]),
        "def __eq__(self, other):",
        "  if other.__class__ is self.__class__:",
        f"    return ({''.join(o + ',' for o in own)})==({''.join(o + ',' for o in other)})",
        "  return NotImplemented",
    ]
    if frozen and not post_init:
        # pickled as a call of the class with its fields (its __init__ only stores them): half the bytes of
        # the default (a state dict a record) and ~40 % faster both ways, for the cache's 5,000 glyphs a page
        source += [
            "def __reduce__(self):",
            "  d = self.__dict__",
            f"  return self.__class__, ({''.join(f'd[{n!r}],' for n in names)})",
        ]
    if frozen:
        source += [
            "def __hash__(self):",
            f"  return hash(({''.join(o + ',' for o in own)}))",
        ]
    return "\n".join(source)


# What is not on a hot path is one function for every class, not compiled for each (~9 ms of a first start):
# the repr, and a frozen class's refusal to change.


def _repr(names: tuple[str, ...]):
    def __repr__(self):
        return self.__class__.__qualname__ + "(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")"

    return __repr__


def _frozen(cls: type, names: tuple[str, ...]):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


_codes: dict[tuple, object] | None = None  # class key (see _process) -> code object, as stored by an earlier process
_used: set[tuple] = set()  # the keys this process asked for
_new = False  # compiled codes not yet stored
MAX_CODES = 400  # beyond this (versions of the classes piling up), only this process's are kept
FORMAT = 5  # of the stored keys and code (2: a class's key, not its source; 3: frozen __init__ fills __dict__; 4: __reduce__; 5: no repr, setattr, delattr)


def _compiled(key: tuple, source: Callable[..., str]):
    global _codes
    if _codes is None:
        _codes = _read_codes()
    _used.add(key)
    code = _codes.get(key)
    if code is None:
        code = _codes[key] = compile(
            source(*key),
            f"<records {key[0]} {key[1]}>" if key[0] == "tuple" else f"<records.dataclass {key[0]}>",
            "exec",
        )
        if len(_codes) > MAX_CODES:
            _codes = {s: c for s, c in _codes.items() if s in _used}
        global _new
        if not _new:
            atexit.register(store)  # the CLI, which leaves by os._exit, calls store() itself
        _new = True
    return code


def store() -> None:
    """Keep the code of classes this process compiled, once (a first start makes ~60 classes: one write,
    not one a class)."""
    global _new
    if _new and _codes is not None:
        _new = False
        _write_codes(_codes)


def _codes_file():
    return (
        cache.cache_dir() / f"records-{FORMAT}-{sys.implementation.cache_tag}.marshal"
    )  # marshal's format is the interpreter's


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
    body = marshal.dumps(codes)
    atomic.store(_codes_file(), cache.checksum(body).to_bytes(4, "big") + body)
