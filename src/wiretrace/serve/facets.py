"""Search with facets: the store's ranked search (:func:`wiretrace.store.queries.search`), narrowed.

The ranked hits come from the store's own FTS5 query. Facets narrow them: an outlet, a speaker
(quotes by that person, any form of the name), a date range (the article's publication date),
only articles with a dispute, only articles or only quotes. With a facet set, the best
:data:`CANDIDATES` hits are narrowed (a facet narrows the best hits, it does not search again);
the counts shown beside each facet are over the hits examined.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, fields

from wiretrace.serve.cards import cards_of
from wiretrace.serve.corpus import MAX_WINDOW, Corpus, Page, page_of
from wiretrace.serve.reads import disputed_refs, word_indexes
from wiretrace.store import queries
from wiretrace.store.base import JSON
from wiretrace.store.names import compatible, name_key

__all__ = ["CANDIDATES", "FACET_WINDOW", "Facets", "Filters", "search"]

CANDIDATES = 200  # hits examined when a facet is set
FACET_WINDOW = 50  # hits examined for the facet counts when none is
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    outlet: str | None = None
    speaker: str | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None
    disputed: bool = False
    kind: str | None = None  # "article" | "quote"

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def as_params(self) -> dict[str, str]:
        out = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        if self.disputed:
            out["disputed"] = "1"
        return {k: str(v) for k, v in out.items()}

    @staticmethod
    def check_date(value: str | None, name: str) -> str | None:
        """A date bound as given, or ``ValueError`` naming the parameter."""
        if value is None or not value.strip():
            return None
        if not _DATE.match(value.strip()):
            raise ValueError(f"{name}={value!r} is not a date — give YYYY, YYYY-MM or YYYY-MM-DD")
        return value.strip()


@dataclass(frozen=True, slots=True, kw_only=True)
class Facets:
    """Counts over the hits examined: each outlet, each speaker, disputed hits, kinds, years."""

    examined: int
    outlets: list[tuple[str, int]]
    speakers: list[tuple[str, int]]
    kinds: list[tuple[str, int]]
    disputed: int
    years: list[tuple[str, int]]

    def as_dict(self) -> JSON:
        return {
            "examined": self.examined,
            "outlets": [{"outlet": o, "hits": n} for o, n in self.outlets],
            "speakers": [{"speaker": s, "hits": n} for s, n in self.speakers],
            "kinds": [{"kind": k, "hits": n} for k, n in self.kinds],
            "disputed": self.disputed,
            "years": [{"year": y, "hits": n} for y, n in self.years],
        }


def _keep(row: JSON, f: Filters, disputed: frozenset[str]) -> bool:
    if f.kind and row["kind"] != f.kind:
        return False
    if f.outlet and (row.get("outlet") or "") != f.outlet:
        return False
    if f.speaker:
        if row["kind"] != "quote" or not row.get("speaker"):
            return False
        want, have = name_key(f.speaker), name_key(row["speaker"])
        if not (want == have or compatible(want, have)):
            return False
    published = row.get("published") or ""
    if f.since and (not published or published < f.since):
        return False
    if f.until and (not published or published[: len(f.until)] > f.until):
        return False
    return not (f.disputed and row["ref"] not in disputed)


def _facets(rows: list[JSON], disputed: frozenset[str]) -> Facets:
    outlets = Counter(r["outlet"] for r in rows if r.get("outlet"))
    speakers = Counter(r["speaker"] for r in rows if r["kind"] == "quote" and r.get("speaker"))
    years = Counter((r.get("published") or "")[:4] for r in rows if r.get("published"))
    return Facets(
        examined=len(rows),
        outlets=outlets.most_common(12),
        speakers=speakers.most_common(12),
        kinds=sorted(Counter(r["kind"] for r in rows).items()),
        disputed=sum(1 for r in rows if r["ref"] in disputed),
        years=sorted(years.items()),
    )


def search(corpus: Corpus, query: str, filters: Filters, *, limit: int, offset: int) -> tuple[Page, Facets]:
    """One page of hits for ``query`` narrowed by ``filters``, and the facet counts (kept for the
    next visitor asking the same while the database does not change)."""
    key = f"search:{limit}:{offset}:{sorted(filters.as_params().items())}:{query}"
    return corpus.memo(key, lambda _: _search(corpus, query, filters, limit=limit, offset=offset))


def _search(corpus: Corpus, query: str, filters: Filters, *, limit: int, offset: int) -> tuple[Page, Facets]:
    window = min(MAX_WINDOW, offset + limit + 1)
    wanted = max(window, CANDIDATES if filters.active() else FACET_WINDOW)
    conn = corpus.reader()
    rows = (
        queries.search(conn, query, limit=wanted, snippets=False, cards=cards_of(corpus), indexes=word_indexes(corpus))
        if query.strip()
        else []
    )
    disputed = disputed_refs(corpus)
    facets = _facets(rows, disputed)
    for row in rows:
        row["disputed"] = row["ref"] in disputed
    kept = [r for r in rows if _keep(r, filters, disputed)]
    page = page_of(kept, limit=limit, offset=offset)
    queries.mark(conn, query, page.items)  # snippets for the rows shown only
    return page, facets
