"""Stage 4, draw: a `Page` display list → PDF/X-1a bytes (ReportLab).

The only print-path package importing ReportLab; reads the display list and nothing else of the
pipeline's stages.
"""

from .pdf import draw

__all__ = ["draw"]
