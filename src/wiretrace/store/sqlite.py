"""The default store: one SQLite file in WAL mode, written by one process.

* ``PRAGMA journal_mode = WAL``, ``synchronous = NORMAL``, ``foreign_keys = ON``: readers
  never block the writer, and a crash (Ctrl-C, ``kill -9``, power) loses at most the
  transaction in flight — never a committed one, never half of one.
* Every write for one article — the article row, its stage analyses, the findings tables
  derived from them, its ref and the ref's history — is **one transaction**
  (:meth:`SqliteStore.put`), so an interrupted ingest leaves each article either stored
  whole or not at all, and a rerun stores each exactly once.
* The input itself (bytes or text, media type, URL, metadata) is kept zlib-compressed in
  ``raw_inputs``, once per distinct input, so a new version of the extract stage can read
  it again (:meth:`SqliteStore.inputs`, used by ``reanalyze``).
* Schema changes go through :mod:`wiretrace.store.migrations`; the tables are documented
  in ``docs/store.md``.

Reads live in :mod:`wiretrace.store.queries`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from wiretrace.errors import StoreError
from wiretrace.model import RawDocument
from wiretrace.store import queries
from wiretrace.store.base import JSON, Counts, PutStatus, Record, Stale, Stored, StoredInput
from wiretrace.store.codec import split_stages
from wiretrace.store.migrations import m0010_quote_dates as quote_dates
from wiretrace.store.migrations import m0011_stance_counts as stance_counts
from wiretrace.store.migrations import migrate
from wiretrace.store.names import article_key, name_key, name_keys, quote_group, surname

__all__ = ["SqliteStore"]

_FULL = ("database or disk is full", "disk i/o error")


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def store_error(where: str, err: sqlite3.Error) -> StoreError:
    """A database failure as one line a person can act on — the first failure, when one
    failure led to another (a ROLLBACK that fails after SQLite rolled back on a full disk)."""
    while isinstance(err.__context__, sqlite3.Error):
        err = err.__context__
    message = str(err)
    if any(m in message.lower() for m in _FULL):
        return StoreError(
            f"{where}: {message} — free some disk space and run the same command again"
            " (what was committed is kept; the rest resumes)"
        )
    if "not a database" in message.lower() or "malformed" in message.lower():
        return StoreError(f"{where}: {message} — give another --db file (this one is not a wiretrace database)")
    if "locked" in message.lower():
        return StoreError(f"{where}: {message} — another wiretrace is writing to it; wait for it to finish")
    return StoreError(f"{where}: database error ({message}) — rerun with --debug and report it")


class SqliteStore:
    """A :class:`~wiretrace.store.base.Store` over one SQLite file (``:memory:`` for tests)."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.where = str(path)
        if not create and self.where != ":memory:" and not Path(path).is_file():
            raise StoreError(f"{self.where}: no such database — run `wiretrace ingest` first, or give --db")
        try:
            self.conn = sqlite3.connect(self.where, timeout=30.0, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.Error as err:
            raise store_error(self.where, err) from err

    # -- lifecycle -----------------------------------------------------------------

    def migrate(self) -> int:
        try:
            return migrate(self.conn, self.where)
        except sqlite3.Error as err:
            raise store_error(self.where, err) from err

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls it all back."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self._rollback()
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as err:
            self._rollback()
            raise store_error(self.where, err) from err

    def _rollback(self) -> None:
        """Roll back what is open — if anything is: SQLite has already rolled back a transaction
        that hit a full disk (SQLITE_FULL), and a second ROLLBACK would hide that error."""
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):  # the first error is the one to report
                self.conn.execute("ROLLBACK")

    # -- writes --------------------------------------------------------------------

    def is_current(self, ref: str, raw_hash: str, versions: Mapping[str, str]) -> bool:
        """True when ``ref`` holds these bytes already and every stage ran at these versions."""
        row = self.conn.execute(
            "SELECT article_id FROM refs WHERE ref = ? AND raw_hash = ?", (ref, raw_hash)
        ).fetchone()
        if row is None:
            return False
        return not _missing(self.conn, row[0], versions)

    def put(self, record: Record) -> Stored:
        """Store one analysed input in one transaction; what it did is the status."""
        article = record.data.get("article")
        if not isinstance(article, dict):
            raise StoreError(f"{record.input}: the analysis has no article — run it with the extract stage")
        aid = article_key(article["body"])
        now = _now()
        with self.transaction() as conn:
            known = conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone() is not None
            if not known:
                _insert_article(conn, aid, article, now)
            if record.stance_counts is not None:
                _put_counts(conn, aid, record.stance_counts)
            wrote = _put_stages(conn, aid, record, now, known)
            status = _put_ref(conn, aid, record, now, known=known, wrote=wrote)
            if record.raw is not None:
                _put_raw(conn, record.raw_hash, record.raw)
        return Stored(status=status, article_id=aid)

    def begin_run(self, command: str) -> int:
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, _now()))
        return int(cur.lastrowid or 0)

    def record_failure(self, run_id: int, source: str, message: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures (run_id, input, message, at) VALUES (?, ?, ?, ?)",
                (run_id, source, message, _now()),
            )

    def finish_run(self, run_id: int, counts: Counts, status: str) -> None:
        c = counts.as_dict()
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, new = ?, updated = ?, unchanged = ?, failed = ?, status = ?"
                " WHERE id = ?",
                (_now(), c["new"] + c["linked"], c["updated"], c["unchanged"], c["failed"], status, run_id),
            )

    # -- reads (see queries.py) ----------------------------------------------------

    def stale(self, versions: Mapping[str, str]) -> Iterator[Stale]:
        return queries.stale(self.conn, versions)

    def inputs(self, ref: str) -> list[StoredInput]:
        """Every ref of the article ``ref`` names, each with its input as kept (or None)."""
        rows = self.conn.execute(
            "SELECT r.ref, r.input, r.analysis_id, r.raw_hash, i.media_type, i.url, i.meta, i.is_text, i.data"
            " FROM refs q JOIN refs r ON r.article_id = q.article_id"
            " LEFT JOIN raw_inputs i ON i.raw_hash = r.raw_hash WHERE q.ref = ? ORDER BY r.ref",
            (ref,),
        ).fetchall()
        return [
            StoredInput(
                ref=ref_,
                input=name,
                analysis_id=analysis_id,
                raw_hash=raw_hash,
                raw=None if kept[-1] is None else _raw_document(ref_, *kept),
            )
            for ref_, name, analysis_id, raw_hash, *kept in rows
        ]

    def get(self, ref: str) -> JSON | None:
        return queries.get(self.conn, ref)

    def search(self, query: str, *, limit: int = 20) -> list[JSON]:
        return queries.search(self.conn, query, limit=limit)

    def quotes(self, speaker: str | None, *, limit: int = 100) -> list[JSON]:
        return queries.quotes(self.conn, speaker, limit=limit)

    def speakers(self, *, limit: int = 50) -> list[JSON]:
        return queries.speakers(self.conn, limit=limit)

    def disputes(self, *, speaker: str | None = None, limit: int = 100) -> list[JSON]:
        return queries.disputes(self.conn, speaker=speaker, limit=limit)

    def timeline(self, entity: str, *, limit: int = 200) -> list[JSON]:
        return queries.timeline(self.conn, entity, limit=limit)

    def stats(self) -> JSON:
        return queries.stats(self.conn, self.where)

    def export_rows(self) -> Iterator[JSON]:
        return queries.export_rows(self.conn)

    def export_analyses(self) -> Iterator[JSON]:
        return queries.export_analyses(self.conn)


