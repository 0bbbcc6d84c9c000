"""Inputs → :class:`~wiretrace.model.RawDocument`: paths, ``-`` for stdin, http(s) URLs, JSON Lines.

:func:`open_inputs` is what the CLI calls: it yields an :class:`InputError` in place of an
input that cannot be read, so a batch goes on past it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.jsonl import read_jsonl, split_authors
from wiretrace.sources.paths import read_path
from wiretrace.sources.url import fetch_url, is_url

__all__ = ["fetch_url", "is_url", "open_inputs", "read_jsonl", "read_path", "split_authors"]


def open_inputs(items: Sequence[str]) -> Iterator[RawDocument | InputError]:
    """One result per input, in order: a document, or the error that says why it was skipped.

    An http(s) address is fetched, ``-`` reads stdin, a ``.jsonl``/``.ndjson`` file gives
    one document per line (:func:`read_jsonl`), anything else is one file.
    """
    for item in items:
        if not is_url(item) and item.lower().endswith((".jsonl", ".ndjson")):
            yield from read_jsonl(item)
            continue
        try:
            yield fetch_url(item) if is_url(item) else read_path(item)
        except InputError as err:
            yield err
