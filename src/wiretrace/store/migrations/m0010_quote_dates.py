"""Schema version 10: ``quotes.said``, the date the quote was said (its claim's TIMEX3 value,
``claims.date``), kept on the quote itself: a person's page reads hundreds of quotes, and looking
up each one's claim was two fifths of that query's time. The store sets it whenever an article's
quotes or claims are stored (:func:`wiretrace.store.sqlite._derive`).

Quotes stored before this version are backfilled, in the migration's transaction.
"""

from __future__ import annotations

SAID = (
    "UPDATE quotes SET said = (SELECT c.date FROM claims c WHERE c.article_id = quotes.article_id"
    " AND c.quote_id = quotes.qid LIMIT 1)"
)

STEPS: tuple[str, ...] = ("ALTER TABLE quotes ADD COLUMN said TEXT", SAID)
