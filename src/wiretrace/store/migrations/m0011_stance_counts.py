"""Schema version 11: ``stance_counts``, each article's stance cue counts
(:class:`wiretrace.stance.text.Counts`: every refutation, denial, hedging, confirmation and doubt
cue scanned over its body, its numbers), with the version of the cues they were counted with.
``check`` scores each candidate article against the claim; scanning the candidate's body with
every cue was half of that, and does not depend on the claim.

An ingest's workers count each article they analyse past extraction (a fast extraction-only pass
does not), and the store keeps what they counted (``Record.stance_counts``); articles stored
before this version are counted here, in the migration's transaction (about 2 ms an article).
A check counts an article with no row, or a row counted with other cues, itself.
"""

from __future__ import annotations

import sqlite3

PUT = "INSERT OR REPLACE INTO stance_counts (article_id, version, counts) VALUES (?, ?, ?)"

STEPS: tuple[str, ...] = (
    """CREATE TABLE stance_counts (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        version TEXT NOT NULL,
        counts TEXT NOT NULL
    )""",
)


def apply(conn: sqlite3.Connection) -> None:
    """The counts of every article stored before this version."""
    from wiretrace.stance.text import COUNTS_VERSION, text_counts  # noqa: PLC0415 - the store imports the migrations

    cur = conn.execute("SELECT id, body FROM articles")
    while batch := cur.fetchmany(1000):
        conn.executemany(PUT, [(aid, COUNTS_VERSION, text_counts(body).as_json()) for aid, body in batch])
