"""Word windows and their fingerprints: what two articles must share to be compared at all.

A body is read as its ``\\w+`` words, lower-cased. Every run of :data:`K` words is hashed
(a stable 64-bit polynomial hash of the words' CRC-32s, so hashes mean the same in every
process and every database). *Winnowing* keeps, of every :data:`W` consecutive window
hashes, the smallest: a sample of about ``2 / (W + 1)`` of the windows that still
guarantees that any text shared over ``K + W - 1`` words or more yields at least one common
fingerprint. Identical text always yields identical fingerprints, wherever it sits.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

__all__ = ["K", "W", "Words", "fingerprints", "window_hashes", "winnow", "words"]

K = 6  # words per window
W = 8  # windows per winnowing window

_WORD = re.compile(r"\w+")
_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0xFF51AFD7ED558CCD)

Hashes = npt.NDArray[np.int64]


class Words:
    """The words of a body; their character offsets are found when first asked for (and kept
    as one small array, not a list of tuples)."""

    __slots__ = ("_spans", "body", "text")

    def __init__(self, body: str, *, offsets_only: bool = False) -> None:
        self.body = body
        self.text = [] if offsets_only else [w.lower() for w in _WORD.findall(body)]
        self._spans: npt.NDArray[np.int32] | None = None

    def __len__(self) -> int:
        return len(self.text)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Characters from the start of word ``first`` to the end of word ``last - 1``."""
        if self._spans is None:
            flat = [x for m in _WORD.finditer(self.body) for x in m.span()]
            self._spans = np.array(flat, dtype=np.int32)
        return int(self._spans[2 * first]), int(self._spans[2 * (last - 1) + 1])


def words(body: str) -> Words:
    return Words(body)


_CRC: dict[str, int] = {}
_CRC_MAX = 1_000_000


def _crc(word: str) -> int:
    h = _CRC.get(word)
    if h is None:
        h = zlib.crc32(word.encode("utf-8"))
        if len(_CRC) < _CRC_MAX:
            _CRC[word] = h
    return h


def window_hashes(text: list[str]) -> Hashes:
    """The hash of every window of :data:`K` consecutive words (``len - K + 1`` of them)."""
    count = len(text) - K + 1
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    get = _CRC.get
    tokens = np.array([get(w) or _crc(w) for w in text], dtype=np.uint64)
    h = np.zeros(count, dtype=np.uint64)
    for j in range(K):
        h = h * _PRIME + tokens[j : j + count]
    h ^= h >> np.uint64(29)
    h *= _MIX
    h ^= h >> np.uint64(32)
    return h.view(np.int64)


def winnow(hashes: Hashes) -> Hashes:
    """The positions (indexes into ``hashes``) that winnowing keeps, sorted."""
    if len(hashes) <= W:
        return np.arange(len(hashes), dtype=np.int64)
    view = np.lib.stride_tricks.sliding_window_view(hashes, W)
    picked = view.argmin(axis=1) + np.arange(len(view))
    return np.unique(picked).astype(np.int64)


def fingerprints(body: str) -> list[int]:
    """The distinct winnowed fingerprints of a body (what the index stores)."""
    hashes = window_hashes([w.lower() for w in _WORD.findall(body)])
    return sorted({int(h) for h in hashes[winnow(hashes)].tolist()})
