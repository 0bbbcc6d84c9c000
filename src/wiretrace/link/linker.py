"""The incremental linker: each new article is compared with what the store holds, never the whole corpus.

For one article:

1. its winnowed fingerprints (:mod:`.fingerprints`) are looked up in the fingerprint index
   (:mod:`.index`, kept in memory, stored as ``link_fingerprints``); those marked
   ``boilerplate`` are skipped;
2. a fingerprint that now reaches :data:`OUTLET_LIMIT` articles of the article's outlet, or
   :data:`SHARED_LIMIT` articles in all, is *tested*: when the articles holding it share
   little else with this one (the median shares under :data:`TEST_SHARE` of its
   fingerprints) and are not copies of one another (no link between them covers
   :data:`TEST_SHARE` of the smaller side, for the median of them — else it is story text
   a short excerpt or teaser shares with its story) it is an outlet's footer, promo or a
   stock phrase — ``boilerplate``: it is never evidence again, and the links among the
   articles holding it are verified again without it. Otherwise it is the text of a large
   story: ``frequent`` (looked up, no longer indexed) at :data:`FREQUENT_LIMIT`. So no
   fingerprint's list of articles grows past that limit, and the cost of one article stays
   bounded however large the corpus grows;
3. the articles sharing at least :data:`MIN_FINGERPRINTS` fingerprints (at most
   :data:`MAX_CANDIDATES`, most shared first) are aligned word by word (:mod:`.pair`);
   passages half of whose words lie in boilerplate windows are dropped; a pair that keeps
   :data:`~.pair.MIN_WORDS` matched words is a link, with its direction (:mod:`.credits`),
   relation and passages;
4. its own fingerprints join the index.

Steps 1 and 2 run on arrays (one probe of the index for all the article's fingerprints,
counts by ``np.bincount``); only the few fingerprints that reach a limit are looked at one
by one. Links are written once per article (``executemany``), the article's fingerprints as one row.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt

from wiretrace.link.align import Masked, doc
from wiretrace.link.credits import Meta, says_copy
from wiretrace.link.fingerprints import Hashes
from wiretrace.link.index import FingerprintIndex
from wiretrace.link.pair import Item, lazy_credits, link_row, relation_of
from wiretrace.store import lineage_queries as q
from wiretrace.store.base import JSON, Store

__all__ = ["LINK_VERSION", "Linker", "link_new", "link_pending", "relation_of"]

LINK_VERSION = "2"
OUTLET_LIMIT = 4  # articles of one outlet holding a fingerprint before it is tested as boilerplate
SHARED_LIMIT = 8  # articles in all holding a fingerprint before it is tested
FREQUENT_LIMIT = 64  # articles holding story text before it is no longer indexed
MIN_FINGERPRINTS = 2  # shared fingerprints that make a candidate
MAX_CANDIDATES = 40  # candidates aligned per article, most shared first
TEST_SHARE = 0.3  # median share of the smaller side's fingerprints that holders of story text share
_CACHE = 20_000  # articles kept ready to align (about 12 kB each)
_LOAD = 20_000  # index rows read at a time when a linker starts


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Linker:
    """Links articles of one SQLite connection; callers own the transactions and call :meth:`sync`
    at the start of each."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("PRAGMA cache_size = -262144")  # up to 256 MB of pages: links are read back at random
        self.index = FingerprintIndex()
        self.kinds: dict[int, str] = {}  # boilerplate and frequent: few, kept in memory
        self.boilerplate = Masked()
        self._items: OrderedDict[int, Item] = OrderedDict()
        self._rows: dict[int, q.ArticleRow] = {}  # read ahead by prefetch
        self._puts: list[JSON] = []
        self._seq = 0  # the last link_fingerprints row in the index
        self._version: int | None = None
        self.now = _now()

    def sync(self) -> None:
        """Read what the store holds that this linker has not seen: everything the first time,
        then only what other connections committed since."""
        self.now = _now()  # the linked_at of what this transaction links
        version = q.data_version(self.conn)
        if version == self._version:
            return
        self._version = version
        self.kinds = q.hash_kinds_all(self.conn)
        self.boilerplate = Masked(h for h, kind in self.kinds.items() if kind == "boilerplate")
        rows = q.fingerprint_rows(self.conn, self._seq)
        while chunk := [row for _, row in zip(range(_LOAD), rows, strict=False)]:
            self._seq = chunk[-1][0]
            self.index.add_many(
                np.array([r[1] for r in chunk], dtype=np.int32),
                np.array([r[2] for r in chunk], dtype=np.uint32),
                np.array([r[3] for r in chunk], dtype=np.int32),
                [r[4] for r in chunk],
            )

    # -- articles -------------------------------------------------------------------

    def prefetch(self, ns: list[int]) -> None:
        """Read the rows of articles about to be linked in one query."""
        self._rows = q.article_rows(self.conn, [n for n in ns if n not in self._items])

    def item(self, n: int) -> Item | None:
        found = self._items.get(n)
        if found is not None:
            self._items.move_to_end(n)
            return found
        row = self._rows.pop(n, None) or q.article_rows(self.conn, [n]).get(n)
        if row is None:
            return None
        _, body, outlet, url, published, source_outlet, source_url = row
        meta = Meta(
            n=n,
            outlet=outlet,
            url=url,
            published=published,
            credits=lazy_credits(body, source_outlet, source_url),
            copy_marked=says_copy(body),
        )
        key = meta.outlet_key
        d = doc(body)
        made = Item(meta=meta, outlet=zlib.crc32(key.encode()) if key else 0, doc=d, fingerprints=d.fingerprints())
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
        fps = item.fingerprints
        look = fps[self._alive(fps)] if not self.boilerplate.hashes.isdisjoint(fps.tolist()) else fps
        which, holders = self.index.lookup(look)
        if n in self.index:  # linked before (another linker version): not its own candidate
            which, holders = which[holders != n], holders[holders != n]
        if self._test(look, which, holders, item):
            alive = self._alive(look)
            which, holders = which[alive[which]], holders[alive[which]]
        kinds = self.kinds
        indexed = np.array([h for h in look.tolist() if h not in kinds], dtype=np.int64)
        self.index.add(n, item.outlet, len(fps), indexed)
        q.put_fingerprints(self.conn, n, item.outlet, indexed.astype("<i8").tobytes())
        made = 0
        for other in self._candidates(holders):
            made += self.verify(n, other)
        item.doc.drop_order()
        self._flush()
        q.mark_linked(self.conn, n, LINK_VERSION, len(fps), self.now)
        return made

    def _alive(self, hashes: Hashes) -> npt.NDArray[np.bool_]:
        bp = self.boilerplate.hashes
        return np.fromiter((h not in bp for h in hashes.tolist()), dtype=np.bool_, count=len(hashes))

    @staticmethod
    def _candidates(holders: npt.NDArray[np.int32]) -> list[int]:
        """The articles holding at least MIN_FINGERPRINTS of the looked-up fingerprints, most first."""
        if not len(holders):
            return []
        articles, shared = np.unique(holders, return_counts=True)
        keep = shared >= MIN_FINGERPRINTS
        articles, shared = articles[keep], shared[keep]
        order = np.lexsort((articles, -shared))[:MAX_CANDIDATES]
        return [int(a) for a in articles[order]]

    def _test(self, look: Hashes, which: npt.NDArray[np.intp], holders: npt.NDArray[np.int32], item: Item) -> bool:
        """Mark the fingerprints that reach a limit boilerplate or frequent (see the module doc);
        True when one became boilerplate."""
        if not len(which):
            return False
        total = np.bincount(which, minlength=len(look))
        outlets = self.index.outlets[holders]
        same_outlet = (outlets == item.outlet) if item.outlet else np.zeros(len(holders), dtype=np.bool_)
        same = np.bincount(which[same_outlet], minlength=len(look))
        limits = np.flatnonzero((same + 1 >= OUTLET_LIMIT) | (total + 1 >= SHARED_LIMIT))
        reached = [i for i in limits.tolist() if int(look[i]) not in self.kinds]
        if not reached:
            return False
        articles, counts = np.unique(holders, return_counts=True)
        own = len(item.fingerprints)
        became = False
        for i in reached:
            h = int(look[i])
            mine = which == i
            overall = total[i] + 1 >= SHARED_LIMIT
            members = holders[mine] if overall else holders[mine & same_outlet]
            shared = counts[np.searchsorted(articles, members)]
            sizes = self.index.sizes[members]
            sizes = np.where(sizes > 0, np.minimum(sizes, own), own)
            if float(np.median(shared / np.maximum(1, sizes))) < TEST_SHARE and not self._related(members.tolist()):
                self.kinds[h] = "boilerplate"
                self.boilerplate.add(h)
                q.mark_hash(self.conn, h, "boilerplate")
                self.recheck(holders[mine].tolist())
                became = True
            elif total[i] + 1 >= FREQUENT_LIMIT:
                self.kinds[h] = "frequent"
                q.mark_hash(self.conn, h, "frequent")
        return became

    def _related(self, members: list[int]) -> bool:
        """Whether the articles holding a fingerprint are copies of one another — story text that a
        short excerpt or teaser shares with them, not a footer or a template phrase: the median of
        them has a link to another whose passages cover TEST_SHARE of the smaller article or more."""
        self._flush()
        best = dict.fromkeys(members, 0.0)
        for link in q.links_among(self.conn, members, passages=False):
            share = max(link["source_share"], link["target_share"])
            for end in (link["lo"], link["hi"]):
                best[end] = max(best[end], share)
        return float(np.median(list(best.values()))) >= TEST_SHARE

    def recheck(self, members: list[int]) -> None:
        """Verify again the links among ``members`` (a fingerprint they hold became boilerplate)."""
        self._flush()
        for link in q.links_among(self.conn, members):
            self.verify(link["lo"], link["hi"])
        self._flush()

    # -- one pair -----------------------------------------------------------------------

    def verify(self, n: int, other: int) -> int:
        """Align the pair, store (or drop) its link; 1 when linked. Stored links wait in a list
        until :meth:`_flush`."""
        a, b = self.item(n), self.item(other)
        row = None if a is None or b is None else link_row(a, b, self.boilerplate)
        if row is None:
            self._flush()
            q.delete_link(self.conn, min(n, other), max(n, other))
            return 0
        self._puts.append(row)
        return 1

    def _flush(self) -> None:
        if self._puts:
            q.put_links(self.conn, self._puts)
            self._puts = []


