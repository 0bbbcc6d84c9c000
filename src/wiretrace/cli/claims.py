"""Claims across the corpus: ``stance``, ``check``, ``cross-disputes`` and ``claims-export``.

Thin layers over :mod:`wiretrace.stance`. ``stance`` needs no database; the others take
``--db`` like every corpus command. Exit codes: 0 all good; 1 some input lines failed or the
database could not be used; 2 usage.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from wiretrace.cli.corpus import db_option, limit_option, query_format_option
from wiretrace.cli.formats import emit, write_csv
from wiretrace.errors import WiretraceError
from wiretrace.store import open_store

__all__ = ["COMMANDS"]

_WIDTH = 100


@contextmanager
def _connection(db: str, *, write: bool = False) -> Iterator[sqlite3.Connection]:
    """The SQLite connection of the store at ``db`` (migrated), closed on exit."""
    try:
        store = open_store(db, create=False)
    except WiretraceError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    try:
        conn = getattr(store, "conn", None)
        if not isinstance(conn, sqlite3.Connection):
            click.echo(f"{db}: claims need the SQLite store — give a SQLite --db file", err=True)
            sys.exit(1)
        yield conn
    except sqlite3.Error as err:
        click.echo(f"{db}: database error ({err}) — rerun the command; report it if it persists", err=True)
        sys.exit(1)
    finally:
        store.close()


# --------------------------------------------------------------------------- stance


@click.command()
@click.option(
    "--jsonl",
    "jsonl_path",
    metavar="FILE|-",
    required=True,
    help='Pairs to score, one {"id", "claim", "body"} per line (- for stdin).',
)
def stance(*, jsonl_path: str) -> None:
    """Score each (claim, body) pair: supports, disputes, reports or unrelated, with evidence.

    Prints one {"id", "stance", "score", "evidence": {"start", "end"}} line per input line.
    """
    from wiretrace.stance.model import default_model  # noqa: PLC0415 - keeps `--help` fast

    model = default_model()
    failed = 0
    with _open_lines(jsonl_path) as lines:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
                claim, body = record.get("claim"), record.get("body")
                if not isinstance(claim, str) or not isinstance(body, str):
                    raise ValueError('"claim" and "body" must be strings')
            except ValueError as err:
                click.echo(
                    f"{jsonl_path}:{n}: is not a stance pair ({err}) — each line must be"
                    ' {"id": …, "claim": "…", "body": "…"}',
                    err=True,
                )
                failed += 1
                continue
            found = model.predict(claim, body)
            out = {
                "id": record.get("id"),
                "stance": found.label.value,
                "score": found.score,
                "evidence": {"start": found.evidence.start, "end": found.evidence.end},
            }
            click.echo(json.dumps(out, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@contextmanager
def _open_lines(path: str) -> Iterator[TextIO]:
    if path == "-":
        yield sys.stdin
        return
    try:
        handle = Path(path).open(encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as err:
        click.echo(f"{path}: cannot be read ({err.strerror}) — check the path", err=True)
        sys.exit(1)
    with handle:
        yield handle


# --------------------------------------------------------------------------- check


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent)


def check_text(result: dict[str, Any], color: bool) -> str:
    out = [f"claim: {result['claim']}", result["summary"], ""]
    for m in result["matches"]:
        who = m["speaker"] or f"{m['outlet'] or 'the article'} (own voice)"
        where = ", ".join(b for b in (m["outlet"], m["published"]) if b)
        cue = f" [{m['cue']}]" if m.get("cue") else ""
        out.append(f"{m['stance']:<9} {m['score']:.2f}  {who} — {m['ref']}" + (f" ({where})" if where else "") + cue)
        out.append(_wrap(m["evidence"]["text"], "           "))
    return "\n".join(out)


@click.command()
@click.argument("claim")
@db_option
@query_format_option
@limit_option(50)
@click.option(
    "--candidates",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Articles retrieved by full-text search and scored.",
)
def check(*, claim: str, db: str, fmt: str, limit: int, candidates: int) -> None:
    """Check CLAIM against the stored corpus: who disputes, supports or reports it — no verdict."""
    from wiretrace.stance.check import check_claim  # noqa: PLC0415

    with _connection(db) as conn:
        result = check_claim(conn, claim, candidates_limit=candidates).as_dict()
    result["matches"] = result["matches"][:limit]
    if fmt == "csv":
        write_csv(
            [
                {**m, "evidence": m["evidence"]["text"], "start": m["evidence"]["start"], "end": m["evidence"]["end"]}
                for m in result["matches"]
            ],
            ("stance", "score", "speaker", "outlet", "published", "ref", "origin", "start", "end", "evidence", "cue"),
        )
        return
    emit(result, fmt, check_text)


# --------------------------------------------------------------------------- cross-article disputes


def cross_text(rows: list[dict[str, Any]], color: bool) -> str:
    out = []
    for r in rows:
        where = ", ".join(b for b in (r["outlet"], r["published"]) if b)
        out.append(f"{r['ref']} ({where})" if where else str(r["ref"]))
        out.append(_wrap(f"claim   {r['claim_speaker'] or '?'}: {r['claim']}", "  "))
        there = ", ".join(b for b in (r["counter_outlet"], r["counter_published"]) if b)
        cue = f" ({r['cue']})" if r.get("cue") else ""
        out.append(
            _wrap(f"counter {r['counter_speaker'] or '?'}{cue} in {r['counter_ref']} ({there}): {r['counter']}", "  ")
        )
        out.append(
            f"  disputed by {r['disputed_by_origins']} independent source(s), supported by {r['supported_by_origins']}"
        )
        out.append("")
    return "\n".join(out)


def disputes_text(rows: list[dict[str, Any]], color: bool) -> str:
    """``wiretrace disputes``: each row labelled by its kind, in-article or cross-article."""
    out = []
    for r in rows:
        where = ", ".join(b for b in (r["outlet"], r["published"]) if b)
        head = f"{r['ref']} ({where})" if where else str(r["ref"])
        out.append(f"[{r['kind']}] {head}" + (f" — {r['headline']}" if r.get("headline") else ""))
        out.append(_wrap(f"claim   {r['claim_speaker'] or '?'}: {r['claim']}", "  "))
        cue = f" ({r['cue']})" if r.get("cue") else ""
        if r["kind"] == "cross-article":
            there = ", ".join(b for b in (r["counter_outlet"], r["counter_published"]) if b)
            elsewhere = f" in {r['counter_ref']}" + (f" ({there})" if there else "")
            out.append(_wrap(f"counter {r['counter_speaker'] or '?'}{cue}{elsewhere}: {r['counter']}", "  "))
            out.append(
                f"  disputed by {r['disputed_by_origins']} independent source(s),"
                f" supported by {r['supported_by_origins']}"
            )
        else:
            out.append(_wrap(f"counter {r['counter_speaker'] or '?'}{cue}: {r['counter']}", "  "))
        out.append("")
    return "\n".join(out)


@click.command("cross-disputes")
@db_option
@query_format_option
@limit_option(100)
@click.option("--update/--no-update", default=True, show_default=True, help="First check claims not yet checked.")
@click.option("--rebuild", is_flag=True, help="Check every claim again, whatever was stored.")
def cross_disputes(*, db: str, fmt: str, limit: int, update: bool, rebuild: bool) -> None:
    """Claims disputed in other articles: both sides, speakers, independent-origin counts."""
    from wiretrace.stance.across import cross_disputes as rows_of  # noqa: PLC0415
    from wiretrace.stance.across import update_links  # noqa: PLC0415

    with _connection(db, write=True) as conn:
        if update or rebuild:
            update_links(conn, rebuild=rebuild)
        rows = rows_of(conn, limit=limit)
    emit(rows, fmt, cross_text, empty="no cross-article disputes found")


# --------------------------------------------------------------------------- export


@click.command("claims-export")
@db_option
@click.option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("json", "jsonl")),
    default="json",
    show_default=True,
    help="json: one JSON-LD document (@graph); jsonl: one ClaimReview per line.",
)
def claims_export(*, db: str, output: str | None, fmt: str) -> None:
    """Every stored claim as schema.org ClaimReview JSON-LD (Claim with appearance, firstAppearance)."""
    from wiretrace.stance.claimreview import CONTEXT, claim_reviews  # noqa: PLC0415

    with _connection(db) as conn:
        reviews = list(claim_reviews(conn))
    if fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reviews)
    else:
        graph = [{k: v for k, v in r.items() if k != "@context"} for r in reviews]
        text = json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=2) + "\n"
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as err:
            click.echo(f"{output}: cannot be written ({err.strerror}) — check the folder", err=True)
            sys.exit(1)
    else:
        click.echo(text, nl=False)


COMMANDS = (stance, check, cross_disputes, claims_export)
