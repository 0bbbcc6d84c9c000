"""Read queries over the SQLite store, each returning plain rows (dicts) for any output format.

Only *current* articles count: those that at least one ref points at. An article whose
ref moved on to a changed text stays in the database as history, out of every answer.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from wiretrace.store.base import JSON, Stale
from wiretrace.store.codec import join_stages
from wiretrace.store.names import best_display, compatible, merge_names, name_key, surname
from wiretrace.store.timeline import timeline
from wiretrace.store.word_index import ARTICLES, QUOTES, WordIndex, words_of

__all__ = [
    "BM25",
    "MARK",
    "QUOTE_FIELDS",
    "Card",
    "Cards",
    "article_cards",
    "article_frequencies",
    "count_frequent_terms",
    "disputes",
    "export_analyses",
    "export_rows",
    "get",
    "in_chunks",
    "newest_cards",
    "plain_words",
    "quote_rows",
    "quotes",
    "search",
    "speakers",
    "stale",
    "stats",
    "timeline",
]

MARK = ("**", "**")  # around the matched words of a snippet
_CURRENT = "EXISTS (SELECT 1 FROM refs r WHERE r.article_id = a.id)"
_FIRST_REF = "(SELECT MIN(r.ref) FROM refs r WHERE r.article_id = a.id)"
_WORD = re.compile(r"\w+", re.UNICODE)


def _rows(cur: sqlite3.Cursor) -> list[JSON]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


# --------------------------------------------------------------------------- one article


def _versions(conn: sqlite3.Connection, aid: str) -> dict[str, str]:
    rows = conn.execute(
        "SELECT stage, version FROM analyses WHERE article_id = ? AND current = 1 ORDER BY rowid", (aid,)
    )
    return dict(rows.fetchall())


def _assemble(conn: sqlite3.Connection, aid: str, ref: str, analysis_id: str) -> JSON:
    body = conn.execute("SELECT body FROM articles WHERE id = ?", (aid,)).fetchone()[0]
    rows = conn.execute(
        "SELECT stage, version, data FROM analyses WHERE article_id = ? AND current = 1 ORDER BY rowid", (aid,)
    ).fetchall()
    return join_stages(
        analysis_id=analysis_id,
        ref=ref,
        body=body,
        versions={stage: version for stage, version, _ in rows},
        slices={stage: json.loads(data) for stage, _, data in rows},
    )


def get(conn: sqlite3.Connection, ref: str) -> JSON | None:
    """One article's analysis in the output contract, found by ref, analysis id or article id prefix."""
    row = conn.execute("SELECT article_id, ref, analysis_id FROM refs WHERE ref = ?", (ref,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT article_id, ref, analysis_id FROM refs WHERE analysis_id = ? ORDER BY ref LIMIT 1", (ref,)
        ).fetchone()
    if row is None and len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref.lower()):
        row = conn.execute(
            "SELECT article_id, ref, analysis_id FROM refs WHERE article_id >= ? AND article_id < ?"
            " ORDER BY ref LIMIT 1",
            (ref.lower(), ref.lower() + "g"),
        ).fetchone()
    if row is None:
        return None
    data = _assemble(conn, row[0], row[1], row[2])
    data["refs"] = [r for (r,) in conn.execute("SELECT ref FROM refs WHERE article_id = ? ORDER BY ref", (row[0],))]
    data["history"] = _rows(
        conn.execute(
            "SELECT version, article_id, seen_at, input FROM ref_history WHERE ref = ? ORDER BY version", (row[1],)
        )
    )
    return data


def stale(conn: sqlite3.Connection, versions: Mapping[str, str]) -> Iterator[Stale]:
    """Current articles missing a wanted stage version, streamed (one ref each)."""
    cur = conn.execute(f"SELECT a.id, {_FIRST_REF} FROM articles a WHERE {_CURRENT} ORDER BY a.n")
    while batch := cur.fetchmany(500):
        for aid, ref in batch:
            have = _versions(conn, aid)
            missing = tuple(s for s, v in versions.items() if have.get(s) != v)
            if not missing:
                continue
            analysis_id, raw_hash = conn.execute(
                "SELECT analysis_id, raw_hash FROM refs WHERE ref = ?", (ref,)
            ).fetchone()
            data = _assemble(conn, aid, ref, analysis_id)
            yield Stale(
                ref=ref, analysis_id=analysis_id, raw_hash=raw_hash, article=data["article"] or {}, missing=missing
            )


