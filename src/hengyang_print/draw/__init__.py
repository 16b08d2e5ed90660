"""Stage 4, draw: a `Page` display list → PDF/X-1a bytes.

drawer.draw walks the display list onto a Drawer: ReportLabDrawer (pdf.py) draws the print PDF with
ReportLab's canvas and pdfx.py finishes it as PDF/X-1a; RecordingDrawer records the operations for tests.
Reads the display list and nothing else of the pipeline's stages.
"""

from .drawer import Drawer, RecordingDrawer, draw

__all__ = ["Drawer", "RecordingDrawer", "draw"]
