"""Rows (plain dicts) out as ``text``, ``json`` or ``csv`` — the formats of the corpus commands.

``json`` is one JSON document (an array of rows, or one object); ``csv`` has a header
line and one line per row, nested values as JSON; ``text`` is laid out per command by
the function given. Matched words of a search snippet are marked ``**like this**``; on a
terminal they are shown bold instead.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

__all__ = ["QUERY_FORMATS", "bold_marks", "emit", "write_csv"]

QUERY_FORMATS = ("text", "json", "csv")
Row = dict[str, Any]


def bold_marks(text: str, color: bool) -> str:
    """``**word**`` as bold on a terminal, unchanged elsewhere."""
    if not color:
        return text
    parts = text.split("**")
    return "".join(f"\x1b[1m{p}\x1b[0m" if i % 2 else p for i, p in enumerate(parts))


def write_csv(rows: Iterable[Row], columns: Sequence[str] | None = None) -> None:
    """Rows as CSV on stdout, streamed; the columns are the first row's unless given."""
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(
                sys.stdout, fieldnames=list(columns or row), extrasaction="ignore", lineterminator="\n"
            )
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
    if writer is None and columns:
        csv.writer(sys.stdout, lineterminator="\n").writerow(columns)


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def emit(rows: list[Row] | Row, fmt: str, text: Callable[[Any, bool], str], *, empty: str = "") -> None:
    """Print ``rows`` in ``fmt``; ``text(rows, color)`` lays them out for people (``empty`` goes
    to stderr when there is nothing to lay out)."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        write_csv([rows] if isinstance(rows, dict) else rows)
    else:
        if not rows:
            if empty:
                click.echo(empty, err=True)
            return
        color = bool(getattr(sys.stdout, "isatty", lambda: False)())
        click.echo(text(rows, color).rstrip("\n"))
