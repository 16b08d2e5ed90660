"""What `clean` removes: the files `proof`, `diff` and `watch` wrote for a content file, and nothing else.

A file is removed only when both its name and its content say it is one of them: a name those commands give
(tools.proof.proof_files, the diff image NAME.diff.png, with --pdf the print PDF NAME.pdf) and the mark they
leave in it (a PDF's Creator, a PNG's Software text, the listing's heading). A photo called page.png or notes
called page.txt beside page.yaml are the user's, and stay.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..tools.proof import is_ours_png, listing_notes, proof_files
from .build import written_by_us

MAX_LISTING = 4 * 2**20  # a page's listing is a few kB


def written_for(content: str | Path, folder: str | Path, pdf: bool = False) -> list[Path]:
    """The files named as proof, diff (and, with `pdf`, build and watch) name theirs for `content` in `folder`."""
    stem = Path(content).stem
    names = [*proof_files(folder, content).values(), Path(folder) / f"{stem}.diff.png"]
    return names + ([Path(folder) / f"{stem}.pdf"] if pdf else [])


def ours(path: Path) -> bool:
    """`path` is a regular file that this tool wrote (by its mark), not a file of the same name of the user's."""
    if path.is_symlink() or not path.is_file():
        return False
    if path.suffix == ".pdf":
        return written_by_us(os.fspath(path))
    if path.suffix == ".png":
        with open(path, "rb") as f:
            return is_ours_png(f.read())
    if path.suffix == ".txt":
        with open(path, "rb") as f:
            head = f.read(MAX_LISTING).decode("utf-8", "replace").splitlines()[:2]
        return len(head) == 2 and head[1].endswith(listing_notes())
    return False


def leftovers(content: str | Path, folder: str | Path, pdf: bool = False) -> list[Path]:
    """The files of `content` in `folder` that clean removes."""
    return [path for path in written_for(content, folder, pdf) if ours(path)]
