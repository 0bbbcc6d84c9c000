"""Phrases read off the dependency parse: subtrees, noun phrases, titles and appositions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from wiretrace.analyze.cues import ROLE_NOUNS
from wiretrace.model import Mention, Parse, Span, Token

__all__ = [
    "children",
    "described_source",
    "descriptions_of",
    "is_subject",
    "noun_phrase",
    "root_of",
    "strip_span",
    "subtree",
    "tokens_in",
]

_LEADING = ("the ", "The ")
_TRAILING_POSSESSIVE = ("’s", "'s", "’", "'")
_TRIM = ' \t\n,.;:!?"“”‘’()[]—–-'
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Bros)\.)$")
# Marks that end whatever came before an unnamed source: a quote, a sentence, a clause.
_BEFORE_SOURCE = frozenset({"”", "“", '"', "»", "«", "''", "`", "?", "!", ".", ";", ":", "—", "–"})
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PUNCT", "ADP", "NUM", "CCONJ"})


def strip_span(body: str, span: Span) -> Span | None:
    """Trim a leading "the", a trailing possessive, and punctuation from an entity span."""
    start, end = span.start, span.end
    text = body[start:end]
    for lead in _LEADING:
        if text.startswith(lead) and len(text) > len(lead):
            start += len(lead)
            break
    text = body[start:end]
    for tail in _TRAILING_POSSESSIVE:
        if text.endswith(tail) and len(text) > len(tail) + 1:
            end -= len(tail)
            break
    while start < end and (body[start] in _TRIM or body[start].isspace()):
        start += 1
    while end > start and (body[end - 1] in _TRIM or body[end - 1].isspace()):
        if body[end - 1] == "." and _ABBREVIATION.search(body, start, end):
            break  # "U.S.", "Jr.", "D.C." keep their own period
        end -= 1
    return Span(start, end) if end > start else None


def tokens_in(parse: Parse, span: Span) -> range:
    """Token indices whose characters lie inside ``span`` (empty range if none); a span that
    starts or ends on whitespace (“… community,' ”) still holds the tokens within it."""
    start, end = span.start, max(span.start, span.end - 1)
    first, last = parse.token_at(start), parse.token_at(end)
    while first is None and start < end:
        start += 1
        first = parse.token_at(start)
    while last is None and end > start:
        end -= 1
        last = parse.token_at(end)
    if first is None or last is None:
        return range(0)
    return range(first, last + 1)


def is_subject(parse: Parse, i: int) -> bool:
    """A subject, or the name in apposition to one ("Her deputy, Morten Eide, was …")."""
    tok = parse.tokens[i]
    if tok.dep in {"nsubj", "nsubjpass"}:
        return True
    return tok.dep == "appos" and parse.tokens[tok.head].dep in {"nsubj", "nsubjpass"}


def root_of(parse: Parse, indices: range) -> int:
    """The token of ``indices`` whose head lies outside them (the phrase's head)."""
    for i in indices:
        head = parse.tokens[i].head
        if head == i or head not in indices:
            return i
    return indices[-1]


def children(parse: Parse, i: int) -> list[int]:
    sentence = parse.sentence_of(i)
    lo, hi = (sentence.first, sentence.last) if sentence else (0, len(parse.tokens))
    return [j for j in range(lo, hi) if j != i and parse.tokens[j].head == i]


def subtree(parse: Parse, i: int) -> tuple[int, int]:
    """``[first, last)`` token range of ``i``'s subtree (the parse is projective)."""
    sentence = parse.sentence_of(i)
    lo, hi = (sentence.first, sentence.last) if sentence else (0, len(parse.tokens))
    first = last = i
    for j in range(lo, hi):
        if _descends(parse.tokens, j, i, lo, hi):
            first, last = min(first, j), max(last, j)
    return first, last + 1


def _descends(tokens: tuple[Token, ...], j: int, ancestor: int, lo: int, hi: int) -> bool:
    seen = 0
    while seen <= hi - lo:
        if j == ancestor:
            return True
        head = tokens[j].head
        if head == j or not lo <= head < hi:
            return False
        j = head
        seen += 1
    return False


def token_span(parse: Parse, first: int, last: int) -> Span:
    return Span(parse.tokens[first].start, parse.tokens[last - 1].end)


def noun_phrase(parse: Parse, i: int, *, with_clauses: bool = False, stop_at_comma: bool = True) -> Span:
    """The noun phrase headed by token ``i``: its subtree, cut before a relative clause or
    apposition (and a comma, if ``stop_at_comma``) unless ``with_clauses``."""
    first, last = subtree(parse, i)
    if not with_clauses:
        for c in children(parse, i):
            if c > i and parse.tokens[c].dep in {"relcl", "appos", "acl"}:
                last = min(last, subtree(parse, c)[0])
        for j in range(i + 1, last):
            tok = parse.tokens[j]
            if (stop_at_comma and tok.text in {",", "—", "–", "(", ";", ":"}) or (
                tok.head == i and tok.dep in {"relcl", "appos", "acl"}
            ):
                last = j
                break
    return _without_edge_punct(parse, first, last)


def _without_edge_punct(parse: Parse, first: int, last: int) -> Span:
    """The span of tokens ``[first, last)`` less punctuation at either end."""
    while last - 1 > first and parse.tokens[last - 1].pos in {"PUNCT", "SPACE"}:
        last -= 1
    while first < last - 1 and parse.tokens[first].pos in {"PUNCT", "SPACE"}:
        first += 1
    return token_span(parse, first, last)


def described_source(parse: Parse, i: int, *, limit: int = 14) -> Span:
    """An unnamed source with what the article says of it: "a senior official in the
    foreign ministry", "a witness interviewed by congressional staff", "voters who say the
    economy matters most" — up to a comma or dash, at most ``limit`` tokens."""
    first, last = subtree(parse, i)
    last = min(last, i + limit)
    for j in range(i + 1, last):
        if parse.tokens[j].text in {",", "—", "–", "(", ";", ":", "“", '"', "''", "`"}:
            last = j
            break
    for j in range(i - 1, first - 1, -1):
        tok = parse.tokens[j]
        spaced = tok.text == "-" and j > 0 and parse.tokens[j - 1].end < tok.start  # "… overhype - HuffPollster"
        if tok.text in _BEFORE_SOURCE or spaced:
            first = j + 1  # "“What if …?” the 43-year-old asked": the parse took the quote in
            break
    return _without_edge_punct(parse, first, last)


def descriptions_of(body: str, parse: Parse, mentions: Iterable[Mention]) -> tuple[str, ...]:
    """Titles before a name ("Ukrainian President"), appositions after it, and the noun it is set
    beside ("his wife, Joan,")."""
    found: list[str] = []
    for mention in mentions:
        indices = tokens_in(parse, mention.span)
        if not indices:
            continue
        root = root_of(parse, indices)
        before, after = _title_before(body, parse, root, indices), _apposition(body, parse, root)
        for text in (before, after, _apposed_to(body, parse, root)):
            if text and text not in found and text != mention.text:
                found.append(text)
    return tuple(found)


def _title_before(body: str, parse: Parse, root: int, indices: range) -> str | None:
    left = [
        c
        for c in children(parse, root)
        if c < indices[0]
        and parse.tokens[c].dep in _TITLE_DEPS
        and (parse.tokens[c].ent_type != "PERSON" or parse.tokens[c].lower in ROLE_NOUNS)
    ]
    if not left:
        return None
    first = min(subtree(parse, c)[0] for c in left)
    span_tokens = parse.tokens[first : indices[0]]
    if not span_tokens or any(t.pos not in _TITLE_POS for t in span_tokens):
        return None
    if not any(t.text[:1].isupper() or t.pos == "NOUN" for t in span_tokens):
        return None
    span = strip_span(body, Span(span_tokens[0].start, span_tokens[-1].end))
    return body[span.start : span.end] if span else None


def _apposed_to(body: str, parse: Parse, root: int) -> str | None:
    """The noun a name is set beside: "[His British-born wife], Joan," — a description before the name."""
    tok = parse.tokens[root]
    head = parse.tokens[tok.head]
    if tok.dep != "appos" or head.i >= root or head.pos != "NOUN" or head.ent_type or head.lower not in ROLE_NOUNS:
        return None  # "… on the Skerra Island route, Odile Marchetti, who …": no role, the parse's slip
    span = strip_span(body, noun_phrase(parse, head.i))
    if span is None or span.end > tok.start or len(span) > 120 or span.end != head.end:
        return None  # "a spokesperson for the developer, Greywater Partners": the developer's name
    return body[span.start : span.end]


def _apposition(body: str, parse: Parse, root: int) -> str | None:
    for c in children(parse, root):
        tok = parse.tokens[c]
        if tok.dep == "appos" and c > root and tok.ent_type not in {"PERSON", "DATE", "CARDINAL"}:
            span = strip_span(body, noun_phrase(parse, c, stop_at_comma=False))
            if span and len(span) <= 120:
                return body[span.start : span.end]
    return None
