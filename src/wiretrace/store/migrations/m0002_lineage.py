"""Schema version 2: the lineage index and links (documented in ``docs/lineage.md``).

* ``link_postings``: winnowed fingerprint → the articles holding it (and their outlet key), so
  a new article finds what it shares text with in a few index lookups;
* ``link_hashes``: fingerprints that stopped being indexed — ``boilerplate`` (shared by many
  articles of one outlet, or by many unrelated articles: never evidence of a link) or
  ``frequent`` (story text of a very large story: looked up, no longer indexed);
* ``link_state``: which articles were linked, by which linker version;
* ``lineage_links``: one row per pair of articles that share text, with its direction,
  relation, score and passages.
"""

from __future__ import annotations

STEPS: tuple[str, ...] = (
    """CREATE TABLE link_postings (
        hash INTEGER NOT NULL,
        article INTEGER NOT NULL,
        outlet INTEGER NOT NULL,
        PRIMARY KEY (hash, article)
    ) WITHOUT ROWID""",
    """CREATE TABLE link_hashes (
        hash INTEGER PRIMARY KEY,
        kind TEXT NOT NULL
    )""",
    """CREATE TABLE link_state (
        article INTEGER PRIMARY KEY,
        version TEXT NOT NULL,
        fingerprints INTEGER NOT NULL,
        linked_at TEXT NOT NULL
    )""",
    """CREATE TABLE lineage_links (
        lo INTEGER NOT NULL,
        hi INTEGER NOT NULL,
        source INTEGER NOT NULL,
        target INTEGER NOT NULL,
        relation TEXT NOT NULL,
        score REAL NOT NULL,
        source_share REAL NOT NULL,
        target_share REAL NOT NULL,
        rule TEXT NOT NULL,
        evidence TEXT NOT NULL,
        passages TEXT NOT NULL,
        PRIMARY KEY (lo, hi)
    ) WITHOUT ROWID""",
    "CREATE INDEX lineage_links_hi ON lineage_links (hi)",
)
