"""The read side of the web workspace: connections, a cache, and the store's queries paged.

Every answer comes from the read queries the CLI already uses (:mod:`wiretrace.store.queries`,
:mod:`wiretrace.link`, :mod:`wiretrace.stance`); nothing here repeats their SQL.

* **Connections**: one read-only connection per server thread (``PRAGMA query_only``), so
  requests never share a connection and never write. Writes (``--allow-write``) go through
  one :class:`~wiretrace.store.sqlite.SqliteStore` behind a lock.
* **Cache**: the corpus-wide answers (who is quoted most, every dispute, the stories) take
  one pass over a table; they are kept until the database changes (its file and WAL change
  size or time when anything is committed, by this server or by an ``ingest`` beside it).
"""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import quote

from wiretrace.errors import StoreError
from wiretrace.store import Store, open_store
from wiretrace.store.base import JSON

__all__ = ["MAX_WINDOW", "Corpus", "Page", "page_of"]

T = TypeVar("T")
MEMO_SIZE = 256  # answers to single questions kept (checked claims, searches, people's pages)
MAX_WINDOW = 10_000  # offset + limit: deeper pages are refused (narrow the question instead)
_ALL = 1_000_000  # "every row" for the store's limit arguments


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page of rows and whether more follow."""

    items: list[JSON]
    limit: int
    offset: int
    more: bool

    def as_dict(self) -> JSON:
        return {"items": self.items, "limit": self.limit, "offset": self.offset, "more": self.more}


def page_of(rows: list[JSON], *, limit: int, offset: int) -> Page:
    """``rows[offset:offset+limit]``; ``rows`` may hold one row past the page (that is how ``more`` is known)."""
    return Page(items=rows[offset : offset + limit], limit=limit, offset=offset, more=len(rows) > offset + limit)


class Corpus:
    """The database a server answers from: ``reader()`` per thread, ``writer()`` under a lock."""

    def __init__(self, db: str | Path, *, allow_write: bool = False) -> None:
        self.path = str(db)
        self.allow_write = allow_write
        store = open_store(self.path, create=False)  # checks the file and brings its schema up to date
        store.close()
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, ...], Any]] = {}
        self._building: dict[str, threading.Lock] = {}
        self._behind: dict[str, float] = {}  # key → when its last background build began (monotonic)
        self._memo: OrderedDict[tuple[str, tuple[int, ...]], Any] = OrderedDict()
        self._watch: sqlite3.Connection | None = None  # for version(), shared by every thread
        self._watch_lock = threading.Lock()
        self.warmed = threading.Event()  # set once the background fill (if any) has finished

    # -- connections -----------------------------------------------------------------

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(f"file:{quote(self.path)}?mode=rw", uri=True, timeout=30.0)
                conn.execute("PRAGMA query_only = ON")
                conn.execute("PRAGMA busy_timeout = 30000")
                conn.execute("PRAGMA mmap_size = 268435456")
                # 8 MB: the pages are read through mmap; 32 MB held ~50 MB more a process, no faster
                conn.execute("PRAGMA cache_size = -8000")
            except sqlite3.Error as err:
                raise StoreError(f"{self.path}: cannot be opened ({err}) — check the --db file") from err
            self._local.conn = conn
        return conn

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The store, for writing; one writer at a time. Refused unless the server allows writes."""
        if not self.allow_write:
            raise PermissionError("this server is read-only — start it with --allow-write to store articles")
        with self._write_lock:
            store = open_store(self.path, create=False)
            try:
                yield store
            finally:
                store.close()

    # -- cache ---------------------------------------------------------------------

    def version(self) -> tuple[int, ...]:
        """Changes whenever something is committed to the database, by this process or another.

        SQLite's ``data_version`` on one long-lived connection (it changes when any *other*
        connection commits), with the file's identity (a database replaced under the same name).
        Not the files' times and sizes: the WAL file comes and goes, and changes its time, as
        readers open and close, which would empty the cache for nothing."""
        with self._watch_lock:
            if self._watch is None:
                try:
                    self._watch = sqlite3.connect(
                        f"file:{quote(self.path)}?mode=ro", uri=True, timeout=30.0, check_same_thread=False
                    )
                except sqlite3.Error as err:
                    raise StoreError(f"{self.path}: cannot be opened ({err}) — check the --db file") from err
            (data_version,) = self._watch.execute("PRAGMA data_version").fetchone()
        try:
            st = os.stat(self.path)
        except OSError:
            return (0, 0, int(data_version))
        return (st.st_ino, st.st_dev, int(data_version))

    def _kept(self, key: str, version: tuple[int, ...]) -> tuple[bool, Any]:
        """``(True, value)`` when ``key`` was built for ``version`` of the database."""
        hit = self._cache.get(key)
        return (True, hit[1]) if hit is not None and hit[0] == version else (False, None)

    def cached(self, key: str, build: Callable[[sqlite3.Connection], T]) -> T:
        """``build(reader)`` once per database version (one thread builds; the others wait for it)."""
        version = self.version()
        found, value = self._kept(key, version)
        if found:
            return cast(T, value)
        with self._cache_lock:
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            found, value = self._kept(key, version)
            if found:
                return cast(T, value)
            built = build(self.reader())
            self._cache[key] = (version, built)
            return built

    def when_ready(self, key: str, build: Callable[[sqlite3.Connection], T], *, every: float = 30.0) -> T | None:
        """``build(reader)`` for the database as it is now when one was built (by :meth:`cached`, or
        here); else None, and one is built in a background thread — one at a time, at most one
        start every ``every`` seconds (a database another process keeps adding to). For what a
        request can do without, more slowly: a check without its word index."""
        found, value = self._kept(key, self.version())
        if found:
            return cast(T, value)
        with self._cache_lock:
            began = self._behind.get(key)
            if began is not None and (began < 0 or time.monotonic() - began < every):
                return None  # building, or built a moment ago for a database that changed since
            self._behind[key] = -1.0

        def go() -> None:
            try:
                at = self.version()  # a change during the build leaves it out of date: built again later
                self._cache[key] = (at, build(self.reader()))
            except (sqlite3.Error, StoreError):
                pass  # the request that needs it goes without
            finally:
                self.close()
                with self._cache_lock:
                    self._behind[key] = time.monotonic()

        threading.Thread(target=go, name=f"wiretrace-{key}", daemon=True).start()
        return None

    def memo(self, key: str, build: Callable[[sqlite3.Connection], T]) -> T:
        """Like :meth:`cached` for the answers to one question (a claim checked, a search, a
        person's quotes): the last
        :data:`MEMO_SIZE` are kept, while the database does not change."""
        at = (key, self.version())
        with self._cache_lock:
            if at in self._memo:
                self._memo.move_to_end(at)
                found: T = self._memo[at]
                return found
        value = build(self.reader())
        with self._cache_lock:
            self._memo[at] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    def in_background(self, fill: Callable[[Corpus], None]) -> threading.Thread:
        """Run ``fill(self)`` (filling the cache) in a background thread."""

        def go() -> None:
            try:
                fill(self)
            except (sqlite3.Error, StoreError):
                return  # the request that needs it reports the error
            finally:
                self.close()
                # The cache now holds millions of small objects that live as long as the server:
                # out of the collector's sight, so a full collection does not walk them all in the
                # middle of a request (a pause of hundreds of milliseconds on a 20,000-article store).
                gc.collect()
                gc.freeze()
                self.warmed.set()

        thread = threading.Thread(target=go, name="wiretrace-warm", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @staticmethod
    def everything() -> int:
        return _ALL
