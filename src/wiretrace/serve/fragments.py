"""Rows drawn the same on every page that shows them (a dispute, a dispute across articles),
rendered once per database version and kept with the corpus-wide answers they come from.

A page listing 50 disputes spent most of its time in the template calling the same macros for
the same rows on every visit; :class:`Fragments` renders each row once, keyed by the row object
itself (the rows are the corpus cache's own, held as long as the cache holds them), and drops
everything when the database changes."""

from __future__ import annotations

import threading
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from wiretrace.serve.corpus import Corpus
from wiretrace.serve.markup import anchor_of
from wiretrace.store.base import JSON

__all__ = ["MACROS", "Fragments"]

MACROS = frozenset({"dispute_row", "cross_row"})  # the macros of macros.html whose rows are kept
MAX_KEPT = 50_000  # rows kept per database version (about 1.5 KB each): emptied beyond
_LOCK = threading.Lock()


class Fragments:
    """``fragment(macro, row)`` in a template: the macro's HTML for ``row``, rendered once."""

    def __init__(self, corpus: Corpus, env: Environment) -> None:
        self._corpus = corpus
        self._env = env
        self._kept: dict[tuple[str, int], tuple[JSON, Markup]] | None = None

    def _rows(self) -> dict[tuple[str, int], tuple[JSON, Markup]]:
        # fetched on a page's first row (one look at the database version), then read for every row
        if self._kept is None:
            self._kept = self._corpus.cached("fragments", lambda _: {})
        return self._kept

    def __call__(self, macro: str, row: JSON) -> Markup:
        if macro not in MACROS:
            raise ValueError(f"fragment: {macro!r} is not one of {sorted(MACROS)}")
        key, kept = (macro, id(row)), self._rows()
        hit = kept.get(key)
        if hit is not None and hit[0] is row:  # the same object: its id was not reused
            return hit[1]
        module: Any = self._env.get_template("macros.html").module
        html = Markup(getattr(module, macro)(row, anchor_of))
        with _LOCK:
            if len(kept) >= MAX_KEPT:
                kept.clear()
            kept[key] = (row, html)
        return html
