"""Schema version 7: covering indexes for what every listing asks of each row it lists.

* ``claims_quote``: a quote's claim date by ``(article_id, quote_id)`` without reading the claim's
  row — what ``quotes --speaker`` and a person's page ask for every quote (a third of that query's
  time on a 20,000-article store).
* ``refs_article_ref``: an article's first ref, and whether any ref points at it (a current
  article), without reading the ref's row — what search, quotes and disputes ask for every row.
"""

from __future__ import annotations

STEPS: tuple[str, ...] = (
    "CREATE INDEX claims_quote ON claims (article_id, quote_id, date)",
    "CREATE INDEX refs_article_ref ON refs (article_id, ref)",
)
