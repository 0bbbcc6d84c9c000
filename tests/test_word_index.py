"""The articles' words in memory rank as the full-text index ranks (store/word_index.py), and a
server's check uses them once they are built for the database as it is."""

from __future__ import annotations

import itertools
import sqlite3
import time
from pathlib import Path

import pytest

from wiretrace.model import Analysis, Article, PublishedSource
from wiretrace.output.serialize import analysis_to_dict
from wiretrace.store import Record, open_store
from wiretrace.store.queries import BM25, article_frequencies
from wiretrace.store.sqlite import SqliteStore
from wiretrace.store.word_index import WordIndex, words_of

# Our own short articles: shared words in headlines and bodies, words repeated, accents, digits,
# apostrophes, hyphens and underscores (which the full-text index cuts words at).
ARTICLES_TEXT = [
    ("Harbour toll rises", "The harbour board raised the ferry toll on Monday. The toll rises again in May."),
    ("Ferry strike", "Ferry crews walked out over pay; the harbour was closed and the toll not collected."),
    ("Café owners protest", "Owners of the café on Quay Street said the toll hurts trade. “It’s naïve,” one said."),
    ("Budget vote", "The council's budget vote was re-run after a count_error in ward 12; 2,400 votes were recounted."),
    ("Zürich ferry", "The Zürich lake ferry, the oldest, kept its fare. Ferry ferry ferry: a toll-free ride."),
    ("Toll", "Toll."),
    ("Weather", "Rain is expected in the harbour town on Tuesday and Wednesday, the forecast said."),
    ("Quay Street", "Quay Street traders met the harbour board; the board said no decision on the toll was made."),
]


def _store(tmp_path: Path, articles: list[tuple[str, str]]) -> SqliteStore:
    store = open_store(tmp_path / "words.db")
    assert isinstance(store, SqliteStore)
    for i, (headline, body) in enumerate(articles):
        article = Article(
            body=body, headline=headline, outlet="The Ledger", published=None, published_source=PublishedSource.NONE
        )
        analysis = Analysis(id=f"a{i}", input=f"t{i}", article=article, stages=(("extract", "1"),))
        store.put(Record(ref=f"t{i}", input=f"t{i}", raw_hash=f"h{i}", data=analysis_to_dict(analysis)))
    return store


def _fts(conn: sqlite3.Connection, words: list[str], limit: int) -> list[int]:
    query = " OR ".join(f'"{w}"' for w in words)
    return [
        n
        for (n,) in conn.execute(
            f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY {BM25['articles_fts']}, rowid LIMIT ?",
            (query, limit),
        )
    ]


def test_words_are_cut_as_the_full_text_index_cuts_them() -> None:
    assert words_of("It’s a re-run: count_error in Zürich, naïve CAFÉ 2,400") == [
        "it",
        "s",
        "a",
        "re",
        "run",
        "count",
        "error",
        "in",
        "zurich",
        "naive",
        "cafe",
        "2",
        "400",
    ]
    assert words_of("") == words_of(None) == []


def test_the_index_ranks_every_query_as_bm25_does_and_counts_the_same_articles(tmp_path: Path) -> None:
    store = _store(tmp_path, ARTICLES_TEXT)
    index = WordIndex.build(store.conn)
    vocabulary = ["toll", "ferry", "harbour", "board", "cafe", "zurich", "quay", "street", "400", "vote", "nothing"]
    assert index.articles == len(ARTICLES_TEXT)
    assert index.held(vocabulary) == article_frequencies(store.conn, vocabulary)
    for size in (1, 2, 3):
        for words in itertools.permutations(vocabulary, size):
            for limit in (1, 3, 20):
                assert index.rank(list(words), limit) == _fts(store.conn, list(words), limit), (words, limit)


def test_a_phrase_is_scored_by_the_full_text_index_in_its_place_among_the_words(tmp_path: Path) -> None:
    """ "re-run" is the phrase "re run": its rows and its share of their scores come from FTS5,
    and the words' scores are added around it in the query's order — the same rows and scores."""
    store = _store(tmp_path, [*ARTICLES_TEXT, ("Re-run", "The re-run vote: a re-run of the toll vote, re run.")])
    index = WordIndex.build(store.conn)
    vocabulary = ["re-run", "toll-free", "toll", "vote", "ferry", "run", "2,400", "no-such-words"]
    for size in (1, 2, 3):
        for words in itertools.permutations(vocabulary, size):
            phrases = {w: index.phrase(store.conn, w) for w in words if not w.isalnum()}
            query = " OR ".join(f'"{w}"' for w in words)
            expected = store.conn.execute(
                f"SELECT rowid, {BM25['articles_fts']} AS score FROM articles_fts WHERE articles_fts MATCH ?"
                " ORDER BY score, rowid LIMIT 5",
                (query,),
            ).fetchall()
            assert index.scored(list(words), 5, phrases=phrases) == expected, words
    (tmp_path / "other").mkdir()
    other = _store(tmp_path / "other", ARTICLES_TEXT[:2])
    with pytest.raises(ValueError, match="another database"):
        WordIndex.build(other.conn).phrase(store.conn, "re-run")


