"""The ``text`` format: one analysis laid out for a person to read.

Provenance first (outlet, headline, authors, date and where it came from, republication),
then quotes grouped by speaker, disputes, a dated timeline, entities and problems. The
text is plain; ``color=True`` only makes the section headings bold (the CLI asks for it
on a terminal), so piped output carries no escape codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from wiretrace.model import Analysis, Article, Claim, PublishedSource, Quote, Span, Speaker, Timex

__all__ = ["excerpt", "render_text", "sentence_around"]

EXCERPT_CHARS = 100
CONTEXT_CHARS = 160
_CALENDAR = re.compile(r"^\d{4}")  # TIMEX3 values that name a point in the calendar
_DATE_FROM = {
    PublishedSource.ARTICLE: "from a date line in the article",
    PublishedSource.METADATA: "from the page's metadata",
    PublishedSource.GIVEN: "given with the input",
    PublishedSource.INFERRED: "inferred from the article's own dates",
    PublishedSource.NONE: "",
}


def render_text(a: Analysis, *, color: bool = False) -> str:
    """The whole report for one analysis, ending with a newline."""

    def heading(title: str) -> str:
        return f"\x1b[1m{title}\x1b[0m" if color else title

    lines = [heading(f"{a.input}  ({a.id})")]
    lines += _provenance(a.article)
    for title, section in (
        ("QUOTES", _quotes(a)),
        ("DISPUTES", _disputes(a)),
        ("TIMELINE", _timeline(a)),
        ("ENTITIES", _entities(a)),
        ("PROBLEMS", [f"  {p.stage}: {p.message}" for p in a.problems]),
    ):
        if section:
            lines += ["", heading(f"{title} ({_count(title, a)})"), *section]
    return "\n".join(lines) + "\n"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


# --------------------------------------------------------------------------- sections


def _count(title: str, a: Analysis) -> int:
    return {
        "QUOTES": len(a.quotes),
        "DISPUTES": len(a.disputes),
        "TIMELINE": len(_timeline_entries(a)),
        "ENTITIES": len(a.entities),
        "PROBLEMS": len(a.problems),
    }[title]


def _provenance(art: Article | None) -> list[str]:
    if art is None:
        return ["  (the article could not be read; see PROBLEMS)"]
    rows = [
        ("Outlet", art.outlet),
        ("Headline", art.headline),
        ("Authors", ", ".join(art.authors) or None),
        ("Published", _published(art)),
        ("Republished from", _credit(art)),
        ("URL", art.url),
        ("Tags", ", ".join(art.tags) or None),
    ]
    lines = [f"  {label + ':':<18}{value}" for label, value in rows if value]
    lines.append(f"  {'Body:':<18}{len(art.body):,} characters")
    return lines


def _published(art: Article) -> str:
    if art.published is None:
        return "unknown"
    where = _DATE_FROM[art.published_source]
    return f"{art.published.isoformat()} ({where})" if where else art.published.isoformat()


def _credit(art: Article) -> str | None:
    src = art.source
    if src is None:
        return None
    parts = [src.outlet or "an unnamed source"]
    if src.title:
        parts.append(f"“{src.title}”")
    if src.url:
        parts.append(f"<{src.url}>")
    return " — ".join(parts[:2]) + (f" {parts[2]}" if len(parts) > 2 else "")


def _speaker_label(s: Speaker | None) -> str:
    if s is None:
        return "(no speaker found)"
    return f"{s.name}, {s.description}" if s.description and s.description != s.name else s.name


def _quotes(a: Analysis) -> list[str]:
    groups: dict[str, list[Quote]] = {}
    labels: dict[str, str] = {}
    for q in sorted(a.quotes, key=lambda q: q.span):
        key = (q.speaker.entity or q.speaker.name) if q.speaker is not None else ""
        groups.setdefault(key, []).append(q)
        labels.setdefault(key, _speaker_label(q.speaker))
    lines: list[str] = []
    for key, quotes in sorted(groups.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0])):
        lines.append(f"  {labels[key]} — {len(quotes)} quote{'s' if len(quotes) != 1 else ''}")
        for q in quotes:
            cue = f"  (cue: {q.cue.text})" if q.cue is not None else ""
            lines.append(f"    [{q.kind.value}] {excerpt(q.text)}{cue}")
    return lines


def _disputes(a: Analysis) -> list[str]:
    claims = {c.id: c for c in a.claims}
    lines: list[str] = []
    for d in a.disputes:
        claim, counter = claims.get(d.claim), claims.get(d.counter)
        cue = f"  (cue: {d.cue.text})" if d.cue is not None else ""
        lines.append(f"  {_claim_line(claim, d.claim)}")
        lines.append(f"    ⟷ {_claim_line(counter, d.counter)}{cue}")
    return lines


def _claim_line(claim: Claim | None, claim_id: str) -> str:
    if claim is None:
        return f"(claim {claim_id} not found)"
    negated = " [negated]" if claim.negated else ""
    return f"{_speaker_label(claim.speaker)}: {excerpt(claim.text, 80)}{negated}"


def _timeline(a: Analysis) -> list[str]:
    lines = [line for _, _, line in sorted(_timeline_entries(a))]
    others = [t for t in a.timexes if not _CALENDAR.match(t.value)]
    if others:
        lines.append("  also: " + "; ".join(_other(t) for t in _first_of_each(others)))
    return lines


def _timeline_entries(a: Analysis) -> list[tuple[str, int, str]]:
    entries: list[tuple[str, int, str]] = []
    for t in a.timexes:
        if _CALENDAR.match(t.value):
            when = f"{t.value}..{t.end_value}" if t.end_value else t.value
            context = excerpt(sentence_around(a, t.span), CONTEXT_CHARS)
            entries.append((t.value, t.span.start, f"  {when:<23} “{t.text}” — {context}"))
    for c in a.claims:
        if c.date:
            what = f"{_speaker_label(c.speaker)}: {excerpt(c.text, 80)}"
            entries.append((c.date, c.span.start, f"  {c.date:<23} said — {what}"))
    return entries


def _other(t: Timex) -> str:
    return f"“{excerpt(t.text, 40)}” ({t.value})"


def _first_of_each(timexes: Iterable[Timex]) -> Iterator[Timex]:
    seen: set[tuple[str, str]] = set()
    for t in timexes:
        key = (t.text.lower(), t.value)
        if key not in seen:
            seen.add(key)
            yield t


def _entities(a: Analysis) -> list[str]:
    lines = []
    for e in sorted(a.entities, key=lambda e: (-len(e.mentions), e.name)):
        line = f"  {e.name}  {e.type.value}  {len(e.mentions)} mention{'s' if len(e.mentions) != 1 else ''}"
        aliases = [x for x in e.aliases if x != e.name]
        if aliases:
            line += f"  aka {', '.join(aliases)}"
        if e.descriptions:
            line += f"  — {'; '.join(e.descriptions[:2])}"
        lines.append(line)
    return lines


def sentence_around(a: Analysis, span: Span) -> str:
    """The sentence holding ``span``: from the parse when there is one, else by punctuation."""
    body = a.body
    if a.parse is not None:
        token = a.parse.token_at(span.start)
        sentence = a.parse.sentence_of(token) if token is not None else None
        if sentence is not None:
            return sentence.span.text(body)
    start = max(body.rfind("\n", 0, span.start), _last_stop(body, span.start)) + 1
    ends = [i for i in (body.find("\n", span.end), _next_stop(body, span.end)) if i != -1]
    end = min(ends) if ends else len(body)
    return body[start:end].strip()


def _last_stop(body: str, before: int) -> int:
    found = [m.end() - 1 for m in re.finditer(r"[.!?][”\"’']?\s", body[max(0, before - 400) : before])]
    return (max(0, before - 400) + found[-1]) if found else -1


def _next_stop(body: str, after: int) -> int:
    m = re.compile(r"[.!?][”\"’']?(?=\s|$)").search(body, after)
    return m.end() if m else -1
