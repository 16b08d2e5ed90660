"""Total ink coverage (TAC) of PDF pages, measured by rendering them with Ghostscript; None when gs is absent.

Ghostscript's pamcmyk32 device simulates overprint, so 100 % K overprinting a red panel counts as
0+100+100+100 %: the ink the press really lays down. Text is not anti-aliased, so small type keeps full tints.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

GHOSTSCRIPT_NAMES = ("gs", "gswin64c", "gswin32c")


@dataclass(frozen=True)
class Ink:
    page: int  # 1-based
    max_percent: float  # highest C+M+Y+K of any pixel in the box
    x: float  # where it is, in points from the box's left edge
    y: float  # in points down from the box's top edge
    over_area: float  # square points above the limit


def ghostscript() -> str | None:
    return next((p for p in map(shutil.which, GHOSTSCRIPT_NAMES) if p), None)


def total_ink(pdf: str | Path, boxes: list[tuple[float, float, float, float]], media: list[tuple[float, float, float, float]],
              limit: float, resolution: float = 72) -> list[Ink] | None:
    """Per page, the highest total ink inside `boxes[i]` (x0, y0, x1, y1 in PDF points), rendered at `resolution` dpi."""
    gs = ghostscript()
    if gs is None:
        return None
    with tempfile.TemporaryDirectory(prefix="hengyang-ink-") as tmp:
        pattern = str(Path(tmp) / "p%04d.pam")
        subprocess.run([gs, "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pamcmyk32", f"-r{resolution}",
                        "-dTextAlphaBits=1", "-dGraphicsAlphaBits=1", f"-sOutputFile={pattern}", str(pdf)],
                       check=True, capture_output=True, timeout=300)
        return [_measure(Path(tmp) / f"p{i + 1:04d}.pam", i + 1, box, media[i], limit, resolution / 72)
                for i, box in enumerate(boxes)]


def _measure(path: Path, page: int, box, media, limit: float, scale: float) -> Ink:
    data = path.read_bytes()
    header, _, pixels = data.partition(b"ENDHDR\n")
    fields = dict(line.split(b" ", 1) for line in header.splitlines()[1:] if b" " in line and not line.startswith(b"#"))
    width, height = int(fields[b"WIDTH"]), int(fields[b"HEIGHT"])
    # the box in pixel rows and columns: rows count down from the media's top edge
    x0 = max(0, int((box[0] - media[0]) * scale))
    x1 = min(width, int(round((box[2] - media[0]) * scale)))
    r0 = max(0, int((media[3] - box[3]) * scale))
    r1 = min(height, int(round((media[3] - box[1]) * scale)))
    best, at, over = -1, (0, 0), 0
    threshold = limit * 255 / 100
    view = memoryview(pixels)
    for row in range(r0, r1):
        line = view[(row * width + x0) * 4:(row * width + x1) * 4]
        sums = list(map(int.__add__, map(int.__add__, line[0::4], line[1::4]), map(int.__add__, line[2::4], line[3::4])))
        top = max(sums, default=0)
        over += sum(1 for s in sums if s > threshold) if top > threshold else 0
        if top > best:
            best, at = top, (sums.index(top), row - r0)
    return Ink(page, max(best, 0) * 100 / 255, at[0] / scale, at[1] / scale, over / scale / scale)
