"""Running the pipeline: one page (build), an edition (several pages in parallel), watch mode.

load → compose → place → draw → verify, then the PDF written atomically.
"""
