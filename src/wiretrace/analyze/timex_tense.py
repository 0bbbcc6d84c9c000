"""Which way a date points: the tense of the words around an expression.

"said Tuesday" points back, "will meet Friday" forward. :func:`tense_near` reads the clause
before an expression (the nearest cue wins) and, when it holds no cue, the words after it.
No parser: a handful of compiled cue patterns, good enough to choose between last Friday and
next Friday.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Tense", "tense_near"]

Tense = Literal["past", "future"] | None

_FUTURE_RE = re.compile(
    r"\b(?=[abcdeghiknoprstuw'])"  # the cues' first letters: a cheap test before the alternatives
    r"(?:will|won't|wo\s+n't|shall|'ll|would|going\s+to|plans?\s+to|planned\s+to|planning(?:\s+to)?"
    r"|expects?\s+to|expected|is\s+to|are\s+to|scheduled|set\s+to|due\s+to|to\s+be\s+held|aims?\s+to"
    r"|intends?\s+to|hopes?\s+to|as\s+soon\s+as|as\s+early\s+as|upcoming|postponed|delayed|planned"
    r"|next|await(?:s|ing)?|starting|beginning|to\s+(?:meet|hold|visit|travel|leave|attend|vote|return"
    r"|begin|start|announce|decide|rule|open|sign|arrive|testify|appear|speak|discuss|consider|review"
    r"|hear|release|publish|resume)"
    # a scheduled event in the present tense: "the sale starts Saturday", "the law takes effect Monday"
    r"|starts|begins|opens|closes|ends|resumes|expires|convenes|takes\s+effect|takes\s+place|kicks\s+off"
    r"|(?<=talks\s)resume|(?<=talks\s)begin|(?<=talks\s)open)\b",
    re.IGNORECASE,
)
_PAST_RE = re.compile(
    r"\b(?:said|says|told|was|were|had|did|ago|(?<!\bto\s)(?<!\bwill\s)(?<!\bcould\s)last|since|earlier|previously"
    r"|(?<!\bbe\s)(?<!\bbeen\s)(?<!\bis\s)(?<!\bare\s)(?P<ed>[a-z]{3,}ed"
    # irregular past forms news uses most ("the conclave began Tuesday")
    r"|began|came|went|took|gave|made|met|held|won|lost|fell|rose|flew|spoke|ran|saw|found|got|sent"
    r"|spent|kept|brought|bought|thought|wrote|struck|led|fled|fought|sought|paid|became|broke|chose"
    r"|drew|drove|grew|knew|shot|stood|threw|swore|withdrew|sank|hung))\b",
)
# a modal that governs the participles after it: "will stay closed", "would be sold Friday"
_MODAL_RE = re.compile(r"\b(?:will|won't|shall|'ll|would|going\s+to|expects?\s+to|expected\s+to)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;\n]|``|''|[“”\"]")
# a sentence's end, not an abbreviation's ("Roe vs. Wade", "Birmingham, Ala., killed")
_SENTENCE_END = re.compile(r"(?<!\bvs)(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.!?;\n]|``|''|[“”\"]")
_WINDOW = 90
_FRONTED_WINDOW = 200


def _last_cue(window: str) -> tuple[int, Tense]:
    """The position and direction of the cue nearest the end of ``window``."""
    best: tuple[int, Tense] = (-1, None)
    for m in _FUTURE_RE.finditer(window):
        best = (m.end(), "future")
    modal = max((m.end() for m in _MODAL_RE.finditer(window)), default=-1)
    for m in _PAST_RE.finditer(window):
        if m.group("ed") and 0 <= modal < m.start() and "," not in window[modal : m.start()]:
            continue  # a participle under a modal: "will be debated Thursday and voted on Friday"
        if m.end() > best[0]:
            best = (m.end(), "past")
    return best


def _first_cue(window: str) -> Tense:
    """The direction of the cue nearest the start of ``window``."""
    future = _FUTURE_RE.search(window)
    past = _PAST_RE.search(window)
    if future and (not past or future.start() < past.start()):
        return "future"
    return "past" if past else None


def tense_near(text: str, start: int, end: int) -> Tense:
    """ "past", "future" or None for the expression at ``text[start:end]``."""
    before = text[max(0, start - _WINDOW) : start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    if cut:
        before = before[cut[-1] :]
    _, tense = _last_cue(before)
    if tense is not None:
        return tense
    after = text[end : end + _WINDOW]
    stop = _CLAUSE_END.search(after)
    if stop:
        after = after[: stop.start()]
    tense = _first_cue(after)
    if tense is None and text[end : end + 1] == ",":
        # a fronted adverbial: "In January, a week after the Roe vs. Wade anniversary, a bomb
        # killed a guard" takes the tense of its sentence's verb, further on
        longer = text[end : end + _FRONTED_WINDOW]
        stop = _SENTENCE_END.search(longer)
        tense = _first_cue(longer[: stop.start()] if stop else longer)
    return tense
