"""Arguments several commands share, the checks on their values (a bad value is a usage error, exit 2)
and what the terminal allows. Path rules themselves live in ../paths.py."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from ..errors import BuildError
from ..i18n import _
from ..paths import MARKER, STDOUT, bundled_layouts, resolve_layout, sample_content

ROOT = Path(__file__).resolve().parents[3]  # the source checkout: only the tests and scripts use it


def __getattr__(name: str) -> Path:
    """DEFAULT_CONTENT (the bundled sample page) and DEFAULT_LAYOUT (the bundled broadsheet), found on
    first use: `--help` and usage errors do not look for the package data."""
    if name == "DEFAULT_CONTENT":
        return sample_content()
    if name == "DEFAULT_LAYOUT":
        return resolve_layout(None)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class UsageError(Exception):
    """A command line that cannot be run as given: main prints the subcommand's usage and exits 2."""


def add_page_arguments(parser: argparse.ArgumentParser, many: bool = False, places: bool = True) -> None:
    """CONTENT (several, or edition files, if `many`), --layout, and (if `places`) --root and --allow-dir."""
    if many:
        parser.add_argument(
            "content",
            nargs="*",
            help=_(
                "content YAML files, or edition files listing pages, or - for standard input (default: the bundled"
                " sample page, hengyang-2018.yaml)"
            ),
        )
    else:
        parser.add_argument(
            "content",
            nargs="?",
            help=_("content YAML, or - for standard input (default: the bundled sample page, hengyang-2018.yaml)"),
        )
    parser.add_argument(
        "--layout",
        help=_("layout spec: a YAML file, or the name of a bundled layout such as broadsheet (the default) or tabloid"),
    )
    if places:
        add_place_arguments(parser)
    parser.set_defaults(page_arguments=many, root=None)


def add_fit_arguments(parser: argparse.ArgumentParser) -> None:
    """--fit / --no-fit: whether flowed regions must end flush within the layout's `fit:` bounds."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--fit",
        dest="fit",
        action="store_const",
        const=True,
        default=None,
        help=_(
            "columns must end flush (齐底), flexing within the layout's fit: bounds; fail with exact cuts or additions"
            " when nothing within them fits (default where the layout declares fit:)"
        ),
    )
    group.add_argument(
        "--no-fit",
        dest="fit",
        action="store_const",
        const=False,
        help=_("set the text as written: no flexing, columns balanced, a short flow only reported"),
    )


def add_place_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        metavar="DIR",
        help=_(
            "the project folder files named in the YAML must lie in (default: the nearest folder above the content"
            " file holding {marker}, else the content file's folder)"
        ).format(marker=MARKER),
    )
    parser.add_argument(
        "--allow-dir",
        action="append",
        default=[],
        metavar="DIR",
        help=_("a folder outside the project that fonts and images may come from (repeatable)"),
    )


def apply_settings(args: argparse.Namespace) -> None:
    """The project's settings (settings.py) as `args.settings`, and as the value of every option of the
    command that the command line left out: --layout, --dpi of proof and watch, --profile of preflight."""
    from ..settings import Settings, for_project

    args.settings = (
        Settings() if args.command == "init" else for_project(_project_file(args), getattr(args, "root", None))
    )
    s = args.settings
    layout = s.layout if getattr(args, "layout_from_settings", True) else None
    for option, value in (("layout", layout), ("dpi", s.proof_dpi), ("profile", s.preflight_profile)):
        if value is not None and getattr(args, option, False) is None:  # the command has it; not given
            setattr(args, option, str(value) if isinstance(value, Path) else value)


def _project_file(args: argparse.Namespace) -> str | None:
    """The file whose project the command works in: its (first) content file, diff's NEW, preflight's PDF,
    the sign-off commands' PAGE; None for none (the current folder's project)."""
    for name in ("content", "new", "pdf", "page"):
        value = getattr(args, name, None)
        value = value[0] if isinstance(value, list) and value else value
        if isinstance(value, str) and value != STDOUT:
            return value
    return None


def resolve_page_arguments(args: argparse.Namespace) -> None:
    """Fill in the defaults that depend on the installation: the bundled sample page and layout."""
    if getattr(args, "page_arguments", None) is None:
        return
    if args.page_arguments:
        args.content = args.content or [str(sample_content())]
    else:
        args.content = args.content or str(sample_content())
    args.layout = str(layout_path(args.layout))
    if args.root is not None and not Path(args.root).is_dir():
        raise BuildError(
            _("--root {path}: not a folder").format(path=args.root)
        )  # what the command line names does not exist: 1


def build_options(args: argparse.Namespace) -> dict:
    """What run.build.build takes from the command line and the settings: the places files may come from."""
    return {"allow_dirs": tuple(args.allow_dir), "root": args.root, "fonts_dir": args.settings.fonts}


def layout_path(value: str | None) -> Path:
    """--layout as a path; a bare name that is neither a file nor a bundled layout is an input error (exit 1,
    as a layout path that names no file is): what the command line names does not exist."""
    path = resolve_layout(value)
    if value is not None and not path.is_file() and Path(value).suffix == "" and len(Path(value).parts) == 1:
        names = list(bundled_layouts())
        import difflib  # only for a mistyped name

        hint = difflib.get_close_matches(value, names, n=1)
        tip = _("; did you mean '{name}'?").format(name=hint[0]) if hint else ""
        raise BuildError(
            _("--layout {value}: no such file, nor a bundled layout of that name (bundled: {names})").format(
                value=value, names=", ".join(names)
            )
            + tip
        )
    return path


def pdf_output(value: str | None) -> str | None:
    """-o of a single page: a .pdf file or `-` (standard output); anything else is a usage error."""
    if value is None or value == STDOUT or Path(value).suffix.lower() == ".pdf":
        return value
    raise UsageError(
        _("-o {value}: the output is a PDF; name it NAME.pdf (or - for standard output)").format(value=value)
    )


def positive(kind: type = float, upper: float | None = None):
    """An argparse type for a number above zero (and at most `upper`)."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            wrong = _("'{text}' is not a whole number") if kind is int else _("'{text}' is not a number")
            raise argparse.ArgumentTypeError(wrong.format(text=text)) from None
        if not value > 0 or value != value:
            raise argparse.ArgumentTypeError(_("must be more than 0 (got {text})").format(text=text))
        if upper is not None and value > upper:
            raise argparse.ArgumentTypeError(
                _("must be at most {upper} (got {text})").format(upper=f"{upper:g}", text=text)
            )
        return value

    return parse


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a whole number").format(text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("must be 0 or more (got {text})").format(text=text))
    return value


DPI = positive(float, 2400)


def terminal(stream: TextIO) -> bool:
    """Cursor control (status lines) is allowed: a terminal that is not TERM=dumb."""
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def colour(stream: TextIO) -> bool:
    """Colour is allowed: a capable terminal, and no NO_COLOR (https://no-color.org)."""
    return terminal(stream) and not os.environ.get("NO_COLOR")
