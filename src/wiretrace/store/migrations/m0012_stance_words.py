"""Schema version 12: each article's sentence words beside its stance cue counts
(``stance_counts.counts``, now :func:`wiretrace.stance.text.stored_text`: the counts, the stems of
each sentence's words, and a key of the body they were read from). ``check`` splits each candidate
article into sentences and words to see whether one sentence says the claim; that was a quarter of
a check's time, and does not depend on the claim either.

Rows counted before this version, with the current cues, get the words of their body here, in the
migration's transaction (about 1 ms an article); rows counted with other cues are counted again.
A check reads a row without words, or with another body's, by splitting the body itself.
"""

from __future__ import annotations

import sqlite3

STEPS: tuple[str, ...] = ()


def apply(conn: sqlite3.Connection) -> None:
    """The words of every counted article's body."""
    from wiretrace.stance.text import COUNTS_VERSION, stored_text, with_words  # noqa: PLC0415

    # The ids first: the rows are rewritten, and a table is not rewritten under a query reading it.
    ids = [aid for (aid,) in conn.execute("SELECT article_id FROM stance_counts ORDER BY article_id")]
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        batch = conn.execute(
            "SELECT a.id, a.body, s.version, s.counts FROM articles a JOIN stance_counts s ON s.article_id = a.id"
            f" WHERE a.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        rows = []
        for aid, body, version, counts in batch:
            try:
                row = with_words(body, counts) if version == COUNTS_VERSION else stored_text(body)
            except (ValueError, TypeError):  # a damaged row: counted again
                row = stored_text(body)
            rows.append((COUNTS_VERSION, row, aid))
        conn.executemany("UPDATE stance_counts SET version = ?, counts = ? WHERE article_id = ?", rows)
