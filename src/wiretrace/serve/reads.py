"""The questions the pages ask, each one of the store's read queries plus its shaping for a page.

The same functions answer the HTML pages and the ``/api/…`` routes, so the two never differ.
Corpus-wide answers are cached until the database changes (:meth:`Corpus.cached`).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from contextlib import suppress
from functools import partial
from typing import Any

from wiretrace.link.lineage import component, parents, resolve, story_tree
from wiretrace.link.quotes_across import quotes_across
from wiretrace.link.stories import stories
from wiretrace.serve.cards import cards_of
from wiretrace.serve.cards import fill as fill_cards
from wiretrace.serve.corpus import Corpus
from wiretrace.stance.across import cross_disputes
from wiretrace.store import lineage_queries as lq
from wiretrace.store import queries
from wiretrace.store.base import JSON
from wiretrace.store.names import article_key, compatible, name_key, surname
from wiretrace.store.timeline import date_key
from wiretrace.store.word_index import ARTICLES, QUOTES, WordIndex

__all__ = [
    "all_cross_disputes",
    "all_disputes",
    "all_speakers",
    "all_stories",
    "article",
    "check",
    "disputed_refs",
    "disputes_involving",
    "shared_quotes",
    "speaker",
    "stats",
    "story",
    "warm",
    "word_index",
    "word_indexes",
]

_ALL = Corpus.everything()
# full-text table → the cache's key for its words in memory, and what they are read from
_WORDS = {source.fts: (f"words:{source.table}", source) for source in (ARTICLES, QUOTES)}
STORY_NODES = 300  # a story larger than this is listed, not drawn


def stats(corpus: Corpus) -> JSON:
    return corpus.cached("stats", lambda conn: queries.stats(conn, corpus.path))


def all_speakers(corpus: Corpus) -> list[JSON]:
    return corpus.cached("speakers", lambda conn: queries.speakers(conn, limit=_ALL))


def all_disputes(corpus: Corpus) -> list[JSON]:
    return corpus.cached("disputes", lambda conn: queries.disputes(conn, limit=_ALL))


def all_cross_disputes(corpus: Corpus) -> list[JSON]:
    return corpus.cached("cross", lambda conn: cross_disputes(conn, limit=_ALL))


def all_stories(corpus: Corpus) -> list[JSON]:
    return corpus.cached("stories", lambda conn: stories(conn, limit=_ALL))


def shared_quotes(corpus: Corpus) -> list[JSON]:
    return corpus.cached("quotes_across", lambda conn: quotes_across(conn, limit=_ALL))


def _by_surname(rows: list[JSON]) -> dict[str, list[tuple[str, str, JSON]]]:
    """Each dispute row under the surname of each of its two speakers (a name matches only its surname)."""
    found: dict[str, list[tuple[str, str, JSON]]] = defaultdict(list)
    for r in rows:
        k1, k2 = name_key(r.get("claim_speaker") or ""), name_key(r.get("counter_speaker") or "")
        for last in {surname(k1), surname(k2)} - {""}:
            found[last].append((k1, k2, r))
    return dict(found)


def disputes_involving(corpus: Corpus, name: str | None, *, cross: bool = False) -> list[JSON]:
    """Disputes (in one article, or ``cross`` articles) where ``name`` made the claim or the counter."""
    if not name or not name.strip():
        return all_cross_disputes(corpus) if cross else all_disputes(corpus)
    if cross:
        index = corpus.cached("cross_by_surname", lambda conn: _by_surname(all_cross_disputes(corpus)))
    else:
        index = corpus.cached("disputes_by_surname", lambda conn: _by_surname(all_disputes(corpus)))
    key = name_key(name)
    return [
        r for k1, k2, r in index.get(surname(key), []) if (k1 and compatible(key, k1)) or (k2 and compatible(key, k2))
    ]


def disputed_refs(corpus: Corpus) -> frozenset[str]:
    """Refs of the articles that hold a dispute or whose claim is disputed elsewhere."""

    def build(conn: sqlite3.Connection) -> frozenset[str]:
        refs = {r["ref"] for r in all_disputes(corpus)}
        refs |= {r["ref"] for r in all_cross_disputes(corpus)} | {r["counter_ref"] for r in all_cross_disputes(corpus)}
        return frozenset(refs)

    return corpus.cached("disputed_refs", build)


# --------------------------------------------------------------------------- one article


def _neighbours(conn: sqlite3.Connection, n: int) -> JSON:
    """Where an article sits in its story: the links into and out of it, its tree parent, the story size."""
    links = lq.links_of(conn, n)
    others = {x for link in links for x in (link["source"], link["target"])} - {n}
    info = lq.article_info(conn, others | {n})
    refs = lq.refs_of(conn, others | {n})
    tree = parents(links, {m: i.get("published") for m, i in info.items()})
    parent = tree.get(n)

    def row(link: JSON, other: int) -> JSON:
        return {
            "ref": refs.get(other, str(other)),
            **info.get(other, {}),
            "relation": link["relation"],
            "score": link["score"],
            "rule": link["rule"],
            "evidence": link["evidence"],
            "tree_parent": parent is not None and link is parent,
        }

    sources = [row(link, link["source"]) for link in links if link["target"] == n]
    copies = [row(link, link["target"]) for link in links if link["source"] == n]
    members, _ = component(conn, n) if links else ({n}, [])
    return {
        "parent": refs.get(parent["source"]) if parent else None,
        "sources": sorted(sources, key=lambda r: (not r["tree_parent"], -r["score"])),
        "copies": sorted(copies, key=lambda r: (r.get("published") or "9999", r["ref"])),
        "story_articles": len(members),
    }


def article(corpus: Corpus, ref: str) -> JSON | None:
    """One article's analysis (``wiretrace show``), its place in its story, its disputes."""
    conn = corpus.reader()
    data = queries.get(conn, ref)
    if data is None:
        return None
    body = (data.get("article") or {}).get("body", "")
    n = lq.n_of(conn, article_key(body))
    data["lineage"] = _neighbours(conn, n) if n is not None else None
    claims = {c["id"]: c for c in data.get("claims", [])}
    data["dispute_pairs"] = [
        {"claim": claims[d["claim"]], "counter": claims[d["counter"]], "cue": (d.get("cue") or {}).get("text")}
        for d in data.get("disputes", [])
        if d["claim"] in claims and d["counter"] in claims
    ]
    here = data["input"]
    data["cross_disputes"] = [r for r in all_cross_disputes(corpus) if here in (r["ref"], r["counter_ref"])]
    return data


