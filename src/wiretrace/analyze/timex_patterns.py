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
from dataclasses import dataclass, replace

from wiretrace.analyze.timex_guards import (
    ago_guard,
    bare_month_guard,
    bare_units_guard,
    duration_guard,
    may_guard,
    noon_guard,
    now_guard,
    rel_unit_guard,
    season_guard,
    time_digits_guard,
    year_guard,
    year_range_guard,
)
from wiretrace.analyze.timex_keys import key_windows, rule_matches
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

Guard = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognized expression, before normalization: its span, rule and matched groups."""

    start: int
    end: int
    rule: str
    groups: Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named regex and the guard that vets its matches.

    Each rule also has a key (:mod:`timex_keys`), a cheap literal search for words every
    match holds: the regex runs only in windows around key hits, which keeps a tagger of
    forty rules fast on long texts.
    """

    name: str
    regex: re.Pattern[str]
    guard: Guard | None = None


# --------------------------------------------------------------------------- fragments

_WD = f"(?:{WEEKDAY_RE})"
_MON = f"(?:{MONTH_RE})"
_MON_D = f"(?:{MONTH_BEFORE_DAY_RE})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|,\d|:\d|\.\d|%)"
_YEAR = r"(?:1\d\d\d|20\d\d|2100)"
_DASH = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*"
_EDGE = r"(?<![\w$£€#./-])"  # not inside a number, word or code
# "last" that is no verb: "expected to last six weeks" is "six weeks"
_LAST = r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bcan\s)[Ll]ast"
_MOD = r"(?P<mod>[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater)"
# "early this week" is one expression; "earlier this week" is an adverb and "this week" (TimeML)
_EDGE_MOD = r"(?P<mod>[Ee]arly|[Ll]ate|[Mm]id)"
_REL = r"(?P<rel>[Tt]his\s+past|[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast|[Pp]revious|[Ff]ollowing|[Cc]urrent)"
_APPROX = (
    r"(?P<approx>[Mm]ore\s+than|[Ll]ess\s+than|[Ff]ewer\s+than|[Nn]early|[Aa]lmost|[Oo]ver"
    r"|[Aa]t\s+least|[Uu]p\s+to|[Aa]nother|[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|[Aa]pproximately)"
)
# modifiers TimeML keeps in a duration's span ("over an hour") and those it leaves out ("about")
_APPROX_IN = r"(?P<approx>[Mm]ore\s+than|[Ll]ess\s+than|[Ff]ewer\s+than|[Oo]ver|[Aa]t\s+least|[Uu]p\s+to)"
_APPROX_OUT = r"(?:[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly|[Aa]pproximately|[Nn]early|[Aa]lmost|[Jj]ust|[Oo]nly)"
# where a range joined by "and" may end: "April 24 and 25 in Washington", not "May 5 and 6 more"
_PHRASE_END = (
    r"(?=\s*(?:[^\w\s]|$)|,?\s+(?:1\d\d\d|20\d\d|in|at|on|and|or|the|when|to|for|by|with|as|is|was|were|are|will)\b)"
)
_DETS = r"(?:the|his|her|its|their|our|my|your|a|an|this|that)\b"
_NUM = rf"(?P<num>{NUMBER_RE}|{VAGUE_RE})"
_TZ = r"(?P<tz>GMT|UTC|[ECMP][SD]?T|[A-Z]{2,3}T)"


def _c(pattern: str) -> re.Pattern[str]:
    """Compile a rule: verbose, and never starting inside a word (which also makes it fast)."""
    return re.compile(r"(?<!\w)" + pattern, re.VERBOSE)


# --------------------------------------------------------------------------- rules

