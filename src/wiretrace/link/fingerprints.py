"""Word windows and their fingerprints: what two articles must share to be compared at all.

A body is read as its ``\\w+`` words (the ``re`` module's words: letters, digits and ``_``),
case aside. Every run of :data:`K` words is hashed (a stable 64-bit polynomial hash of the
words' own hashes, so hashes mean the same in every process and every database).
*Winnowing* keeps, of every :data:`W` consecutive window hashes, the smallest: a sample of
about ``2 / (W + 1)`` of the windows that still guarantees that any text shared over
``K + W - 1`` words or more yields at least one common fingerprint. Identical text always
yields identical fingerprints, wherever it sits.

Everything here is computed on arrays, one body at a time, without a Python loop over its
words: the body's code points are classified (word character or not) and lower-cased by
table, word boundaries are where the class changes, and a word's hash is a polynomial over
its code points, summed per word with ``np.add.reduceat``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["K", "W", "Words", "fingerprints", "window_hashes", "winnow", "words"]

K = 6  # words per window
W = 8  # windows per winnowing window

_PRIME = np.uint64(0x100000001B3)
_CHAR = 0x9E3779B97F4A7C15  # odd: its powers have inverses modulo 2**64
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_BMP = 0x10000

Hashes = npt.NDArray[np.int64]
Offsets = npt.NDArray[np.int32]
_U64 = npt.NDArray[np.uint64]


class _Tables:
    """Per code point of the Basic Multilingual Plane, its *code*: 0 for a character that is not
    part of a word, else its lower case's code point plus one. Built once, on first use (about
    65,000 ``str`` calls); code points above are looked up one by one."""

    codes: _U64 | None = None
    powers: _U64 = np.ones(1, dtype=np.uint64)
    inverse: _U64 = np.ones(1, dtype=np.uint64)

    @classmethod
    def get(cls) -> _U64:
        if cls.codes is None:
            cls.codes = np.array([_code(chr(c)) for c in range(_BMP)], dtype=np.uint64)
        return cls.codes

    @classmethod
    def power(cls, n: int) -> tuple[_U64, _U64]:
        """``_CHAR ** i`` and its inverse modulo 2**64, for ``i < n`` (grown by doubling)."""
        if len(cls.powers) < n:
            size = max(n, 2 * len(cls.powers), 4096)
            cls.powers = _geometric(_CHAR, size)
            cls.inverse = _geometric(pow(_CHAR, -1, 1 << 64), size)
        return cls.powers, cls.inverse


def _geometric(ratio: int, size: int) -> _U64:
    """``ratio ** i`` modulo 2**64 for ``i < size``, by doubling: ``out[f:2f] = out[:f] * ratio**f``."""
    out = np.empty(size, dtype=np.uint64)
    out[0] = 1
    filled = 1
    while filled < size:
        take = min(filled, size - filled)
        out[filled : filled + take] = out[:take] * np.uint64(pow(ratio, filled, 1 << 64))
        filled += take
    return out


def _code(c: str) -> int:
    if not (c.isalnum() or c == "_"):  # what ``\\w`` matches in a ``str`` pattern
        return 0
    low = c.lower()
    return (ord(low) if len(low) == 1 else ord(c)) + 1


def _codes(body: str) -> _U64:
    """The code of each character of ``body``."""
    table = _Tables.get()
    if body.isascii():
        return table[np.frombuffer(body.encode("ascii"), dtype=np.uint8)]
    points = np.frombuffer(body.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    small = points < _BMP
    if small.all():
        return table[points]
    codes = table[np.where(small, points, 0)]
    for i in np.flatnonzero(~small).tolist():
        codes[i] = _code(chr(int(points[i])))
    return codes


def _scan(body: str) -> tuple[Offsets, Offsets, _U64]:
    """Each word's first and past-the-end character, and its (case-blind) hash: a polynomial over
    its characters' codes."""
    codes = _codes(body)
    marks = np.zeros(len(codes) + 2, dtype=np.int8)
    marks[1:-1] = codes != 0
    edges = marks[1:] - marks[:-1]
    starts = np.flatnonzero(edges == 1).astype(np.int32)
    ends = np.flatnonzero(edges == -1).astype(np.int32)
    if not len(starts):
        return starts, ends, np.zeros(0, dtype=np.uint64)
    powers, inverse = _Tables.power(len(codes))
    sums = np.add.reduceat(codes * powers[: len(codes)], starts) * inverse[starts]  # from each word's start
    sums ^= sums >> np.uint64(31)
    sums *= _MIX
    sums ^= sums >> np.uint64(29)
    return starts, ends, sums


class Words:
    """The words of a body: their character offsets (two small arrays) and their hashes."""

    __slots__ = ("body", "ends", "hashes", "starts")

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts, self.ends, self.hashes = _scan(body)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> str:
        return self.body[int(self.starts[i]) : int(self.ends[i])]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Characters from the start of word ``first`` to the end of word ``last - 1``."""
        return int(self.starts[first]), int(self.ends[last - 1])


def words(body: str) -> Words:
    return Words(body)


def window_hashes(text: Words | Sequence[str]) -> Hashes:
    """The hash of every window of :data:`K` consecutive words (``len - K + 1`` of them).

    ``text`` is a body's :class:`Words`, or a sequence of words (hashed as the body of those
    words joined by spaces)."""
    tokens = text.hashes if isinstance(text, Words) else Words(" ".join(text)).hashes
    count = len(tokens) - K + 1
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    h = np.zeros(count, dtype=np.uint64)
    for j in range(K):
        h = h * _PRIME + tokens[j : j + count]
    h ^= h >> np.uint64(29)
    h *= _MIX
    h ^= h >> np.uint64(32)
    return h.view(np.int64)


def winnow(hashes: Hashes) -> npt.NDArray[np.int64]:
    """The positions (indexes into ``hashes``) that winnowing keeps, sorted."""
    if len(hashes) <= W:
        return np.arange(len(hashes), dtype=np.int64)
    count = len(hashes) - W + 1
    view = np.lib.stride_tricks.as_strided(hashes, shape=(count, W), strides=(hashes.strides[0],) * 2)
    picked = view.argmin(axis=1) + np.arange(count)
    keep = np.zeros(len(hashes), dtype=np.bool_)
    keep[picked] = True
    return np.flatnonzero(keep).astype(np.int64)


def fingerprints(body: str) -> list[int]:
    """The distinct winnowed fingerprints of a body (what the index stores)."""
    hashes = window_hashes(Words(body))
    return sorted(set(hashes[winnow(hashes)].tolist()))
