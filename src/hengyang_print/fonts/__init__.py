"""The fonts text is set in: what composition and drawing need of a TrueType file.

metrics.py: advances, em box, cap height and coverage of a face (FontMetrics), and a style's face with its
fallback faces measured as one (FaceChain). tables.py: the metric tables made with a bundled font, so that
no build parses a 10 MB CJK face; a font without them is parsed once and cached. advances.py: a face's
advances by code point as flat arrays.
"""

from .metrics import FaceChain, FontMetrics, face_chain, metrics, missing_glyphs, parse_metrics

__all__ = ["FaceChain", "FontMetrics", "face_chain", "metrics", "missing_glyphs", "parse_metrics"]
