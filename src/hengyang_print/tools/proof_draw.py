"""Draw a proof's annotation layer (block outlines, labels, line numbers) with ReportLab; RGB, for the screen only.

Reads plain annotation data made by proof.py; the page itself is drawn by draw.py, never here.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from ..model import Box

LABEL_FONT, LABEL_SIZE = "Helvetica", 5.5  # screen annotations, not part of the printed page
NUMBER_SIZE = 5.0
COLOURS = ((0.10, 0.35, 0.90), (0.90, 0.40, 0.05))  # blocks alternate blue and orange so neighbours stay apart
NUMBER_COLOUR = (0.45, 0.45, 0.60)


def annotation_layer(size: tuple[float, float], origin: tuple[float, float], outlines, numbers) -> bytes:
    """One page `size` points large; page coordinates are offset by `origin` (the trim box's lower left).

    outlines: (label, Box, n) per block segment; numbers: (text, right x, baseline) per numbered line.
    """
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    canvas.translate(*origin)
    canvas.setLineWidth(0.4)
    for label, box, n in outlines:
        _outline(canvas, label, box, COLOURS[n % len(COLOURS)])
    canvas.setFont(LABEL_FONT, NUMBER_SIZE)
    canvas.setFillColorRGB(*NUMBER_COLOUR)
    for text, right, baseline in numbers:
        canvas.drawRightString(right, baseline, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _outline(canvas: Canvas, label: str, box: Box, rgb) -> None:
    canvas.setStrokeColorRGB(*rgb)
    canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
    width = canvas.stringWidth(label, LABEL_FONT, LABEL_SIZE) + 2
    canvas.setFillColorRGB(*rgb)
    canvas.rect(box.x, box.top, width, LABEL_SIZE + 1.5, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(LABEL_FONT, LABEL_SIZE)
    canvas.drawString(box.x + 1, box.top + 1.5, label)
