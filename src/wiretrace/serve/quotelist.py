"""A person's quote groups as the list items of their page, written here rather than in the
template: a page lists up to 40 groups for each person a name matches, each with a link to
every article that carried it, and the template's attribute lookups, escapes and macro calls
took a quarter of the page's time (about 6 ms). The markup is the template's; every value is
escaped (:func:`markupsafe.escape`)."""

from __future__ import annotations

from markupsafe import Markup, escape

from wiretrace.serve.markup import marked
from wiretrace.store.base import JSON

__all__ = ["quote_items"]


def _where(row: JSON) -> str:
    """``macros.where``: the outlet, and the date when there is one."""
    outlet = escape(row["outlet"] or "no outlet")
    return f"{outlet}, <time>{escape(row['published'])}</time>" if row["published"] else str(outlet)


def _link(row: JSON, text: str) -> str:
    return f'<a href="{escape(marked(row["ref"], row["start"], row["end"]))}">{escape(text)}</a>'


def quote_items(groups: list[JSON], *, person: int, offset: int) -> Markup:
    """``<li>`` items for ``groups`` (a page's slice, listed from ``offset``): each quote's words,
    its first appearance (article, outlet, date, when it was said) and every article that
    carried it. Item ids (``quote-PERSON-INDEX``) are what the timeline's dots link to."""
    out: list[str] = []
    for n, g in enumerate(groups, start=offset):
        first = g["first"]
        marks = ("“", "”") if g["kind"] == "direct" else ("", "")
        said = f", said {escape(first['said'])}" if first["said"] else ""
        head = (
            f'<li id="quote-{person}-{n}" class="qgroup">\n'
            f'      <blockquote class="{escape(g["kind"])}">{marks[0]}{escape(g["text"])}{marks[1]}</blockquote>\n'
            f'      <p class="small">First: {_link(first, first["headline"] or first["ref"])}'
            f' <span class="muted">— {_where(first)}{said}</span>\n'
        )
        seen = g["appearances"]
        carried = ""
        if len(seen) > 1:
            links = ", ".join(
                _link(a, a["outlet"] or a["ref"])
                + (f' <span class="muted">{escape(a["published"])}</span>' if a["published"] else "")
                for a in seen
            )
            carried = f"      <br>Carried by {len(seen)} articles in {len(g['outlets'])} outlets: {links}"
        out.append(f"{head}{carried}</p>\n    </li>")
    return Markup("\n".join(out))
