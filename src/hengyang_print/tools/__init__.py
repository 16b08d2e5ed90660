"""Tools that read a display list or a PDF: audit, proof, diff, copyfit, lint, preflight.

Never imported by the pipeline stages (load, compose, place, draw, verify).
"""
