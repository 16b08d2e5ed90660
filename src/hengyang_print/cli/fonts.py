"""hengyang-print fonts: the faces, their files, their coverage of GBK and the 通用规范汉字表, and what a content
file needs that a face lacks."""

from __future__ import annotations

import argparse

from ..i18n import _, ngettext
from .common import add_place_arguments, layout_path
from .output import add_format_argument, document, emit, wants_json


def register(sub) -> None:
    p = sub.add_parser(
        "fonts",
        help=_("list the faces with their files and character coverage; with CONTENT, what it needs that a face lacks"),
        description=_(
            "List the faces text can be set in — the layout's (by its font keys), the project's fonts folder's"
            " (settings: fonts) and the bundled ones — with their files, the code points each maps, and how much of"
            " GBK (21,886 characters) and of the 通用规范汉字表 (2013: levels 1, 2 and 3, 8,105 characters) each"
            " covers. With CONTENT, every character that the face of its style lacks, and the fallback face that sets"
            " it; exit 1 when no face of the style has one (a build would refuse the page)."
        ),
    )
    p.add_argument("content", nargs="?", help=_("a content YAML whose characters to look up in the faces"))
    p.add_argument("--layout", help=_("layout whose faces to list: a YAML file or a bundled layout's name"))
    add_place_arguments(p)
    add_format_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..fonts.charsets import gbk_characters, tongyong_level
    from ..load.loader import load_content, load_layout
    from ..tools.fontlist import faces, needs, share, unset

    options = (tuple(args.allow_dir), args.root)
    layout = load_layout(layout_path(args.layout), *options, args.settings.fonts)
    found = faces(layout, args.settings.fonts)
    wanted = needs(load_content(args.content, *options), layout) if args.content else []
    missing = unset(wanted)
    if wants_json(args):
        from ..diagnostics import Diagnostic

        diagnostics = [Diagnostic.parse(f"{n.location}: {_lacks(n)}") for n in missing]
        emit(
            document(
                "fonts",
                not missing,
                diagnostics,
                layout=layout.source,
                faces=[f.as_json() for f in found],
                needs=[n.as_json() for n in wanted],
            )
        )
        return 1 if missing else 0
    gbk, levels = len(gbk_characters()), [len(tongyong_level(n)) for n in (1, 2, 3)]
    print(_("faces of {layout}, the project's fonts folder and the bundled set:").format(layout=layout.source))
    for f in found:
        keys = f"{', '.join(f.keys)}: " if f.keys else ""
        where = _("bundled") if f.bundled else _("project")
        print(f"  {keys}{f.name} ({where}) {f.file}")
        level = _("level {number} {share}")
        table = _(", ").join(
            level.format(number=n, share=share(c, t)) for n, (c, t) in enumerate(zip(f.tongyong, levels), 1)
        )
        coverage = _("{count} code points; GBK {gbk}; 通用规范汉字表 {levels}")
        print("      " + coverage.format(count=f"{f.glyphs:,}", gbk=share(f.gbk, gbk), levels=table))
    if args.content:
        beyond = ngettext(
            "{path}: {count} character beyond the own face of its style",
            "{path}: {count} characters beyond the own face of their style",
            len(wanted),
        )
        print(beyond.format(path=args.content, count=len(wanted)))
        set_in = _("{where}: '{char}' {code} in {block} ({style}): set in '{face}'")
        for n in wanted:
            if n.set_by is not None:
                where = dict(where=n.location, char=n.char, code=f"U+{ord(n.char):04X}", block=n.block, style=n.style)
                print("  " + set_in.format(**where, face=n.set_by))
        from .main import report_errors

        report_errors([f"{n.location}: {_lacks(n)}" for n in missing])
    return 1 if missing else 0


def _lacks(n) -> str:
    return _("{block}: '{char}' ({code}) has no glyph in font '{font}' of style '{style}' nor its fallback").format(
        block=n.block, char=n.char, code=f"U+{ord(n.char):04X}", font=n.font, style=n.style
    )
