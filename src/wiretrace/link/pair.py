"""One pair of articles: aligned, boilerplate passages dropped, directed, labelled — a link row or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wiretrace.link.align import Doc, Masked, align, masked_share
from wiretrace.link.credits import Meta, credits_in, direction
from wiretrace.link.fingerprints import Hashes
from wiretrace.store.base import JSON

__all__ = ["BOILERPLATE_SHARE", "MIN_PASSAGE", "MIN_WORDS", "REPOST_SHARE", "Item", "link_row", "relation_of"]

MIN_PASSAGE = 10  # words of the shortest passage kept
MIN_WORDS = 15  # matched words that make a link
REPOST_SHARE = 0.5  # share of the larger article that makes a repost (else an excerpt)
BOILERPLATE_SHARE = 0.5  # share of a passage's words in boilerplate windows that makes it boilerplate


@dataclass(frozen=True, slots=True)
class Item:
    """One article as the linker sees it."""

    meta: Meta
    outlet: int  # CRC-32 of the outlet key (0: no outlet)
    doc: Doc
    fingerprints: Hashes  # distinct, sorted


def lazy_credits(body: str, outlet: str | None, url: str | None) -> Callable[[], frozenset[str]]:
    """The article's credits, read from its body only when a direction needs them."""
    found: list[frozenset[str]] = []

    def get() -> frozenset[str]:
        if not found:
            found.append(credits_in(body, outlet, url))
        return found[0]

    return get


def relation_of(same_outlet: bool, share_a: float, share_b: float, len_a: int, len_b: int) -> str:
    """``repost`` when the shared text is most of the larger article (``near-duplicate`` inside one
    outlet), else ``excerpt``."""
    larger = share_a if len_a >= len_b else share_b
    if larger >= REPOST_SHARE:
        return "near-duplicate" if same_outlet else "repost"
    return "excerpt"


def link_row(a: Item, b: Item, boilerplate: Masked) -> JSON | None:
    """The link row for two articles, or None when they share too little (``boilerplate`` aside)."""
    found = align(a.doc, b.doc, min_words=MIN_PASSAGE)
    passages = [p for p in found.passages if masked_share(p, a.doc, boilerplate) < BOILERPLATE_SHARE]
    matched = sum(p.matched for p in passages)  # words equal on both sides, edits aside
    if matched < MIN_WORDS:
        return None
    share_a = sum(p.a_last - p.a_first for p in passages) / max(1, len(a.doc))
    share_b = sum(p.b_last - p.b_first for p in passages) / max(1, len(b.doc))
    src, dst, rule, evidence = direction(a.meta, b.meta, share_a, share_b)
    forward = src.n == a.meta.n
    dst_doc = b.doc if forward else a.doc
    same = bool(a.outlet) and a.outlet == b.outlet
    relation = relation_of(same, share_a, share_b, len(a.doc), len(b.doc))
    spans = [
        [p.a_start, p.a_end, p.b_start, p.b_end] if forward else [p.b_start, p.b_end, p.a_start, p.a_end]
        for p in passages
    ]
    spans.sort()
    return {
        "lo": min(a.meta.n, b.meta.n),
        "hi": max(a.meta.n, b.meta.n),
        "source": src.n,
        "target": dst.n,
        "relation": relation,
        "score": round(matched / max(1, len(dst_doc)), 4),
        "source_share": round(share_a if forward else share_b, 4),
        "target_share": round(share_b if forward else share_a, 4),
        "rule": rule,
        "evidence": evidence,
        "passages": spans,
    }
