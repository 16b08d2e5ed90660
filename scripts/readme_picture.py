"""The README's picture of the page: the default build (`make page`'s content and layout) rendered with PDFium
into docs/images/page.png, small enough for the repository and sharp enough to recognise the page. Run it after
a visual change of the default page and look at the result.

    .venv/bin/python scripts/readme_picture.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "page.png"
WIDTH = 720  # pixels: the page's headline, keyword panel, badges and columns read at this width
COLOURS = 64  # a page of text and a red: a small palette keeps the file small and the type sharp


def main() -> int:
    from hengyang_print.paths import bundled_layouts, sample_content
    from hengyang_print.run.build import build

    pdf = pdfium.PdfDocument(build(sample_content(), bundled_layouts()["broadsheet"]).pdf)
    page = pdf[0]
    image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
    image.quantize(COLOURS, dither=0).save(OUT, optimize=True)
    print(f"{OUT.relative_to(ROOT)}: {image.width} × {image.height} px, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
