"""Stage 4, draw: a `Page` display list → PDF/X-1a bytes.

drawer.draw walks the display list onto a Drawer: ReportLabDrawer (pdf.py, the only print-path module
importing ReportLab) for the print PDF, RecordingDrawer for tests. Reads the display list and nothing
else of the pipeline's stages.
"""

from .drawer import Drawer, RecordingDrawer, draw

__all__ = ["Drawer", "RecordingDrawer", "draw"]
