"""Which date an event names: "in the weeks before the shooting" → when the shooting was.

TimeML anchors "the days before the vote" at the vote. A story gives the date of its main
events once ("the Oct. 23 shooting", "was killed last fall") and later refers back to them
with a word of the same kind ("the slaying", "before he was shot"). :func:`event_date` reads
the words of the event after an expression and finds the earlier date that its sentence ties
closest to an event of that kind; :func:`event_day` does the same for a clock time whose own
sentence tells of the event ("was shot to death at 10 p.m."). No parser: a small table of
event kinds news repeats under different words, and a crude stem for the rest ("the
hearing" ↔ "heard" does not match, "the ruling" ↔ "ruled" does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["Dated", "event_date", "event_day", "event_keys"]

Dated = tuple[int, int, str]  # an earlier timex: start, end, value

# words news uses in turn for one event: "shooting", "slaying", "was killed", "death"
_KINDS: dict[str, str] = {
    **dict.fromkeys(
        "kill killed killing killings slay slain slaying slayings murder murdered murders shooting shootings "
        "shot gunned assassination assassinated homicide death deaths died".split(),
        "kill",
    ),
    **dict.fromkeys(
        "attack attacks attacked bombing bombings bomb bombs bombed blast blasts explosion explosions exploded".split(),
        "attack",
    ),
    **dict.fromkeys("vote votes voted voting election elections ballot referendum polls".split(), "vote"),
    **dict.fromkeys("arrest arrests arrested detention detained capture captured".split(), "arrest"),
    **dict.fromkeys("crash crashes crashed collision collided".split(), "crash"),
    **dict.fromkeys("fire fires blaze burned burning".split(), "fire"),
    **dict.fromkeys("storm hurricane flood floods flooding earthquake quake".split(), "storm"),
    **dict.fromkeys("collapse collapsed collapsing".split(), "collapse"),
    **dict.fromkeys("strike strikes walkout".split(), "strike"),
    **dict.fromkeys("protest protests protested rally rallies".split(), "protest"),
    **dict.fromkeys("trial verdict convicted".split(), "trial"),
    **dict.fromkeys("war invasion invaded coup raid".split(), "war"),
    # events news names with a short noun of their own
    **{word: word for word in "summit talks visit deal merger launch debate ceremony funeral wedding".split()},
}
# the endings of words that name an event: "the hearing", "the election", "the agreement"
_EVENT_NOUN_RE = re.compile(r"(?:ing|ion|ment|ure|al)s?$")
# words that say nothing about which event: auxiliaries, pronouns, reporting verbs, time words
_STOP = frozenset(
    "the a an his her its their our my your this that these those he she it they we who which what was were "
    "is are be been being had has have did does do will would could should may might can said says told "
    "with from into onto about than then there here when while where after before during since until "
    "also just only very more most some any all other such first last next same and but for not "
    "day days week weeks month months year years time times morning night evening afternoon".split()
)
_WORD_RE = re.compile(r"[A-Za-z]+")
_SUFFIX_RE = re.compile(r"(?:ings|ing|ions|ion|ed|es|s)$")
_CLAUSE_END_RE = re.compile(r"[,.;:!?()]|``|''|\s_\s|\s--?\s")
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\s\"”']|\n")
_EVENT_VALUE_RE = re.compile(r"^(\d{4})-(\d\d|SP|SU|FA|WI)")
_DAY_VALUE_RE = re.compile(r"^\d{4}-\d\d-\d\d")
_AWAY_RE = re.compile(r"\b(?:before|after|since|until|ago|earlier|later|prior)\b", re.IGNORECASE)
_REACH = 80  # how far from its date a sentence may name the event


def _key(word: str) -> str | None:
    lower = word.lower()
    if lower in _KINDS:
        return _KINDS[lower]
    if lower in _STOP or len(lower) < 4 or word[0].isupper():
        return None  # names tie a sentence to a person, not to one event
    stem = _SUFFIX_RE.sub("", lower).removesuffix("e")  # "collapsed", "collapse" → "collaps"
    return stem if len(stem) >= 3 else None


def event_keys(phrase: str) -> frozenset[str]:
    """The kinds and stems of the words that name an event in a phrase, up to its clause's
    end: "the shooting, he said" → {"kill"}; "the board's ruling" → {"rul"}; "the port hosts
    a forum" → {} (neither "port" nor "hosts" says which event it is)."""
    stop = _CLAUSE_END_RE.search(phrase)
    words = _WORD_RE.findall(phrase[: stop.start()] if stop else phrase)[:6]
    return frozenset(
        key
        for word in words
        if (key := _key(word)) is not None and (word.lower() in _KINDS or _EVENT_NOUN_RE.search(word.lower()))
    )


