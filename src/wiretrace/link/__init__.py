"""Corpus-level linking: which stored articles share text, in which direction, and as which story.

* :mod:`.fingerprints` — words, k-word window hashes and their winnowed sample (the index keys);
* :mod:`.align` — two bodies aligned into passages with character spans on both sides;
* :mod:`.credits` — what an article says it came from, and which of a pair is the original;
* :mod:`.linker` — the incremental linker over the SQLite store (candidates, boilerplate, links);
* :mod:`.lineage` — one story's tree and the export of every pair;
* :mod:`.stories` — connected stories, their earliest appearance and independent origins;
* :mod:`.quotes_across` — one quote reported by many articles, and which appearances confirm it.
"""

from __future__ import annotations

from wiretrace.link.linker import LINK_VERSION, link_new, link_pending

__all__ = ["LINK_VERSION", "link_new", "link_pending"]
