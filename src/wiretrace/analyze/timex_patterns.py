"""Recognition of temporal expressions: regex rules, false-positive guards, overlap resolution.

Each :class:`Rule` is one compiled regex with a name that :mod:`timex_values` knows how to
normalize, and an optional guard that looks at the words around a match ("May" the modal,
"2000 troops"). :func:`find_candidates` runs every rule over a text and keeps the longest
non-overlapping matches. A rule may mark the part of its match that is the expression with a
``body`` group, so context words it needs ("between 2001 and 2003") stay outside the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from wiretrace.analyze.timex_lexicon import (
    MONTH_BEFORE_DAY_RE,
    MONTH_RE,
    NUMBER_RE,
    POD_RE,
    SEASON_RE,
    UNIT_RE,
    VAGUE_RE,
    WEEKDAY_RE,
)

__all__ = ["RULES", "Candidate", "Rule", "find_candidates"]

Guard = Callable[[str, "re.Match[str]"], bool]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognized expression, before normalization: its span, rule and matched groups."""

    start: int
    end: int
    rule: str
    groups: Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    guard: Guard | None = None


# --------------------------------------------------------------------------- fragments

_WD = f"(?:{WEEKDAY_RE})"
_MON = f"(?:{MONTH_RE})"
_MON_D = f"(?:{MONTH_BEFORE_DAY_RE})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d,]\d|:|\.\d|%)"
_YEAR = r"(?:1\d\d\d|20\d\d|2100)"
_DASH = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*"
_EDGE = r"(?<![\w$£€#./-])"  # not inside a number, word or code
_MOD = r"(?P<mod>[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater)"
_REL = r"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast|[Pp]revious|[Ff]ollowing|[Cc]urrent)"
_APPROX = (
    r"(?P<approx>[Mm]ore\s+than|[Ll]ess\s+than|[Ff]ewer\s+than|[Nn]early|[Aa]lmost|[Oo]ver"
    r"|[Aa]t\s+least|[Uu]p\s+to|[Aa]nother|[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|[Aa]pproximately)"
)
_NUM = rf"(?P<num>{NUMBER_RE}|{VAGUE_RE})"
_TZ = r"(?P<tz>GMT|UTC|[ECMP][SD]T|[A-Z]{2,3}T)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE)


# --------------------------------------------------------------------------- guards

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


def _year_guard(text: str, m: re.Match[str]) -> bool:
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
        return False
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


def _bare_month_guard(text: str, m: re.Match[str]) -> bool:
    """A lone month name: "May" and "March" need a temporal preposition; names are refused."""
    if m.group("mod") or m.group("rel"):
        return True
    word = m.group("mon")
    before = _prev_words(text, m.start("mon"), 1)
    prev = before[0] if before else ""
    if prev in _TRIGGERS - {"the", "and", "or", "to"}:
        return True
    if word.lower() in {"may", "march"}:
        return False
    after = _next_words(text, m.end("mon"), 1)
    nxt = after[0] if after else ""
    if prev in {"the", "a"} or nxt.lower() in {"of", "for"}:
        return False
    if nxt[:1].isupper() and nxt.isalpha():
        return False
    if before and before[0][:1].isalpha():
        prev_raw = _WORD_RE.findall(text[max(0, m.start("mon") - 30) : m.start("mon")])[-1]
        return not (prev_raw[:1].isupper() and not _sentence_start(text, m.start("mon") - len(prev_raw) - 1))
    return True


def _may_guard(text: str, m: re.Match[str]) -> bool:
    """"May 5" is a date, but "May 10 people" is not: refuse a count noun after the day."""
    after = _next_words(text, m.end(), 1)
    return not (after and after[0].lower() in _COUNT_NOUNS)


def _year_range_guard(text: str, m: re.Match[str]) -> bool:
    """"2001 and 2003" is a range only after "between"; the second year must come later."""
    first, second = m.group("year"), m.group("year2")
    end = int(second) if len(second) == 4 else int(first[:2] + second)
    if end <= int(first):
        return False
    joiner = text[m.end("year") : m.start("year2")].strip().lower()
    if joiner in {"and", "or"}:
        return bool(m.group("from")) and m.group("from").lower() == "between"
    return True


