"""Many articles at once: :func:`process_one`, a local multiprocessing runner, ingest and reanalyze."""

from __future__ import annotations

from wiretrace.batch.runner import Job, Outcome, default_workers, process_one, run_jobs

__all__ = ["Job", "Outcome", "default_workers", "process_one", "run_jobs"]
