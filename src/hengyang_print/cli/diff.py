"""hengyang-print diff: two versions of a page (PDFs or content files) → changed blocks, lines, fitting, image.

Exit status as diff(1): 0 no changes, 1 the pages differ, 2 usage error (and 1 for a content error).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import _
from ..paths import default_folder
from .common import DPI, UsageError, add_place_arguments, build_options, layout_path
from .output import add_format_argument, document, emit, wants_json

EXIT_SAME, EXIT_DIFFERENT = 0, 1


def register(sub) -> None:
    p = sub.add_parser(
        "diff",
        help=_("compare two versions of a page: changed blocks, characters and lines, an image of the changed regions"),
        description=_(
            "Compare OLD and NEW, each a PDF built by hengyang-print or a content YAML (built first, overset"
            " allowed). Prints the blocks that changed with their added and removed characters"
            " ([-removed-]{+added+}), the lines that changed apart from those that only moved (reflow), the fitting"
            " adjustments that differ (content files), the changed regions in mm, and writes the new page with the"
            " changed regions in red. Two identical builds print 'no changes'. Exit 0 when the pages are the same,"
            " 1 when they differ (as diff(1))."
        ),
    )
    p.add_argument("old", help=_("the earlier PDF or content YAML"))
    p.add_argument("new", help=_("the later PDF or content YAML"))
    p.add_argument(
        "--layout",
        help=_(
            "layout the PDFs were built with, or to build the content files with: a YAML file or a bundled"
            " layout's name (default: the settings' layout, else broadsheet)"
        ),
    )
    p.add_argument(
        "-o",
        "--output",
        help=_(
            "PNG image to write (default: NEW's name with .diff.png, in the settings' output folder, else beside NEW)"
        ),
    )
    p.add_argument(
        "--dpi",
        type=DPI,
        default=50,
        help=_("resolution of the comparison and the image, above 0 and at most 2400 (default: 50)"),
    )
    add_place_arguments(p)
    add_format_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..atomic import refuse_inputs
    from ..run.build import write_atomically
    from ..run.compare import compare_files
    from ..tools.diff import image_png, report

    output = Path(args.output) if args.output else diff_image(args.new, args.settings.output)
    if output.suffix.lower() != ".png":
        raise UsageError(_("-o {value}: the diff image is a PNG; name it NAME.png").format(value=args.output))
    layout_file = str(layout_path(args.layout))
    refuse_inputs(output, (args.old, args.new, layout_file))  # before any work: the image never replaces a page
    diff = compare_files(args.old, args.new, layout_file, args.dpi, **build_options(args))
    if not diff.identical:
        write_atomically(output, image_png(diff))
    if wants_json(args):
        from ..tools.diff import as_json

        image = None if diff.identical else str(output)
        emit(document("diff", True, old=args.old, new=args.new, **as_json(diff), image=image))
    else:
        print(report(diff, args.old, args.new))
        if not diff.identical:
            print(output)
    return EXIT_SAME if diff.identical else EXIT_DIFFERENT


def diff_image(new: str | Path, folder: Path | None = None) -> Path:
    """Where diff writes its image by default: NEW's name with .diff.png, in the output folder or beside NEW."""
    return default_folder(new, folder) / f"{Path(new).stem}.diff.png"
