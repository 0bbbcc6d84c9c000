"""False-positive guards for the temporal-expression rules in :mod:`timex_patterns`.

A guard sees the whole text and one regex match and says whether the match is a temporal
expression: "May" the modal, "2000 troops", "six-year-old", "a second betrayal" are not.
"""

from __future__ import annotations

import re

__all__ = [
    "ago_guard",
    "bare_month_guard",
    "bare_units_guard",
    "duration_guard",
    "may_guard",
    "noon_guard",
    "now_guard",
    "rel_unit_guard",
    "season_guard",
    "time_digits_guard",
    "year_guard",
    "year_range_guard",
]


_WORD_RE = re.compile(r"[A-Za-z'’]+|\d+|\S")
_TRIGGERS = frozenset(
    "in since by from until till before after during of between and or to through early late mid "
    "last next this that the each every until circa around on into throughout".split()
)
_DETERMINERS = frozenset("the a an his her its their our my your this that these those 's".split())
_COUNT_NOUNS = frozenset(
    "people troops soldiers men women children dollars euros pounds yen miles kilometers km meters "
    "feet tons votes cases deaths students workers members police officers copies units homes jobs "
    "barrels acres pages words employees points calories degrees rounds shares".split()
)
_FOLLOW_OK = frozenset(
    "and or to through the a an when that which who with as at in on of for by from after before "
    "until but is was were are had has have he she they it we i his her its their this these while "
    "because if so than then there where during since".split()
)
_NUMBER_PREFIX = frozenset(
    "about some nearly approximately than over under only just almost least around roughly no".split()
)


def _prev_words(text: str, pos: int, n: int = 2) -> list[str]:
    """The last ``n`` words (punctuation counts as a word) before ``pos``, lower-cased."""
    return [w.lower() for w in _WORD_RE.findall(text[max(0, pos - 40) : pos])[-n:]]


def _next_words(text: str, pos: int, n: int = 2) -> list[str]:
    """The first ``n`` words (punctuation counts) after ``pos``, as written."""
    return _WORD_RE.findall(text[pos : pos + 40])[:n]


def year_guard(text: str, m: re.Match[str]) -> bool:
    """A four-digit number is a year unless it counts things or names a code."""
    year = int(m.group("year"))
    if m.group("mod") or m.group("pre"):
        return True
    before = _prev_words(text, m.start("year"), 2)
    prev = before[-1] if before else ""
    after = _next_words(text, m.end("year"), 2)
    nxt = after[0] if after else ""
    if nxt.lower() in _COUNT_NOUNS or nxt in {"%", "GMT", "UTC", "hours", "hrs", "percent"}:
        return False
    if prev in _NUMBER_PREFIX or prev in {"$", "#", "no", "number", "nos"}:
        # "since at least 2022" is a year; "at least 2000 troops" is not
        return before == ["at", "least"] and _prev_words(text, m.start("year"), 3)[0] in _TRIGGERS
    if year < 1900 or year > 2100:
        return prev in _TRIGGERS or prev in _DETERMINERS
    prev_raw = _WORD_RE.findall(text[max(0, m.start("year") - 40) : m.start("year")])[-1:]
    if prev_raw and prev_raw[0][:1].isupper() and prev not in _TRIGGERS and prev not in _DETERMINERS:
        return _sentence_start(text, m.start("year") - len(prev_raw[0]) - 1)
    if nxt[:1].islower() and nxt.isalpha() and nxt not in _FOLLOW_OK:
        return prev in _DETERMINERS or prev in _TRIGGERS or prev in {",", "(", "’s", "'s"}
    return True


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` is at the start of a sentence or line."""
    before = text[max(0, pos - 3) : max(0, pos)].rstrip(" ")
    return not before or before[-1] in ".!?\n\"“'`"


def bare_month_guard(text: str, m: re.Match[str]) -> bool:
    """A lone month name: "May" and "March" need a temporal preposition or to modify a noun
    ("the March accession"); names are refused."""
    if m.group("mod") or m.group("rel"):
        return True
    word = m.group("mon")
    before = _prev_words(text, m.start("mon"), 1)
    prev = before[0] if before else ""
    if prev in _TRIGGERS - {"the", "and", "or", "to"}:
        return True
    if _prev_words(text, m.start("mon"), 2) in (["early", "as"], ["late", "as"], ["soon", "as"]):
        return True  # "as early as May"
    after = _next_words(text, m.end("mon"), 1)
    nxt = after[0] if after else ""
    if prev == "the" and nxt.isalpha() and nxt.islower() and nxt not in _FOLLOW_OK:
        return True  # a month as a modifier: "the October slaying", "The March accession"
    if word.lower() in {"may", "march"}:
        return False
    if prev in {"the", "a"} or nxt.lower() in {"of", "for"}:
        return False
    if nxt[:1].isupper() and nxt.isalpha():
        return False
    if before and before[0][:1].isalpha():
        prev_raw = _WORD_RE.findall(text[max(0, m.start("mon") - 30) : m.start("mon")])[-1]
        return not (prev_raw[:1].isupper() and not _sentence_start(text, m.start("mon") - len(prev_raw) - 1))
    return True


