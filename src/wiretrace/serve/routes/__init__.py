"""One module per page; each holds its HTML page and its ``/api/…`` twin over the same read."""

from __future__ import annotations

from fastapi import APIRouter

from wiretrace.serve.routes import analyze, article, assets, check, disputes, search, speakers, stories

__all__ = ["ROUTERS"]

ROUTERS: tuple[APIRouter, ...] = (
    search.router,
    article.router,
    speakers.router,
    stories.router,
    disputes.router,
    check.router,
    analyze.router,
    assets.router,
)
