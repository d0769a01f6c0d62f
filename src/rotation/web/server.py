"""``rotation web``: run the page with uvicorn on this computer and open the browser at it.

The server listens on 127.0.0.1 unless the organiser explicitly allows another address; it
answers only to Host headers naming the address it listens on (see :mod:`rotation.web.guard`)
and removes its private folder of uploads and plans when it stops (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Callable

import uvicorn

from rotation.web.app import LOCAL_HOSTS, WebConfig, create_app

__all__ = ["RemoteNotAllowed", "allowed_hosts", "bind", "serve"]

REMOTE_WARNING = (
    "Warning: the page is reachable from other computers at {url}. Registration files hold "
    "personal data: use this only on a network you trust, and stop the server (Ctrl-C) when "
    "you are done."
)


class RemoteNotAllowed(ValueError):
    """A host other than this computer was asked for without ``--allow-remote``."""


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> tuple[str, ...]:
    """The Host header names the server answers to when it listens on ``host``."""
    names = {*LOCAL_HOSTS, host}
    if host in ("0.0.0.0", "::"):
        hostname = socket.gethostname()
        names.add(hostname)
        with contextlib.suppress(OSError):
            names.update(str(info[4][0]) for info in socket.getaddrinfo(hostname, None))
    return tuple(sorted(names))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port); OSError when taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    lang: str | None = None,
    open_browser: bool = True,
    allow_remote: bool = False,
    say: Callable[[str], None] = print,
) -> None:
    """Serve the page until Ctrl-C. Raises RemoteNotAllowed or OSError (port taken)."""
    if not _is_loopback(host) and not allow_remote:
        raise RemoteNotAllowed(host)
    sock = bind(host, port)
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    app = create_app(WebConfig(hosts=allowed_hosts(host), lang=lang))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    if not _is_loopback(host):
        say(REMOTE_WARNING.format(url=url))
    say(f"rotation web: open {url} in your browser. Stop with Ctrl-C.")
    if open_browser:

        def open_when_ready() -> None:
            while not server.started and not server.should_exit:
                threading.Event().wait(0.05)
            if server.started:
                webbrowser.open(url)

        threading.Thread(target=open_when_ready, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        app.state.web.close()
