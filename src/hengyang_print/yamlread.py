"""Read a YAML file as located nodes and check its shape, collecting every error with FILE:LINE:COL.

All dict access of user files ends in load.py through this reader; nothing later sees YAML.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import BuildError

MAX_FILE_BYTES = 2_000_000  # a page's YAML is a few kB; anything larger is a mistake
MAX_DEPTH = 32
MAX_NODES = 100_000  # bounds alias expansion ("billion laughs")
MAX_TEXT_CHARS = 20_000  # one paragraph; a newspaper item is a few hundred

UNIT_POINTS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}
LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")

Node = yaml.Node


class Reader:
    """Walks composed YAML nodes; every check appends `FILE:LINE:COL: message` and returns a fallback."""

    def __init__(self, path: Path):
        self.path = path
        self.errors: list[str] = []

    # -- errors ---------------------------------------------------------
    def where(self, node: Node | None) -> str:
        if node is None or node.start_mark is None:
            return f"{self.path}"
        mark = node.start_mark
        return f"{self.path}:{mark.line + 1}:{mark.column + 1}"

    def error(self, node: Node | None, message: str) -> None:
        self.errors.append(f"{self.where(node)}: {message}")

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildError(self.errors)

    # -- parsing --------------------------------------------------------
    def compose(self) -> Node | None:
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise BuildError(f"{self.path}: cannot read ({exc.strerror})") from None
        if size > MAX_FILE_BYTES:
            raise BuildError(f"{self.path}: file is {size:,} bytes (expected at most {MAX_FILE_BYTES:,})")
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise BuildError(f"{self.path}: not UTF-8 text (byte {exc.start})") from None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            where = f"{self.path}:{mark.line + 1}:{mark.column + 1}" if mark else str(self.path)
            raise BuildError(f"{where}: malformed YAML ({exc.problem})") from None
        except yaml.YAMLError as exc:
            raise BuildError(f"{self.path}: malformed YAML ({exc})") from None
        if root is None:
            raise BuildError(f"{self.path}:1:1: file is empty (expected a mapping)")
        self._check_size(root)
        return root

    def _check_size(self, root: Node) -> None:
        """Count nodes as if aliases were expanded; refuse deep or exploding documents."""
        count = 0
        stack: list[tuple[Node, int]] = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            count += 1
            if count > MAX_NODES:
                raise BuildError(f"{self.where(root)}: document expands to over {MAX_NODES:,} nodes (alias bomb?)")
            if depth > MAX_DEPTH:
                raise BuildError(f"{self.where(node)}: nesting deeper than {MAX_DEPTH} levels")
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((child, depth + 1) for child in node.value)

    # -- shapes ---------------------------------------------------------
    def mapping(
        self, node: Node | None, what: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        """The mapping's children by key; unknown keys and missing required ones are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping (expected keys {', '.join(required + optional)})")
            return {}
        known = required + optional
        found: dict[str, Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key not in known:
                hint = difflib.get_close_matches(str(key), known, n=1)
                tip = f"; did you mean '{hint[0]}'?" if hint else f" (expected one of: {', '.join(known)})"
                self.error(key_node, f"unknown key '{key}' in {what}{tip}")
                continue
            if key in found:
                self.error(key_node, f"duplicate key '{key}' in {what}")
            found[key] = value
        for key in required:
            if key not in found:
                self.error(node, f"{what} is missing required key '{key}'")
        return found

    def dict_of(self, node: Node | None, what: str) -> dict[str, Node]:
        """A mapping with free keys (names of styles, fonts, colours)."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of names")
            return {}
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
                self.error(key_node, f"{what} keys must be names")
                continue
            if key_node.value in out:
                self.error(key_node, f"duplicate name '{key_node.value}' in {what}")
            out[key_node.value] = value
        return out

    def sequence(self, node: Node | None, what: str, min_len: int = 0) -> list[Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list")
            return []
        if len(node.value) < min_len:
            self.error(node, f"{what} must have at least {min_len} entr{'y' if min_len == 1 else 'ies'}")
        return list(node.value)

    def scalar(self, node: Node | None, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be a single value")
            return None
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return yaml.SafeLoader("").construct_object(node)
        except yaml.YAMLError:
            self.error(node, f"{what} has an unreadable value '{node.value}'")
            return None

    def text(self, node: Node | None, what: str) -> str:
        """Non-empty text; numbers given without quotes are taken as their digits."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be text")
            return ""
        value = node.value
        if not value.strip():
            self.error(node, f"{what} is empty (expected text)")
        elif len(value) > MAX_TEXT_CHARS:
            self.error(node, f"{what} is {len(value):,} characters (expected at most {MAX_TEXT_CHARS:,})")
            return value[:0]
        return value

    def integer(self, node: Node | None, what: str, minimum: int | None = None) -> int:
        value = self.scalar(node, what)
        if isinstance(value, bool) or not isinstance(value, int):
            if node is not None and isinstance(node, yaml.ScalarNode):
                self.error(node, f"{what} must be a whole number (got '{node.value}')")
            return 0
        if minimum is not None and value < minimum:
            self.error(node, f"{what} must be at least {minimum} (got {value})")
        return value

    def number(self, node: Node | None, what: str, lo: float | None = None, hi: float | None = None) -> float:
        value = self.scalar(node, what)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if isinstance(node, yaml.ScalarNode):
                self.error(node, f"{what} must be a number (got '{node.value}')")
            return 0.0
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.error(node, f"{what} must be between {lo} and {hi} (got {value})")
        return float(value)

    def boolean(self, node: Node | None, what: str) -> bool:
        value = self.scalar(node, what)
        if not isinstance(value, bool):
            self.error(node, f"{what} must be true or false")
            return False
        return value

    def choice(self, node: Node | None, what: str, options: tuple[str, ...]) -> str:
        value = self.text(node, what)
        if value and value not in options:
            hint = difflib.get_close_matches(value, options, n=1)
            tip = f"; did you mean '{hint[0]}'?" if hint else ""
            self.error(node, f"{what} is '{value}' (expected one of: {', '.join(options)}){tip}")
            return options[0]
        return value or options[0]

    def length(self, node: Node | None, what: str, negative: bool = False) -> float:
        """A length with an explicit unit: '12mm', '10.5pt', '1.2cm', '0.5in' -> points."""
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        match = LENGTH.match(raw) if isinstance(raw, str) else None
        if not match:
            self.error(node, f"{what} must be a length with a unit, like 12mm or 10.5pt (got '{raw}')")
            return 0.0
        value = float(match.group(1)) * UNIT_POINTS[match.group(2)]
        if value < 0 and not negative:
            self.error(node, f"{what} must not be negative (got '{raw}')")
        return value

    def optional(self, found: dict[str, Node], key: str, read: Callable[[Node], Any], default: Any) -> Any:
        return read(found[key]) if key in found else default
