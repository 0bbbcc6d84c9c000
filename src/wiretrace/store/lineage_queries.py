"""SQL of the lineage tables (schema versions 2 and 5): the fingerprint index, link rows and their reads.

Articles are named here by ``articles.n`` (their integer row id); the readers translate to
refs. Only *current* articles (those a ref points at) appear in read answers.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from wiretrace.store.base import JSON

__all__ = [
    "ArticleRow",
    "FingerprintRow",
    "article_info",
    "article_rows",
    "bodies",
    "data_version",
    "dates",
    "delete_link",
    "fingerprint_rows",
    "hash_kinds_all",
    "is_linked",
    "link_rows",
    "links_among",
    "links_of",
    "mark_hash",
    "mark_linked",
    "n_of",
    "pending",
    "put_fingerprints",
    "put_links",
    "refs_of",
]

_CHUNK = 900  # parameters per IN (...) query

ArticleRow = tuple[int, str, str | None, str | None, str | None, str | None, str | None]
FingerprintRow = tuple[int, int, int, int, bytes]


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def _marks(count: int) -> str:
    return ",".join("?" * count)


# --------------------------------------------------------------------------- index


def hash_kinds_all(conn: sqlite3.Connection) -> dict[int, str]:
    """Every fingerprint marked boilerplate or frequent (a small table)."""
    return dict(conn.execute("SELECT hash, kind FROM link_hashes"))


def fingerprint_rows(conn: sqlite3.Connection, after: int = 0) -> Iterator[FingerprintRow]:
    """``(seq, article, outlet, fingerprints, hashes)`` of every article indexed after ``seq``
    ``after``, in indexing order; ``hashes`` is a blob of little-endian 64-bit integers."""
    cur = conn.execute(
        "SELECT f.seq, f.article, f.outlet, COALESCE(s.fingerprints, 0), f.hashes FROM link_fingerprints f"
        " LEFT JOIN link_state s ON s.article = f.article WHERE f.seq > ? ORDER BY f.seq",
        (after,),
    )
    while batch := cur.fetchmany(5000):
        yield from batch


def put_fingerprints(conn: sqlite3.Connection, article: int, outlet: int, hashes: bytes) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO link_fingerprints (article, outlet, hashes) VALUES (?, ?, ?)", (article, outlet, hashes)
    )


def data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection commits to the database (SQLite's ``PRAGMA data_version``)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def mark_hash(conn: sqlite3.Connection, h: int, kind: str) -> None:
    conn.execute("INSERT OR REPLACE INTO link_hashes (hash, kind) VALUES (?, ?)", (h, kind))


def mark_linked(conn: sqlite3.Connection, article: int, version: str, fingerprints: int, now: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO link_state (article, version, fingerprints, linked_at) VALUES (?, ?, ?, ?)",
        (article, version, fingerprints, now),
    )


def pending(conn: sqlite3.Connection, version: str) -> list[int]:
    """Articles not linked yet (or by another linker version), oldest first."""
    return [
        n
        for (n,) in conn.execute(
            "SELECT a.n FROM articles a LEFT JOIN link_state s ON s.article = a.n"
            " WHERE s.article IS NULL OR s.version != ? ORDER BY a.n",
            (version,),
        )
    ]


def is_linked(conn: sqlite3.Connection, article: int, version: str) -> bool:
    row = conn.execute("SELECT version FROM link_state WHERE article = ?", (article,)).fetchone()
    return row is not None and row[0] == version


# --------------------------------------------------------------------------- articles


_ARTICLE = (
    "SELECT a.n, a.body, a.outlet, a.url, a.published, a.source_outlet,"
    " (SELECT json_extract(s.data, '$.article.source.url') FROM analyses s"
    " WHERE s.article_id = a.id AND s.stage = 'extract' AND s.current = 1)"
    " FROM articles a WHERE a.n IN ({})"
)


def article_rows(conn: sqlite3.Connection, ns: Iterable[int]) -> dict[int, ArticleRow]:
    """``n → (n, body, outlet, url, published, source_outlet, source_url)`` of each article."""
    wanted = sorted(set(ns))
    found: dict[int, ArticleRow] = {}
    for part in _chunks(wanted):
        for row in conn.execute(_ARTICLE.format(_marks(len(part))), part):
            found[row[0]] = row
    return found


def n_of(conn: sqlite3.Connection, article_id: str) -> int | None:
    row = conn.execute("SELECT n FROM articles WHERE id = ?", (article_id,)).fetchone()
    return int(row[0]) if row else None


def refs_of(conn: sqlite3.Connection, ns: Iterable[int] | None = None) -> dict[int, str]:
    """The first ref of each current article (all of them when ``ns`` is None)."""
    sql = "SELECT a.n, MIN(r.ref) FROM articles a JOIN refs r ON r.article_id = a.id"
    if ns is None:
        return dict(conn.execute(sql + " GROUP BY a.n"))
    wanted = sorted(set(ns))
    found: dict[int, str] = {}
    for part in _chunks(wanted):
        found.update(conn.execute(sql + f" WHERE a.n IN ({_marks(len(part))}) GROUP BY a.n", part))
    return found


def article_info(conn: sqlite3.Connection, ns: Iterable[int]) -> dict[int, JSON]:
    """Outlet, headline, date and source credit of each article, for answers."""
    wanted = sorted(set(ns))
    found: dict[int, JSON] = {}
    for part in _chunks(wanted):
        cur = conn.execute(
            f"SELECT n, outlet, headline, published, source_outlet, url FROM articles WHERE n IN ({_marks(len(part))})",
            part,
        )
        for n, outlet, headline, published, source_outlet, url in cur:
            found[n] = {
                "outlet": outlet,
                "headline": headline,
                "published": published,
                "source_outlet": source_outlet,
                "url": url,
            }
    return found


def dates(conn: sqlite3.Connection) -> dict[int, str | None]:
    """The publication date of every article (``None`` when undated)."""
    return dict(conn.execute("SELECT n, published FROM articles"))


def bodies(conn: sqlite3.Connection, ns: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ns))
    found: dict[int, str] = {}
    for part in _chunks(wanted):
        found.update(conn.execute(f"SELECT n, body FROM articles WHERE n IN ({_marks(len(part))})", part))
    return found


# --------------------------------------------------------------------------- links

LINK_COLUMNS = (
    "lo",
    "hi",
    "source",
    "target",
    "relation",
    "score",
    "source_share",
    "target_share",
    "rule",
    "evidence",
    "passages",
)


def put_links(conn: sqlite3.Connection, rows: Iterable[JSON]) -> None:
    values = [
        [row[c] if c != "passages" else json.dumps(row[c], separators=(",", ":")) for c in LINK_COLUMNS] for row in rows
    ]
    conn.executemany(
        f"INSERT OR REPLACE INTO lineage_links ({', '.join(LINK_COLUMNS)}) VALUES ({_marks(len(LINK_COLUMNS))})",
        values,
    )


def delete_link(conn: sqlite3.Connection, lo: int, hi: int) -> None:
    conn.execute("DELETE FROM lineage_links WHERE lo = ? AND hi = ?", (lo, hi))


def _link(row: Sequence[Any]) -> JSON:
    data = dict(zip(LINK_COLUMNS, row, strict=True))
    data["passages"] = json.loads(data["passages"])
    return data


def links_among(conn: sqlite3.Connection, ns: Sequence[int], *, passages: bool = True) -> list[JSON]:
    """The links between any two of ``ns`` (without their passages when ``passages`` is False)."""
    wanted = sorted(set(ns))
    if not wanted:
        return []
    marks = _marks(len(wanted))
    columns = LINK_COLUMNS if passages else LINK_COLUMNS[:-1]
    cur = conn.execute(
        f"SELECT {', '.join(columns)} FROM lineage_links WHERE lo IN ({marks}) AND hi IN ({marks})",
        [*wanted, *wanted],
    )
    if not passages:
        return [dict(zip(columns, r, strict=True)) for r in cur]
    return [_link(r) for r in cur]


def links_of(conn: sqlite3.Connection, n: int) -> list[JSON]:
    cur = conn.execute(
        f"SELECT {', '.join(LINK_COLUMNS)} FROM lineage_links WHERE lo = ? UNION ALL"
        f" SELECT {', '.join(LINK_COLUMNS)} FROM lineage_links WHERE hi = ?",
        (n, n),
    )
    return [_link(r) for r in cur]


def link_rows(conn: sqlite3.Connection, *, passages: bool = True) -> Iterator[JSON]:
    """Every link between current articles, streamed in ``(lo, hi)`` order."""
    columns = LINK_COLUMNS if passages else LINK_COLUMNS[:-1]
    current = "EXISTS (SELECT 1 FROM refs r JOIN articles a ON a.id = r.article_id WHERE a.n = l.{})"
    cur = conn.execute(
        f"SELECT {', '.join('l.' + c for c in columns)} FROM lineage_links l"
        f" WHERE {current.format('lo')} AND {current.format('hi')} ORDER BY l.lo, l.hi"
    )
    while batch := cur.fetchmany(1000):
        for row in batch:
            data = dict(zip(columns, row, strict=True))
            if passages:
                data["passages"] = json.loads(data["passages"])
            yield data
