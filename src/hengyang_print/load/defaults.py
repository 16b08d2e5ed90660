"""Every value a layout may leave out, in one table: the key as the layout names it (`*` any name) → its
default. The loader takes defaults from here only; docs/03-layout.md's "Defaults" lists the same keys."""

from __future__ import annotations

MM = 72 / 25.4

DEFAULTS: dict[str, object] = {
    "styles.*.tracking": 0.0,  # em: none
    "styles.*.indent": 0.0,  # em: display text is not indented (body styles say 2)
    "styles.*.align": "justify",  # body text is justified; display styles say left/center/right
    "styles.*.loose_limit": 0.125,  # em: newspaper practice, at most ⅛ em added between two characters
    "styles.*.max_squeezed": None,  # a justified line may squeeze every mark it has by ½ em
    "regions.*.frames": 1,  # one text column
    "regions.*.frame_gap": 0.0,
    "regions.*.valign": "top",
    "regions.*.item.space_before": 1,  # grid rows before every item but a column's first
    "regions.*.item.space_after_header": 0,
    "regions.*.item.mirror": False,  # even items right to left (badge on the right) only if asked
    "regions.*.item.image.position": "after_header",
    "regions.*.item.image.rows": None,  # the picture takes the photo's own shape
    "regions.*.item.image.caption_gap": 0.0,
    "regions.*.item.image.space": 1,  # grid rows between the photo block and the text
    "regions.*.item.image.min_ppi": 200.0,  # below this a photo prints soft on newsprint (GWG 2015)
    "regions.*.fit.looseness": 0,  # no paragraph set longer or shorter (伸行/缩行)
    "regions.*.fit.photo_rows": 0,  # photos keep their rows
    "regions.*.fit.space_before": None,  # the rows before an item header stay as the item design says
    "regions.*.fit.tracking": (0.0, 0.0),  # em: tracking stays as the style says
    "regions.*.fit.min_last_line": 4,  # characters: a paragraph set longer or shorter ends with no stub
    "overset.bar": 0.25,  # em of the overset style: the bar under an overset region
    "print.pdf_version": "1.3",  # PDF/X-1a:2001
    "print.output_condition": "IFRA26",  # the registered newsprint condition (ISO 12647-3)
    "print.registry_name": "http://www.color.org",
    "print.max_ink": 240.0,  # % total area coverage on newsprint (IFRA26)
    "print.bleed": 0.0,  # newspapers print no bleed
    "print.crop_marks": False,
    "print.black_overprint": True,  # 100 % K overprints
    "print.crop_marks.length": 5 * MM,  # conventional marks: 5 mm long,
    "print.crop_marks.offset": 2 * MM,  # starting 2 mm beyond the bleed edge,
    "print.crop_marks.weight": 0.25,  # 0.25 pt (InDesign's default)
}
