"""Analyze at once: pasted text, an uploaded file or a URL, through the same pipeline as ``analyze``.

Nothing a request sends is used as a path: pasted text and uploads are bytes in memory (an
upload's file name only picks text or HTML by its suffix and names the input), and a URL is
fetched by :func:`wiretrace.sources.url.fetch_url`, which takes ``http(s)`` only. The result
is the output contract; with ``--allow-write`` it can be stored like ``ingest`` stores an input
(ref: the URL, else the analysis id) and linked into its story.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.pipeline import Pipeline
from wiretrace.serve.corpus import Corpus
from wiretrace.store.base import JSON

__all__ = ["Submitted", "analyze", "from_text", "from_upload", "from_url", "store"]

_lock = threading.Lock()  # one analysis at a time: the spaCy pipeline is not shared between threads
_pipeline: list[Pipeline] = []


@dataclass(frozen=True, slots=True, kw_only=True)
class Submitted:
    """An input from a form: its name for people, the document, the ref to store it under (None: its id)."""

    name: str
    doc: RawDocument
    ref: str | None = None


def from_text(text: str, *, html: bool = False) -> Submitted:
    if not text.strip():
        raise InputError("pasted text", "is empty", "paste an article's text or HTML")
    media_type = "text/html" if html else "text/plain"
    return Submitted(
        name="pasted text", doc=RawDocument(ref="pasted text", media_type=media_type, data=text.encode("utf-8"))
    )


def from_upload(filename: str, data: bytes) -> Submitted:
    from wiretrace.sources.paths import check_bytes, media_type_for  # noqa: PLC0415 - string work, no file access

    name = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"
    check_bytes(data, name)
    return Submitted(name=name, doc=RawDocument(ref=name, media_type=media_type_for(name, data), data=data))


def from_url(url: str) -> Submitted:
    from wiretrace.sources.url import fetch_url, is_url  # noqa: PLC0415 - httpx loads on use

    url = url.strip()
    if not is_url(url):
        raise InputError(url or "the URL", "is not an http(s) URL", "give an address starting with http:// or https://")
    return Submitted(name=url, doc=fetch_url(url), ref=url)


def _pipe() -> Pipeline:
    if not _pipeline:
        from wiretrace.registry import build_pipeline  # noqa: PLC0415 - loads spaCy on first analysis

        _pipeline.append(build_pipeline(None))
    return _pipeline[0]


def analyze(item: Submitted) -> JSON:
    """The analysis of one input (the output contract); :class:`InputError` when it cannot be read."""
    from wiretrace.analyze_api import Item, analyze_documents  # noqa: PLC0415
    from wiretrace.output.serialize import analysis_to_dict  # noqa: PLC0415

    with _lock:
        result = next(analyze_documents([Item(name=item.name, doc=item.doc)], pipeline=_pipe()))
    if isinstance(result, InputError):
        raise result
    return analysis_to_dict(result)


def store(corpus: Corpus, item: Submitted, data: JSON) -> tuple[str, str]:
    """Store an analysis as ``ingest`` would and link it into its story: ``(ref, status)``."""
    from wiretrace.link import link_new  # noqa: PLC0415
    from wiretrace.sources.ingest import raw_hash  # noqa: PLC0415
    from wiretrace.stance.text import stored_text  # noqa: PLC0415
    from wiretrace.store.base import Record  # noqa: PLC0415

    ref = item.ref or str(data["id"])
    gives = {s.name: tuple(sorted(s.gives)) for s in _pipe().stages}
    counts = stored_text(data["article"]["body"])  # for check, as an ingest's workers count them
    record = Record(ref=ref, input=item.name, raw_hash=raw_hash(item.doc), data=data, gives=gives, stance_counts=counts)
    with corpus.writer() as db:
        stored = db.put(record)
        link_new(db, stored.article_id)
    return ref, stored.status.value
