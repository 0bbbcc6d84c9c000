"""Normalization of amounts of time and clock times: durations, "ago", sets, times, fuzzy refs.

Durations become ISO-8601 periods ("P3Y", "PT48H", "PT5H30M", "PXY" when the count is
vague); "two days ago" becomes the day it names; sets ("every Monday", "daily") carry the
period or the repeating date ("XXXX-WXX-1"); "now" and "the past" become PRESENT_REF and
PAST_REF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from wiretrace.analyze.timex_around import near_event
from wiretrace.analyze.timex_calendar import add_months, day_value, month_value, week_value
from wiretrace.analyze.timex_events import event_day
from wiretrace.analyze.timex_lexicon import (
    NUMBER_WORDS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAY_RE,
    month_number,
    parse_number,
    unit_code,
    weekday_number,
)
from wiretrace.analyze.timex_scene import Reading, Scene
from wiretrace.analyze.timex_values import Normalizer, resolve_weekday
from wiretrace.model import TimexType

__all__ = ["AMOUNT_NORMALIZERS", "period"]

Groups = Mapping[str, str | None]
DATE, TIME, DURATION, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET

# the next smaller unit and how many of it make one: for "5 1/2 hours" → PT5H30M
_SMALLER = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True),
            "H": ("M", 60, True)}  # fmt: skip


def period(count: float | None, code: str, is_time: bool) -> str:
    """An ISO-8601 period: ``period(3, "Y", False)`` → "P3Y"; None → "PXY"; 5.5 hours → "PT5H30M"."""
    if code == "Q":
        code, count = "M", None if count is None else count * 3
    prefix = "PT" if is_time else "P"
    if count is None:
        return f"{prefix}X{code}"
    whole = int(count)
    rest = count - whole
    if rest < 1e-9:
        return f"{prefix}{whole}{code}"
    smaller, factor, smaller_is_time = _SMALLER.get(code, (code, 1, is_time))
    part = round(rest * factor)
    head = f"{prefix}{whole}{code}" if whole else prefix
    if smaller_is_time and not is_time:
        return f"{head}T{part}{smaller}"
    return f"{head}{part}{smaller}" if whole or not is_time else f"PT{part}{smaller}"


def _count(g: Groups) -> float | None:
    raw = (g.get("num") or "").strip()
    return parse_number(raw) if raw else 1.0


def duration(g: Groups, scene: Scene) -> Reading | None:
    """ "three years" → P3Y, "48 hours" → PT48H, "a decade" → P10Y, "16-hour" → PT16H; "a day"
    after an amount of things is a rate, a set ("dozens of interviews a day" → P1D)."""
    count = _count(g)
    code, is_time, factor = unit_code(g["unit"] or "")
    if count is not None:
        count *= factor
    if (g.get("num") or "").lower() in {"a", "an"} and not g.get("rel") and _after_amount(scene):
        return Reading(type=SET, value=period(count, code, is_time))
    return Reading(type=DURATION, value=period(count, code, is_time))


_QUANTITY_RE = re.compile(
    r"(?:\d[\d,.]*\s*(?:%|percent)?|\d[\d,.]*\s+[a-z]+s|(?:of|dozen|dozens|hundreds|thousands|millions|two|three"
    r"|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred|thousand|million|billion|several|many|few)"
    r"\s+[a-z]+s)\s+$",
    re.IGNORECASE,
)


_SIGNAL_AFTER_RE = re.compile(r"\s+(?:after|before|later|earlier|ago|from|or|of)\b", re.IGNORECASE)


def _after_amount(scene: Scene) -> bool:
    """Whether an amount of things comes right before: "50 dollars a day", "$5 a day",
    "5 percent a year", "hundreds of interviews a day" — not "lasts a day", "for a day"."""
    if _SIGNAL_AFTER_RE.match(scene.after(12)):
        return False  # "two rounds of talks a day after the vote": a distance in time
    return bool(_QUANTITY_RE.search(scene.text, max(0, scene.start - 40), scene.start))


def bare_units(g: Groups, scene: Scene) -> Reading | None:
    """ "years", "recent days", "the coming months", "decades-long" → PXY, PXD, PXM; but "in
    the weeks before the vote" and "days after the vote" are dates
    (:func:`timex_around.near_event`), unless a duration's preposition leads ("for days after")."""
    code, is_time, _ = unit_code(g["unit"] or "")
    lead = scene.text[max(0, scene.start - 8) : scene.start].split()[-1:]
    durational = bool(lead) and lead[0].lower() in {"for", "within", "over", "of", "after", "before"}
    if not g.get("rel") and not g.get("adj") and not is_time and (g.get("the") or not durational):
        near = near_event(code, scene)
        if near is not None:
            return near
    return Reading(type=DURATION, value=period(None, code, is_time))


