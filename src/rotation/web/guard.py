"""The server's safety rules, applied to every request before any page or API sees it.

- The Host header must name the address the server listens on: a page on another site
  cannot reach the server through a DNS name that points to 127.0.0.1 (DNS rebinding).
- Requests that change state (POST, PUT, PATCH, DELETE) from a browser must come from the
  server's own pages: another site's Origin (or a cross-site fetch) is refused.
- A request body may hold at most ``max_body`` bytes; a larger one is answered with 413
  before it is read, or as soon as the bytes received pass the limit.
"""

from __future__ import annotations

import json
from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MAX_UPLOAD_BYTES", "Guard"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""20 MiB: far more than any registration list, far less than a harmful upload."""

_STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


class _TooLarge(Exception):
    """The request body passed the limit while it was being received."""


class Guard:
    """ASGI middleware: Host check, same-origin check for state changes, body size limit."""

    def __init__(self, app: ASGIApp, *, hosts: Collection[str], max_body: int) -> None:
        self.app = app
        self.hosts = {host.lower() for host in hosts}
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if _host_name(host) not in self.hosts:
            await _refuse(send, 400, "wrong_host", "The Host header names another address.")
            return
        if scope["method"] in _STATE_CHANGING and not _same_origin(headers, host):
            await _refuse(send, 403, "foreign_origin", "Requests from other sites are refused.")
            return
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _refuse(send, 413, "too_large", _too_large(self.max_body))
            return
        await self._limited(scope, receive, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, counting the body's bytes as they arrive."""
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, "too_large", _too_large(self.max_body))


def _host_name(host: str) -> str:
    """``127.0.0.1`` of ``127.0.0.1:8765``; ``::1`` of ``[::1]:8765``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _same_origin(headers: dict[str, str], host: str) -> bool:
    """False for a browser request sent by another site's page; True otherwise."""
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    if origin is None:  # not a browser (curl, scripts): nothing to forge
        return True
    return origin.lower() in (f"http://{host.lower()}", f"https://{host.lower()}")


def _too_large(limit: int) -> str:
    return f"The upload is larger than {limit // (1024 * 1024)} MB."


async def _refuse(send: Send, status: int, error: str, message: str) -> None:
    body = json.dumps({"error": error, "message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
