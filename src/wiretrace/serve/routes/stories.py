"""Stories: the largest (``/stories``) and one story's lineage drawn as a graph (``/story``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from wiretrace.serve.app import corpus_of, render
from wiretrace.serve.corpus import page_of
from wiretrace.serve.graph import NODE_H, NODE_W, story_layout
from wiretrace.serve.reads import STORY_NODES, all_stories, shared_quotes, story
from wiretrace.serve.routes.common import ERRORS, Limit, Offset, One, Paged, check_window, ok, ok_page, pages
from wiretrace.store.base import JSON

__all__ = ["router"]

router = APIRouter()

Ref = Annotated[
    str, Query(min_length=1, max_length=2000, description="Any article of the story: ref, analysis id or id prefix.")
]


def _found(request: Request, ref: str) -> JSON:
    data = story(corpus_of(request), ref)
    if data is None:
        raise HTTPException(404, f"{ref}: no such article in this corpus — find it with the search box")
    return data


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    check_window(limit, offset)
    corpus = corpus_of(request)
    rows = all_stories(corpus)
    page = page_of(rows, limit=limit, offset=offset)
    return render(
        request,
        "stories.html",
        **pages(request, page),
        total=len(rows),
        shared=shared_quotes(corpus)[:20] if offset == 0 else [],
    )


@router.get("/story", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, ref: Ref) -> HTMLResponse:
    data = _found(request, ref)
    return render(
        request, "story.html", data=data, layout=story_layout(data, max_nodes=STORY_NODES), node_w=NODE_W, node_h=NODE_H
    )


@router.get("/api/stories", response_model=Paged, responses=ERRORS, tags=["stories"])
def stories_api(request: Request, limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """The largest stories: articles, outlets, earliest appearance, origin, independent origins."""
    check_window(limit, offset)
    return JSONResponse(ok_page(request, page_of(all_stories(corpus_of(request)), limit=limit, offset=offset)))


@router.get("/api/story", response_model=One, responses=ERRORS, tags=["stories"])
def story_api(request: Request, ref: Ref) -> JSONResponse:
    """One story's lineage tree: articles with their parent, tree edges with evidence and passages,
    other shared-text links, and the story summary (``wiretrace lineage REF``)."""
    return JSONResponse(ok(_found(request, ref)))


@router.get("/api/shared-quotes", response_model=Paged, responses=ERRORS, tags=["stories"])
def shared_quotes_api(request: Request, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """Quotes carried by several articles: appearances, independent confirmations, first appearance."""
    check_window(limit, offset)
    return JSONResponse(ok_page(request, page_of(shared_quotes(corpus_of(request)), limit=limit, offset=offset)))
