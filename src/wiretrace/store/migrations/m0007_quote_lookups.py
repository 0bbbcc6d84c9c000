"""Schema version 7: ``claims_quote``, a covering index that gives a quote's claim date by
``(article_id, quote_id)`` without reading the claim's row — what ``quotes --speaker`` and a
person's page ask for every quote they list (a third of that query's time on a 20,000-article store).
"""

from __future__ import annotations

STEPS: tuple[str, ...] = ("CREATE INDEX claims_quote ON claims (article_id, quote_id, date)",)
