"""The content's text blocks in reading order, each with the style the layout sets it in."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..errors import BuildError
from ..fonts import face_chain, missing_glyphs
from ..model import Content, Layout
from .yamlread import locate


class Block(NamedTuple):
    name: str  # e.g. items[5].headline
    text: str
    style: str


def content_blocks(content: Content, layout: Layout) -> Iterator[Block]:
    r = layout.regions
    yield Block("credits", " ".join(f"{c.role}/{c.name}" for c in content.credits), r["credits"].style)
    yield Block("headline", content.headline, r["headline"].style)
    b = content.byline
    yield Block("byline", f"{b.mark}{b.text} " + " ".join(b.reporters), r["byline"].style)
    kw = r["keyword"].keyword
    yield Block("keyword.label", content.keyword.label, kw.label_style)
    yield Block("keyword.number", str(content.keyword.number), kw.number_style)
    yield Block("keyword.word", content.keyword.word, kw.word_style)
    for p, text in enumerate(content.intro):
        yield Block(f"intro[{p}]", text, r["intro"].style)
    design = r["items"].item
    for i, item in enumerate(content.items):
        yield Block(f"items[{i}].number", str(item.number), design.badge.style)
        yield Block(f"items[{i}].date", item.date, design.date_style)
        yield Block(f"items[{i}].headline", item.headline, design.headline_style)
        # a photo's caption, in reading order; without an image design place.py refuses the photo
        caption = [Block(f"items[{i}].caption", item.image.caption, design.image.caption_style)] if item.image and item.image.caption and design.image else []
        if design.image and design.image.position == "after_header":
            yield from caption
        for p, text in enumerate(item.body):
            yield Block(f"items[{i}].body[{p}]", text, r["items"].style)
        if not (design.image and design.image.position == "after_header"):
            yield from caption


def check_glyphs(content: Content, layout: Layout) -> None:
    """Every character must have a glyph in the face it is set in, or in one of its style's fallback faces;
    report all that do not, with code point and Unicode block."""
    problems = []
    keys = {path: key for key, path in layout.fonts.items()}
    for block in content_blocks(content, layout):
        style = layout.styles[block.style]
        path = layout.fonts[style.font]
        for offset, ch in missing_glyphs(block.text, face_chain((path, *style.fallback))):
            from .unicodeblocks import block_of  # only when a glyph is missing

            tried = f"font '{style.font}' ({path.rsplit('/', 1)[-1]})"
            if style.fallback:
                tried += " nor its fallback " + ", ".join(f"'{keys.get(p, p)}' ({p.rsplit('/', 1)[-1]})" for p in style.fallback)
            problems.append(
                f"{locate(content.source, block.name, offset)}: {block.name}: character '{ch}' (U+{ord(ch):04X}, {block_of(ch)})"
                f" at offset {offset} has no glyph in {tried}"
            )
    if problems:
        raise BuildError(problems)