def unit_long(g: Groups, scene: Scene) -> Reading | None:
    """ "day-long" → P1D, "decade-long" → P10Y."""
    code, is_time, factor = unit_code(g["unit"] or "")
    return Reading(type=DURATION, value=period(float(factor), code, is_time))


def ago(g: Groups, scene: Scene) -> Reading | None:
    """ "two days ago", "three years earlier", "a week from now": the day, week, month or year."""
    count = _count(g)
    code, is_time, factor = unit_code(g["unit"] or "")
    direction = (g["dir"] or "").lower()
    sign = -1 if direction in {"ago", "earlier", "before"} else 1
    base = scene.anchor if direction in {"ago", "hence", "from now"} else scene.base
    if count is None or count != int(count):
        return Reading(type=DATE, value="PAST_REF" if sign < 0 else "FUTURE_REF")
    if base is None:
        unknown = {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}
        return Reading(type=DATE, value="XXXX-XX-XX" if is_time else unknown.get(code, "XXXX-XX-XX"))
    steps = int(count) * factor * sign
    if is_time or code == "D":
        return Reading(type=DATE, value=day_value(base + dt.timedelta(days=steps if code == "D" else 0)))
    if code == "W":
        return Reading(type=DATE, value=week_value(base + dt.timedelta(weeks=steps)))
    if code in {"M", "Q"}:
        months = steps * (3 if code == "Q" else 1)
        return Reading(type=DATE, value=month_value(*add_months(base.year, base.month, months)))
    return Reading(type=DATE, value=f"{base.year + steps:04d}")


def _clock(hour: int, minute: int, ampm: str) -> tuple[int, int]:
    letter = ampm.lower().lstrip()[:1]
    if letter == "p" and hour < 12:
        hour += 12
    if letter == "a" and hour == 12:
        hour = 0
    return hour, minute


# a day named just after a clock time, past an aside: "10:35 a.m. (0735 GMT) Friday",
# "4 in the morning (4 a.m. EDT Thursday)"
_ASIDE_DAY_RE = re.compile(
    rf"\s*\((?:[^()]{{0,30}}?\b(?P<inside>{WEEKDAY_RE}|today|tomorrow|yesterday)\b)?[^()]{{0,30}}\)"
    rf"(?:\s+(?:on\s+)?(?P<after>{WEEKDAY_RE}|today|tomorrow|yesterday)\b)?"
)


def _aside_day(scene: Scene) -> str | None:
    m = _ASIDE_DAY_RE.match(scene.after(80))
    return (m.group("after") or m.group("inside")) if m else None


def _day_of(word: str | None, scene: Scene) -> str:
    """The date a time's day word ("Tuesday", "today") names; without one, a day the text
    has just named ("on Oct. 23, … at 10 p.m."), or the day of the event its sentence tells
    of (:func:`timex_events.event_day`), else the anchor."""
    anchor = scene.anchor
    word = word or _aside_day(scene)
    lower = (word or "").lower()
    number = weekday_number(lower) if lower else None
    if anchor is None:
        return f"XXXX-WXX-{number}" if number else "XXXX-XX-XX"
    if number is not None:
        return day_value(resolve_weekday(anchor, number, "", scene.tense()))
    if not lower and (near := scene.near_ref()) is not None:
        return day_value(near)
    if not lower and (day := event_day(scene.text, scene.start, scene.end, scene.dated)) is not None:
        return day
    shift = {"yesterday": -1, "tomorrow": 1}.get(lower, 0)
    return day_value(anchor + dt.timedelta(days=shift))


