"""The proof room (校样室): the page in a browser, live, with its source, its findings and what changed.

Above the pipeline, beside the command line (`hengyang-print serve`), and never imported by the pipeline:

- live.py    builds the page in-process on every save of the content or layout (run.watch.on_saves), keeps
             each new page as a version (versions.py) and tells every open browser (server-sent events);
- sheet.py   the page as the room sees it: every line a hit target in mm from the trim's top left, the
             characters' source offsets, the findings' places;
- app.py     the Starlette app: the page as PNG (PDFium), the JSON API under /api (schema/room-*.schema.json),
             the static page (static/: no CDN, no build step);
- server.py  binds 127.0.0.1 (unless told otherwise) and runs uvicorn.

Nothing here writes a file: versions are kept in memory until the sign-off ledger keeps them.
"""
