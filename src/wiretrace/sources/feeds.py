"""RSS and Atom feeds → one :class:`RawDocument` per item (via ``feedparser``).

An item's ``content`` (else its ``summary``) is the article, read as HTML; its ``link`` is
the ref and URL (else its ``id``, else ``FEED#N``); its title, authors and publication
date travel as meta, and the feed's title as the outlet. An item without text is one
error line naming it. A feed that breaks off (a truncated download) yields the items read
before the break, then one line saying how many were read.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.jsonl import AUTHORS_SEPARATOR

__all__ = ["is_feed", "read_feed"]

_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def is_feed(head: bytes) -> bool:
    """Whether the first bytes of a file look like an RSS or Atom feed."""
    return _FEED_START.search(head[:2048]) is not None


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputError]:
    """Every item of the feed ``data`` (read from ``source``), in feed order."""
    parsed: Any = feedparser.parse(data)
    entries = list(parsed.entries)
    broken = bool(parsed.bozo) and not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride)
    if broken and entries and not _complete(entries[-1]):
        entries.pop()  # the item the download broke off in
    if not entries:
        why = f" ({parsed.get('bozo_exception')})" if broken else ""
        yield InputError(
            source, f"is not a readable RSS or Atom feed, or has no items{why}", "check the file or address"
        )
        return
    outlet = str(parsed.feed.get("title") or "").strip()
    for number, entry in enumerate(entries, 1):
        try:
            yield _item(entry, source, number, outlet)
        except InputError as err:
            yield err
    if broken:
        yield InputError(
            source,
            f"feed is malformed or ends mid-item after {len(entries)} items ({parsed.get('bozo_exception')})",
            f"the {len(entries)} were read; fetch the feed again",
        )


def _complete(entry: Any) -> bool:
    return bool(entry.get("link") or entry.get("id")) and bool(_text(entry))


def _text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = str(content.get("value") or "")
        if value.strip():
            return value
    return str(entry.get("summary") or "")


def _item(entry: Any, source: str, number: int, outlet: str) -> RawDocument:
    link = str(entry.get("link") or "").strip()
    ref = link or str(entry.get("id") or "").strip() or f"{source}#{number}"
    text = _text(entry)
    if not text.strip():
        raise InputError(ref, f"item {number} of {source} has no text (no content or summary)", "ingest its link")
    title = html.unescape(str(entry.get("title") or "")).strip()
    meta: list[tuple[str, str]] = []
    if title:
        meta.append(("headline", title))
    if outlet:
        meta.append(("outlet", outlet))
    names = [str(a.get("name") or "").strip() for a in entry.get("authors") or []]
    if authors := AUTHORS_SEPARATOR.join(n for n in names if n):
        meta.append(("authors", authors))
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if when:
        meta.append(("published", dt.date(when.tm_year, when.tm_mon, when.tm_mday).isoformat()))
    if link:
        meta.append(("url", link))
    page = f"<html><head><title>{html.escape(title)}</title></head><body><article>{text}</article></body></html>"
    return RawDocument(ref=ref, media_type="text/html", data=page.encode("utf-8"), url=link or None, meta=tuple(meta))
