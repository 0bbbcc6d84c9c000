"""Stories: articles joined by shared text, their earliest appearance and independent origins.

A story is a connected group of links. Its *roots* are the articles the lineage tree gives
no parent. A root that credits an outlet found nowhere in the story (not in the corpus, or
not linked) has that outlet as its stated origin; two roots crediting the same outlet are
one origin. The number of independent origins is the number of distinct origins.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from wiretrace.link.credits import outlet_key
from wiretrace.link.lineage import parents
from wiretrace.store import lineage_queries as q
from wiretrace.store.base import JSON

__all__ = ["stories", "summarize"]


def _find(up: dict[int, int], x: int) -> int:
    root = x
    while up.get(root, root) != root:
        root = up[root]
    while up.get(x, x) != root:
        up[x], x = root, up[x]
    return root


def summarize(
    members: Iterable[int], links: list[JSON], tree: dict[int, JSON], info: dict[int, JSON], refs: dict[int, str]
) -> JSON:
    """One story's summary row."""
    group = sorted(members, key=lambda m: (info.get(m, {}).get("published") or "9999", m))
    outlets = [info.get(m, {}).get("outlet") for m in group]
    keys = {outlet_key(o) for o in outlets if o}
    origins: list[str] = []
    for m in group:
        if m in tree:
            continue
        credit = info.get(m, {}).get("source_outlet")
        name = f"{credit} (not in the corpus)" if credit and outlet_key(credit) not in keys else refs.get(m, str(m))
        if name not in origins:
            origins.append(name)
    earliest = group[0]
    relations = Counter(link["relation"] for link in links)
    return {
        "story": refs.get(earliest, str(earliest)),
        "articles": len(group),
        "outlets": sorted({o for o in outlets if o}),
        "earliest": refs.get(earliest, str(earliest)),
        "earliest_published": info.get(earliest, {}).get("published"),
        "origin": origins[0] if origins else None,
        "origins": origins,
        "independent_origins": len(origins),
        "links": len(links),
        "reposts": relations["repost"] + relations["near-duplicate"],
        "excerpts": relations["excerpt"],
    }


def stories(conn: sqlite3.Connection, *, limit: int = 20, min_articles: int = 2) -> list[JSON]:
    """The largest stories first (most articles, then earliest)."""
    links = list(q.link_rows(conn, passages=False))
    up: dict[int, int] = {}
    for link in links:
        a, b = _find(up, link["lo"]), _find(up, link["hi"])
        if a != b:
            up[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for node in {x for link in links for x in (link["lo"], link["hi"])}:
        groups.setdefault(_find(up, node), []).append(node)
    by_group: dict[int, list[JSON]] = {}
    for link in links:
        by_group.setdefault(_find(up, link["lo"]), []).append(link)
    biggest = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    chosen = [(root, ms) for root, ms in biggest if len(ms) >= min_articles][:limit]
    wanted = [m for _, ms in chosen for m in ms]
    info, refs = q.article_info(conn, wanted), q.refs_of(conn, wanted)
    rows = []
    for root, ms in chosen:
        group_links = by_group.get(root, [])
        dates = {m: info.get(m, {}).get("published") for m in ms}
        rows.append(summarize(ms, group_links, parents(group_links, dates), info, refs))
    return rows
