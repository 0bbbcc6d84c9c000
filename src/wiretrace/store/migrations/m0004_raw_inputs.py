"""Schema version 4: the inputs as read, compressed, so a new extractor can read them again.

``raw_inputs``: one row per distinct input (its ``raw_hash``, as in ``refs``), holding what
the source gave — the bytes (or the text, for a JSONL ``text``), media type, URL and given
metadata — with the bytes zlib-compressed. ``wiretrace reanalyze`` re-runs the ``extract``
stage from here when its version changed. Inputs stored before this version have no row:
they are re-read only by ingesting them again.
"""

from __future__ import annotations

STEPS: tuple[str, ...] = (
    """CREATE TABLE raw_inputs (
        raw_hash TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        url TEXT,
        meta TEXT NOT NULL DEFAULT '[]',
        is_text INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
    )""",
)
