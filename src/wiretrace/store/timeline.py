"""``wiretrace timeline ENTITY``: dated events, quotes and claims about one entity, in order.

The entity is found in every article whose entities match it — a person by compatible
name ("Zelensky" finds "Volodymyr Zelensky"), anything else by name or alias. Then, per
article:

* **quote** — what the entity said, dated by the claim's own date where the text gives one
  ("said on Monday"), else by the article's publication date;
* **claim** — a claim attributed to it that is not a quote already listed;
* **event** — a calendar date (a TIMEX3 value starting with a year) in a sentence that
  mentions the entity, with that sentence.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from functools import lru_cache
from typing import Any

from wiretrace.store.names import compatible, name_key, name_keys, surname

__all__ = ["date_key", "timeline"]

JSON = dict[str, Any]
_CURRENT = "EXISTS (SELECT 1 FROM refs r WHERE r.article_id = a.id)"
_FIRST_REF = "(SELECT MIN(r.ref) FROM refs r WHERE r.article_id = a.id)"
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}){0,2}")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])")
_PARTS = {
    "SP": "03",
    "SU": "06",
    "FA": "09",
    "AU": "09",
    "WI": "12",
    "Q1": "01",
    "Q2": "04",
    "Q3": "07",
    "Q4": "10",
    "H1": "01",
    "H2": "07",
}
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+|\n+")


@lru_cache(maxsize=65536)  # pure, and asked again for every date sorted on every page
def date_key(value: str | None) -> str:
    """A sortable date for a TIMEX3 value ("2023-W39" → its Monday, "2024-SU" → "2024-06");
    "~" (after every date) when undated."""
    if not value:
        return "~"
    week = _WEEK.match(value)
    if week:
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        except ValueError:
            return value[:4]
    part = _PART.match(value)
    if part:
        return f"{part[1]}-{_PARTS[part[2]]}"
    found = _CALENDAR.match(value)
    return found.group(0) if found else "~"


def _matches(key: str, row: JSON) -> bool:
    if row["type"] == "PERSON":
        return compatible(key, row["key"]) or key == row["key"]
    return key == row["key"] or key in name_keys(json.loads(row["aliases"]))


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    begin = 0
    for m in _SENTENCE_END.finditer(body, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(body, end)
    return begin, stop.start() + 1 if stop else len(body)


def timeline(conn: sqlite3.Connection, entity: str, *, limit: int = 200) -> list[JSON]:
    key = name_key(entity)
    if not key:
        return []
    candidates = conn.execute(
        "SELECT e.article_id, e.eid, e.name, e.type, e.key, e.aliases, e.mentions FROM entities e"
        " JOIN articles a ON a.id = e.article_id"
        " WHERE (e.surname = ? OR e.key = ? OR (e.article_id, e.eid) IN"
        f" (SELECT n.article_id, n.eid FROM entity_names n WHERE n.key = ?)) AND {_CURRENT}",
        (surname(key), key, key),
    )
    names = [d[0] for d in candidates.description]
    found = [row for row in (dict(zip(names, r, strict=True)) for r in candidates) if _matches(key, row)]
    events: list[JSON] = []
    for chunk in range(0, len(found), 400):  # a few queries for many articles, not four per article
        events += _events(conn, found[chunk : chunk + 400], key)
    events.sort(key=lambda e: (date_key(e["date"]), e["published"] or "~", e["ref"], e["start"]))
    for event in events:
        del event["start"]
    return events[:limit]


def _grouped(
    conn: sqlite3.Connection, sql: str, args: list[str], *, marks: str = "?", count: int | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of ``sql`` (its first column an article id) by article; ``{ids}`` in ``sql`` is where
    ``count`` (all ``args`` by default) placeholders ``marks`` go, joined by commas."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    n = len(args) // marks.count("?") if count is None else count
    for row in conn.execute(sql.format(ids=",".join([marks] * n)), args):
        out.setdefault(row[0], []).append(row[1:])
    return out


def _events(conn: sqlite3.Connection, entities: list[JSON], key: str) -> list[JSON]:
    ids = sorted({e["article_id"] for e in entities})
    articles = {
        row[0]: row[1:]
        for row in conn.execute(
            f"SELECT a.id, {_FIRST_REF}, a.outlet, a.published, a.body FROM articles a"
            f" WHERE a.id IN ({','.join('?' * len(ids))})",
            ids,
        )
    }
    # the entity's own quotes only: an article holds a dozen quotes, most by others
    pairs = sorted({(e["article_id"], e["eid"]) for e in entities})
    quotes = _grouped(
        conn,
        "WITH wanted (aid, eid) AS (VALUES {ids})"
        " SELECT q.article_id, q.speaker_entity, q.qid, q.text, q.start, q.said"
        " FROM wanted w JOIN quotes q ON q.article_id = w.aid AND q.speaker_entity = w.eid",
        [x for pair in pairs for x in pair],
        marks="(?, ?)",
    )
    people = [e for e in entities if e["type"] == "PERSON"]
    claims = (
        _grouped(  # a person's claims: by the surname first (the names are compared below)
            conn,
            "SELECT article_id, text, start, date, quote_id, speaker_key FROM claims WHERE article_id IN ({ids})"
            " AND speaker_surname = ?",
            [*sorted({e["article_id"] for e in people}), surname(key)],
            count=len({e["article_id"] for e in people}),
        )
        if people
        else {}
    )
    timexes = _grouped(
        conn,
        "SELECT article_id, start, \"end\", value FROM timexes WHERE article_id IN ({ids}) AND type = 'DATE'",
        ids,
    )
    events: list[JSON] = []
    for entity in entities:
        aid = entity["article_id"]
        ref, outlet, published, body = articles[aid]
        base = {"entity": entity["name"], "ref": ref, "outlet": outlet, "published": published}
        quoted: set[str] = set()
        for eid, qid, text, start, said in quotes.get(aid, []):
            if eid != entity["eid"]:
                continue
            quoted.add(qid)
            events.append({"date": said or published, "kind": "quote", "text": text, **base, "start": start})
        if entity["type"] == "PERSON":
            for text, start, said, quote_id, speaker_key in claims.get(aid, []):
                if quote_id in quoted or not speaker_key or not compatible(key, speaker_key):
                    continue
                events.append({"date": said or published, "kind": "claim", "text": text, **base, "start": start})
        mentions = [tuple(m) for m in json.loads(entity["mentions"])]
        for start, end, value in timexes.get(aid, []):
            if date_key(value) == "~":
                continue
            s, e = _sentence(body, start, end)
            if any(s <= m_start and m_end <= e for m_start, m_end in mentions):
                events.append({"date": value, "kind": "event", "text": body[s:e].strip(), **base, "start": start})
    return events
