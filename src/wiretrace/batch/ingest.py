"""``ingest`` and ``reanalyze``: inputs → workers → one writer → the store.

The main process reads the inputs (:mod:`wiretrace.sources.ingest`), skips each input the
store already holds with the same bytes and the same stage versions (so a rerun after an
interruption resumes where it stopped, doing no work twice), sends the rest to
:func:`~wiretrace.batch.runner.run_jobs`, and writes each outcome in its own transaction.
A failing input is one line (``on_error``) and a row in the run's ``failures``; the run
goes on. Counts go to the ``runs`` table whatever happens (done, interrupted, failed).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from wiretrace.analyze_api import Item
from wiretrace.batch.runner import Done, Job, run_jobs
from wiretrace.errors import InputError, StoreError
from wiretrace.link import link_new
from wiretrace.model import RawDocument
from wiretrace.pipeline import Stage
from wiretrace.registry import build_pipeline
from wiretrace.store.base import Counts, Record, Store, StoredInput
from wiretrace.store.sqlite import store_error

__all__ = ["IngestOptions", "ingest", "reanalyze"]

Notify = Callable[[str], None]


def _quiet(line: str) -> None:
    del line


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    stages: tuple[str, ...] | None = None
    strict: bool = False
    workers: int | None = None
    batch_size: int | None = None
    link: bool = True  # link each stored article for lineage now (False: `wiretrace link` does it later)
    on_error: Notify = field(default=_quiet)  # one line per failed input or stage problem
    on_done: Callable[[bool], None] = field(default=lambda failed: None)  # once per input (failed?)


def _versions(stages: Sequence[Stage]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    return {s.name: s.version for s in stages}, {s.name: tuple(sorted(s.gives)) for s in stages}


def with_downstream(missing: Sequence[str], stages: Sequence[Stage]) -> tuple[str, ...]:
    """``missing`` and every later stage of ``stages`` (a pipeline's, in order) that reads what one
    of them gives: a new ``quotes`` version re-runs ``claims`` too, which is built on the quotes."""
    redo = set(missing)
    given: set[str] = set()
    out: list[str] = []
    for stage in stages:
        if stage.name in redo or stage.needs & given:
            out.append(stage.name)
            given |= stage.gives
    return tuple(out)


def ingest(inputs: Sequence[str], store: Store, options: IngestOptions, *, command: str = "ingest") -> Counts:
    """Read, analyse and store ``inputs``; return what was done. Ctrl-C keeps what was committed."""
    from wiretrace.sources.ingest import ingest_inputs, raw_hash, ref_of  # noqa: PLC0415 - httpx, feedparser, warcio

    versions, gives = _versions(build_pipeline(options.stages).stages)
    counts = Counts()

    def jobs() -> Iterator[Job | InputError]:
        for named in ingest_inputs(inputs):
            if isinstance(named, InputError):
                yield named
                continue
            ref, digest = ref_of(named), raw_hash(named.doc)
            if store.is_current(ref, digest, versions):
                counts.unchanged += 1
                options.on_done(False)
                continue
            yield _job(named, ref, digest, options.stages)

    return _drive(store, command, jobs(), counts=counts, gives=gives, options=options)


def _job(item: Item, ref: str, digest: str, stages: tuple[str, ...] | None) -> Job:
    return Job(ref=ref, name=item.name, raw_hash=digest, doc=item.doc, given_id=item.given_id, stages=stages)


def reanalyze(store: Store, options: IngestOptions) -> tuple[Counts, int]:
    """Run, for every stored article, only the stages missing or at another version.

    When the *extract* stage's version changed, each ref of the article is read again from
    its input as the store kept it, and every stage runs on what the new extractor reads (a
    changed text moves the ref to it, keeping its history). Returns the counts and how many
    refs need extract again but have no kept input (stored before inputs were kept):
    ``ingest`` those again.
    """
    pipeline = build_pipeline(options.stages).stages  # once, not for every stale article
    versions, gives = _versions(pipeline)
    counts = Counts()
    reextract = 0

    def jobs() -> Iterator[Job | InputError]:
        nonlocal reextract
        for stale in store.stale(versions):
            if "extract" in stale.missing:
                inputs = store.inputs(stale.ref)
                kept = [_reread(i, i.raw, options.stages) for i in inputs if i.raw is not None]
                reextract += len(inputs) - len(kept)
                yield from kept
                if kept:
                    continue
            wanted = tuple(versions) if "nlp" in stale.missing else with_downstream(stale.missing, pipeline)
            missing = tuple(s for s in wanted if s not in ("extract", "nlp"))
            if not missing:
                continue
            body = str(stale.article.get("body", ""))
            doc = RawDocument(ref=stale.ref, media_type="text/plain", text=body)
            yield Job(
                ref=stale.ref,
                name=stale.ref,
                raw_hash=stale.raw_hash,
                doc=doc,
                given_id=stale.analysis_id,
                stages=missing,
                article=stale.article,
            )

    done = _drive(store, "reanalyze", jobs(), counts=counts, gives=gives, options=options)
    return done, reextract


def _reread(stored: StoredInput, raw: RawDocument, stages: tuple[str, ...] | None) -> Job:
    """A job that reads a kept input again, from extract on."""
    return Job(
        ref=stored.ref,
        name=stored.input,
        raw_hash=stored.raw_hash,
        doc=raw,
        given_id=stored.analysis_id,
        stages=stages,
    )


def _drive(
    store: Store,
    command: str,
    jobs: Iterator[Job | InputError],
    *,
    counts: Counts,
    gives: dict[str, tuple[str, ...]],
    options: IngestOptions,
) -> Counts:
    run_id = store.begin_run(command)
    status = "interrupted"
    try:
        for done in run_jobs(jobs, workers=options.workers, chunk_size=options.batch_size, strict=options.strict):
            _store_one(store, run_id, done, counts=counts, gives=gives, options=options)
        status = "done"
    except StoreError:
        status = "failed"
        raise
    finally:
        try:
            store.finish_run(run_id, counts, status)
        except StoreError:
            if status == "done":
                raise
    return counts


def _store_one(
    store: Store, run_id: int, done: Done, *, counts: Counts, gives: dict[str, tuple[str, ...]], options: IngestOptions
) -> None:
    if isinstance(done, InputError):
        counts.failed += 1
        store.record_failure(run_id, done.source, str(done))
        options.on_error(str(done))
        options.on_done(True)
        return
    record = Record(
        ref=done.ref,
        input=done.name,
        raw_hash=done.raw_hash,
        data=done.data,
        gives=gives,
        raw=done.raw,
        stance_counts=done.stance_counts,
    )
    stored = store.put(record)
    counts.add(stored.status)
    try:
        if options.link:
            link_new(store, stored.article_id)  # incremental lineage: this article against what is stored
    except sqlite3.Error as err:  # the linker writes through the SQLite connection itself
        raise store_error(store.where, err) from err
    for problem in done.data.get("problems", []):
        options.on_error(
            f"{done.name}: stage {problem['stage']} failed ({problem['message']})"
            " — the other stages' findings were stored; `wiretrace reanalyze` retries after a fix"
        )
    options.on_done(False)
