"""Cross-article disputes: each stored claim matched against the rest of the corpus.

:func:`update_links` checks every stored claim not yet checked by this model version
(:func:`wiretrace.stance.check.check_claim` with the claim's text), and stores each match in
another article of **another origin** that disputes or supports it (table ``stance_links``,
migration ``m0003_stance``). :func:`cross_disputes` reads them back as rows shaped like the
in-article disputes of ``wiretrace disputes`` (claim side, counter side, cue), plus the
independent-origin counts of each side.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from wiretrace.analyze.disputes import content_words
from wiretrace.stance.check import check_claim, origin_function
from wiretrace.stance.model import StanceLabel, StanceModel, default_model
from wiretrace.store.names import compatible, name_key

__all__ = ["DISPUTE_COLUMNS", "all_disputes", "cross_disputes", "update_links"]

_KEPT = (StanceLabel.DISPUTES, StanceLabel.SUPPORTS)
_MIN_WORDS = 4  # a claim of fewer content words ("to fight it") matches too much to link
_MIN_COVER = 0.6  # stricter than a typed check: one sentence must hold most of the claim
_MIN_SCORE = 0.5


def _claims_to_check(conn: sqlite3.Connection, version: str, rebuild: bool) -> list[tuple[str, str, str]]:
    rows = conn.execute(
        "SELECT c.article_id, c.cid, c.text FROM claims c"
        " WHERE EXISTS (SELECT 1 FROM refs r WHERE r.article_id = c.article_id)"
        " AND (? OR NOT EXISTS (SELECT 1 FROM stance_checked s WHERE s.claim_article = c.article_id"
        " AND s.claim_id = c.cid AND s.model_version = ?)) ORDER BY c.article_id, c.start",
        (int(rebuild), version),
    )
    return [(a, c, t) for a, c, t in rows]


def _origin(conn: sqlite3.Connection, aid: str, origin: Callable[[Mapping[str, Any]], str]) -> str:
    row = conn.execute("SELECT id, outlet, source_outlet FROM articles WHERE id = ?", (aid,)).fetchone()
    return origin({"article_id": row[0], "outlet": row[1], "source_outlet": row[2]}) if row else aid


def update_links(
    conn: sqlite3.Connection,
    *,
    rebuild: bool = False,
    model: StanceModel | None = None,
    on_done: Callable[[], None] | None = None,
) -> int:
    """Check each stored claim not yet checked by this model; return how many were checked."""
    model = model or default_model()
    todo = _claims_to_check(conn, model.version, rebuild)
    origin = origin_function(conn)
    for aid, cid, text in todo:
        own = _origin(conn, aid, origin)
        if len(content_words(text)) < _MIN_WORDS:
            links = []
        else:
            result = check_claim(conn, text, model=model, min_cover=_MIN_COVER)
            links = [
                m
                for m in result.matches
                if m.article_id != aid and m.stance in _KEPT and m.origin != own and m.score >= _MIN_SCORE
            ]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM stance_links WHERE claim_article = ? AND claim_id = ?", (aid, cid))
            conn.executemany(
                "INSERT OR REPLACE INTO stance_links (claim_article, claim_id, article_id, statement_id, stance,"
                ' score, start, "end", origin, cue, model_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [
                    (
                        aid,
                        cid,
                        m.article_id,
                        _statement_id(conn, m.article_id, m.start, m.end),
                        m.stance.value,
                        m.score,
                        m.start,
                        m.end,
                        m.origin,
                        m.cue,
                        model.version,
                    )
                    for m in links
                ],
            )
            conn.execute(
                "INSERT OR REPLACE INTO stance_checked (claim_article, claim_id, model_version) VALUES (?, ?, ?)",
                (aid, cid, model.version),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if on_done is not None:
            on_done()
    return len(todo)


def _statement_id(conn: sqlite3.Connection, aid: str, start: int, end: int) -> str | None:
    row = conn.execute(
        'SELECT cid FROM claims WHERE article_id = ? AND start = ? AND "end" = ?', (aid, start, end)
    ).fetchone()
    return str(row[0]) if row else None


def cross_disputes(conn: sqlite3.Connection, *, speaker: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Stored claims disputed in other articles: both sides, with speakers, outlets, dates, and
    how many independent origins dispute and support each claim.

    Two statements that contradict each other are shown once, the earlier one as the claim (a
    statement checked later may have been linked to an earlier one it answers). ``speaker`` keeps
    the disputes where that person made the claim or the counter (any form of the name, as for
    ``wiretrace quotes``)."""
    cur = conn.execute(
        "SELECT l.claim_article, l.claim_id, l.article_id, l.statement_id, l.stance, l.origin, l.score, l.cue,"
        ' l.start, l."end",'
        " (SELECT MIN(r.ref) FROM refs r WHERE r.article_id = a1.id) AS ref, a1.outlet, a1.published, a1.headline,"
        " c1.speaker AS claim_speaker, c1.text AS claim, c1.date AS claim_date,"
        " (SELECT MIN(r.ref) FROM refs r WHERE r.article_id = a2.id) AS counter_ref, a2.outlet AS counter_outlet,"
        " a2.published AS counter_published, a2.headline AS counter_headline, c2.speaker AS counter_speaker,"
        ' substr(a2.body, l.start + 1, l."end" - l.start) AS counter, c2.date AS counter_date'
        " FROM stance_links l JOIN articles a1 ON a1.id = l.claim_article"
        " JOIN claims c1 ON c1.article_id = l.claim_article AND c1.cid = l.claim_id"
        " JOIN articles a2 ON a2.id = l.article_id"
        " LEFT JOIN claims c2 ON c2.article_id = l.article_id AND c2.cid = l.statement_id"
        " WHERE EXISTS (SELECT 1 FROM refs r WHERE r.article_id = a1.id)"
        " AND EXISTS (SELECT 1 FROM refs r WHERE r.article_id = a2.id)"
        " ORDER BY a1.published IS NULL, a1.published DESC, ref, c1.start, l.score DESC"
    )
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur]
    sides: dict[tuple[str, str], dict[str, set[str]]] = {}
    for r in rows:
        sides.setdefault((r["claim_article"], r["claim_id"]), {}).setdefault(r["stance"], set()).add(r["origin"])
    key = name_key(speaker) if speaker else None
    seen: set[frozenset[tuple[str, str]]] = set()
    out = []
    for r in rows:
        if r["stance"] != StanceLabel.DISPUTES.value:
            continue
        claim, counter = _sides(r)
        if r["statement_id"] and counter["published"] and (claim["published"] or "9999") > counter["published"]:
            claim, counter = counter, claim  # the earlier statement is the claim
        pair = frozenset({(claim["article"], claim["id"]), (counter["article"], counter["id"])})
        if pair in seen:
            continue
        seen.add(pair)
        if key is not None and not any(
            s["speaker"] and compatible(key, name_key(s["speaker"])) for s in (claim, counter)
        ):
            continue
        counts = sides.get((claim["article"], claim["id"]), {})
        out.append(
            {
                "kind": "cross-article",
                "ref": claim["ref"],
                "outlet": claim["outlet"],
                "published": claim["published"],
                "headline": claim["headline"],
                "claim_speaker": claim["speaker"],
                "claim": claim["text"],
                "claim_date": claim["date"],
                "counter_ref": counter["ref"],
                "counter_outlet": counter["outlet"],
                "counter_published": counter["published"],
                "counter_speaker": counter["speaker"],
                "counter": counter["text"],
                "counter_date": counter["date"],
                "cue": r["cue"],
                "score": r["score"],
                "disputed_by_origins": len(counts.get("disputes", ())) or 1,
                "supported_by_origins": len(counts.get("supports", ())),
            }
        )
    return out[:limit]


