"""Which quoted stretches are speech: not a scare quote, a term or the title of a work."""

from __future__ import annotations

import re

from wiretrace.analyze.candidates import Attribution
from wiretrace.analyze.quotemarks import Quoted

__all__ = ["is_speech"]

_NOT_SPEECH_BEFORE = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|known(?: \w+){0,2} as|titled|entitled|headlined|labelled|labeled|"
    r"\b(?:a|an) [\w-]+ (?:called|named)(?: the)?|"
    r"the (?:term|word|words|phrase|slogan|motto|hashtag|name)|what [^,.;“”\"]{1,40} call(?:s|ed)?)\s*$",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(
    r"\b(?:book|report|film|movie|article|song|album|show|series|documentary|op-ed|column|essay|play|"
    r"novel|poem|podcast|program|programme|operation|headline|study|paper|memoir|exhibition)\b[^.;“”\"]{0,40}$",
    re.IGNORECASE,
)

# What stands before the name of a show or a work, not before words someone said: a possessive
# ("MSNBC's “Morning Joe”") or "told", "on", "in", "at" right before the mark.
_NAME_BEFORE = re.compile(r"(?:[\w.][’']s|\b(?:told|on|in|at))\s*$", re.IGNORECASE)


def is_speech(body: str, q: Quoted, att: Attribution | None) -> bool:
    """A scare quote, a term or a title is not speech."""
    text = q.span.text(body)
    words = len(text.split())
    before = body[max(0, q.outer.start - 60) : q.outer.start]
    if _NOT_SPEECH_BEFORE.search(before):
        return False
    if words <= 8 and _title_case(text) and (_TITLE_BEFORE.search(before) or _appositive(body, q)):
        return False  # a title: a book, “The Quiet Fleet,” or a report, “Harbors in a Warming Century,”
    if (
        words <= 6
        and _title_case(text)
        and (att is None or att.rule in {"sentence", "continuation"} or _NAME_BEFORE.search(before))
    ):
        return False  # a name: “Good Morning America”, “Keep the Promise”, told MSNBC's “Morning Joe”
    if att is None:
        return words > 2
    return True


def _appositive(body: str, q: Quoted) -> bool:
    """“Title,” set off by commas right after a noun: ", “The Quiet Fleet,” spoke"."""
    before = body[max(0, q.outer.start - 2) : q.outer.start]
    return before.endswith(", ") and body[q.span.end - 1 : q.span.end] == ","


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)