# --------------------------------------------------------------------------- search


RANK_WINDOW = 2000  # a query matching more rows than this is ranked among its newest RANK_WINDOW matches
# Each full-text table's bm25, with the column weights its ``rank`` was configured with (store
# migration m0001; ``word_index.Source`` keeps them, for the same scores in memory). Called by
# name, with the row as tie-break, SQLite sorts the matches itself, where ``ORDER BY rank`` went
# through FTS5's own sort at about twice the CPU.
BM25 = {source.fts: source.bm25 for source in (ARTICLES, QUOTES)}


_FREQUENCIES: dict[tuple[str, int], dict[str, int]] = {}  # (database, its last article) → term → articles
FREQUENCIES_KEPT = 200_000  # terms remembered for one database, then forgotten all at once


FREQUENT = 50  # articles holding a term, from which a server counts it before anyone asks


def _known_frequencies(conn: sqlite3.Connection) -> dict[str, int]:
    """The counts remembered for this database as it is now (emptied when an article is added)."""
    path = str(conn.execute("PRAGMA database_list").fetchone()[2])
    key = (path, int(conn.execute("SELECT MAX(n) FROM articles").fetchone()[0] or 0))
    known = _FREQUENCIES.get(key)
    if known is None or len(known) > FREQUENCIES_KEPT:
        _FREQUENCIES.clear()
        known = _FREQUENCIES[key] = {}
    return known


def count_frequent_terms(conn: sqlite3.Connection, at_least: int = FREQUENT) -> int:
    """Count the articles of every term in one pass over the index, and remember the terms at
    least ``at_least`` articles hold (a server does this as it starts: those are the slow ones
    to count one by one, a few thousand terms; the rare ones are counted when asked, quickly).
    Return how many were remembered."""
    known = _known_frequencies(conn)
    found = conn.execute("SELECT term, doc FROM articles_terms WHERE doc >= ?", (at_least,)).fetchall()
    known.update((term, int(doc)) for term, doc in found)
    return len(found)


def article_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """How many stored articles hold each term (``articles_terms``; a term as the full-text index
    keeps it: lower case, one word), 0 for a term none holds.

    FTS5 counts a term's articles by reading its whole list (a millisecond for a word most articles
    hold), so each count is remembered, per database, until an article is added to it."""
    wanted = list(dict.fromkeys(terms))
    known = _known_frequencies(conn)
    missing = [t for t in wanted if t not in known]
    if missing:
        found = dict(
            conn.execute(
                f"SELECT term, doc FROM articles_terms WHERE term IN ({', '.join('?' * len(missing))})", missing
            )
        )
        for term in missing:
            known[term] = int(found.get(term, 0))
    return {t: known[t] for t in wanted}


def _fts_query(conn: sqlite3.Connection, table: str, query: str) -> str | None:
    """``query`` as FTS5 accepts it: as given when it parses, else its words as quoted terms."""
    try:
        conn.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (query,)).fetchall()
        return query
    except sqlite3.OperationalError:
        pass  # not valid FTS5 syntax ("unterminated string", "syntax error near …"): plain words
    words = _WORD.findall(query)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words) if words else None


def plain_words(query: str) -> list[str] | None:
    """The words of a query FTS5 reads as plain words, every one required (``bridge vote``), each as
    the full-text index keeps it ("Zürich": "zurich"); None for anything else — a phrase, an
    operator, a prefix, a column, a word the index cuts in two ("re-run")."""
    parts = query.split()
    if not parts or any(p in _OPERATORS or not p.isalnum() for p in parts):
        return None
    words: list[str] = []
    for part in parts:
        found = words_of(part)
        if len(found) != 1:
            return None
        words.append(found[0])
    return words


