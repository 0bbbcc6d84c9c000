"""An article body as HTML: quotes colored *and labelled* by speaker, entities and dates marked.

Every finding is a character span into the body; here the spans become elements. Spans nest
(a quote inside a block quote, a name inside a quote) but may also cross (an entity mention
that runs past the end of a quote): a crossing span is cut where its enclosing span ends and
goes on after it, so the HTML always nests. All text and attribute values are escaped here
(:func:`markupsafe.escape`): an article's own ``<script>`` is text on our page, never markup.

Each quote's first element is focusable (``tabindex=0``), carries a visible speaker label, and
holds a tooltip (speaker, cue, kind, confidence) that CSS shows on hover and on keyboard focus.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote_plus

from markupsafe import Markup, escape

__all__ = ["PALETTE_SIZE", "Ann", "anchor_of", "article_body", "marked", "nest", "speaker_colors"]

PALETTE_SIZE = 10  # speaker colors sp-0 … sp-9 in wiretrace.css; more speakers reuse them (the label differs)
_RANK = {"mark": 0, "quote": 1, "claim": 2, "entity": 3, "timex": 4}


@dataclass(frozen=True, slots=True, kw_only=True)
class Ann:
    """One span to mark: ``tag`` with ``attrs``; ``first`` is the attrs of its first piece only,
    ``lead`` escaped-ready HTML put just inside its first piece (a label, a tooltip)."""

    start: int
    end: int
    kind: str
    tag: str = "span"
    attrs: Mapping[str, str] = field(default_factory=dict)
    first: Mapping[str, str] = field(default_factory=dict)
    lead: Markup | None = None
    continued: bool = False


def anchor_of(text: str) -> str:
    """A stable element id for a claim's text, so other pages can link to where it is said."""
    return "s-" + hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def marked(ref: str, start: int, end: int) -> str:
    """The address of ``ref``'s page with ``start``–``end`` highlighted and scrolled to: what the
    ``urlencode`` filter gives, without its cost on a page of hundreds of links."""
    return f"/article?ref={quote_plus(ref, safe='')}&mark={start}-{end}#hl"


def _open(a: Ann) -> str:
    attrs = dict(a.attrs)
    if not a.continued:
        attrs.update(a.first)
    else:
        attrs["class"] = (attrs.get("class", "") + " cont").strip()
    inner = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{a.tag}{inner}>" + ("" if a.continued or a.lead is None else str(a.lead))


def nest(body: str, anns: Iterable[Ann]) -> Markup:
    """``body`` escaped, with each span of ``anns`` wrapped in its element, properly nested."""
    heap: list[tuple[int, int, int, int, Ann]] = []
    for i, a in enumerate(anns):
        start, end = max(0, a.start), min(len(body), a.end)
        if start < end:
            heapq.heappush(heap, (start, -end, _RANK.get(a.kind, 9), i, replace(a, start=start, end=end)))
    out: list[str] = []
    stack: list[tuple[Ann, int]] = []
    pos = 0
    counter = len(heap)
    while heap or stack:
        next_start = heap[0][0] if heap else len(body) + 1
        if stack and stack[-1][1] <= next_start:
            top, end = stack.pop()
            out.append(str(escape(body[pos:end])))
            out.append(f"</{top.tag}>")
            pos = end
            continue
        start, _, rank, _, a = heapq.heappop(heap)
        out.append(str(escape(body[pos:start])))
        pos = start
        end = a.end
        if stack and end > stack[-1][1]:  # crosses its enclosing span: cut here, go on after it
            cut = stack[-1][1]
            counter += 1
            heapq.heappush(heap, (cut, -end, rank, counter, replace(a, start=cut, continued=True)))
            end = cut
        out.append(_open(a))
        stack.append((a, end))
    out.append(str(escape(body[pos:])))
    return Markup("".join(out))


# --------------------------------------------------------------------------- an analysis


def speaker_colors(quotes: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Each speaker's color index, in order of first quote (unattributed quotes have none)."""
    colors: dict[str, int] = {}
    for q in sorted(quotes, key=lambda q: q["start"]):
        name = (q.get("speaker") or {}).get("name")
        if name and name not in colors:
            colors[name] = len(colors) % PALETTE_SIZE
    return colors


def _pct(value: Any) -> str:
    return f"{float(value):.0%}" if isinstance(value, int | float) else "unknown"


def _quote_anns(q: Mapping[str, Any], colors: Mapping[str, int]) -> list[Ann]:
    speaker = q.get("speaker") or {}
    name: str | None = speaker.get("name")
    color = f"sp-{colors[name]}" if name is not None and name in colors else "sp-none"
    label = name or "unattributed"
    cue = (q.get("cue") or {}).get("text")
    tip_id = f"tip-{q['id']}"
    tip = (
        Markup(
            '<span class="tip" role="tooltip" id="{}"><b>{}</b>{}<br>cue: {} · {} quote · quote confidence {}{}</span>'
        )
    ).format(
        tip_id,
        label,
        Markup(" — {}").format(speaker["description"]) if speaker.get("description") else "",
        f"“{cue}”" if cue else "none",
        q.get("kind", "?"),
        _pct(q.get("confidence")),
        Markup(" · speaker confidence {}").format(_pct(speaker.get("confidence"))) if name else "",
    )
    lead = Markup('<span class="who">{}</span>').format(label) + tip
    pieces = [f for f in q.get("fragments") or [] if f["end"] > f["start"]] or [{"start": q["start"], "end": q["end"]}]
    base = {"class": f"quote {color}", "data-quote": str(q["id"])}
    anns = []
    for i, f in enumerate(pieces):
        first = {"id": str(q["id"]), "tabindex": "0", "aria-describedby": tip_id} if i == 0 else {}
        anns.append(
            Ann(
                start=f["start"],
                end=f["end"],
                kind="quote",
                tag="mark",
                attrs=base,
                first=first,
                lead=lead if i == 0 else None,
            )
        )
    return anns


def article_body(data: Mapping[str, Any], *, highlight: tuple[int, int] | None = None) -> Markup:
    """The body of an analysis (the output contract) with every finding marked."""
    body: str = (data.get("article") or {}).get("body", "")
    colors = speaker_colors(data.get("quotes", []))
    anns: list[Ann] = []
    for q in data.get("quotes", []):
        anns += _quote_anns(q, colors)
    seen: set[str] = set()
    for c in data.get("claims", []):
        anchor = anchor_of(c["text"])
        first = {"id": anchor} if anchor not in seen else {}
        seen.add(anchor)
        anns.append(Ann(start=c["start"], end=c["end"], kind="claim", attrs={"class": "claim"}, first=first))
    for e in data.get("entities", []):
        title = f"{e['type']} · {e['name']}"
        for m in e.get("mentions", []):
            anns.append(
                Ann(
                    start=m["start"],
                    end=m["end"],
                    kind="entity",
                    attrs={"class": f"ent ent-{e['type'].lower()}", "title": title},
                )
            )
    for t in data.get("timexes", []):
        value = t["value"] + (f" – {t['end_value']}" if t.get("end_value") else "")
        anns.append(
            Ann(
                start=t["start"],
                end=t["end"],
                kind="timex",
                attrs={"class": "timex", "title": f"{t['type']} · {value}"},
            )
        )
    if highlight is not None:
        anns.append(
            Ann(
                start=highlight[0],
                end=highlight[1],
                kind="mark",
                attrs={"class": "hl"},
                first={"id": "hl", "tabindex": "-1"},
            )
        )
    return nest(body, anns)
