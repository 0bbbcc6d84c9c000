"""Safe by default: security headers, a request body limit, same-origin writes, known hosts.

Pure ASGI middleware (no buffering of responses):

* :class:`SecurityHeaders` — a Content-Security-Policy that allows scripts only from this
  server (``script-src 'self'``: no inline script, no ``eval``, no CDN), no plugins, no framing,
  forms posted only here; plus ``nosniff``, ``no-referrer`` and friends on every response.
* :class:`BodyLimit` — refuses a request whose body is larger than the limit (``413``), by its
  ``Content-Length`` and by counting what actually arrives.
* :class:`SameOrigin` — a ``POST`` must come from a page of this server (its ``Origin``, else
  ``Sec-Fetch-Site``), so another site open in the browser cannot make this server analyse or
  store anything.
* :class:`KnownHosts` — the ``Host`` header must name this server (``localhost``, the bound
  address), which defeats DNS rebinding: a page elsewhere cannot read the API through a name
  that points at 127.0.0.1.

A refused request gets the one error shape (``{"ok": false, "error", "status"}``).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["CSP", "HEADERS", "BodyLimit", "KnownHosts", "SameOrigin", "SecurityHeaders", "error_response"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
)
HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def error_response(send: Send, status: int, message: str) -> None:
    """The one error shape, sent from middleware (with the security headers)."""
    body = json.dumps({"ok": False, "error": message, "status": status}).encode("utf-8")
    headers = [(k.encode(), v.encode()) for k, v in HEADERS]
    headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS if k.encode() not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = f"the request is larger than this server accepts ({self.max_bytes:,} bytes) — send a smaller file"
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await error_response(send, 413, too_big)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watch)
        except _TooLarge:
            if not started:
                await error_response(send, 413, too_big)


class SameOrigin:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") in _SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        host = _header(scope, b"host") or ""
        if origin is not None and origin != "null":
            allowed = urlsplit(origin).netloc == host
        elif origin == "null":
            allowed = False
        else:
            allowed = (_header(scope, b"sec-fetch-site") or "same-origin") in ("same-origin", "none")
        if not allowed:
            await error_response(send, 403, "a form on another site cannot post here — use this server's own pages")
            return
        await self.app(scope, receive, send)


class KnownHosts:
    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.hosts:
            await self.app(scope, receive, send)
            return
        host = (_header(scope, b"host") or "").lower()
        name = host[1 : host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        if name not in self.hosts:
            await error_response(send, 400, f"unknown host {host!r} — open this server by the address it printed")
            return
        await self.app(scope, receive, send)
