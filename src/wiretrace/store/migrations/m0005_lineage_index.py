"""Schema version 5: the lineage index as one row per article (documented in ``docs/lineage.md``).

* ``link_fingerprints`` replaces ``link_postings``: each linked article's outlet key and its
  indexed fingerprints as one blob (little-endian signed 64-bit integers), in the order the
  articles were indexed (``seq``). A linker reads it into memory when it starts and keeps it
  up to date, instead of one B-tree row per fingerprint: writes stay appends as the corpus
  grows, and a lookup is an array search.
* The fingerprints themselves changed (words are hashed from their code points, case aside,
  no longer by CRC-32), so what the linker stored before is cleared: ``wiretrace link``
  links every stored article again.
"""

from __future__ import annotations

STEPS: tuple[str, ...] = (
    "DROP TABLE link_postings",
    """CREATE TABLE link_fingerprints (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        article INTEGER NOT NULL UNIQUE,
        outlet INTEGER NOT NULL,
        hashes BLOB NOT NULL
    )""",
    "DELETE FROM link_hashes",
    "DELETE FROM link_state",
    "DELETE FROM lineage_links",
)