_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def _match(
    conn: sqlite3.Connection,
    table: str,
    sql: str,
    query: str,
    limit: int,
    *,
    complete: Callable[[list[JSON]], list[JSON]],
    index: WordIndex | None = None,
) -> list[JSON]:
    """The best ``limit`` current rows of ``sql``, which reads the ``ranked`` rows of ``table`` (its
    matches' ``fts_n`` and ``score``, best first) — ranked alone, so that only the rows kept are
    looked up — finished by ``complete`` (their article's columns; those out of date dropped).

    bm25 costs time in proportion to the matches, so a query matching most of a large corpus
    ("the") is ranked among its :data:`RANK_WINDOW` newest matches (the highest rowids: the rows
    stored last), which keeps every search in tens of milliseconds. A few more than ``limit`` are
    ranked, and more again while some of them belong to articles no ref points at any more.

    ``index``: the table's words in memory (a server's), which rank plain words (:func:`plain_words`)
    to the same rows and scores as the full-text index, several times faster."""
    words = plain_words(query) if index is not None else None
    if index is not None and words is not None:
        return _match_words(conn, index, words, sql, limit, complete=complete)
    fts = _fts_query(conn, table, query)
    if fts is None:
        return []
    floor = conn.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?", (fts, RANK_WINDOW)
    ).fetchone()
    window, args = ("", (fts,)) if floor is None else (f"AND {table}.rowid > ?", (fts, floor[0]))
    ranked = (
        f"(SELECT rowid AS fts_n, {BM25[table]} AS score FROM {table} WHERE {table} MATCH ? {window}"
        " ORDER BY score, fts_n DESC LIMIT ?)"
    )
    wanted = limit + 16
    while True:
        rows = complete(_rows(conn.execute(sql.format(ranked=ranked), (*args, wanted))))
        if len(rows) >= limit or wanted >= RANK_WINDOW * 4:
            return rows[:limit]
        matched = conn.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? {window} LIMIT ?)", (*args, wanted)
        ).fetchone()[0]
        if matched < wanted:  # every match was ranked: the ones left out are out of date
            return rows
        wanted *= 4


def _match_words(
    conn: sqlite3.Connection,
    index: WordIndex,
    words: list[str],
    sql: str,
    limit: int,
    *,
    complete: Callable[[list[JSON]], list[JSON]],
) -> list[JSON]:
    """:func:`_match` with the rows ranked by ``index`` (handed to ``sql`` as a VALUES list)."""
    wanted = limit + 16
    while True:
        ranked = index.scored(words, wanted, every=True, window=RANK_WINDOW, newest=True)
        if not ranked:
            return []
        values = ", ".join("(?, ?)" for _ in ranked)
        scored = f"(SELECT column1 AS fts_n, column2 AS score FROM (VALUES {values}))"
        rows = complete(_rows(conn.execute(sql.format(ranked=scored), [x for pair in ranked for x in pair])))
        if len(rows) >= limit or wanted >= RANK_WINDOW * 4 or len(ranked) < wanted:
            return rows[:limit]  # enough, or every match ranked: the ones left out are out of date
        wanted *= 4


_SNIPPET = {"articles_fts": 1, "quotes_fts": 0}  # the column a snippet is cut from
_TABLES = {"article": "articles_fts", "quote": "quotes_fts"}


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 20,
    snippets: bool = True,
    cards: Cards | None = None,
    indexes: Mapping[str, WordIndex] | None = None,
) -> list[JSON]:
    """Articles and quotes matching an FTS5 query, best first (bm25), with marked snippets.

    The query is FTS5 syntax (``bridge AND "city hall"``, ``vot*``); anything that does not
    parse as such is searched as plain words. A query matching more than :data:`RANK_WINDOW`
    articles (or quotes) is ranked among the newest :data:`RANK_WINDOW` of them.

    ``snippets=False`` leaves ``snippet`` empty and keeps each row's full-text row id (``fts_n``)
    so that :func:`mark` can cut the snippets of only the rows shown (a snippet costs more than
    ranking: a page narrowed from 200 hits needs 20). Each hit's article columns come from its
    :data:`Card`: from ``cards`` where a server keeps them, else read once per article.
    ``indexes``: full-text table → its words in memory, where a server keeps them (:func:`_match`).
    """
    complete = partial(_carded, cards or partial(article_cards, conn))
    indexes = indexes or {}
    articles = _match(
        conn,
        "articles_fts",
        "SELECT 'article' AS kind, a.id AS article_id, NULL AS speaker, m.score, m.fts_n"
        " FROM {ranked} m JOIN articles a ON a.n = m.fts_n ORDER BY m.score, m.fts_n DESC",
        query,
        limit,
        complete=complete,
        index=indexes.get("articles_fts"),
    )
    found = _match(
        conn,
        "quotes_fts",
        "SELECT 'quote' AS kind, q.article_id, q.speaker, m.score, m.fts_n"
        " FROM {ranked} m JOIN quotes q ON q.n = m.fts_n ORDER BY m.score, m.fts_n DESC",
        query,
        limit,
        complete=complete,
        index=indexes.get("quotes_fts"),
    )
    ranked = sorted(articles + found, key=lambda r: r["score"])[:limit]
    for row in ranked:
        row["score"] = round(-float(row["score"]), 3)  # higher is better for people
    if snippets:
        mark(conn, query, ranked)
    return ranked


