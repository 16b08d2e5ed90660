"""Stage 4, draw: a `Page` display list → PDF/X-1a bytes.

drawer.draw walks the display list onto a Drawer: PDFWriter (writer.py, our own serializer: pdfsyntax.py,
subsets.py, lines.py) for the print PDF, RecordingDrawer for tests, ReportLabDrawer (pdf.py) the test
oracle that draws the very same bytes with ReportLab. The print path imports ReportLab only to make a font
subset program the cache lacks, or to read a font without tables (rlfonts.py). Reads the display list and
nothing else of the pipeline's stages.
"""

from .drawer import Drawer, RecordingDrawer, draw

__all__ = ["Drawer", "RecordingDrawer", "draw"]
