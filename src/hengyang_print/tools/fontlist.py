"""What `hengyang-print fonts` reports: the faces a project can set text in, how much of GBK and of the
通用规范汉字表 each covers, and the characters of a content file that the face of their style lacks.

A face is the layout's (by its key: song, hei …), the project's fonts folder's or a bundled one; the coverage
counts code points the face maps (fonts.metrics), as the build's glyph check does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..fonts import metrics
from ..fonts.charsets import gbk_characters, tongyong_level
from ..load.blocks import content_blocks
from ..model import Content, Layout
from ..paths import bundle, is_bundled

FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True)
class Face:
    file: str
    name: str  # the face's PostScript name
    keys: tuple[str, ...]  # the layout's font keys naming this file
    bundled: bool
    glyphs: int  # code points mapped
    gbk: int  # of len(gbk_characters())
    tongyong: tuple[int, int, int]  # of levels 1, 2 and 3 (3,500, 3,000, 1,605)

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "name": self.name,
            "keys": list(self.keys),
            "bundled": self.bundled,
            "glyphs": self.glyphs,
            "gbk": {"covered": self.gbk, "of": len(gbk_characters())},
            "tongyong": [
                {"level": n, "covered": c, "of": len(tongyong_level(n))} for n, c in enumerate(self.tongyong, 1)
            ],
        }


@dataclass(frozen=True)
class Need:
    """A character of the content that the face of its block's style lacks."""

    location: str  # FILE:LINE:COL in the content file
    block: str
    char: str
    style: str
    font: str  # the style's font key
    set_by: str | None  # the fallback face's key that sets it; None: no face of the style has it

    def as_json(self) -> dict:
        return {
            "location": self.location,
            "block": self.block,
            "character": self.char,
            "code_point": f"U+{ord(self.char):04X}",
            "style": self.style,
            "font": self.font,
            "set_by": self.set_by,
        }


def font_files(layout: Layout | None, fonts_dir: Path | None) -> list[str]:
    """The layout's faces, then the project's fonts folder's, then the bundled ones; each file once."""
    files = list(layout.fonts.values()) if layout is not None else []
    for folder in (fonts_dir, bundle()["fonts"]):
        if folder is not None and folder.is_dir():
            files += [str(p) for p in sorted(folder.iterdir()) if p.suffix.lower() in FONT_SUFFIXES]
    return list(dict.fromkeys(files))


def faces(layout: Layout | None, fonts_dir: Path | None = None) -> list[Face]:
    keys: dict[str, list[str]] = {}
    for key, path in layout.fonts.items() if layout is not None else ():
        keys.setdefault(path, []).append(key)
    out = []
    for path in font_files(layout, fonts_dir):
        face = metrics(path)
        has = face.has
        out.append(
            Face(
                file=path,
                name=face.postscript_name or Path(path).stem,
                keys=tuple(keys.get(path, ())),
                bundled=is_bundled(path),
                glyphs=len(face.advances),
                gbk=sum(has(c) for c in gbk_characters()),
                tongyong=tuple(sum(has(c) for c in tongyong_level(n)) for n in (1, 2, 3)),
            )
        )
    return out


def needs(content: Content, layout: Layout) -> list[Need]:
    """Each character (at its first place) that the style's own face lacks, and the fallback face setting it."""
    key_of = {path: key for key, path in layout.fonts.items()}
    seen, out = set(), []
    for block in content_blocks(content, layout):
        style = layout.styles[block.style]
        own = metrics(layout.fonts[style.font])
        for offset, ch in enumerate(block.text):
            if ch in "\n " or own.has(ch) or (block.style, ch) in seen:
                continue
            seen.add((block.style, ch))
            by = next((key_of.get(p, p) for p in style.fallback if metrics(p).has(ch)), None)
            out.append(Need(content.where(block.id, offset), str(block.id), ch, block.style, style.font, by))
    return out


def unset(needs: list[Need]) -> list[Need]:
    """The needs no face of their style sets: a build refuses the page."""
    return [n for n in needs if n.set_by is None]


def share(covered: int, total: int) -> str:
    """'21,878/21,886 (99.96%)', or '3,500/3,500' when all of it is covered."""
    percent = math.floor(10000 * covered / total) / 100  # never rounded up to a 100 % it is not
    return f"{covered:,}/{total:,}" + (f" ({percent:.2f}%)" if covered != total else "")
