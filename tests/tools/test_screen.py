"""Screen proofs in the colours newsprint prints: the characterisation built from ISO 12647-3's aim values, read
back through LittleCMS, gives those values; the proof's photos and colours are converted by it."""

from __future__ import annotations

import io

import pikepdf
import pytest
from PIL import Image, ImageCms

from hengyang_print.paths import bundled, resolve_layout
from hengyang_print.run.build import build
from hengyang_print.tools import newsprint, proof, screen

# ISO 12647-3:2013 aim values (CIELAB, D50, black backing): what a solid or overprint must measure on the press
AIMS = {
    (0, 0, 0, 0): newsprint.PAPER,
    (1, 0, 0, 0): newsprint.NEWSPRINT["c"],
    (0, 1, 0, 0): newsprint.NEWSPRINT["m"],
    (0, 0, 1, 0): newsprint.NEWSPRINT["y"],
    (0, 0, 0, 1): newsprint.NEWSPRINT["k"],
    (0, 1, 1, 0): newsprint.NEWSPRINT["my"],
    (1, 0, 1, 0): newsprint.NEWSPRINT["cy"],
    (1, 1, 0, 0): newsprint.NEWSPRINT["cm"],
}


def _lab_through_littlecms(cmyk: tuple[float, ...]) -> tuple[float, float, float]:
    profile = ImageCms.ImageCmsProfile(io.BytesIO(newsprint.profile_bytes()))
    to_lab = ImageCms.buildTransform(
        profile, ImageCms.createProfile("LAB"), "CMYK", "LAB", renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC
    )
    tint = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    L, a, b = ImageCms.applyTransform(tint, to_lab).getpixel((0, 0))
    return L * 100 / 255, a - 128, b - 128


@pytest.mark.parametrize("cmyk", list(AIMS), ids=lambda c: "cmyk" + "".join(str(v) for v in c))
def test_the_profile_gives_the_aim_values_of_the_standard(cmyk):
    measured = _lab_through_littlecms(cmyk)
    delta_e = sum((a - b) ** 2 for a, b in zip(measured, AIMS[cmyk])) ** 0.5
    assert delta_e < 1.5, (measured, AIMS[cmyk])  # 8-bit Lab out of LittleCMS: about 1 unit of rounding


def test_a_tint_prints_darker_by_the_tone_value_increase():
    """A 40 % cyan prints as about 66 % (TVI 26 % at 40 %): its lightness lies two thirds of the way to the solid's."""
    paper, solid = newsprint.PAPER[0], newsprint.NEWSPRINT["c"][0]
    L = newsprint.lab(0.4, 0, 0, 0)[0]
    assert newsprint.printed_tone(0.4) == pytest.approx(0.66)
    assert paper - 0.75 * (paper - solid) < L < paper - 0.55 * (paper - solid)


def test_the_profile_is_the_same_bytes_every_time_and_an_icc_file_littlecms_reads():
    made = newsprint.profile_bytes.__wrapped__()
    assert made == newsprint.profile_bytes.__wrapped__() and made[36:40] == b"acsp" and made[16:24] == b"CMYKLab "
    assert ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(made))).strip() == newsprint.DESCRIPTION


def test_the_screen_pdf_has_no_cmyk_left_and_the_preview_shows_the_paper():
    """The 2019 page: colours and a CMYK photo; the screen PDF keeps none of its CMYK."""
    built = build(bundled("content", "hengyang-2019.yaml"), resolve_layout(None))
    screen_pdf = proof.screen_pdf(built.pdf)
    with pikepdf.open(io.BytesIO(screen_pdf)) as doc:
        page = doc.pages[0]
        images = [page.Resources.XObject[k] for k in page.Resources.XObject.keys()]
        assert images and all(i.ColorSpace == "/DeviceRGB" for i in images if i.Subtype == "/Image")
        assert not [op for _, op in pikepdf.parse_content_stream(page) if str(op) in ("k", "K")]
        assert "/OutputIntents" not in doc.Root
    preview = Image.open(io.BytesIO(proof.render_png(screen_pdf, 20))).convert("RGB")
    paper = tuple(round(v * 255) for v in screen.rgb(0, 0, 0, 0))
    corner = preview.getpixel((2, preview.height - 3))  # the foot margin: bare paper
    assert all(abs(a - b) <= 2 for a, b in zip(corner, paper)) and paper[0] < 230  # newsprint is not white
