"""Schema version 6: every name an entity goes by, indexed, so ``timeline`` finds an entity by alias
without reading the whole ``entities`` table.

* ``entity_names``: one row per (normalized name, article, entity) — the entity's own name and each
  of its aliases, normalized as ``store.names.name_key`` does. Kept by the store with ``entities``.
* ``entities_key``: an index on ``entities.key`` (the full normalized name).

Existing entities are backfilled (:func:`apply`), in the migration's transaction.
"""

from __future__ import annotations

import json
import sqlite3

STEPS: tuple[str, ...] = (
    """CREATE TABLE entity_names (
        key TEXT NOT NULL,
        article_id TEXT NOT NULL,
        eid TEXT NOT NULL,
        PRIMARY KEY (key, article_id, eid)
    ) WITHOUT ROWID""",
    "CREATE INDEX entities_key ON entities (key)",
)


def apply(conn: sqlite3.Connection) -> None:
    """The names of the entities stored before this version."""
    from wiretrace.store.names import name_keys  # noqa: PLC0415 - the store imports the migrations

    cur = conn.execute("SELECT article_id, eid, name, aliases FROM entities")
    while batch := cur.fetchmany(2000):
        rows = [(key, aid, eid) for aid, eid, name, aliases in batch for key in name_keys([name, *json.loads(aliases)])]
        conn.executemany("INSERT OR IGNORE INTO entity_names (key, article_id, eid) VALUES (?, ?, ?)", rows)
