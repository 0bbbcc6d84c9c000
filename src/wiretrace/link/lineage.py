"""One story's lineage tree, and every linked pair exported.

A *link* joins two articles that share text, from the original (``source``) to the copy
(``target``). The *tree* keeps, for each article, one parent among the links into it: a
credited source first, then the source that explains most of it (``score``: the share of
the target's words that are shared), then the earliest. Links the tree does not use stay
as evidence: a repost and an excerpt of one original share text with each other too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from wiretrace.store import lineage_queries as q
from wiretrace.store.base import JSON

__all__ = ["component", "export_pairs", "parents", "resolve", "story_tree"]


def resolve(conn: sqlite3.Connection, ref: str) -> int | None:
    """The article ``n`` that REF names: a ref, an analysis id, or 8+ hex digits of an article id."""
    row = conn.execute("SELECT a.n FROM refs r JOIN articles a ON a.id = r.article_id WHERE r.ref = ?", (ref,))
    found = row.fetchone()
    if found is None:
        found = conn.execute(
            "SELECT a.n FROM refs r JOIN articles a ON a.id = r.article_id WHERE r.analysis_id = ? LIMIT 1", (ref,)
        ).fetchone()
    if found is None and len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref.lower()):
        found = conn.execute(
            "SELECT n FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 1", (ref.lower(), ref.lower() + "g")
        ).fetchone()
    return int(found[0]) if found else None


def parents(links: Iterable[JSON], dates: dict[int, str | None] | None = None) -> dict[int, JSON]:
    """target → the link the tree keeps into it: credited first, then the highest score (the share
    of the target's words its source has exactly), then the earliest source; cycles are broken at
    their latest article."""
    when = dates or {}

    def rank(link: JSON) -> tuple[Any, ...]:
        date = when.get(link["source"]) or "9999"
        return (link["rule"] == "credit", round(link["score"], 3), tuple(-ord(c) for c in date), -link["source"])

    best: dict[int, JSON] = {}
    for link in links:
        held = best.get(link["target"])
        if held is None or rank(link) > rank(held):
            best[link["target"]] = link
    for start in list(best):
        seen: list[int] = []
        node: int | None = start
        while node is not None and node in best and node not in seen:
            seen.append(node)
            node = best[node]["source"]
        if node is not None and node in seen:  # a cycle: drop the parent of its latest article
            cycle = seen[seen.index(node) :]
            best.pop(max(cycle), None)
    return best


def component(conn: sqlite3.Connection, n: int) -> tuple[set[int], list[JSON]]:
    """Every article linked to ``n`` directly or not, and the links among them."""
    members = {n}
    links: dict[tuple[int, int], JSON] = {}
    frontier = [n]
    while frontier:
        node = frontier.pop()
        for link in q.links_of(conn, node):
            links[(link["lo"], link["hi"])] = link
            for other in (link["lo"], link["hi"]):
                if other not in members:
                    members.add(other)
                    frontier.append(other)
    return members, list(links.values())


def _passages(link: JSON, bodies: dict[int, str], width: int) -> list[JSON]:
    src, dst = bodies.get(link["source"], ""), bodies.get(link["target"], "")
    out = []
    for ss, se, ts, te in link["passages"]:
        item: JSON = {"source_start": ss, "source_end": se, "target_start": ts, "target_end": te}
        if width:
            item["source_text"] = src[ss:se]
            item["target_text"] = dst[ts:te]
        out.append(item)
    return out


def story_tree(conn: sqlite3.Connection, n: int) -> JSON:
    """The story of article ``n``: its articles, tree edges with evidence, other links, origins."""
    from wiretrace.link.stories import summarize  # noqa: PLC0415 - stories builds on this module

    members, links = component(conn, n)
    info = q.article_info(conn, members)
    tree = parents(links, {m: i["published"] for m, i in info.items()})
    refs = q.refs_of(conn, members)
    bodies = q.bodies(conn, members)
    tree_keys = {(link["lo"], link["hi"]) for link in tree.values()}

    def edge(link: JSON) -> JSON:
        return {
            "source": refs.get(link["source"], str(link["source"])),
            "target": refs.get(link["target"], str(link["target"])),
            "relation": link["relation"],
            "score": link["score"],
            "rule": link["rule"],
            "evidence": link["evidence"],
            "passages": _passages(link, bodies, 1),
        }

    articles = []
    for m in sorted(members, key=lambda m: (info.get(m, {}).get("published") or "9999", m)):
        parent = tree.get(m)
        articles.append(
            {
                "ref": refs.get(m, str(m)),
                **info.get(m, {}),
                "parent": refs.get(parent["source"], str(parent["source"])) if parent else None,
                "relation": parent["relation"] if parent else None,
            }
        )
    return {
        "ref": refs.get(n, str(n)),
        "story": summarize(members, links, tree, info, refs),
        "articles": articles,
        "edges": [edge(link) for link in tree.values()],
        "other_links": [edge(link) for link in links if (link["lo"], link["hi"]) not in tree_keys],
    }


def export_pairs(conn: sqlite3.Connection) -> Iterator[JSON]:
    """One record per pair of current articles that share text (the ``--export`` lines)."""
    tree = parents(q.link_rows(conn, passages=False), q.dates(conn))
    tree_keys = {(link["lo"], link["hi"]) for link in tree.values()}
    refs = q.refs_of(conn)
    for link in q.link_rows(conn):
        yield {
            "source": refs.get(link["source"], str(link["source"])),
            "target": refs.get(link["target"], str(link["target"])),
            "relation": link["relation"],
            "parent": (link["lo"], link["hi"]) in tree_keys,
            "score": link["score"],
            "rule": link["rule"],
            "evidence": link["evidence"],
            "passages": _passages(link, {}, 0),
        }
