"""Two bodies aligned: the passages they share, with character spans on both sides.

Every window hash the two share is a match ``(i, j)`` (window ``i`` of ``a`` equals window
``j`` of ``b``). Matches on one diagonal that follow each other form a *run*: a stretch of
identical words. Runs are taken longest first, each word of either side used once (so a
repeated sentence is matched once); then runs that follow each other on both sides, with
at most :data:`GAP` words between them (a light edit: a word changed, a clause cut), are
merged into one *passage*. A passage's span starts at its first word and ends at its last,
widened over the punctuation that touches them (an opening quote, a closing full stop).

Windows whose hash is in ``masked`` (boilerplate) never match.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wiretrace.link.fingerprints import Hashes, K, window_hashes, winnow, words

__all__ = ["GAP", "Alignment", "Doc", "Masked", "Passage", "align", "doc", "masked_share"]

GAP = 8  # words that may differ between two runs of one passage


class Doc:
    """A body ready to align: its word count and offsets, window hashes and winnowed positions."""

    __slots__ = ("_order", "body", "ends", "hashes", "masked", "sample", "size", "starts")

    def __init__(self, body: str) -> None:
        w = words(body)
        self.body = body
        self.size = len(w)
        self.starts, self.ends = w.starts, w.ends
        self.hashes: Hashes = window_hashes(w)
        self.sample: Hashes = winnow(self.hashes)  # window positions kept by winnowing, sorted
        self._order: tuple[npt.NDArray[np.intp], Hashes] | None = None
        self.masked: tuple[int, npt.NDArray[np.bool_]] | None = None  # kept by Masked.windows

    def __len__(self) -> int:
        return self.size

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Characters from the start of word ``first`` to the end of word ``last - 1``."""
        return int(self.starts[first]), int(self.ends[last - 1])

    def fingerprints(self) -> Hashes:
        """The distinct winnowed fingerprints, sorted."""
        return np.unique(self.hashes[self.sample])

    def order(self) -> tuple[npt.NDArray[np.intp], Hashes]:
        """The window positions sorted by hash, and the hashes in that order (kept: a new article
        is aligned with each of its candidates)."""
        if self._order is None:
            order = np.argsort(self.hashes, kind="stable")
            self._order = (order, self.hashes[order])
        return self._order

    def drop_order(self) -> None:
        """Forget :meth:`order` (kept only while the article is the new one being linked)."""
        self._order = None


def doc(body: str) -> Doc:
    return Doc(body)