def _season_guard(text: str, m: re.Match[str]) -> bool:
    """A bare "fall" or "spring" is a season only after "the", "this", "in", "during"…"""
    if m.group("rel") or m.group("year"):
        return True
    before = _prev_words(text, m.start("season"), 1)
    after = _next_words(text, m.end("season"), 1)
    if after and after[0].lower() in {"of", "for"}:
        return False
    return bool(before) and before[0] in {"the", "this", "in", "during", "until", "by", "since"}


def _ago_guard(text: str, m: re.Match[str]) -> bool:
    """"ten days before the vote" is a duration, not a date: before/after must end the phrase."""
    direction = m.group("dir").lower()
    if direction not in {"before", "after"}:
        return True
    after = _next_words(text, m.end(), 1)
    return not after or after[0] in {",", ".", ";", ")", "'", "”", "\"", "-"}


def _duration_guard(text: str, m: re.Match[str]) -> bool:
    """Refuse ages ("six-year-old", "44 years old") and a lone "a"/"an" used as an article."""
    after = text[m.end() : m.end() + 6].lower()
    if (m.group("adj") or "").endswith("old") or after.startswith((" old", "-old", "-olds")):
        return False
    num = m.group("num").strip().lower()
    if num in {"a", "an", "one"} and not (m.group("approx") or m.group("rel")):
        return not text[m.end() : m.end() + 2].startswith(("'s", "’s"))
    return True


def _bare_units_guard(text: str, m: re.Match[str]) -> bool:
    """Plural units alone ("for years") — not "working hours", "office hours"."""
    if m.group("rel"):
        return True
    before = _prev_words(text, m.start("unit"), 1)
    return not (before and before[0] in {"working", "office", "business", "opening", "visiting", "the"})


def _now_guard(text: str, m: re.Match[str]) -> bool:
    """"now" is not a time in "now that" (a conjunction) or "from now" (part of a span)."""
    if m.group("word").lower() not in {"now", "current"}:
        return True
    after = _next_words(text, m.end(), 1)
    before = _prev_words(text, m.start(), 1)
    if m.group("word").lower() == "current":
        return not (after and after[0].lower() in {"account", "accounts", "affairs", "events", "of"})
    return not ((after and after[0].lower() == "that") or (before and before[0] == "from"))


def _time_digits_guard(text: str, m: re.Match[str]) -> bool:
    """"3:2" is a score unless a time zone or "at" marks it as a clock time."""
    if m.group("tz"):
        return True
    before = _prev_words(text, m.start(), 1)
    return bool(before) and before[0] in {"at", "by", "until", "before", "after", "from", "around"}


# --------------------------------------------------------------------------- rules

