"""JSON Lines of articles, streamed one line at a time (constant memory).

One object per line::

    {"id": "a1", "text": "…" | "html": "<html>…", "published": "2023-07-05",
     "url": "…", "outlet": "…", "headline": "…", "authors": ["Jane Roe", "John Doe"]}

A ``text`` is taken verbatim as the article body — no header parsing, so character
offsets index it exactly; an ``html`` is read like a page. The other fields become
``RawDocument.meta`` string pairs; ``authors`` (a list of names, or one string) is stored
**joined with "; "** (:data:`AUTHORS_SEPARATOR`), which :func:`split_authors` undoes.
Every record also carries ``("line", "N")``, its 1-based line number in the file (blank
lines counted), so a caller can name it ``FILE:LINE``. A malformed line yields an
:class:`InputError` with source ``FILE:LINE`` and the reading goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from wiretrace import settings
from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.paths import STDIN, open_binary

__all__ = ["AUTHORS_SEPARATOR", "META_FIELDS", "read_jsonl", "split_authors"]

AUTHORS_SEPARATOR = "; "
META_FIELDS = ("published", "url", "outlet", "headline", "authors")
_HINT = 'each line must be {"id": …, "text": … or "html": …}'


def split_authors(value: str) -> tuple[str, ...]:
    """The names of an ``authors`` meta value (the inverse of the "; " join)."""
    return tuple(name.strip() for name in value.split(";") if name.strip())


def read_jsonl(path_or_dash: str) -> Iterator[RawDocument | InputError]:
    """Yield one :class:`RawDocument` per good line and one :class:`InputError` per bad one."""
    name = "<stdin>" if path_or_dash == STDIN else path_or_dash
    if path_or_dash == STDIN:
        yield from _read_lines(sys.stdin.buffer, name)
        return
    path = Path(path_or_dash)
    if path.is_dir():
        yield InputError(name, "is a directory", "give a .jsonl file")
        return
    try:
        stream = open_binary(path, name)
    except InputError as err:
        yield err
        return
    with stream:
        yield from _read_lines(stream, name)


def _read_lines(stream: BinaryIO, name: str) -> Iterator[RawDocument | InputError]:
    limit = settings.get_int("max_input_bytes")
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        where = f"{name}:{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized line
            yield InputError(
                where, f"line is over the {limit / 1_000_000:g} MB limit", "raise WIRETRACE_MAX_INPUT_BYTES"
            )
            continue
        if not line.strip():
            continue
        try:
            yield _parse_line(line, where, number)
        except InputError as err:
            yield err


def _parse_line(line: bytes, where: str, number: int) -> RawDocument:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(where, f"is not UTF-8 (byte {err.start})", "save the file as UTF-8") from err
    except json.JSONDecodeError as err:
        raise InputError(where, f"is not valid JSON ({err.msg} at column {err.colno})", _HINT) from err
    if not isinstance(record, dict):
        raise InputError(where, f"is a JSON {type(record).__name__}, not an object", _HINT)
    ref = record.get("id")
    if isinstance(ref, bool) or not isinstance(ref, str | int) or str(ref).strip() == "":
        raise InputError(where, 'has no "id" (a non-empty string or integer)', _HINT)
    text, html = record.get("text"), record.get("html")
    if text is not None and html is not None:
        raise InputError(where, 'has both "text" and "html"', "give one of them")
    for key, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(where, f'"{key}" is a {type(value).__name__}, not a string', _HINT)
    content = text if text is not None else html
    if content is None:
        raise InputError(where, 'has neither "text" nor "html"', _HINT)
    if not content.strip():
        raise InputError(where, f'"{"text" if text is not None else "html"}" is empty', "give the article")
    meta = (*_meta(record, where), ("line", str(number)))
    if text is not None:
        return RawDocument(ref=str(ref), media_type="text/plain", text=text, meta=meta)
    return RawDocument(
        ref=str(ref),
        media_type="text/html",
        data=content.encode("utf-8"),
        meta=meta,
        url=dict(meta).get("url"),
    )


def _meta(record: dict[str, object], where: str) -> tuple[tuple[str, str], ...]:
    meta: list[tuple[str, str]] = []
    for key in META_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if key == "authors":
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise InputError(where, '"authors" must be a list of strings', 'e.g. "authors": ["Jane Roe"]')
            joined = AUTHORS_SEPARATOR.join(n.strip() for n in names if n.strip())
            if joined:
                meta.append((key, joined))
            continue
        if not isinstance(value, str):
            raise InputError(where, f'"{key}" is a {type(value).__name__}, not a string', _HINT)
        if key == "published":
            value = _check_date(value, where)
        if value.strip():
            meta.append((key, value.strip()))
    return tuple(meta)


def _check_date(value: str, where: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as err:
        raise InputError(where, f'"published" {value!r} is not a date', "write it as YYYY-MM-DD") from err