# --------------------------------------------------------------------------- one article


def _missing(conn: sqlite3.Connection, aid: str, versions: Mapping[str, str]) -> list[str]:
    have = dict(conn.execute("SELECT stage, version FROM analyses WHERE article_id = ? AND current = 1", (aid,)))
    return [stage for stage, version in versions.items() if have.get(stage) != version]


def _article_columns(article: JSON) -> tuple[Any, ...]:
    source = article.get("source") or {}
    return (
        article.get("headline"),
        article.get("outlet"),
        json.dumps(article.get("authors", []), ensure_ascii=False),
        article.get("published"),
        article.get("published_source"),
        article.get("url"),
        source.get("outlet"),
    )


def _insert_article(conn: sqlite3.Connection, aid: str, article: JSON, now: str) -> None:
    conn.execute(
        "INSERT INTO articles (id, body, headline, outlet, authors, published, published_source, url,"
        " source_outlet, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (aid, article["body"], *_article_columns(article), now, now),
    )


def _put_counts(conn: sqlite3.Connection, aid: str, counts: str) -> None:
    """The body's stance cue counts and words, as counted by whoever analysed it (schema versions 11, 12)."""
    from wiretrace.stance.text import COUNTS_VERSION  # noqa: PLC0415 - loaded when counts are stored

    conn.execute(stance_counts.PUT, (aid, COUNTS_VERSION, counts))


