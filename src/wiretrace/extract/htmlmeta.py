"""Metadata a page declares about itself: JSON-LD, OpenGraph, ``<link rel=canonical>``.

Only the parsed tree is read here (no text heuristics): :mod:`wiretrace.extract.html`
combines these values with trafilatura's and htmldate's.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["PageMeta", "read_page_meta"]

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "SocialMediaPosting",
        "TechArticle",
        "SatiricalArticle",
    }
)
PAGE_TYPES = frozenset({"Question", "DiscussionForumPosting", "Review", "Recipe"})
_TAGS = re.compile(r"<[^>]{0,200}>")
_COMMENTS = re.compile(r"<!--.*?-->|/\*.*?\*/|<!\[CDATA\[|\]\]>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class PageMeta:
    headline: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # as written: ISO date or datetime
    page_published: str | None = None  # datePublished of the page itself (WebPage, Question …)
    publisher: str | None = None
    based_on_url: str | None = None
    based_on_title: str | None = None
    based_on_outlet: str | None = None
    site_name: str | None = None
    og_title: str | None = None
    og_published: str | None = None
    canonical: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()  # JSON-LD keywords, article:tag metas, rel="tag" links


def read_page_meta(tree: Any) -> PageMeta:
    """Everything :class:`PageMeta` holds, from an lxml HTML tree."""
    nodes = _json_ld_nodes(tree)
    graph = {str(n["@id"]): n for n in nodes if isinstance(n.get("@id"), str)}
    article = next((n for n in nodes if _types(n) & ARTICLE_TYPES), None)
    og = _meta_properties(tree)
    based = _first(article, "isBasedOn", "isBasedOnUrl", "citation") if article else None
    based_url, based_title, based_outlet = _credit_of(based, graph)
    canonical = tree.xpath("string(//link[translate(@rel,'CANONICAL','canonical')='canonical'][1]/@href)")
    lang = tree.xpath("string(/html/@lang | //html/@lang)") or og.get("og:locale", "")
    return PageMeta(
        headline=_text(_first(article, "headline", "name")) if article else None,
        authors=tuple(_names(article.get("author"), graph)) if article else (),
        published=_text(_first(article, "datePublished", "dateCreated")) if article else None,
        page_published=_page_published(nodes),
        publisher=_name(article.get("publisher"), graph) if article else None,
        based_on_url=based_url,
        based_on_title=based_title,
        based_on_outlet=based_outlet,
        site_name=og.get("og:site_name"),
        og_title=og.get("og:title"),
        og_published=og.get("article:published_time") or og.get("og:article:published_time"),
        canonical=str(canonical).strip() or og.get("og:url"),
        language=_language(str(lang)),
        tags=_tags(tree, article),
    )


def _tags(tree: Any, article: dict[str, Any] | None) -> tuple[str, ...]:
    """The page's own subject tags, from the first of: JSON-LD keywords, article:tag, rel=tag."""
    keywords = article.get("keywords") if article else None
    if isinstance(keywords, str):
        found = [k.strip() for k in keywords.split(",")]
    elif isinstance(keywords, list):
        found = [k.strip() for k in keywords if isinstance(k, str)]
    else:
        found = []
    if not found:
        found = [str(v).strip() for v in tree.xpath("//meta[@property='article:tag']/@content")]
    if not found:
        links = tree.xpath(
            "//a[contains(concat(' ', @rel, ' '), ' tag ') or contains(@href, '/tag/') or contains(@href, '/tags/')]"
        )
        found = [" ".join(a.text_content().split()) for a in links]
    unique: dict[str, None] = {}
    for tag in found:
        if tag and len(tag) <= 80:
            unique.setdefault(tag, None)
    return tuple(unique)[:30]


# -- JSON-LD --------------------------------------------------------------------------


def _page_published(nodes: list[dict[str, Any]]) -> str | None:
    """``datePublished`` of a node that stands for the page: a ``WebPage`` kind, a question, a post."""
    for node in nodes:
        kinds = _types(node)
        page_like = any(k.endswith("Page") for k in kinds) or bool(kinds & PAGE_TYPES)
        if page_like and (value := _text(node.get("datePublished"))) is not None:
            return value
    return None


def _json_ld_nodes(tree: Any) -> list[dict[str, Any]]:
    """Every object of the page's JSON-LD, in document order (``@graph`` and list items included)."""
    nodes: list[dict[str, Any]] = []
    for script in tree.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
        raw = _COMMENTS.sub("", script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        nodes.extend(_walk(data, depth=0))
    return nodes


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk(data[key], depth + 1)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _first(node: dict[str, Any] | None, *keys: str) -> Any:
    if node is None:
        return None
    for key in keys:
        value = node.get(key)
        if value not in (None, "", []):
            return value
    return None


def _resolve(value: Any, graph: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and str(value.get("@id")) in graph:
        return graph[str(value["@id"])]
    return value


def _name(value: Any, graph: dict[str, dict[str, Any]]) -> str | None:
    value = _resolve(value[0] if isinstance(value, list) and value else value, graph)
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _names(value: Any, graph: dict[str, dict[str, Any]]) -> Iterator[str]:
    for item in value if isinstance(value, list) else [value]:
        name = _name(item, graph)
        if name and not name.startswith(("http://", "https://")):
            yield name


def _credit_of(value: Any, graph: dict[str, dict[str, Any]]) -> tuple[str | None, str | None, str | None]:
    value = _resolve(value[0] if isinstance(value, list) and value else value, graph)
    if isinstance(value, str):
        return (value, None, None) if value.startswith(("http://", "https://")) else (None, None, value)
    if isinstance(value, dict):
        url = _text(value.get("url") or value.get("@id"))
        url = url if url and url.startswith(("http://", "https://")) else None
        title = _text(value.get("headline") or value.get("name"))
        return url, title, _name(value.get("publisher"), graph)
    return None, None, None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    text = html.unescape(_TAGS.sub(" ", str(value)))
    return " ".join(text.split()) or None


# -- OpenGraph and <meta> ---------------------------------------------------------------


def _meta_properties(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.xpath("//meta[@property or @name][@content]"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        if key and value and key not in found:
            found[key] = value
    return found


def _language(lang: str) -> str | None:
    code = lang.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
