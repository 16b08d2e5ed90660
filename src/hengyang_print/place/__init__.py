"""Stage 3, place: Content + Layout + composed blocks → a `Page` display list in points.

Regions, frames, item headers, badges, photos and balanced columns; everything is arithmetic on
the layout spec. Composition goes through the compose stage; nothing here draws or reads a PDF.
"""

from .page import body_grid, place_page

__all__ = ["body_grid", "place_page"]
