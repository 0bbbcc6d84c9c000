"""Words of time: month, weekday, number and unit tables, and the regex fragments built on them.

Shared by recognition (:mod:`timex_patterns`) and normalization (:mod:`timex_values`), so a
word and its meaning are written down once.
"""

from __future__ import annotations

import re

__all__ = [
    "HOLIDAYS",
    "MONTHS",
    "NUMBER_WORDS",
    "PARTS_OF_DAY",
    "SEASONS",
    "UNITS",
    "WEEKDAYS",
    "month_number",
    "parse_number",
    "unit_code",
    "weekday_number",
]

MONTHS: dict[str, int] = {}
for _i, (_full, _abbrevs) in enumerate(
    (
        ("january", ("jan",)),
        ("february", ("feb", "febr")),
        ("march", ("mar",)),
        ("april", ("apr",)),
        ("may", ()),
        ("june", ("jun",)),
        ("july", ("jul",)),
        ("august", ("aug",)),
        ("september", ("sep", "sept")),
        ("october", ("oct",)),
        ("november", ("nov",)),
        ("december", ("dec",)),
    ),
    start=1,
):
    MONTHS[_full] = _i
    for _a in _abbrevs:
        MONTHS[_a] = _i

WEEKDAYS: dict[str, int] = {
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2,
    "single": 1,
}  # fmt: skip

VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "a number of", "numerous")

# unit word (singular) -> (ISO code, is a time-of-day unit)
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "fortnight": ("W", False),
    "month": ("M", False),
    "year": ("Y", False),
    "decade": ("Y", False),
    "century": ("Y", False),
    "quarter": ("Q", False),
}

UNIT_FACTOR = {"decade": 10, "century": 100, "fortnight": 2}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

# holiday name (lower case, no "day") -> rule key used by timex_calendar.holiday_date
HOLIDAYS = {
    "christmas": "12-25",
    "christmas eve": "12-24",
    "new year's": "01-01",
    "new year's eve": "12-31",
    "independence": "07-04",
    "halloween": "10-31",
    "valentine's": "02-14",
    "veterans": "11-11",
    "thanksgiving": "thanksgiving",
    "easter": "easter",
    "good friday": "good friday",
    "memorial": "memorial",
    "labor": "labor",
    "election": "election",
}


def _alternatives(words: list[str]) -> str:
    """Longest-first alternation of literal words, for a regex."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cased(word: str) -> list[str]:
    """A word as it may be written in running text: Title case or UPPER case."""
    return [word.capitalize(), word.upper()]


def _month_alternatives() -> str:
    words: list[str] = []
    for name in MONTHS:
        if len(name) > 4 or name in {"may", "june", "july"}:
            words += _cased(name)
        else:
            words += [f"{w}." for w in _cased(name)]
    return _alternatives(words)


def _bare_abbrev_alternatives() -> str:
    """Month abbreviations without a period ("Jan 5"), allowed only before a day number."""
    names = [n for n in MONTHS if len(n) <= 4 and n not in {"may", "june", "july", "mar"}]
    return _alternatives([w for n in names for w in _cased(n)])


MONTH_RE = _month_alternatives()
MONTH_BEFORE_DAY_RE = f"{MONTH_RE}|{_bare_abbrev_alternatives()}"
WEEKDAY_RE = _alternatives([w for n in WEEKDAYS for w in _cased(n)])
_NUMBER_WORD_LIST = [w for w in NUMBER_WORDS if w not in {"a", "an", "single"}]
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_RE = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+\d/\d)?"
    rf"|(?:{'|'.join([*_TENS, *(t.capitalize() for t in _TENS)])})-(?:one|two|three|four|five|six|seven|eight|nine)"
    rf"|{_alternatives(_NUMBER_WORD_LIST + [w.capitalize() for w in _NUMBER_WORD_LIST])}"
    r"|[Aa]n?|[Hh]alf\s+an?)(?:\s+and\s+a\s+half)?"
)
VAGUE_RE = _alternatives([*VAGUE_NUMBERS, *(w.capitalize() for w in VAGUE_NUMBERS)])
UNIT_RE = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie))"
SEASON_RE = r"(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)"
POD_RE = r"(?:morning|afternoon|evening|night|overnight)"


def month_number(word: str) -> int | None:
    """1–12 for a month name or abbreviation ("Sept.", "AUGUST"), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    """ISO weekday 1–7 for a weekday name, else None."""
    return WEEKDAYS.get(word.lower().rstrip("s'"))


def unit_code(word: str) -> tuple[str, bool, int]:
    """ISO letter, whether it is a time unit, and a factor, for a unit word ("centuries")."""
    base = word.lower()
    base = "century" if base.startswith("centur") else base.rstrip("s")
    code, is_time = UNITS[base]
    return code, is_time, UNIT_FACTOR.get(base, 1)


def parse_number(phrase: str) -> float | None:
    """The value of a number phrase ("twenty-five", "5 1/2", "two and a half"); None if vague."""
    text = " ".join(phrase.lower().replace(",", "").split())
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    if text.startswith("half a"):
        return 0.5
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text] + half
    if "-" in text:
        tens, _, ones = text.partition("-")
        if tens in NUMBER_WORDS and ones in NUMBER_WORDS:
            return NUMBER_WORDS[tens] + NUMBER_WORDS[ones] + half
    parts = text.split()
    try:
        value = float(parts[0])
        if len(parts) == 2 and "/" in parts[1]:
            num, den = parts[1].split("/")
            value += int(num) / int(den)
    except (ValueError, ZeroDivisionError):
        return None
    return value + half
