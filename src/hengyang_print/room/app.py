"""The proof room's web app (Starlette): the page, its PNG, server-sent events and the JSON API under /api.

Every route reads; none writes (phase 2's marks and signatures will write through the ledger, in the project).
What is served: the app's own static files, the page's renderings and PDFs, and source lines of files in the
project folder (paths.Places, as the command line confines files named in YAML). Anything else is a 404.
Hosts other than the one served on are refused (a page on another site cannot reach the room by DNS rebinding).
"""

from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..paths import Places, project_root
from .live import Room
from .source import excerpt

STATIC = Path(__file__).resolve().parent / "static"
DPI_RANGE = (12, 600)
KEEPALIVE_S = 15  # a comment down each event stream this often: a browser gone is noticed
# the page's scripts, styles and images come from the app alone: no CDN, nothing inline from elsewhere
SECURITY = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def create_app(room: Room, hosts: list[str]) -> Starlette:
    places = Places(room.options["root"] or project_root(room.content), room.options["allow_dirs"])

    @asynccontextmanager
    async def lifespan(app):
        room.start(asyncio.get_running_loop())
        try:
            yield
        finally:
            room.stop()

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "room.html")

    async def page(request: Request) -> Response:
        return _json(room.page_json())

    async def versions(request: Request) -> Response:
        return _json(room.versions_json())

    async def png(request: Request) -> Response:
        number = request.path_params["number"]
        dpi = _number(request, "dpi", 96, int)
        if dpi is None or not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
            return _problem(400, f"dpi: a whole number from {DPI_RANGE[0]} to {DPI_RANGE[1]}")
        data = await asyncio.to_thread(room.png, number, dpi)
        if data is None:
            return _problem(404, f"no version {number}")
        return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    async def pdf(request: Request) -> Response:
        number = request.path_params["number"]
        if room.versions.get(number) is None:
            return _problem(404, f"no version {number}")
        name = f"{room.content.stem}-v{number}.pdf"
        headers = {"Content-Disposition": f'inline; filename="{name}"'}
        return Response(room.versions.pdf(number), media_type="application/pdf", headers=headers)

    async def locate(request: Request) -> Response:
        x, y = _number(request, "x_mm", None, float), _number(request, "y_mm", None, float)
        version = _number(request, "version", None, int)
        if x is None or y is None:
            return _problem(400, "x_mm and y_mm: numbers, mm from the trimmed page's top left")
        found = await asyncio.to_thread(room.locate_json, x, y, version)
        return _json(found) if found is not None else _problem(404, f"no version {version} in memory")

    async def compare(request: Request) -> Response:
        old, new = _number(request, "old", None, int), _number(request, "new", None, int)
        if old is None or new is None:
            return _problem(400, "old and new: version numbers")
        found = await asyncio.to_thread(room.compare_json, old, new)
        return _json(found) if found is not None else _problem(404, f"no version {old} or {new}")

    async def source(request: Request) -> Response:
        """Lines around LINE of a file in the project (an error's place in the content or layout file)."""
        file, line = request.query_params.get("file", ""), _number(request, "line", None, int)
        path = Path(os.path.abspath(file))  # as the command line reads a path: from the current folder
        if line is None or not file or not places.admits(path) or not path.is_file():
            return _problem(404, "no such file in the project")
        column = _number(request, "column", 1, int) or 1
        return _json({"file": file, **excerpt(str(path), line, column, column + 1)})

    async def events(request: Request) -> Response:
        queue = room.listen()

        async def stream():
            try:
                yield f"event: hello\ndata: {room.versions_json()['current']}\n\n"
                while not await request.is_disconnected():
                    try:
                        message = await asyncio.wait_for(queue.get(), KEEPALIVE_S)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    yield f"event: build\ndata: {message}\n\n"
            finally:
                room.leave(queue)

        return StreamingResponse(stream(), media_type="text/event-stream")

    routes = [
        Route("/", index),
        Route("/events", events),
        Route("/page/{number:int}.png", png),
        Route("/page/{number:int}.pdf", pdf),
        Route("/api/page", page),
        Route("/api/versions", versions),
        Route("/api/locate", locate),
        Route("/api/compare", compare),
        Route("/api/source", source),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(SecurityHeaders)]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


class SecurityHeaders:
    """SECURITY on every response that does not set its own (ASGI middleware: streams pass through as they are)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, sending)


def _json(doc: dict) -> Response:
    return JSONResponse(doc)


def _problem(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)


def _number(request: Request, name: str, default, kind):
    text = request.query_params.get(name)
    if text is None:
        return default
    try:
        value = kind(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
