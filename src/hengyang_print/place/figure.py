"""An item's photo block in a flowed region: picture + caption → whole grid rows → an ImageItem (place.py sets the
caption lines).

Part of the place stage (place.py calls it); geometry comes from the layout's regions.items.item.image.
The picture is frame-wide; with `rows` set, the photo is scaled to cover that box and centred (aspect kept,
the overhang clipped), otherwise the box takes the photo's own aspect. The block always occupies a whole
number of grid rows so the body lines after it stay on the grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..blockid import BlockId
from ..compose import Setting, compose
from ..errors import BuildError
from ..i18n import _
from ..model import Box, ImageDesign, ImageItem, Layout, Line, Photo, Region, Style

EPS = 1e-6


@dataclass(frozen=True)
class Figure:
    block: BlockId  # items[3].image
    photo: Photo
    picture: float  # height of the picture box, points
    caption: tuple[Line, ...]
    rows: int  # grid rows the whole block occupies


def design_for(layout: Layout, region: Region, block: BlockId) -> ImageDesign:
    design = region.item.image
    if design is None:
        no_design = _(
            "{layout}: {key} has no 'image' design, but {item} carries a photo (add image: {{caption_style: …}} to"
            " say how photos are set, or remove the photo)"
        )
        raise BuildError(no_design.format(layout=layout.source, key=f"regions.{region.name}.item", item=block.of_item))
    return design


def compose_figure(layout: Layout, region: Region, body: Style, photo: Photo, block: BlockId, measure: float) -> Figure:
    design = design_for(layout, region, block)
    cap = layout.styles[design.caption_style]
    caption = (
        compose(photo.caption, Setting.of(cap, layout.fonts[cap.font], measure, indent=False, words=True))
        if photo.caption
        else ()
    )
    if design.rows:
        picture = design.rows * body.leading
    else:
        picture = measure * photo.height_px / photo.width_px
    gap = design.caption_gap if caption else 0.0
    rows = math.ceil((picture + gap + len(caption) * cap.leading) / body.leading - EPS)
    return Figure(block, photo, picture, caption, rows)


def place_figure(page, region: Region, figure: Figure, x: float, width: float, top: float, column: int) -> float:
    """Add the picture at the top of the block's rows (to page, a place.page.Sheet); returns the top of the caption
    (right under it)."""
    design = design_for(page.layout, region, figure.block)
    photo = figure.photo
    box = Box(x, top - figure.picture, width, figure.picture)
    scale = max(box.width / photo.width_px, box.height / photo.height_px)  # cover the box
    w, h = photo.width_px * scale, photo.height_px * scale
    image = Box(box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h)
    page.items.append(
        ImageItem(figure.block, box, image, photo.path, photo.width_px, photo.height_px, column, region.name)
    )
    shown = min(box.width / w, box.height / h)
    if shown < 1 - 1e-3:  # cropping loses part of the photo: say so
        if box.height < h - EPS:
            cropped = _("{block}: cropped to {rows} rows, {shown} of the photo's height shows")
        else:
            cropped = _("{block}: cropped to {rows} rows, {shown} of the photo's width shows")
        page.report.notes.append(cropped.format(block=figure.block, rows=design.rows, shown=f"{shown:.0%}"))
    return box.y - design.caption_gap


POINTS_PER_INCH = 72.0


def effective_ppi(width_px: int, height_px: int, width_pt: float, height_pt: float) -> float:
    """Pixels per inch on paper: the lower of the two directions (scaling is uniform, so they agree)."""
    return min(width_px / (width_pt / POINTS_PER_INCH), height_px / (height_pt / POINTS_PER_INCH))


def resolution_notes(layout: Layout, items) -> list[str]:
    """A note for every placed photo whose effective resolution is below its region's min_ppi."""
    notes = []
    for item in items:
        if not isinstance(item, ImageItem):
            continue
        design = layout.regions[item.region].item.image
        ppi = effective_ppi(item.width_px, item.height_px, item.image.width, item.image.height)
        if ppi < design.min_ppi:
            mm = 25.4 / POINTS_PER_INCH
            soft = _(
                "{block}: '{file}' is {pixels} px, set {size} mm: {ppi} ppi, below {least} ppi (it will print soft;"
                " supply a larger file or set it smaller)"
            )
            notes.append(
                soft.format(
                    block=item.block,
                    file=Path(item.path).name,
                    pixels=f"{item.width_px} × {item.height_px}",
                    size=f"{item.image.width * mm:.0f} × {item.image.height * mm:.0f}",
                    ppi=f"{ppi:.0f}",
                    least=f"{design.min_ppi:.0f}",
                )
            )
    return notes
