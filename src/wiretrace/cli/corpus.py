"""The corpus commands: ``ingest``, ``reanalyze`` and the questions asked of a database.

Thin layers over :mod:`wiretrace.batch.ingest` and :class:`wiretrace.store.base.Store`.
Every command takes ``--db`` (default: the ``db`` setting, env ``WIRETRACE_DB``); the
query commands take ``--format text|json|csv``. Exit codes as for ``analyze``: 0 all
good, 1 some inputs failed (or the database could not be used), 2 usage; 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import click

from wiretrace import settings
from wiretrace.cli.corpus_text import (
    quotes_text,
    search_text,
    show_csv_rows,
    show_text,
    speakers_text,
    stats_text,
    timeline_text,
)
from wiretrace.cli.formats import QUERY_FORMATS, emit, write_csv
from wiretrace.cli.options import batch_size_option, debug_option, stages_option, strict_option
from wiretrace.cli.progress import progress
from wiretrace.errors import StoreError, UsageError, WiretraceError
from wiretrace.store import Counts, Store, open_store

__all__ = ["COMMANDS"]

F = TypeVar("F", bound=Callable[..., Any])


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db",
        metavar="FILE",
        default=lambda: settings.get_str("db"),
        show_default="wiretrace.db, setting db",
        help="The corpus database (SQLite). Env WIRETRACE_DB.",
    )(f)


def query_format_option(f: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(QUERY_FORMATS), default="text", show_default=True, help="Output format."
    )(f)


def limit_option(default: int) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option(
            "--limit", type=click.IntRange(min=1), default=default, show_default=True, help="Most rows printed."
        )(f)

    return decorate


def workers_option(f: F) -> F:
    return click.option(
        "--workers",
        type=click.IntRange(min=0),
        default=lambda: settings.get_int("workers"),
        show_default="0 = one per core, setting workers",
        help="Processes analysing articles in parallel.",
    )(f)


@contextmanager
def _opened(db: str, *, create: bool = False, debug: bool = False) -> Iterator[Store]:
    try:
        store = open_store(db, create=create)
    except WiretraceError as err:
        _fail(str(err), err, debug)
    try:
        yield store
    except StoreError as err:
        _fail(str(err), err, debug)
    finally:
        store.close()


def _fail(line: str, cause: BaseException, debug: bool) -> NoReturn:
    if debug:
        click.echo("".join(traceback.format_exception(cause)).rstrip(), err=True)
    click.echo(line, err=True)
    sys.exit(1)


# --------------------------------------------------------------------------- writing


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@workers_option
@stages_option
@strict_option
@batch_size_option
@debug_option
def ingest(
    *,
    inputs: tuple[str, ...],
    db: str,
    workers: int,
    stages: tuple[str, ...] | None,
    strict: bool,
    batch_size: int,
    debug: bool,
) -> None:
    """Read, analyse and store articles: files, folders, globs, JSONL, feeds, WARC, sitemaps, URLs.

    Idempotent and resumable: what is stored already is skipped.
    """
    from wiretrace.batch.ingest import IngestOptions  # noqa: PLC0415 - keeps `--help` fast
    from wiretrace.batch.ingest import ingest as run_ingest  # noqa: PLC0415

    _check_stages(stages)
    with _opened(db, create=True, debug=debug) as store, progress(None) as reporter:
        options = IngestOptions(
            stages=stages,
            strict=strict,
            workers=workers or None,
            batch_size=batch_size,
            on_error=reporter.error,
            on_done=lambda failed: reporter.advance(failed=failed),
        )
        _run(lambda: run_ingest(list(inputs), store, options, command="ingest " + " ".join(inputs)), db, debug)


@click.command()
@db_option
@workers_option
@stages_option
@batch_size_option
@debug_option
def reanalyze(*, db: str, workers: int, stages: tuple[str, ...] | None, batch_size: int, debug: bool) -> None:
    """Run the stages that are missing, or whose version changed, on every stored article."""
    from wiretrace.batch.ingest import IngestOptions  # noqa: PLC0415
    from wiretrace.batch.ingest import reanalyze as run_reanalyze  # noqa: PLC0415

    _check_stages(stages)
    with _opened(db, debug=debug) as store, progress(None) as reporter:
        options = IngestOptions(
            stages=stages,
            workers=workers or None,
            batch_size=batch_size,
            on_error=reporter.error,
            on_done=lambda failed: reporter.advance(failed=failed),
        )
        reextract = 0

        def go() -> Counts:
            nonlocal reextract
            counts, reextract = run_reanalyze(store, options)
            return counts

        _run(go, db, debug, after=lambda: _reextract_note(reextract))


def _reextract_note(count: int) -> None:
    if count:
        click.echo(
            f"reanalyze: {count} inputs were read by another version of the extract stage and stored"
            " before wiretrace kept inputs — ingest them again to re-read them",
            err=True,
        )


def _check_stages(stages: tuple[str, ...] | None) -> None:
    from wiretrace.registry import build_pipeline  # noqa: PLC0415

    try:
        build_pipeline(stages)
    except UsageError as err:
        raise click.UsageError(str(err)) from err


def _terminated(signum: int, frame: object) -> None:
    del signum, frame
    raise KeyboardInterrupt  # `kill`, a job scheduler's stop: end as Ctrl-C does, the workers with it


def _run(go: Callable[[], Counts], db: str, debug: bool, after: Callable[[], None] | None = None) -> None:
    started = dt.datetime.now()
    main_thread = threading.current_thread() is threading.main_thread()  # where Python runs signal handlers
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        counts = go()
    except KeyboardInterrupt:
        from wiretrace.batch.runner import ending  # noqa: PLC0415

        ending()
        click.echo(f"interrupted — what was stored in {db} is kept; run the same command again to resume", err=True)
        sys.exit(130)
    except WiretraceError as err:
        _fail(str(err), err, debug)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    seconds = (dt.datetime.now() - started).total_seconds()
    c = counts.as_dict()
    done = sum(c.values())
    rate = f", {done / seconds:.1f}/s" if seconds > 0 else ""
    click.echo(
        f"{db}: {c['new']} new, {c['linked']} linked, {c['updated']} updated, {c['unchanged']} unchanged,"
        f" {c['failed']} failed ({done} inputs in {seconds:.1f} s{rate})",
        err=True,
    )
    if after is not None:
        after()
    sys.exit(1 if counts.failed else 0)


# --------------------------------------------------------------------------- questions


@click.command()
@click.argument("query")
@db_option
@query_format_option
@limit_option(20)
def search(*, query: str, db: str, fmt: str, limit: int) -> None:
    """Articles and quotes matching QUERY (FTS5 syntax), best first, with marked snippets."""
    with _opened(db) as store:
        emit(store.search(query, limit=limit), fmt, search_text, empty=f"no match for {query!r}")


@click.command()
@click.option("--speaker", metavar="NAME", help="The person (any form of the name: surname, full name, with title).")
@db_option
@query_format_option
@limit_option(100)
def quotes(*, speaker: str | None, db: str, fmt: str, limit: int) -> None:
    """Everything a person said across articles; without --speaker, who is quoted most."""
    with _opened(db) as store:
        if speaker:
            emit(store.quotes(speaker, limit=limit), fmt, quotes_text, empty=f"no quotes by {speaker!r}")
        else:
            emit(store.speakers(limit=limit), fmt, speakers_text, empty="no quotes stored")


@click.command()
@click.option("--speaker", metavar="NAME", help="Only disputes where this person made the claim or the counter.")
@click.option(
    "--kind",
    type=click.Choice(("all", "in-article", "cross-article")),
    default="all",
    show_default=True,
    help="Contradictions inside one article, stored claims disputed by another origin's article, or both.",
)
@click.option(
    "--update/--no-update",
    default=True,
    show_default=True,
    help="First check the stored claims not yet checked against the corpus (cross-article disputes).",
)
@db_option
@query_format_option
@limit_option(100)
def disputes(*, speaker: str | None, kind: str, update: bool, db: str, fmt: str, limit: int) -> None:
    """Claims and the statements that contradict them: in the same article, or in another outlet's."""
    import sqlite3  # noqa: PLC0415 - keeps `--help` fast

    from wiretrace.cli.claims import disputes_text as all_text  # noqa: PLC0415 - claims imports this module
    from wiretrace.stance.across import DISPUTE_COLUMNS, all_disputes  # noqa: PLC0415

    with _opened(db) as store:
        conn = getattr(store, "conn", None)
        try:
            rows = all_disputes(
                store.disputes(speaker=speaker, limit=limit) if kind != "cross-article" else [],
                conn if isinstance(conn, sqlite3.Connection) else None,
                kind=kind,
                speaker=speaker,
                update=update,
                limit=limit,
            )
        except sqlite3.Error as err:
            _fail(f"{db}: cross-article disputes could not be updated ({err}) — rerun with --no-update", err, False)
    if fmt == "csv":
        write_csv(rows, DISPUTE_COLUMNS)
        return
    emit(rows, fmt, all_text, empty="no disputes found")