def _carded(cards: Cards, rows: list[JSON]) -> list[JSON]:
    """Search rows with their article's columns from ``cards``, as the joined query gives them."""
    found = cards(sorted({r["article_id"] for r in rows}))
    out: list[JSON] = []
    for r in rows:
        card = found.get(r["article_id"])
        if card is not None:
            ref, outlet, published, headline = card
            out.append(
                {
                    "kind": r["kind"],
                    "ref": ref,
                    "outlet": outlet,
                    "published": published,
                    "headline": headline,
                    "speaker": r["speaker"],
                    "snippet": None,
                    "score": r["score"],
                    "fts_n": r["fts_n"],
                }
            )
    return out


def mark(conn: sqlite3.Connection, query: str, rows: list[JSON]) -> None:
    """Cut the snippets of ``rows`` (from ``search(..., snippets=False)``) in place; drop ``fts_n``."""
    open_, close = MARK
    for kind, table in _TABLES.items():
        wanted = {row["fts_n"]: row for row in rows if row["kind"] == kind and "fts_n" in row}
        fts = _fts_query(conn, table, query) if wanted else None
        if fts is None:
            continue
        ids = list(wanted)
        cut = conn.execute(
            f"SELECT rowid, snippet({table}, {_SNIPPET[table]}, '{open_}', '{close}', '…', 24) FROM {table}"
            f" WHERE {table} MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
            (fts, *ids),
        )
        for n, snippet in cut:
            wanted[n]["snippet"] = snippet
    for row in rows:
        row.pop("fts_n", None)


# --------------------------------------------------------------------------- people


QUOTE_FIELDS = ("person", "speaker", "text", "kind", "start", "end", "ref", "outlet", "published", "headline", "said")

Card = tuple[str, str | None, str | None, str | None]  # an article's first ref, outlet, published, headline
Cards = Callable[[list[str]], Mapping[str, Card]]  # article ids → the cards of those that are current


_CARD = f"SELECT a.id, {_FIRST_REF}, a.outlet, a.published, a.headline FROM articles a"


def article_cards(conn: sqlite3.Connection, ids: list[str]) -> dict[str, Card]:
    """The :data:`Card` of each article of ``ids`` that a ref points at (the others are history)."""
    found: dict[str, Card] = {}
    for cur in in_chunks(conn, f"{_CARD} WHERE a.id IN ({{ids}})", ids):
        for aid, ref, outlet, published, headline in cur:
            if ref is not None:
                found[aid] = (ref, outlet, published, headline)
    return found


IN_CHUNK = 500  # ids bound in one query's IN (…): well under SQLite's limit on variables


def in_chunks(
    conn: sqlite3.Connection, sql: str, ids: Sequence[Any], args: Sequence[Any] = ()
) -> Iterator[sqlite3.Cursor]:
    """``sql`` run for :data:`IN_CHUNK` of ``ids`` at a time (its ``{ids}``: their marks), each
    time with ``args`` before them."""
    for at in range(0, len(ids), IN_CHUNK):
        part = ids[at : at + IN_CHUNK]
        yield conn.execute(sql.format(ids=",".join("?" * len(part))), (*args, *part))


def newest_cards(conn: sqlite3.Connection, limit: int) -> Iterator[tuple[str, Card]]:
    """``(article id, card)`` of the newest ``limit`` current articles (the last stored first)."""
    for aid, ref, outlet, published, headline in conn.execute(
        f"{_CARD} WHERE {_CURRENT} ORDER BY a.n DESC LIMIT ?", (limit,)
    ):
        yield aid, (ref, outlet, published, headline)


def quotes(
    conn: sqlite3.Connection, speaker: str | None, *, limit: int = 100, cards: Cards | None = None
) -> list[JSON]:
    """What a person said across articles, oldest first, the speaker merged by canonical name."""
    rows = quote_rows(conn, speaker, limit=limit, cards=cards)
    return [dict(zip(QUOTE_FIELDS, row[:-1], strict=True)) for row in rows]


