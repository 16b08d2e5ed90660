"""Read a YAML file as located nodes and check its shape, collecting every error with FILE:LINE:COL.

All dict access of user files ends in load.py through this reader; nothing later sees YAML. The nodes are
PyYAML's own (composed by libyaml where it is installed). `spans` records where every value of the file
starts, so that later stages can name FILE:LINE:COL without reading the file again.
Loading is safe (no tags that build objects) and bounded: size, tokens, nesting, alias expansion
and text length are limited before any of them can cost more than a fraction of a second.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml import MappingNode as Mapping
from yaml import Node
from yaml import ScalarNode as Scalar
from yaml import SequenceNode as Sequence
from yaml.constructor import SafeConstructor

from ..errors import BuildError
from ..i18n import N_, _, ngettext
from ..model import Span
from ..paths import STDIN, display, stdin_bytes

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
UNREADABLE = object()  # what a plain scalar YAML's safe constructor refuses (a bad date) reads as
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed: the same nodes and marks

# A page's content is a few kB and a layout about 100 lines; the limits leave 100× headroom
# and keep the worst case (libyaml, 3 µs per token) well under a second.
MAX_FILE_BYTES = 4_000_000
MAX_TOKENS = 50_000  # line breaks + flow separators: an upper bound on the nodes before parsing
MAX_DEPTH = 32
MAX_NODES = 100_000  # nodes as if aliases were expanded ("billion laughs")
MAX_TEXT_CHARS = 20_000  # one paragraph; a newspaper item is a few hundred
MAX_LENGTH_PT = 2000 * 72 / 25.4  # 2 m: larger than any press sheet

UNIT_POINTS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}
LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}


def bad_character(text: str) -> tuple[int, str] | None:
    """(offset, description) of the first character no page should carry, or None.

    Line breaks are allowed (a folded '>' paragraph ends in one; composition joins lines).
    """
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if ch == "\n":
            continue
        if cat == "Cc":
            return i, _("a control character {code}").format(code=f"U+{ord(ch):04X}")
        if cat == "Cs":
            return i, _("a lone surrogate {code} (not a character)").format(code=f"U+{ord(ch):04X}")
        if ch in BIDI_CONTROLS:
            return i, _("an invisible direction control {code}").format(code=f"U+{ord(ch):04X}")
    return None


def _close_matches(word: str, options, n: int = 1) -> list[str]:
    """The near misses of a mistyped key or value (difflib is imported only then: an error)."""
    import difflib

    return difflib.get_close_matches(word, options, n=n)


def read_regular_file(path: Path, limit: int, why: str = "") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; a FIFO, a device, a folder or a larger file is an
    error at once (opened without blocking, checked on the open file, read no further than the limit).
    `-` is standard input, read once whole (paths.stdin_bytes)."""
    if str(path) == STDIN:
        data = stdin_bytes(limit)
        if len(data) > limit:
            raise BuildError(
                _("{path}: over {limit} bytes (expected at most {limit})").format(
                    path=display(path), limit=f"{limit:,}"
                )
            )
        return data
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise BuildError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror)) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise BuildError(
            _("{path}: not a regular file ({kind}); name a YAML file").format(path=path, kind=_file_kind(mode))
        )
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise BuildError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror)) from None
    if len(data) > limit:
        if why:
            over = _("{path}: file is over {limit} bytes (expected at most {limit}; {why})")
        else:
            over = _("{path}: file is over {limit} bytes (expected at most {limit})")
        raise BuildError(over.format(path=path, limit=f"{limit:,}", why=why))
    return data


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, N_("a folder")),
        (stat.S_ISFIFO, N_("a FIFO")),
        (stat.S_ISCHR, N_("a character device")),
        (stat.S_ISBLK, N_("a block device")),
        (stat.S_ISSOCK, N_("a socket")),
    ):
        if test(mode):
            return _(name)
    return _("not a plain file")