def _put_stages(conn: sqlite3.Connection, aid: str, record: Record, now: str, known: bool) -> bool:
    """Store each stage slice whose version is not the current one; derive its tables."""
    versions: dict[str, str] = record.data.get("stages", {})
    have = dict(conn.execute("SELECT stage, version FROM analyses WHERE article_id = ? AND current = 1", (aid,)))
    slices = split_stages(record.data, record.gives)
    wrote = False
    for stage, version in versions.items():
        if have.get(stage) == version:
            continue
        conn.execute("UPDATE analyses SET current = 0 WHERE article_id = ? AND stage = ?", (aid, stage))
        conn.execute(
            "INSERT OR REPLACE INTO analyses (article_id, stage, version, current, data, created_at)"
            " VALUES (?, ?, ?, 1, ?, ?)",
            (aid, stage, version, json.dumps(slices[stage], ensure_ascii=False, separators=(",", ":")), now),
        )
        _derive(conn, aid, slices[stage], now, known=known)
        wrote = True
    return wrote


def _put_ref(conn: sqlite3.Connection, aid: str, record: Record, now: str, *, known: bool, wrote: bool) -> PutStatus:
    row = conn.execute("SELECT article_id, raw_hash, version FROM refs WHERE ref = ?", (record.ref,)).fetchone()
    analysis_id = str(record.data.get("id", record.ref))
    if row is None:
        conn.execute(
            "INSERT INTO refs (ref, article_id, input, analysis_id, raw_hash, version, first_seen, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            (record.ref, aid, record.input, analysis_id, record.raw_hash, now, now),
        )
        _history(conn, record, aid, 1, now)
        return PutStatus.LINKED if known else PutStatus.NEW
    old_aid, old_hash, version = row
    if old_aid != aid:
        conn.execute(
            "UPDATE refs SET article_id = ?, input = ?, analysis_id = ?, raw_hash = ?, version = ?, updated_at = ?"
            " WHERE ref = ?",
            (aid, record.input, analysis_id, record.raw_hash, version + 1, now, record.ref),
        )
        _history(conn, record, aid, version + 1, now)
        return PutStatus.UPDATED
    if old_hash != record.raw_hash:  # other bytes, the same text: the old input is not kept
        conn.execute(
            "UPDATE refs SET raw_hash = ?, input = ?, updated_at = ? WHERE ref = ?",
            (record.raw_hash, record.input, now, record.ref),
        )
        conn.execute(
            "DELETE FROM raw_inputs WHERE raw_hash = ?1 AND NOT EXISTS (SELECT 1 FROM refs WHERE raw_hash = ?1)"
            " AND NOT EXISTS (SELECT 1 FROM ref_history WHERE raw_hash = ?1)",
            (old_hash,),
        )
    return PutStatus.UPDATED if wrote and known else PutStatus.UNCHANGED


def _put_raw(conn: sqlite3.Connection, raw_hash: str, raw: RawDocument) -> None:
    """Keep the input, compressed, once per distinct ``raw_hash``."""
    if conn.execute("SELECT 1 FROM raw_inputs WHERE raw_hash = ?", (raw_hash,)).fetchone() is not None:
        return
    data = raw.text.encode("utf-8") if raw.text is not None else raw.data
    conn.execute(
        "INSERT INTO raw_inputs (raw_hash, media_type, url, meta, is_text, size, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            raw_hash,
            raw.media_type,
            raw.url,
            json.dumps([list(pair) for pair in raw.meta], ensure_ascii=False),
            int(raw.text is not None),
            len(data),
            zlib.compress(data, 3),  # 4x faster than 6 on HTML, 22 % of the size instead of 20 %
        ),
    )


def _raw_document(ref: str, *row: Any) -> RawDocument:
    """A ``raw_inputs`` row (media_type, url, meta, is_text, data) as the document it was."""
    media_type, url, meta, is_text, data = row
    content = zlib.decompress(data)
    return RawDocument(
        ref=ref,
        media_type=media_type,
        data=b"" if is_text else content,
        text=content.decode("utf-8") if is_text else None,
        url=url,
        meta=tuple((str(k), str(v)) for k, v in json.loads(meta)),
    )


