"""Stored claims as schema.org ``ClaimReview`` JSON-LD, each reviewing a ``Claim``.

A ``Claim`` carries its ``text``, its ``author`` (the speaker), ``dateCreated`` (when it was
said, where the text says so), every ``appearance`` — the articles that carry the same
statement: the article itself and its copies — and ``firstAppearance``, the earliest of
them (the origin the lineage names, when the store has a lineage table).

wiretrace gives no verdict, so the ``reviewRating`` has no ``ratingValue``: its
``alternateName`` is the count line ("disputed by 2 independent sources, supported by 1"),
taken from the cross-article links ``wiretrace cross-disputes`` stored and the in-article
disputes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Any

from wiretrace import __version__
from wiretrace.stance.check import lineage_origins, summary_line

__all__ = ["CONTEXT", "claim_reviews"]

CONTEXT = "https://schema.org"
_SPACE = re.compile(r"\W+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip()


def _work(row: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "identifier": row["ref"]}
    if row.get("url"):
        work["url"] = row["url"]
    if row.get("headline"):
        work["headline"] = row["headline"]
    if row.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": row["outlet"]}
    if row.get("published"):
        work["datePublished"] = row["published"]
    return work


def _appearances(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every current article carrying each claim text (normalized), oldest first."""
    cur = conn.execute(
        "SELECT c.text, a.id, (SELECT MIN(r.ref) FROM refs r WHERE r.article_id = a.id) AS ref, a.url,"
        " a.headline, a.outlet, a.published FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE EXISTS (SELECT 1 FROM refs r WHERE r.article_id = a.id)"
    )
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for text, aid, ref, url, headline, outlet, published in cur:
        row = {"id": aid, "ref": ref, "url": url, "headline": headline, "outlet": outlet, "published": published}
        found.setdefault(_key(text), {})[aid] = row
    return {
        k: sorted(v.values(), key=lambda r: (r["published"] is None, r["published"] or "", r["ref"]))
        for k, v in found.items()
    }


def _counts(conn: sqlite3.Connection) -> dict[tuple[str, str], dict[str, dict[str, int]]]:
    counts: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stance_links'").fetchone()
    if exists:
        for aid, cid, stance, origins, copies in conn.execute(
            "SELECT claim_article, claim_id, stance, COUNT(DISTINCT origin), COUNT(*) FROM stance_links"
            " GROUP BY 1, 2, 3"
        ):
            counts.setdefault((aid, cid), {})[stance] = {"origins": origins, "copies": copies}
    for aid, cid in conn.execute("SELECT article_id, claim_id FROM disputes"):
        side = counts.setdefault((aid, cid), {}).setdefault("disputes", {"origins": 0, "copies": 0})
        side["origins"] += 1  # a counter in the same article: one more source (its speaker)
        side["copies"] += 1
    return counts


def claim_reviews(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One ClaimReview per stored claim of a current article (each claim text once)."""
    appearances = _appearances(conn)
    origin_of = lineage_origins(conn)
    counts = _counts(conn)
    done: set[str] = set()
    cur = conn.execute(
        'SELECT c.article_id, c.cid, c.text, c.speaker, c.date, c.start, c."end",'
        " (SELECT MIN(r.ref) FROM refs r WHERE r.article_id = c.article_id) AS ref"
        " FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE EXISTS (SELECT 1 FROM refs r WHERE r.article_id = a.id)"
        " ORDER BY a.published IS NULL, a.published, ref, c.start"
    )
    for aid, cid, text, speaker, date, start, end, ref in cur.fetchall():
        key = _key(text)
        if key in done:
            continue
        done.add(key)
        seen = appearances.get(key, [])
        first = seen[0] if seen else None
        origin = origin_of(aid) if origin_of is not None else None
        if origin is not None:
            first = next((r for r in seen if r["id"] == origin), first)
        claim: dict[str, Any] = {
            "@type": "Claim",
            "@id": f"urn:wiretrace:claim:{aid[:16]}:{cid}",
            "text": text,
            "appearance": [_work(r) for r in seen],
        }
        if first is not None:
            claim["firstAppearance"] = _work(first)
        if speaker:
            claim["author"] = {"@type": "Person", "name": speaker}
        if date:
            claim["dateCreated"] = date
        yield {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "claimReviewed": text,
            "itemReviewed": claim,
            "author": {"@type": "Organization", "name": "wiretrace", "version": __version__},
            "reviewRating": {
                "@type": "Rating",
                "alternateName": summary_line(counts.get((aid, cid), {})),
                "ratingExplanation": "Counts of independent sources that dispute, support or report the claim."
                " wiretrace gives no verdict.",
            },
            "identifier": f"{ref}#{start}-{end}",
        }
