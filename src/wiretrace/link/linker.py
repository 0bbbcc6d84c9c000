"""The incremental linker: each new article is compared with what the store holds, never the whole corpus.

For one article:

1. its winnowed fingerprints (:mod:`.fingerprints`) are looked up in ``link_postings``;
   those marked ``boilerplate`` are skipped;
2. a fingerprint that now reaches :data:`OUTLET_LIMIT` articles of the article's outlet, or
   :data:`SHARED_LIMIT` articles in all, is *tested*: when the articles holding it share
   little else with this one (the median shares under half of its fingerprints) it is an
   outlet's footer, promo or a stock phrase — ``boilerplate``: it is never evidence again,
   and the links among the articles holding it are verified again without it. Otherwise it
   is the text of a large story: ``frequent`` (looked up, no longer indexed) at the overall
   limit. So the cost of one article stays bounded however large the corpus grows;
3. the articles sharing at least :data:`MIN_FINGERPRINTS` fingerprints (at most
   :data:`MAX_CANDIDATES`, most shared first) are aligned word by word (:mod:`.align`);
   passages mostly made of boilerplate fingerprints are dropped; a pair that keeps
   :data:`MIN_WORDS` matched words is a link, with its direction (:mod:`.credits`), relation
   and passages;
4. its own fingerprints join the index.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from wiretrace.link.align import Doc, align, doc, masked_share
from wiretrace.link.credits import Meta, credits_in, direction, outlet_key, says_copy
from wiretrace.store import lineage_queries as q
from wiretrace.store.base import JSON, Store

__all__ = ["LINK_VERSION", "Linker", "link_new", "link_pending", "relation_of"]

LINK_VERSION = "1"
OUTLET_LIMIT = 4  # articles of one outlet holding a fingerprint before it is tested as boilerplate
SHARED_LIMIT = 8  # articles in all holding a fingerprint before it is tested
FREQUENT_LIMIT = 64  # articles holding story text before it is no longer indexed
MIN_FINGERPRINTS = 2  # shared fingerprints that make a candidate
MAX_CANDIDATES = 40  # candidates aligned per article, most shared first
MIN_PASSAGE = 10  # words of the shortest passage kept
MIN_WORDS = 15  # matched words that make a link
REPOST_SHARE = 0.5  # share of the larger article that makes a repost (else an excerpt)
TEST_SHARE = 0.3  # median share of the smaller side's fingerprints that holders of story text share
BOILERPLATE_SHARE = 0.5  # share of a passage's fingerprints that makes it boilerplate
_CACHE = 20_000  # articles kept ready to align (about 12 kB each)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class Item:
    """One article as the linker sees it."""

    meta: Meta
    outlet: int  # CRC-32 of the outlet key (0: no outlet)
    doc: Doc
    fingerprints: frozenset[int]


def _credits(body: str, outlet: str | None, url: str | None) -> Callable[[], frozenset[str]]:
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


class Linker:
    """Links articles of one SQLite connection; callers own the transactions."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("PRAGMA cache_size = -1048576")  # up to 1 GB of pages: the index is read and written at random
        self._items: OrderedDict[int, Item] = OrderedDict()
        self.kinds: dict[int, str] = q.hash_kinds_all(conn)  # boilerplate and frequent: few, kept in memory
        self._size: dict[int, int] = {}  # fingerprints of each linked article
        self.boilerplate = {h for h, kind in self.kinds.items() if kind == "boilerplate"}

    # -- articles -------------------------------------------------------------------

    def item(self, n: int) -> Item | None:
        found = self._items.get(n)
        if found is not None:
            self._items.move_to_end(n)
            return found
        row = q.article_row(self.conn, n)
        if row is None:
            return None
        _, body, outlet, url, published, source_outlet, source_url = row
        meta = Meta(
            n=n,
            outlet=outlet,
            url=url,
            published=published,
            credits=_credits(body, source_outlet, source_url),
            copy_marked=says_copy(body),
        )
        key = outlet_key(outlet)
        d = doc(body)
        fps = d.fingerprints()
        made = Item(meta=meta, outlet=zlib.crc32(key.encode()) if key else 0, doc=d, fingerprints=fps)
        self._items[n] = made
        if len(self._items) > _CACHE:
            self._items.popitem(last=False)
        return made

    # -- one article ------------------------------------------------------------------

    def link(self, n: int) -> int:
        """Link article ``n`` to every stored article it shares text with; return the links made."""
        item = self.item(n)
        if item is None:
            return 0
        fps = sorted(item.fingerprints)
        kinds = self.kinds
        look = [h for h in fps if kinds.get(h) != "boilerplate"]
        holders: dict[int, list[tuple[int, int]]] = {}
        for h, article, outlet in q.postings(self.conn, look):
            if article != n:
                holders.setdefault(h, []).append((article, outlet))
        shared = Counter(a for hs in holders.values() for a, _ in hs)
        for h in look:
            self._test(h, holders=holders.get(h, []), item=item, shared=shared, own=len(fps), kinds=kinds)
        counts: Counter[int] = Counter()
        for h in look:
            if kinds.get(h) != "boilerplate":
                counts.update(a for a, _ in holders.get(h, []))
        q.index_postings(self.conn, n, item.outlet, [h for h in look if h not in kinds])
        made = 0
        for other, k in counts.most_common(MAX_CANDIDATES):
            if k < MIN_FINGERPRINTS:
                break
            made += self.verify(n, other)
        q.mark_linked(self.conn, n, LINK_VERSION, len(fps), _now())
        return made

    def _test(
        self,
        h: int,
        *,
        holders: list[tuple[int, int]],
        item: Item,
        shared: Counter[int],
        own: int,
        kinds: dict[int, str],
    ) -> None:
        """Mark ``h`` boilerplate or frequent when enough articles hold it (see the module doc)."""
        if h in kinds:
            return
        same = [a for a, o in holders if item.outlet and o == item.outlet]
        overall = len(holders) + 1 >= SHARED_LIMIT
        if len(same) + 1 < OUTLET_LIMIT and not overall:
            return
        members = [a for a, _ in holders] if overall else same
        sizes = self._sizes(members)
        if statistics.median(shared[a] / max(1, min(own, sizes.get(a, own))) for a in members) < TEST_SHARE:
            kinds[h] = "boilerplate"
            self.boilerplate.add(h)
            q.mark_hash(self.conn, h, "boilerplate")
            self.recheck([a for a, _ in holders])
        elif len(holders) + 1 >= FREQUENT_LIMIT:
            kinds[h] = "frequent"
            q.mark_hash(self.conn, h, "frequent")

    def _sizes(self, members: list[int]) -> dict[int, int]:
        missing = [a for a in members if a not in self._size]
        if missing:
            self._size.update(q.fingerprint_counts(self.conn, missing))
        return {a: self._size[a] for a in members if a in self._size}

    def recheck(self, members: list[int]) -> None:
        """Verify again the links among ``members`` (a fingerprint they hold became boilerplate)."""
        for link in q.links_among(self.conn, members):
            self.verify(link["lo"], link["hi"])

    # -- one pair -----------------------------------------------------------------------

    def verify(self, n: int, other: int) -> int:
        """Align the pair, store (or drop) its link; 1 when linked."""
        a, b = self.item(n), self.item(other)
        lo, hi = min(n, other), max(n, other)
        row = None if a is None or b is None else self.pair(a, b)
        if row is None:
            q.delete_link(self.conn, lo, hi)
            return 0
        q.put_link(self.conn, row)
        return 1

    def _masked(self, a: Item, b: Item) -> frozenset[int]:
        return (a.fingerprints | b.fingerprints) & self.boilerplate

    def pair(self, a: Item, b: Item) -> JSON | None:
        """The link row for two articles, or None when they share too little (boilerplate aside)."""
        masked = self._masked(a, b)
        found = align(a.doc, b.doc, min_words=MIN_PASSAGE)
        passages = [p for p in found.passages if masked_share(p, a.doc, masked) < BOILERPLATE_SHARE]
        if sum(p.matched for p in passages) < MIN_WORDS:
            return None
        share_a = sum(p.a_last - p.a_first for p in passages) / max(1, len(a.doc))
        share_b = sum(p.b_last - p.b_first for p in passages) / max(1, len(b.doc))
        src, dst, rule, evidence = direction(a.meta, b.meta, share_a, share_b)
        forward = src.n == a.meta.n
        matched = sum(p.matched for p in passages)  # words equal on both sides, edits aside
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


