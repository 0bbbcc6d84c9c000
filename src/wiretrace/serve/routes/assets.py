"""Static assets (CSS, the small script), served from memory by name; the health check and corpus stats."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from wiretrace import __version__
from wiretrace.serve.app import corpus_of
from wiretrace.serve.reads import stats
from wiretrace.serve.routes.common import ERRORS, One, ok

__all__ = ["router"]

router = APIRouter()


@router.get("/static/{name}", include_in_schema=False)
def static(request: Request, name: str) -> Response:
    assets: dict[str, tuple[bytes, str]] = request.app.state.static
    found = assets.get(name)  # a key of an in-memory table: the name never reaches the file system
    if found is None:
        raise HTTPException(404, f"/static/{name}: no such asset")
    body, media_type = found
    return Response(body, media_type=media_type, headers={"cache-control": "public, max-age=3600"})


@router.get("/favicon.ico", include_in_schema=False)
def favicon(request: Request) -> Response:
    body, media_type = request.app.state.static["favicon.svg"]
    return Response(body, media_type=media_type, headers={"cache-control": "public, max-age=86400"})


@router.get("/api/health", response_model=One, responses=ERRORS, tags=["corpus"])
def health_api(request: Request) -> JSONResponse:
    """Whether this server process is up and ``ready``: its corpus-wide answers (speakers, stories,
    quotes across outlets…) computed, so pages answer at full speed. Cheap: for monitors and load tests."""
    corpus = corpus_of(request)
    warming = request.app.state.config.warm and not corpus.warmed.is_set()
    return JSONResponse(ok({"ready": not warming, "version": __version__}))


@router.get("/api/stats", response_model=One, responses=ERRORS, tags=["corpus"])
def stats_api(request: Request) -> JSONResponse:
    """Counts, stage versions, outlets, failures and recent runs (``wiretrace stats``)."""
    return JSONResponse(ok(stats(corpus_of(request))))
