"""Compare two versions of a page: changed blocks and characters, changed lines apart from reflowed ones,
differing fitting adjustments, changed regions. `hengyang-print diff` and the proof room show this one comparison.

A side is the page's lines, each with its block and box, read from a built page's display list (side_of_build:
exact, with the fitting's adjustments) or from a PDF (read_side: pdfglyphs.py, as the audit reads it; the
layout's styles name each line's role, and the page grammar — credits, headline, byline, keyword, intro, then
per item number → date → headline → body — names its block). Both give the same lines; the paragraphs of one
body are one block (items[3].body). A line of the new page is *changed* when characters were added to it or
removed at it, *moved* when the edit did not touch its text but it was set again elsewhere (reflow). The image
is the new page, faded, with the regions whose pixels changed in red.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from PIL import Image, ImageChops, ImageDraw

from ..blockid import BlockId
from ..fonts import metrics
from ..i18n import _
from ..model import Box, Layout
from .pdfglyphs import face_names, read_glyphs
from .proof import png_bytes, render_image

MM = 72 / 25.4
THRESHOLD = 40  # grey levels: anti-aliasing noise stays below, a moved glyph does not
CELL_MM = 2.0  # changed pixels closer than about this merge into one region
MERGE_MM = (2.0, 5.0)  # regions closer than this (across, down) merge: the lines of one paragraph, not two columns
CONTEXT = 6  # characters of unchanged text shown around a change
SAME_PLACE = 1  # decimals of a point: a line set within 0.05 pt of where it was has not moved


@dataclass(frozen=True)
class PageLine:
    block: str  # the block's family: items[3].body (the paragraphs of a body are one block), or overset
    text: str
    box: Box  # points, origin at the trimmed page's bottom left (as the display list)


@dataclass
class Side:
    label: str
    pdf: bytes
    height: float = 0.0  # trim height in points
    lines: list[PageLine] = field(default_factory=list)  # in reading order
    adjustments: dict[tuple[str, str], float] | None = None  # (block, what) -> amount; None: unknown (a PDF's)

    @property
    def blocks(self) -> dict[str, str]:
        """Each block's text, in reading order."""
        out: dict[str, str] = {}
        for line in self.lines:
            out[line.block] = out.get(line.block, "") + line.text
        return out


@dataclass(frozen=True)
class BlockChange:
    block: str
    added: int
    removed: int
    snippets: tuple[str, ...]


@dataclass(frozen=True)
class LineChange:
    """A line of the new page that is not as it was: `changed` (characters added or removed there) or `moved`
    (its text untouched by the edit, set again elsewhere or broken elsewhere: reflow)."""

    block: str
    state: str  # changed | moved
    box: Box  # mm from the trimmed page's top left, on the new page
    text: str  # the line as set now
    removed: str = ""  # characters removed at this line
    added: str = ""  # characters of this line that are new


@dataclass(frozen=True)
class AdjustmentChange:
    """A fitting adjustment (place/fit.py) that one version made and the other did not, or made otherwise."""

    block: str  # items[3].body[0], items[4], items[3].image
    what: str  # looseness | tracking | space_before | photo_rows
    old: float | None
    new: float | None


@dataclass(frozen=True)
class ChangedRegion:
    box: Box  # in mm from the top left of the trimmed page
    blocks: tuple[str, ...]


@dataclass
class Diff:
    changed: list[BlockChange]
    added: list[str]
    removed: list[str]
    lines: list[LineChange]
    adjustments: list[AdjustmentChange] | None  # None: a side read from a PDF, which carries none
    regions: list[ChangedRegion] = field(default_factory=list)  # from the pixels, when compared with an image
    image: Image.Image | None = None

    @property
    def identical(self) -> bool:
        return not (self.changed or self.added or self.removed or self.lines or self.adjustments or self.regions)

    @property
    def changed_lines(self) -> list[LineChange]:
        return [line for line in self.lines if line.state == "changed"]


# ---------------------------------------------------------------- a side from a built page


def side_of_build(label: str, result) -> Side:
    """The lines of a built page (run.build.Result) from its display list, boxed as the PDF reader boxes them
    (the face's ascent and descent), with the fitting's adjustments."""
    lines = []
    for t in result.page.texts():
        block = "overset" if t.block.part == "overset" else str(t.block.family)
        # from the first glyph's origin, as a PDF reader sees it: an indent is no part of the box
        face, left = metrics(t.font), t.x + (t.glyphs[0].x + t.glyphs[0].ink_dx if t.glyphs else 0.0)
        box = Box(left, t.baseline - face.descent * t.size, t.right - left, (face.ascent + face.descent) * t.size)
        lines.append(PageLine(block, t.text, box))
    adjustments = {(str(a.block), a.what): a.amount for a in result.report.adjustments}
    return Side(label, result.pdf, result.page.trim.height, lines, adjustments)


