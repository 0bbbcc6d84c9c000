"""Check a claim: who supports, disputes or only repeats it, counted by independent origin."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from wiretrace.serve.app import corpus_of, render
from wiretrace.serve.reads import check
from wiretrace.serve.routes.common import ERRORS, One, ok

__all__ = ["router"]

router = APIRouter()

Candidates = Annotated[int, Query(ge=1, le=200, description="Articles retrieved by full-text search and scored.")]


@router.get("/check", response_class=HTMLResponse, include_in_schema=False)
def check_page(
    request: Request, claim: Annotated[str, Query(max_length=1000)] = "", candidates: Candidates = 20
) -> HTMLResponse:
    result = check(corpus_of(request), claim, candidates=candidates) if claim.strip() else None
    groups = {}
    if result is not None:
        for stance in ("disputes", "supports", "reports"):
            groups[stance] = [m for m in result["matches"] if m["stance"] == stance]
    return render(request, "check.html", claim=claim, result=result, groups=groups)


@router.get("/api/check", response_model=One, responses=ERRORS, tags=["claims"])
def check_api(
    request: Request,
    claim: Annotated[str, Query(min_length=1, max_length=1000, description="The claim, in plain words.")],
    candidates: Candidates = 20,
) -> JSONResponse:
    """Who disputes, supports or reports the claim, with evidence spans, counted by independent
    origin (``wiretrace check``). No verdict: who says what, where, how many independent sources."""
    return JSONResponse(ok(check(corpus_of(request), claim, candidates=candidates)))