def clock_time(g: Groups, scene: Scene) -> Reading | None:
    """ "3 p.m.", "10:35 a.m. EST Tuesday", "15:30 GMT", "4 in the morning", "noon"."""
    word = (g.get("word") or "").lower()
    if word:
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    else:
        raw = (g.get("hour") or "").lower()
        hour = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 0)
        minute = int(g.get("min") or 0)
        ampm = g.get("ampm") or ("p" if g.get("pod") in {"afternoon", "evening"} else "a")
        if g.get("ampm") or g.get("pod"):
            hour, minute = _clock(hour, minute, ampm)
    day = _day_of(g.get("wd") or g.get("wd0"), scene)
    return Reading(type=TIME, value=f"{day}T{hour:02d}:{minute:02d}")


_ADVERB_PERIODS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                   "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "quarterly": "P3M",
                   "biannually": "P6M"}  # fmt: skip


def set_every(g: Groups, scene: Scene) -> Reading | None:
    """ "every Monday" → XXXX-WXX-1, "every two years" → P2Y, "each morning" → XXXX-XX-XXTMO,
    "every working day" → XXXX-WXX-WD."""
    unit = re.sub(r"s$", "", (g.get("unit") or "").lower()) if g.get("unit") else ""
    if g.get("adv"):
        return Reading(type=SET, value=_ADVERB_PERIODS[(g["adv"] or "").lower()])
    number = weekday_number(unit)
    if number is not None:
        return Reading(type=SET, value=f"XXXX-WXX-{number}")
    if unit in PARTS_OF_DAY:
        return Reading(type=SET, value=f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    if unit == "weekend":
        return Reading(type=SET, value="XXXX-WXX-WE")
    if unit.endswith("day") and unit != "day":  # "every working day", "each weekday"
        return Reading(type=SET, value="XXXX-WXX-WD")
    if unit in SEASONS:
        return Reading(type=SET, value=f"XXXX-{SEASONS[unit]}")
    month = month_number(unit)
    if month is not None:
        return Reading(type=SET, value=f"XXXX-{month:02d}")
    count = _count(g) if g.get("num") else (2.0 if g.get("other") else 1.0)
    code, is_time, factor = unit_code(unit)
    return Reading(type=SET, value=period(None if count is None else count * factor, code, is_time))


def set_weekdays(g: Groups, scene: Scene) -> Reading | None:
    number = weekday_number(g["wd"] or "")
    return Reading(type=SET, value=f"XXXX-WXX-{number}") if number else None


# "recently" is a TIMEX3 in TimeBank (PAST_REF); "lately" and "presently" are rarely tagged
_FUZZY = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
          "these days": "PRESENT_REF", "at present": "PRESENT_REF", "current": "PRESENT_REF",
          "the past": "PAST_REF", "recently": "PAST_REF"}  # fmt: skip


def fuzzy(g: Groups, scene: Scene) -> Reading | None:
    """ "now" → PRESENT_REF, "the past" and "recently" → PAST_REF, "the future" → FUTURE_REF."""
    word = " ".join((g["word"] or "").lower().split())
    if "future" in word:
        return Reading(type=DATE, value="FUTURE_REF")
    return Reading(type=DATE, value=_FUZZY[word])


AMOUNT_NORMALIZERS: dict[str, Normalizer] = {
    "duration": duration,
    "bare_units": bare_units,
    "unit_long": unit_long,
    "ago": ago,
    "time": clock_time,
    "time_24": clock_time,
    "time_word": clock_time,
    "time_oclock": clock_time,
    "set": set_every,
    "set_adverb": set_every,
    "set_freq": set_every,
    "set_weekdays": set_weekdays,
    "fuzzy": fuzzy,
}
