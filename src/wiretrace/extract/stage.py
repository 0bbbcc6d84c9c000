"""The extract stage: ``analysis.raw`` (a :class:`RawDocument`) → ``analysis.article``.

Rules:

* a document with ``text`` set (a JSONL ``text``) is the body **verbatim**: no header
  parsing, no newline change, so offsets index the given string exactly;
* HTML is read by :mod:`wiretrace.extract.html`, plain text by
  :mod:`wiretrace.extract.plaintext`;
* meta ``outlet``, ``headline``, ``authors`` (joined with "; ") and ``url`` were given by a
  person or a feed, so they override what was read;
* meta ``published`` (``--published`` or a JSONL field, YYYY-MM-DD) only **fills** a
  missing date: a date the article itself carries wins, and ``published_source`` says
  which one was used (ARTICLE/METADATA, else GIVEN);
* an empty body, or one over ``max_body_chars``, is an :class:`InputError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import ClassVar

from wiretrace import settings
from wiretrace.errors import InputError
from wiretrace.extract.encoding import decode_bytes
from wiretrace.extract.html import parse_html
from wiretrace.extract.plaintext import parse_plaintext
from wiretrace.model import Analysis, Article, PublishedSource, RawDocument
from wiretrace.pipeline import Stage
from wiretrace.sources.jsonl import split_authors
from wiretrace.sources.sniff import binary_kind

__all__ = ["ExtractStage", "read_article"]


def read_article(raw: RawDocument) -> Article:
    """Read one document into an :class:`Article`; raise :class:`InputError` if it cannot be."""
    if raw.text is not None:
        article = Article(body=raw.text)
    else:
        kind = binary_kind(raw.data)
        if kind is not None:
            raise InputError(raw.ref, f"looks like {kind}, not text or HTML", "give the article as text or HTML")
        is_html = raw.media_type in ("text/html", "application/xhtml+xml")
        text = decode_bytes(raw.data, raw.ref, charset=raw.meta_get("charset"), html=is_html)
        article = parse_html(text, raw.ref, url=raw.url) if is_html else parse_plaintext(text)
    article = _apply_meta(article, raw)
    if not article.body.strip():
        raise InputError(raw.ref, "has no article text", "give a file or page that holds an article")
    limit = settings.get_int("max_body_chars")
    if len(article.body) > limit:
        raise InputError(
            raw.ref,
            f"the article text is {len(article.body):,} characters, over the {limit:,} limit",
            "split it, or raise WIRETRACE_MAX_BODY_CHARS (setting max_body_chars)",
        )
    return article


def _apply_meta(article: Article, raw: RawDocument) -> Article:
    changes: dict[str, object] = {}
    for key in ("outlet", "headline", "url"):
        value = raw.meta_get(key)
        if value:
            changes[key] = value
    if raw.url and "url" not in changes and article.url is None:
        changes["url"] = raw.url
    if authors := split_authors(raw.meta_get("authors") or ""):
        changes["authors"] = authors
    given = raw.meta_get("published")
    if given:
        date = _given_date(given, raw.ref)
        if article.published is None:
            changes["published"] = date
            changes["published_source"] = PublishedSource.GIVEN
    return replace(article, **changes) if changes else article  # type: ignore[arg-type]


def _given_date(value: str, ref: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as err:
        raise InputError(ref, f"the given publication date {value!r} is not a date", "write it as YYYY-MM-DD") from err


class ExtractStage(Stage):
    """Reads the raw input into an :class:`Article` (the first stage of every pipeline)."""

    name: ClassVar[str] = "extract"
    version: ClassVar[str] = "2"
    needs: ClassVar[frozenset[str]] = frozenset({"raw"})
    gives: ClassVar[frozenset[str]] = frozenset({"article"})

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.raw is None:
            raise InputError(analysis.input, "nothing was read for this input", "give a file, URL or JSONL line")
        return replace(analysis, article=read_article(analysis.raw))