# --------------------------------------------------------------------------- one person


_TEXT, _KIND, _START, _END, _REF, _OUTLET, _PUBLISHED, _HEADLINE, _SAID = (
    queries.QUOTE_FIELDS.index(k)
    for k in ("text", "kind", "start", "end", "ref", "outlet", "published", "headline", "said")
)


def _group(rows: list[tuple[Any, ...]]) -> list[JSON]:
    """One person's quotes (:func:`queries.quote_rows`, oldest first) grouped by their words: each
    group with its longest wording, every appearance, the outlets that carried it, the first."""
    groups: dict[int, JSON] = {}
    for r in rows:
        text, key = r[_TEXT], r[-1]
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"text": text, "kind": r[_KIND], "appearances": [], "outlets": []}
        elif len(text) > len(g["text"]):
            g["text"] = text
        g["appearances"].append(
            {
                "ref": r[_REF],
                "outlet": r[_OUTLET],
                "published": r[_PUBLISHED],
                "headline": r[_HEADLINE],
                "start": r[_START],
                "end": r[_END],
                "said": r[_SAID],
            }
        )
        outlet = r[_OUTLET]
        if outlet and outlet not in g["outlets"]:
            g["outlets"].append(outlet)
    out = list(groups.values())
    for g in out:
        seen = g["appearances"]
        if len(seen) > 1:
            seen.sort(key=lambda a: (a["published"] or "9999", a["ref"]))
        g["first"] = seen[0]
        g["date"] = seen[0]["said"] or seen[0]["published"]
    out.sort(key=lambda g: (date_key(g["date"]), g["first"]["ref"], g["first"]["start"]))
    return out


