"""hengyang-print init DIR: a starter project to edit — content, layout, schemas, settings and README."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from ..errors import BuildError
from ..i18n import _
from ..paths import MARKER, bundled

STARTER_CONTENT = "hengyang-2019.yaml"  # the sample page: invented text, eight items, a photo

README = """# {name}

A hengyang-print project. Edit `content/page.yaml` (the text) and `layout/broadsheet.yaml`
(geometry, styles, colours), then build:

```sh
hengyang-print build content/page.yaml   # → content/page.pdf, on the layout {marker} names
hengyang-print check content/page.yaml   # rule audit, copyfit, lint
hengyang-print proof content/page.yaml   # PNG, labelled proof, listing
```

`{marker}` marks this folder as the project and holds its settings: the layout every command uses
(an option such as `--layout tabloid` overrides it), the output folder, the proof's resolution, the
preflight profile and a fonts folder. Files named in the YAML (photos, fonts, an ICC profile) must lie
inside the project. Fonts named `fonts/NAME.ttf` in the layout come from the bundled set
unless `layout/fonts/NAME.ttf` exists here. `schema/` lets editors with yaml-language-server complete
keys and underline mistakes while you type.
"""

SETTINGS_TEXT = """\
# hengyang-print project settings: every command run on a file of this folder reads them, and
# its options override them (hengyang-print build content/page.yaml --layout tabloid).
# This file also marks the project folder: files named in the YAML must lie inside it.

layout = "layout/broadsheet.yaml"  # a file of this project, or a bundled layout's name (broadsheet, tabloid)
# output = "out"                   # where PDFs, proofs and diff images go (default: beside the content file)
# fonts = "fonts"                  # the project's own faces, found by file name before the bundled ones

[proof]
dpi = 100  # resolution of the PNGs proof and watch write

[preflight]
profile = "newspaper"  # pdfx1a: ISO 15930-1 only; newspaper: also the newsprint rules
"""


def register(sub) -> None:
    p = sub.add_parser(
        "init",
        help=_("write a starter project (content, layout, schemas, README) into a folder"),
        description=_(
            "Write a starter project into DIR (created if needed): content/page.yaml with its photo,"
            " layout/broadsheet.yaml, schema/, {marker} (the project's settings, naming its layout) and README.md."
            " Refuses to replace any file that exists."
        ).format(marker=MARKER),
    )
    p.add_argument("dir", help=_("folder to write the project into"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    files = starter_files(root)
    clashes = [str(path) for path in files if path.exists()]
    if clashes:
        raise BuildError(
            [
                _("{path}: exists already; init never replaces a file (choose an empty folder)").format(path=path)
                for path in clashes
            ]
        )
    for path, source in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copyfile(source, path)
        else:
            path.write_text(source, encoding="utf-8")
    folder = f"{root}{'/' if not str(root).endswith('/') else ''}"
    print(_("wrote a starter project to {folder}").format(folder=folder))
    print("  " + _("build it: {command}").format(command=f"cd {root} && hengyang-print build content/page.yaml"))
    return 0


def starter_files(root: Path) -> dict[Path, Path | str]:
    """Each file of the starter project and where it comes from (a bundled file, or its text)."""
    files: dict[Path, Path | str] = {
        root / MARKER: SETTINGS_TEXT,
        root / "README.md": README.format(name=root.resolve().name or "page", marker=MARKER),
        root / "content" / "page.yaml": bundled("content", STARTER_CONTENT),
        root / "layout" / "broadsheet.yaml": bundled("layout", "broadsheet.yaml"),
    }
    for photo in sorted(bundled("content", "photos").iterdir()):
        files[root / "content" / "photos" / photo.name] = photo
    for kind in ("content", "layout"):  # what the YAML files' yaml-language-server comments name
        files[root / "schema" / f"{kind}.schema.json"] = bundled("schema", f"{kind}.schema.json")
    return files
