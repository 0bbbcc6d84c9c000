"""Sitemaps (``<urlset>``, ``<sitemapindex>``) → the pages they list, fetched one by one.

Each ``<loc>`` of a ``<urlset>`` is fetched with :func:`wiretrace.sources.url.fetch_url`
(its ``<lastmod>`` date travels as the ``published`` hint); each ``<loc>`` of a
``<sitemapindex>`` is fetched and read as a sitemap in turn, down to :data:`MAX_DEPTH`.
A page that cannot be fetched is one error line; the others go on.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import httpx
from lxml import etree

from wiretrace.errors import InputError
from wiretrace.model import RawDocument, replace
from wiretrace.sources.remote import fetch_bytes
from wiretrace.sources.url import fetch_url

__all__ = ["MAX_DEPTH", "is_sitemap", "read_sitemap", "sitemap_entries"]

MAX_DEPTH = 3
_START = re.compile(rb"<(?:\w+:)?(?:urlset|sitemapindex)[\s>]")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_sitemap(head: bytes) -> bool:
    return _START.search(head[:4096]) is not None


def sitemap_entries(data: bytes, source: str) -> tuple[str, list[tuple[str, str | None]]]:
    """``("urlset" | "sitemapindex", [(loc, lastmod)])``; :class:`InputError` if it is not a sitemap."""
    kind = ""
    found: list[tuple[str, str | None]] = []
    try:
        for _, elem in etree.iterparse(io.BytesIO(data), events=("end",), resolve_entities=False, no_network=True):
            tag = etree.QName(elem).localname
            if tag in ("url", "sitemap"):
                loc = lastmod = None
                for child in elem:
                    name = etree.QName(child).localname
                    if name == "loc":
                        loc = (child.text or "").strip()
                    elif name == "lastmod":
                        lastmod = (child.text or "").strip()
                if loc:
                    found.append((loc, lastmod))
                elem.clear()
            elif tag in ("urlset", "sitemapindex"):
                kind = tag
    except etree.XMLSyntaxError as err:
        raise InputError(
            source, f"is not a readable sitemap ({err}) after {len(found)} addresses", "fetch it again"
        ) from err
    if not kind:
        raise InputError(
            source, "is not a sitemap (no <urlset> or <sitemapindex>)", "give a sitemap XML file or address"
        )
    return kind, found


def read_sitemap(
    data: bytes, source: str, *, transport: httpx.BaseTransport | None = None, depth: int = 0
) -> Iterator[RawDocument | InputError]:
    """Every page the sitemap lists, fetched; child sitemaps followed."""
    try:
        kind, entries = sitemap_entries(data, source)
    except InputError as err:
        yield err
        return
    for loc, lastmod in entries:
        if kind == "sitemapindex":
            if depth >= MAX_DEPTH:
                yield InputError(loc, f"sitemaps nest deeper than {MAX_DEPTH} levels", "give the inner sitemap itself")
                continue
            try:
                child = fetch_bytes(loc, transport=transport)
            except InputError as err:
                yield err
                continue
            yield from read_sitemap(child, loc, transport=transport, depth=depth + 1)
            continue
        try:
            doc = fetch_url(loc, transport=transport)
        except InputError as err:
            yield err
            continue
        if lastmod and _DAY.match(lastmod):
            doc = replace(doc, meta=(*doc.meta, ("published", lastmod[:10])))
        yield doc
