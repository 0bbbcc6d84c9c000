"""Schema version 8: ``quotes.grp``, each quote's :func:`~wiretrace.store.names.quote_group` (its
words without case or punctuation, as a 64-bit number), so that a person's page groups hundreds of
quotes without reading and normalising their words on every visit.

Quotes stored before this version are backfilled (:func:`apply`), in the migration's transaction.
"""

from __future__ import annotations

import sqlite3

STEPS: tuple[str, ...] = ("ALTER TABLE quotes ADD COLUMN grp INTEGER",)


def apply(conn: sqlite3.Connection) -> None:
    """The group of every quote stored before this version."""
    from wiretrace.store.names import quote_group  # noqa: PLC0415 - the store imports the migrations

    cur = conn.execute("SELECT n, text FROM quotes")
    while batch := cur.fetchmany(5000):
        conn.executemany("UPDATE quotes SET grp = ? WHERE n = ?", [(quote_group(text), n) for n, text in batch])
