"""records.dataclass behaves as the standard library's @dataclass for the features the project uses:
the same class written twice, once with each decorator, must agree on every operation."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from hengyang_print import records


def pair(frozen: bool):
    def body():
        class Point:
            x: int
            label: str = "p"
            tags: list = dataclasses.field(default_factory=list)
            weight: float | None = None

            def norm(self) -> int:
                return abs(self.x)

        return Point

    return records.dataclass(frozen=frozen)(body()), dataclasses.dataclass(frozen=frozen)(body())


@pytest.mark.parametrize("frozen", [True, False])
def test_agrees_with_the_standard_library(frozen):
    ours, std = pair(frozen)
    a, b = ours(1, tags=[2]), std(1, tags=[2])
    assert repr(a).replace("pair.<locals>.body.<locals>.", "") == repr(b).replace("pair.<locals>.body.<locals>.", "")
    assert (
        [f.name for f in dataclasses.fields(a)]
        == [f.name for f in dataclasses.fields(b)]
        == ["x", "label", "tags", "weight"]
    )
    assert dataclasses.asdict(a) == dataclasses.asdict(b) == {"x": 1, "label": "p", "tags": [2], "weight": None}
    assert ours(1) == ours(1, "p") and ours(1) != ours(2) and ours(1).tags is not ours(1).tags
    assert dataclasses.replace(a, x=-3).norm() == 3
    assert type(a).__match_args__ == type(b).__match_args__
    if frozen:
        assert hash(ours(1, "q", ())) == hash(ours(1, "q", ())) and hash(ours(1, "q", ())) == hash(std(1, "q", ()))
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.x = 5
        with pytest.raises(dataclasses.FrozenInstanceError):
            del a.x
    else:
        assert type(a).__hash__ is None and type(b).__hash__ is None
        a.x = 5
        assert a.x == 5


def test_post_init_runs_and_missing_arguments_fail():
    @records.dataclass(frozen=True)
    class Span:
        start: int
        end: int

        def __post_init__(self):
            if self.end < self.start:
                raise ValueError("backwards")

    assert Span(1, 2).end == 2
    with pytest.raises(ValueError):
        Span(2, 1)
    with pytest.raises(TypeError):
        Span(1)


def test_two_classes_of_one_shape_share_code_not_behaviour():
    """The compiled methods are looked up by the class's shape: two such classes stay apart."""

    @records.dataclass(frozen=True)
    class A:
        v: int

    @records.dataclass(frozen=True)
    class B:
        v: int

    assert A(1) != B(1) and A(1) == A(1)
    assert pickle.loads(pickle.dumps(Span_for_pickle(3))) == Span_for_pickle(3)


@records.dataclass(frozen=True)
class Span_for_pickle:
    n: int


def test_named_tuple_agrees_with_typing_named_tuple():
    from typing import NamedTuple

    class Std(NamedTuple):
        a: int
        b: str

    @records.named_tuple
    class Ours:
        """Two fields."""

        a: int
        b: str

        @property
        def both(self) -> str:
            return f"{self.a}{self.b}"

    o, s = Ours(1, "x"), Std(1, "x")
    assert o == s == (1, "x") and tuple(o) == tuple(s) and hash(o) == hash(s)
    assert (o.a, o.b, o.both) == (1, "x", "1x") and o[1] == "x"
    assert Ours(b="y", a=2) == (2, "y")
    assert repr(o) == repr(s).replace("Std", "Ours") == "Ours(a=1, b='x')"
    assert Ours._fields == Std._fields and Ours.__doc__ == "Two fields."
    assert isinstance(o, tuple)
    with pytest.raises(AttributeError):
        o.a = 3
    with pytest.raises(TypeError):
        Ours(1)
    assert pickle.loads(pickle.dumps(Pair_for_pickle(1, 2))) == Pair_for_pickle(1, 2)


@records.named_tuple
class Pair_for_pickle:
    x: int
    y: int


def test_a_frozen_record_pickles_as_a_call_of_its_class_and_comes_back_equal_and_shared():
    """Frozen records without __post_init__ reduce to (class, fields): what the cache's glyphs take."""
    import pickle

    from hengyang_print.model import Glyph, Line

    g = Glyph("—", 1.5, 14.0, -0.0, 2.0)
    line = Line((g, g, Glyph("中", 15.5, 14.0)), 29.5, 30.0, True, False)
    assert g.__reduce__() == (Glyph, ("—", 1.5, 14.0, -0.0, 2.0))
    back = pickle.loads(pickle.dumps(line, pickle.HIGHEST_PROTOCOL))
    assert back == line and type(back.glyphs[0]) is Glyph and back.glyphs[0] is back.glyphs[1]  # one object, as pickled
    assert str(back.glyphs[0].ink_dx) == "-0.0"  # exactly the value: no default stands in for it
