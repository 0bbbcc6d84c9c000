"""The ``text`` layout of each corpus command's rows: for a person reading a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

from wiretrace.cli.formats import bold_marks
from wiretrace.output.report import render_text
from wiretrace.store.codec import analysis_from_dict

__all__ = [
    "disputes_text",
    "quotes_text",
    "search_text",
    "show_csv_rows",
    "show_text",
    "speakers_text",
    "stats_text",
    "timeline_text",
]

Row = dict[str, Any]
_WIDTH = 100


def _where(row: Row) -> str:
    bits = [b for b in (row.get("outlet"), row.get("published")) if b]
    return f"{row.get('ref')} ({', '.join(bits)})" if bits else str(row.get("ref"))


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(" ".join(text.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent)


def search_text(rows: list[Row], color: bool) -> str:
    out = []
    for r in rows:
        who = f" {r['speaker']}" if r["kind"] == "quote" and r.get("speaker") else ""
        title = f" — {r['headline']}" if r.get("headline") else ""
        out.append(f"[{r['kind']}{who}] {_where(r)}{title}")
        out.append(bold_marks(_wrap(r["snippet"] or ""), color))
    return "\n".join(out)


def quotes_text(rows: list[Row], color: bool) -> str:
    out: list[str] = []
    person = None
    for r in rows:
        if r["person"] != person:
            person = r["person"]
            out.append(bold_marks(f"**{person}**", color) if out == [] else "\n" + bold_marks(f"**{person}**", color))
        said = f", said {r['said']}" if r.get("said") else ""
        form = f" [as {r['speaker']}]" if r["speaker"] != person else ""
        out.append(f"  {_where(r)}{said}{form}")
        out.append(_wrap(f"“{r['text']}”" if r["kind"] == "direct" else r["text"], "      "))
    return "\n".join(out)


def speakers_text(rows: list[Row], color: bool) -> str:
    width = max(len(r["person"]) for r in rows)
    return "\n".join(
        f"{r['person']:<{width}}  {r['quotes']:>4} quotes in {r['articles']} articles   ({r['forms']})" for r in rows
    )


def disputes_text(rows: list[Row], color: bool) -> str:
    out = []
    for r in rows:
        out.append(_where(r) + (f" — {r['headline']}" if r.get("headline") else ""))
        out.append(_wrap(f"claim   {r['claim_speaker'] or '?'}: {r['claim']}", "  "))
        cue = f" ({r['cue']})" if r.get("cue") else ""
        out.append(_wrap(f"counter {r['counter_speaker'] or '?'}{cue}: {r['counter']}", "  "))
        out.append("")
    return "\n".join(out)


def timeline_text(rows: list[Row], color: bool) -> str:
    out = []
    for r in rows:
        out.append(f"{r['date'] or 'undated':<10}  {r['kind']:<5}  {r['entity']} — {_where(r)}")
        out.append(_wrap(r["text"], "                   "))
    return "\n".join(out)


def stats_text(s: Row, color: bool) -> str:
    lines = [f"database     {s['database']} (schema {s['schema_version']}, {s['bytes'] / 1_000_000:.1f} MB)"]
    for key in (
        "articles",
        "refs",
        "versions",
        "stored_texts",
        "quotes",
        "speakers",
        "entities",
        "claims",
        "disputes",
        "timexes",
        "failures",
    ):
        lines.append(f"{key:<12} {s[key]}")
    stages = ", ".join(f"{k} " + "/".join(f"v{v}×{n}" for v, n in vs.items()) for k, vs in s["stages"].items())
    lines.append(f"stages       {stages or '-'}")
    if s["outlets"]:
        lines.append("outlets")
        lines += [f"  {o['articles']:>6}  {o['outlet']}" for o in s["outlets"]]
    if s["last_failures"]:
        lines.append("last failures")
        lines += [f"  {f['message']}" for f in s["last_failures"]]
    if s["runs"]:
        lines.append("runs")
        lines += [
            f"  #{r['id']} {r['started_at'][:19]} {r['status']}: {r['new']} new, {r['updated']} updated,"
            f" {r['unchanged']} unchanged, {r['failed']} failed — {r['command'][:60]}"
            for r in s["runs"]
        ]
    return "\n".join(lines)


def show_text(data: Row, color: bool) -> str:
    head = [f"refs: {', '.join(data.get('refs', []))}"]
    if len(data.get("history", [])) > 1:
        head.append(
            "history: "
            + "; ".join(f"v{h['version']} {h['seen_at'][:19]} {h['article_id'][:12]}" for h in data["history"])
        )
    report = render_text(analysis_from_dict(data), color=color)
    return "\n".join(head) + "\n" + report


def show_csv_rows(data: Row) -> Iterator[Row]:
    """One row per finding: quotes, claims, entities, timexes."""
    for q in data.get("quotes", []):
        yield {
            "kind": "quote",
            "id": q["id"],
            "start": q["start"],
            "end": q["end"],
            "text": q["text"],
            "speaker": (q.get("speaker") or {}).get("name"),
            "value": q["kind"],
        }
    for c in data.get("claims", []):
        yield {
            "kind": "claim",
            "id": c["id"],
            "start": c["start"],
            "end": c["end"],
            "text": c["text"],
            "speaker": (c.get("speaker") or {}).get("name"),
            "value": c.get("date"),
        }
    for e in data.get("entities", []):
        yield {
            "kind": "entity",
            "id": e["id"],
            "start": None,
            "end": None,
            "text": e["name"],
            "speaker": None,
            "value": e["type"],
        }
    for i, t in enumerate(data.get("timexes", []), 1):
        yield {
            "kind": "timex",
            "id": f"t{i}",
            "start": t["start"],
            "end": t["end"],
            "text": t["text"],
            "speaker": None,
            "value": t["value"],
        }
