"""Where files are: the bundled data, the project folder (root), files named in YAML, default outputs.

One module for every path rule, shared by load/, run/ and cli/ (a stage may import it: it imports
nothing of the pipeline). The rules follow Typst's:

- The **project folder** (root) is `--root DIR`, or else the nearest folder at or above the content
  file that holds a `hengyang-print.toml` marker, or else the content file's own folder.
- A file named **in a YAML file** is looked for beside that YAML file, then from the root (so a layout
  in layout/ may name `fonts/…` or `profiles/…` of its project). It must lie inside the root, inside the
  bundled data, or inside a folder given with `--allow-dir`; anything else is refused. The check is on the path as
  written (`..`
  collapsed, symlinks not followed): a folder the project links in is the project's choice.
- A **font** not found beside the layout is taken from the bundled set by its file name, so a layout
  may say `fonts/NotoSerifSC-Regular.ttf` and a project may override a face by putting its own file there.
- A **layout** on the command line is a path, or the name of a bundled layout (`broadsheet`).
- **Output** goes to the project's output folder when its settings name one (settings.py), else beside
  the input (`page.yaml` → `page.pdf`), or to the current folder when the input is bundled data (the
  installed sample page) or standard input; `-o` names it, `-o -` is standard output.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from .i18n import _

MARKER = "hengyang-print.toml"  # marks a project folder (written by `hengyang-print init`)
SAMPLE_CONTENT = "hengyang-2018.yaml"
DEFAULT_LAYOUT_NAME = "broadsheet"
STDOUT = STDIN = "-"  # -o - writes to standard output; a content file `-` is read from standard input
STDIN_NAME, STDIN_STEM = "<stdin>", "stdin"  # how messages name standard input; its outputs' names


KINDS = ("fonts", "layout", "content", "schema")


@cache
def bundle() -> dict[str, Path]:
    """The data that ships inside the package: fonts/, layout/, content/, schema/, each resolved (in a
    source checkout they are links to the repository's top-level folders). The package is always a
    folder on disk (the fonts are opened by path), so its data is found beside this file."""
    data = Path(__file__).resolve().parent / "data"
    return {kind: (data / kind).resolve() for kind in KINDS}


def bundled(kind: str, *parts: str) -> Path:
    return bundle()[kind].joinpath(*parts)


def sample_content() -> Path:
    return bundled("content", SAMPLE_CONTENT)


def bundled_layouts() -> dict[str, Path]:
    return {p.stem: p for p in sorted(bundled("layout").glob("*.yaml"))}


def resolve_layout(value: str | Path | None) -> Path:
    """`--layout`: an existing file, or the name of a bundled layout (`broadsheet`, `tabloid`).
    Neither: the path as given, for the loader to report as unreadable."""
    if value is None:
        return bundled_layouts()[DEFAULT_LAYOUT_NAME]
    path = Path(value)
    if path.is_file():
        return path
    named = bundled_layouts().get(str(value))
    return named if named is not None and path.suffix == "" and len(path.parts) == 1 else path


def is_bundled(path: str | Path) -> bool:
    written, real = _absolute(path), Path(path).resolve()
    return any(written.is_relative_to(folder) or real.is_relative_to(folder) for folder in bundle().values())


def project_root(start: str | Path) -> Path:
    """The default root for a file: the nearest folder at or above it holding the marker, else its folder."""
    folder = _absolute(start).parent
    for candidate in (folder, *folder.parents):
        if (candidate / MARKER).is_file():
            return candidate
    return folder


class Places:
    """Where files named in YAML may come from: the root, the bundled data, the allowed folders and the
    project's fonts folder (its settings' `fonts`)."""

    def __init__(self, root: str | Path, allow: tuple[str | Path, ...] = (), fonts: str | Path | None = None):
        self.root = _absolute(root)
        self.fonts = _absolute(fonts) if fonts is not None else None
        self.allowed = (self.root, *(_absolute(a) for a in allow), *([self.fonts] if self.fonts else []))

    def admits(self, path: Path) -> bool:
        return is_bundled(path) or any(path.is_relative_to(folder) for folder in self.allowed)

    def refusal(self, rel: str) -> str:
        return _(
            "'{path}' lies outside the project folder {root} (name a file inside it, set the folder with --root, or"
            " allow its folder with --allow-dir)"
        ).format(path=rel, root=self.root)


def beside(yaml_path: str | Path, rel: str) -> Path:
    """A path named in a YAML file, relative to that file's folder, `..` collapsed, symlinks kept."""
    return Path(os.path.normpath(_absolute(yaml_path).parent / rel))


def from_root(root: Path, rel: str) -> Path:
    """A path named in a YAML file, taken from the project folder (`..` collapsed, symlinks kept)."""
    return Path(os.path.normpath(_absolute(root) / rel))


def bundled_font(rel: str) -> Path | None:
    """The bundled face a relative font path names by its file name, if there is one."""
    if Path(rel).is_absolute():
        return None
    candidate = bundled("fonts", Path(rel).name)
    return candidate if candidate.is_file() else None


def default_output(content: str | Path, suffix: str = ".pdf", folder: str | Path | None = None) -> Path:
    """In `folder` (the project's settings' output) if given, else beside the input, or in the current
    folder when the input is bundled (read-only) data or standard input."""
    return default_folder(content, folder) / (stem(content) + suffix)


def stem(content: str | Path) -> str:
    """The name outputs of `content` take: its file name without the suffix; `stdin` for standard input."""
    return STDIN_STEM if str(content) in (STDIN, STDIN_NAME) else Path(content).stem


def display(path: str | Path) -> str:
    """How messages name a file: as given, <stdin> for standard input."""
    return STDIN_NAME if str(path) == STDIN else str(path)


_STDIN: list[bytes] = []  # standard input, once read


def stdin_bytes(limit: int) -> bytes:
    """Standard input, read once (at most limit + 1 bytes): every later read of content `-` sees the same."""
    if not _STDIN:
        import sys

        _STDIN.append(sys.stdin.buffer.read(limit + 1))
    return _STDIN[0]


def stdin_text() -> str | None:
    """Standard input as read, for a message's source line; None when it was not read."""
    return _STDIN[0].decode("utf-8", "replace") if _STDIN else None


def default_folder(content: str | Path, folder: str | Path | None = None) -> Path:
    """The folder outputs of `content` go to by default (PDF, proof files, diff image): `folder` if given."""
    if folder is not None:
        return Path(folder)
    return Path(".") if str(content) == STDOUT or is_bundled(content) else Path(content).parent


def _absolute(path: str | Path) -> Path:
    return Path(os.path.abspath(path))
