"""Normalization of seasons, quarters and holidays: "last fall", "the third quarter", "Thanksgiving".

Functions ``(groups, scene) -> Reading | None`` registered in
:data:`timex_values.CALENDAR_NORMALIZERS`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from wiretrace.analyze.timex_calendar import SEASON_START, day_value, holiday_date, season_of, week_value
from wiretrace.analyze.timex_lexicon import HOLIDAYS, SEASONS
from wiretrace.analyze.timex_scene import Reading, Scene
from wiretrace.analyze.timex_tense import Tense
from wiretrace.model import TimexType

__all__ = ["fiscal_year", "holiday", "quarter", "season", "season_value"]

Groups = Mapping[str, str | None]
DATE = TimexType.DATE
_REL_DELTA = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}


def season_value(code: str, rel: str, scene: Scene, tense: Tense = None) -> Reading:
    """The instance of a season that "this"/"last"/"next" (or the tense) picks at the anchor."""
    anchor = scene.anchor
    if anchor is None:
        return Reading(type=DATE, value=f"XXXX-{code}")
    now_year, now_code = season_of(anchor)
    current = dt.date(now_year, SEASON_START[now_code], 1)
    starts = [dt.date(y, SEASON_START[code], 1) for y in range(anchor.year - 2, anchor.year + 2)]
    delta = _REL_DELTA.get(rel, 0)
    if delta < 0:
        chosen = max(d for d in starts if d < current)
    elif delta > 0:
        chosen = min(d for d in starts if d > current)
    elif not rel and tense == "past":
        chosen = max(d for d in starts if d <= current)
    elif not rel and tense == "future":
        chosen = min(d for d in starts if d >= current)
    else:
        chosen = min(starts, key=lambda d: abs((d + dt.timedelta(days=45) - anchor).days))
    return Reading(type=DATE, value=f"{chosen.year:04d}-{code}")


def season(g: Groups, scene: Scene) -> Reading | None:
    """ "this summer", "last fall", "summer 2022", "in the spring"."""
    code = SEASONS[(g["season"] or "").lower()]
    if g.get("year"):
        return Reading(type=DATE, value=f"{g['year']}-{code}")
    rel = (g.get("rel") or "").lower()
    return season_value(code, rel, scene, None if rel else scene.tense())


def quarter(g: Groups, scene: Scene) -> Reading | None:
    """ "the third quarter" → "2023-Q3"; "the first half of 2022" → "2022-H1"; "the first
    quarter of next year", "the second half of the year" (the anchor's), "the second quarter of
    fiscal 2013"."""
    ordinal = (g.get("ord") or g.get("q") or "").lower()
    number = {
        "first": 1,
        "1st": 1,
        "q1": 1,
        "second": 2,
        "2nd": 2,
        "q2": 2,
        "third": 3,
        "3rd": 3,
        "q3": 3,
        "fourth": 4,
        "4th": 4,
        "q4": 4,
        "last": 4,
        "final": 4,
    }[ordinal]
    half = (g.get("unit") or "") == "half"
    if half and number > 2:
        number = 2
    letter, size = ("H", 6) if half else ("Q", 3)
    if g.get("year"):
        return Reading(type=DATE, value=f"{g['year']}-{letter}{number}")
    if scene.anchor is None:
        return Reading(type=DATE, value=f"XXXX-{letter}{number}")
    if g.get("yrel"):  # "the first quarter of next year"
        shift = {"this": 0, "the": 0, "next": 1, "last": -1}[(g["yrel"] or "").lower()]
        return Reading(type=DATE, value=f"{scene.anchor.year + shift:04d}-{letter}{number}")
    current = (scene.anchor.month - 1) // size + 1
    year_ = scene.anchor.year
    if number > current and scene.tense() != "future":
        year_ -= 1
    return Reading(type=DATE, value=f"{year_:04d}-{letter}{number}")


def fiscal_year(g: Groups, scene: Scene) -> Reading | None:
    """ "fiscal 2012", "fiscal year 2013", "FY12" → the year it is numbered by ("2012")."""
    raw = (g.get("year") or "").lstrip("'’")
    year = int(raw)
    if len(raw) == 2:
        pivot = (scene.anchor.year % 100 if scene.anchor else 30) + 10
        year += 2000 if year <= pivot else 1900
    return Reading(type=DATE, value=f"{year:04d}")


def holiday(g: Groups, scene: Scene) -> Reading | None:
    """ "Thanksgiving", "last Christmas", "Election Day 2022"; "Easter week" and "Thanksgiving
    weekend" are the ISO week that holds the day ("2023-W15", "2023-W47-WE")."""
    name = re.sub(r"\s+", " ", (g["hol"] or "").lower().replace("’", "'"))
    name = re.sub(r" (day|sunday)$", "", name)
    rule = HOLIDAYS.get(name)
    if rule is None:
        return None
    week = (g.get("week") or "").lower()
    if g.get("year"):
        return _holiday_reading(holiday_date(rule, int(g["year"] or 0)), week)
    anchor = scene.anchor
    if anchor is None:
        if week:
            return Reading(type=DATE, value="XXXX-WXX" + ("-WE" if week == "weekend" else ""))
        fixed = "-" in rule
        return Reading(type=DATE, value=f"XXXX-{rule}" if fixed else "XXXX-XX-XX")
    options = [holiday_date(rule, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    rel = (g.get("rel") or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or scene.tense()
    # a week has begun once its Monday is past: "as Easter week began" on Easter Monday's eve
    begun = {d: d - dt.timedelta(days=d.isoweekday() - 1) if week == "week" else d for d in options}
    if rel == "this":
        chosen = options[1]
    elif tense == "past" and any(begun[d] <= anchor for d in options):
        chosen = max(d for d in options if begun[d] <= anchor)
    elif tense == "future":
        chosen = min(d for d in options if d >= anchor)
    else:
        chosen = min(options, key=lambda d: abs((d - anchor).days))
    return _holiday_reading(chosen, week)


def _holiday_reading(day: dt.date, week: str) -> Reading:
    if week == "week":
        return Reading(type=DATE, value=week_value(day))
    if week == "weekend":
        return Reading(type=DATE, value=week_value(day) + "-WE")
    return Reading(type=DATE, value=day_value(day))