def test_an_article_stored_later_or_changed_is_ranked_once_the_index_is_built_again(tmp_path: Path) -> None:
    store = _store(tmp_path, ARTICLES_TEXT[:3])
    before = WordIndex.build(store.conn)
    _store(tmp_path, [*ARTICLES_TEXT[:3], ("Toll toll", "Toll toll toll: the harbour toll again.")]).close()
    after = WordIndex.build(store.conn)
    assert before.articles == 3 and after.articles == 4
    assert after.rank(["toll"], 5) == _fts(store.conn, ["toll"], 5) != before.rank(["toll"], 5)
    empty = open_store(tmp_path / "empty.db")
    assert isinstance(empty, SqliteStore)
    assert WordIndex.build(empty.conn).rank(["toll"], 5) == []


def test_a_check_finds_the_same_with_the_index_as_without(tmp_path: Path) -> None:
    from wiretrace.stance.check import check_claim  # noqa: PLC0415 - loads the stance model

    store = _store(tmp_path, ARTICLES_TEXT)
    index = WordIndex.build(store.conn)
    for claim in ("The harbour board raised the ferry toll", "The café toll hurts trade", "The vote was re-run"):
        plain = check_claim(store.conn, claim).as_dict()
        assert check_claim(store.conn, claim, index=index).as_dict() == plain
    assert check_claim(store.conn, "The harbour board raised the ferry toll").matches


def test_a_server_uses_the_index_built_for_the_database_as_it_is(tmp_path: Path) -> None:
    from wiretrace.serve.corpus import Corpus  # noqa: PLC0415
    from wiretrace.serve.reads import word_index  # noqa: PLC0415

    _store(tmp_path, ARTICLES_TEXT[:3]).close()
    corpus = Corpus(tmp_path / "words.db")
    built: list[int] = []

    def waited() -> WordIndex:
        deadline = time.monotonic() + 30
        while (found := word_index(corpus)) is None:  # built in the background meanwhile
            assert time.monotonic() < deadline, "the word index was never built"
            time.sleep(0.05)
        built.append(found.articles)
        return found

    first = waited()
    assert word_index(corpus) is first  # kept while the database does not change
    _store(tmp_path, ARTICLES_TEXT[:4]).close()  # another process adds an article
    corpus._behind.clear()  # as if the last build were long ago
    assert waited() is not first
    assert built == [3, 4]


@pytest.mark.parametrize("words", [["toll"], ["harbour", "toll"], ["zurich", "ferry", "nothing"]])
def test_ties_go_to_the_lower_row_as_in_the_full_text_index(tmp_path: Path, words: list[str]) -> None:
    same = [("Same", f"The harbour toll and the Zürich ferry, report {i}.") for i in range(5)]  # one score
    store = _store(tmp_path, same)
    assert WordIndex.build(store.conn).rank(words, 3) == _fts(store.conn, words, 3) == [1, 2, 3]


def test_only_plain_words_are_ranked_in_memory() -> None:
    from wiretrace.store.queries import plain_words  # noqa: PLC0415

    assert plain_words("Harbour toll") == ["harbour", "toll"]
    assert plain_words("Zürich 2024") == ["zurich", "2024"]
    for query in ('"harbour toll"', "harb*", "toll OR ferry", "NOT toll", "headline:toll", "re-run", "it’s", "", "  "):
        assert plain_words(query) is None, query


def test_a_table_too_large_to_keep_in_memory_is_left_to_the_full_text_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace  # noqa: PLC0415

    from wiretrace.serve import reads  # noqa: PLC0415
    from wiretrace.serve.corpus import Corpus  # noqa: PLC0415
    from wiretrace.store.word_index import ARTICLES  # noqa: PLC0415

    _store(tmp_path, ARTICLES_TEXT[:3]).close()
    key, _ = reads._WORDS["articles_fts"]
    monkeypatch.setitem(reads._WORDS, "articles_fts", (key, replace(ARTICLES, most=2)))
    corpus = Corpus(tmp_path / "words.db")
    reads.warm(corpus)
    assert reads.word_index(corpus) is None
    assert "quotes_fts" in reads.word_indexes(corpus)  # the quotes (none here) fit