RULES: tuple[Rule, ...] = (
    Rule("date_mdy", _c(rf"""
        (?:(?P<wd>{_WD}),?\s+)?
        (?P<mon>{_MON_D})\s*(?P<day>{_DAY})
        (?:{_DASH}(?:(?P<mon2>{_MON})\s*)?(?P<day2>{_DAY}))?
        (?:,?\s*(?P<year>{_YEAR})(?![\d,]\d|\d))?"""), _may_guard),
    Rule("date_dmy", _c(rf"""
        {_EDGE}(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?
        (?P<day>{_DAY})(?:{_DASH}(?P<day2>{_DAY}))?\s+(?:of\s+)?(?P<mon>{_MON})(?![\w.])
        (?:,?\s+(?P<year>{_YEAR})(?!\d))?""")),
    Rule("date_iso", _c(rf"""{_EDGE}(?P<year>{_YEAR})-(?P<mon>0[1-9]|1[0-2])-(?P<day>[0-3]\d)
        (?:T(?P<hour>[01]\d|2[0-3]):(?P<min>[0-5]\d))?(?![\d])""")),
    Rule("date_slash", _c(rf"""{_EDGE}(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])
        /(?P<year>{_YEAR}|\d\d)(?![\d/])""")),
    Rule("week_of", _c(rf"""(?:[Tt]he\s+)?week\s+of\s+(?P<mon>{_MON_D})\s*(?P<day>{_DAY})""")),
    Rule("month_year", _c(rf"""
        (?:{_MOD}[\s-]+)?(?P<mon>{_MON})(?:\s+of)?,?\s+(?P<year>{_YEAR})(?![\d,]\d|\d)""")),
    Rule("month", _c(rf"""(?:{_MOD}[\s-]+|{_REL}\s+)?(?P<mon>{_MON})(?![\w])"""), _bare_month_guard),
    Rule("year_range", _c(rf"""
        (?:(?P<from>[Ff]rom|[Bb]etween)\s+)?(?P<body>{_EDGE}(?P<year>{_YEAR})
        \s*(?:-|–|—|\bto\b|\bthrough\b|\band\b|\buntil\b)\s*(?P<year2>{_YEAR}|\d\d))(?![\w%]|,\d)"""),
        _year_range_guard),
    Rule("year", _c(rf"""
        (?<![\w$£€#.,/:-])(?:{_MOD}[\s-]+)?(?:(?P<pre>[Pp]ost|[Pp]re)-)?
        (?P<year>{_YEAR})(?![\w%]|,\d|\.\d|[-–/]\d|:\d)"""), _year_guard),
    Rule("decade", _c(rf"""
        {_EDGE}(?:{_MOD}[\s-]+)?(?P<dec>1\d\d0|20\d0)'?s(?!\w)""")),
    Rule("decade_short", _c(r"""(?:{mod}[\s-]+)?['‘’](?P<dd>\d0)s(?!\w)""".format(mod=_MOD))),
    Rule("century", _c(r"""(?P<ord>\d{1,2})(?:st|nd|rd|th)[\s-]+[Cc]entury(?!\w)""")),
    Rule("weekday_range", _c(rf"""
        (?:(?P<from>[Ff]rom|[Bb]etween)\s+)?(?P<body>(?P<wd>{_WD})\s*(?:-|–|\bto\b|\bthrough\b|\bthru\b
        |\buntil\b|\band\b)\s*(?P<wd2>{_WD})(?!\w))""")),
    Rule("weekday", _c(rf"""
        (?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+)?(?P<wd>{_WD})(?!\w)
        (?:\s+(?P<pod>{POD_RE})(?!\w))?""")),
    Rule("deictic", _c(r"""
        (?P<word>[Tt]oday|TODAY|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?![\w])
        (?:\s+(?P<pod>morning|afternoon|evening|night)(?!\w))?""")),
    Rule("part_of_day", _c(rf"""(?P<rel>[Tt]his|[Ll]ast)\s+(?P<pod>{POD_RE})(?!\w)""")),
    Rule("rel_unit", _c(rf"""
        (?:{_MOD}[\s-]+)?(?:(?P<the>[Tt]he)\s+)?{_REL}\s+
        (?P<unit>week(?:end)?|month|year|decade|century|quarter|day|fortnight|{SEASON_RE})(?!\w)""")),
    Rule("anaphor", _c(r"""
        (?:(?P<mod>[Ee]arlier|[Ll]ater)\s+)?(?P<det>[Tt]hat\s+same|[Tt]hat|[Tt]he\s+same)\s+
        (?P<unit>day|week|month|year|morning|afternoon|evening|night)(?!\w)""")),
    Rule("ago", _c(rf"""
        (?:{_APPROX}\s+)?(?<![\w$.,])(?P<num>{NUMBER_RE}|{VAGUE_RE})[\s-]+(?P<unit>{UNIT_RE})s?\s+
        (?P<dir>ago|earlier|later|before|after|hence|from\s+now)(?!\w)"""), _ago_guard),
    Rule("duration", _c(rf"""
        (?:(?P<the>[Tt]he)\s+)?(?:(?P<rel>[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Ff]irst|[Ff]inal|[Pp]revious)\s+)?
        (?:{_APPROX}\s+)?(?<![\w$.,])(?P<num>{NUMBER_RE}|{VAGUE_RE})(?:\s+more)?[\s-]+
        (?P<unit>{UNIT_RE})s?(?P<adj>[\s-]+long(?!\w)|-old)?(?!\w)"""), _duration_guard),
    Rule("bare_units", _c(r"""
        (?:(?P<the>[Tt]he)\s+)?(?:(?P<rel>[Rr]ecent|[Cc]oming|(?:[Pp]ast|[Nn]ext|[Ll]ast)\s+(?:few|several))\s+)?
        (?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?P<adj>-long)?(?!\w)"""),
        _bare_units_guard),
    Rule("season", _c(rf"""
        (?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+|{_MOD}[\s-]+)?(?P<season>{SEASON_RE})
        (?:\s+(?:of\s+)?(?P<year>{_YEAR}))?(?!\w)"""), _season_guard),
    Rule("quarter", _c(rf"""
        (?:(?P<the>[Tt]he)\s+)?(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)[\s-]+
        (?P<unit>quarter|half)(?:\s+of\s+(?P<year>{_YEAR}))?(?!\w)""")),
    Rule("quarter_code", _c(rf"""(?<!\w)(?P<q>Q[1-4])(?:\s+(?P<year>{_YEAR}))?(?!\w)""")),
    Rule("time", _c(rf"""
        (?:(?P<wd0>{_WD}|[Tt]oday|[Tt]omorrow|[Yy]esterday)(?:\s+at)?\s+)?
        (?<![\w$.:])(?P<hour>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*
        (?P<ampm>[ap]\.\s?m\.?|[ap]m(?!\w)|[AP]\.M\.?|[AP]M(?!\w))
        (?:\s+{_TZ}(?!\w))?(?:\s+(?:on\s+)?(?P<wd>{_WD}|today|tomorrow|yesterday)(?!\w))?""")),
    Rule("time_24", _c(rf"""(?<![\w$.:])(?P<hour>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?![\d:])
        (?:\s*{_TZ}(?!\w))?"""), _time_digits_guard),
    Rule("time_word", _c(r"""(?P<word>[Nn]oon|[Mm]idnight|[Mm]idday)(?!\w)""")),
    Rule("time_oclock", _c(rf"""(?<![\w.])(?P<hour>1[0-2]|[1-9]|{"|".join(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )})(?:\s+o['’]clock|\s+in\s+the\s+(?P<pod>morning|afternoon|evening))(?!\w)""")),
    Rule("set", _c(rf"""
        (?P<every>[Ee]very|[Ee]ach)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUMBER_RE})\s+)?
        (?P<unit>{UNIT_RE}|weekend|morning|afternoon|evening|{_WD}|{SEASON_RE}|{_MON})s?(?!\w)""")),
    Rule("set_adverb", _c(r"""(?<![\w-])(?P<adv>[Dd]aily|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early
        |[Hh]ourly|[Nn]ightly|[Bb]iweekly|[Qq]uarterly|[Bb]iannually)(?![\w-])""")),
    Rule("set_freq", _c(rf"""
        (?P<freq>[Oo]nce|[Tt]wice|[Tt]hrice|\w+\s+times)\s+(?:a|an|per|each|every)\s+
        (?P<unit>{UNIT_RE}|{_WD})(?!\w)""")),
    Rule("set_weekdays", _c(rf"""(?P<wd>{_WD})s(?!\w)""")),
    Rule("fuzzy", _c(r"""
        (?P<word>[Nn]ow|[Cc]urrently|[Nn]owadays|[Tt]hese\s+days|[Aa]t\s+present|[Pp]resently|current
        |[Rr]ecently|[Ll]ately|(?:the|The)\s+past|(?:the|The)\s+(?:near\s+|distant\s+)?future|future)
        (?![\w-])"""), _now_guard),
    Rule("holiday", _c(rf"""
        (?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?
        (?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?
        |Easter(?:\s+Sunday)?|Good\s+Friday|Independence\s+Day|Halloween|Valentine['’]s\s+Day
        |Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Election\s+Day)(?!\w)
        (?:,?\s+(?P<year>{_YEAR})(?!\d))?""")),
)


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The expression's span: the ``body`` group when the rule has one, else the whole match."""
    if "body" in m.re.groupindex and m.group("body") is not None:
        return m.start("body"), m.end("body")
    return m.start(), m.end()


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, then the longest non-overlapping ones, in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    for priority, rule in enumerate(RULES):
        for m in rule.regex.finditer(text):
            start, end = _span(m)
            if end <= start or (rule.guard is not None and not rule.guard(text, m)):
                continue
            start, end = _trim(text, start, end)
            cand = Candidate(start=start, end=end, rule=rule.name, groups=m.groupdict())
            found.append((-(end - start), start, priority, cand))
    found.sort(key=lambda item: item[:3])
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)
    for _, _, _, cand in found:
        if any(occupied[cand.start : cand.end]):
            continue
        occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and a trailing comma from a span's edges."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
