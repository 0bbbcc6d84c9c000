"""The article page: the body with every quote, entity and date marked; provenance; lineage; disputes."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from wiretrace.serve.app import corpus_of, render
from wiretrace.serve.markup import anchor_of, article_body, speaker_colors
from wiretrace.serve.reads import article
from wiretrace.serve.routes.common import ERRORS, One, ok
from wiretrace.store.base import JSON

__all__ = ["router", "safe_url", "speaker_legend"]

router = APIRouter()

Ref = Annotated[
    str, Query(min_length=1, max_length=2000, description="The article's ref, analysis id or 8+ hex digits of its id.")
]
_MARK = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def safe_url(url: str | None) -> str | None:
    """An address we may link to: http(s) only (an article's ``javascript:`` URL is shown as text)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def speaker_legend(data: JSON) -> list[JSON]:
    colors = speaker_colors(data.get("quotes", []))
    counts: dict[str, int] = {}
    unattributed = 0
    for q in data.get("quotes", []):
        name = (q.get("speaker") or {}).get("name")
        if name:
            counts[name] = counts.get(name, 0) + 1
        else:
            unattributed += 1
    legend = [{"name": n, "color": f"sp-{c}", "quotes": counts[n]} for n, c in colors.items()]
    if unattributed:
        legend.append({"name": None, "color": "sp-none", "quotes": unattributed})
    return legend


def _found(request: Request, ref: str) -> JSON:
    data = article(corpus_of(request), ref)
    if data is None:
        raise HTTPException(404, f"{ref}: no such article in this corpus — find it with the search box")
    return data


@router.get("/article", response_class=HTMLResponse, include_in_schema=False)
def article_page(
    request: Request,
    ref: Ref,
    mark: Annotated[str | None, Query(max_length=24, description="A span START-END to highlight.")] = None,
) -> HTMLResponse:
    data = _found(request, ref)
    highlight = None
    if mark and (m := _MARK.match(mark)):
        highlight = (int(m[1]), int(m[2]))
    art = data.get("article") or {}
    return render(
        request,
        "article.html",
        data=data,
        art=art,
        body=article_body(data, highlight=highlight),
        legend=speaker_legend(data),
        url=safe_url(art.get("url")),
        source_url=safe_url((art.get("source") or {}).get("url")),
        anchor_of=anchor_of,
        entities=sorted(data.get("entities", []), key=lambda e: (e["type"], -len(e.get("mentions", [])), e["name"])),
    )


@router.get("/api/article", response_model=One, responses=ERRORS, tags=["articles"])
def article_api(request: Request, ref: Ref) -> JSONResponse:
    """One article's stored analysis (as ``wiretrace show`` gives it), plus ``refs``, ``history``,
    ``lineage`` (its sources and copies), ``dispute_pairs`` and ``cross_disputes``."""
    return JSONResponse(ok(_found(request, ref)))
