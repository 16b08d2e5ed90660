"""Serve the proof room: bind the address, say the URL first, run uvicorn until Ctrl-C."""

from __future__ import annotations

import socket
import sys
import threading
import webbrowser
from pathlib import Path

LOOPBACK = "127.0.0.1"


def serve(
    content: str | Path,
    layout: str | Path,
    host: str = LOOPBACK,
    port: int = 8023,
    open_browser: bool = False,
    root=None,
    allow_dirs=(),
) -> None:
    """Bind host:port (port 0: any free one), print the URL as the first line, then serve until Ctrl-C."""
    import uvicorn

    from .app import create_app
    from .live import Room

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{bound}/"
    print(url, flush=True)
    print(f"proof room for {content} on {layout} (Ctrl-C stops)", file=sys.stderr, flush=True)
    # on loopback only the names of this machine (no page of another site reaches the room by DNS rebinding);
    # a newsroom network's clients name the server as they know it
    hosts = [LOOPBACK, "localhost"] if host == LOOPBACK else ["*"]
    app = create_app(Room(content, layout, root=root, allow_dirs=allow_dirs), hosts)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1, lifespan="on")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    uvicorn.Server(config).run(sockets=[sock])
