"""Layouts for the two drawings, as plain numbers the templates turn into SVG.

* :func:`story_layout` — a story's lineage tree (``story_tree``) drawn left to right: each
  origin at the left, each repost or excerpt one column right of the article it came from, one
  row per article; tree edges solid with their relation and share, other shared-text links dashed.
* :func:`timeline_layout` — a person's quotes on a time axis: one dot at each quote's first
  appearance, a tick for every later appearance.

Nothing here is HTML but :func:`timeline_dots`, which writes a person's dots (hundreds for
someone quoted often) as one string rather than through the template's loop: every text in it
passes through ``markupsafe.escape``, as the templates' would.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from wiretrace.store.base import JSON
from wiretrace.store.timeline import date_key

__all__ = ["NODE_H", "NODE_W", "story_layout", "timeline_dots", "timeline_layout"]

NODE_W, NODE_H = 230, 46
_COL, _ROW, _PAD = 340, 62, 16
_TL_W, _TL_LANE, _TL_LANES = 880, 22, 5


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def story_layout(tree: JSON, *, max_nodes: int = 300) -> JSON:
    """Node boxes and edge paths of a story tree; ``drawn`` is False when it is too large to draw."""
    articles = tree["articles"]
    if len(articles) > max_nodes:
        return {"drawn": False, "nodes": [], "edges": [], "others": [], "width": 0, "height": 0}
    refs = {a["ref"] for a in articles}
    children: dict[str | None, list[JSON]] = defaultdict(list)
    for a in articles:
        children[a["parent"] if a["parent"] in refs else None].append(a)
    place: dict[str, JSON] = {}
    row = 0

    def walk(a: JSON, depth: int) -> None:
        nonlocal row
        if a["ref"] in place:
            return
        x, y = _PAD + depth * _COL, _PAD + row * _ROW
        row += 1
        place[a["ref"]] = {
            "ref": a["ref"],
            "x": x,
            "y": y,
            "outlet": _short(a.get("outlet") or "(no outlet)", 30),
            "date": a.get("published") or "undated",
            "headline": a.get("headline") or "",
            "label": _short(a.get("headline") or a["ref"], 34),
            "origin": a["parent"] is None,
            "here": a["ref"] == tree["ref"],
        }
        for child in children.get(a["ref"], []):
            walk(child, depth + 1)

    for root in children[None]:
        walk(root, 0)
    for a in articles:  # anything left (a cycle cut elsewhere) still gets a row
        walk(a, 0)

    def path(src: JSON, dst: JSON) -> str:
        x1, y1 = src["x"] + NODE_W, src["y"] + NODE_H / 2
        x2, y2 = dst["x"], dst["y"] + NODE_H / 2
        if x2 <= x1:  # not left to right (another link): go round on the right
            x2, y2 = dst["x"] + NODE_W, dst["y"] + NODE_H / 2
            bend = max(x1, x2) + 40
            return f"M{x1},{y1} C{bend},{y1} {bend},{y2} {x2},{y2}"
        mid = (x1 + x2) / 2
        return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"

    def edge(e: JSON, i: int, kind: str) -> JSON | None:
        src, dst = place.get(e["source"]), place.get(e["target"])
        if src is None or dst is None:
            return None
        return {
            "id": f"{kind}-{i}",
            "d": path(src, dst),
            "lx": dst["x"] - 44 if dst["x"] > src["x"] else src["x"] + NODE_W + 24,
            "ly": dst["y"] + NODE_H / 2 - 6 if dst["x"] > src["x"] else (src["y"] + dst["y"]) / 2 + NODE_H / 2,
            "label": f"{e['relation']} {e['score']:.0%}",
            "source": e["source"],
            "target": e["target"],
        }

    edges = [x for i, e in enumerate(tree["edges"]) if (x := edge(e, i, "pair")) is not None]
    others = [x for i, e in enumerate(tree["other_links"]) if (x := edge(e, i, "other")) is not None]
    depth = max((p["x"] for p in place.values()), default=0)
    return {
        "drawn": True,
        "nodes": list(place.values()),
        "edges": edges,
        "others": others,
        "width": depth + NODE_W + 2 * _PAD + 60,
        "height": row * _ROW + 2 * _PAD,
    }


@lru_cache(maxsize=65536)
def _day(value: str | None) -> int | None:
    key = date_key(value)
    if key == "~":
        return None
    parts = [int(p) for p in key.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1] or 1, parts[2] or 1).toordinal()
    except ValueError:
        return None


def timeline_layout(groups: list[JSON], *, per_page: int = 0, offset: int = 0) -> JSON:
    """Dots for a person's quote groups along a date axis (undated quotes are counted, not drawn).

    With ``per_page``, the groups are listed ``per_page`` at a time: a dot whose group is on the
    page shown (from ``offset``) links to it there, any other to the page that lists it."""
    dated: list[tuple[int, int, JSON]] = []
    for i, g in enumerate(groups):
        day = _day(g.get("date"))
        if day is not None:
            dated.append((i, day, g))
    if not dated:
        return {"drawn": False, "undated": len(groups)}
    days = [d for _, d, _ in dated] + [
        d for _, _, g in dated for a in g["appearances"][1:] if (d := _day(a.get("published"))) is not None
    ]
    lo, hi = min(days), max(days)
    span = max(hi - lo, 1)
    left, width = 40, _TL_W - 80

    def x(day: int) -> float:
        return round(left + (day - lo) / span * width, 1) if hi > lo else left + width / 2

    dots: list[dict[str, Any]] = []
    for n, (i, day, g) in enumerate(dated):
        y = 20 + (n % _TL_LANES) * _TL_LANE
        ticks = [x(d) for a in g["appearances"][1:] if (d := _day(a.get("published"))) is not None]
        page = "" if not per_page or offset <= i < offset + per_page else f"offset={i - i % per_page}"
        dots.append(
            {
                "index": i,
                "page": page,
                "x": x(day),
                "y": y,
                "ticks": ticks,
                "text": _short(g["text"], 80),
                "date": g["date"],
            }
        )
    axis_y = 20 + _TL_LANES * _TL_LANE
    marks = 5 if hi > lo else 1
    labelled = [lo + round(k * (hi - lo) / max(marks - 1, 1)) for k in range(marks)]
    return {
        "drawn": True,
        "width": _TL_W,
        "height": axis_y + 30,
        "axis_y": axis_y,
        "left": left,
        "right": left + width,
        "dots": dots,
        "axis": [{"x": x(t), "label": dt.date.fromordinal(t).isoformat()} for t in labelled],
        "undated": len(groups) - len(dated),
    }


def timeline_dots(chart: JSON, name: str, person: int) -> Markup:
    """The SVG of a timeline's dots: each links to its quote (``#quote-PERSON-INDEX``), on the page
    that lists it, with its date and words as the dot's title (read by screen readers too)."""
    if not chart.get("drawn"):
        return Markup("")
    asked = urlencode({"name": name})
    out: list[str] = []
    for d in chart["dots"]:
        page = f"?{asked}&{d['page']}" if d["page"] else ""
        href = escape(f"{page}#quote-{person}-{d['index']}")
        y = d["y"]
        ticks = "".join(f'<line x1="{t}" y1="{y - 6}" x2="{t}" y2="{y + 6}" class="tick"/>' for t in d["ticks"])
        out.append(
            f'<a href="{href}">{ticks}<circle cx="{d["x"]}" cy="{y}" r="6" class="dot">'
            f"<title>{escape(d['date'])}: {escape(d['text'])}</title></circle></a>"
        )
    return Markup("\n".join(out))
