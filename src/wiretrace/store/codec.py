"""The output contract (``output/serialize.analysis_to_dict``) cut into stage slices and back.

The store keeps what each stage produced as its own JSON slice (``analyses.data``), so a
stage whose version changed can be re-run and re-stored alone. :func:`split_stages` cuts
a full analysis dict into slices; :func:`join_stages` puts slices back into the documented
shape; :func:`analysis_from_dict` turns that shape into model objects again (for the text
report and for re-analysis).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from wiretrace import SCHEMA_VERSION
from wiretrace.model import (
    Analysis,
    Article,
    Claim,
    Dispute,
    Entity,
    EntityType,
    Mention,
    Problem,
    PublishedSource,
    Quote,
    QuoteKind,
    SourceCredit,
    Span,
    Speaker,
    Timex,
    TimexType,
)

__all__ = ["JSON", "STAGE_KEYS", "analysis_from_dict", "article_from_dict", "join_stages", "split_stages", "stage_keys"]

JSON = dict[str, Any]

# The output keys each built-in stage fills. A plugin stage's keys are its ``gives``.
STAGE_KEYS: dict[str, tuple[str, ...]] = {
    "extract": ("article",),
    "nlp": (),
    "entities": ("entities",),
    "quotes": ("quotes",),
    "timexes": ("timexes",),
    "claims": ("claims", "disputes"),
}
_LIST_KEYS = ("entities", "quotes", "timexes", "claims", "disputes")


def stage_keys(stage: str, gives: Iterable[str] = ()) -> tuple[str, ...]:
    if stage in STAGE_KEYS:
        return STAGE_KEYS[stage]
    return tuple(k for k in sorted(gives) if k in _LIST_KEYS or k == "article")


def split_stages(data: Mapping[str, Any], gives: Mapping[str, Iterable[str]] | None = None) -> dict[str, JSON]:
    """``{stage: slice}`` for every stage in ``data["stages"]``; a slice holds the stage's keys
    and the problems it recorded. The article body is left out (it has its own column)."""
    slices: dict[str, JSON] = {}
    for stage in data.get("stages", {}):
        part: JSON = {}
        for key in stage_keys(stage, (gives or {}).get(stage, ())):
            value = data.get(key)
            if key == "article" and isinstance(value, dict):
                value = {k: v for k, v in value.items() if k != "body"}
            part[key] = value
        problems = [p for p in data.get("problems", []) if p.get("stage") == stage]
        if problems:
            part["problems"] = problems
        slices[stage] = part
    return slices


def join_stages(
    *, analysis_id: str, ref: str, body: str, versions: Mapping[str, str], slices: Mapping[str, JSON]
) -> JSON:
    """The documented output shape (``docs/output.md``) from stored slices, keys in order."""
    out: JSON = {
        "id": analysis_id,
        "input": ref,
        "schema_version": SCHEMA_VERSION,
        "stages": dict(versions),
        "article": None,
        **{key: [] for key in _LIST_KEYS},
        "problems": [],
    }
    for part in slices.values():
        for key, value in part.items():
            if key == "problems":
                out["problems"].extend(value)
            elif key == "article" and isinstance(value, dict):
                out["article"] = {**value, "body": body}
            else:
                out[key] = value
    return out


# --------------------------------------------------------------------------- dict → model


def analysis_from_dict(data: Mapping[str, Any]) -> Analysis:
    """The model objects of an output dict (the inverse of ``analysis_to_dict``)."""
    art = data.get("article")
    return Analysis(
        id=str(data["id"]),
        input=str(data["input"]),
        article=article_from_dict(art) if isinstance(art, dict) else None,
        entities=tuple(_entity(e) for e in data.get("entities", [])),
        quotes=tuple(_quote(q) for q in data.get("quotes", [])),
        timexes=tuple(_timex(t) for t in data.get("timexes", [])),
        claims=tuple(_claim(c) for c in data.get("claims", [])),
        disputes=tuple(
            Dispute(claim=d["claim"], counter=d["counter"], cue=_mention(d.get("cue")))
            for d in data.get("disputes", [])
        ),
        problems=tuple(Problem(stage=p["stage"], message=p["message"]) for p in data.get("problems", [])),
        stages=tuple((str(k), str(v)) for k, v in data.get("stages", {}).items()),
    )


def article_from_dict(a: Mapping[str, Any]) -> Article:
    source = a.get("source")
    published = a.get("published")
    return Article(
        body=a.get("body", ""),
        headline=a.get("headline"),
        outlet=a.get("outlet"),
        authors=tuple(a.get("authors", [])),
        published=dt.date.fromisoformat(published) if published else None,
        published_source=PublishedSource(a.get("published_source", "none")),
        source=SourceCredit(outlet=source.get("outlet"), title=source.get("title"), url=source.get("url"))
        if isinstance(source, dict)
        else None,
        tags=tuple(a.get("tags", [])),
        url=a.get("url"),
    )


def _mention(m: Mapping[str, Any] | None) -> Mention | None:
    if m is None:
        return None
    return Mention(span=Span(m["start"], m["end"]), text=m["text"])


def _speaker(s: Mapping[str, Any] | None) -> Speaker | None:
    if s is None:
        return None
    return Speaker(
        name=s["name"], mention=_mention(s.get("mention")), entity=s.get("entity"), description=s.get("description")
    )


def _entity(e: Mapping[str, Any]) -> Entity:
    return Entity(
        id=e["id"],
        name=e["name"],
        type=EntityType(e["type"]),
        aliases=tuple(e.get("aliases", [])),
        descriptions=tuple(e.get("descriptions", [])),
        mentions=tuple(m for m in (_mention(x) for x in e.get("mentions", [])) if m is not None),
    )


def _quote(q: Mapping[str, Any]) -> Quote:
    return Quote(
        id=q["id"],
        span=Span(q["start"], q["end"]),
        text=q["text"],
        kind=QuoteKind(q["kind"]),
        cue=_mention(q.get("cue")),
        speaker=_speaker(q.get("speaker")),
        fragments=tuple(Span(f["start"], f["end"]) for f in q.get("fragments", [])),
    )


def _timex(t: Mapping[str, Any]) -> Timex:
    return Timex(
        span=Span(t["start"], t["end"]),
        text=t["text"],
        type=TimexType(t["type"]),
        value=t["value"],
        end_value=t.get("end_value"),
    )


def _claim(c: Mapping[str, Any]) -> Claim:
    return Claim(
        id=c["id"],
        span=Span(c["start"], c["end"]),
        text=c["text"],
        speaker=_speaker(c.get("speaker")),
        quote=c.get("quote"),
        negated=bool(c.get("negated", False)),
        date=c.get("date"),
    )
