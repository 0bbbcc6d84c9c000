"""The lineage commands: ``lineage`` (one story's tree, or every linked pair exported), ``stories``, ``link``.

Thin layers over :mod:`wiretrace.link`. Linking runs on its own during ``ingest``; ``link``
catches up a database ingested before lineage existed (or by another linker version).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import textwrap
from typing import Any

import click

from wiretrace.cli.corpus import _fail, _opened, db_option, limit_option, query_format_option
from wiretrace.cli.formats import emit
from wiretrace.store.base import Store

__all__ = ["COMMANDS"]

_WIDTH = 100


def _conn(store: Store, db: str) -> sqlite3.Connection:
    conn = getattr(store, "conn", None)
    if not isinstance(conn, sqlite3.Connection):
        _fail(f"{db}: lineage needs the SQLite store — open a .db file", TypeError(db), False)
    return conn


def _short(text: str, width: int = 90) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder=" …")


def _who(a: dict[str, Any]) -> str:
    bits = [b for b in (a.get("outlet"), a.get("published")) if b]
    return f"{a['ref']} ({', '.join(bits)})" if bits else str(a["ref"])


def tree_text(data: dict[str, Any], color: bool) -> str:
    del color
    s = data["story"]
    origins = "; ".join(s["origins"]) or "-"
    lines = [
        f"story of {s['articles']} articles from {len(s['outlets'])} outlets — earliest {s['earliest']}"
        f" ({s['earliest_published'] or 'undated'}); {s['independent_origins']} independent origin(s): {origins}",
        "",
    ]
    by_ref = {a["ref"]: a for a in data["articles"]}
    edges = {e["target"]: e for e in data["edges"]}
    children: dict[str | None, list[str]] = {}
    for a in data["articles"]:
        children.setdefault(a["parent"], []).append(a["ref"])

    def walk(ref: str, prefix: str, last: bool, root: bool) -> None:
        a = by_ref[ref]
        e = edges.get(ref)
        branch = "" if root else ("└── " if last else "├── ")
        head = _who(a) if e is None else f"{e['relation']} {e['score']:.0%} of it shared — {_who(a)}"
        lines.append(prefix + branch + head)
        inner = prefix + ("" if root else ("    " if last else "│   "))
        if e is not None:
            lines.append(f"{inner}    why this parent: {e['rule']} — {e['evidence']}")
            for p in e["passages"][:2]:
                lines.append(
                    f"{inner}    passage source {p['source_start']}–{p['source_end']} = target"
                    f" {p['target_start']}–{p['target_end']}: “{_short(p['target_text'], 70)}”"
                )
            if len(e["passages"]) > 2:
                lines.append(f"{inner}    … {len(e['passages']) - 2} more passages")
        kids = children.get(ref, [])
        for i, kid in enumerate(kids):
            walk(kid, inner, i == len(kids) - 1, False)

    for root in children.get(None, []):
        walk(root, "", True, True)
    if data["other_links"]:
        lines += ["", "other pairs that share text (not tree edges):"]
        for e in data["other_links"]:
            lines.append(f"  {e['source']} → {e['target']}: {e['relation']}, {e['score']:.0%} ({e['rule']})")
    return "\n".join(lines)


def stories_text(rows: list[dict[str, Any]], color: bool) -> str:
    del color
    out = []
    for r in rows:
        out.append(
            f"{r['articles']:>4} articles  {len(r['outlets'])} outlets  {r['independent_origins']} origin(s)"
            f"  earliest {r['earliest']} ({r['earliest_published'] or 'undated'})"
        )
        out.append(f"      origin: {r['origin']}; {r['reposts']} reposts, {r['excerpts']} excerpts")
    return "\n".join(out)


def quotes_across_text(rows: list[dict[str, Any]], color: bool) -> str:
    del color
    out = []
    for r in rows:
        out.append(
            f"“{_short(r['text'], 80)}” — {r.get('speaker') or 'unattributed'}: {r['appearances']} appearances,"
            f" {r['confirmations']} independent, {len(r['outlets'])} outlets; first {r['first']}"
        )
    return "\n".join(out)


@click.command()
@click.argument("ref", required=False)
@click.option("--export", "export_path", metavar="FILE|-", help="Write every pair that shares text as JSON Lines.")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True, help="Output format."
)
def lineage(*, ref: str | None, export_path: str | None, db: str, fmt: str) -> None:
    """The story of REF: its original, reposts and excerpts with their evidence; or --export every pair."""
    from wiretrace.link.lineage import export_pairs, resolve, story_tree  # noqa: PLC0415

    if ref is None and export_path is None:
        raise click.UsageError("give a REF, or --export FILE")
    with _opened(db) as store:
        conn = _conn(store, db)
        if export_path is not None:
            out = sys.stdout if export_path == "-" else open(export_path, "w", encoding="utf-8")  # noqa: SIM115
            try:
                count = 0
                for pair in export_pairs(conn):
                    out.write(json.dumps(pair, ensure_ascii=False) + "\n")
                    count += 1
            finally:
                if out is not sys.stdout:
                    out.close()
            click.echo(f"{export_path}: {count} pairs", err=True)
        if ref is not None:
            n = resolve(conn, ref)
            if n is None:
                _fail(f"{ref}: no such article in {db} — find its ref with `wiretrace search`", KeyError(ref), False)
            emit(story_tree(conn, n), fmt, tree_text)


@click.command()
@db_option
@query_format_option
@limit_option(20)
@click.option("--quotes", "across", is_flag=True, help="List quotes carried by several articles instead.")
def stories(*, db: str, fmt: str, limit: int, across: bool) -> None:
    """The largest stories: articles, outlets, earliest appearance, origin and independent origins."""
    from wiretrace.link.quotes_across import quotes_across  # noqa: PLC0415
    from wiretrace.link.stories import stories as find_stories  # noqa: PLC0415

    with _opened(db) as store:
        conn = _conn(store, db)
        if across:
            emit(quotes_across(conn, limit=limit), fmt, quotes_across_text, empty="no quote appears in two articles")
        else:
            emit(find_stories(conn, limit=limit), fmt, stories_text, empty="no two stored articles share text")


@click.command()
@db_option
def link(*, db: str) -> None:
    """Link every stored article not linked yet (ingest links new articles on its own)."""
    from wiretrace.link import link_pending  # noqa: PLC0415

    with _opened(db) as store:
        articles, made = link_pending(store)
        click.echo(f"{db}: {articles} articles linked, {made} links", err=True)


COMMANDS = (lineage, stories, link)
