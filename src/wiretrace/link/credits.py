"""What an article says it came from, and which article of a linked pair is the original.

Credits come from the extracted ``source`` (outlet, URL) and from credit lines in the body:
"Source: X – title", "first appeared in X", "Originally published by X", "Read the full
story at X: URL", "Reposted from X", "via X", and any URL in the body. Outlets compare by
:func:`outlet_key` ("The Northfield Ledger" and "Northfield Ledger" are one), URLs by
:func:`url_key` (no scheme, ``www.``, query or trailing slash).

:func:`direction` decides, in order: an explicit credit of one by the other; an earlier
publication date; a copy marker in one's first lines ("Reposted by", "shared by", "via");
containment (the copy is the side whose text is most shared); and last the order the
store saw them in. The evidence for the choice comes with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

__all__ = ["Meta", "credits_in", "direction", "outlet_key", "says_copy", "url_key"]

_CUE = (
    r"(?:sources?|via|credit|h/t|courtesy of|reposted from|republished from|reprinted from|adapted from"
    r"|(?:this (?:story|article|report) )?(?:was )?(?:first|originally) (?:appeared|published|ran|posted)"
    r"(?: (?:in|on|at|by))?"
    r"|read (?:the |this )?(?:full|original|whole|complete|rest of the) (?:story|article|report|piece)"
    r"(?: (?:at|on|in))?|more (?:at|from))"
)
_CREDIT = re.compile(
    rf"(?:^|[\s(\[])(?:{_CUE})\s*[:\-–—]?\s*(?P<name>[^\n:–—|()\[\]]{{2,80}}?)"
    r"(?=\s*(?:[:–—|(\[]|\s-\s|\.(?:\s|$)|,|;|!|$)|\s+(?:and|under|with|on|in|at|by)\s)",
    re.IGNORECASE | re.MULTILINE,
)
_MARKER = re.compile(
    r"\b(?:reposted|republished|reprinted|syndicated|shared|cross-posted)\b|^posted by\b|\bvia\b",
    re.IGNORECASE | re.MULTILINE,
)
_MARKER_WORDS = ("reposted", "republished", "reprinted", "syndicated", "shared", "cross-posted", "posted by", "via")
_URL = re.compile(r"https?://[^\s<>\"'”)\]]+")
_THE = re.compile(r"^(?:the|a)\s+", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def outlet_key(name: str | None) -> str:
    if not name:
        return ""
    return _NON_ALNUM.sub("", _THE.sub("", name.strip())).lower()


def url_key(url: str | None) -> str:
    if not url:
        return ""
    key = re.sub(r"^[a-z]+://", "", url.strip().lower())
    key = key.removeprefix("www.")
    key = key.split("#", 1)[0].split("?", 1)[0]
    return key.rstrip("/.,;")


_CUE_WORDS = (
    "source",
    "via",
    "credit",
    "h/t",
    "courtesy",
    "reposted",
    "republished",
    "reprinted",
    "adapted",
    "this",
    "was",
    "first",
    "originally",
    "read",
    "more",
)  # every cue of _CREDIT starts with one of these


def _credit_lines(part: str) -> Iterator[re.Match[str]]:
    """``_CREDIT.finditer(part)``, faster: the regex is tried only where a cue word starts (found
    with ``str.find``), in order, never overlapping a match before it — so the same matches."""
    low = part.lower()
    if len(low) != len(part):  # a character whose lower case is longer: offsets would shift
        yield from _CREDIT.finditer(part)
        return
    starts = set()
    for word in _CUE_WORDS:
        at = low.find(word)
        while at >= 0:
            if at == 0:
                starts.add(0)
            elif part[at - 1].isspace() or part[at - 1] in "([":
                starts.add(at - 1)  # the character before the cue is part of the match
            at = low.find(word, at + 1)
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        m = _CREDIT.match(part, start)
        if m is not None:
            yield m
            end = m.end()


def credits_in(body: str, source_outlet: str | None = None, source_url: str | None = None) -> frozenset[str]:
    """Every outlet key and URL key the article credits (``url:`` keys for addresses)."""
    found = {outlet_key(source_outlet)} if source_outlet else set()
    if source_url:
        found.add("url:" + url_key(source_url))
    tail = body[-1500:] if len(body) > 3000 else body  # credit lines sit in the first or last lines
    head = body[:1500] if len(body) > 3000 else ""
    for part in (head, tail):
        for m in _credit_lines(part):
            name = m.group("name").strip()
            if name.lower().startswith("http"):
                continue
            found.add(outlet_key(name))
        for u in _URL.findall(part):
            found.add("url:" + url_key(u))
    found.discard("")
    found.discard("url:")
    return frozenset(found)


def says_copy(body: str) -> bool:
    """Whether the first lines mark the article as a copy ("Reposted by …", "shared by …")."""
    head = body[:300]
    low = head.lower()
    if head.isascii() and not any(word in low for word in _MARKER_WORDS):
        return False  # the regex cannot match without one of its words
    return _MARKER.search(head) is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """What direction needs to know about one article."""

    n: int
    outlet: str | None
    url: str | None
    published: str | None  # YYYY-MM-DD
    credits: Callable[[], frozenset[str]]  # read lazily: most articles never need theirs
    copy_marked: bool = False  # its first lines say it is a repost
    outlet_key: str = field(init=False, default="")  # outlet_key(outlet), computed once
    url_key: str = field(init=False, default="")  # "url:" + url_key(url), or "" without a URL

    def __post_init__(self) -> None:
        object.__setattr__(self, "outlet_key", outlet_key(self.outlet))
        object.__setattr__(self, "url_key", "url:" + url_key(self.url) if self.url else "")

    def credits_other(self, other: Meta) -> bool:
        credits = self.credits()
        if not credits:
            return False
        if other.url_key and other.url_key in credits:
            return True
        key = other.outlet_key
        return bool(key) and key != self.outlet_key and key in credits


def direction(a: Meta, b: Meta, cov_a: float, cov_b: float) -> tuple[Meta, Meta, str, str]:
    """``(source, target, rule, evidence)`` for a pair that shares text; ``cov_*`` is each side's shared share."""
    a_credits_b, b_credits_a = a.credits_other(b), b.credits_other(a)
    if b_credits_a != a_credits_b:
        src, dst = (a, b) if b_credits_a else (b, a)
        return src, dst, "credit", f"{_name(dst)} credits {_name(src)}"
    if a.published and b.published and a.published != b.published:
        src, dst = (a, b) if a.published < b.published else (b, a)
        return src, dst, "date", f"published {src.published}, before {dst.published}"
    if a.copy_marked != b.copy_marked:
        src, dst = (b, a) if a.copy_marked else (a, b)
        return src, dst, "marker", f"{_name(dst)} says it is a repost in its first lines"
    if abs(cov_a - cov_b) >= 0.1:
        src, dst = (a, b) if cov_a < cov_b else (b, a)
        big, small = max(cov_a, cov_b), min(cov_a, cov_b)
        return src, dst, "containment", f"{big:.0%} of the copy is shared, {small:.0%} of the original"
    src, dst = (a, b) if a.n < b.n else (b, a)
    return src, dst, "order", "no credit, date or containment tells them apart: the one stored first"


def _name(m: Meta) -> str:
    return m.outlet or m.url or f"article {m.n}"
