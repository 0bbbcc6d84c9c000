"""The fingerprint index in memory: which linked articles hold each fingerprint.

The store keeps one row per linked article (``link_fingerprints``: its outlet and its
indexed fingerprints as one blob); a :class:`FingerprintIndex` is built from those rows when
a linker starts — a few seconds for 100,000 articles — and then kept up to date as articles
are linked, so finding the articles that share text with a new one costs the same however
large the corpus.

It is a hash table in flat arrays, searched for all of an article's fingerprints at once:

* ``keys``: open addressing with linear probing, at most half full (the fingerprints are
  a key's first slot is the top bits of its product with an odd constant); a lookup reads
  the eight slots from there (one cache line) per fingerprint, where a binary search over sorted postings would touch
  twenty, each a cache miss once the index outgrows the CPU's caches;
* ``heads``: per slot, the newest posting of the key; ``articles``/``older``: per posting,
  its article and the posting of the same key indexed before it (a chain, newest first —
  never longer than the linker's limit on how many articles a fingerprint may reach).

Per-article facts (outlet key, fingerprint count, whether indexed) are flat arrays indexed
by ``articles.n``.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import numpy.typing as npt

__all__ = ["FingerprintIndex"]

_EMPTY = np.int64(np.iinfo(np.int64).min)  # a free slot (a fingerprint equal to it is read as its neighbour)

_SPREAD = np.uint64(0x9E3779B97F4A7C15)
_PROBE = np.arange(8, dtype=np.intp)  # slots read at once when probing (about one cache line)

Hashes = npt.NDArray[np.int64]
Ints = npt.NDArray[np.int32]
Positions = npt.NDArray[np.intp]


_T = TypeVar("_T", bound=np.generic)


def _grown(old: npt.NDArray[_T], size: int, fill: int = 0) -> npt.NDArray[_T]:
    new = np.full(size, fill, dtype=old.dtype)
    new[: len(old)] = old
    return new


class FingerprintIndex:
    """hash → articles, plus each article's outlet key and fingerprint count."""

    def __init__(self, bits: int = 16) -> None:
        self._bits = bits  # the table has 2**bits slots
        self.keys = np.full(1 << bits, _EMPTY, dtype=np.int64)
        self.heads = np.full(1 << bits, -1, dtype=np.int32)
        self.used = 0  # slots holding a key
        self._articles = np.zeros(1 << 16, dtype=np.int32)
        self._older = np.zeros(1 << 16, dtype=np.int32)
        self.postings = 0
        self.outlets = np.zeros(1024, dtype=np.uint32)
        self.sizes = np.zeros(1024, dtype=np.int32)
        self.indexed = np.zeros(1024, dtype=np.bool_)

    # -- articles ---------------------------------------------------------------------

    def __contains__(self, article: int) -> bool:
        return article < len(self.indexed) and bool(self.indexed[article])

    def _grow_articles(self, n: int) -> None:
        if n >= len(self.outlets):
            size = max(n + 1, 2 * len(self.outlets))
            self.outlets = _grown(self.outlets, size)
            self.sizes = _grown(self.sizes, size)
            self.indexed = _grown(self.indexed, size)

    def add(self, article: int, outlet: int, size: int, hashes: Hashes) -> None:
        """Index ``hashes`` (distinct) as held by ``article`` — once: an article indexed already is left alone."""
        if article in self:
            return
        self._grow_articles(article)
        self.outlets[article], self.sizes[article], self.indexed[article] = outlet, size, True
        self._post(np.asarray(hashes, dtype=np.int64), np.full(len(hashes), article, dtype=np.int32), distinct=True)

    def add_many(self, articles: Ints, outlets: npt.NDArray[np.uint32], sizes: Ints, blobs: list[bytes]) -> None:
        """Index many articles at once, in order (a linker loading the store)."""
        fresh = [i for i, a in enumerate(articles.tolist()) if a not in self]
        if not fresh:
            return
        articles, outlets, sizes = articles[fresh], outlets[fresh], sizes[fresh]
        self._grow_articles(int(articles.max()))
        self.outlets[articles], self.sizes[articles], self.indexed[articles] = outlets, sizes, True
        parts = [np.frombuffer(blobs[i], dtype="<i8") for i in fresh]
        if sum(len(p) for p in parts):
            lengths = [len(p) for p in parts]
            self._post(np.concatenate(parts).astype(np.int64), np.repeat(articles.astype(np.int32), lengths))

    # -- the table --------------------------------------------------------------------

    def _home(self, keys: Hashes) -> Positions:
        """A key's first slot: the top bits of the key times an odd constant (Fibonacci hashing:
        fingerprints are the smallest of their windows, so their own top bits are far from even)."""
        return ((keys.view(np.uint64) * _SPREAD) >> np.uint64(64 - self._bits)).astype(np.intp)

    def _post(self, hashes: Hashes, holders: Ints, *, distinct: bool = False) -> None:
        """Add postings ``(hashes[i], holders[i])``, in order (a later one is newer)."""
        if not len(hashes):
            return
        hashes = np.where(hashes == _EMPTY, _EMPTY + 1, hashes)
        first = self.postings
        self._reserve_postings(len(hashes))
        numbers = np.arange(first, first + len(hashes), dtype=np.int32)
        self.postings += len(hashes)
        if distinct:  # one article's fingerprints: each posting goes in front of its key's chain
            self._reserve(len(hashes))
            slots = self._claim(hashes)
            self._articles[numbers] = holders
            self._older[numbers] = self.heads[slots]
            self.heads[slots] = numbers
            return
        order = np.argsort(hashes, kind="stable")  # by key; a key's postings in the order given
        ordered, sorted_keys = numbers[order], hashes[order]
        starts = np.ones(len(order), dtype=np.bool_)
        starts[1:] = sorted_keys[1:] != sorted_keys[:-1]
        keys = sorted_keys[starts]
        self._reserve(len(keys))
        slots = self._claim(keys)[np.cumsum(starts) - 1]
        # chain each posting to the one before it of the same key: the head, or the previous new one
        older = np.empty(len(order), dtype=np.int32)
        older[starts] = self.heads[slots[starts]]
        older[~starts] = ordered[:-1][~starts[1:]]
        self._articles[ordered] = holders[order]
        self._older[ordered] = older
        ends = np.ones(len(order), dtype=np.bool_)
        ends[:-1] = starts[1:]
        self.heads[slots[ends]] = ordered[ends]

    def _reserve_postings(self, count: int) -> None:
        need = self.postings + count
        if need > len(self._articles):
            size = max(need, 2 * len(self._articles))
            self._articles = _grown(self._articles, size)
            self._older = _grown(self._older, size)

    def _reserve(self, count: int) -> None:
        """Keep the table at most half full with ``count`` more keys (growing it: every key placed again)."""
        if 2 * (self.used + count) <= len(self.keys):
            return
        bits = self._bits
        while 2 * (self.used + count) > 1 << bits:
            bits += 1
        filled = np.flatnonzero(self.keys != _EMPTY)
        keys, heads = self.keys[filled], self.heads[filled]
        self._bits = bits
        self.keys = np.full(1 << bits, _EMPTY, dtype=np.int64)
        self.heads = np.full(1 << bits, -1, dtype=np.int32)
        self.used = 0
        self.heads[self._claim(keys)] = heads

    def _claim(self, keys: Hashes) -> Positions:
        """The slot of each of ``keys`` (distinct), taking a free one for a key not there yet."""
        if not self.used:
            return self._fill(keys)
        mask = len(self.keys) - 1
        slot = self._home(keys)
        found = np.full(len(keys), -1, dtype=np.intp)
        todo = np.arange(len(keys))
        while len(todo):
            window = (slot[todo, None] + _PROBE) & mask
            held = self.keys[window]
            hit = held == keys[todo, None]
            free = held == _EMPTY
            got = hit.any(axis=1)
            found[todo[got]] = window[got, hit[got].argmax(axis=1)]
            claim = np.flatnonzero(~got & free.any(axis=1))
            if len(claim):  # of keys wanting one free slot, one takes it (its write stays); the others look again
                want = window[claim, free[claim].argmax(axis=1)]
                wanting = keys[todo[claim]]
                self.keys[want] = wanting
                won = self.keys[want] == wanting
                found[todo[claim[won]]] = want[won]
                self.used += int(won.sum())
            full = ~got & ~free.any(axis=1)
            slot[todo[full]] = (slot[todo[full]] + len(_PROBE)) & mask
            todo = todo[found[todo] < 0]
        return found

    def _fill(self, keys: Hashes) -> Positions:
        """Place distinct ``keys`` in the empty table at once: in the order of their first slots, each
        takes its first slot or the one after the key before it (what probing one by one would give)."""
        home = self._home(keys)
        order = np.argsort(home, kind="stable")
        steps = np.arange(len(keys), dtype=np.intp)
        placed = np.maximum.accumulate(home[order] - steps) + steps
        fits = placed < len(self.keys)
        found = np.empty(len(keys), dtype=np.intp)
        found[order[fits]] = placed[fits]
        self.keys[placed[fits]] = keys[order[fits]]
        self.used = int(fits.sum())
        if not fits.all():  # past the last slot: they wrap around, probing from the first
            rest = order[~fits]
            found[rest] = self._claim(keys[rest])
        return found

    # -- lookups ----------------------------------------------------------------------

    def lookup(self, hashes: Hashes) -> tuple[Positions, Ints]:
        """``(which, articles)``: every posting of the (distinct) ``hashes`` — ``which`` is the index
        into ``hashes`` of the posting's fingerprint, ``articles`` its article (newest first)."""
        empty = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.int32))
        if not len(hashes) or not self.used:
            return empty
        keys = np.where(hashes == _EMPTY, _EMPTY + 1, hashes)
        mask = len(self.keys) - 1
        window = (self._home(keys)[:, None] + _PROBE) & mask
        held = self.keys[window]
        hit = held == keys[:, None]
        which = np.flatnonzero(hit.any(axis=1))
        where = window[which, hit[which].argmax(axis=1)]
        unsure = np.flatnonzero((held != _EMPTY).all(axis=1) & ~hit.any(axis=1))
        if len(unsure):  # a full window: probe on, one key at a time (rare at half load)
            more = [(i, self._probe(int(keys[i]), int(window[i, -1]) + 1)) for i in unsure.tolist()]
            more = [(i, at) for i, at in more if at >= 0]
            if more:
                which = np.concatenate((which, np.array([i for i, _ in more], dtype=np.intp)))
                where = np.concatenate((where, np.array([at for _, at in more], dtype=np.intp)))
        posting = self.heads[where]
        found_which: list[Positions] = []
        found_articles: list[Ints] = []
        while len(posting):
            found_which.append(which)
            found_articles.append(self._articles[posting])
            posting = self._older[posting]
            more_left = posting >= 0
            which, posting = which[more_left], posting[more_left]
        if not found_which:
            return empty
        return np.concatenate(found_which), np.concatenate(found_articles)

    def _probe(self, key: int, slot: int) -> int:
        mask = len(self.keys) - 1
        while True:
            held = int(self.keys[slot & mask])
            if held == key:
                return slot & mask
            if held == _EMPTY:
                return -1
            slot += 1
