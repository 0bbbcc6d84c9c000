"""Dates written in article text: "July 5, 2023", "5 July 2023", "2023-07-05", "Published: …".

Only unambiguous forms are read: a month name, or ISO order. ``07/05/2023`` is read only
when one of the two numbers is over 12 (which order is meant is otherwise a guess).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DateLine", "date_line", "find_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<{0}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(r"\b" + _YEAR.format("y") + r"-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
    re.compile(
        r"\b" + _MONTH.format("mon") + r"\s+" + _DAY.format("d") + r",?\s+" + _YEAR.format("y") + r"\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b" + _DAY.format("d") + r"\s+(?:of\s+)?" + _MONTH.format("mon") + r",?\s+" + _YEAR.format("y") + r"\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + _YEAR.format("y") + r"\b"),
)
# What may surround a date on a line that is only a date.
_FILLER = re.compile(
    r"""\b(?:published|updated|last|modified|posted|first|originally|date[d]?|on|at|
    mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|
    am|pm|a\.m\.?|p\.m\.?|noon|[A-Z]{1,2}[SDT]T|utc|gmt|et|pt|ct|bst|cet|cest|z)\b
    |\d{1,2}[:.h]\d{2}(?::\d{2})?|[|,:;·•/()\[\]\-–—.]""",
    re.IGNORECASE | re.VERBOSE,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:published|posted|first|originally)\b", re.IGNORECASE)


class DateLine:
    """A line that holds nothing but a date (with "Published"/"Updated" words and a time)."""

    __slots__ = ("date", "updated")

    def __init__(self, date: dt.date, *, updated: bool) -> None:
        self.date = date
        self.updated = updated  # only an "Updated …" date: weaker than a publication date


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first unambiguous date in ``text`` with its character range, or None."""
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date is not None:
                found.append((match.start(), match.end(), date))
                break
    if not found:
        return None
    start, end, date = min(found, key=lambda f: f[0])
    return date, start, end


def date_line(line: str) -> DateLine | None:
    """A :class:`DateLine` when ``line`` is a date line ("Published: July 5, 2023 10:30 AM EDT")."""
    if len(line) > 120:
        return None
    dates: list[tuple[dt.date, int, int]] = []
    rest = line
    while (hit := find_date(rest)) is not None:
        dates.append(hit)
        rest = rest[: hit[1]] + " " * (hit[2] - hit[1]) + rest[hit[2] :]
    if not dates:
        return None
    if re.search(r"\w", _FILLER.sub(" ", rest)):
        return None
    # "Published July 5, 2023 | Updated July 6, 2023": the first date not after "updated".
    for date, start, _ in sorted(dates, key=lambda d: d[1]):
        before = line[:start]
        last_published = max((m.end() for m in _PUBLISHED.finditer(before)), default=-1)
        last_updated = max((m.end() for m in _UPDATED.finditer(before)), default=-1)
        if last_updated <= last_published:
            return DateLine(date, updated=False)
    return DateLine(min(dates, key=lambda d: d[1])[0], updated=True)


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = _MONTHS.get(groups["mon"].lower()[:3])
        day = int(groups["d"])
    elif groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