# What a file that is not text starts with, by what it is: named when a command is given one for its YAML.
UTF16 = N_("UTF-16 text")
SIGNATURES = (
    (b"%PDF-", N_("a PDF")),
    (b"\x89PNG\r\n\x1a\n", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"GIF8", N_("a GIF image")),
    (b"II*\x00", N_("a TIFF image")),
    (b"MM\x00*", N_("a TIFF image")),
    (b"PK\x03\x04", N_("a ZIP archive (a .docx, .xlsx or .zip file?)")),
    (b"\xd0\xcf\x11\xe0", N_("an Office document (.doc or .xls)")),
    (b"{\\rtf", N_("an RTF document")),
    (b"%!PS", N_("a PostScript file")),
    (b"\x00\x01\x00\x00", N_("a font (TrueType)")),
    (b"OTTO", N_("a font (OpenType)")),
    (b"ttcf", N_("a font collection")),
    (b"\x1f\x8b", N_("a gzip archive")),
    (b"\x7fELF", N_("a program")),
    (b"\xff\xfe", UTF16),
    (b"\xfe\xff", UTF16),
)
# what refuse_binary asks for instead, by the kind of YAML a command reads
WANTED = {
    "content": N_("give the content YAML file (a text file, like page.yaml)"),
    "layout": N_("give the layout YAML file (a text file, like page.yaml)"),
    "edition": N_("give the edition YAML file (a text file, like page.yaml)"),
    "YAML": N_("give the YAML file (a text file, like page.yaml)"),
}


def binary_kind(data: bytes) -> str | None:
    """What a file that is not a text file is ("a PDF", "a JPEG image" …, in English: translate it with _()),
    or None for text (or a kind not known here, which the UTF-8 and YAML checks then place by line and column)."""
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def refuse_binary(path: Path, data: bytes, kind: str = "YAML") -> None:
    """A PDF, image, archive or other binary where a YAML file (of `kind`: WANTED) is expected is named as such,
    at once."""
    found = binary_kind(data)
    if found == UTF16:
        raise BuildError(
            _("{path}: is UTF-16 text; save it as UTF-8 (every editor's 'Save as… UTF-8')").format(path=path)
        )
    if found is not None:
        raise BuildError(_("{path}: is {what}; {wanted}").format(path=path, what=_(found), wanted=_(WANTED[kind])))