# ---------------------------------------------------------------- a side from a PDF


class Role(NamedTuple):
    phase: int  # the region's place in the layout: the page is drawn, and read, region by region
    field: str  # the content field
    part: str  # of an item or the keyword; "" for a whole field


def read_side(label: str, pdf: bytes, layout: Layout) -> Side:
    """Lines from the PDF's text layer, each given to its block by its style and the page grammar; a PDF
    carries no fitting adjustments."""
    roles: dict[tuple[str, float], list[Role]] = {}  # (font, size) -> roles set in it, in page order
    for role, style in _roles(layout):
        s = layout.styles[style]
        region = layout.region_for(role.field) if role.field == "headline" else None
        sizes = (region.headline.sizes if region and region.headline else ()) or (s.size,)  # a headline steps down
        for name in face_names(layout.fonts[s.font]):
            for size in sizes:
                roles.setdefault((name, round(size, 2)), []).append(role)
    side = Side(label, pdf)
    side.height, glyphs = read_glyphs(pdf)
    item, phase = -1, 0
    for font, size, text, box in _lines(glyphs):
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
        side.lines.append(PageLine(block, text, box))
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


def _lines(glyphs):
    """(font, size, text, box) per line: characters of one font and size on one baseline, left to right."""
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


def compare(old: Side, new: Side, dpi: float | None = 50) -> Diff:
    """The comparison; with `dpi`, also the changed regions of the two pages rendered at it, and the image."""
    before, after = old.blocks, new.blocks
    changed = [_change(b, before[b], after[b]) for b in after if b in before and before[b] != after[b]]
    added = [b for b in after if b not in before]
    removed = [b for b in before if b not in after]
    diff = Diff(changed, added, removed, _line_changes(old, new), _adjustment_changes(old, new))
    if dpi is not None:
        diff.regions, diff.image = _pixel_changes(old, new, dpi)
    return diff


def _change(block: str, old: str, new: str) -> BlockChange:
    added = removed = 0
    snippets = []
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        if op == "equal":
            continue
        removed += i2 - i1
        added += j2 - j1
        before, after = old[max(0, i1 - CONTEXT) : i1], old[i2 : i2 + CONTEXT]
        gone = f"[-{old[i1:i2]}-]" if i2 > i1 else ""
        came = f"{{+{new[j1:j2]}+}}" if j2 > j1 else ""
        snippets.append(f"…{before}{gone}{came}{after}…")
    return BlockChange(block, added, removed, tuple(snippets))


def _opcodes(old: str, new: str) -> list[tuple]:
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _line_changes(old: Side, new: Side) -> list[LineChange]:
    """The new page's lines that are not as they were, in reading order: each edit is put on the lines that
    hold its added characters (a removal on the line where the text closes up); a line the edits did not
    touch has moved unless the old page has the same text in the same place."""
    before = old.blocks
    unmoved = {(line.block, line.text, _place(line.box)) for line in old.lines}
    by_block: dict[str, list[PageLine]] = {}
    for line in new.lines:
        by_block.setdefault(line.block, []).append(line)
    out = []
    for block, lines in by_block.items():
        edits = _edits(before.get(block, ""), lines)
        for i, line in enumerate(lines):
            removed, added = edits.get(i, ("", ""))
            if removed or added:
                state = "changed"
            elif (block, line.text, _place(line.box)) in unmoved:
                continue
            else:
                state = "moved"
            out.append(LineChange(block, state, _mm(line.box, new.height), line.text, removed, added))
    return out


def _edits(old: str, lines: list[PageLine]) -> dict[int, tuple[str, str]]:
    """Per line of a block's new lines: (characters removed there, characters added on it)."""
    text = "".join(line.text for line in lines)
    starts = [0, *accumulate(len(line.text) for line in lines)][:-1]
    removed: dict[int, str] = {}
    added: dict[int, str] = {}
    for op, i1, i2, j1, j2 in _opcodes(old, text):
        if op == "equal":
            continue
        first = min(bisect_right(starts, j1) - 1, len(lines) - 1)
        removed[first] = removed.get(first, "") + old[i1:i2]
        for k in range(first, len(lines)):
            start = starts[k]
            end = start + len(lines[k].text)
            if start >= j2:
                break
            if end > j1:
                added[k] = added.get(k, "") + text[max(j1, start) : min(j2, end)]
    return {k: (removed.get(k, ""), added.get(k, "")) for k in removed.keys() | added.keys()}


def _place(box: Box) -> tuple[float, float, float]:
    return round(box.x, SAME_PLACE), round(box.y, SAME_PLACE), round(box.width, SAME_PLACE)


