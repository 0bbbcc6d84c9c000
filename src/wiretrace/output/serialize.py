"""An :class:`~wiretrace.model.Analysis` as the versioned JSON contract (``docs/output.md``).

The dict built here is the whole public shape: ``schema.json`` describes it and a test
validates real outputs against it. The raw input and the spaCy parse are working state,
never output. Every ``start``/``end`` is a character offset into ``article.body``.
Keys come out in the documented order, so diffs of golden files stay readable.
"""

from __future__ import annotations

import json
from typing import Any

from wiretrace import SCHEMA_VERSION
from wiretrace.model import (
    Analysis,
    Article,
    Claim,
    Dispute,
    Entity,
    Mention,
    Problem,
    Quote,
    SourceCredit,
    Speaker,
    Timex,
)

__all__ = ["analysis_to_dict", "dumps"]

JSON = dict[str, Any]


def analysis_to_dict(a: Analysis) -> JSON:
    """The output contract for one analysis (never ``raw`` or ``parse``)."""
    return {
        "id": a.id,
        "input": a.input,
        "schema_version": SCHEMA_VERSION,
        "stages": dict(a.stages),
        "article": _article(a.article) if a.article is not None else None,
        "entities": [_entity(e) for e in a.entities],
        "quotes": [_quote(q, a.body) for q in a.quotes],
        "timexes": [_timex(t) for t in a.timexes],
        "claims": [_claim(c) for c in a.claims],
        "disputes": [_dispute(d) for d in a.disputes],
        "problems": [_problem(p) for p in a.problems],
    }


def dumps(data: JSON, *, indent: int | None = None) -> str:
    """JSON text: UTF-8 kept readable, but U+2028/U+2029 escaped so a JSONL line is one line
    for every reader (``str.splitlines`` splits on them)."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# --------------------------------------------------------------------------- parts


def _article(art: Article) -> JSON:
    return {
        "outlet": art.outlet,
        "headline": art.headline,
        "authors": list(art.authors),
        "published": art.published.isoformat() if art.published is not None else None,
        "published_source": art.published_source.value,
        "source": _source(art.source) if art.source is not None else None,
        "tags": list(art.tags),
        "url": art.url,
        "body": art.body,
    }


def _source(credit: SourceCredit) -> JSON:
    return {"outlet": credit.outlet, "title": credit.title, "url": credit.url}


def _mention(m: Mention | None) -> JSON | None:
    if m is None:
        return None
    return {"start": m.span.start, "end": m.span.end, "text": m.text}


def _speaker(s: Speaker | None) -> JSON | None:
    if s is None:
        return None
    return {
        "name": s.name,
        "description": s.description,
        "entity": s.entity,
        "mention": _mention(s.mention),
        "via": s.via.value,
        "confidence": s.confidence,
    }


def _entity(e: Entity) -> JSON:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type.value,
        "aliases": list(e.aliases),
        "descriptions": list(e.descriptions),
        "mentions": [_mention(m) for m in e.mentions],
    }


def _quote(q: Quote, body: str) -> JSON:
    return {
        "id": q.id,
        "text": q.text,
        "start": q.span.start,
        "end": q.span.end,
        "kind": q.kind.value,
        "cue": _mention(q.cue),
        "speaker": _speaker(q.speaker),
        "fragments": [{"start": f.start, "end": f.end, "text": f.text(body)} for f in q.fragments],
        "confidence": q.confidence,
        "date": q.date,
    }


def _timex(t: Timex) -> JSON:
    return {
        "text": t.text,
        "start": t.span.start,
        "end": t.span.end,
        "type": t.type.value,
        "value": t.value,
        "end_value": t.end_value,
    }


def _claim(c: Claim) -> JSON:
    return {
        "id": c.id,
        "text": c.text,
        "start": c.span.start,
        "end": c.span.end,
        "speaker": _speaker(c.speaker),
        "quote": c.quote,
        "negated": c.negated,
        "date": c.date,
    }


def _dispute(d: Dispute) -> JSON:
    return {"claim": d.claim, "counter": d.counter, "cue": _mention(d.cue)}


def _problem(p: Problem) -> JSON:
    return {"stage": p.stage, "message": p.message}
