"""Photos: placement on the grid, DeviceCMYK in the PDF, resolution notes, and clear errors for bad files.

Every image is generated here with Pillow; content files are written next to them in tmp_path.
"""

from __future__ import annotations

from dataclasses import replace

import pdfplumber
import pikepdf
import pytest
import yaml
from PIL import Image

from hengyang_print.cli.common import DEFAULT_CONTENT, ROOT
from hengyang_print.draw.photos import cmyk_image
from hengyang_print.errors import BuildError
from hengyang_print.load.photos import probe
from hengyang_print.model import ImageItem
from hengyang_print.place.figure import effective_ppi
from hengyang_print.place.page import place_page
from hengyang_print.run.build import build, make_page

TABLOID = ROOT / "layout" / "tabloid.yaml"
BROADSHEET = ROOT / "layout" / "broadsheet.yaml"
CAPTION = "湘江岸边的步道（测试图）"


def page_with_photo(
    tmp_path,
    photo: Image.Image | bytes | None,
    name: str = "pics/photo.png",
    caption: str | None = CAPTION,
    item: int = 1,
):
    """The default content cut to three items (room for a photo), items[item] carrying `name`; returns the content path.
    The page is short, so these tests set it with fit=False (as written, no flush columns demanded)."""
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    data["items"] = data["items"][:3]
    data["items"][item]["image"] = {"path": name} | ({"caption": caption} if caption else {})
    folder = tmp_path / "page"
    file = folder / name
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(photo, Image.Image):
        photo.save(file)
    elif isinstance(photo, bytes):
        file.write_bytes(photo)
    content = folder / "content.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def rgb(size=(900, 600), colour=(200, 30, 30)) -> Image.Image:
    return Image.new("RGB", size, colour)


def photos(page) -> list[ImageItem]:
    return [i for i in page.items if isinstance(i, ImageItem)]


# ---------------------------------------------------------------- placement


def test_photo_is_frame_wide_on_whole_rows_with_its_caption_under_it(tmp_path):
    content = page_with_photo(tmp_path, rgb())
    _, layout, page, report = make_page(content, BROADSHEET, fit=False)
    (photo,) = photos(page)
    assert str(photo.block) == "items[1].image"
    assert photo.path == str(tmp_path / "page" / "pics" / "photo.png")  # relative to the content file, not the cwd
    body = layout.styles["body"]
    texts = page.texts()
    column = [t for t in texts if t.column == photo.column and str(t.block).startswith("items[1].body")]
    # frame-wide: the picture spans exactly the measure of the body lines in its column
    assert photo.box.x == pytest.approx(column[0].x)
    assert photo.box.width == pytest.approx(column[0].measure)
    # the layout asks for 9 rows: the picture box is 9 grid rows tall, the photo covers it with its aspect kept
    design = layout.regions["items"].item.image
    assert photo.box.height == pytest.approx(design.rows * body.leading)
    assert photo.image.width / photo.image.height == pytest.approx(900 / 600)
    assert photo.image.x <= photo.box.x and photo.image.right >= photo.box.right
    assert photo.image.height == pytest.approx(photo.box.height)
    # the caption: its own style, right under the picture, in the frame
    caption = [t for t in texts if str(t.block) == "items[1].image.caption"]
    assert "".join(t.text for t in caption) == CAPTION
    cap_style = layout.styles[design.caption_style]
    assert caption[0].size == cap_style.size and caption[0].font == layout.fonts[cap_style.font]
    line_box_top = photo.box.y - design.caption_gap  # the layout's gap, then the caption's first line box
    assert line_box_top - cap_style.leading < caption[0].baseline < line_box_top - cap_style.size / 2
    # the body after the photo stays on the grid of its column: baselines differ by whole rows
    grid = [t.baseline for t in texts if t.column == photo.column and t.style == "body"]
    steps = [(grid[0] - b) / body.leading for b in grid]
    assert all(abs(s - round(s)) < 1e-6 for s in steps)
    first_after = max(t.baseline for t in column)  # the first body line of the item sits below photo and caption
    assert first_after < caption[-1].baseline - cap_style.size


def test_without_rows_the_picture_takes_the_photos_own_aspect(tmp_path):
    content = page_with_photo(tmp_path, rgb((600, 800)))
    _, layout, _, _ = make_page(content, TABLOID, fit=False)
    design = replace(layout.regions["items"].item.image, rows=None)
    item = replace(layout.regions["items"].item, image=design)
    layout = replace(layout, regions=layout.regions | {"items": replace(layout.regions["items"], item=item)})
    from hengyang_print.load.loader import load_content

    page, report = place_page(load_content(content), layout, fit=False)
    (photo,) = photos(page)
    for a, b in zip(vars(photo.box).values(), vars(photo.image).values()):
        assert a == pytest.approx(b)  # nothing cropped
    assert photo.box.height / photo.box.width == pytest.approx(800 / 600)
    assert not any("cropped" in r for r in report.notes)


