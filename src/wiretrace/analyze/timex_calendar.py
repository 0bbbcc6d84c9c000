"""Calendar arithmetic for TIMEX3 values: ISO weeks, month shifts, weekdays, seasons, holidays.

Pure functions on :class:`datetime.date`; the value strings they return follow TimeML
("1998-W32", "1998-08", "1998-SU").
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "add_months",
    "day_value",
    "holiday_date",
    "month_value",
    "nearest_month_year",
    "season_of",
    "week_value",
    "weekday_after",
    "weekday_before",
]

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    """The ISO week of a day, as TimeML writes it: "2023-W28"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_before(anchor: dt.date, weekday: int, *, strict: bool) -> dt.date:
    """The latest day with ISO ``weekday`` on or before ``anchor`` (before, when ``strict``)."""
    back = (anchor.isoweekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return anchor - dt.timedelta(days=back)


def weekday_after(anchor: dt.date, weekday: int, *, strict: bool) -> dt.date:
    """The earliest day with ISO ``weekday`` on or after ``anchor`` (after, when ``strict``)."""
    ahead = (weekday - anchor.isoweekday()) % 7
    if ahead == 0 and strict:
        ahead = 7
    return anchor + dt.timedelta(days=ahead)


def nearest_month_year(anchor: dt.date, month: int, tense: str | None) -> int:
    """The year of the ``month`` a text most likely means, read at ``anchor``.

    The anchor's own month is this year. Otherwise a future tense picks the next such month,
    a past tense the last one, and no tense the nearer of the two (the past on a tie).
    """
    if month == anchor.month:
        return anchor.year
    later = anchor.year if month > anchor.month else anchor.year + 1
    earlier = later - 1
    ahead = (later * 12 + month) - (anchor.year * 12 + anchor.month)
    if ahead <= 2 or ahead >= 10:  # a month or two away, either way: the near one
        return later if ahead <= 2 else earlier
    if tense == "future":
        return later
    if tense == "past":
        return earlier
    behind = (anchor.year * 12 + anchor.month) - (earlier * 12 + month)
    return later if ahead < behind else earlier


def season_of(day: dt.date) -> tuple[int, str]:
    """(year, season code) of a day; winter belongs to the year of its December."""
    for code, start in (("WI", 12), ("FA", 9), ("SU", 6), ("SP", 3)):
        if day.month >= start:
            return day.year, code
    return day.year - 1, "WI"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of a month; ``n = -1`` is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return weekday_after(first, weekday, strict=False) + dt.timedelta(weeks=n - 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return weekday_before(nxt - dt.timedelta(days=1), weekday, strict=False)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    return dt.date(year, month, day)


def holiday_date(rule: str, year: int) -> dt.date:
    """The date of a holiday rule from :data:`timex_lexicon.HOLIDAYS` in ``year``."""
    if rule == "thanksgiving":
        return _nth_weekday(year, 11, 4, 4)
    if rule == "easter":
        return _easter(year)
    if rule == "good friday":
        return _easter(year) - dt.timedelta(days=2)
    if rule == "memorial":
        return _nth_weekday(year, 5, 1, -1)
    if rule == "labor":
        return _nth_weekday(year, 9, 1, 1)
    if rule == "election":
        return _nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    month, day = rule.split("-")
    return dt.date(year, int(month), int(day))
