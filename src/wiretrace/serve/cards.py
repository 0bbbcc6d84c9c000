"""Each article's card — first ref, outlet, date, headline — kept per database version, so that a
page listing hundreds of quotes reads them from memory rather than joining every quote to its
article and looking up its ref (most of a person's page's time in SQLite on a large store).

The server reads the cards of the newest :data:`MAX_CARDS` articles once when it starts (:func:`fill`,
with the other corpus-wide answers: one query, about 300 bytes a card); any other is read on the
first page that needs it, and those of articles no ref points at are remembered as absent.
Everything is dropped when the database changes, and past :data:`MAX_CARDS`."""

from __future__ import annotations

import sqlite3
import threading
from functools import partial

from wiretrace.serve.corpus import Corpus
from wiretrace.store import queries

__all__ = ["MAX_CARDS", "article_cards", "cards_of", "fill"]

MAX_CARDS = 200_000
_LOCK = threading.Lock()


def article_cards(corpus: Corpus, ids: list[str]) -> dict[str, queries.Card]:
    """The cards of the current articles among ``ids`` (:data:`queries.Cards` for ``corpus``)."""
    kept: dict[str, queries.Card | None] = corpus.cached("article_cards", lambda _: {})
    missing = [aid for aid in ids if aid not in kept]
    found = queries.article_cards(corpus.reader(), missing) if missing else {}
    asked = set(missing)
    out: dict[str, queries.Card] = {}
    for aid in ids:
        card = found.get(aid) if aid in asked else kept.get(aid)
        if card is not None:
            out[aid] = card
    if missing:
        with _LOCK:
            if len(kept) + len(missing) > MAX_CARDS:
                kept.clear()
            for aid in missing:
                kept[aid] = found.get(aid)
    return out


def cards_of(corpus: Corpus) -> queries.Cards:
    """:func:`article_cards` for ``corpus``, as the store's queries take it (``cards=``)."""
    return partial(article_cards, corpus)


def fill(corpus: Corpus) -> None:
    """Read the cards of the newest :data:`MAX_CARDS` current articles at once."""

    def build(conn: sqlite3.Connection) -> dict[str, queries.Card | None]:
        return dict(queries.newest_cards(conn, MAX_CARDS))

    # the same key as article_cards: what is built here is what pages read, for this version
    corpus.cached("article_cards", build)
