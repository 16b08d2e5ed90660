"""Who is in the room, and what a write must show: the local user on this machine, a login beyond it.

- On 127.0.0.1 the room trusts the local user: whoever can reach a loopback port is at this machine.
  Their name is [signoff] local_user in hengyang-print.toml (default: the login name).
- Served beyond it (`--host` other than loopback), or with `--login`, the room requires a login: a person
  of [signoff.passwords] with their password (scrypt hashes, ledger/signoff.py). It will not start unless
  [signoff.passwords] and [signoff.roles] name people (check_people): a room open to a network where
  anyone may hold any role is refused.
- The session is a cookie signed by Starlette's SessionMiddleware (itsdangerous) with a key made at
  start: a restart logs everyone out. It holds the person and a CSRF token.
- Every write is a POST with a JSON body, the session's CSRF token in X-CSRF-Token, and (when the browser
  sends one) an Origin naming the room itself: a page of another site can neither read the token nor
  send such a request. Every refused write and login is recorded in the ledger; a GET writes nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

from ..errors import BuildError
from ..i18n import _

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..ledger import Ledger, PageRef
    from ..ledger.signoff import Signoff

SESSION_COOKIE = "hengyang_room"
SESSION_SECONDS = 12 * 3600  # a shift
CSRF_HEADER = "x-csrf-token"
# reachable without a login: the login page and what it needs
PUBLIC = ("/login", "/api/session", "/api/login", "/static/")


class Problem(Exception):
    """A request refused: its HTTP status and why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_people(ledger: Ledger | None) -> Signoff:
    """The [signoff] table of a room that must ask for a login, or a BuildError when no one is configured to
    log in to it."""
    if ledger is None:
        raise BuildError(
            _(
                "a room that requires a login serves a page of a project (a folder holding hengyang-print.toml)"
                " whose [signoff] table names its people; this page is not in one (or HENGYANG_PRINT_LEDGER is off)"
            )
        )
    signoff = ledger.signoff
    missing = []
    if not signoff.passwords:
        missing.append(_("[signoff.passwords] (each person's hash_password() output)"))
    if not signoff.people_configured:
        missing.append(_("[signoff.roles] (who may hold each role)"))
    if missing:
        raise BuildError(
            _(
                "{file}: a room served beyond this machine (or with --login) requires a login, and no one is"
                " configured to log in: add {missing}"
            ).format(file=signoff.source, missing=_(" and ").join(missing))
        )
    return signoff


@dataclass
class Access:
    """How the room knows who is asking."""

    login_required: bool
    local_user: str  # who is asking when no login is required
    ledger: Ledger | None  # where refusals are recorded
    page: PageRef | None = None  # the page served, named in them

    def person(self, request: Request) -> str | None:
        return request.session.get("person") if self.login_required else self.local_user

    def session_json(self, request: Request) -> dict:
        """The person asking, what they may sign, the CSRF token their writes must send."""
        person = self.person(request)
        signoff = self.ledger.signoff if self.ledger else None
        return {
            "person": person,
            "login_required": self.login_required,
            "roles": list(signoff.roles_of(person)) if signoff and person else [],
            "chain": list(signoff.chain) if signoff else [],
            "people_configured": bool(signoff and signoff.people_configured),
            "ledger": self.ledger is not None,
            "csrf": csrf_token(request),
        }

    async def writer(self, request: Request, action: str) -> tuple[str, dict]:
        """The person making a write and its JSON body, or a Problem (recorded in the ledger)."""
        person = self.person(request)
        try:
            needs_ledger(self.ledger)
            body = await _checked_body(request)
            if not person:
                raise Problem(401, _("log in first"))
            return person, body
        except Problem as exc:
            await self.refused(person or "?", action, exc.message)
            raise

    async def login(self, request: Request) -> dict:
        """POST /api/login {person, password}: a new session for that person."""
        try:
            body = await _checked_body(request)
        except Problem as exc:
            await self.refused("?", "login", exc.message)
            raise
        person, password = body.get("person"), body.get("password")
        if not isinstance(person, str) or not isinstance(password, str) or not person.strip():
            raise Problem(400, _("person and password: strings"))
        signoff = self.ledger.signoff
        if not await asyncio.to_thread(signoff.check_password, person, password):
            # one answer for an unknown person and a wrong password: the answer does not tell who exists
            await self.refused(person, "login", "wrong person or password")
            raise Problem(403, _("wrong person or password"))
        request.session.clear()
        request.session.update(person=person, csrf=secrets.token_urlsafe(32))  # a new token for the new session
        return self.session_json(request)

    async def refused(self, person: str, action: str, reason: str) -> None:
        if self.ledger is not None:
            await asyncio.to_thread(self.ledger.log_refusal, person, action, reason, self.page)


def needs_ledger(ledger: Ledger | None) -> None:
    if ledger is None:
        raise Problem(409, _("this page is not in a project: marks and sign-off need one (hengyang-print init)"))


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


async def _checked_body(request: Request) -> dict:
    """A write's JSON body, once it shows it comes from the room's own page."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        raise Problem(403, _("a write from another site ({origin}) is refused").format(origin=origin))
    token = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER, "")
    if not token or not hmac.compare_digest(sent.encode(), token.encode()):
        raise Problem(403, _("the CSRF token is missing or wrong: reload the room"))
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Problem(415, _("a write sends JSON (Content-Type: application/json)"))
    try:
        body = await request.json()
    except ValueError:
        raise Problem(400, _("the body is not JSON")) from None
    if not isinstance(body, dict):
        raise Problem(400, _("the body must be a JSON object"))
    return body


class LoginRequired:
    """ASGI middleware (inside SessionMiddleware): without a logged-in person, only PUBLIC paths answer;
    the page sends the browser to /login, everything else is a 401."""

    def __init__(self, app, access: Access):
        self.app, self.access = app, access

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.access.login_required:
            return await self.app(scope, receive, send)
        path = scope["path"]
        if scope["session"].get("person") or path.startswith(PUBLIC):
            return await self.app(scope, receive, send)
        if path == "/":
            response = RedirectResponse("/login", status_code=303)
        else:
            response = JSONResponse({"error": _("log in first")}, status_code=401)
        await response(scope, receive, send)
