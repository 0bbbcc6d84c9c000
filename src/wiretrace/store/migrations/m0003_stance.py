"""Schema version 3: cross-article stance links (``wiretrace cross-disputes``).

``stance_links``: a stored claim (``claim_article``, ``claim_id``) and a statement or article
elsewhere in the corpus that disputes or supports it, with the evidence span, the stance
model's score and version. ``stance_checked``: which claims were matched, by which model
version, so an update only scores the claims that are new or were scored by another model.
"""

from __future__ import annotations

STEPS: tuple[str, ...] = (
    """CREATE TABLE stance_links (
        claim_article TEXT NOT NULL REFERENCES articles (id),
        claim_id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id),
        statement_id TEXT,
        stance TEXT NOT NULL,
        score REAL NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        origin TEXT NOT NULL,
        cue TEXT,
        model_version TEXT NOT NULL,
        PRIMARY KEY (claim_article, claim_id, article_id, start)
    )""",
    "CREATE INDEX stance_links_article ON stance_links (article_id)",
    """CREATE TABLE stance_checked (
        claim_article TEXT NOT NULL REFERENCES articles (id),
        claim_id TEXT NOT NULL,
        model_version TEXT NOT NULL,
        PRIMARY KEY (claim_article, claim_id)
    )""",
)
