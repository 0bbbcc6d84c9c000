"""Schema version 9: ``articles_terms``, a view of the articles' full-text index by term
(FTS5's ``fts5vocab``, ``row`` kind: each term, the articles holding it, its occurrences). It
stores nothing of its own; it lets ``check`` ask how many articles hold each of a claim's words
and rank the claim's rarest words alone (:func:`wiretrace.store.queries.article_frequencies`).
"""

from __future__ import annotations

STEPS: tuple[str, ...] = ("CREATE VIRTUAL TABLE articles_terms USING fts5vocab(articles_fts, row)",)
