"""The store interface: what the pipeline, the batch runner and the CLI need from a database.

:class:`Store` is a :class:`~typing.Protocol`, so a server database can stand in for the
SQLite one (:mod:`wiretrace.store.sqlite`) without touching its callers. Everything goes in
and out as model-free plain values: a :class:`Record` (the analysis as the documented
output dict) in, :data:`JSON` rows out — no database type leaks.

Ids: an **article** is identified by the SHA-256 of its normalized body
(:func:`wiretrace.store.names.article_key`); a **ref** is the name the input gave it (JSONL
``id``, WARC record id, URL or path). One article can have many refs (the same text from
two places); one ref points at one article at a time and keeps the history of the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from wiretrace.model import RawDocument

__all__ = ["JSON", "Counts", "PutStatus", "Record", "Stale", "Store", "Stored", "StoredInput"]

JSON = dict[str, Any]


class PutStatus(StrEnum):
    """What :meth:`Store.put` did with one record."""

    NEW = "new"  # a text not stored before
    LINKED = "linked"  # a new ref for a text already stored (from another ref)
    UPDATED = "updated"  # the ref's text changed (old version kept), or new stage results stored
    UNCHANGED = "unchanged"  # nothing to write


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One analysed input, ready to store.

    ``data`` is the output contract (``output.serialize.analysis_to_dict``); ``raw_hash``
    identifies the input's bytes, so an unchanged input is skipped before any work. ``raw``,
    the input as read, is kept (compressed) so that a new extract stage can read it again.
    """

    ref: str
    input: str
    raw_hash: str
    data: JSON
    gives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # plugin stage → output keys
    raw: RawDocument | None = None
    # The body's stance cue counts (``stance.text.Counts`` as JSON), kept for ``check``: an ingest's
    # workers count them beside every analysis that goes past extraction (not in a fast
    # extraction-only pass: a check counts what is missing itself).
    stance_counts: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Stored:
    status: PutStatus
    article_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Stale:
    """An article whose stored analysis lacks a wanted stage or has another version of it."""

    ref: str
    analysis_id: str
    raw_hash: str
    article: JSON  # the stored article (with its body), as in the output contract
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredInput:
    """One ref of a stored article and the input it came from (``raw``: None if not kept)."""

    ref: str
    input: str
    analysis_id: str
    raw_hash: str
    raw: RawDocument | None


@dataclass(slots=True)
class Counts:
    """What one run did, kept in the ``runs`` table and printed as its summary."""

    new: int = 0
    linked: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0

    def add(self, status: PutStatus) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("new", "linked", "updated", "unchanged", "failed")}


class Store(Protocol):
    """A corpus database. Writes come from one process (the batch runner's main process)."""

    where: str  # the database as people name it, for error lines

    # -- lifecycle
    def migrate(self) -> int: ...
    def close(self) -> None: ...

    # -- writes (each one transaction: all of it or nothing)
    def is_current(self, ref: str, raw_hash: str, versions: Mapping[str, str]) -> bool: ...
    def put(self, record: Record) -> Stored: ...
    def begin_run(self, command: str) -> int: ...
    def record_failure(self, run_id: int, source: str, message: str) -> None: ...
    def finish_run(self, run_id: int, counts: Counts, status: str) -> None: ...

    # -- reads
    def stale(self, versions: Mapping[str, str]) -> Iterator[Stale]: ...
    def inputs(self, ref: str) -> list[StoredInput]: ...  # every ref of ref's article, with its input
    def get(self, ref: str) -> JSON | None: ...
    def search(self, query: str, *, limit: int = 20) -> list[JSON]: ...
    def quotes(self, speaker: str | None, *, limit: int = 100) -> list[JSON]: ...
    def speakers(self, *, limit: int = 50) -> list[JSON]: ...
    def disputes(self, *, speaker: str | None = None, limit: int = 100) -> list[JSON]: ...
    def timeline(self, entity: str, *, limit: int = 200) -> list[JSON]: ...
    def stats(self) -> JSON: ...
    def export_rows(self) -> Iterator[JSON]: ...
    def export_analyses(self) -> Iterator[JSON]: ...
