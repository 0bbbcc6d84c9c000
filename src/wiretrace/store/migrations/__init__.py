"""Versioned schema migrations: ``m0001_initial``, ``m0002_…`` — each a ``STEPS`` tuple of SQL, and
optionally an ``apply(conn)`` function run after them (a backfill SQL cannot express).

:func:`migrate` applies, in order, every migration newer than the database's
``schema_version`` row, each in its own transaction together with the version bump, so a
migration interrupted half-way leaves the database at the previous version.
A database newer than this wiretrace is refused (a :class:`~wiretrace.errors.StoreError`).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sqlite3
from types import ModuleType

from wiretrace.errors import StoreError

__all__ = ["LATEST", "current_version", "migrate", "migrations"]

log = logging.getLogger("wiretrace.store")


def migrations() -> list[tuple[int, ModuleType]]:
    """Every migration module as ``(number, module)``, in order."""
    found: list[tuple[int, ModuleType]] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append((int(info.name[1:5]), importlib.import_module(f"{__name__}.{info.name}")))
    return sorted(found, key=lambda pair: pair[0])


LATEST = migrations()[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, where: str) -> int:
    """Bring the database to :data:`LATEST`; return the version it was at."""
    before = current_version(conn)
    if before > LATEST:
        raise StoreError(
            f"{where}: the database has schema version {before}, newer than this wiretrace knows ({LATEST})"
            " — upgrade wiretrace"
        )
    pending = [(number, module) for number, module in migrations() if number > before]
    if before and any(hasattr(module, "apply") for _, module in pending):
        # Python prints a warning with no handler set on stderr: one line, whatever runs the store.
        log.warning(
            "%s: upgrading the database from schema version %d to %d — filling in what older versions"
            " did not store; this runs once, and takes about a minute for 20,000 articles",
            where,
            before,
            LATEST,
        )
    for number, module in pending:
        conn.execute("BEGIN IMMEDIATE")
        if current_version(conn) >= number:  # another process opening it applied this one meanwhile
            conn.execute("ROLLBACK")
            continue
        try:
            for step in module.STEPS:
                conn.execute(step)
            if hasattr(module, "apply"):
                module.apply(conn)
            conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                (number,),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return before