def test_cropping_to_rows_is_reported(tmp_path):
    content = page_with_photo(tmp_path, rgb((900, 600)))
    _, _, page, report = make_page(content, BROADSHEET, fit=False)
    (note,) = [r for r in report.notes if "cropped" in r]
    assert note.startswith("items[1].image")
    (photo,) = photos(page)
    shown = photo.box.width / photo.image.width
    assert f"{shown:.0%}" in note


def test_a_layout_without_an_image_design_refuses_the_photo(tmp_path):
    content = page_with_photo(tmp_path, rgb())
    from hengyang_print.load.loader import load_content, load_layout

    layout = load_layout(TABLOID)
    item = replace(layout.regions["items"].item, image=None)
    layout = replace(layout, regions=layout.regions | {"items": replace(layout.regions["items"], item=item)})
    with pytest.raises(BuildError) as err:
        place_page(load_content(content), layout, fit=False)
    assert "regions.items.item has no 'image' design" in str(err.value) and "items[1]" in str(err.value)


# ---------------------------------------------------------------- the PDF


def test_the_pdf_carries_the_photo_as_devicecmyk_where_the_display_list_puts_it(tmp_path):
    content = page_with_photo(tmp_path, rgb((300, 200), (255, 0, 0)))
    result = build(content, TABLOID, fit=False)
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(result.pdf)
    (photo,) = photos(result.page)
    with pikepdf.open(pdf) as doc:
        xobjects = [x for x in doc.pages[0].Resources.XObject.values() if x.Subtype == pikepdf.Name.Image]
        assert len(xobjects) == 1
        x = xobjects[0]
        assert x.ColorSpace == pikepdf.Name.DeviceCMYK  # no ICCBased, no RGB
        assert (int(x.Width), int(x.Height)) == (300, 200)
        pixels = pikepdf.PdfImage(x).as_pil_image()
        assert pixels.mode == "CMYK"
        assert pixels.getpixel((150, 100)) == (0, 255, 255, 0)  # pure red: magenta + yellow, no black
    with pdfplumber.open(pdf) as doc:
        (placed,) = doc.pages[0].images
        height = float(doc.pages[0].height)
        assert placed["x0"] == pytest.approx(photo.image.x, abs=0.05)
        assert placed["x1"] == pytest.approx(photo.image.right, abs=0.05)
        assert height - placed["bottom"] == pytest.approx(photo.image.y, abs=0.05)
        assert height - placed["top"] == pytest.approx(photo.image.top, abs=0.05)
        text = "".join(c["text"] for c in doc.pages[0].chars)
    assert CAPTION in text


def test_same_photo_same_bytes(tmp_path):
    content = page_with_photo(tmp_path, rgb())
    assert build(content, TABLOID, fit=False).pdf == build(content, TABLOID, fit=False).pdf


# ---------------------------------------------------------------- resolution


def test_a_small_photo_gets_a_resolution_note_and_a_large_one_none(tmp_path):
    content = page_with_photo(tmp_path / "small", rgb((120, 80)))
    _, layout, page, report = make_page(content, TABLOID, fit=False)
    (photo,) = photos(page)
    ppi = 120 / (photo.image.width / 72)
    (note,) = [r for r in report.notes if "ppi" in r]
    assert note.startswith("items[1].image: 'photo.png' is 120 × 80 px")
    assert f"{ppi:.0f} ppi, below 200 ppi" in note
    content = page_with_photo(tmp_path / "large", rgb((1200, 800)))
    _, _, page, report = make_page(content, TABLOID, fit=False)
    assert not [r for r in report.notes if "ppi" in r]


def test_effective_ppi_is_pixels_per_inch_on_paper():
    assert effective_ppi(600, 400, 216, 144) == pytest.approx(200)  # 3 × 2 inches
    assert effective_ppi(600, 400, 432, 288) == pytest.approx(100)


# ---------------------------------------------------------------- bad files


def error_of(content) -> str:
    with pytest.raises(BuildError) as err:
        make_page(content, TABLOID, fit=False)
    return str(err.value)


def test_a_missing_photo_names_the_content_file_the_block_and_the_path(tmp_path):
    content = page_with_photo(tmp_path, None, name="pics/absent.jpg")
    message = error_of(content)
    assert str(content) in message
    assert "items[1].image.path" in message and "pics/absent.jpg" in message and "not found" in message
    lines = content.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "pics/absent.jpg" in text)
    assert f"{content}:{line}:" in message  # FILE:LINE:COL of the path


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"this is not a picture", "not a readable image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "not a readable image"),  # a JPEG header and nothing else
    ],
)
def test_an_unreadable_photo_fails_clearly(tmp_path, data, reason):
    content = page_with_photo(tmp_path, data, name="pics/broken.jpg")
    message = error_of(content)
    assert str(content) in message and "items[1].image.path" in message and "pics/broken.jpg" in message
    assert reason in message


