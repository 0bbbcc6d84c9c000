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
the main process handles it, ends the pool and keeps what was committed. A worker that
dies (segfault, out-of-memory kill) costs the run one article, reported in its place —
never a hang (``concurrent.futures``' ``BrokenProcessPool``, then a new pool).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import multiprocessing.util
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import ClassVar

from wiretrace import settings
from wiretrace.analyze_api import Item, analyze_documents, unexpected
from wiretrace.errors import InputError
from wiretrace.model import Analysis, RawDocument
from wiretrace.output.serialize import analysis_to_dict
from wiretrace.pipeline import Pipeline, Stage
from wiretrace.registry import build_pipeline
from wiretrace.store.codec import JSON, article_from_dict

__all__ = ["Job", "Outcome", "default_workers", "ending", "process_one", "run_jobs"]

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
    """A job's result as plain data: the output contract dict (no parse). ``raw`` is the input
    read (set in the caller's process, for the store to keep; None when re-analysing)."""

    ref: str
    name: str
    raw_hash: str
    data: JSON
    raw: RawDocument | None = None
    stance_counts: str | None = None  # the body's stance cue counts, counted here beside the analysis


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
    from wiretrace.stance.text import stored_text  # noqa: PLC0415 - loaded by the workers that analyse

    stamped = tuple(s for s in result.stages if s[0] != _Restored.name)
    data = analysis_to_dict(replace(result, stages=stamped, parse=None, raw=None))
    # Counted in the worker, on all cores, rather than by the store's one writer (schema versions 11
    # and 12), beside an analysis past extraction (3 ms against about 180); an extraction-only pass stays fast.
    analysed = any(name != "extract" for name, _ in stamped)
    counts = stored_text(result.article.body) if analysed and result.article is not None else None
    return Outcome(ref=job.ref, name=job.name, raw_hash=job.raw_hash, data=data, stance_counts=counts)


# --------------------------------------------------------------------------- many documents


def _worker_init(strict: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how the main process ends a worker, whatever it set
    global _STRICT  # noqa: PLW0603 - per-process setting of the pool's workers
    _STRICT = strict
    watch = threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="wiretrace-parent", daemon=True)
    watch.start()


def _set_exiting(value: bool) -> bool:
    """Set multiprocessing's own "the interpreter is exiting" switch; return what it was. While it
    is on, a pool's queue-feeder thread writing a chunk to a worker that was killed drops the
    broken pipe quietly instead of printing its traceback."""
    util = multiprocessing.util
    before = bool(util._exiting)  # type: ignore[attr-defined]
    util._exiting = value  # type: ignore[attr-defined]
    return before


@contextlib.contextmanager
def _pool_exiting() -> Iterator[None]:
    """While killed workers are shut down: for the pool, the interpreter is exiting."""
    before = _set_exiting(True)
    try:
        yield
    finally:
        _set_exiting(before)


def ending() -> None:
    """This process is about to exit after an interrupt: a pool thread still flushing to a killed
    worker must not print a traceback after the one-line message (the interpreter's exit joins
    those threads before multiprocessing would turn the switch on itself)."""
    _set_exiting(True)


def _exit_with_parent(parent: int) -> None:
    """End this worker once the process that started it is gone (``kill -9``): a forked worker
    holds the task pipe open itself, so it would otherwise wait on it for ever."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


_STRICT = False


def _work_in_worker(chunk: list[Job | InputError]) -> list[Done]:
    return work(chunk, _STRICT)


def _chunks(jobs: Iterable[Job | InputError], size: int) -> Iterator[list[Job | InputError]]:
    iterator = iter(jobs)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def died(job: Job) -> InputError:
    """The line for a job whose worker process died under it (a crash in native code, or killed)."""
    return InputError(
        job.name,
        "the worker process analysing it died (a crash, or killed — out of memory?)",
        "the rest of the batch went on; ingest this input alone to try it again, and report it if it dies again",
    )


def run_jobs(
    jobs: Iterable[Job | InputError],
    *,
    workers: int | None = None,
    chunk_size: int | None = None,
    strict: bool = False,
) -> Iterator[Done]:
    """Every job's outcome, in input order, computed on ``workers`` processes (1: in this one).

    A worker that dies (a segfault, ``os._exit``, the kernel's out-of-memory killer) does not
    stop the run: the pool is started again, the chunks that were in flight are run again,
    one at a time, and the job that kills a worker once more is given back as an
    :class:`InputError` (:func:`died`) in its place.
    """
    count = workers if workers is not None else default_workers()
    size = chunk_size if chunk_size is not None else settings.get_int("batch_size")
    if count <= 1:
        for chunk in _chunks(jobs, size):
            yield from _with_raw(chunk, work(chunk, strict))
        return
    pool = _Pool(count, strict)
    pending: deque[_Slot] = deque()
    try:
        for chunk in _chunks(jobs, size):
            pending.append(_Slot(chunk, pool.submit(chunk, pending)))
            while len(pending) >= 2 * count:
                yield from pool.take(pending)
        while pending:
            yield from pool.take(pending)
        pool.close()
    finally:
        pool.stop()


def _with_raw(chunk: Sequence[Job | InputError], done: Sequence[Done]) -> list[Done]:
    """The outcomes with their job's input attached (it stayed in this process: no copy back)."""
    return [
        replace(d, raw=job.doc) if isinstance(d, Outcome) and isinstance(job, Job) and job.article is None else d
        for job, d in zip(chunk, done, strict=True)
    ]


@dataclass(slots=True)
class _Slot:
    """A chunk sent to the pool: its jobs (kept to run them again) and its future or results."""

    chunk: list[Job | InputError]
    future: Future[list[Done]] | None
    done: list[Done] | None = None


class _Pool:
    """A :class:`ProcessPoolExecutor` that outlives its workers: on ``BrokenProcessPool`` it is
    started again and the chunks lost with it are run once more, one at a time, so the job
    that kills a worker is found and reported instead of hanging or ending the run."""

    def __init__(self, count: int, strict: bool) -> None:
        self.count = count
        self.strict = strict
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # fork only while this process runs one thread: a fork copies no other thread
        forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        context = multiprocessing.get_context("fork" if forkable else "spawn")
        return ProcessPoolExecutor(self.count, mp_context=context, initializer=_worker_init, initargs=(self.strict,))

    def submit(self, chunk: list[Job | InputError], pending: deque[_Slot]) -> Future[list[Done]]:
        try:
            return self.executor.submit(_work_in_worker, chunk)
        except BrokenProcessPool:  # it broke since the last look
            self.recover(pending)
            return self.executor.submit(_work_in_worker, chunk)

    def take(self, pending: deque[_Slot]) -> list[Done]:
        """The first pending chunk's outcomes (waiting for them), removed from ``pending``."""
        slot = pending[0]
        if slot.done is None and slot.future is not None:
            try:
                slot.done = slot.future.result()
            except BrokenProcessPool:
                self.recover(pending)
        pending.popleft()
        return _with_raw(slot.chunk, slot.done or [])

    def recover(self, pending: deque[_Slot]) -> None:
        """After a worker died: a new pool, and every pending chunk's outcomes, in order."""
        self._restart()
        for slot in pending:
            if slot.done is not None:
                continue
            try:
                slot.done = slot.future.result() if slot.future is not None else None  # done before the death
            except BrokenProcessPool:
                slot.done = None
            if slot.done is None:
                slot.done = self._rescue(slot.chunk)
            slot.future = None

    def _rescue(self, chunk: list[Job | InputError]) -> list[Done]:
        """Run a chunk alone; if it kills a worker again, each of its jobs alone."""
        done = self._alone(chunk)
        if done is not None:
            return done
        out: list[Done] = []
        for job in chunk:
            one = None if isinstance(job, InputError) else self._alone([job])
            out.extend(one if one is not None else [job if isinstance(job, InputError) else died(job)])
        return out

    def _alone(self, chunk: list[Job | InputError]) -> list[Done] | None:
        """The chunk's outcomes with nothing else in the pool, or None if a worker died."""
        try:
            return self.executor.submit(_work_in_worker, chunk).result()
        except BrokenProcessPool:
            self._restart()
            return None

    def _restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)  # joins its thread before the next fork
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True)

    def stop(self) -> None:
        """End the workers now (Ctrl-C, or the caller stopped reading): their results are not wanted."""
        processes = list((getattr(self.executor, "_processes", None) or {}).values())  # no public way before 3.14
        with _pool_exiting():
            self.executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                if process.is_alive():
                    process.terminate()
            self.executor.shutdown(wait=True)
