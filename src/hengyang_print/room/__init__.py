"""The proof room (校样室): the page in a browser, live, with its source, its findings, what changed, the
proofreaders' marks and the sign-off chain.

Above the pipeline, beside the command line (`hengyang-print serve`), and never imported by the pipeline:

- live.py      builds the page in-process on every save of the content or layout (run.watch.on_saves), keeps
               each new page as a version (versions.py: the project's ledger) and tells every open browser
               (server-sent events);
- sheet.py     the page as the room sees it: every line a hit target in mm from the trim's top left, the
               characters' source offsets, the findings' and the marks' places;
- proofing.py  marks and sign-off through the ledger (its rules, the command line's), placed on the page;
- people.py    who is asking: the local user on 127.0.0.1, a login beyond it; CSRF on every write;
- app.py       the Starlette app: the page as PNG (PDFium), the JSON API under /api (schema/room-*.schema.json),
               the static page (static/: no CDN, no build step);
- server.py    opens the ledger, checks who may come in, binds 127.0.0.1 (unless told otherwise), runs uvicorn.

Every GET reads. The only files written are the project's ledger's (.hengyang/), by a rebuild's new version
or a POST's mark, resolution or signature.
"""