def _distance_to_event(text: str, start: int, end: int, keys: frozenset[str], stop: int) -> int | None:
    """How far from ``text[start:end]`` the nearest word of one of ``keys`` is, in its own
    sentence (at most :data:`_REACH` characters each way, and not past ``stop``)."""
    lo, hi = max(0, start - _REACH), min(stop, end + _REACH)
    breaks = [m.end() for m in _SENTENCE_BREAK_RE.finditer(text, lo, start)]
    lo = breaks[-1] if breaks else lo
    after = _SENTENCE_BREAK_RE.search(text, end, hi)
    hi = after.start() if after else hi
    best: int | None = None
    for m in _WORD_RE.finditer(text, lo, hi):
        if (m.end() <= start or m.start() >= end) and _key(m.group()) in keys:
            gap = start - m.end() if m.end() <= start else m.start() - end
            best = gap if best is None else min(best, gap)
    return best


def event_date(text: str, phrase_start: int, dated: Sequence[Dated]) -> str | None:
    """The value of the date in ``dated`` that an earlier sentence ties closest to an event of
    the kind named at ``text[phrase_start:]`` ("the Oct. 23 slaying" for "before the
    shooting"), the latest on a tie: a day ("2023-10-23"), month or season value."""
    keys = event_keys(text[phrase_start : phrase_start + 80])
    return event_date_for(text, keys, dated, phrase_start) if keys else None


def event_date_for(text: str, keys: frozenset[str], dated: Sequence[Dated], stop: int) -> str | None:
    """The value of the date in ``dated`` that its sentence (read up to ``stop``) ties closest
    to a word of one of ``keys``, the latest on a tie; None when no sentence names one."""
    best: tuple[int, str] | None = None
    for start, end, value in dated:
        if not _EVENT_VALUE_RE.match(value):
            continue
        gap = _distance_to_event(text, start, end, keys, stop)
        if gap is not None and (best is None or gap <= best[0]):
            best = (gap, value)
    return best[1] if best else None


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, at most :data:`_REACH` characters each way;
    on each side only up to a signal that moves away from the expression ("at 6 a.m. ten days
    before the shooting" does not tell of the shooting's day)."""
    lo, hi = max(0, start - _REACH), min(len(text), end + _REACH)
    breaks = [m.end() for m in _SENTENCE_BREAK_RE.finditer(text, lo, start)]
    lo = breaks[-1] if breaks else lo
    after = _SENTENCE_BREAK_RE.search(text, end, hi)
    hi = after.start() if after else hi
    back = [m.end() for m in _AWAY_RE.finditer(text, lo, start)]
    ahead = _AWAY_RE.search(text, end, hi)
    return text[back[-1] if back else lo : start] + " " + text[end : ahead.start() if ahead else hi]


def event_day(text: str, start: int, end: int, dated: Sequence[Dated]) -> str | None:
    """The day of a clock time with no day of its own, when its sentence names an event of a
    kind an earlier sentence dated ("was shot to death at 10 p.m." after "the Oct. 23
    shooting"): "2023-10-23", else None. Only the kinds of :data:`_KINDS` count, not stems."""
    words = _WORD_RE.findall(_sentence(text, start, end))
    kinds = frozenset(_KINDS[w.lower()] for w in words if w.lower() in _KINDS)
    if not kinds:
        return None
    days = [item for item in dated if _DAY_VALUE_RE.match(item[2])]
    found = event_date_for(text, kinds, days, start)
    return found[:10] if found else None
