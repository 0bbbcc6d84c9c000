"""The corpus database: an interface (:mod:`.base`) and its SQLite implementation (:mod:`.sqlite`).

>>> store = open_store("wiretrace.db")  # doctest: +SKIP
>>> store.search("bridge")               # doctest: +SKIP

Callers hold a :class:`~wiretrace.store.base.Store`, never a SQLite connection, so a server
database can be added behind :func:`open_store` without touching them.
"""

from __future__ import annotations

from pathlib import Path

from wiretrace.store.base import JSON, Counts, PutStatus, Record, Stale, Store, Stored

__all__ = ["JSON", "Counts", "PutStatus", "Record", "Stale", "Store", "Stored", "open_store"]


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """The database at ``path``, migrated to the latest schema (created when ``create``)."""
    from wiretrace.store.sqlite import SqliteStore  # noqa: PLC0415 - one backend today; others by scheme later

    store = SqliteStore(path, create=create)
    try:
        store.migrate()
    except BaseException:
        store.close()
        raise
    return store
