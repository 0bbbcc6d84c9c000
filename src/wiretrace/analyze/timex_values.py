"""Normalization of calendar expressions to TIMEX3 values: dates, weeks, months, years, seasons.

One function per recognition rule (:data:`timex_patterns.RULES`), each ``(groups, scene) ->
Reading | None``; None drops the candidate (an impossible date like "Feb. 30"). Values
follow TimeML: "2023-07-11", "2023-W28", "2023-07", "2023", "199X", "2023-SU", "2023-Q3",
with ``X`` for the parts that an anchorless text leaves unknown ("XXXX-07-11").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping

from wiretrace.analyze.timex_calendar import (
    add_months,
    day_value,
    month_value,
    nearest_month_year,
    week_value,
    weekday_after,
    weekday_before,
)
from wiretrace.analyze.timex_lexicon import PARTS_OF_DAY, SEASONS, month_number, weekday_number
from wiretrace.analyze.timex_scene import Reading, Scene
from wiretrace.analyze.timex_seasons import fiscal_year, holiday, quarter, season, season_value
from wiretrace.analyze.timex_tense import Tense
from wiretrace.model import TimexType

__all__ = ["CALENDAR_NORMALIZERS", "resolve_weekday"]

Groups = Mapping[str, str | None]
Normalizer = Callable[[Groups, Scene], Reading | None]

DATE, TIME, DURATION = TimexType.DATE, TimexType.TIME, TimexType.DURATION
_NEAR_DAYS = 120
_AGAINST_TENSE_DAYS = 60
_YEAR_AFTER_RE = re.compile(r"^,?\s+(this|next|last)\s+year\b", re.IGNORECASE)
_REL_DELTA = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}


def _day_number(raw: str | None) -> int:
    return int(re.sub(r"\D", "", raw or "0") or 0)


def _valid(year: int | None, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _explicit_year_after(g: Groups, scene: Scene) -> int | None:
    """ "in April next year": the year named right after a month or day, read at the anchor."""
    word = g.get("yrel")
    if not word:
        m = _YEAR_AFTER_RE.match(scene.after())
        word = m.group(1) if m else None
    if word is None or scene.anchor is None:
        return None
    return scene.anchor.year + {"this": 0, "next": 1, "last": -1}[word.lower()]


def day_year(anchor: dt.date, month: int, day: int, tense: Tense, *, near: int = _NEAR_DAYS) -> int:
    """The year of "July 11" read at ``anchor``: a date within ``near`` days wins, else the tense."""
    options = [dt.date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1) if _valid(y, month, day)]
    # a tense rules out a date more than two months the other way ("burned on Oct. 23" in July
    # is last October; "subpoenaed to testify on Feb. 10" in January is still ahead)
    if tense == "past":
        options = [d for d in options if (d - anchor).days <= _AGAINST_TENSE_DAYS] or options
    elif tense == "future":
        options = [d for d in options if (anchor - d).days <= _AGAINST_TENSE_DAYS] or options
    close = [d for d in options if abs((d - anchor).days) <= near]
    if close:
        return min(close, key=lambda d: abs((d - anchor).days)).year
    ahead, behind = [d for d in options if d >= anchor], [d for d in options if d <= anchor]
    if tense == "future" and ahead:
        return min(ahead).year
    if tense == "past" and behind:
        return max(behind).year
    return min(options, key=lambda d: abs((d - anchor).days)).year


def _with_pod(value: str, pod: str | None) -> Reading:
    if pod:
        return Reading(type=TIME, value=f"{value}T{PARTS_OF_DAY[pod.lower()]}")
    return Reading(type=DATE, value=value)


# --------------------------------------------------------------------------- absolute dates


def date_md(g: Groups, scene: Scene) -> Reading | None:
    """ "July 11", "July 11, 2023", "11 July", ranges "July 11-12" and "June 30-July 2"."""
    month = month_number(g["mon"] or "")
    day = _day_number(g["day"])
    if month is None:
        return None
    year = int(g["year"] or 0) if g.get("year") else _explicit_year_after(g, scene)
    if year is None and scene.anchor is not None and _valid(None, month, day):
        rel = (g.get("rel") or "").lower()
        tense: Tense = "past" if rel == "last" else "future" if rel == "next" else scene.tense()
        year = day_year(scene.anchor, month, day, tense, near=0 if rel in {"last", "next"} else _NEAR_DAYS)
    if not _valid(year, month, day):
        return None
    yy = f"{year:04d}" if year else "XXXX"
    value = f"{yy}-{month:02d}-{day:02d}"
    if not g.get("day2"):
        return Reading(type=DATE, value=value)
    month2 = month_number(g.get("mon2") or "") or month
    day2 = _day_number(g["day2"])
    year2 = year + 1 if year and month2 < month else year
    if not _valid(year2, month2, day2) or ((month2, day2) <= (month, day) and month2 == month):
        return None
    yy2 = f"{year2:04d}" if year2 else "XXXX"
    return Reading(type=DATE, value=value, end_value=f"{yy2}-{month2:02d}-{day2:02d}")


def date_numeric(g: Groups, scene: Scene) -> Reading | None:
    """ "2023-07-11" (with an optional "T15:30"), "7/11/2023", "7/11/23"."""
    raw_year = g["year"] or ""
    year = int(raw_year)
    if len(raw_year) == 2:
        pivot = (scene.anchor.year % 100 if scene.anchor else 30) + 10
        year += 2000 if year <= pivot else 1900
    month, day = int(g["mon"] or 0), int(g["day"] or 0)
    if not _valid(year, month, day):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if g.get("hour"):
        return Reading(type=TIME, value=f"{value}T{g['hour']}:{g['min']}")
    return Reading(type=DATE, value=value)


def week_of(g: Groups, scene: Scene) -> Reading | None:
    """ "the week of March 6" → the ISO week holding that day."""
    day_reading = date_md(g, scene)
    if day_reading is None or day_reading.value.startswith("X"):
        return Reading(type=DATE, value="XXXX-WXX") if day_reading else None
    return Reading(type=DATE, value=week_value(dt.date.fromisoformat(day_reading.value)))


def month_year(g: Groups, scene: Scene) -> Reading | None:
    month = month_number(g["mon"] or "")
    return Reading(type=DATE, value=month_value(int(g["year"] or 0), month)) if month else None


def month_alone(g: Groups, scene: Scene) -> Reading | None:
    """ "April", "last April", "early June": the year from the anchor and the tense."""
    month = month_number(g["mon"] or "")
    if month is None:
        return None
    anchor = scene.anchor
    if anchor is None:
        return Reading(type=DATE, value=f"XXXX-{month:02d}")
    rel = (g.get("rel") or "").lower()
    if rel in {"last", "past", "previous"}:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in {"next", "coming"}:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel in {"this", "current"}:
        year = anchor.year
    else:
        year = _explicit_year_after(g, scene) or nearest_month_year(anchor, month, scene.tense())
    return Reading(type=DATE, value=month_value(year, month))


def year(g: Groups, scene: Scene) -> Reading | None:
    return Reading(type=DATE, value=f"{int(g['year'] or 0):04d}")


def year_range(g: Groups, scene: Scene) -> Reading | None:
    first, second = g["year"] or "", g["year2"] or ""
    last = second if len(second) == 4 else first[:2] + second
    return Reading(type=DATE, value=first, end_value=last)


def decade(g: Groups, scene: Scene) -> Reading | None:
    """ "the 1990s" → "199X" (the convention of the TempEval-3 data)."""
    return Reading(type=DATE, value=f"{(g['dec'] or '')[:3]}X")


def decade_short(g: Groups, scene: Scene) -> Reading | None:
    """ "the '90s": the latest such decade not after the anchor (the 1900s when there is none)."""
    dd = int(g["dd"] or 0)
    century = 19
    if scene.anchor is not None:
        century = scene.anchor.year // 100 - (1 if dd > scene.anchor.year % 100 else 0)
    return Reading(type=DATE, value=f"{century:02d}{dd // 10}X")


_AHEAD_RE = re.compile(r"\b(?:before|until|till|through|by)\s*$", re.IGNORECASE)


def weekend(g: Groups, scene: Scene) -> Reading | None:
    """ "the weekend": the one before the anchor, or the anchor's own when it falls on one;
    the coming one in the future tense or after "before", "until", "through"."""
    if scene.anchor is None:
        return Reading(type=DATE, value="XXXX-WXX-WE")
    ahead = scene.tense() == "future" or _AHEAD_RE.search(scene.text, max(0, scene.start - 10), scene.start)
    if scene.anchor.isoweekday() < 6 and not ahead:
        return Reading(type=DATE, value=week_value(scene.anchor - dt.timedelta(weeks=1)) + "-WE")
    return Reading(type=DATE, value=week_value(scene.anchor) + "-WE")


def century(g: Groups, scene: Scene) -> Reading | None:
    """ "the 20th century" → "19"."""
    n = int(g["ord"] or 0)
    return Reading(type=DATE, value=f"{n - 1:02d}") if 1 <= n <= 21 else None


# --------------------------------------------------------------------------- weekdays


def resolve_weekday(anchor: dt.date, weekday: int, rel: str, tense: Tense) -> dt.date:
    """The day a weekday name means at ``anchor``.

    "last"/"past" → strictly before; "next" → strictly after; "this"/"coming" → on or after.
    Alone, the anchor's own weekday is the anchor (wire copy says "Friday" for today); other
    days look forward only with a future cue ("will", "plans to") and back otherwise, the
    convention of news.
    """
    if rel in {"last", "past"}:
        return weekday_before(anchor, weekday, strict=True)
    if rel == "next":
        return weekday_after(anchor, weekday, strict=True)
    if rel in {"this", "coming"}:
        return weekday_after(anchor, weekday, strict=False)
    if anchor.isoweekday() == weekday:
        return anchor
    if tense == "future":
        return weekday_after(anchor, weekday, strict=True)
    return weekday_before(anchor, weekday, strict=True)


def weekday(g: Groups, scene: Scene) -> Reading | None:
    """ "Tuesday", "last Tuesday", "Tuesday morning" (→ "2023-07-04TMO")."""
    number = weekday_number(g["wd"] or "")
    if number is None:
        return None
    if scene.anchor is None:
        return _with_pod(f"XXXX-WXX-{number}", g.get("pod"))
    rel = (g.get("rel") or "").lower()
    possessive = scene.after(2) in {"'s", "’s"}  # "Wednesday's ruling" has happened
    tense = None if possessive else scene.tense()
    deadline = _AHEAD_RE.search(scene.text, max(0, scene.start - 10), scene.start)
    if tense is None and deadline and not rel and not possessive:
        tense = "future"  # a deadline with no tense of its own: "has until Monday to pay"
    day = resolve_weekday(scene.anchor, number, rel, tense)
    return _with_pod(day_value(day), g.get("pod"))


def weekday_range(g: Groups, scene: Scene) -> Reading | None:
    """ "from Monday to Wednesday": both days, counted from the first."""
    first, last = weekday_number(g["wd"] or ""), weekday_number(g["wd2"] or "")
    if first is None or last is None:
        return None
    if scene.anchor is None:
        return Reading(type=DATE, value=f"XXXX-WXX-{first}", end_value=f"XXXX-WXX-{last}")
    start = resolve_weekday(scene.anchor, first, "", scene.tense())
    end = start + dt.timedelta(days=(last - first) % 7)
    return Reading(type=DATE, value=day_value(start), end_value=day_value(end))


# --------------------------------------------------------------------------- deixis


def deictic(g: Groups, scene: Scene) -> Reading | None:
    """ "today", "yesterday", "tomorrow", "tonight", "yesterday morning"."""
    word = (g["word"] or "").lower()
    pod = g.get("pod") or ("night" if word == "tonight" else None)
    if scene.anchor is None:
        return _with_pod("XXXX-XX-XX", pod)
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    return _with_pod(day_value(scene.anchor + dt.timedelta(days=shift)), pod)


def part_of_day(g: Groups, scene: Scene) -> Reading | None:
    """ "this morning", "last night"."""
    if scene.anchor is None:
        return _with_pod("XXXX-XX-XX", g["pod"])
    shift = -1 if (g["rel"] or "").lower() == "last" else 0
    return _with_pod(day_value(scene.anchor + dt.timedelta(days=shift)), g["pod"])


def anaphor(g: Groups, scene: Scene) -> Reading | None:
    """ "that day", "that same week", "later that year": the last date mentioned, else the anchor."""
    base, unit = scene.base, (g["unit"] or "").lower()
    grain = scene.ref_grain if scene.ref is not None else "day"
    if base is not None and grain != "day" and unit not in {"year", "month"}:
        return Reading(
            type=DATE, value=f"{base.year:04d}-{base.month:02d}-XX" if grain == "month" else f"{base.year:04d}-XX-XX"
        )
    if base is not None and grain == "year" and unit == "month":
        return Reading(type=DATE, value=f"{base.year:04d}-XX")
    if base is None:
        unknown = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}
        return _with_pod(unknown.get(unit, "XXXX-XX-XX"), unit if unit in PARTS_OF_DAY else None)
    if unit == "week":
        return Reading(type=DATE, value=week_value(base))
    if unit == "month":
        return Reading(type=DATE, value=month_value(base.year, base.month))
    if unit == "year":
        return Reading(type=DATE, value=f"{base.year:04d}")
    return _with_pod(day_value(base), unit if unit in PARTS_OF_DAY else None)


def rel_unit(g: Groups, scene: Scene) -> Reading | None:
    """ "last week", "next month", "this year", "the past year", "this summer", "next quarter"."""
    rel, unit = " ".join((g["rel"] or "").lower().split()), (g["unit"] or "").lower()
    if rel == "this past":  # "this past weekend": the last one, a date
        rel = "last"
    if unit in SEASONS:
        return season_value(SEASONS[unit], rel, scene)
    if unit in {"decade", "century", "fortnight"} or (rel == "past" and unit != "day"):
        return _rel_duration(rel, unit, scene)
    if (g.get("the") or "") and rel == "last" and unit in {"week", "month", "year"}:
        return _rel_duration(rel, unit, scene)
    delta = _REL_DELTA.get(rel, 0)
    if unit in PARTS_OF_DAY:
        day = _rel_day(delta, scene)
        return day if day.value.startswith("X") else _with_pod(day.value, unit)
    if unit == "day":
        return _rel_day(delta, scene)
    anchor = scene.anchor
    if anchor is None:
        unknown = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX"}
        return Reading(type=DATE, value=unknown.get(unit, "XXXX-QX"))
    if unit in {"week", "weekend"}:
        value = week_value(anchor + dt.timedelta(weeks=delta))
        return Reading(type=DATE, value=value + ("-WE" if unit == "weekend" else ""))
    if unit == "month":
        return Reading(type=DATE, value=month_value(*add_months(anchor.year, anchor.month, delta)))
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + delta
        return Reading(type=DATE, value=f"{index // 4:04d}-Q{index % 4 + 1}")
    return Reading(type=DATE, value=f"{anchor.year + delta:04d}")


def _rel_day(delta: int, scene: Scene) -> Reading:
    """ "the next day", "the previous day" count from the last date; "this day" is the anchor.

    After a date given only to the month or year ("since 1990 … the next day") the day is
    unknown: "1990-XX-XX".
    """
    base = scene.base if delta else scene.anchor
    if base is None:
        return Reading(type=DATE, value="XXXX-XX-XX")
    if delta and scene.ref is not None and scene.ref_grain != "day":
        month = f"{base.month:02d}" if scene.ref_grain == "month" else "XX"
        return Reading(type=DATE, value=f"{base.year:04d}-{month}-XX")
    return Reading(type=DATE, value=day_value(base + dt.timedelta(days=delta)))


def _rel_duration(rel: str, unit: str, scene: Scene) -> Reading:
    """ "the past year", "the last decade", "this century": a stretch of time, not a date."""
    if unit == "decade" and rel in {"this", "current"}:
        return Reading(type=DATE, value=f"{str(scene.anchor.year)[:3]}X" if scene.anchor else "XXXX")
    size = {
        "decade": "P10Y",
        "century": "P100Y",
        "fortnight": "P2W",
        "week": "P1W",
        "weekend": "P2D",
        "month": "P1M",
        "year": "P1Y",
        "quarter": "P3M",
    }
    return Reading(type=DURATION, value=size.get(unit, "P1D"))


CALENDAR_NORMALIZERS: dict[str, Normalizer] = {
    "date_mdy": date_md,
    "date_dmy": date_md,
    "date_iso": date_numeric,
    "date_slash": date_numeric,
    "week_of": week_of,
    "month_year": month_year,
    "month": month_alone,
    "year_range": year_range,
    "year": year,
    "decade": decade,
    "decade_short": decade_short,
    "century": century,
    "weekend": weekend,
    "weekday_range": weekday_range,
    "weekday": weekday,
    "deictic": deictic,
    "part_of_day": part_of_day,
    "anaphor": anaphor,
    "rel_unit": rel_unit,
    "season": season,
    "quarter": quarter,
    "quarter_code": quarter,
    "fiscal": fiscal_year,
    "holiday": holiday,
}
