"""The proof room's web app (Starlette): the page, its PNG, server-sent events and the JSON API under /api.

Every GET reads. The writes are POSTs of JSON (marks, resolutions, signatures, login), each checked by
people.py (the person, the CSRF token, the origin) and made through the project's ledger, which keeps its
rules and records every refusal. What is served: the app's own static files, the page's renderings and
PDFs, and source lines of files in the project folder (paths.Places, as the command line confines files
named in YAML). Anything else is a 404. Hosts other than the one served on are refused (a page on another
site cannot reach the room by DNS rebinding).
"""

from __future__ import annotations

import asyncio
import os
import secrets
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..i18n import _
from ..ledger import LedgerError, Refused
from ..ledger.signoff import read_signoff
from ..paths import Places, project_root
from . import proofing
from .live import Room
from .people import SESSION_COOKIE, SESSION_SECONDS, Access, LoginRequired, Problem, needs_ledger
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


def create_app(room: Room, hosts: list[str], access: Access | None = None) -> Starlette:
    """The app serving `room` to requests naming one of `hosts`; `access`: who may use it (default: the local
    user, no login)."""
    places = Places(room.options["root"] or project_root(room.content), room.options["allow_dirs"])
    if access is None:
        signoff = room.ledger.signoff if room.ledger else read_signoff(places.root)
        access = Access(login_required=False, local_user=signoff.local_user, ledger=room.ledger, page=room.page)

    @asynccontextmanager
    async def lifespan(app):
        room.start(asyncio.get_running_loop())
        try:
            yield
        finally:
            room.stop()

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "room.html")

    async def login_page(request: Request) -> Response:
        return FileResponse(STATIC / "login.html")

    async def page(request: Request) -> Response:
        return _json(room.page_json())

    async def versions(request: Request) -> Response:
        return _json(room.versions_json())

    async def png(request: Request) -> Response:
        number = request.path_params["number"]
        dpi = _number(request, "dpi", 96, int)
        if dpi is None or not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
            return _problem(
                400, _("dpi: a whole number from {low} to {high}").format(low=DPI_RANGE[0], high=DPI_RANGE[1])
            )
        data = await asyncio.to_thread(room.png, number, dpi)
        if data is None:
            return _problem(404, _("no version {number}").format(number=number))
        return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    async def pdf(request: Request) -> Response:
        number = request.path_params["number"]
        if room.versions.get(number) is None:
            return _problem(404, _("no version {number}").format(number=number))
        name = f"{room.content.stem}-v{number}.pdf"
        headers = {"Content-Disposition": f'inline; filename="{name}"'}
        return Response(room.versions.pdf(number), media_type="application/pdf", headers=headers)

    async def locate(request: Request) -> Response:
        x, y = _number(request, "x_mm", None, float), _number(request, "y_mm", None, float)
        version = _number(request, "version", None, int)
        if x is None or y is None:
            return _problem(400, _("x_mm and y_mm: numbers, mm from the trimmed page's top left"))
        found = await asyncio.to_thread(room.locate_json, x, y, version)
        return _json(found) if found is not None else _not_in_memory(version)

    async def compare(request: Request) -> Response:
        old, new = _number(request, "old", None, int), _number(request, "new", None, int)
        if old is None or new is None:
            return _problem(400, _("old and new: version numbers"))
        found = await asyncio.to_thread(room.compare_json, old, new)
        return (
            _json(found)
            if found is not None
            else _problem(404, _("no version {old} or {new}").format(old=old, new=new))
        )

    async def source(request: Request) -> Response:
        """Lines around LINE of a file in the project (an error's place in the content or layout file)."""
        file, line = request.query_params.get("file", ""), _number(request, "line", None, int)
        path = Path(os.path.abspath(file))  # as the command line reads a path: from the current folder
        if line is None or not file or not places.admits(path) or not path.is_file():
            return _problem(404, _("no such file in the project"))
        column = _number(request, "column", 1, int) or 1
        return _json({"file": file, **excerpt(str(path), line, column, column + 1)})

    async def events(request: Request) -> Response:
        queue = room.listen()

        async def stream():
            try:
                yield f"event: hello\ndata: {room.versions_json()['current']}\n\n"
                while not await request.is_disconnected():
                    try:
                        kind, message = await asyncio.wait_for(queue.get(), KEEPALIVE_S)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    yield f"event: {kind}\ndata: {message}\n\n"
            finally:
                room.leave(queue)

        return StreamingResponse(stream(), media_type="text/event-stream")

    # ------------------------------------------------------------ people

    async def session(request: Request) -> Response:
        return _json(access.session_json(request))

    async def login(request: Request) -> Response:
        return _json(await access.login(request))

    async def logout(request: Request) -> Response:
        if access.login_required:
            await access.writer(request, "logout")
        request.session.clear()
        return _json({"person": None})

    # ------------------------------------------------------------ marks and sign-off (the ledger)

    async def marks(request: Request) -> Response:
        needs_ledger(room.ledger)
        number = _number(request, "version", None, int)
        return _json(await asyncio.to_thread(proofing.marks_json, room, number))

    async def add_mark(request: Request) -> Response:
        person, body = await access.writer(request, "mark")
        doc = await asyncio.to_thread(proofing.add_mark, room, person, body)
        room.tell("ledger", {"mark": doc["mark"]["id"]})
        return JSONResponse(doc, status_code=201)

    async def resolve_mark(request: Request) -> Response:
        person, body = await access.writer(request, "resolve")
        doc = await asyncio.to_thread(proofing.resolve_mark, room, person, request.path_params["id"], body)
        room.tell("ledger", {"mark": doc["mark"]["id"]})
        return _json(doc)

    async def span(request: Request) -> Response:
        number, start, end = (_number(request, k, None, int) for k in ("version", "start", "end"))
        block = request.query_params.get("block")
        if None in (number, start, end) or not block:
            return _problem(400, _("version, block, start and end: which characters of which version"))
        found = await asyncio.to_thread(proofing.span_json, room, number, block, start, end)
        return _json(found) if found is not None else _not_in_memory(number)

    async def signoff(request: Request) -> Response:
        needs_ledger(room.ledger)
        return _json(await asyncio.to_thread(proofing.signoff_json, room, access.person(request)))

    async def sign(request: Request) -> Response:
        person, body = await access.writer(request, "sign")
        doc = await asyncio.to_thread(proofing.sign, room, person, body)
        room.tell("ledger", {"signature": doc["id"]})
        return JSONResponse(doc, status_code=201)

    routes = [
        Route("/", index),
        Route("/login", login_page),
        Route("/events", events),
        Route("/page/{number:int}.png", png),
        Route("/page/{number:int}.pdf", pdf),
        Route("/api/page", page),
        Route("/api/versions", versions),
        Route("/api/locate", locate),
        Route("/api/compare", compare),
        Route("/api/source", source),
        Route("/api/span", span),
        Route("/api/session", session),
        Route("/api/login", login, methods=["POST"]),
        Route("/api/logout", logout, methods=["POST"]),
        Route("/api/marks", marks),
        Route("/api/marks", add_mark, methods=["POST"]),
        Route("/api/marks/{id:int}/resolve", resolve_mark, methods=["POST"]),
        Route("/api/signoff", signoff),
        Route("/api/sign", sign, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=secrets.token_hex(32),  # made at start: a restart ends every session
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_SECONDS,
            same_site="strict",
        ),
        Middleware(LoginRequired, access=access),
    ]
    handlers = {Problem: _problem_of, Refused: _refused, LedgerError: _ledger_error, proofing.BadRequest: _bad}
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan, exception_handlers=handlers)


async def _problem_of(request: Request, exc: Problem) -> Response:
    return _problem(exc.status, exc.message)


async def _refused(request: Request, exc: Refused) -> Response:
    return _problem(403, "; ".join(exc.messages))  # the ledger has recorded it


async def _ledger_error(request: Request, exc: LedgerError) -> Response:
    return _problem(409, "; ".join(exc.messages))


async def _bad(request: Request, exc: proofing.BadRequest) -> Response:
    return _problem(400, str(exc))


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


def _not_in_memory(version) -> Response:
    return _problem(404, _("no version {number} in memory").format(number=version))


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