def may_guard(text: str, m: re.Match[str]) -> bool:
    """ "May 5" is a date, but "May 10 people" is not: refuse a count noun after the day."""
    after = _next_words(text, m.end(), 1)
    return not (after and after[0].lower() in _COUNT_NOUNS)


def year_range_guard(text: str, m: re.Match[str]) -> bool:
    """ "2001 and 2003" is a range only after "between"; the second year must come later."""
    first, second = m.group("year"), m.group("year2")
    end = int(second) if len(second) == 4 else int(first[:2] + second)
    if end <= int(first):
        return False
    joiner = text[m.end("year") : m.start("year2")].strip().lower()
    if joiner in {"and", "or"}:
        return bool(m.group("from")) and m.group("from").lower() == "between"
    return True


def season_guard(text: str, m: re.Match[str]) -> bool:
    """A bare "fall" or "spring" is a season only after "the", "this", "in", "during"…"""
    if m.group("rel") or m.group("year"):
        return True
    before = _prev_words(text, m.start("season"), 1)
    after = _next_words(text, m.end("season"), 1)
    if after and after[0].lower() in {"of", "for"}:
        return False
    return bool(before) and before[0] in {"the", "this", "in", "during", "until", "by", "since", "all"}


def ago_guard(text: str, m: re.Match[str]) -> bool:
    """ "ten days before the vote" is a duration, not a date: before/after must end the phrase."""
    direction = m.group("dir").lower()
    if m.group("unit").lower() in {"second", "minute", "hour"} and direction not in {"ago", "hence"}:
        return False  # "an hour later": a duration and a signal
    if direction not in {"before", "after"}:
        return True
    after = _next_words(text, m.end(), 1)
    return not after or after[0] in {",", ".", ";", ")", "'", "”", '"', "-"}


def duration_guard(text: str, m: re.Match[str]) -> bool:
    """Refuse ages ("six-year-old", "44 years old") and a lone "a"/"an" used as an article."""
    after = text[m.end() : m.end() + 6].lower()
    if (m.group("adj") or "").endswith("old") or after.startswith((" old", "-old", "-olds")):
        return False
    num = m.group("num").strip().lower()
    if num in {"a", "an"} and m.group("unit").lower() == "second":
        return False  # "a second betrayal"
    if num in {"a", "an", "one"} and not (m.group("approx") or m.group("rel")):
        return not text[m.end() : m.end() + 2].startswith(("'s", "’s"))
    return True


def bare_units_guard(text: str, m: re.Match[str]) -> bool:
    """Plural units alone ("for years") — not "working hours", "the early hours of", "minutes apart"."""
    if text[m.end() : m.end() + 4] in {"-old", " old"} or text[m.end() : m.end() + 6] == " apart":
        return False
    if m.group("rel"):
        return True
    before = _prev_words(text, m.start("unit"), 1)
    return not (before and before[0] in _NOT_SPANS)


# words that make a plural unit a name or a part of a day, not an amount of time
_NOT_SPANS = frozenset("working office business opening visiting early small wee".split())


def now_guard(text: str, m: re.Match[str]) -> bool:
    """ "now" is not a time in "now that" (a conjunction), "from now" (part of a span) or a
    sentence-opening "Now" (a discourse marker: "Now the alliance's mission is ill-defined")."""
    if m.group("word").lower() not in {"now", "current"}:
        return True
    if m.group("word") == "Now" and _sentence_start(text, m.start("word")):
        return False
    after = _next_words(text, m.end(), 1)
    before = _prev_words(text, m.start(), 1)
    if m.group("word").lower() == "current":
        return not (after and after[0].lower() in {"account", "accounts", "affairs", "events", "of"})
    return not ((after and after[0].lower() == "that") or (before and before[0] == "from"))


def rel_unit_guard(text: str, m: re.Match[str]) -> bool:
    """ "this day" and "last morning" are rarely times; parts of day need next/following/previous."""
    rel, unit = m.group("rel").lower(), m.group("unit").lower()
    if unit in {"morning", "afternoon", "evening", "night", "overnight"}:
        return rel in {"next", "following", "previous"}
    return not (unit == "day" and rel in {"this", "current", "past", "last", "coming"})


def noon_guard(text: str, m: re.Match[str]) -> bool:
    """ "high noon" is a figure of speech."""
    before = _prev_words(text, m.start("word"), 1)
    return not (before and before[0] == "high")


def time_digits_guard(text: str, m: re.Match[str]) -> bool:
    """ "3:2" is a score unless a time zone or "at" marks it as a clock time."""
    if m.group("tz"):
        return True
    before = _prev_words(text, m.start(), 1)
    return bool(before) and before[0] in {"at", "by", "until", "before", "after", "from", "around"}
