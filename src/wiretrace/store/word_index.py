"""A full-text table's words in memory, ranked as the full-text index ranks them, several times faster.

``check`` ranks the corpus on a claim's rarest words with the index's bm25
(``bm25(articles_fts, 4.0, 1.0)``): SQLite scores every article that holds one of them, about
1.5 µs each, and the words of a claim are often held by a third of a corpus — 10 to 15 ms a
check on 20,000 articles; a search for a common word scores its 2,000 newest matches in each of
``articles_fts`` and ``quotes_fts``. :class:`WordIndex` keeps, for each word, the rows that hold
it and how often (numpy arrays, about 8 bytes a row-word: 40 MB for 20,000 articles, 24 MB for
their 117,000 quotes), and computes the same score over those arrays in about a millisecond.

The same score, to the bit: words are cut as the index's ``unicode61`` tokenizer cuts them
(letters and digits, lower case, diacritics removed), a row's frequency of a word is its count
in each column times the column's weight (:class:`Source`), and the sum is FTS5's own
(``fts5Bm25Function``: k1 = 1.2, b = 0.75, a row's length is its words in all columns, a word's
idf is ``log((N - n + 0.5) / (n + 0.5))``, at least 1e-6, the words added in the query's order);
ties go to the lower row id (a search's to the higher). So a check or a search finds the same
rows either way — tested against FTS5 — and a server uses the index only while it is built for
the database as it is (:meth:`WordIndex.build` takes a few seconds for 20,000 articles). Where
Python and SQLite read a rare character differently (a ligature, a letter outside Latin that
case-folds oddly) a word may be cut otherwise and a score differ slightly.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["ARTICLES", "QUOTES", "Phrase", "Source", "WordIndex", "words_of"]

_K1, _B = 1.2, 0.75  # FTS5's bm25 constants
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits: unicode61's token characters
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")  # the same in a text without other letters or digits (faster)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHUNK = 500  # articles read and counted at a time


_FOLDED: dict[int, str] = {}  # a non-ASCII character → what the index reads it as (a letter without its marks)


def _fold(char: str) -> str:
    if unicodedata.combining(char):
        return ""  # a mark on its own: part of the word it marks
    if not char.isalpha():
        return char
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return bare or char


def words_of(text: str | None) -> list[str]:
    """``text``'s words as the full-text index keeps them (``unicode61 remove_diacritics 2``:
    letters and digits, lower case, "é" read as "e")."""
    if not text:
        return []
    lowered = text.lower()
    if lowered.isascii():
        return _ASCII_TOKEN.findall(lowered)
    plain = True  # most often only quotation marks and dashes, which stay as they are
    for char in set(_NON_ASCII.findall(lowered)):
        folded = _FOLDED.get(ord(char))
        if folded is None:
            folded = _FOLDED[ord(char)] = _fold(char)
        if folded != char:
            lowered = lowered.replace(char, folded)
        plain = plain and not (folded.isalnum() and not folded.isascii())
    return (_ASCII_TOKEN if plain else _TOKEN).findall(lowered)


class _Vocabulary(dict[str, int]):
    """word → its number, numbered as first seen."""

    def __missing__(self, word: str) -> int:
        number = self[word] = len(self)
        return number


@dataclass(frozen=True, slots=True)
class Source:
    """What a full-text index holds: its content table's columns and their bm25 weights."""

    table: str
    fts: str  # the full-text index over it
    columns: tuple[str, ...]
    weights: tuple[float, ...]  # the weights its ``rank`` was configured with (store migration m0001)
    most: int  # rows beyond which it is not kept in memory (about 2 kB a row): the full-text index ranks

    def fits(self, conn: sqlite3.Connection) -> bool:
        """Whether the table is small enough to keep in memory (:attr:`most` rows)."""
        row = conn.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()
        return int(row[0]) <= self.most

    @property
    def bm25(self) -> str:
        """The index's bm25 with these weights, as SQL (``queries.BM25``)."""
        return f"bm25({self.fts}, {', '.join(str(w) for w in self.weights)})"


# 100,000 articles: about 200 MB and 25 s a server process; 500,000 quotes: about 120 MB and 8 s
# headlines count four times the body, a quote's speaker half its words
ARTICLES = Source("articles", "articles_fts", ("headline", "body"), (4.0, 1.0), most=100_000)
QUOTES = Source("quotes", "quotes_fts", ("text", "speaker"), (1.0, 0.5), most=500_000)


