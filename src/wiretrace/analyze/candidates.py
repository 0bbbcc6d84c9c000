"""A quote as first found, before its speaker is resolved: its span and the attribution read
off the parse (:class:`Attribution`, from ``attribution``), and the span trimming all
finders share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wiretrace.model import QuoteKind, Span

__all__ = ["MIN_REPORTED_WORDS", "PARAGRAPH", "Attribution", "Found", "in_any", "trim"]

PARAGRAPH = re.compile(r"[^\n]+")
MIN_REPORTED_WORDS = 3


def in_any(spans: Iterable[Span], offset: int) -> bool:
    """Whether ``offset`` lies inside one of ``spans`` (a quote's, say)."""
    return any(s.start <= offset < s.end for s in spans)


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: Span  # the reporting words: "said", "called for", "according to"
    source: int | None  # token heading the source's noun phrase
    verb: int | None  # the reporting verb token, when there is one
    rule: str  # which rule found it (for debugging and evaluation)


@dataclass(frozen=True, slots=True)
class Found:
    span: Span
    kind: QuoteKind
    attribution: Attribution | None
    fragments: tuple[Span, ...]
    how: str = "marks"  # how the span was found: a key of SPAN_CONFIDENCE


TRIM_CHARS = " \t\n,;:.—–-"


def trim(body: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and body[start] in TRIM_CHARS:
        start += 1
    while end > start and body[end - 1] in TRIM_CHARS:
        end -= 1
    return Span(start, end) if end > start else None
