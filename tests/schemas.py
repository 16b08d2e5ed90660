"""The JSON Schemas in schema/, for tests that check a document against one."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMAS = Path(__file__).resolve().parents[1] / "schema"


def validator(name: str) -> jsonschema.Draft7Validator:
    """A validator for schema/NAME.schema.json, its $refs to the other schemas resolved."""
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources(
        (key, Resource.from_contents(s, default_specification=DRAFT7)) for key, s in schemas.items()
    )
    return jsonschema.Draft7Validator(schemas[f"{name}.schema.json"], registry=registry)
