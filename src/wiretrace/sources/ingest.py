"""Everything ``wiretrace ingest`` accepts → a stream of :class:`~wiretrace.analyze_api.Item` s.

One dispatcher for every kind of input, in the order given:

* a **folder** (walked recursively) or a **glob pattern** → each readable file in it;
* ``.jsonl``/``.ndjson`` → one item per line (``analyze --jsonl``'s format; ref = ``id``);
* ``.json`` → a JSON array of such records, or one record (else read as JSON Lines);
* a **WARC** / **WARC.gz** file → each HTML response record (ref = ``WARC-Record-ID``);
* an **RSS / Atom** feed (file or address) → each item (ref = its link);
* a **sitemap** (file or address) → each page it lists, fetched (ref = the page's URL);
* any other file → one article (ref = the path as given); an http(s) address → the page.

An input that cannot be read yields an :class:`InputError` in its place and the stream
goes on. Nothing is read ahead: a folder of a million files or a 10 GB WARC streams.
The ref of an item is ``item.given_id or item.doc.ref`` (:func:`ref_of`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from wiretrace import settings
from wiretrace.analyze_api import Item, Named, unexpected
from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.feeds import is_feed, read_feed
from wiretrace.sources.folders import expand
from wiretrace.sources.jsonl import _parse_line, read_jsonl
from wiretrace.sources.paths import read_path
from wiretrace.sources.remote import fetch_bytes
from wiretrace.sources.sitemaps import is_sitemap, read_sitemap
from wiretrace.sources.url import fetch_url, is_url
from wiretrace.sources.warc import is_warc, read_warc

__all__ = ["ingest_inputs", "raw_hash", "ref_of"]

_XML_HINTS = (".xml", ".rss", ".atom", "sitemap", "/feed", "/rss", "format=rss", "format=atom")
_HEAD = 4096


def ref_of(item: Item) -> str:
    return item.given_id or item.doc.ref


def raw_hash(doc: RawDocument) -> str:
    """What identifies an input's content: its bytes or text, media type, URL and given meta.

    The JSONL ``line`` number is left out, so moving a line in its file changes nothing.
    """
    digest = hashlib.sha256()
    digest.update(doc.media_type.encode())
    digest.update(b"\0" + (doc.url or "").encode())
    for key, value in sorted(doc.meta):
        if key != "line":
            digest.update(b"\0" + key.encode() + b"=" + value.encode())
    digest.update(b"\0")
    digest.update(doc.text.encode("utf-8") if doc.text is not None else doc.data)
    return digest.hexdigest()


def ingest_inputs(items: Sequence[str], *, transport: httpx.BaseTransport | None = None) -> Iterator[Named]:
    """Each input's documents as items, failures in place, in the order given."""
    for item in items:
        if is_url(item):
            yield from _guarded(item, _url(item, transport))
            continue
        found = False
        for path in expand(item):
            found = True
            yield from _guarded(path, _file(path, transport))
        if not found:
            yield InputError(item, "matches no files", "check the pattern or the folder")


def _guarded(name: str, read: Iterator[Named]) -> Iterator[Named]:
    try:
        yield from read
    except InputError as err:
        yield err
    except Exception as exc:  # noqa: BLE001 - a reader bug ends this input, not the run
        yield unexpected(name, exc, "reading it")


def _url(url: str, transport: httpx.BaseTransport | None) -> Iterator[Named]:
    if not url.lower().split("?")[0].endswith(_XML_HINTS) and not any(h in url.lower() for h in _XML_HINTS):
        yield Item(name=url, doc=fetch_url(url, transport=transport))
        return
    data = fetch_bytes(url, transport=transport)
    if is_feed(data[:_HEAD]):
        yield from _named(read_feed(data, url))
    elif is_sitemap(data[:_HEAD]):
        yield from _named(read_sitemap(data, url, transport=transport))
    else:
        yield InputError(
            url, "is neither an RSS/Atom feed nor a sitemap", "give the address of an article page, a feed or a sitemap"
        )


def _named(docs: Iterator[RawDocument | InputError]) -> Iterator[Named]:
    for doc in docs:
        yield doc if isinstance(doc, InputError) else Item(name=doc.ref, doc=doc)


def _file(path: str, transport: httpx.BaseTransport | None) -> Iterator[Named]:
    lower = path.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        yield from _jsonl(path)
        return
    if lower.endswith(".json"):
        yield from _json(path)
        return
    head = _head(path)
    if is_warc(path, head):
        yield from _named(read_warc(path))
    elif is_feed(head):
        yield from _named(read_feed(_whole(path), path))
    elif is_sitemap(head):
        yield from _named(read_sitemap(_whole(path), path, transport=transport))
    else:
        yield Item(name=path, doc=read_path(path))


def _head(path: str) -> bytes:
    try:
        with Path(path).open("rb") as f:
            return f.read(_HEAD)
    except OSError:
        return b""  # read_path names the problem


def _whole(path: str) -> bytes:
    limit = settings.get_int("max_input_bytes")
    with Path(path).open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(path, f"is over the {limit / 1_000_000:g} MB limit", "raise WIRETRACE_MAX_INPUT_BYTES")
    return data


def _jsonl(path: str) -> Iterator[Named]:
    for doc in read_jsonl(path):
        if isinstance(doc, InputError):
            yield doc
        else:
            yield Item(name=f"{path}:{doc.meta_get('line')}", doc=doc, given_id=doc.ref)


def _json(path: str) -> Iterator[Named]:
    """A JSON array of records, or one record; anything else is read as JSON Lines."""
    data = _whole(path)
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        yield from _jsonl(path)
        return
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, 1):
        where = f"{path}:{number}" if isinstance(value, list) else path
        try:
            doc = _parse_line(json.dumps(record).encode("utf-8"), where, number)
        except InputError as err:
            yield err
            continue
        yield Item(name=where, doc=doc, given_id=doc.ref)