@dataclass(frozen=True, slots=True)
class Passage:
    """Words ``[a_first, a_last)`` of ``a`` match ``[b_first, b_last)`` of ``b``; spans in characters."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int  # words matched exactly (the runs, not the gaps between them)


@dataclass(frozen=True, slots=True)
class Alignment:
    passages: tuple[Passage, ...]

    def words_a(self) -> int:
        return sum(p.a_last - p.a_first for p in self.passages)

    def words_b(self) -> int:
        return sum(p.b_last - p.b_first for p in self.passages)

    def matched(self) -> int:
        return sum(p.matched for p in self.passages)


def _runs(a: Doc, b: Doc, masked: Collection[int]) -> list[tuple[int, int, int]]:
    """Maximal diagonal runs ``(i, j, windows)`` of equal window hashes (vectorized).

    A window hash repeated inside ``a`` matches its first occurrence only.
    """
    if not len(a.hashes) or not len(b.hashes):
        return []
    order, sorted_a = a.order()
    at = np.searchsorted(sorted_a, b.hashes)
    at[at >= len(sorted_a)] = 0
    hit = sorted_a[at] == b.hashes
    if masked:
        hit &= ~np.isin(b.hashes, np.fromiter(masked, dtype=np.int64, count=len(masked)))
    j = np.flatnonzero(hit)
    if not len(j):
        return []
    i = order[at[j]]
    # window j + 1 of b continues the run of window j when it matches window i + 1 of a: in the
    # order of j, a run is a stretch where both step by one
    breaks = np.flatnonzero((np.diff(j) != 1) | (np.diff(i) != 1)) + 1
    starts = np.concatenate(([0], breaks))
    lengths = np.diff(np.concatenate((starts, [len(i)])))
    return list(zip(i[starts].tolist(), j[starts].tolist(), lengths.tolist(), strict=True))


def _pick(runs: list[tuple[int, int, int]], len_a: int, len_b: int) -> list[tuple[int, int, int, int]]:
    """Non-overlapping word ranges ``(a_first, a_last, b_first, b_last)``, longest runs first."""
    used_a = bytearray(len_a)
    used_b = bytearray(len_b)
    picked = []
    for i, j, n in sorted(runs, key=lambda r: (-r[2], r[0], r[1])):
        a0, a1, b0, b1 = i, i + n + K - 1, j, j + n + K - 1
        # trim words already taken at either end (runs that touch a longer one)
        while a0 < a1 and (used_a[a0] or used_b[b0]):
            a0, b0 = a0 + 1, b0 + 1
        while a1 > a0 and (used_a[a1 - 1] or used_b[b1 - 1]):
            a1, b1 = a1 - 1, b1 - 1
        if a1 - a0 < K or any(used_a[a0:a1]) or any(used_b[b0:b1]):
            continue
        used_a[a0:a1] = b"\x01" * (a1 - a0)
        used_b[b0:b1] = b"\x01" * (b1 - b0)
        picked.append((a0, a1, b0, b1))
    return sorted(picked)


def _merge(ranges: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    merged: list[list[int]] = []
    for a0, a1, b0, b1 in ranges:
        if merged:
            last = merged[-1]
            gap_a, gap_b = a0 - last[1], b0 - last[3]
            if 0 <= gap_a <= GAP and 0 <= gap_b <= GAP:
                last[1], last[3], last[4] = a1, b1, last[4] + (a1 - a0)
                continue
        merged.append([a0, a1, b0, b1, a1 - a0])
    return [(m[0], m[1], m[2], m[3], m[4]) for m in merged]


def _widen(body: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not body[start - 1].isspace() and not body[start - 1].isalnum():
        start -= 1
    while end < len(body) and not body[end].isspace() and not body[end].isalnum():
        end += 1
    return start, end


def align(a: Doc, b: Doc, *, masked: Collection[int] = (), min_words: int = 10) -> Alignment:
    """The passages ``a`` and ``b`` share, each at least ``min_words`` words long on both sides."""
    ranges = _pick(_runs(a, b, masked), len(a), len(b))
    passages = []
    for a0, a1, b0, b1, matched in _merge(ranges):
        if a1 - a0 < min_words or b1 - b0 < min_words:
            continue
        a_start, a_end = _widen(a.body, *a.span(a0, a1))
        b_start, b_end = _widen(b.body, *b.span(b0, b1))
        passages.append(Passage(a0, a1, b0, b1, a_start, a_end, b_start, b_end, matched))
    return Alignment(passages=tuple(passages))


class Masked:
    """Window hashes never to count as shared text (boilerplate), and for each :class:`Doc` which of
    its windows they mask — worked out once per doc and kept until the set changes."""

    _versions = itertools.count(1)

    def __init__(self, hashes: Iterable[int] = ()) -> None:
        self.hashes = set(hashes)
        self._sorted: Hashes | None = None
        self.version = next(self._versions)

    def __len__(self) -> int:
        return len(self.hashes)

    def __contains__(self, h: object) -> bool:
        return h in self.hashes

    def add(self, h: int) -> None:
        self.hashes.add(h)
        self._sorted, self.version = None, next(self._versions)

    def windows(self, d: Doc) -> npt.NDArray[np.bool_]:
        """Which windows of ``d`` are masked."""
        if d.masked is not None and d.masked[0] == self.version:
            return d.masked[1]
        if self._sorted is None:
            self._sorted = np.array(sorted(self.hashes), dtype=np.int64)
        keys = self._sorted
        hit = np.zeros(len(d.hashes), dtype=np.bool_)
        if len(keys):
            at = np.minimum(np.searchsorted(keys, d.hashes), len(keys) - 1)
            np.equal(keys[at], d.hashes, out=hit)
        d.masked = (self.version, hit)
        return hit


def masked_share(p: Passage, a: Doc, masked: Masked) -> float:
    """The share of the words of passage ``p`` (on side ``a``) that lie in a ``masked`` window
    (boilerplate). Every window of the passage is looked at, not only its fingerprints: a template
    sentence with a name filled in ("It is worth pausing on a report that X published on Tuesday,
    because …") has its fixed words in boilerplate windows and its filled-in words in windows
    shared by few — most of its words are boilerplate, few of its fingerprints need be."""
    if not len(masked):
        return 0.0
    hits = np.flatnonzero(masked.windows(a)[p.a_first : max(p.a_first, p.a_last - K + 1)])
    if not len(hits):
        return 0.0
    cover = np.zeros(p.a_last - p.a_first + 1, dtype=np.int32)  # +1 where a window starts, -1 past its end
    cover[hits] += 1  # window positions are distinct: no repeated index
    np.subtract.at(cover, hits + K, 1)
    return int(np.count_nonzero(np.cumsum(cover[:-1]))) / (p.a_last - p.a_first)
