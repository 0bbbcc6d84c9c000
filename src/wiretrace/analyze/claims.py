"""Claims: what a quote or reported statement asserts, who asserts it, and when.

A claim is an attributed assertion. Its span is the whole reported clause — "that no
“visible indications of mines or explosives” have been observed at the plant" — not only
the quoted words, so that its polarity (the "no") and its subject are part of it. Several
quotes inside one clause make one claim. A claim gets the date it was made on when its
sentence says so outside the claim ("In a video address published Tuesday, Zelensky said …").
"""

from __future__ import annotations

from dataclasses import replace

from wiretrace.analyze.disputes import find_disputes
from wiretrace.analyze.phrases import children, root_of, subtree, token_span, tokens_in
from wiretrace.model import Analysis, Claim, Parse, Quote, QuoteKind, Span, Timex
from wiretrace.pipeline import Stage

__all__ = ["ClaimsStage", "find_claims", "is_negated"]

NEGATIONS = frozenset(["no", "not", "n't", "never", "nobody", "nothing", "none", "neither", "nor", "without", "cannot"])
_MAX_CLAUSE_GROWTH = 400  # a reported clause at most this much longer than its quote


def find_claims(body: str, parse: Parse, quotes: tuple[Quote, ...], timexes: tuple[Timex, ...]) -> tuple[Claim, ...]:
    claims: list[Claim] = []
    seen: dict[Span, int] = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        span = claim_span(parse, quote)
        if span in seen or any(c.span.contains(span) and c.speaker == quote.speaker for c in claims):
            continue
        seen[span] = len(claims)
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}",
                span=span,
                text=span.text(body),
                speaker=quote.speaker,
                quote=quote.id,
                negated=is_negated(parse, span),
                date=_date_of(parse, quote, span, timexes),
            )
        )
    return tuple(claims)


def claim_span(parse: Parse, quote: Quote) -> Span:
    """The reported clause around a direct quote; the quote itself otherwise."""
    if quote.kind != QuoteKind.DIRECT or quote.cue is None:
        return quote.span
    verb = parse.token_at(quote.cue.span.start)
    indices = tokens_in(parse, quote.span)
    if verb is None or not indices:
        return quote.span
    path = [root_of(parse, indices)]
    for _ in range(12):
        i = path[-1]
        head = parse.tokens[i].head
        if head == verb:
            break
        if head == i:
            return quote.span
        path.append(head)
    else:
        return quote.span
    clause_node = next((i for i in reversed(path) if _is_clause(parse, i)), None)
    if clause_node is None:
        return quote.span
    clause = token_span(parse, *subtree(parse, clause_node))
    if clause.contains(quote.span) and len(clause) - len(quote.span) <= _MAX_CLAUSE_GROWTH:
        return _trim(parse, clause)
    return quote.span


def _is_clause(parse: Parse, i: int) -> bool:
    """A reported clause: a complement of the verb, or "a statement [that …]"."""
    tok = parse.tokens[i]
    if tok.dep in {"ccomp", "xcomp"}:
        return True
    if tok.dep in {"acl", "relcl"}:
        return any(parse.tokens[c].dep == "mark" for c in children(parse, i))
    return tok.dep in {"dobj", "advcl", "conj"} and parse.tokens[tok.head].pos == "VERB"


def _trim(parse: Parse, span: Span) -> Span:
    indices = tokens_in(parse, span)
    tokens = [parse.tokens[i] for i in indices]
    while tokens and tokens[-1].pos == "PUNCT" and tokens[-1].text not in {"”", '"', "’"}:
        tokens.pop()
    while tokens and tokens[0].pos == "PUNCT" and tokens[0].text not in {"“", '"', "‘"}:
        tokens.pop(0)
    return Span(tokens[0].start, tokens[-1].end) if tokens else span


def is_negated(parse: Parse, span: Span) -> bool:
    """True when the clause's own predicate is negated ("no … have been observed", "did not")."""
    indices = tokens_in(parse, span)
    if not indices:
        return False
    root = root_of(parse, indices)
    for i in indices:
        tok = parse.tokens[i]
        if tok.lower not in NEGATIONS and tok.dep != "neg":
            continue
        # negation of the clause's head, of its subject ("no indications … have been observed")
        head = tok.head
        if head == root or parse.tokens[head].head == root or (tok.dep == "neg" and head == root):
            return True
    return False


def _date_of(parse: Parse, quote: Quote, claim: Span, timexes: tuple[Timex, ...]) -> str | None:
    """The date of the nearest temporal expression in the cue's sentence, outside the claim."""
    if quote.cue is None:
        return None
    verb = parse.token_at(quote.cue.span.start)
    sentence = parse.sentence_of(verb) if verb is not None else None
    if sentence is None or verb is None:
        return None
    cue_at = quote.cue.span.start
    candidates = [
        t
        for t in timexes
        if sentence.span.contains(t.span)
        and not claim.overlaps(t.span)
        and not quote.span.overlaps(t.span)
        and t.type.value in {"DATE", "TIME"}
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: abs(t.span.start - cue_at)).value


class ClaimsStage(Stage):
    """Attributed claims, and the disputes between them inside one article."""

    name = "claims"
    version = "2"
    needs = frozenset({"article", "parse", "quotes", "entities", "timexes"})
    gives = frozenset({"claims", "disputes"})

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.article is not None and analysis.parse is not None
        body = analysis.article.body
        quotes = date_quotes(analysis.parse, analysis.quotes, analysis.timexes)
        claims = find_claims(body, analysis.parse, quotes, analysis.timexes)
        disputes = find_disputes(body, analysis.parse, claims, analysis.entities)
        return replace(analysis, quotes=quotes, claims=claims, disputes=disputes)


def date_quotes(parse: Parse, quotes: tuple[Quote, ...], timexes: tuple[Timex, ...]) -> tuple[Quote, ...]:
    """Each quote with the date its sentence says it was made on ("In a video address
    published Tuesday, Zelensky said …" → the Tuesday), where it says so."""
    return tuple(replace(q, date=_date_of(parse, q, claim_span(parse, q), timexes)) for q in quotes)
