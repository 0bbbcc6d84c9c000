"""Analyze: paste text, upload a file or give a URL; see the analysis at once; store it if allowed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from wiretrace.errors import InputError
from wiretrace.serve import analyze as run
from wiretrace.serve.app import corpus_of, render
from wiretrace.serve.corpus import Corpus
from wiretrace.serve.markup import anchor_of, article_body
from wiretrace.serve.routes.article import safe_url, speaker_legend
from wiretrace.serve.routes.common import ERRORS, One, ok

__all__ = ["router"]

router = APIRouter()

Text = Annotated[str | None, Form(description="The article's text (or HTML with fmt=html).")]
Fmt = Annotated[str, Form(pattern="^(text|html)$", description="How to read the pasted text.")]
Url = Annotated[str | None, Form(max_length=2000, description="An http(s) address to fetch.")]
Keep = Annotated[bool, Form(description="Store it (the server must run with --allow-write).")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Given:
    """What the form gave: exactly one of text, URL or file (its name and bytes)."""

    text: str | None
    fmt: str
    url: str | None
    filename: str | None
    raw: bytes | None
    keep: bool

    def item(self) -> run.Submitted:
        if self.filename and self.raw is not None:
            return run.from_upload(self.filename, self.raw)
        if self.url and self.url.strip():
            return run.from_url(self.url)
        return run.from_text(self.text or "", html=self.fmt == "html")


async def _given(  # noqa: PLR0917 - the form's fields
    request: Request, text: str | None, fmt: str, url: str | None, upload: UploadFile | None, keep: bool
) -> Given:
    """The form checked (one input; writes allowed when asked to keep) and an upload read."""
    filename = upload.filename if upload is not None else None
    if len([x for x in (text and text.strip(), url and url.strip(), filename) if x]) != 1:
        raise HTTPException(400, "nothing to analyse — give one of: pasted text, a file, or a URL")
    if keep and not corpus_of(request).allow_write:
        raise HTTPException(403, "this server is read-only — start it with --allow-write to store articles")
    raw = await upload.read() if upload is not None and filename else None
    return Given(text=text, fmt=fmt, url=url, filename=filename, raw=raw, keep=keep)


def _analyse(corpus: Corpus, given: Given) -> tuple[dict[str, Any], str | None]:
    """Fetch (a URL), analyse, and store when asked: runs in a worker thread."""
    item = given.item()
    data = run.analyze(item)
    if not given.keep:
        return data, None
    ref, status = run.store(corpus, item, data)
    data["stored"] = {"ref": ref, "status": status}
    return data, ref


@router.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", data=None, text="", url="", fmt="text", error=None)


@router.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
async def analyze_page(  # noqa: PLR0917 - the form's fields
    request: Request,
    text: Text = None,
    fmt: Fmt = "text",
    url: Url = None,
    file: UploadFile | None = None,
    keep: Keep = False,
) -> HTMLResponse:
    form: dict[str, Any] = {"text": text or "", "url": url or "", "fmt": fmt}
    try:
        given = await _given(request, text, fmt, url, file, keep)
        data, stored = await run_in_threadpool(_analyse, corpus_of(request), given)
    except (InputError, HTTPException) as err:
        message = err.detail if isinstance(err, HTTPException) else str(err)
        status = err.status_code if isinstance(err, HTTPException) else 400
        return render(request, "analyze.html", status=status, data=None, error=message, **form)
    art = data.get("article") or {}
    return render(
        request,
        "analyze.html",
        data=data,
        art=art,
        body=article_body(data),
        legend=speaker_legend(data),
        url_link=safe_url(art.get("url")),
        stored=stored,
        anchor_of=anchor_of,
        error=None,
        **form,
    )


@router.post(
    "/api/analyze",
    response_model=One,
    responses={
        **ERRORS,
        403: {**ERRORS[400], "description": "The server is read-only, or the form came from another site."},
        413: {**ERRORS[400], "description": "The request is larger than the server accepts."},
    },
    tags=["analyze"],
)
async def analyze_api(  # noqa: PLR0917 - the form's fields
    request: Request,
    text: Text = None,
    fmt: Fmt = "text",
    url: Url = None,
    file: UploadFile | None = None,
    keep: Keep = False,
) -> JSONResponse:
    """Analyse one input at once (as ``wiretrace analyze`` does); ``keep`` stores it as ``ingest`` does.

    Give exactly one of ``text``, ``url`` or ``file`` (multipart form)."""
    given = await _given(request, text, fmt, url, file, keep)
    data, _ = await run_in_threadpool(_analyse, corpus_of(request), given)
    return JSONResponse(ok(data))
