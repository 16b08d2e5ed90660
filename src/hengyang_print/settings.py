"""Project settings: the defaults of one project, read from its hengyang-print.toml (tomllib).

The file that marks the project folder (paths.MARKER) also holds the project's defaults. Every command,
the proof room and the Python API read them; an option given on the command line (or an API argument)
overrides them:

    layout = "layout/page.yaml"   # a file of the project (relative to this file), or a bundled layout's name
    output = "out"                # the folder PDFs, proofs and diff images go to (default: beside the content)
    fonts = "fonts"               # the project's own faces, found by file name before the bundled ones

    [proof]
    dpi = 150                     # the PNGs of proof and watch

    [preflight]
    profile = "newspaper"         # pdfx1a | newspaper

Tables other modules own (OTHER_TABLES) are left to them; any other key or table is an error at
FILE:LINE:COL naming the nearest known one, so that a typo never passes as a setting not given.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .i18n import _
from .paths import MARKER, bundled_layouts, project_root
from .pressrules import PROFILES

# tables of hengyang-print.toml read by other modules: declared here, so that a misspelt table is still caught
OTHER_TABLES = {"signoff": "the sign-off chain and who may hold each role (hengyang_print.ledger)"}
# every setting this module reads: (table, key) → what it sets; the table "" is the file's top level
KNOWN = {
    ("", "layout"): "the layout of the project's pages: a file of the project, or a bundled layout's name",
    ("", "output"): "the folder PDFs, proofs and diff images are written to (default: beside the content file)",
    ("", "fonts"): "a folder of the project's own faces, found by file name before the bundled ones",
    ("proof", "dpi"): "the resolution of the PNGs proof and watch write (above 0, at most 2400)",
    ("preflight", "profile"): f"preflight's rules: {' or '.join(PROFILES)}",
}
MAX_DPI = 2400


@dataclass(frozen=True)
class Settings:
    """A project's defaults; None where the file (or the project) sets none."""

    file: Path | None = None
    layout: Path | None = None  # a file of the project or a bundled layout
    output: Path | None = None  # a folder (made when something is written to it)
    fonts: Path | None = None
    proof_dpi: float | None = None
    preflight_profile: str | None = None


def settings_file(start: str | Path | None = None, root: str | Path | None = None) -> Path | None:
    """The hengyang-print.toml of the project: in `root` (--root) if given, else the nearest folder at or
    above `start` (a content file; default: a file in the current folder) holding one."""
    # with no file to start from, a file in the current folder
    folder = Path(root) if root is not None else project_root(start if start is not None else Path.cwd() / MARKER)
    path = folder / MARKER
    return path if path.is_file() else None


def for_project(start: str | Path | None = None, root: str | Path | None = None) -> Settings:
    """The settings of the project `start` lies in (see settings_file); none outside a project."""
    path = settings_file(start, root)
    return read(path) if path is not None else Settings()


def read(path: str | Path) -> Settings:
    """The settings in `path`; every problem at once, each as FILE:LINE:COL (a BuildError)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BuildError(_("{path}: not UTF-8 text (save the settings file as UTF-8)").format(path=path)) from None
    except OSError as exc:
        raise BuildError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(_syntax_error(path, exc)) from None
    return _Reader(path, text).settings(data)


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """tomllib's message `… (at line L, column C)` as FILE:LINE:COL: message."""
    message = str(exc)
    at = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    if at is None:
        return _("{path}: malformed TOML: {problem}").format(path=path, problem=message)
    problem = message[: at.start()].strip().replace("\n", "\\n")
    if "Illegal character '\\n'" in problem:  # a string not closed before the line's end
        problem = _("a text in quotes is not closed on its line ({problem})").format(problem=problem)
    return f"{path}:{at[1]}:{at[2]}: " + _("malformed TOML: {problem} (see https://toml.io)").format(problem=problem)