def quote_rows(
    conn: sqlite3.Connection, speaker: str | None, *, limit: int = 100, cards: Cards | None = None
) -> list[tuple[Any, ...]]:
    """:func:`quotes` as tuples in :data:`QUOTE_FIELDS` order, then the quote's group
    (:func:`~wiretrace.store.names.quote_group`): a person's page reads hundreds of them.

    Each quote's article columns come from its :data:`Card` — from ``cards`` where a server keeps
    them, else read here once per article (:func:`article_cards`), not joined for every quote;
    articles no ref points at are left out. Oldest first (undated last), then by ref and place."""
    key = name_key(speaker) if speaker else ""
    where, args = ("q.speaker_surname = ?", (surname(key),)) if speaker else ("q.speaker IS NOT NULL", ())
    raw = conn.execute(
        f'SELECT q.speaker_key, q.speaker, q.text, q.kind, q.start, q."end", q.article_id, q.said, q.grp'
        f" FROM quotes q WHERE {where}",
        args,
    ).fetchall()
    if speaker:
        # a surname is shared by several people: keep the names the asked one can be
        can_be = {k for k in {r[0] for r in raw} if k and (compatible(key, k) or key == k)}
        raw = [r for r in raw if r[0] in can_be]
    found = (cards or partial(article_cards, conn))(sorted({r[6] for r in raw}))
    rows = [(*r[:6], *found[r[6]], r[7], r[8]) for r in raw if r[6] in found]
    rows.sort(key=lambda r: (r[8] is None, r[8] or "", r[6], r[4]))
    people = _merged(_forms((r[0], r[1]) for r in rows))
    return [(people.get(r[0], r[1]), *r[1:]) for r in rows[:limit]]


def _forms(pairs: Iterable[tuple[str | None, str]]) -> dict[str, list[str]]:
    """speaker key → every form of the name it was written in, once per quote (first seen first)."""
    forms: dict[str, list[str]] = defaultdict(list)
    for key, name in pairs:
        if key:
            forms[key].append(name)
    return dict(forms)


def _merged(forms: Mapping[str, list[str]]) -> dict[str, str]:
    """speaker key → the person it is merged into (the names of one surname that can be one person)."""
    displays = {k: best_display(v) for k, v in forms.items()}
    by_surname: dict[str, dict[str, int]] = defaultdict(dict)
    for k, v in forms.items():
        by_surname[surname(k)][k] = len(v)
    merged: dict[str, str] = {}
    for group in by_surname.values():
        merged.update(merge_names(group, displays))
    return merged


def speakers(conn: sqlite3.Connection, *, limit: int = 50) -> list[JSON]:
    """People quoted most, merged across articles: quotes, articles, the forms used."""
    rows = _rows(
        conn.execute(
            "SELECT q.speaker_key, q.speaker, q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE q.speaker_entity IS NOT NULL AND q.speaker_key != '' AND {_CURRENT}"
        )
    )
    people = _merged(_forms((r["speaker_key"], r["speaker"]) for r in rows))
    quoted: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        person = str(people.get(r["speaker_key"], r["speaker"]))
        quoted[person] += 1
        articles[person].add(r["article_id"])
        forms[person][r["speaker"]] += 1
    return [
        {
            "person": p,
            "quotes": n,
            "articles": len(articles[p]),
            "forms": "; ".join(f for f, _ in forms[p].most_common()),
        }
        for p, n in quoted.most_common(limit)
    ]


def disputes(conn: sqlite3.Connection, *, speaker: str | None = None, limit: int = 100) -> list[JSON]:
    """Each claim with the statement that contradicts it, newest article first."""
    rows = _rows(
        conn.execute(
            f"SELECT {_FIRST_REF} AS ref, a.outlet, a.published, a.headline, d.cue,"
            " c1.speaker AS claim_speaker, c1.text AS claim, c1.date AS claim_date, c1.speaker_key AS k1,"
            " c2.speaker AS counter_speaker, c2.text AS counter, c2.date AS counter_date, c2.speaker_key AS k2"
            " FROM disputes d JOIN articles a ON a.id = d.article_id"
            " JOIN claims c1 ON c1.article_id = d.article_id AND c1.cid = d.claim_id"
            " JOIN claims c2 ON c2.article_id = d.article_id AND c2.cid = d.counter_id"
            f" WHERE {_CURRENT} ORDER BY a.published IS NULL, a.published DESC, ref, c1.start"
        )
    )
    if speaker:
        key = name_key(speaker)
        rows = [r for r in rows if any(k and compatible(key, k) for k in (r["k1"], r["k2"]))]
    return [{k: v for k, v in r.items() if k not in ("k1", "k2")} for r in rows[:limit]]


