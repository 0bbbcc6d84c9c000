"""The FastAPI application: routes, middleware, templates, static files and the one error shape.

>>> app = create_app(ServeConfig(db="wiretrace.db"))  # doctest: +SKIP

Errors: every ``/api/…`` failure is ``{"ok": false, "error": "…", "status": 4xx}`` (a 404, a
bad parameter, a refused write, a too-large upload, a server bug); a page failure is the same
message on an HTML page with the same status.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from wiretrace import __version__
from wiretrace.errors import WiretraceError
from wiretrace.serve.corpus import Corpus
from wiretrace.serve.fragments import Fragments
from wiretrace.serve.markup import marked
from wiretrace.serve.security import BodyLimit, KnownHosts, SameOrigin, SecurityHeaders

__all__ = [
    "CONFIG_ENV",
    "ServeConfig",
    "app_from_environment",
    "config_to_environment",
    "create_app",
    "render",
    "render_html",
]

log = logging.getLogger("wiretrace.serve")

CONFIG_ENV = "WIRETRACE_SERVE_CONFIG"  # a worker process's ServeConfig, as JSON (see app_from_environment)
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeConfig:
    db: str
    allow_write: bool = False
    host: str = "127.0.0.1"
    max_upload: int = 5_000_000  # bytes of one request body (an upload, pasted text)
    hosts: tuple[str, ...] = field(default=())  # more names the Host header may give
    warm: bool = True  # fill the corpus-wide cache in the background at start


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("wiretrace.serve", "templates"),
        autoescape=True,  # every template, whatever its name: article text is never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship in the package: no stat() of every template on every page
    )
    env.globals["version"] = __version__
    env.globals["marked"] = marked
    return env


def _static() -> dict[str, tuple[bytes, str]]:
    """Every asset, read once from the package: a request names a key here, never a file."""
    found: dict[str, tuple[bytes, str]] = {}
    for item in files("wiretrace.serve").joinpath("static").iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1]
        if item.is_file() and suffix in _STATIC_TYPES:
            found[item.name] = (item.read_bytes(), _STATIC_TYPES[suffix])
    return found


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``templates/``; every value in ``context`` is escaped unless it is Markup."""
    return HTMLResponse(render_html(request, template, **context), status_code=status)


def render_html(request: Request, template: str, **context: Any) -> str:
    """:func:`render`'s page as a string (one object to keep in a cache, not the data behind it)."""
    env: Environment = request.app.state.templates
    config: ServeConfig = request.app.state.config
    fragment = Fragments(request.app.state.corpus, env)
    return env.get_template(template).render(
        request_path=request.url.path, allow_write=config.allow_write, db_name=config.db, fragment=fragment, **context
    )


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    return render(request, "error.html", status=status, status_code=status, message=message)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'is not valid')}")
    return "; ".join(parts) + " — fix the parameter and ask again"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: no such page — start from the search page at /"
        if exc.status_code == 405:
            message = (
                f"{request.url.path}: {request.method} is not allowed here — see /api/openapi.json for its methods"
            )
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 400, _validation_message(exc))

    @app.exception_handler(PermissionError)
    async def read_only(request: Request, exc: PermissionError) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(WiretraceError)
    async def wiretrace_error(request: Request, exc: WiretraceError) -> Response:
        return _error(request, 400 if exc.__class__.__name__ in ("InputError", "UsageError") else 500, str(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        message = f"unexpected error ({type(exc).__name__}) — see the server's log and report it"
        return _error(request, 500, message)


class Unexpected:
    """A bug in a route becomes the one error shape (500) and a log line, not a dropped connection."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        started = False

        async def watch(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if scope["type"] != "http" or started:
                raise
            log.exception("unexpected error on %s", scope.get("path"))
            response = _error(
                Request(scope), 500, f"unexpected error ({type(exc).__name__}) — see the server's log and report it"
            )
            await response(scope, receive, send)


HANDLER_THREADS = 2  # per process: 1, 2 and 4 gave much shorter p95 tails than anyio's 40 (bench_serve)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Pages are answered by a few threads, in turn: many threads sharing one interpreter lock
    answer no faster, and each request waits on the others (long tails under load)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
    yield


def create_app(config: ServeConfig) -> FastAPI:
    """The application over ``config.db`` (which must exist; its schema is brought up to date)."""
    from wiretrace.serve.reads import warm  # noqa: PLC0415 - routes import reads; keep the import order plain
    from wiretrace.serve.routes import ROUTERS  # noqa: PLC0415

    corpus = Corpus(config.db, allow_write=config.allow_write)
    app = FastAPI(
        lifespan=_lifespan,
        title="wiretrace",
        version=__version__,
        description="Who said what, where a story came from, who disputes it: the corpus store as JSON.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN: not on an offline, strict-CSP server
        redoc_url=None,
    )
    app.state.config = config
    app.state.corpus = corpus
    app.state.templates = _templates()
    app.state.static = _static()
    for router in ROUTERS:
        app.include_router(router)
    _install_errors(app)
    hosts = {*LOCAL_NAMES, config.host, *config.hosts}
    if config.host in ("0.0.0.0", "::", ""):
        hosts.add("*")
    app.add_middleware(Unexpected)
    app.add_middleware(SameOrigin)
    app.add_middleware(BodyLimit, max_bytes=config.max_upload)
    app.add_middleware(KnownHosts, hosts=hosts)
    app.add_middleware(SecurityHeaders)
    if config.warm:
        corpus.in_background(warm)
    return app


def config_to_environment(config: ServeConfig) -> None:
    """Hand ``config`` to the worker processes uvicorn starts (they inherit the environment)."""
    os.environ[CONFIG_ENV] = json.dumps(asdict(config))


def app_from_environment() -> FastAPI:
    """The application in one of several uvicorn worker processes (``wiretrace serve --workers N``):
    the factory uvicorn calls, with the ServeConfig the parent put in :data:`CONFIG_ENV`."""
    raw = os.environ.get(CONFIG_ENV)
    if not raw:
        raise WiretraceError(f"wiretrace serve: {CONFIG_ENV} is not set — start the server with `wiretrace serve`")
    data = json.loads(raw)
    data["hosts"] = tuple(data.get("hosts") or ())
    return create_app(ServeConfig(**data))


def corpus_of(request: Request) -> Corpus:
    corpus: Corpus = request.app.state.corpus
    return corpus