class _Reader:
    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, text.splitlines()
        self.errors: list[tuple[int, str]] = []

    def settings(self, data: dict) -> Settings:
        found: dict[tuple[str, str], object] = {}
        tables = {t for t, _ in KNOWN if t}
        for name, value in data.items():
            if isinstance(value, dict) and name not in OTHER_TABLES and ("", name) not in KNOWN:
                if name not in tables:
                    self._unknown_table(name)
                    continue
                for key, inner in value.items():
                    self._take(found, name, key, inner)
            elif name not in OTHER_TABLES:
                self._take(found, "", name, value)
        out = Settings(
            file=self.path,
            layout=self._layout(found.get(("", "layout"))),
            output=self._folder(found.get(("", "output")), "output", must_exist=False),
            fonts=self._folder(found.get(("", "fonts")), "fonts", must_exist=True),
            proof_dpi=self._dpi(found.get(("proof", "dpi"))),
            preflight_profile=self._profile(found.get(("preflight", "profile"))),
        )
        if self.errors:
            raise BuildError([m for _, m in sorted(self.errors, key=lambda e: e[0])])
        return out

    # -- errors at their line ------------------------------------------
    def _error(self, table: str, key: str, message: str, at_value: bool = True) -> None:
        """A message at the value of `key` (or at the key itself: an unknown one)."""
        line, column = self._locate(table, key)
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        equals = text.find("=", column - 1)
        if at_value and equals >= 0:
            after = text[equals + 1 :]
            column = equals + 2 + len(after) - len(after.lstrip())
        self.errors.append((line, f"{self.path}:{line}:{column}: {message}"))

    def _locate(self, table: str, key: str | None) -> tuple[int, int]:
        """Where `key` of `table` is written: `key =` under `[table]`, or `table.key =` above every header; a
        table (key None) by its header, or by `table.… =` / `table = {…}` above every header. Else 1:1."""
        current = ""
        for number, line in enumerate(self.lines, 1):
            header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
            if header:
                current = header[1].strip("\"' ")
                if key is None and current == table:
                    return number, line.index("[") + 1
                continue
            if key is None:
                wanted = [table] if current == "" else []
            elif current == table:
                wanted = [key]
            else:
                wanted = [f"{table}.{key}"] if current == "" and table else []
            if any(re.match(rf"\s*[\"']?{re.escape(name)}[\"']?\s*[.=]", line) for name in wanted):
                return number, len(line) - len(line.lstrip()) + 1
        return 1, 1

    def _unknown_table(self, name: str) -> None:
        tables = sorted({t for t, _ in KNOWN if t} | set(OTHER_TABLES))
        hint = _close(name, tables)
        if hint:
            tip = _("; did you mean [{table}]?").format(table=hint)
        else:
            tip = _(" (known tables: {tables})").format(tables=", ".join(f"[{t}]" for t in tables))
        line, column = self._locate(name, None)
        self.errors.append(
            (line, f"{self.path}:{line}:{column}: " + _("unknown table [{table}]").format(table=name) + tip)
        )

    def _take(self, found: dict, table: str, key: str, value: object) -> None:
        if (table, key) in KNOWN:
            found[(table, key)] = value
            return
        names = [k for t, k in KNOWN if t == table]
        hint = _close(key, names)
        if hint is None and not table:  # a table's key written at the top level (dpi = 150 before [proof])
            hint = next((f"{t}.{k}" for t, k in KNOWN if t and k == key), None)
        if hint:
            tip = _("; did you mean '{name}'?").format(name=hint)
        else:
            tip = _(" (known: {names})").format(names=", ".join(names) if names else _("none"))
        if table:
            unknown = _("unknown key '{key}' in [{table}]").format(key=key, table=table)
        else:
            unknown = _("unknown key '{key}' in the settings").format(key=key)
        self._error(table, key, unknown + tip, at_value=False)

    # -- values -------------------------------------------------------
    def _text(self, value: object, table: str, key: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self._error(
                table,
                key,
                _("{key} must be a non-empty text in quotes (got {value})").format(key=key, value=repr(value)),
            )
            return None
        return value

    def _layout(self, value: object) -> Path | None:
        text = self._text(value, "", "layout")
        if text is None:
            return None
        path = self.path.parent / text
        if path.is_file():
            return path
        bundled = bundled_layouts()
        if Path(text).suffix == "" and len(Path(text).parts) == 1:
            if text in bundled:
                return bundled[text]
            hint = _close(text, list(bundled))
            tip = _("; did you mean '{name}'?").format(name=hint) if hint else ""
            message = _("layout '{name}': no such file, nor a bundled layout (bundled: {names})").format(
                name=text, names=", ".join(bundled)
            )
            message += tip
        else:
            message = _("layout '{name}': no such file ({path})").format(name=text, path=path)
        self._error("", "layout", message)
        return None

    def _folder(self, value: object, key: str, must_exist: bool) -> Path | None:
        text = self._text(value, "", key)
        if text is None:
            return None
        path = self.path.parent / text
        if path.exists() and not path.is_dir():
            self._error(
                "", key, _("{key} '{value}' is a file; name a folder ({path})").format(key=key, value=text, path=path)
            )
        elif must_exist and not path.is_dir():
            self._error("", key, _("{key} '{value}': no such folder ({path})").format(key=key, value=text, path=path))
        else:
            return path
        return None

    def _dpi(self, value: object) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_DPI:
            self._error(
                "proof",
                "dpi",
                _("dpi must be a number above 0 and at most {most} (got {value})").format(
                    most=MAX_DPI, value=repr(value)
                ),
            )
            return None
        return float(value)

    def _profile(self, value: object) -> str | None:
        text = self._text(value, "preflight", "profile")
        if text is None or text in PROFILES:
            return text
        hint = _close(text, list(PROFILES))
        tip = _("; did you mean '{name}'?").format(name=hint) if hint else ""
        wrong = _("profile '{name}' is not one of: {names}").format(name=text, names=", ".join(PROFILES))
        self._error("preflight", "profile", wrong + tip)
        return None


def _close(word: str, options: list[str]) -> str | None:
    import difflib  # only for a mistyped name

    hint = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return hint[0] if hint else None