# --------------------------------------------------------------------------- corpus


def stats(conn: sqlite3.Connection, where: str) -> JSON:
    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    page = one("PRAGMA page_size") * one("PRAGMA page_count")
    stages: dict[str, dict[str, int]] = defaultdict(dict)
    for stage, version, n in conn.execute(
        "SELECT stage, version, COUNT(*) FROM analyses WHERE current = 1 GROUP BY stage, version ORDER BY MIN(rowid)"
    ):
        stages[stage][version] = n
    return {
        "database": where,
        "schema_version": one("SELECT MAX(version) FROM schema_version"),
        "bytes": page,
        "articles": one(f"SELECT COUNT(*) FROM articles a WHERE {_CURRENT}"),
        "refs": one("SELECT COUNT(*) FROM refs"),
        "versions": one("SELECT COUNT(*) FROM ref_history"),
        "stored_texts": one("SELECT COUNT(*) FROM articles"),
        "quotes": one("SELECT COUNT(*) FROM quotes"),
        "speakers": one("SELECT COUNT(DISTINCT speaker_key) FROM quotes WHERE speaker_entity IS NOT NULL"),
        "entities": one("SELECT COUNT(*) FROM entities"),
        "claims": one("SELECT COUNT(*) FROM claims"),
        "disputes": one("SELECT COUNT(*) FROM disputes"),
        "timexes": one("SELECT COUNT(*) FROM timexes"),
        "stages": dict(stages),
        "outlets": _rows(
            conn.execute(
                f"SELECT COALESCE(a.outlet, '(none)') AS outlet, COUNT(*) AS articles FROM articles a"
                f" WHERE {_CURRENT} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
            )
        ),
        "failures": one("SELECT COUNT(*) FROM failures"),
        "last_failures": _rows(conn.execute("SELECT input, message, at FROM failures ORDER BY n DESC LIMIT 10")),
        "runs": _rows(
            conn.execute(
                "SELECT id, command, started_at, finished_at, new, updated, unchanged, failed, status"
                " FROM runs ORDER BY id DESC LIMIT 5"
            )
        ),
    }


EXPORT_COLUMNS = (
    "id",
    "refs",
    "outlet",
    "headline",
    "authors",
    "published",
    "published_source",
    "url",
    "source_outlet",
    "stages",
    "entities",
    "quotes",
    "claims",
    "disputes",
    "timexes",
    "words",
    "body",
)


def export_rows(conn: sqlite3.Connection) -> Iterator[JSON]:
    """One flat row per current article (``EXPORT_COLUMNS``, documented in docs/store.md)."""
    cur = conn.execute(
        "SELECT a.id, (SELECT group_concat(ref, ' ') FROM (SELECT ref FROM refs r WHERE r.article_id = a.id"
        " ORDER BY ref)) AS refs, a.outlet, a.headline, a.authors, a.published, a.published_source, a.url,"
        " a.source_outlet,"
        " (SELECT group_concat(stage || '=' || version, ' ') FROM analyses s WHERE s.article_id = a.id"
        " AND s.current = 1) AS stages,"
        " (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS entities,"
        " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
        " (SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims,"
        " (SELECT COUNT(*) FROM disputes d WHERE d.article_id = a.id) AS disputes,"
        " (SELECT COUNT(*) FROM timexes t WHERE t.article_id = a.id) AS timexes,"
        f" a.body FROM articles a WHERE {_CURRENT} ORDER BY a.n"
    )
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(500):
        for values in batch:
            row = dict(zip(names, values, strict=True))
            row["authors"] = "; ".join(json.loads(row["authors"] or "[]"))
            row["words"] = len(row["body"].split())
            yield {k: row[k] for k in EXPORT_COLUMNS}


def export_analyses(conn: sqlite3.Connection) -> Iterator[JSON]:
    """Every current article's analysis in the output contract, plus its ``refs``."""
    cur = conn.execute(f"SELECT a.id FROM articles a WHERE {_CURRENT} ORDER BY a.n")
    while batch := cur.fetchmany(200):
        for (aid,) in batch:
            refs = conn.execute(
                "SELECT ref, analysis_id FROM refs WHERE article_id = ? ORDER BY ref", (aid,)
            ).fetchall()
            data = _assemble(conn, aid, refs[0][0], refs[0][1])
            data["refs"] = [r for r, _ in refs]
            yield data