# --------------------------------------------------------------------------- entry points

_last: list[Linker] = []  # the linker of the last connection, kept between calls (its index and caches)


def _linker(conn: sqlite3.Connection) -> Linker:
    if not _last or _last[0].conn is not conn:
        _last[:] = [Linker(conn)]
    return _last[0]


@contextmanager
def _linking(conn: sqlite3.Connection) -> Iterator[Linker]:
    """One transaction with the connection's linker, caught up with the store. When it fails,
    the linker is dropped too: its index would hold what was rolled back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        linker = _linker(conn)
        linker.sync()
        yield linker
    except BaseException:
        conn.execute("ROLLBACK")
        _last.clear()
        raise
    conn.execute("COMMIT")


def _conn(store: Store) -> sqlite3.Connection | None:
    conn = getattr(store, "conn", None)
    return conn if isinstance(conn, sqlite3.Connection) else None


def link_new(store: Store, article_id: str) -> int:
    """Link one stored article (by article id) in its own transaction; 0 when done before."""
    conn = _conn(store)
    if conn is None:
        return 0
    n = q.n_of(conn, article_id)
    if n is None or q.is_linked(conn, n, LINK_VERSION):
        return 0
    with _linking(conn) as linker:
        return linker.link(n)


def link_pending(
    store: Store, *, batch: int = 500, on_progress: Callable[[int, int], None] | None = None
) -> tuple[int, int]:
    """Link every article not linked yet, oldest first: ``(articles, links made)``."""
    conn = _conn(store)
    if conn is None:
        return 0, 0
    todo = q.pending(conn, LINK_VERSION)
    made = 0
    for start in range(0, len(todo), batch):
        part = todo[start : start + batch]
        with _linking(conn) as linker:
            linker.prefetch(part)
            for n in part:
                made += linker.link(n)
        if on_progress is not None:
            on_progress(min(start + batch, len(todo)), len(todo))
    return len(todo), made
