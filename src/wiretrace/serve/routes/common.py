"""What every route shares: paging parameters, the JSON envelope, the error responses they document."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import HTTPException, Query, Request
from pydantic import BaseModel

from wiretrace.serve.corpus import MAX_WINDOW, Page

__all__ = [
    "ERRORS",
    "Limit",
    "Offset",
    "One",
    "Paged",
    "check_window",
    "next_url",
    "ok",
    "ok_page",
    "pages",
    "prev_url",
]

Limit = Annotated[int, Query(ge=1, le=200, description="Rows on one page.")]
Offset = Annotated[int, Query(ge=0, description="Rows skipped before this page.")]


class ErrorBody(BaseModel):
    """The one error shape of every route."""

    ok: bool = False
    error: str
    status: int


class One(BaseModel):
    ok: bool = True
    data: dict[str, Any]


class Paged(BaseModel):
    ok: bool = True
    items: list[dict[str, Any]]
    limit: int
    offset: int
    more: bool
    next: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is missing or not valid."},
    404: {"model": ErrorBody, "description": "Nothing by that name in the corpus."},
}


def check_window(limit: int, offset: int) -> None:
    if offset + limit > MAX_WINDOW:
        raise HTTPException(400, f"offset + limit may be at most {MAX_WINDOW} — narrow the question instead")


def _with_offset(request: Request, offset: int, limit: int) -> str:
    params = dict(request.query_params)
    params["offset"] = str(offset)
    params["limit"] = str(limit)
    return f"{request.url.path}?{urlencode(params)}"


def next_url(request: Request, page: Page) -> str | None:
    """The address of the next page, or None on the last."""
    return _with_offset(request, page.offset + page.limit, page.limit) if page.more else None


def prev_url(request: Request, page: Page) -> str | None:
    """The address of the previous page, or None on the first."""
    return _with_offset(request, max(0, page.offset - page.limit), page.limit) if page.offset else None


def pages(request: Request, page: Page) -> dict[str, Any]:
    """``page``, ``prev`` and ``next`` for a template's pager."""
    return {"page": page, "prev": prev_url(request, page), "next": next_url(request, page)}


def ok(data: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "data": data}


def ok_page(request: Request, page: Page, **extra: Any) -> dict[str, Any]:
    return {"ok": True, **page.as_dict(), "next": next_url(request, page), **extra}
