"""Serve the proof room: open the project's ledger, check who may come in, bind the address, say the URL
first, run uvicorn until Ctrl-C."""

from __future__ import annotations

import socket
import sys
import threading
import webbrowser
from pathlib import Path

from ..i18n import _

LOOPBACK = "127.0.0.1"


def serve(
    content: str | Path,
    layout: str | Path,
    host: str = LOOPBACK,
    port: int = 8023,
    open_browser: bool = False,
    root=None,
    allow_dirs=(),
    fonts_dir=None,
    login: bool = False,
) -> None:
    """Bind host:port (port 0: any free one), print the URL as the first line, then serve until Ctrl-C.
    A host other than loopback, or `login`, requires a login (people.py); without people configured to log
    in, the room refuses to start (a Problem) before it binds anything."""
    import uvicorn

    from .app import create_app
    from .live import Room
    from .people import Access, check_people, is_loopback

    versions = ledger_versions(content, layout, root)
    room = Room(content, layout, root=root, allow_dirs=allow_dirs, versions=versions, fonts_dir=fonts_dir)
    access = None  # the local user, trusted
    if login or not is_loopback(host):
        signoff = check_people(room.ledger)
        access = Access(True, signoff.local_user, room.ledger, room.page)

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{bound}/"
    print(url, flush=True)
    says = _("proof room for {content} on {layout} (Ctrl-C stops)").format(content=content, layout=layout)
    print(says, file=sys.stderr, flush=True)
    # on loopback only the names of this machine (no page of another site reaches the room by DNS rebinding);
    # a newsroom network's clients name the server as they know it
    hosts = [LOOPBACK, "localhost"] if host == LOOPBACK else ["*"]
    app = create_app(room, hosts, access)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1, lifespan="on")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    uvicorn.Server(config).run(sockets=[sock])


def ledger_versions(content, layout, root=None):
    """The page's versions in its project's ledger (LedgerVersions), or None outside a project (the bundled
    sample; HENGYANG_PRINT_LEDGER=off): then the room keeps them in memory, with no marks and no sign-off."""
    from ..ledger import Ledger, PageRef
    from ..ledger.builds import project_for
    from .versions import LedgerVersions

    project = project_for(content, root)
    if project is None:
        return None
    return LedgerVersions(Ledger.open(project), PageRef.of_files(project, content, layout))
