"""Stage 5, verify: the written PDF's text layer read back → every block present, whole, in order.

A small reader of the PDFs this tool writes (no PDF library on the build path).
"""

from .readback import check_text_layer, pdf_text

__all__ = ["check_text_layer", "pdf_text"]
