"""Disputes: each claim beside the statement contradicting it, in one article or across articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from wiretrace.serve.app import corpus_of, render
from wiretrace.serve.corpus import page_of
from wiretrace.serve.markup import anchor_of
from wiretrace.serve.reads import disputes_involving
from wiretrace.serve.routes.common import ERRORS, Limit, Offset, Paged, check_window, ok_page, pages

__all__ = ["router"]

router = APIRouter()

Speaker = Annotated[
    str | None, Query(max_length=200, description="Only disputes where this person made the claim or the counter.")
]


@router.get("/disputes", response_class=HTMLResponse, include_in_schema=False)
def disputes_page(request: Request, speaker: Speaker = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    check_window(limit, offset)
    corpus = corpus_of(request)
    rows = disputes_involving(corpus, speaker)
    page = page_of(rows, limit=limit, offset=offset)
    cross = disputes_involving(corpus, speaker, cross=True)
    return render(
        request,
        "disputes.html",
        **pages(request, page),
        total=len(rows),
        cross=cross[:50] if offset == 0 else [],
        cross_total=len(cross),
        speaker=speaker or "",
        anchor_of=anchor_of,
    )


@router.get("/api/disputes", response_model=Paged, responses=ERRORS, tags=["disputes"])
def disputes_api(request: Request, speaker: Speaker = None, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    """Claims and the statements in the same article that contradict them (``wiretrace disputes``)."""
    check_window(limit, offset)
    rows = disputes_involving(corpus_of(request), speaker)
    return JSONResponse(ok_page(request, page_of(rows, limit=limit, offset=offset)))


@router.get("/api/cross-disputes", response_model=Paged, responses=ERRORS, tags=["disputes"])
def cross_disputes_api(
    request: Request, speaker: Speaker = None, limit: Limit = 100, offset: Offset = 0
) -> JSONResponse:
    """Stored claims disputed in other articles, as ``wiretrace cross-disputes --no-update`` lists them."""
    check_window(limit, offset)
    rows = disputes_involving(corpus_of(request), speaker, cross=True)
    return JSONResponse(ok_page(request, page_of(rows, limit=limit, offset=offset)))
