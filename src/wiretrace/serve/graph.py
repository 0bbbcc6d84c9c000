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
from urllib.parse import urlencode

from markupsafe import Markup

from wiretrace.store.base import JSON
from wiretrace.store.timeline import date_key

__all__ = ["NODE_H", "NODE_W", "story_layout", "timeline_layout"]

NODE_W, NODE_H = 230, 46
_COL, _ROW, _PAD = 340, 62, 16
_TL_W, _TL_LANE, _TL_LANES = 880, 22, 5


def _short(text: str | None, width: int) -> str:
    whole = text or ""
    head = " ".join(whole[: 2 * width].split())  # a long quote's first words are enough
    if len(head) <= width and len(whole) <= 2 * width:
        return head
    return head[: width - 1].rstrip() + "…"


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


def _text(value: str) -> str:
    """``value`` escaped as :func:`markupsafe.escape` does, as a plain string (no Markup object
    made for each of a timeline's hundreds of dots)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&#34;").replace("'", "&#39;")


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


def timeline_layout(groups: list[JSON], *, name: str, person: int, per_page: int = 0, offset: int = 0) -> JSON:
    """A person's quote groups as dots along a date axis (undated quotes are counted, not drawn),
    with ``svg``: the dots themselves, one link each to its quote (``#quote-PERSON-INDEX``), its
    date and words as the dot's title (read by screen readers too), a tick for each later
    appearance. With ``per_page``, the groups are listed ``per_page`` at a time: a dot whose group is
    on the page shown (from ``offset``) links to it there, any other to the page that lists it
    (``name`` is what the page was asked for). One pass: a person may have hundreds of groups."""
    found = [_day(g.get("date")) for g in groups]
    dated = [i for i, d in enumerate(found) if d is not None]
    days = [d or 0 for d in found]  # read only at the dated indices
    if not dated:
        return {"drawn": False, "undated": len(groups)}
    later: dict[int, list[int]] = {}
    for i in dated:
        seen = groups[i]["appearances"]
        if len(seen) > 1:
            later[i] = [d for a in seen[1:] if (d := _day(a.get("published"))) is not None]
    every = [days[i] for i in dated] + [d for ds in later.values() for d in ds]
    lo, hi = min(every), max(every)
    left, width = 40, _TL_W - 80
    scale = width / max(hi - lo, 1)

    def x(day: int) -> float:
        return round(left + (day - lo) * scale, 1) if hi > lo else left + width / 2

    at = {day: x(day) for day in set(every)}  # each day's place, worked out once
    # Hundreds of dots: each is one f-string, with the page's part of its link escaped once.
    asked = _text(f"?{urlencode({'name': name})}&offset=")
    out: list[str] = []
    for n, i in enumerate(dated):
        g = groups[i]
        y = 20 + (n % _TL_LANES) * _TL_LANE
        page = "" if not per_page or offset <= i < offset + per_page else f"{asked}{i - i % per_page}"
        ticks = (
            "".join(f'<line x1="{at[d]}" y1="{y - 6}" x2="{at[d]}" y2="{y + 6}" class="tick"/>' for d in later[i])
            if i in later
            else ""
        )
        out.append(
            f'<a href="{page}#quote-{person}-{i}">{ticks}<circle cx="{at[days[i]]}" cy="{y}" r="6"'
            f' class="dot"><title>{_text(g["date"])}: {_text(_short(g["text"], 80))}</title></circle></a>'
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
        "svg": Markup("\n".join(out)),
        "axis": [{"x": x(t), "label": dt.date.fromordinal(t).isoformat()} for t in labelled],
        "undated": len(groups) - len(dated),
    }