def _history(conn: sqlite3.Connection, record: Record, aid: str, version: int, now: str) -> None:
    conn.execute(
        "INSERT INTO ref_history (ref, version, article_id, raw_hash, input, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
        (record.ref, version, aid, record.raw_hash, record.input, now),
    )


# --------------------------------------------------------------------------- derived tables


def _derive(conn: sqlite3.Connection, aid: str, part: JSON, now: str, *, known: bool) -> None:
    """The findings tables the queries need, rebuilt from one stage's slice."""
    if "article" in part and known and isinstance(part["article"], dict):
        conn.execute(
            "UPDATE articles SET headline = ?, outlet = ?, authors = ?, published = ?, published_source = ?,"
            " url = ?, source_outlet = ?, updated_at = ? WHERE id = ?",
            (*_article_columns(part["article"]), now, aid),
        )
    if "entities" in part:
        conn.execute("DELETE FROM entities WHERE article_id = ?", (aid,))
        conn.execute("DELETE FROM entity_names WHERE article_id = ?", (aid,))
        conn.executemany(
            "INSERT OR IGNORE INTO entity_names (key, article_id, eid) VALUES (?, ?, ?)",
            [
                (key, aid, e["id"])
                for e in part["entities"] or []
                for key in name_keys([e["name"], *e.get("aliases", [])])
            ],
        )
        conn.executemany(
            "INSERT INTO entities (article_id, eid, name, type, key, surname, aliases, mentions)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    aid,
                    e["id"],
                    e["name"],
                    e["type"],
                    name_key(e["name"]),
                    surname(name_key(e["name"])),
                    json.dumps(e.get("aliases", []), ensure_ascii=False),
                    json.dumps([[m["start"], m["end"]] for m in e.get("mentions", [])]),
                )
                for e in part["entities"] or []
            ],
        )
    if "quotes" in part:
        conn.execute("DELETE FROM quotes WHERE article_id = ?", (aid,))
        conn.executemany(
            'INSERT INTO quotes (article_id, qid, text, kind, start, "end", speaker, speaker_key, speaker_surname,'
            " speaker_entity, speaker_description, cue, grp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    aid,
                    q["id"],
                    q["text"],
                    q["kind"],
                    q["start"],
                    q["end"],
                    *_speaker(q.get("speaker")),
                    _cue(q),
                    quote_group(q["text"]),
                )
                for q in part["quotes"] or []
            ],
        )
    if "timexes" in part:
        conn.execute("DELETE FROM timexes WHERE article_id = ?", (aid,))
        conn.executemany(
            'INSERT INTO timexes (article_id, n, text, start, "end", type, value, end_value)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (aid, i, t["text"], t["start"], t["end"], t["type"], t["value"], t.get("end_value"))
                for i, t in enumerate(part["timexes"] or [])
            ],
        )
    if "claims" in part:
        _derive_claims(conn, aid, part)
    if "quotes" in part or "claims" in part:  # each quote's date, from its claim (schema version 10)
        conn.execute(f"{quote_dates.SAID} WHERE article_id = ?", (aid,))


def _derive_claims(conn: sqlite3.Connection, aid: str, part: JSON) -> None:
    conn.execute("DELETE FROM claims WHERE article_id = ?", (aid,))
    conn.execute("DELETE FROM disputes WHERE article_id = ?", (aid,))
    conn.executemany(
        'INSERT INTO claims (article_id, cid, text, start, "end", speaker, speaker_key, speaker_surname,'
        " quote_id, negated, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                aid,
                c["id"],
                c["text"],
                c["start"],
                c["end"],
                *_speaker(c.get("speaker"))[:3],
                c.get("quote"),
                int(bool(c.get("negated"))),
                c.get("date"),
            )
            for c in part["claims"] or []
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO disputes (article_id, claim_id, counter_id, cue) VALUES (?, ?, ?, ?)",
        [(aid, d["claim"], d["counter"], (d.get("cue") or {}).get("text")) for d in part.get("disputes") or []],
    )


def _speaker(s: JSON | None) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    if not s:
        return (None, None, None, None, None)
    key = name_key(s["name"])
    return (s["name"], key, surname(key), s.get("entity"), s.get("description"))


def _cue(q: JSON) -> str | None:
    cue = q.get("cue")
    return cue.get("text") if isinstance(cue, dict) else None
