"""People: who is quoted most (``/speakers``), and everything one person said (``/speaker``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from wiretrace.serve.app import corpus_of, render, render_html
from wiretrace.serve.cards import cards_of
from wiretrace.serve.corpus import page_of
from wiretrace.serve.graph import timeline_layout
from wiretrace.serve.markup import anchor_of
from wiretrace.serve.quotelist import quote_items
from wiretrace.serve.reads import all_speakers, speaker
from wiretrace.serve.routes.common import ERRORS, Limit, Offset, One, Paged, check_window, ok, ok_page, pages
from wiretrace.store import queries
from wiretrace.store.timeline import timeline

__all__ = ["router"]

router = APIRouter()

DISPUTES_SHOWN = 10  # of each kind on a speaker's page; the rest on /disputes?speaker=…
SHOWN = 40  # quote groups listed on one page of a speaker (the timeline shows them all, linked to their page)

Name = Annotated[
    str, Query(min_length=1, max_length=200, description="Any form of the name: surname, full name, with title.")
]


@router.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
def speakers_page(request: Request, limit: Limit = 100, offset: Offset = 0) -> HTMLResponse:
    check_window(limit, offset)
    rows = all_speakers(corpus_of(request))
    page = page_of(rows, limit=limit, offset=offset)
    return render(request, "speakers.html", **pages(request, page), total=len(rows))


@router.get("/speaker", response_class=HTMLResponse, include_in_schema=False)
def speaker_page(request: Request, name: Name, offset: Offset = 0) -> HTMLResponse:
    offset -= offset % SHOWN
    corpus = corpus_of(request)
    # A person quoted hundreds of times is a page of tens of milliseconds: kept, as its HTML
    # (one string, cheap to keep), for the next visitor while the database does not change.
    html = corpus.memo(f"page:speaker:{SHOWN}:{offset}:{name}", lambda _: _speaker_html(request, name, offset))
    return HTMLResponse(html)


def _speaker_html(request: Request, name: str, offset: int) -> str:
    data = speaker(corpus_of(request), name)
    charts = [
        timeline_layout(p["groups"], name=name, person=i, per_page=SHOWN, offset=offset)
        for i, p in enumerate(data["people"])
    ]
    most = max((len(p["groups"]) for p in data["people"]), default=0)
    here = f"/speaker?{urlencode({'name': name})}"
    return render_html(
        request,
        "speaker.html",
        data=data,
        charts=charts,
        anchor_of=anchor_of,
        quote_items=quote_items,
        shown=SHOWN,
        disputes_shown=DISPUTES_SHOWN,
        offset=offset,
        prev=f"{here}&offset={offset - SHOWN}" if offset else None,
        next=f"{here}&offset={offset + SHOWN}" if offset + SHOWN < most else None,
    )


@router.get("/api/speakers", response_model=Paged, responses=ERRORS, tags=["people"])
def speakers_api(request: Request, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """People quoted most, merged across articles: quotes, articles, the forms of the name used."""
    check_window(limit, offset)
    return JSONResponse(ok_page(request, page_of(all_speakers(corpus_of(request)), limit=limit, offset=offset)))


@router.get("/api/speaker", response_model=One, responses=ERRORS, tags=["people"])
def speaker_api(request: Request, name: Name) -> JSONResponse:
    """Everything a person said, grouped by quote: first appearance, the outlets that carried it; their disputes."""
    return JSONResponse(ok(speaker(corpus_of(request), name)))


@router.get("/api/quotes", response_model=Paged, responses=ERRORS, tags=["people"])
def quotes_api(request: Request, speaker: Name, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    """What a person said across articles, oldest first (``wiretrace quotes --speaker``)."""
    check_window(limit, offset)
    corpus = corpus_of(request)
    rows = queries.quotes(corpus.reader(), speaker, limit=offset + limit + 1, cards=cards_of(corpus))
    return JSONResponse(ok_page(request, page_of(rows, limit=limit, offset=offset)))


@router.get("/api/timeline", response_model=Paged, responses=ERRORS, tags=["people"])
def timeline_api(
    request: Request,
    entity: Annotated[str, Query(min_length=1, max_length=200, description="A person, organisation or place.")],
    limit: Limit = 200,
    offset: Offset = 0,
) -> JSONResponse:
    """Dated events, quotes and claims about an entity, in order (``wiretrace timeline``)."""
    check_window(limit, offset)
    rows = timeline(corpus_of(request).reader(), entity, limit=offset + limit + 1)
    return JSONResponse(ok_page(request, page_of(rows, limit=limit, offset=offset)))
