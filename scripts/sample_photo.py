"""Draw the sample page's placeholder photo (a river-bank scene, clearly an illustration) with Pillow.

    .venv/bin/python scripts/sample_photo.py   → content/photos/xiangjiang-sample.jpg (1500 × 1000 px, RGB)

Deterministic; the file is committed so a build needs no script. RGB on purpose: the build separates it to CMYK.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1500, 1000
OUT = Path(__file__).resolve().parents[1] / "content" / "photos" / "xiangjiang-sample.jpg"


def main() -> None:
    rnd = random.Random(2019)
    im = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(im)
    for y in range(H):  # sky: deep blue at the top to a warm haze at the horizon
        t = y / (0.55 * H)
        d.line([(0, y), (W, y)], fill=(int(70 + 160 * min(t, 1)), int(130 + 95 * min(t, 1)), int(200 + 30 * min(t, 1))))
    for layer, (base, colour) in enumerate([(0.42, (120, 150, 160)), (0.48, (80, 120, 100))]):  # two ranges of hills
        pts = (
            [(0, H)]
            + [
                (x, H * base - 60 * math.sin(x / (180 + 90 * layer) + layer) - 25 * math.sin(x / 47))
                for x in range(0, W + 10, 10)
            ]
            + [(W, H)]
        )
        d.polygon(pts, fill=colour)
    for x in range(0, W, 38):  # the city on the far bank
        h = rnd.randint(30, 150)
        d.rectangle([x, H * 0.56 - h, x + rnd.randint(18, 34), H * 0.56], fill=(rnd.randint(150, 200),) * 3)
    d.rectangle([0, H * 0.56, W, H * 0.8], fill=(60, 110, 150))  # the river
    for _ in range(260):  # light on the water
        x, y = rnd.uniform(0, W), rnd.uniform(H * 0.57, H * 0.79)
        d.line([(x, y), (x + rnd.uniform(20, 90), y)], fill=(150, 190, 215), width=2)
    d.rectangle([0, H * 0.8, W, H], fill=(110, 140, 80))  # the near bank: a path and trees
    d.polygon([(0, H * 0.9), (W, H * 0.84), (W, H * 0.88), (0, H * 0.96)], fill=(205, 190, 160))
    for x in range(30, W, 110):
        d.rectangle([x - 4, H * 0.86 - 70, x + 4, H * 0.86], fill=(90, 70, 50))
        d.ellipse(
            [x - 45, H * 0.86 - 150, x + 45, H * 0.86 - 55],
            fill=(40 + rnd.randint(0, 30), 100 + rnd.randint(0, 40), 50),
        )
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    im.save(OUT, "JPEG", quality=88, optimize=True, dpi=(300, 300))
    print(OUT, im.size)


if __name__ == "__main__":
    main()
