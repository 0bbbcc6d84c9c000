"""Publication date inference: when an article carries no date, bound it from its own words.

Two kinds of evidence, tried in order:

1. a dateline — a full date with its year on one of the first lines ("July 5, 2023",
   "VILNIUS, July 5, 2023 (Reuters) —");
2. relative dates that pin each other: a future event with a month and day ("On July 11-12,
   NATO will hold a summit") that the text also calls "next week" or "this week" bounds the
   article to one week; a weekday told in the past tense ("published Tuesday") narrows it;
   the year is the one after the latest year the text names for a past month or day (news
   style leaves the current year out: "the last summit in June 2022" is from an earlier
   year) — unless the text also names that month without a year ("in June"), which makes
   it this year's.

Anything weaker returns None: no guess is better than a confident wrong date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from wiretrace.analyze.timex_tense import tense_near
from wiretrace.model import Timex

__all__ = ["infer_published"]

_DATELINE_SPAN = 300
_LINE_DATE_RE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]*,\s+)?(?:(?:Published|Updated|Posted)(?:\s+on)?:?\s+)?"
    r"(?P<date>(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})|\d{4}-\d\d-\d\d|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4})"
    r"\s*(?:$|\(|—|–|--|-|_|\|)",
    re.MULTILINE,
)
_WEEK_WORDS = re.compile(r"\b(next|this|last)\s+week\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Bounds:
    """The days the article may have been published on, and why."""

    first: dt.date
    last: dt.date
    reasons: tuple[str, ...]


def _dateline(text: str, timexes: Sequence[Timex]) -> tuple[dt.date, str] | None:
    """A full date on one of the article's first lines, alone or after a place name."""
    head = text[:_DATELINE_SPAN]
    m = _LINE_DATE_RE.search(head)
    if m is None:
        return None
    for timex in timexes:
        if timex.span.start == m.start("date") and _is_day(timex.value):
            return dt.date.fromisoformat(timex.value[:10]), f"dateline {timex.text!r}"
    return None


def _is_day(value: str) -> bool:
    return len(value) >= 10 and value[:4].isdigit() and value[5:7].isdigit() and value[8:10].isdigit()


def _past_year(text: str, timexes: Sequence[Timex]) -> tuple[int, str] | None:
    """The year after the latest year named with a month or day in the past tense."""
    best: Timex | None = None
    for timex in timexes:
        value = timex.value
        if len(value) < 7 or not value[:4].isdigit() or not value[5:7].isdigit():
            continue
        if tense_near(text, timex.span.start, timex.span.end) == "future":
            continue
        if best is None or value > best.value:
            best = timex
    if best is None:
        return None
    year = int(best.value[:4]) + 1
    month = best.value[5:7]
    if any(t.value == f"XXXX-{month}" and tense_near(text, t.span.start, t.span.end) != "future" for t in timexes):
        # "the June 2024 election" … "won a narrow majority in June": a month the text also
        # names without its year is this year's, so the year named is the current one
        year -= 1
        name = calendar.month_name[int(month)]
        return year, f"year {year}: the text names {best.text!r} and also plain {name!r}, so {name} is this year's"
    bare = [int(t.value) for t in timexes if len(t.value) == 4 and t.value.isdigit()]
    if any(y >= year for y in bare):
        return None  # a later bare year: the rule does not hold here
    return year, f"year {year}: after {best.text!r}, the latest past date the text gives a year"


def _future_event(text: str, timexes: Sequence[Timex], year: int) -> tuple[dt.date, Timex] | None:
    """The first month-and-day without a year that the text puts in the future."""
    for timex in timexes:
        value = timex.value
        if not value.startswith("XXXX-") or len(value) != 10 or not value[5:7].isdigit():
            continue
        if tense_near(text, timex.span.start, timex.span.end) != "future":
            continue
        try:
            return dt.date(year, int(value[5:7]), int(value[8:10])), timex
        except ValueError:
            continue
    return None


def _week_bounds(text: str, event: dt.date, timex: Timex) -> _Bounds | None:
    """ "next week" (or "this week") in a text about a future ``event``: the article's week."""
    words = {m.group(1).lower() for m in _WEEK_WORDS.finditer(text)}
    monday = event - dt.timedelta(days=event.isoweekday() - 1)
    why = f"{timex.text!r} ({event.isoformat()}) is in the future"
    if "next" in words:
        first = monday - dt.timedelta(weeks=1)
        return _Bounds(
            first=first, last=monday - dt.timedelta(days=1), reasons=(why, "and the text calls it next week")
        )
    if "this" in words and event > monday:
        return _Bounds(
            first=monday, last=event - dt.timedelta(days=1), reasons=(why, "and the text calls it this week")
        )
    return None


def _narrow_by_weekdays(text: str, timexes: Sequence[Timex], bounds: _Bounds) -> _Bounds:
    """A weekday told in the past ("published Tuesday") puts the article after that day."""
    first, reasons = bounds.first, list(bounds.reasons)
    for timex in timexes:
        m = re.fullmatch(r"XXXX-WXX-([1-7])", timex.value)
        if m is None or tense_near(text, timex.span.start, timex.span.end) == "future":
            continue
        offset = (int(m.group(1)) - bounds.first.isoweekday()) % 7
        day = bounds.first + dt.timedelta(days=offset)
        if first <= day < bounds.last:
            first = day + dt.timedelta(days=1)
            reasons.append(f"{timex.text!r} in the past tense is {day.isoformat()}")
    return _Bounds(first=first, last=bounds.last, reasons=tuple(reasons))


def infer_published(text: str, timexes: Sequence[Timex] | None = None) -> tuple[dt.date, str] | None:
    """A publication date for an undated article, with the reasoning, or None when unsure.

    ``timexes`` are the article's expressions found without an anchor (computed when not
    given). The date is the earliest day the evidence allows; the explanation names the
    evidence and the range ("between 2023-07-05 and 2023-07-09").
    """
    if timexes is None:
        from wiretrace.analyze.timexes import find_timexes  # noqa: PLC0415 - the stage imports us

        timexes = find_timexes(text, None)
    dateline = _dateline(text, timexes)
    if dateline is not None:
        return dateline
    year = _past_year(text, timexes)
    if year is None:
        return None
    event = _future_event(text, timexes, year[0])
    if event is None:
        return None
    bounds = _week_bounds(text, *event)
    if bounds is None:
        return None
    bounds = _narrow_by_weekdays(text, timexes, bounds)
    reasons = "; ".join((*bounds.reasons, year[1]))
    span = f"between {bounds.first.isoformat()} and {bounds.last.isoformat()}"
    return bounds.first, f"inferred ({span}, low confidence): {reasons}"
