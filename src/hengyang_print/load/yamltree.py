"""A YAML file's composed node tree as plain nodes, parsed by PyYAML once per version of the file's bytes.

yamlread.Reader walks these nodes: Mapping (value: (key node, value node) pairs), Sequence (value: nodes),
Scalar (value: the text as written; `data`: what YAML's safe constructor makes of a plain int, float, bool,
null or date, or UNREADABLE), each with its tag and start and end marks (0-based line and column), as
PyYAML's nodes have them. An alias is the same node object wherever it is used, as in PyYAML's tree.

The tree is a pure function of the file's text, PyYAML's version and this module: it is remembered in the
cache under a digest of all three (cache.py; a page's build finds it in its pack), so a build of an unchanged
file neither parses it nor imports PyYAML (~10 ms of a start). Only compose() below calls PyYAML.
"""

from __future__ import annotations

from pathlib import Path

from .. import cache
from ..digests import blake2b

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"


class UNREADABLE:
    """A scalar's `data` when YAML's constructor refused it (a bad date): a class, so it pickles as itself."""


class Mark:
    __slots__ = ("line", "column")

    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


class Node:
    __slots__ = ("tag", "value", "start_mark", "end_mark")

    def __init__(self, tag: str, value, start_mark: Mark, end_mark: Mark):
        self.tag, self.value, self.start_mark, self.end_mark = tag, value, start_mark, end_mark


class Mapping(Node):
    __slots__ = ()
    id = "mapping"  # PyYAML's name for the kind


class Sequence(Node):
    __slots__ = ()
    id = "sequence"


class Scalar(Node):
    __slots__ = ("style", "data")
    id = "scalar"

    def __init__(self, tag: str, value: str, start_mark: Mark, end_mark: Mark, style: str | None, data):
        super().__init__(tag, value, start_mark, end_mark)
        self.style, self.data = style, data


def tree(text: str) -> Node | None:
    """The composed tree of `text` (None for an empty document); PyYAML's errors propagate (yamlread reports
    them). Remembered across processes when the cache is on."""
    version = cache.package_version("yaml", "__init__.py", "__version__")
    if version is None or not cache.enabled():
        return compose(text)
    digest = blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    key = repr((cache.code_version(Path(__file__)), version, digest, len(text)))
    return cache.remembered("yaml-trees", key, lambda: compose(text), valid=lambda v: v is None or isinstance(v, Node))


def compose(text: str) -> Node | None:
    """PyYAML (libyaml where installed, ~10x faster; the same marks) composes; its nodes become ours."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    return None if root is None else _Converter(yaml).node(root)


class _Converter:
    def __init__(self, yaml):
        self.yaml, self.made = yaml, {}  # id of a PyYAML node -> ours (an alias is one node)
        self.constructor = yaml.SafeLoader("")

    def node(self, node) -> Node:
        got = self.made.get(id(node))
        if got is not None:
            return got
        yaml = self.yaml
        start, end = Mark(node.start_mark.line, node.start_mark.column), Mark(node.end_mark.line, node.end_mark.column)
        if isinstance(node, yaml.ScalarNode):
            got = Scalar(node.tag, node.value, start, end, node.style, self.data(node))
            self.made[id(node)] = got
        elif isinstance(node, yaml.SequenceNode):
            got = self.made[id(node)] = Sequence(node.tag, [], start, end)
            got.value.extend(self.node(child) for child in node.value)
        else:
            got = self.made[id(node)] = Mapping(node.tag, [], start, end)
            got.value.extend((self.node(k), self.node(v)) for k, v in node.value)
        return got

    def data(self, node):
        """What the safe constructor makes of a plain scalar that is not text (None for text, which is its value)."""
        if node.tag == STR or not node.tag.startswith("tag:yaml.org,2002:"):
            return None
        try:
            return self.constructor.construct_object(node)
        except (self.yaml.YAMLError, ValueError, OverflowError):
            return UNREADABLE
        finally:  # the constructor keeps every node it built: each scalar is made once
            self.constructor.constructed_objects.clear()
            self.constructor.recursive_objects.clear()