RULES: tuple[Rule, ...] = (
    Rule(
        "date_mdy",
        _c(rf"""
        (?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<body>(?:(?P<wd>{_WD}),?\s+)?
        (?P<mon>{_MON_D})\s*(?P<day>{_DAY})
        (?:(?:{_DASH}|\s+(?P<and>and)\s+)(?:(?P<mon2>{_MON})\s*)?(?P<day2>{_DAY})(?(and){_PHRASE_END}))?
        (?:,?\s*(?P<year>{_YEAR})(?![\d,]\d|\d))?)"""),
        may_guard,
    ),
    Rule(
        "date_dmy",
        _c(rf"""
        {_EDGE}(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?
        (?P<day>{_DAY})(?:{_DASH}(?P<day2>{_DAY}))?\s+(?:of\s+)?(?P<mon>{_MON})(?![\w.])
        (?:,?\s+(?P<year>{_YEAR})(?!\d))?"""),
    ),
    Rule(
        "date_iso",
        _c(rf"""{_EDGE}(?P<year>{_YEAR})-(?P<mon>0[1-9]|1[0-2])-(?P<day>[0-3]\d)
        (?:T(?P<hour>[01]\d|2[0-3]):(?P<min>[0-5]\d))?(?![\d])"""),
    ),
    Rule(
        "date_slash",
        _c(rf"""{_EDGE}(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])
        /(?P<year>{_YEAR}|\d\d)(?![\d/])"""),
    ),
    Rule("week_of", _c(rf"""(?:[Tt]he\s+)?week\s+of\s+(?P<mon>{_MON_D})\s*(?P<day>{_DAY})""")),
    Rule(
        "month_year",
        _c(rf"""
        (?:{_MOD}[\s-]+)?(?P<mon>{_MON})(?:\s+of)?,?\s+(?P<year>{_YEAR})(?![\d,]\d|\d)"""),
    ),
    Rule(
        "month",
        _c(rf"""(?:{_MOD}[\s-]+|{_REL}\s+)?(?P<mon>{_MON})(?![\w]|\s*\d)
        (?:,?\s+(?P<yrel>this|next|last)\s+year(?!\w))?"""),
        bare_month_guard,
    ),
    Rule(
        "year_range",
        _c(rf"""
        (?:(?P<from>[Ff]rom|[Bb]etween)\s+)?(?P<body>{_EDGE}(?P<year>{_YEAR})
        \s*(?:-|–|—|\bto\b|\bthrough\b|\band\b|\buntil\b)\s*(?P<year2>{_YEAR}|\d\d))(?![\w%]|,\d)"""),
        year_range_guard,
    ),
    Rule(
        "year",
        _c(rf"""
        (?<![\w$£€#.,/:-])(?:{_MOD}[\s-]+)?(?:(?P<pre>[Pp]ost|[Pp]re)-)?
        (?P<year>{_YEAR})(?![\w%]|,\d|\.\d|[-–/]\d|:\d)"""),
        year_guard,
    ),
    Rule(
        "fiscal",
        _c(rf"""(?:[Ff]iscal(?:\s+[Yy]ear)?\s+|FY\s?)(?P<year>{_YEAR}|['’]?\d\d)(?![\w%]|[-–/]\d|,\d)"""),
    ),
    Rule(
        "decade",
        _c(rf"""
        {_EDGE}(?:{_MOD}[\s-]+)?(?P<dec>1\d\d0|20\d0)'?s(?!\w)"""),
    ),
    Rule("decade_short", _c(rf"""(?:{_MOD}[\s-]+)?['‘’](?P<dd>\d0)s(?!\w)""")),
    Rule("century", _c(r"""(?P<ord>\d{1,2})(?:st|nd|rd|th)[\s-]+[Cc]entury(?!\w)""")),
    Rule(
        "weekday_range",
        _c(rf"""
        (?:(?P<from>[Ff]rom|[Bb]etween)\s+)?(?P<body>(?P<wd>{_WD})\s*(?:-|–|\bto\b|\bthrough\b|\bthru\b
        |\buntil\b|\band\b)\s*(?P<wd2>{_WD})(?!\w))"""),
    ),
    Rule(
        "weekday",
        _c(rf"""
        (?<![\w-])(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+)?(?P<wd>{_WD})(?!\w)
        (?:\s+(?P<pod>{POD_RE})(?!\w))?"""),
    ),
    Rule(
        "deictic",
        _c(r"""
        (?<![\w-])(?P<word>[Tt]oday|TODAY|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?![\w])
        (?:\s+(?P<pod>morning|afternoon|evening|night)(?!\w))?"""),
    ),
    Rule("part_of_day", _c(rf"""(?<![\w-])(?P<rel>[Tt]his|[Ll]ast)\s+(?P<pod>{POD_RE})(?!\w)""")),
    Rule(
        "rel_unit",
        _c(rf"""
        (?:{_EDGE_MOD}[\s-]+)?(?:(?P<the>[Tt]he)\s+)?{_REL}\s+(?:fiscal\s+)?
        (?P<unit>week(?:end)?|month|year|decade|century|quarter|day|fortnight|{SEASON_RE}|{POD_RE})(?!\w)"""),
        rel_unit_guard,
    ),
    Rule("weekend", _c(r"""(?P<word>[Tt]he\s+weekend)(?!\w)""")),
    Rule(
        "edge_unit",
        _c(r"""[Tt]he\s+(?:very\s+)?(?P<edge>end|beginning|start|middle|close)\s+of\s+the\s+
        (?P<unit>year|month|week|decade|century)(?!\w)"""),
    ),
    Rule(
        "unit_around",
        _c(rf"""
        (?P<body>[Tt]he\s+(?P<unit>day|night|morning|afternoon|evening|week|month|year)(?:
        \s+(?P<dir>before|after|earlier|prior)\s+(?:(?P<wrel>last|this|next)\s+)?(?P<wd>{_WD})(?!\w)
        |\s+(?P<adv>before|after|earlier|prior)(?=\s*[,.;:)!?'"`”]|\s*$|\s+(?:and|but|when|as|in|at)\s)
        |(?=\s+(?P<prep>before|after)\s+(?:{_DETS}|[A-Z])))
        )"""),
    ),
    Rule("unit_long", _c(r"""(?<![\w-])(?P<unit>hour|day|week|month|year|decade)[\s-]long(?!\w)""")),
    Rule(
        "anaphor",
        _c(r"""
        (?:(?P<mod>[Ee]arlier|[Ll]ater)\s+)?(?P<det>[Tt]hat\s+same|[Tt]hat|[Tt]he\s+same)\s+
        (?P<unit>day|week|month|year|morning|afternoon|evening|night)(?!\w)"""),
    ),
    Rule(
        "ago",
        _c(rf"""
        (?:{_APPROX}\s+)?(?<![\w$.,])(?P<num>{NUMBER_RE}|{VAGUE_RE})[\s-]+(?P<unit>{UNIT_RE})s?\s+
        (?P<dir>ago|earlier|later|before|after|hence|from\s+now)(?!\w)"""),
        ago_guard,
    ),
    Rule(
        "duration",
        _c(rf"""
        (?:(?P<the>[Tt]he)\s+)?(?:{_APPROX_OUT}\s+)?
        (?P<body>(?:(?P<rel>[Pp]ast|{_LAST}|[Nn]ext|[Cc]oming|[Ff]irst|[Ff]inal|[Pp]revious)\s+)?
        (?:{_APPROX_IN}\s+)?(?<![\w$.,])(?P<num>{NUMBER_RE}|{VAGUE_RE})(?:\s+more)?[\s-]+
        (?P<unit>{UNIT_RE})s?(?P<adj>[\s-]+long(?!\w)|-old)?(?!\w))"""),
        duration_guard,
    ),
    Rule(
        "bare_units",
        _c(r"""
        (?:(?P<the>[Tt]he)\s+)?(?P<body>(?:(?P<rel>[Rr]ecent|[Cc]oming|(?:[Pp]ast|[Nn]ext|[Ll]ast)\s+(?:few|several))\s+)?
        (?<![\w-])(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?P<adj>-long)?(?![\w-]))"""),
        bare_units_guard,
    ),
    Rule(
        "season",
        _c(rf"""
        (?<![\w-])(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+|{_MOD}[\s-]+)?(?P<season>{SEASON_RE})
        (?:\s+(?:of\s+)?(?P<year>{_YEAR}))?(?!\w)"""),
        season_guard,
    ),
    Rule(
        "quarter",
        _c(rf"""
        (?:(?P<the>[Tt]he)\s+)?(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)[\s-]+
        (?P<unit>quarter|half)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>{_YEAR})|(?P<yrel>this|next|last|the)\s+year))?(?!\w)"""),
    ),
    Rule("quarter_code", _c(rf"""(?<!\w)(?P<q>Q[1-4])(?:\s+(?P<year>{_YEAR}))?(?!\w)""")),
    Rule(
        "time",
        _c(rf"""
        (?:(?P<wd0>{_WD}|[Tt]oday|[Tt]omorrow|[Yy]esterday)(?:\s+at)?\s+)?
        (?<![\w$.:])(?P<hour>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*
        (?P<ampm>[ap]\.\s?m\.?|[ap]m(?!\w)|[AP]\.M\.?|[AP]M(?!\w))
        (?:\s+{_TZ}(?!\w))?(?:\s+local\s+time)?(?:\s+(?:on\s+)?(?P<wd>{_WD}|today|tomorrow|yesterday)(?!\w))?"""),
    ),
    Rule(
        "time_24",
        _c(rf"""(?<![\w$.:])(?P<hour>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?![\d:])
        (?:\s*{_TZ}(?!\w))?"""),
        time_digits_guard,
    ),
    Rule(
        "time_word",
        _c(rf"""
        (?:(?P<wd0>{_WD}|[Tt]oday|[Tt]omorrow|[Yy]esterday)\s+at\s+)?
        (?<![\w-])(?P<word>noon|midnight|midday)(?!\w)
        (?:\s+(?:on\s+)?(?P<wd>{_WD}|today|tomorrow|yesterday)(?!\w))?"""),
        noon_guard,
    ),
    Rule(
        "time_oclock",
        _c(
            rf"""(?<![\w.])(?P<hour>1[0-2]|[1-9]|{
                "|".join(
                    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
                )
            })(?:\s+o['’]clock|\s+in\s+the\s+(?P<pod>morning|afternoon|evening))(?!\w)"""
        ),
    ),
    Rule(
        "set",
        _c(rf"""
        (?P<every>[Ee]very|[Ee]ach)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUMBER_RE})\s+)?
        (?P<unit>{UNIT_RE}|weekend|morning|afternoon|evening|(?:working|business|school|week)\s*day
        |{_WD}|{SEASON_RE}|{_MON})s?(?!\w)"""),
    ),
    Rule(
        "set_adverb",
        _c(r"""(?<![\w-])(?P<adv>[Dd]aily|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early
        |[Hh]ourly|[Nn]ightly|[Bb]iweekly|[Qq]uarterly|[Bb]iannually)(?![\w-])"""),
    ),
    Rule(
        "set_freq",
        _c(rf"""
        (?P<freq>[Oo]nce|[Tt]wice|[Tt]hrice|\w+\s+times)\s+(?:a|an|per|each|every)\s+
        (?P<unit>{UNIT_RE}|{_WD})(?!\w)"""),
    ),
    Rule("set_weekdays", _c(rf"""(?P<wd>{_WD})s(?!\w)""")),
    Rule(
        "fuzzy",
        _c(r"""
        (?<![\w'’-])(?P<word>[Nn]ow|[Cc]urrently|[Nn]owadays|[Tt]hese\s+days|[Aa]t\s+present|current|[Rr]ecently
        |(?:the|The)\s+past|(?:the|The)\s+(?:near\s+|distant\s+)?future|future)
        (?![\w-])"""),
        now_guard,
    ),
    Rule(
        "holiday",
        _c(rf"""
        (?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?
        (?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?
        |Easter(?:\s+Sunday)?|Good\s+Friday|Independence\s+Day|Halloween|Valentine['’]s\s+Day
        |Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Election\s+Day)(?!\w)
        (?:\s+(?P<week>week|weekend)(?!\w))?
        (?:,?\s+(?P<year>{_YEAR})(?!\d))?"""),
    ),
)


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The expression's span: the ``body`` group when the rule has one, else the whole match."""
    if "body" in m.re.groupindex and m.group("body") is not None:
        return m.start("body"), m.end("body")
    return m.start(), m.end()


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, then the longest non-overlapping ones, in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    windows = key_windows(text)
    for priority, rule in enumerate(RULES):
        for m in rule_matches(rule.name, rule.regex, text, windows):
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
    return [_with_edge(text, cand) for cand in taken]


# "the end of 2012", "the beginning of next month": TimeML keeps the edge in the span
_EDGE_OF_RE = re.compile(r"(?<!\w)(?:[Tt]he\s+)?(?:very\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?:the\s+)?$")
_EDGE_RULES = frozenset({"year", "month_year", "month", "rel_unit", "season", "quarter", "decade", "century", "fiscal"})


def _with_edge(text: str, cand: Candidate) -> Candidate:
    """A candidate widened to the "the end of" before it, for the rules that name a stretch."""
    if cand.rule not in _EDGE_RULES:
        return cand
    m = _EDGE_OF_RE.search(text, max(0, cand.start - 30), cand.start)
    return replace(cand, start=m.start()) if m else cand


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and a trailing comma from a span's edges."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