def syntax_error(path: Path, exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's syntax error at the place the writer went wrong, with a hint. PyYAML reports an unclosed
    bracket or quotation mark, and a line without its ':', where it gave up looking (the next line, or the
    file's end): the message points where the bracket, mark or line starts instead."""
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark or exc.context_mark, exc.context_mark
    hint = ""
    if start is not None and "quoted scalar" in context and "end of" in problem:
        mark = start
        quote = text.splitlines()[start.line][start.column : start.column + 1] if text else '"'
        hint = _("the quotation mark {quote} opened here is never closed; close it where the text ends").format(
            quote=quote
        )
    elif start is not None and ("flow sequence" in context or "flow mapping" in context):
        mark = start
        bracket, closer = ("[", "]") if "sequence" in context else ("{", "}")
        hint = _(
            "the '{bracket}' opened here is not closed; close it with '{closer}' on this line (a text that starts"
            " with '{bracket}' must be quoted)"
        ).format(bracket=bracket, closer=closer)
    elif start is not None and "simple key" in context:
        mark = start
        hint = _(
            "this line has no ':' after its key; write `key: value` (a space after the colon) or a list entry `- text`"
        )
    elif "block mapping" in context or "block collection" in context:
        hint = _(
            "this line is indented differently from the lines it belongs with; line up the keys of one mapping (or"
            " the '-' of one list) with spaces"
        )
    elif "mapping values are not allowed" in problem:
        hint = _(
            "a ': ' inside a value starts a key: line this key up with the keys above it, or quote a text that holds"
            " ': '"
        )
    elif "tab character" in problem or "'\\t'" in problem:
        hint = _("indent with spaces, not tabs")
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    if hint:
        return f"{where}: " + _("malformed YAML: {hint} (YAML: {problem})").format(hint=hint, problem=problem)
    if context and start:
        said = _("{problem} ({context} that starts at {place})").format(
            problem=problem, context=context, place=f"{start.line + 1}:{start.column + 1}"
        )
    else:
        said = problem
    return f"{where}: " + _("malformed YAML: {problem}").format(problem=said)


def _describe(ch: str | int) -> str:
    ch = chr(ch) if isinstance(ch, int) else ch
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}{' ' + name if name else ''}"
    if unicodedata.category(ch) == "Cc":
        return _("a control character {code}").format(code=code)
    return _("character {code}").format(code=f"U+{ord(ch):04X}")


class Reader:
    """Walks composed YAML nodes; every check records `FILE:LINE:COL: message` and returns a fallback.

    An absent node (None) is never reported again: the mapping that lacks it already said so.
    """

    def __init__(self, path: Path, kind: str = "YAML"):
        self.path = path
        self.name = display(path)  # how messages name the file: <stdin> for standard input
        self.kind = kind  # what the file should be (content, layout, edition): named when it is something else
        self.errors: list[tuple[int, int, str]] = []  # (line, column, message) for sorting

    # -- errors ---------------------------------------------------------
    def where(self, node: Node | None) -> str:
        if node is None or node.start_mark is None:
            return f"{self.name}"
        mark = node.start_mark
        return f"{self.name}:{mark.line + 1}:{mark.column + 1}"

    def error(self, node: Node | None, message: str) -> None:
        mark = node.start_mark if node is not None else None
        pos = (mark.line, mark.column) if mark else (-1, -1)
        self.errors.append((*pos, f"{self.where(node)}: {message}"))

    def raise_if_errors(self) -> None:
        """All errors of the file at once, in the order of the file."""
        if self.errors:
            raise BuildError([m for _, _, m in sorted(self.errors, key=lambda e: e[:2])])

    # -- parsing --------------------------------------------------------
    def compose(self) -> Node:
        data = read_regular_file(self.path, MAX_FILE_BYTES, _("a page is a few kB"))
        refuse_binary(self.name, data, self.kind)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            line_start = before.rfind(b"\n") + 1
            column = len(before[line_start:].decode("utf-8", "replace")) + 1
            line = before.count(b"\n") + 1
            where = f"{self.name}:{line}:{column}"
            not_utf8 = _("not UTF-8 text (byte {offset}; save the file as UTF-8)").format(offset=exc.start)
            raise BuildError(f"{where}: {not_utf8}") from None
        tokens = sum(text.count(c) for c in "\n,[{")
        if tokens > MAX_TOKENS:
            raise BuildError(
                _("{path}: {count} lines and list entries (expected at most {most})").format(
                    path=self.name, count=f"{tokens:,}", most=f"{MAX_TOKENS:,}"
                )
            )
        try:
            root = yaml.compose(text, Loader=SAFE_LOADER)
        except RecursionError:  # the pure-Python composer recurses per level
            raise BuildError(self._too_deep(self.name)) from None
        except Exception as exc:
            raise self._malformed(exc, data, text) from None
        if root is None:
            raise BuildError(f"{self.name}:1:1: " + _("file is empty (expected a mapping)"))
        self._check_size(root)
        self.source_text = text
        return root

    def spans(self, root: Node) -> dict[tuple[str | int, ...], Span]:
        """Where each value of the composed file starts (see spans())."""
        return spans(self.name, self.source_text, root)

    def _malformed(self, exc: Exception, data: bytes, text: str) -> Exception:
        """PyYAML's error as a BuildError at FILE:LINE:COL; anything else as it is."""
        if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow (NUL, other C0 controls)
            # libyaml counts the position in UTF-8 bytes, the pure-Python reader in characters
            before = (
                data[: exc.position].decode("utf-8", "replace")
                if hasattr(yaml, "CSafeLoader")
                else text[: exc.position]
            )
            line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
            refused = _("{character} (YAML allows no such character; remove it)")
            return BuildError(f"{self.name}:{line}:{column}: " + refused.format(character=_describe(exc.character)))
        if isinstance(exc, yaml.MarkedYAMLError):
            return BuildError(syntax_error(self.name, exc, text))
        if isinstance(exc, yaml.YAMLError):
            return BuildError(_("{path}: malformed YAML ({problem})").format(path=self.name, problem=exc))
        return exc

    @staticmethod
    def _too_deep(where: str) -> str:
        return _("{where}: nesting deeper than {most} levels").format(where=where, most=MAX_DEPTH)

    def _check_size(self, root: Node) -> None:
        """Count nodes as if aliases were expanded; refuse deep or exploding documents."""
        count = 0
        stack: list[tuple[Node, int]] = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            count += 1
            if count > MAX_NODES:
                raise BuildError(
                    _("{where}: document expands to over {most} values (aliases that repeat aliases?)").format(
                        where=self.where(root), most=f"{MAX_NODES:,}"
                    )
                )
            if depth > MAX_DEPTH:
                raise BuildError(self._too_deep(self.where(node)))
            if node.tag not in PLAIN_TAGS:  # !!python/…, !local: nothing here builds objects
                self.error(node, _("tag '{tag}' is not allowed (plain YAML values only)").format(tag=node.tag))
            if isinstance(node, Mapping):
                for key, value in node.value:
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
            elif isinstance(node, Sequence):
                stack.extend((child, depth + 1) for child in node.value)

    # -- shapes ---------------------------------------------------------
    def mapping(
        self, node: Node | None, what: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        """The mapping's children by key; unknown keys and missing required ones are errors."""
        known = required + optional
        if node is None:
            return {}
        if not isinstance(node, Mapping):
            self.error(
                node, _("{what} must be a mapping (expected keys {keys})").format(what=what, keys=", ".join(known))
            )
            return {}
        found: dict[str, Node] = {}
        unknown: list[tuple[Node, object]] = []
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, Scalar) else None
            if not isinstance(key, str) or key not in known:
                unknown.append((key_node, key))
                continue
            if key in found:
                self.error(key_node, _("duplicate key '{key}' in {what}").format(key=key, what=what))
            found[key] = value
        missing = [key for key in required if key not in found]
        for key_node, key in unknown:
            # a near miss of a key the mapping lacks is one mistake: say so once, not "unknown" and "missing"
            absent = [k for k in known if k not in found]
            hint = _close_matches(str(key), absent, n=1) or _close_matches(str(key), known, n=1)
            tip = _did_you_mean(hint) if hint else _(" (expected one of: {names})").format(names=", ".join(known))
            self.error(key_node, _("unknown key '{key}' in {what}").format(key=key, what=what) + tip)
            if hint and hint[0] in missing:
                missing.remove(hint[0])
        for key in missing:
            self.error(node, _("{what} is missing required key '{key}'").format(what=what, key=key))
        return found

    def peek(self, node: Node | None, key: str) -> Node | None:
        """The value of `key` in a mapping node, checking nothing (to read what decides the other keys)."""
        if not isinstance(node, Mapping):
            return None
        return next((v for k, v in node.value if isinstance(k, Scalar) and k.value == key), None)

    def dict_of(self, node: Node | None, what: str) -> dict[str, Node]:
        """A mapping with free keys (names of styles, fonts, colours)."""
        if node is None:
            return {}
        if not isinstance(node, Mapping):
            self.error(node, _("{what} must be a mapping of names").format(what=what))
            return {}
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, Scalar) or not key_node.value:
                self.error(key_node, _("{what} keys must be names").format(what=what))
                continue
            if key_node.value in out:
                self.error(key_node, _("duplicate name '{name}' in {what}").format(name=key_node.value, what=what))
            out[key_node.value] = value
        return out

    def sequence(self, node: Node | None, what: str, min_len: int = 0) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, Sequence):
            self.error(node, _("{what} must be a list").format(what=what))
            return []
        if len(node.value) < min_len:
            least = ngettext(
                "{what} must have at least {count} entry", "{what} must have at least {count} entries", min_len
            )
            self.error(node, least.format(what=what, count=min_len))
        return list(node.value)

    def scalar(self, node: Node | None, what: str) -> Any:
        if node is None:
            return None
        if not isinstance(node, Scalar):
            self.error(node, _("{what} must be a single value").format(what=what))
            return None
        if node.tag == STR:
            return node.value
        value = constructed(node)
        if value is UNREADABLE:
            self.error(node, _("{what} has an unreadable value '{value}'").format(what=what, value=node.value))
            return None
        return value

    def text(self, node: Node | None, what: str) -> str:
        """Non-empty text; numbers and dates given without quotes are taken as written."""
        if node is None:
            return ""
        if not isinstance(node, Scalar):
            self.error(node, _("{what} must be text").format(what=what))
            return ""
        value = node.value
        if node.tag == "tag:yaml.org,2002:null":  # `~`, `null`: YAML's "no value", not the text "~"
            empty = _("{what} is empty (YAML reads '{value}' as no value; write the text, or quote it)")
            self.error(node, empty.format(what=what, value=value))
            return ""
        if len(value) > MAX_TEXT_CHARS:
            long = _("{what} is {count} characters (expected at most {most})")
            self.error(node, long.format(what=what, count=f"{len(value):,}", most=f"{MAX_TEXT_CHARS:,}"))
            return ""
        if not value.strip():
            self.error(node, _("{what} is empty (expected text)").format(what=what))
            return ""
        bad = bad_character(value)
        if bad:
            contains = _("{what} contains {character} at offset {offset} (remove it)")
            self.error(node, contains.format(what=what, character=bad[1], offset=bad[0]))
            return ""
        return value

    def integer(self, node: Node | None, what: str, minimum: int | None = None, maximum: int | None = None) -> int:
        value = self.scalar(node, what)
        if value is None:
            return minimum or 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(node, _("{what} must be a whole number (got '{value}')").format(what=what, value=node.value))
            return minimum or 0
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            if maximum is None:
                bounds = _("{what} must be at least {least} (got {value})")
            else:
                bounds = _("{what} must be between {least} and {most} (got {value})")
            self.error(node, bounds.format(what=what, least=minimum, most=maximum, value=value))
            return minimum or 0
        return value

    def number(self, node: Node | None, what: str, lo: float | None = None, hi: float | None = None) -> float:
        value = self.scalar(node, what)
        if value is None:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            self.error(node, _("{what} must be a number (got '{value}')").format(what=what, value=node.value))
            return 0.0
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            between = _("{what} must be between {least} and {most} (got {value})")
            self.error(node, between.format(what=what, least=lo, most=hi, value=node.value))
            return float(lo if lo is not None else 0.0)
        return float(value)

    def boolean(self, node: Node | None, what: str) -> bool:
        value = self.scalar(node, what)
        if node is not None and not isinstance(value, bool):
            wrong = _("{what} must be true or false (got '{value}')")
            self.error(node, wrong.format(what=what, value=getattr(node, "value", "…")))
            return False
        return bool(value)

    def choice(self, node: Node | None, what: str, options: tuple[str, ...]) -> str:
        value = self.text(node, what)
        if value and value not in options:
            hint = _close_matches(value, options, n=1)
            wrong = _("{what} is '{value}' (expected one of: {names})").format(
                what=what, value=value, names=", ".join(options)
            )
            self.error(node, wrong + _did_you_mean(hint))
            return options[0]
        return value or options[0]

    def length(self, node: Node | None, what: str, negative: bool = False, positive: bool = False) -> float:
        """A length with an explicit unit: '12mm', '10.5pt', '1.2cm', '0.5in' -> points."""
        if node is None:
            return 0.0
        raw = node.value if isinstance(node, Scalar) else None
        match = LENGTH.match(raw) if isinstance(raw, str) else None
        if not match:
            unitless = raw and re.fullmatch(r"-?\d+(\.\d+)?", raw.strip())
            tip = _(" (a unit is needed: mm or pt)") if unitless else ""
            wrong = _("{what} must be a length with a unit, like 12mm or 10.5pt (got '{value}')")
            self.error(node, wrong.format(what=what, value=raw) + tip)
            return 0.0
        value = float(match.group(1)) * UNIT_POINTS[match.group(2)]
        if value < 0 and not negative:
            self.error(node, _("{what} must not be negative (got '{value}')").format(what=what, value=raw))
            return 0.0
        if positive and value == 0:
            self.error(node, _("{what} must be more than zero (got '{value}')").format(what=what, value=raw))
        if abs(value) > MAX_LENGTH_PT:
            self.error(node, _("{what} is '{value}' (expected at most 2000mm)").format(what=what, value=raw))
            return 0.0
        return value

    def optional(self, found: dict[str, Node], key: str, read: Callable[[Node], Any], default: Any) -> Any:
        return read(found[key]) if key in found else default


