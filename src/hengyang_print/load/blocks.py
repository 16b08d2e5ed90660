"""The content's text blocks in reading order, each with the style the layout sets it in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from fontTools.unicodedata import block as unicode_block

from ..blockid import BlockId
from ..errors import BuildError
from ..fonts import face_chain, missing_glyphs
from ..i18n import _
from ..model import Content, Layout, Region

CONTENT_FIELDS = ("credits", "headline", "byline", "keyword", "intro", "items")


class Block(NamedTuple):
    id: BlockId
    text: str
    style: str
    region: str  # the region that sets it


def content_text(content: Content, field: str) -> str:
    """The text of a one-block content field as set: credits joined as 责编/名 …, the byline with its mark."""
    if field == "credits":
        return " ".join(f"{c.role}/{c.name}" for c in content.credits)
    if field == "byline":
        b = content.byline
        return f"{b.mark}{b.text} " + " ".join(b.reporters)
    return content.headline


def content_blocks(content: Content, layout: Layout) -> Iterator[Block]:
    """Every text block the layout sets, in reading order: its regions' order, then the content's."""
    for region in layout.regions.values():
        yield from _region_blocks(content, layout, region)


def unset_fields(layout: Layout) -> list[str]:
    """Content fields (all required in a content file) that no region of the layout sets: a layout may leave one out."""
    return [f for f in CONTENT_FIELDS if layout.region_for(f) is None]


def unset_headline_parts(content: Content, layout: Layout) -> list[str]:
    """The content's kicker or subhead when the layout's headline region declares no style for it."""
    region = layout.region_for("headline")
    design = region.headline if region else None
    return [
        part
        for part, text in (("kicker", content.kicker), ("subhead", content.subhead))
        if text and not (design and getattr(design, f"{part}_style"))
    ]


def _region_blocks(content: Content, layout: Layout, region: Region) -> Iterator[Block]:
    name = region.name
    if region.kind == "display":
        design = region.headline
        if design and design.kicker_style and content.kicker:
            yield Block(BlockId("kicker"), content.kicker, design.kicker_style, name)
        yield Block(BlockId(region.content), content_text(content, region.content), region.style, name)
        if design and design.subhead_style and content.subhead:
            yield Block(BlockId("subhead"), content.subhead, design.subhead_style, name)
    elif region.kind == "keyword":
        kw = region.keyword
        yield Block(BlockId("keyword", part="label"), content.keyword.label, kw.label_style, name)
        yield Block(BlockId("keyword", part="number"), str(content.keyword.number), kw.number_style, name)
        yield Block(BlockId("keyword", part="word"), content.keyword.word, kw.word_style, name)
    elif region.kind == "flow":
        for p, text in enumerate(content.intro):
            yield Block(BlockId("intro", paragraph=p), text, region.style, name)
    elif region.kind == "items":
        design = region.item
        for i, item in enumerate(content.items):
            at = BlockId("items", i)
            yield Block(at.with_part("number"), str(item.number), design.badge.style, name)
            yield Block(at.with_part("date"), item.date, design.date_style, name)
            yield Block(at.with_part("headline"), item.headline, design.headline_style, name)
            # a photo's caption, in reading order; without an image design place refuses the photo
            caption = (
                [Block(at.with_part("caption"), item.image.caption, design.image.caption_style, name)]
                if item.image and item.image.caption and design.image
                else []
            )
            before = design.image and design.image.position == "after_header"
            if before:
                yield from caption
            for p, text in enumerate(item.body):
                yield Block(at.with_part("body", p), text, region.style, name)
            if not before:
                yield from caption


def check_glyphs(content: Content, layout: Layout) -> None:
    """Every character must have a glyph in the face it is set in, or in one of its style's fallback faces;
    report all that do not, with code point and Unicode block."""
    problems = []
    keys = {path: key for key, path in layout.fonts.items()}
    blocks = list(content_blocks(content, layout))
    chains = {}  # (font, fallback …) -> the characters of every block set in it: each asked of the faces once
    for block in blocks:
        style = layout.styles[block.style]
        chains.setdefault((layout.fonts[style.font], *style.fallback), set()).update(block.text)
    if not any(missing_glyphs("".join(chars), face_chain(chain)) for chain, chars in chains.items()):
        return
    for block in blocks:
        style = layout.styles[block.style]
        path = layout.fonts[style.font]
        for offset, ch in missing_glyphs(block.text, face_chain((path, *style.fallback))):
            font = f"'{style.font}' ({path.rsplit('/', 1)[-1]})"
            if style.fallback:
                fallback = ", ".join(f"'{keys.get(p, p)}' ({p.rsplit('/', 1)[-1]})" for p in style.fallback)
                tried = _("font {font} nor its fallback {fallback}").format(font=font, fallback=fallback)
            else:
                tried = _("font {font}").format(font=font)
            missing = _("character '{char}' ({code}, {unicode_block}) at offset {offset} has no glyph in {tried}")
            code = f"U+{ord(ch):04X}"
            said = missing.format(char=ch, code=code, unicode_block=unicode_block(ch), offset=offset, tried=tried)
            problems.append(f"{content.where(block.id, offset)}: {block.id}: {said}")
    if problems:
        raise BuildError(problems)
