"""Diff two versions of a page (PDFs, or content files built first): changed blocks, characters, changed regions.

Both sides are read the same way, from the PDF (pdfglyphs.py, as the audit reads it): every character with its font, size and
baseline; the layout's styles name each line's role, and the page grammar (credits, headline, byline,
keyword, intro, then per item number → date → headline → body) names its block, e.g. items[3].body.
Paragraphs of one body count as one block. The image is the new page, faded, with changed regions in red.
"""

from __future__ import annotations

import difflib
from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple

from PIL import Image, ImageChops, ImageDraw

from ..blockid import BlockId
from ..model import Box, Layout
from .pdfglyphs import face_names, read_glyphs
from .proof import render_image

MM = 72 / 25.4
THRESHOLD = 40  # grey levels: anti-aliasing noise stays below, a moved glyph does not
CELL_MM = 2.0  # changed pixels closer than about this merge into one region
MERGE_MM = (2.0, 5.0)  # regions closer than this (across, down) merge: the lines of one paragraph, not two columns
CONTEXT = 6  # characters of unchanged text shown around a change


@dataclass
class Side:
    label: str
    pdf: bytes
    blocks: dict[str, str] = field(default_factory=dict)  # block -> text, in reading order
    boxes: dict[str, list[Box]] = field(default_factory=dict)  # block -> line boxes, trim coordinates in points
    height: float = 0.0  # trim height in points


@dataclass(frozen=True)
class BlockChange:
    block: str
    added: int
    removed: int
    snippets: tuple[str, ...]


@dataclass(frozen=True)
class ChangedRegion:
    box: Box  # in mm from the top left of the trimmed page
    blocks: tuple[str, ...]


@dataclass
class Diff:
    changed: list[BlockChange]
    added: list[str]
    removed: list[str]
    regions: list[ChangedRegion]
    image: Image.Image

    @property
    def identical(self) -> bool:
        return not (self.changed or self.added or self.removed or self.regions)


# ---------------------------------------------------------------- reading a PDF


class Role(NamedTuple):
    phase: int  # the region's place in the layout: the page is drawn, and read, region by region
    field: str  # the content field
    part: str  # of an item or the keyword; "" for a whole field


def read_side(label: str, pdf: bytes, layout: Layout) -> Side:
    """Lines from the PDF's text layer, each given to its block by its style and the page grammar."""
    roles: dict[tuple[str, float], list[Role]] = {}  # (font, size) -> roles set in it, in page order
    for role, style in _roles(layout):
        s = layout.styles[style]
        region = layout.region_for(role.field) if role.field == "headline" else None
        sizes = (region.headline.sizes if region and region.headline else ()) or (s.size,)  # a headline steps down
        for name in face_names(layout.fonts[s.font]):
            for size in sizes:
                roles.setdefault((name, round(size, 2)), []).append(role)
    side = Side(label, pdf)
    item, phase = -1, 0
    for font, size, text, box in _lines(pdf, side):
        # the page reads in a fixed order: of the roles this font and size serve, take the first not behind us
        candidates = roles.get((font, round(size, 2)))
        if not candidates:
            block = f"{font} {size:g}pt"  # text the layout does not set
        else:
            role = next((r for r in candidates if r.phase >= phase), candidates[-1])
            phase = max(phase, role.phase)
            if text.startswith("▲超版"):
                block = "overset"
            elif role.field == "items":
                item += role.part == "number"
                block = str(BlockId("items", max(item, 0), role.part))
            else:
                block = str(BlockId(role.field, part=role.part))
        side.blocks[block] = side.blocks.get(block, "") + text
        side.boxes.setdefault(block, []).append(box)
    return side


