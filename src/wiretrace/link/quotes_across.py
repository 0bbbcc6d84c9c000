"""One quote, many articles: its appearances, its first appearance, the outlets that carried it.

Quotes compare by their words (lower case, punctuation aside); a quote trimmed by another
outlet (its words a run inside a longer quote's) joins the longer one. An appearance that
sits inside a passage an article copied from another article holding the same quote (a
repost, an excerpt) came *through* that link: it is an appearance, not a new confirmation.
``confirmations`` counts the others — the articles that report the quote on their own.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from wiretrace.store import lineage_queries as q
from wiretrace.store.base import JSON
from wiretrace.store.names import quote_key

__all__ = ["quote_key", "quotes_across"]

_MIN_WORDS = 4  # shorter quotes ("no", "we will") are too common to follow across articles
_PROBE = 5  # words of the probe that finds a longer quote holding a trimmed one


def _groups(rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[Any, ...]]]:
    exact: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        key = quote_key(row[1])
        if len(key.split()) >= _MIN_WORDS:
            exact.setdefault(key, []).append(row)
    # A quote joins the longest quote holding its words: each quote's first words are looked up
    # among every run of as many words of the longer quotes, longest quotes first (the runs are
    # made and dropped one quote at a time: a corpus has millions of them).
    heads: dict[str, list[str]] = {}
    for key in exact:
        heads.setdefault(" ".join(key.split()[:_PROBE]), []).append(key)
    merged: dict[str, str] = {}
    for longer in sorted(exact, key=len, reverse=True):
        words, padded = longer.split(), f" {longer} "
        for i in range(len(words) - _PROBE + 1):
            for key in heads.get(" ".join(words[i : i + _PROBE]), ()):
                if key not in merged and len(longer) > len(key) and f" {key} " in padded:
                    merged[key] = longer
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for key, appearances in exact.items():
        top = key
        while top in merged:
            top = merged[top]
        groups.setdefault(top, []).extend(appearances)
    return groups


def _through_link(conn: sqlite3.Connection, n: int, start: int, end: int, holders: set[int]) -> bool:
    for link in q.links_of(conn, n):
        if link["target"] != n or link["source"] not in holders:
            continue
        if any(ts <= start and end <= te for _, _, ts, te in link["passages"]):
            return True
    return False


def quotes_across(conn: sqlite3.Connection, *, limit: int = 50) -> list[JSON]:
    """Quotes carried by two or more articles, most appearances first."""
    rows = conn.execute(
        'SELECT a.n, q.text, q.start, q."end", q.speaker, a.outlet, a.published FROM quotes q'
        " JOIN articles a ON a.id = q.article_id WHERE EXISTS (SELECT 1 FROM refs r WHERE r.article_id = a.id)"
    ).fetchall()
    found = []
    for key, apps in _groups(rows).items():
        holders = {a[0] for a in apps}
        if len(holders) < 2:
            continue
        refs = q.refs_of(conn, holders)
        ordered = sorted(apps, key=lambda a: (a[6] or "9999", a[0]))
        independent = {a[0] for a in ordered if not _through_link(conn, a[0], a[2], a[3], holders - {a[0]})}
        speakers = [a[4] for a in ordered if a[4]]
        found.append(
            {
                "text": max((a[1] for a in apps), key=len),
                "key": key,
                "speaker": speakers[0] if speakers else None,
                "appearances": len(holders),
                "confirmations": len(independent),
                "first": refs.get(ordered[0][0], str(ordered[0][0])),
                "first_published": ordered[0][6],
                "outlets": sorted({a[5] for a in apps if a[5]}),
                "articles": [
                    {"ref": refs.get(a[0], str(a[0])), "start": a[2], "end": a[3], "independent": a[0] in independent}
                    for a in ordered
                ],
            }
        )
    found.sort(key=lambda r: (-r["appearances"], -r["confirmations"], r["first"]))
    return found[:limit]
