"""The search page (``/``): one box over articles and quotes, facets, marked snippets; ``/api/search``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup, escape

from wiretrace.serve.app import corpus_of, render
from wiretrace.serve.facets import Facets, Filters, search
from wiretrace.serve.reads import all_disputes, all_speakers, all_stories, stats
from wiretrace.serve.routes.common import ERRORS, Limit, Offset, Paged, check_window, ok_page, pages
from wiretrace.store.queries import MARK

__all__ = ["router", "snippet_html"]

router = APIRouter()


class SearchPage(Paged):
    query: str
    facets: dict[str, Any]


def snippet_html(snippet: str | None) -> Markup:
    """A store snippet (matched words between ``**``) as escaped HTML with ``<mark>`` around them."""
    open_, close = MARK
    out: list[str] = []
    rest = snippet or ""
    while True:
        i = rest.find(open_)
        j = rest.find(close, i + len(open_)) if i >= 0 else -1
        if i < 0 or j < 0:
            out.append(str(escape(rest)))
            break
        out.append(str(escape(rest[:i])) + '<mark class="hit">' + str(escape(rest[i + len(open_) : j])) + "</mark>")
        rest = rest[j + len(close) :]
    return Markup("".join(out))


def _filters(
    *, outlet: str | None, speaker: str | None, since: str | None, until: str | None, disputed: bool, kind: str | None
) -> Filters:
    try:
        return Filters(
            outlet=outlet or None,
            speaker=speaker or None,
            since=Filters.check_date(since, "since"),
            until=Filters.check_date(until, "until"),
            disputed=disputed,
            kind=kind or None,
        )
    except ValueError as err:
        raise HTTPException(400, str(err)) from err


Kind = Annotated[str | None, Query(pattern="^(article|quote)?$", description="Only articles, or only quotes.")]
Text = Annotated[str | None, Query(max_length=200)]
Q = Annotated[str, Query(max_length=500, description='Words, a "phrase", or FTS5 syntax (AND, OR, vot*).')]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    *,
    q: Q = "",
    outlet: Text = None,
    speaker: Text = None,
    since: Text = None,
    until: Text = None,
    disputed: bool = False,
    kind: Kind = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> HTMLResponse:
    check_window(limit, offset)
    corpus = corpus_of(request)
    filters = _filters(outlet=outlet, speaker=speaker, since=since, until=until, disputed=disputed, kind=kind)
    if not q.strip():
        return render(
            request,
            "home.html",
            stats=stats(corpus),
            speakers=all_speakers(corpus)[:12],
            stories=all_stories(corpus)[:6],
            disputes=all_disputes(corpus)[:5],
            q="",
            filters=filters,
        )
    page, facets = search(corpus, q, filters, limit=limit, offset=offset)
    for row in page.items:
        row["snippet_html"] = snippet_html(row.get("snippet"))
    return render(
        request,
        "search.html",
        q=q,
        filters=filters,
        facets=facets,
        **pages(request, page),
    )


@router.get("/api/search", response_model=SearchPage, responses=ERRORS, tags=["search"])
def search_api(
    request: Request,
    *,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words, a phrase, or FTS5 syntax.")],
    outlet: Text = None,
    speaker: Text = None,
    since: Text = None,
    until: Text = None,
    disputed: bool = False,
    kind: Kind = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Articles and quotes matching ``q``, best first, with ``**``-marked snippets and facet counts."""
    check_window(limit, offset)
    page, facets = search(
        corpus_of(request),
        q,
        _filters(outlet=outlet, speaker=speaker, since=since, until=until, disputed=disputed, kind=kind),
        limit=limit,
        offset=offset,
    )
    return JSONResponse(ok_page(request, page, query=q, facets=_facets_dict(facets)))


def _facets_dict(f: Facets) -> dict[str, Any]:
    return f.as_dict()
