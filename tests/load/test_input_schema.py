"""The published JSON Schemas: every shipped file validates, and schema and loader know the same keys."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from hengyang_print.cli.common import ROOT
from hengyang_print.load import loader as load
from hengyang_print.load.yamlread import Reader

SHIPPED = {"content": sorted((ROOT / "content").glob("*.yaml")), "layout": sorted((ROOT / "layout").glob("*.yaml"))}


def schema(kind: str) -> dict:
    return json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["content", "layout"])
def test_schemas_are_valid_draft_7(kind):
    jsonschema.Draft7Validator.check_schema(schema(kind))


@pytest.mark.parametrize(
    "kind, path", [(k, p) for k, paths in SHIPPED.items() for p in paths], ids=lambda v: getattr(v, "name", v)
)
def test_every_shipped_file_validates_against_its_schema(kind, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(schema(kind)).iter_errors(data)
    ]
    assert not errors, errors


@pytest.mark.parametrize("kind", ["content", "layout"])
def test_the_yaml_files_point_editors_at_the_schema(kind):
    for path in SHIPPED[kind]:
        head = path.read_text(encoding="utf-8")[:1000]
        assert f"$schema=../schema/{kind}.schema.json" in head, path.name


def _resolve(root: dict, node: dict, keys: tuple = ((), ()), step: bool = False) -> dict:
    """A schema node with its $refs followed; of several object branches (a region of each kind), the one
    with the keys the loader reads (required, optional)."""
    while "$ref" in node:
        node = root["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    branches = [_resolve(root, b) for b in node.get("oneOf", []) + node.get("anyOf", []) if isinstance(b, dict)]
    objects = [b for b in branches if b.get("type") == "object"]  # crop_marks: true or {length, …}
    if objects:
        required, optional = keys
        if step:  # on the way down: the branch that has the next key
            return next((b for b in objects if optional[0] in b.get("properties", {})), objects[0])
        same = (
            b
            for b in objects
            if set(b.get("required", [])) == set(required) and set(b["properties"]) == set(required) | set(optional)
        )
        return next(same, objects[0])
    return node


def _schema_at(root: dict, what: str, keys: tuple = ((), ())) -> dict:
    """The schema of the mapping the loader calls `what` (e.g. regions.items.item.badge, styles.body, items[3])."""
    node = root
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", what):
        node = _resolve(root, node, ((), (name,)), step=True)
        if index:
            node = node["items"]
        elif name in node.get("properties", {}):
            node = node["properties"][name]
        else:  # a name the file defines: a style, a font, a colour, a region
            node = node["additionalProperties"]
    return _resolve(root, node, keys)


@pytest.mark.parametrize("kind", ["content", "layout"])
def test_schema_and_loader_agree_on_every_mapping(kind, monkeypatch):
    """Record the (required, optional) keys of every mapping the loader reads, and compare with the schema."""
    seen: dict[str, tuple] = {}
    original = Reader.mapping

    def spy(self, node, what, required=(), optional=()):
        seen.setdefault(re.sub(r"\[\d+\]", "[0]", what), (required, optional))
        return original(self, node, what, required, optional)

    monkeypatch.setattr(Reader, "mapping", spy)
    for path in SHIPPED[kind]:
        (load.load_content if kind == "content" else load.load_layout)(path)
    root = schema(kind)
    top = "content" if kind == "content" else "layout"
    assert seen and top in seen
    for what, (required, optional) in seen.items():
        node = root if what == top else _schema_at(root, what, (required, optional))
        assert set(node.get("required", [])) == set(required), what
        assert set(node["properties"]) == set(required) | set(optional), what
        assert node.get("additionalProperties") is False, what
