"""hengyang-print clean CONTENT …: remove what proof, diff and watch wrote for each content file, nothing else."""

from __future__ import annotations

import argparse

from ..i18n import _, ngettext
from ..paths import default_folder
from .output import add_format_argument, document, emit, wants_json


def register(sub) -> None:
    p = sub.add_parser(
        "clean",
        help=_("remove the files proof, diff and watch wrote for a content file (--pdf: its PDF too)"),
        description=_(
            "Remove the files proof, diff and watch wrote for each CONTENT: NAME.png, NAME.proof.pdf,"
            " NAME.proof.png, NAME.txt and NAME.diff.png (with --pdf also NAME.pdf, the print PDF build and watch"
            " write), in the settings' output folder, else beside the content file. A file is removed only when it"
            " carries this tool's mark (a PDF's Creator, a PNG's Software text, the listing's heading): a photo or"
            " notes of the same name stay. The content file itself is never touched."
        ),
    )
    p.add_argument("content", nargs="+", help=_("content YAML files whose outputs to remove"))
    p.add_argument(
        "-o", "--output-dir", help=_("the folder to clean (default: the settings' output, else beside CONTENT)")
    )
    p.add_argument("--pdf", action="store_true", help=_("remove the print PDF (NAME.pdf) too"))
    p.add_argument("-n", "--dry-run", action="store_true", help=_("say what would be removed; remove nothing"))
    add_format_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..run.clean import leftovers

    found = []
    for content in args.content:
        folder = args.output_dir or default_folder(content, args.settings.output)
        found += [path for path in leftovers(content, folder, args.pdf) if str(path) not in args.content]
    if not args.dry_run:
        for path in found:
            path.unlink(missing_ok=True)
    if wants_json(args):
        emit(
            document(
                "clean", True, removed=[] if args.dry_run else [str(p) for p in found], found=[str(p) for p in found]
            )
        )
    else:
        each = _("would remove {path}") if args.dry_run else _("removed {path}")
        for path in found:
            print(each.format(path=path))
        if args.dry_run:
            total = ngettext("would remove {count} file", "would remove {count} files", len(found))
        else:
            total = ngettext("removed {count} file", "removed {count} files", len(found))
        print("clean: " + total.format(count=len(found)))
    return 0
