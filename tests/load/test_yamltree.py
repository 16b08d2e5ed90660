"""yamltree: PyYAML's composed tree as plain nodes, remembered by the file's bytes; a build of an unchanged
file does not import PyYAML."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hengyang_print.cli.common import DEFAULT_CONTENT, DEFAULT_LAYOUT
from hengyang_print.errors import BuildError
from hengyang_print.load import yamltree
from hengyang_print.load.loader import load_content, load_layout

KINDS = {yaml.MappingNode: yamltree.Mapping, yaml.SequenceNode: yamltree.Sequence, yaml.ScalarNode: yamltree.Scalar}


def same_tree(theirs, ours, seen: dict) -> None:
    """Node for node: kind, tag, value, marks, style; an alias is one node in both."""
    if id(theirs) in seen:
        assert seen[id(theirs)] is ours
        return
    seen[id(theirs)] = ours
    assert type(ours) is KINDS[type(theirs)]
    assert ours.tag == theirs.tag
    for a, b in ((ours.start_mark, theirs.start_mark), (ours.end_mark, theirs.end_mark)):
        assert (a.line, a.column) == (b.line, b.column)
    if isinstance(theirs, yaml.ScalarNode):
        assert (ours.value, ours.style) == (theirs.value, theirs.style)
    elif isinstance(theirs, yaml.SequenceNode):
        assert len(ours.value) == len(theirs.value)
        for a, b in zip(theirs.value, ours.value):
            same_tree(a, b, seen)
    else:
        assert len(ours.value) == len(theirs.value)
        for (ka, va), (kb, vb) in zip(theirs.value, ours.value):
            same_tree(ka, kb, seen)
            same_tree(va, vb, seen)


@pytest.mark.parametrize("path", [DEFAULT_CONTENT, DEFAULT_LAYOUT, Path("layout/tabloid-sidebar.yaml")])
def test_the_tree_is_pyyamls_node_for_node_and_survives_the_cache(path):
    text = Path(path).read_text(encoding="utf-8")
    theirs = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # as the build parses
    same_tree(theirs, yamltree.compose(text), {})
    same_tree(theirs, pickle.loads(pickle.dumps(yamltree.compose(text))), {})


def test_scalars_carry_what_yamls_constructor_makes_of_them():
    root = yamltree.compose("a: 12\nb: 1.5\nc: true\nd: ~\ne: 2018-12-28\nf: text\ng: 2018-13-45\nh: &x [1]\ni: *x\n")
    values = {k.value: v for k, v in root.value}
    data = {k: v.data for k, v in values.items() if isinstance(v, yamltree.Scalar)}
    assert data["a"] == 12 and data["b"] == 1.5 and data["c"] is True and data["d"] is None
    assert str(data["e"]) == "2018-12-28" and data["f"] is None  # text is its value
    assert data["g"] is yamltree.UNREADABLE  # not a date: the reader reports it where it is used
    assert values["h"] is values["i"]  # an alias is the node it names
    again = pickle.loads(pickle.dumps(root))
    assert {k.value: v for k, v in again.value}["g"].data is yamltree.UNREADABLE


def test_an_unreadable_value_is_still_reported_with_its_line(tmp_path):
    layout = DEFAULT_LAYOUT.read_text(encoding="utf-8")
    assert "  black_overprint: true " in layout
    (tmp_path / "layout").mkdir()
    (tmp_path / "fonts").symlink_to(DEFAULT_LAYOUT.parent.parent / "fonts")
    bad = tmp_path / "layout" / "bad.yaml"
    bad.write_text(layout.replace("  black_overprint: true ", "  black_overprint: 2018-13-45 "), encoding="utf-8")
    line = layout[: layout.index("  black_overprint:")].count("\n") + 1
    for _ in range(2):  # parsed, then from the cache: the same error
        with pytest.raises(
            BuildError, match=rf"bad.yaml:{line}:\d+: print.black_overprint has an unreadable value '2018-13-45'"
        ):
            load_layout(bad)


def test_an_unchanged_file_is_loaded_without_pyyaml_and_an_edited_one_is_parsed_again(tmp_path):
    content = tmp_path / "page.yaml"
    content.write_text(DEFAULT_CONTENT.read_text(encoding="utf-8"), encoding="utf-8")
    code = (
        "import sys; from hengyang_print.load.loader import load_content, load_layout; "
        f"c = load_content({str(content)!r}); load_layout({str(DEFAULT_LAYOUT)!r}); "
        "print('yaml' in sys.modules, '新品牌' in c.headline)"
    )
    run = lambda: subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert run()[0] in ("True", "False")  # the first load parses (unless another test cached these bytes)
    assert run()[0] == "False"
    text = content.read_text(encoding="utf-8")
    assert '铸就“新招牌”"\n' in text
    content.write_text(text.replace('铸就“新招牌”"\n', '铸就“新品牌”"\n'), encoding="utf-8")
    assert run() == ["True", "True"]  # new bytes: parsed afresh, not an old tree
    assert run() == ["False", "True"]
    assert "新品牌" in load_content(content).headline