def _mm(box: Box, height: float) -> Box:
    """A box in points from the bottom left → mm from the top left."""
    return Box(box.x / MM, (height - box.top) / MM, box.width / MM, box.height / MM)


def _adjustment_changes(old: Side, new: Side) -> list[AdjustmentChange] | None:
    if old.adjustments is None or new.adjustments is None:
        return None
    out = []
    for key in dict.fromkeys([*new.adjustments, *old.adjustments]):
        a, b = old.adjustments.get(key), new.adjustments.get(key)
        if a is None or b is None or abs(a - b) > 1e-9:
            out.append(AdjustmentChange(*key, a, b))
    return out


# ---------------------------------------------------------------- the pixels


def _pixel_changes(old: Side, new: Side, dpi: float) -> tuple[list[ChangedRegion], Image.Image]:
    """Regions where the two pages' pixels differ, with the blocks in them, and the new page with them in red."""
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
    return regions, _highlight(b, mask, boxes)


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
    """Join boxes whose gaps are at most gap_x across and gap_y down, until none can join; top to bottom, left to
    right."""
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
        for line in side.lines:
            b = line.box
            x0, x1, y0, y1 = b.x * k, b.right * k, (page_h - b.top) * k, (page_h - b.y) * k
            if x0 < box[2] and x1 > box[0] and y0 < box[3] and y1 > box[1] and line.block not in hits:
                hits.append(line.block)
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
    versions = f"{old} → {new}"
    if diff.identical:
        return _("no changes ({versions})").format(versions=versions)
    blocks = _("{changed} blocks changed, {added} added, {removed} removed ({versions})")
    out = [
        blocks.format(changed=len(diff.changed), added=len(diff.added), removed=len(diff.removed), versions=versions)
    ]
    for c in diff.changed:
        out.append(_("{block}: +{added} −{removed} characters").format(block=c.block, added=c.added, removed=c.removed))
        out += [f"    {s}" for s in c.snippets]
    out += [_("added {block}").format(block=b) for b in diff.added]
    out += [_("removed {block}").format(block=b) for b in diff.removed]
    changed = diff.changed_lines
    lines = _("{changed} lines changed, {moved} only moved (reflow):")
    out.append(lines.format(changed=len(changed), moved=len(diff.lines) - len(changed)))
    for line in changed:
        edit = " ".join(
            part
            for part in (f"−{line.removed}" if line.removed else "", f"+{line.added}" if line.added else "")
            if part
        )
        at = _("{block} at x {x}, y {y} mm: {edit}")
        out.append("  " + at.format(block=line.block, x=f"{line.box.x:.0f}", y=f"{line.box.y:.0f}", edit=edit))
    if diff.adjustments is None:
        out.append(
            "fitting: " + _("not compared (a PDF does not record the fitting's adjustments; compare content files)")
        )
    else:
        for a in diff.adjustments:
            out.append(f"fitting: {a.block} {a.what} {_amount(a.old)} → {_amount(a.new)}")
    if diff.image is not None:
        out.append(_("{count} changed regions (mm from the page's top left):").format(count=len(diff.regions)))
        for n, r in enumerate(diff.regions, 1):
            b = r.box
            where = ", ".join(r.blocks) or _("no text (graphics)")
            out.append(f"  {n}. x {b.x:.0f}–{b.right:.0f}, y {b.y:.0f}–{b.top:.0f}: {where}")
    return "\n".join(out)


def _amount(value: float | None) -> str:
    return _("none") if value is None else f"{value:+g}"


def image_png(diff: Diff) -> bytes:
    """The image of the changed regions as PNG bytes (marked as this tool's, for `clean`)."""
    return png_bytes(diff.image)


def as_json(diff: Diff) -> dict:
    """The comparison as data (schema/diff.schema.json), for `diff --format json` and the proof room's API."""
    return {
        "identical": diff.identical,
        "changed": [
            {"block": c.block, "added": c.added, "removed": c.removed, "snippets": list(c.snippets)}
            for c in diff.changed
        ],
        "added": list(diff.added),
        "removed": list(diff.removed),
        "lines": [
            {"block": line.block, "state": line.state, **_box_json(line.box), "text": line.text}
            | {"removed": line.removed, "added": line.added}
            for line in diff.lines
        ],
        "adjustments": None
        if diff.adjustments is None
        else [{"block": a.block, "what": a.what, "old": a.old, "new": a.new} for a in diff.adjustments],
        "regions": [{**_box_json(r.box), "blocks": list(r.blocks)} for r in diff.regions],
    }


def _box_json(box: Box) -> dict:
    return {
        "x_mm": round(box.x, 1),
        "y_mm": round(box.y, 1),
        "width_mm": round(box.width, 1),
        "height_mm": round(box.height, 1),
    }