# --------------------------------------------------------------------------- entry points


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _conn(store: Store) -> sqlite3.Connection | None:
    conn = getattr(store, "conn", None)
    return conn if isinstance(conn, sqlite3.Connection) else None


_last: list[Linker] = []  # the linker of the last connection, kept between calls (its caches)


def _linker(conn: sqlite3.Connection) -> Linker:
    if not _last or _last[0].conn is not conn:
        _last[:] = [Linker(conn)]
    return _last[0]


def link_new(store: Store, article_id: str) -> int:
    """Link one stored article (by article id) in its own transaction; 0 when done before."""
    conn = _conn(store)
    if conn is None:
        return 0
    n = q.n_of(conn, article_id)
    if n is None or q.is_linked(conn, n, LINK_VERSION):
        return 0
    with _transaction(conn):
        return _linker(conn).link(n)


def link_pending(
    store: Store, *, batch: int = 500, on_progress: Callable[[int, int], None] | None = None
) -> tuple[int, int]:
    """Link every article not linked yet, oldest first: ``(articles, links made)``."""
    conn = _conn(store)
    if conn is None:
        return 0, 0
    todo = q.pending(conn, LINK_VERSION)
    linker = _linker(conn)
    made = 0
    for start in range(0, len(todo), batch):
        with _transaction(conn):
            for n in todo[start : start + batch]:
                made += linker.link(n)
        if on_progress is not None:
            on_progress(min(start + batch, len(todo)), len(todo))
    return len(todo), made