def _did_you_mean(hint: list[str]) -> str:
    return _("; did you mean '{name}'?").format(name=hint[0]) if hint else ""


def constructed(node: Scalar):
    """What YAML's safe constructor makes of a plain scalar (an int, float, bool, null or date), or UNREADABLE."""
    try:
        return SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return UNREADABLE


def spans(path: str | Path, text: str, root: Node) -> dict[tuple[str | int, ...], Span]:
    """Where each value of the file starts, by its YAML path (mapping keys and sequence indices from the root,
    as BlockId.steps gives them). A scalar written as it reads on one source line (no escapes, no folding)
    also records the column of its first character, so that a message can point at a character inside it."""
    lines = text.splitlines()
    found: dict[tuple[str | int, ...], Span] = {}
    stack: list[tuple[tuple[str | int, ...], Node]] = [((), root)]
    while stack:
        steps, node = stack.pop()
        if steps in found:  # an alias: the value is where it was first written
            continue
        mark = node.start_mark
        text_column = None
        if isinstance(node, Scalar) and node.end_mark.line == mark.line and mark.line < len(lines):
            quote = node.style if node.style in ("'", '"') else ""
            if lines[mark.line][mark.column :].startswith(quote + node.value):
                text_column = mark.column + len(quote) + 1
        found[steps] = Span(str(path), mark.line + 1, mark.column + 1, text_column)
        if isinstance(node, Mapping):
            stack.extend((steps + (k.value,), v) for k, v in node.value if isinstance(k, Scalar))
        elif isinstance(node, Sequence):
            stack.extend((steps + (i,), child) for i, child in enumerate(node.value))
    return found
