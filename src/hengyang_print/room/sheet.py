"""The page as the room sees it: every line a hit target, each character's place in its block's text, and
where each finding stands. Lengths in mm from the trimmed page's top left (the browser's way round); the
display list's points from the bottom left are turned here and nowhere else.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..blockid import BlockId
from ..fonts import metrics
from ..load.blocks import content_blocks
from ..model import Box, ImageItem, TextItem

MM = 72 / 25.4
NEAR_MM = 1.5  # a click this close above or below a line (in the leading) still hits it
POINT_MM = 0.6  # the width of the bar that shows a point between two characters


@dataclass(frozen=True)
class Rect:
    """mm from the trimmed page's top left."""

    x: float
    y: float
    width: float
    height: float

    def as_json(self) -> dict:
        return {k: round(v, 2) for k, v in zip(("x_mm", "y_mm", "width_mm", "height_mm"), self.astuple())}

    def astuple(self) -> tuple[float, float, float, float]:
        return self.x, self.y, self.width, self.height

    def distance(self, x: float, y: float) -> float:
        """0 inside; else how far the point lies outside, across or down, whichever is more."""
        dx = max(self.x - x, 0.0, x - self.x - self.width)
        dy = max(self.y - y, 0.0, y - self.y - self.height)
        return max(dx, dy)

    def union(self, other: Rect) -> Rect:
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1 = max(self.x + self.width, other.x + other.width)
        y1 = max(self.y + self.height, other.y + other.height)
        return Rect(x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class SheetLine:
    item: TextItem
    rect: Rect  # the line's extent: its measure (indent included), ascent to descent
    edges: tuple[float, ...]  # mm: each glyph's left edge, then the last glyph's right edge
    offsets: tuple[int | None, ...]  # each glyph's offset in its block's text; None: not from it (an overset note)

    def glyph_at(self, x: float) -> int:
        """The glyph under x, or the nearest one."""
        return max(0, min(len(self.offsets) - 1, bisect_right(self.edges, x) - 1))

    def glyph_rect(self, index: int) -> Rect:
        return Rect(self.edges[index], self.rect.y, self.edges[index + 1] - self.edges[index], self.rect.height)


class Sheet:
    """The lines of one built page (run.build.Result) and the texts of its blocks."""

    def __init__(self, result):
        self.result = result
        self.height = result.page.trim.height
        self.texts = {block.id: block.text for block in content_blocks(result.content, result.layout)}
        self.named = {str(block): block for block in self.texts}  # "items[3].body[0]" -> its BlockId
        items = result.page.texts()
        by_block: dict[BlockId, list[TextItem]] = {}
        for t in items:
            by_block.setdefault(t.block, []).append(t)
        offsets: dict[int, tuple[int | None, ...]] = {}
        for block, lines in by_block.items():
            lines.sort(key=lambda t: t.line)
            offsets |= _offsets(self.texts.get(block, ""), lines)
        self.lines = [self._line(t, offsets[id(t)]) for t in items]

    def _line(self, t: TextItem, offsets: tuple[int | None, ...]) -> SheetLine:
        face = metrics(t.font)
        top = (self.height - t.baseline - face.ascent * t.size) / MM
        height = (face.ascent + face.descent) * t.size / MM
        edges = [(t.x + g.x) / MM for g in t.glyphs]
        edges.append((t.x + t.glyphs[-1].x + t.glyphs[-1].width) / MM if t.glyphs else t.x / MM)
        right = max(edges[-1], (t.x + t.measure) / MM if t.justified else edges[-1])
        left = min(t.x / MM, edges[0])
        return SheetLine(t, Rect(left, top, right - left, height), tuple(edges), offsets)

    def rect(self, box: Box) -> Rect:
        """A display-list box (points from the bottom left) in mm from the top left."""
        return Rect(box.x / MM, (self.height - box.top) / MM, box.width / MM, box.height / MM)

    # ------------------------------------------------------------ clicks

    def hit(self, x: float, y: float) -> tuple[SheetLine, int] | None:
        """The line at (x, y) mm and the glyph nearest the point; a point in the leading takes the nearest line."""
        best = min(self.lines, key=lambda line: line.rect.distance(x, y), default=None)
        if best is None or best.rect.distance(x, y) > NEAR_MM:
            return None
        return best, best.glyph_at(x)

    # ------------------------------------------------------------ where things are

    def lines_of(self, block: BlockId, line: int | None = None) -> list[SheetLine]:
        """The lines of a block, of its family (items[3].body) or of its item (items[3]), or one line of them."""
        out = [
            s
            for s in self.lines
            if block in (s.item.block, s.item.block.family) or (not block.part and s.item.block.of_item == block)
        ]
        return [s for s in out if s.item.line == line] if line is not None else out

    def at_offset(self, block: BlockId, offset: int) -> Rect | None:
        """The box of the character at `offset` in a block's text (or of the line that holds it)."""
        for s in self.lines_of(block):
            for i, at in enumerate(s.offsets):
                if at is not None and at >= offset:
                    return s.glyph_rect(i) if at == offset else s.rect
        return None

    def span_rects(self, block: BlockId, start: int, end: int) -> list[Rect]:
        """Where characters start:end of a block's text stand: a box per line they are on. A point (start ==
        end) is a thin bar at the left edge of the character after it, or the right edge of the last."""
        lines = [s for s in self.lines if s.item.block == block]
        if start == end:
            for s in lines:
                for i, at in enumerate(s.offsets):
                    if at is not None and at >= start:
                        return [Rect(s.edges[i] - POINT_MM / 2, s.rect.y, POINT_MM, s.rect.height)]
            last = lines[-1] if lines else None
            return [Rect(last.edges[-1] - POINT_MM / 2, last.rect.y, POINT_MM, last.rect.height)] if last else []
        out = []
        for s in lines:
            inside = [i for i, at in enumerate(s.offsets) if at is not None and start <= at < end]
            if inside:
                left, right = s.edges[inside[0]], s.edges[inside[-1] + 1]
                out.append(Rect(left, s.rect.y, right - left, s.rect.height))
        return out

    def block_rects(self, block: BlockId) -> list[Rect]:
        """One box per column the block (its lines, its photo) stands in."""
        columns: dict[tuple[str, int], Rect] = {}
        parts = [(s.item.region, s.item.column, s.rect) for s in self.lines_of(block)]
        parts += [
            (i.region, i.column, self.rect(i.box))
            for i in self.result.page.items
            if isinstance(i, ImageItem) and block in (i.block, i.block.of_item)
        ]
        for region, column, rect in parts:
            key = (region, column)
            columns[key] = columns[key].union(rect) if key in columns else rect
        return list(columns.values())

    def region_rect(self, name: str) -> Rect | None:
        region = self.result.layout.regions.get(name)
        return self.rect(region.box) if region is not None else None


def _offsets(text: str, lines: list[TextItem]) -> dict[int, tuple[int | None, ...]]:
    """Each glyph's offset in the block's text, found by walking the text along the lines as the audit does:
    a line break in the YAML is a space, and a space the composer dropped (before a unit) is skipped."""
    source = text.replace("\n", " ")
    pos, out = 0, {}
    for t in lines:
        found = []
        for g in t.glyphs:
            while pos < len(source) and source[pos] == " " and g.char != " ":
                pos += 1
            if source.startswith(g.char, pos):
                found.append(pos)
                pos += len(g.char)
            else:
                found.append(None)
        out[id(t)] = tuple(found)
    return out