def _sides(r: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The claim side and the counter side of a stored link, shaped alike (``id``: the statement's
    id, or the span of an article's own sentence)."""
    claim = {
        "article": r["claim_article"],
        "id": r["claim_id"],
        "ref": r["ref"],
        "outlet": r["outlet"],
        "published": r["published"],
        "headline": r["headline"],
        "speaker": r["claim_speaker"],
        "text": r["claim"],
        "date": r["claim_date"],
    }
    counter = {
        "article": r["article_id"],
        "id": r["statement_id"] or f"{r['start']}-{r['end']}",
        "ref": r["counter_ref"],
        "outlet": r["counter_outlet"],
        "published": r["counter_published"],
        "headline": r["counter_headline"],
        "speaker": r["counter_speaker"],
        "text": r["counter"],
        "date": r["counter_date"],
    }
    return claim, counter


DISPUTE_COLUMNS = (
    "kind",
    "ref",
    "outlet",
    "published",
    "headline",
    "cue",
    "claim_speaker",
    "claim",
    "claim_date",
    "counter_ref",
    "counter_outlet",
    "counter_published",
    "counter_speaker",
    "counter",
    "counter_date",
    "score",
    "disputed_by_origins",
    "supported_by_origins",
)


def all_disputes(
    in_article: list[dict[str, Any]],
    conn: sqlite3.Connection | None,
    *,
    kind: str = "all",
    speaker: str | None = None,
    update: bool = True,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """In-article disputes (rows of ``Store.disputes``) and cross-article ones in one list, each
    row labelled by ``kind`` (``in-article`` or ``cross-article``) and shaped alike
    (:data:`DISPUTE_COLUMNS`): newest claim article first, in-article rows first within one.

    ``conn`` is the store's SQLite connection (None: no cross-article disputes); with ``update``
    the claims not yet checked by this model are checked first (:func:`update_links`).
    """
    rows: list[dict[str, Any]] = []
    if kind in ("all", "in-article"):
        for r in in_article:
            rows.append(
                {
                    **dict.fromkeys(DISPUTE_COLUMNS),
                    **r,
                    "kind": "in-article",
                    "counter_ref": r.get("ref"),
                    "counter_outlet": r.get("outlet"),
                    "counter_published": r.get("published"),
                }
            )
    if kind in ("all", "cross-article") and conn is not None:
        if update:
            update_links(conn)
        rows.extend({**dict.fromkeys(DISPUTE_COLUMNS), **r} for r in cross_disputes(conn, speaker=speaker, limit=limit))
    rows.sort(key=lambda r: r["published"] or "", reverse=True)  # stable: in-article rows stay first
    rows.sort(key=lambda r: r["published"] is None)
    return [{k: r[k] for k in DISPUTE_COLUMNS} for r in rows[:limit]]