def _roles(layout: Layout) -> list[tuple[Role, str]]:
    """(role, style) in the order the page reads: region by region, as the layout lists them."""
    roles = []
    for phase, region in enumerate(layout.regions.values()):
        if region.kind == "display":
            design = region.headline
            if design and design.kicker_style:
                roles.append((Role(phase, "kicker", ""), design.kicker_style))
            roles.append((Role(phase, region.content, ""), region.style))
            if design and design.subhead_style:
                roles.append((Role(phase, "subhead", ""), design.subhead_style))
        elif region.kind == "keyword":
            kw = region.keyword
            roles += [
                (Role(phase, "keyword", p), style)
                for p, style in (("label", kw.label_style), ("number", kw.number_style), ("word", kw.word_style))
            ]
        elif region.kind == "flow":
            roles.append((Role(phase, "intro", ""), region.style))
        elif region.kind == "items":
            design = region.item
            roles += [
                (Role(phase, "items", p), style)
                for p, style in (
                    ("number", design.badge.style),
                    ("date", design.date_style),
                    ("headline", design.headline_style),
                )
            ]
            if design.image:
                roles.append((Role(phase, "items", "caption"), design.image.caption_style))
            roles.append((Role(phase, "items", "body"), region.style))
    return roles


def _lines(pdf: bytes, side: Side):
    """(font, size, text, box) per line: characters of one font and size on one baseline, left to right."""
    side.height, glyphs = read_glyphs(pdf)
    current = None
    for g in glyphs:
        if (
            current
            and (current[0], round(current[1], 2)) == (g.font, round(g.size, 2))
            and abs(current[4] - g.baseline) < 0.1
            and g.x0 >= current[5] - 0.1
        ):
            current[2] += g.text
            current[5] = g.x0
            current[3] = max(current[3], g.x0 + g.size)
            current[7], current[8] = min(current[7], g.bottom), max(current[8], g.top)
            continue
        if current:
            yield _line(current)
        # font, size, text, right, baseline, last x, first x, bottom, top
        current = [g.font, g.size, g.text, g.x0 + g.size, g.baseline, g.x0, g.x0, g.bottom, g.top]
    if current:
        yield _line(current)


def _line(c) -> tuple[str, float, str, Box]:
    font, size, text, right, _, _, first, bottom, top = c
    return font, size, text, Box(first, bottom, right - first, top - bottom)  # the face's own ascent and descent


# ---------------------------------------------------------------- comparing


def compare(old: Side, new: Side, dpi: float = 50) -> Diff:
    changed = []
    for block in new.blocks:
        if block in old.blocks and old.blocks[block] != new.blocks[block]:
            changed.append(_change(block, old.blocks[block], new.blocks[block]))
    added = [b for b in new.blocks if b not in old.blocks]
    removed = [b for b in old.blocks if b not in new.blocks]
    a, b = render_image(old.pdf, dpi).convert("L"), render_image(new.pdf, dpi).convert("L")
    size = (max(a.width, b.width), max(a.height, b.height))
    a, b = _pad(a, size), _pad(b, size)
    mask = ImageChops.difference(a, b).point(lambda v: 255 if v > THRESHOLD else 0)
    boxes = _merge(_regions(mask, max(2, round(CELL_MM * MM * dpi / 72))), *(m * MM * dpi / 72 for m in MERGE_MM))
    scale = 72 / dpi / MM  # pixels -> mm
    regions = [
        ChangedRegion(
            Box(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale),
            _blocks_in(old, new, (x0, y0, x1, y1), dpi),
        )
        for x0, y0, x1, y1 in boxes
    ]
    return Diff(changed, added, removed, regions, _highlight(b, mask, boxes))


def _change(block: str, old: str, new: str) -> BlockChange:
    added = removed = 0
    snippets = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed += i2 - i1
        added += j2 - j1
        before, after = old[max(0, i1 - CONTEXT) : i1], old[i2 : i2 + CONTEXT]
        gone = f"[-{old[i1:i2]}-]" if i2 > i1 else ""
        came = f"{{+{new[j1:j2]}+}}" if j2 > j1 else ""
        snippets.append(f"…{before}{gone}{came}{after}…")
    return BlockChange(block, added, removed, tuple(snippets))


