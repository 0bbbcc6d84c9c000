"""Analyse many documents on every core, in input order, with flat memory.

* :func:`process_one` — one :class:`RawDocument` through the pipeline: an
  :class:`~wiretrace.model.Analysis` or the :class:`~wiretrace.errors.InputError` that
  says why not. What every engine (this runner, Spark, …) calls per document.
* :func:`run_jobs` — a stream of :class:`Job` s through ``workers`` processes. Jobs go to
  the workers in chunks of ``chunk_size`` (one ``nlp.pipe`` batch each), at most
  ``2 × workers`` chunks in flight, so memory stays bounded whatever the corpus size;
  outcomes come back in input order. Each worker builds its pipeline — and loads spaCy —
  once. The caller's process does every database write (a single writer).

Workers are forked where the platform allows it and this process runs a single thread
(they never touch the parent's database connection); else spawned. They ignore Ctrl-C:
the main process handles it, ends the pool and keeps what was committed.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from wiretrace import settings
from wiretrace.analyze_api import Item, analyze_documents, unexpected
from wiretrace.errors import InputError
from wiretrace.model import Analysis, RawDocument
from wiretrace.output.serialize import analysis_to_dict
from wiretrace.pipeline import Pipeline, Stage
from wiretrace.registry import build_pipeline
from wiretrace.store.codec import JSON, article_from_dict

__all__ = ["Job", "Outcome", "default_workers", "process_one", "run_jobs"]

StageNames = tuple[str, ...] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """One document to analyse. ``article`` set means *re-analyse*: the stored article is
    taken as read (extract does not run) and only ``stages`` (and what they need) run."""

    ref: str
    name: str
    raw_hash: str
    doc: RawDocument
    given_id: str | None = None
    stages: StageNames = None
    article: JSON | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """A job's result as plain data: the output contract dict (no parse, no raw bytes)."""

    ref: str
    name: str
    raw_hash: str
    data: JSON


Done = Outcome | InputError


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------- one document


_PIPELINES: dict[tuple[StageNames, bool, bool], Pipeline] = {}


class _Restored(Stage):
    """Stands in for extract when re-analysing: the stored article is already in place."""

    name: ClassVar[str] = "restored"
    version: ClassVar[str] = "0"
    needs: ClassVar[frozenset[str]] = frozenset({"raw"})
    gives: ClassVar[frozenset[str]] = frozenset({"article"})

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.article is None:
            raise InputError(analysis.input, "has no stored article", "ingest it again")
        return analysis


def pipeline_for(stages: StageNames, *, restored: bool = False, strict: bool = False) -> Pipeline:
    """The pipeline for these stage names, built once per process."""
    key = (stages, restored, strict)
    if key not in _PIPELINES:
        pipe = build_pipeline(stages)
        if restored:
            pipe = Pipeline([_Restored(), *(s for s in pipe.stages if s.name != "extract")])
        _PIPELINES[key] = pipe
    return _PIPELINES[key]


def process_one(
    doc: RawDocument, stages: Sequence[str] | None = None, *, name: str | None = None, given_id: str | None = None
) -> Analysis | InputError:
    """One document through the pipeline (``stages`` as for ``--stages``; default all)."""
    names = tuple(stages) if stages is not None else None
    item = Item(name=name or doc.ref, doc=doc, given_id=given_id)
    [result] = analyze_documents([item], pipeline=pipeline_for(names))
    return result


def work(chunk: Sequence[Job | InputError], strict: bool = False) -> list[Done]:
    """A chunk of jobs, in order (errors from reading pass through). Never raises."""
    out: dict[int, Done] = {}
    groups: dict[tuple[StageNames, bool], list[tuple[int, Job]]] = {}
    for i, job in enumerate(chunk):
        if isinstance(job, InputError):
            out[i] = job
        else:
            groups.setdefault((job.stages, job.article is not None), []).append((i, job))
    for (stages, restored), jobs in groups.items():
        try:
            results = _analyse(jobs, stages, restored, strict)
        except Exception as exc:  # noqa: BLE001 - the chunk's failure is each job's error
            results = [unexpected(job.name, exc, "analysing it") for _, job in jobs]
        for (i, job), result in zip(jobs, results, strict=True):
            out[i] = result if isinstance(result, InputError) else _outcome(job, result)
    return [out[i] for i in range(len(chunk))]


def _analyse(
    jobs: list[tuple[int, Job]], stages: StageNames, restored: bool, strict: bool
) -> list[Analysis | InputError]:
    size = max(1, len(jobs))
    if not restored:
        items = [Item(name=job.name, doc=job.doc, given_id=job.given_id) for _, job in jobs]
        pipe = pipeline_for(stages)
        return list(analyze_documents(items, pipeline=pipe, strict=strict, batch_size=size))
    pipe = pipeline_for(stages, restored=True)
    analyses = [
        Analysis(id=job.given_id or job.ref, input=job.name, raw=job.doc, article=article_from_dict(job.article or {}))
        for _, job in jobs
    ]
    return list(pipe.run_many(analyses, batch_size=size))


def _outcome(job: Job, result: Analysis) -> Outcome:
    stamped = tuple(s for s in result.stages if s[0] != _Restored.name)
    data = analysis_to_dict(replace(result, stages=stamped, parse=None, raw=None))
    return Outcome(ref=job.ref, name=job.name, raw_hash=job.raw_hash, data=data)


# --------------------------------------------------------------------------- many documents


def _worker_init(strict: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    global _STRICT  # noqa: PLW0603 - per-process setting of the pool's workers
    _STRICT = strict


_STRICT = False


def _work_in_worker(chunk: list[Job | InputError]) -> list[Done]:
    return work(chunk, _STRICT)


def _chunks(jobs: Iterable[Job | InputError], size: int) -> Iterator[list[Job | InputError]]:
    iterator = iter(jobs)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run_jobs(
    jobs: Iterable[Job | InputError],
    *,
    workers: int | None = None,
    chunk_size: int | None = None,
    strict: bool = False,
) -> Iterator[Done]:
    """Every job's outcome, in input order, computed on ``workers`` processes (1: in this one)."""
    count = workers if workers is not None else default_workers()
    size = chunk_size if chunk_size is not None else settings.get_int("batch_size")
    if count <= 1:
        for chunk in _chunks(jobs, size):
            yield from work(chunk, strict)
        return
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if forkable else "spawn")
    pool = context.Pool(count, initializer=_worker_init, initargs=(strict,))
    pending: deque[Any] = deque()
    try:
        for chunk in _chunks(jobs, size):
            pending.append(pool.apply_async(_work_in_worker, (chunk,)))
            while len(pending) >= 2 * count:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