def test_a_truncated_png_fails_at_load(tmp_path):
    good = tmp_path / "good.png"
    Image.effect_noise((400, 300), 60).convert("RGB").save(good)
    content = page_with_photo(tmp_path, good.read_bytes()[:2000], name="cut.png")
    assert "items[1].image.path: cannot use image 'cut.png': not a readable image" in error_of(content)


def test_an_unsupported_format_is_named(tmp_path):
    gif = tmp_path / "x.gif"
    rgb((50, 50)).save(gif)
    content = page_with_photo(tmp_path, gif.read_bytes(), name="anim.gif")
    assert "GIF images are not supported" in error_of(content)


def test_a_photo_outside_the_project_is_refused(tmp_path):
    content = page_with_photo(tmp_path, rgb(), name="../../../outside.png")
    assert "items[1].image.path" in error_of(content) and "outside the project folder" in error_of(content)


# ---------------------------------------------------------------- separation


def cmyk_of(tmp_path, im: Image.Image, name="x.png") -> Image.Image:
    path = tmp_path / name
    im.save(path)
    return cmyk_image(path)


def test_grey_prints_in_black_only(tmp_path):
    out = cmyk_of(tmp_path, Image.new("L", (4, 4), 64))
    assert out.getpixel((0, 0)) == (0, 0, 0, 191)
    out = cmyk_of(tmp_path, rgb((4, 4), (128, 128, 128)), "g.png")
    assert out.getpixel((0, 0)) == (0, 0, 0, 127)


def test_transparency_is_paper(tmp_path):
    out = cmyk_of(tmp_path, Image.new("RGBA", (4, 4), (0, 0, 0, 0)))
    assert out.getpixel((0, 0)) == (0, 0, 0, 0)


def test_cmyk_files_pass_through(tmp_path):
    out = cmyk_of(tmp_path, Image.new("CMYK", (4, 4), (10, 20, 30, 40)), "c.tif")
    assert out.getpixel((0, 0)) == (10, 20, 30, 40)


@pytest.mark.parametrize(
    "colour", [(0, 0, 0), (0, 0, 255), (30, 20, 10), (255, 255, 0), (12, 200, 90), (255, 255, 255)]
)
def test_separation_stays_within_the_newsprint_ink_limit(tmp_path, colour):
    c, m, y, k = cmyk_of(tmp_path, rgb((2, 2), colour)).getpixel((0, 0))
    assert (c + m + y + k) / 255 * 100 <= 200 + 0.5  # ≤ 240 % on newsprint (print-pdf.md)
    assert min(c, m, y) == 0  # full grey-component replacement: the grey part is in K
    # and it is the same colour in the naive model: ink + black = 255 - channel
    assert [min(255, v + k) for v in (c, m, y)] == [255 - v for v in colour]


def test_exif_orientation_is_applied(tmp_path):
    im = rgb((300, 100))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° on display
    path = tmp_path / "turned.jpg"
    im.save(path, exif=exif)
    assert probe(path) == (100, 300, ())
    assert cmyk_image(path).size == (100, 300)


def test_a_photo_that_does_not_fit_is_overset_by_name(tmp_path):
    """The full default page has no room for a photo: the build fails; allowed, the photo is listed as overset."""
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    Image.new("RGB", (900, 600), (0, 90, 160)).save(tmp_path / "p.png")
    data["items"][-1]["image"] = {"path": "p.png", "caption": CAPTION}
    content = tmp_path / "content.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    from hengyang_print.load.loader import load_content, load_layout

    layout = load_layout(TABLOID)
    item = replace(
        layout.regions["items"].item, image=replace(layout.regions["items"].item.image, position="after_body")
    )
    layout = replace(layout, regions=layout.regions | {"items": replace(layout.regions["items"], item=item)})
    with pytest.raises(BuildError, match="overset"):
        place_page(load_content(content), layout, fit=False)
    page, report = place_page(load_content(content), layout, allow_overset=True, fit=False)
    last = len(data["items"]) - 1
    over = [str(o.block) for o in report.overset]
    assert f"items[{last}].image" in over and f"items[{last}].image.caption" in over
    assert not photos(page)  # nothing is drawn over the foot of the column


def test_an_overset_captioned_photo_is_marked_whole_and_the_page_builds(tmp_path):
    """The photo's rows and its caption (a block of the text layer) are overset under one name: the
    read-back does not miss the caption (it once did: place said items[9].image, the blocks items[9].caption)."""
    data = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    Image.new("RGB", (900, 600), (0, 90, 160)).save(tmp_path / "p.png")
    data["items"][9]["image"] = {"path": "p.png", "caption": CAPTION}
    content = tmp_path / "content.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(content, TABLOID, allow_overset=True)
    over = {str(o.block) for o in result.report.overset}
    assert {"items[9].image", "items[9].image.caption"} <= over
    assert CAPTION not in "".join(t.text for t in result.page.texts())