def speaker(corpus: Corpus, name: str, *, limit: int = 2000) -> JSON:
    """Everything ``name`` said, grouped by quote (first appearance, outlets), per person found."""
    rows = queries.quote_rows(corpus.reader(), name, limit=limit, cards=cards_of(corpus))
    people: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        people[str(r[0])].append(r)
    return {
        "name": name,
        "people": [
            {"person": person, "quotes": len(found), "groups": _group(found)}
            for person, found in sorted(people.items(), key=lambda kv: -len(kv[1]))
        ],
        "disputes": disputes_involving(corpus, name),
        "cross_disputes": disputes_involving(corpus, name, cross=True),
        "truncated": len(rows) >= limit,
    }


# --------------------------------------------------------------------------- one story


def story(corpus: Corpus, ref: str) -> JSON | None:
    """The lineage tree of the story ``ref`` belongs to (``wiretrace lineage REF``)."""
    conn = corpus.reader()
    n = resolve(conn, ref)
    if n is None:
        return None
    return story_tree(conn, n)


def check(corpus: Corpus, claim: str, *, candidates: int = 20) -> JSON:
    """``wiretrace check CLAIM``: who disputes, supports or reports it, counted by independent origin."""
    from wiretrace.stance.check import check_claim  # noqa: PLC0415 - loads the stance model on first use

    text = " ".join(claim.split())
    known: dict[str, str | None] = corpus.cached("check-origins", lambda conn: {})  # filled by the checks
    return corpus.memo(
        f"check:{candidates}:{text}",
        lambda conn: check_claim(
            conn, text, candidates_limit=candidates, index=word_index(corpus), known_origins=known
        ).as_dict(),
    )


def word_indexes(corpus: Corpus) -> dict[str, WordIndex]:
    """Full-text table → its words in memory (:mod:`wiretrace.store.word_index`), which rank a
    check's candidates and a search's plain words as the full-text index does, several times
    faster: built as the server starts, and again in the background when the database has
    changed — the ones not built for the database as it is are left out (the full-text index
    answers meanwhile), and so are tables too large to keep in memory (``Source.most``)."""
    found: dict[str, WordIndex] = {}
    for table in _WORDS:
        index = _word_index(corpus, table)
        if index is not None:
            found[table] = index
    return found


def word_index(corpus: Corpus) -> WordIndex | None:
    """The articles' words in memory, when built for the database as it is (:func:`word_indexes`)."""
    return _word_index(corpus, "articles_fts")


def _word_index(corpus: Corpus, table: str) -> WordIndex | None:
    key, source = _WORDS[table]
    if not corpus.cached(f"{key}:fits", source.fits):
        return None
    return corpus.when_ready(key, partial(WordIndex.build, source=source))


def warm(corpus: Corpus) -> None:
    """Fill the cache with the corpus-wide answers, so the first visitor need not wait for them."""
    for read in (all_disputes, all_cross_disputes, disputed_refs, all_speakers, all_stories, stats, shared_quotes):
        read(corpus)
    fill_cards(corpus)
    disputes_involving(corpus, "-", cross=False)
    disputes_involving(corpus, "-", cross=True)
    from wiretrace.stance.check import warm_up  # noqa: PLC0415 - as for check: loaded here, in the background

    warm_up()  # the stance model and word table, that the first check would load
    for key, source in _WORDS.values():  # what ranks a check's candidates and a search: seconds on 20,000 articles
        if corpus.cached(f"{key}:fits", source.fits):
            corpus.cached(key, partial(WordIndex.build, source=source))
    with suppress(sqlite3.Error):  # a store from before schema version 9 has no articles_terms
        queries.count_frequent_terms(corpus.reader())  # what check asks of a claim's words
