"""The page grammar: which piece of the content (or of the layout) a placed thing is.

A BlockId is made and formatted here only; nothing parses block names. Its text is the value's
YAML path in the content file (`items[3].body[0]`, `items[9].image.caption`, `keyword.label`), so a
message naming a block can be located in the file (`steps` walks the YAML tree). Items of the layout
itself (its rules, a region's overset marker) use the region's name as `field`.
"""

from __future__ import annotations

from dataclasses import dataclass

# parts of an item in reading order, and where each sits in the content file
ITEM_PARTS = ("number", "date", "headline", "body", "image", "caption")
_ITEM_PATH = {"caption": ("image", "caption")}


@dataclass(frozen=True)
class BlockId:
    field: str  # top-level content field (credits, headline, byline, keyword, intro, items) or a layout name
    item: int | None = None  # index into the field's list: items (or credits)
    # of an item: number | date | headline | body | image | caption | badge | rule; of keyword: label | number | word;
    # overset
    part: str = ""
    paragraph: int | None = None  # index into intro, an item's body (or the part's list: byline.reporters)

    @property
    def steps(self) -> tuple[str | int, ...]:
        """The YAML path: mapping keys and sequence indices from the content file's root."""
        out: list[str | int] = [self.field]
        if self.item is not None:
            out.append(self.item)
        if self.part:
            out.extend(_ITEM_PATH.get(self.part, (self.part,)) if self.item is not None else (self.part,))
        if self.paragraph is not None:
            out.append(self.paragraph)
        return tuple(out)

    def __str__(self) -> str:
        return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in self.steps).lstrip(".")

    @property
    def family(self) -> BlockId:
        """The block without its paragraph: the body of an item, or the whole intro (diff compares these)."""
        return BlockId(self.field, self.item, self.part) if self.paragraph is not None else self

    @property
    def of_item(self) -> BlockId | None:
        """The whole item this block belongs to (`items[3]`), or None."""
        return BlockId(self.field, self.item) if self.item is not None else None

    def with_part(self, part: str, paragraph: int | None = None) -> BlockId:
        return BlockId(self.field, self.item, part, paragraph)
