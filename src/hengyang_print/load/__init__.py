"""Stage 1, load: content YAML + layout YAML → validated, typed `Content` and `Layout` (model.py).

Every error of a file is collected and reported together, each located as FILE:LINE:COL; the
glyph check (blocks.check_glyphs) runs here too, so nothing later meets a character it cannot set.
Imports only the model, errors and cache; no later stage.
"""

from .blocks import check_glyphs, content_blocks
from .loader import load_content, load_layout

__all__ = ["check_glyphs", "content_blocks", "load_content", "load_layout"]