def _pad(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    canvas = Image.new("L", size, 255)
    canvas.paste(image, (0, 0))
    return canvas


def _regions(mask: Image.Image, cell: int) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (pixels) of groups of changed cells; cells that touch, corners included, are one group."""
    w, h = -(-mask.width // cell), -(-mask.height // cell)
    small = mask.resize((w, h), Image.Resampling.BOX)  # a cell with any changed pixel is non-zero
    data = small.load()
    seen: set[tuple[int, int]] = set()
    boxes = []
    for cy in range(h):
        for cx in range(w):
            if not data[cx, cy] or (cx, cy) in seen:
                continue
            queue, x0, y0, x1, y1 = deque([(cx, cy)]), cx, cy, cx, cy
            seen.add((cx, cy))
            while queue:
                px, py = queue.popleft()
                x0, y0, x1, y1 = min(x0, px), min(y0, py), max(x1, px), max(y1, py)
                for nx in (px - 1, px, px + 1):
                    for ny in (py - 1, py, py + 1):
                        if 0 <= nx < w and 0 <= ny < h and data[nx, ny] and (nx, ny) not in seen:
                            seen.add((nx, ny))
                            queue.append((nx, ny))
            boxes.append((x0 * cell, y0 * cell, min(mask.width, (x1 + 1) * cell), min(mask.height, (y1 + 1) * cell)))
    return boxes


def _merge(boxes: list[tuple], gap_x: float, gap_y: float) -> list[tuple]:
    """Join boxes whose gaps are at most gap_x across and gap_y down, until none can join; top to bottom, left to right."""
    boxes = list(boxes)
    joined = True
    while joined:
        joined = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if b[0] - a[2] <= gap_x and a[0] - b[2] <= gap_x and b[1] - a[3] <= gap_y and a[1] - b[3] <= gap_y:
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    joined = True
                    break
            if joined:
                break
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def _blocks_in(old: Side, new: Side, box: tuple[int, int, int, int], dpi: float) -> tuple[str, ...]:
    """Blocks of either side with a line inside the region (pixel box, top-left origin)."""
    page_h = max(old.height, new.height)
    k = dpi / 72
    hits = []
    for side in (new, old):
        for block, lines in side.boxes.items():
            for b in lines:
                x0, x1, y0, y1 = b.x * k, b.right * k, (page_h - b.top) * k, (page_h - b.y) * k
                if x0 < box[2] and x1 > box[0] and y0 < box[3] and y1 > box[1] and block not in hits:
                    hits.append(block)
    return tuple(hits)


def _highlight(new: Image.Image, mask: Image.Image, boxes) -> Image.Image:
    """The new page faded to grey, changed pixels red, each changed region outlined and tinted."""
    faded = Image.blend(new.convert("RGB"), Image.new("RGB", new.size, "white"), 0.55)
    tint = Image.new("RGBA", new.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(tint)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=(255, 40, 40, 50), outline=(220, 0, 0, 255), width=2)
    out = Image.alpha_composite(faded.convert("RGBA"), tint)
    out.paste((200, 0, 0, 255), (0, 0), mask)
    return out.convert("RGB")


# ---------------------------------------------------------------- report


def report(diff: Diff, old: str, new: str) -> str:
    if diff.identical:
        return f"no changes ({old} → {new})"
    out = [f"{len(diff.changed)} blocks changed, {len(diff.added)} added, {len(diff.removed)} removed ({old} → {new})"]
    for c in diff.changed:
        out.append(f"{c.block}: +{c.added} −{c.removed} characters")
        out += [f"    {s}" for s in c.snippets]
    out += [f"added {b}" for b in diff.added]
    out += [f"removed {b}" for b in diff.removed]
    out.append(f"{len(diff.regions)} changed regions (mm from the page's top left):")
    for n, r in enumerate(diff.regions, 1):
        b = r.box
        out.append(
            f"  {n}. x {b.x:.0f}–{b.right:.0f}, y {b.y:.0f}–{b.top:.0f}: {', '.join(r.blocks) or 'no text (graphics)'}"
        )
    return "\n".join(out)
