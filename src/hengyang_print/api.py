"""The Python API: build a page (PDF bytes, or a file), check it against the Chinese layout rules,
preflight any PDF. Content and layout problems raise hengyang_print.BuildError, whose `messages`
are the lines the command line prints (`FILE:LINE:COL: …`).

Paths follow the command line's rules (paths.py): `layout` is a file or a bundled layout's name,
files named in the YAML must lie in `root` (default: the content file's project folder) or `allow_dirs`.
"""

from __future__ import annotations

from pathlib import Path

from .paths import resolve_layout, sample_content


def build(
    content: str | Path | None = None,
    layout: str | Path | None = None,
    output: str | Path | None = None,
    *,
    root: str | Path | None = None,
    allow_dirs: tuple[str | Path, ...] = (),
    allow_overset: bool = False,
) -> bytes:
    """The print PDF of `content` (default: the bundled sample page) on `layout` (default: broadsheet);
    written atomically to `output` as well when it is given."""
    from .run.build import build as run_build
    from .run.build import write_atomically

    result = run_build(
        content or sample_content(),
        resolve_layout(layout),
        allow_overset=allow_overset,
        allow_dirs=tuple(map(str, allow_dirs)),
        root=root,
    )
    if output is not None:
        write_atomically(output, result.pdf)
    return result.pdf


def check(content: str | Path | None = None, layout: str | Path | None = None) -> list:
    """Every Chinese layout rule break of the built page (audit.Violation, on the display list and the
    PDF's glyphs, each once); an empty list when the page is clean."""
    from .cli.check import check as run_check

    checked = run_check(content or sample_content(), resolve_layout(layout))
    seen = {}
    for v in [*checked.on_page, *checked.on_pdf]:
        seen.setdefault(str(v), v)
    return list(seen.values())


def preflight(pdf: str | Path, max_ink: float = 240.0, **options):
    """PDF/X-1a:2001 and newsprint findings for any PDF: a Report with `findings` and `errors` (a count).
    `options`: profile, strict, reverse_type, as tools.preflight.preflight takes them."""
    from .tools.preflight import preflight as run_preflight

    return run_preflight(pdf, max_ink=max_ink, **options)