@dataclass(frozen=True, slots=True, eq=False)
class Phrase:
    """The rows that hold a phrase (positions in :attr:`WordIndex.ns`, ascending) and its share
    of each one's score, as the full-text index reports it (negative, as bm25 is)."""

    rows: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class WordIndex:
    """Each word's rows (``rows``: positions in ``ns``) and weighted frequencies, word by word."""

    vocabulary: dict[str, int]
    starts: npt.NDArray[np.int64]  # word number → its first posting; one more at the end
    rows: npt.NDArray[np.int32]  # posting → the row's position in ns
    freqs: npt.NDArray[np.float32]  # posting → its counts in each column times the column's weight (exact)
    ns: npt.NDArray[np.int64]  # position → the row id (``n``), ascending
    norm: npt.NDArray[np.float64]  # position → k1 × (1 - b + b × length / average length)
    source: Source  # the table and full-text index it was built from

    @classmethod
    def build(cls, conn: sqlite3.Connection, source: Source = ARTICLES) -> WordIndex:
        """Every row of ``source`` (the rows its full-text index holds: all of them)."""
        vocabulary = _Vocabulary()
        parts: list[tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]]] = []
        ns: list[int] = []
        lengths: list[int] = []
        columns = ", ".join(source.columns)
        cur = conn.execute(f"SELECT n, {columns} FROM {source.table} ORDER BY n")
        while batch := cur.fetchmany(_CHUNK):
            first = len(ns)
            words: list[str] = []
            runs: list[int] = []  # each row's words of each column
            for n, *texts in batch:
                ns.append(int(n))
                length = 0
                for text in texts:
                    found = words_of(text)
                    words += found
                    runs.append(len(found))
                    length += len(found)
                lengths.append(length)
            parts.append(_counted(vocabulary, words, runs, source.weights, first))
        return cls._of(dict(vocabulary), parts, ns, lengths, source)

    @classmethod
    def _of(
        cls,
        vocabulary: dict[str, int],
        parts: list[tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]]],
        ns: list[int],
        lengths: list[int],
        source: Source,
    ) -> WordIndex:
        terms = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int32)
        rows = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32)
        freqs = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.float32)
        parts.clear()
        order = np.argsort(terms, kind="stable")  # word by word, each word's articles in row order
        starts = np.zeros(len(vocabulary) + 1, np.int64)
        np.cumsum(np.bincount(terms, minlength=len(vocabulary)), out=starts[1:])
        size = np.asarray(lengths, np.int64)
        average = float(size.sum()) / len(size) if len(size) else 1.0  # FTS5: total tokens / rows, as a double
        norm = _K1 * (1 - _B + _B * size.astype(np.float64) / (average or 1.0))
        return cls(
            vocabulary=vocabulary,
            starts=starts,
            rows=rows[order],
            freqs=freqs[order],
            ns=np.asarray(ns, np.int64),
            norm=norm,
            source=source,
        )

    @property
    def articles(self) -> int:
        return len(self.ns)

    def held(self, words: Iterable[str]) -> dict[str, int]:
        """How many articles hold each of ``words`` (as :func:`~wiretrace.store.queries.article_frequencies`)."""
        found: dict[str, int] = {}
        for word in words:
            number = self.vocabulary.get(word)
            found[word] = 0 if number is None else int(self.starts[number + 1] - self.starts[number])
        return found

    def rank(self, words: list[str], limit: int, phrases: Mapping[str, Phrase] | None = None) -> list[int]:
        """The row ids of the ``limit`` articles that hold one of ``words`` (each one word as the
        index keeps it, or one of ``phrases``: :meth:`phrase`), best first: ``ORDER BY
        bm25(articles_fts, 4.0, 1.0), rowid`` of the query ``"w1" OR "w2" …``."""
        return [n for n, _ in self.scored(words, limit, phrases=phrases)]

    def phrase(self, conn: sqlite3.Connection, words: str) -> Phrase:
        """The rows that hold ``words`` one after the other (a word the index keeps as several:
        "re-run" is "re" then "run") and the phrase's own share of each one's bm25, from the
        full-text index this index was built from, in the same database. A phrase
        matches few rows, and the full-text index scores them quickly; FTS5 adds each phrase's
        share to a row's score on its own, so :meth:`scored` adds it in its place among the words."""
        fts = self.source.fts
        found = conn.execute(
            f"SELECT rowid, {self.source.bm25} FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid",
            ('"' + words.replace('"', '""') + '"',),
        ).fetchall()
        ns = np.fromiter((n for n, _ in found), np.int64, count=len(found))
        at = np.searchsorted(self.ns, ns)
        if len(ns) and (at.max() >= len(self.ns) or not np.array_equal(self.ns[at], ns)):
            raise ValueError("the word index was built from another database: build it again")
        return Phrase(rows=at, scores=np.fromiter((v for _, v in found), np.float64, count=len(found)))

    def scored(
        self,
        words: list[str],
        limit: int,
        *,
        every: bool = False,
        window: int | None = None,
        newest: bool = False,
        phrases: Mapping[str, Phrase] | None = None,
    ) -> list[tuple[int, float]]:
        """``(row id, bm25 score)`` of the best ``limit`` rows holding one of ``words`` (``every``:
        all of them, as the query ``w1 w2 …`` asks), lowest score first, ties to the lower row id
        (``newest``: the higher); ``window``: only the ``window`` highest row ids that match are
        ranked (:data:`~wiretrace.store.queries.RANK_WINDOW`); ``phrases``: the words among
        ``words`` that are phrases (:meth:`phrase`)."""
        total = len(self.ns)
        held: list[tuple[int, int] | Phrase] = []
        for word in words:
            given = phrases.get(word) if phrases else None
            if given is not None:
                if every and not len(given.rows):
                    return []
                held.append(given)
                continue
            number = self.vocabulary.get(word)
            if number is None:
                if every:
                    return []  # no row holds it
                continue  # no row holds it: it adds nothing to any score
            held.append((int(self.starts[number]), int(self.starts[number + 1])))
        if not held:
            return []
        found: npt.NDArray[np.int64]
        if every:
            found = self._rows_of(held[0]).astype(np.int64)
            for part in held[1:]:
                found = np.intersect1d(found, self._rows_of(part), assume_unique=True).astype(np.int64)
        else:
            hit = np.zeros(total, np.bool_)
            for part in held:
                hit[self._rows_of(part)] = True
            found = np.flatnonzero(hit)
        if window is not None and len(found) > window:
            found = found[-window:]  # positions are in row order
        score = np.zeros(total, np.float64)
        for part in held:
            if isinstance(part, Phrase):
                score[part.rows] += part.scores  # FTS5's -share: the same as subtracting the share
                continue
            a, z = part
            count = z - a
            idf = math.log((total - count + 0.5) / (count + 0.5))
            idf = idf if idf > 0.0 else 1e-6
            rows, f = self.rows[a:z], self.freqs[a:z].astype(np.float64)
            score[rows] -= idf * ((f * (_K1 + 1.0)) / (f + self.norm[rows]))
        mine = score[found]
        if len(found) > limit:  # the best limit of them, ties included
            cut = np.partition(mine, limit - 1)[limit - 1]
            keep = mine <= cut
            found, mine = found[keep], mine[keep]
        ties = -self.ns[found] if newest else self.ns[found]
        best = np.lexsort((ties, mine))[:limit]
        return [(int(self.ns[found[i]]), float(mine[i])) for i in best]

    def _rows_of(self, part: tuple[int, int] | Phrase) -> npt.NDArray[Any]:
        if isinstance(part, Phrase):
            return part.rows
        return self.rows[part[0] : part[1]]


def _counted(
    vocabulary: _Vocabulary, words: list[str], runs: list[int], weights: tuple[float, ...], first: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """(word number, row position, weighted count) of each word of a chunk of rows, once per row;
    ``runs``: each row's count of words in each column, column by column."""
    if not words:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float32)
    terms = np.fromiter(map(vocabulary.__getitem__, words), np.int64, count=len(words))
    sizes = np.asarray(runs, np.int64)
    span = len(runs) // len(weights)
    owner = np.repeat(np.arange(len(runs), dtype=np.int64) // len(weights), sizes)
    weight = np.repeat(np.tile(np.asarray(weights, np.float64), span), sizes)
    keys, inverse = np.unique(terms * span + owner, return_inverse=True)
    freqs = np.bincount(inverse, weights=weight)
    return (keys // span).astype(np.int32), (keys % span + first).astype(np.int32), freqs.astype(np.float32)