@click.command()
@click.argument("entity")
@db_option
@query_format_option
@limit_option(200)
def timeline(*, entity: str, db: str, fmt: str, limit: int) -> None:
    """Dated events, quotes and claims about ENTITY (a person, organisation or place), in order."""
    with _opened(db) as store:
        emit(store.timeline(entity, limit=limit), fmt, timeline_text, empty=f"nothing dated about {entity!r}")


@click.command()
@click.argument("ref")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(QUERY_FORMATS), default="json", show_default=True, help="Output format."
)
def show(*, ref: str, db: str, fmt: str) -> None:
    """One article's stored analysis, as `analyze` prints it (REF: its ref, analysis id or article id)."""
    with _opened(db) as store:
        data = store.get(ref)
        if data is None:
            _fail(
                f"{ref}: no such article in {db} — find its ref with `wiretrace search` or `wiretrace export`",
                KeyError(ref),
                False,
            )
        if fmt == "json":
            contract = {k: v for k, v in data.items() if k not in ("refs", "history")}
            emit(contract, "json", show_text)
        elif fmt == "csv":
            write_csv(show_csv_rows(data), ("kind", "id", "start", "end", "text", "speaker", "value"))
        else:
            emit(data, "text", show_text)


@click.command()
@db_option
@query_format_option
def stats(*, db: str, fmt: str) -> None:
    """Counts, stage versions, outlets, failures and recent runs."""
    with _opened(db) as store:
        emit(store.stats(), fmt, stats_text)


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("jsonl", "csv", "parquet")),
    default="jsonl",
    show_default=True,
    help="jsonl: every analysis; csv/parquet: one row per article.",
)
@click.option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout (required for parquet).")
def export(*, db: str, fmt: str, output: str | None) -> None:
    """Every current article: full analyses (jsonl) or one row each (csv, parquet)."""
    from wiretrace.cli.export import export_to  # noqa: PLC0415

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs --output FILE")
    with _opened(db) as store:
        try:
            export_to(store, fmt, output)
        except WiretraceError as err:
            _fail(str(err), err, False)


COMMANDS = (ingest, reanalyze, search, quotes, disputes, timeline, show, stats, export)
