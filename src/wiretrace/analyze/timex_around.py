"""Normalization of times placed against another time: "the day before", "the end of the year".

"The day before" and "the year after" count from the last date the text mentioned (the
anchor when there is none), as "that day" does; "the day before last Tuesday's hearing"
counts from the day it names. "The end of the year" is the year itself (TimeML marks the
edge with a ``mod``, not in the value). "In the weeks before the shooting" is a date near
the last one mentioned, not an amount of time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from wiretrace.analyze.timex_calendar import add_months, day_value, month_value, week_value
from wiretrace.analyze.timex_events import event_date
from wiretrace.analyze.timex_lexicon import PARTS_OF_DAY, weekday_number
from wiretrace.analyze.timex_scene import Reading, Scene
from wiretrace.analyze.timex_values import Normalizer, resolve_weekday
from wiretrace.model import TimexType

__all__ = ["AROUND_NORMALIZERS", "near_event"]

Groups = Mapping[str, str | None]
DATE, TIME = TimexType.DATE, TimexType.TIME
_EARLIER = frozenset({"before", "earlier", "prior"})
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}  # how coarse a grain is; parts of day are days
_EVENT_AFTER_RE = re.compile(r"\s+(?:before|after|leading\s+up\s+to|preceding|following)\s+(?!now\b)", re.IGNORECASE)


def _shifted(base: dt.date, unit: str, steps: int) -> Reading:
    """``base`` moved ``steps`` units, as a value of that unit's grain."""
    if unit == "year":
        return Reading(type=DATE, value=f"{base.year + steps:04d}")
    if unit == "month":
        return Reading(type=DATE, value=month_value(*add_months(base.year, base.month, steps)))
    if unit == "week":
        return Reading(type=DATE, value=week_value(base + dt.timedelta(weeks=steps)))
    day = day_value(base + dt.timedelta(days=steps))
    if unit in PARTS_OF_DAY:
        return Reading(type=TIME, value=f"{day}T{PARTS_OF_DAY[unit]}")
    return Reading(type=DATE, value=day)


def unit_around(g: Groups, scene: Scene) -> Reading | None:
    """ "the day before", "the night before", "the year after", "the day before last Tuesday"."""
    unit = (g.get("unit") or "").lower()
    direction = (g.get("dir") or g.get("adv") or g.get("prep") or "").lower()
    steps = -1 if direction in _EARLIER else 1
    number = weekday_number(g.get("wd") or "")
    if number is not None and scene.anchor is not None:
        base: dt.date | None = resolve_weekday(scene.anchor, number, (g.get("wrel") or "").lower(), scene.tense())
    elif number is None and scene.ref is not None and _RANK[scene.ref_grain] > _RANK.get(unit, 0):
        # after "in 1990", "the day before" is some day of 1990 and "the week after" some week
        year = f"{scene.ref.year:04d}"
        if unit == "week":
            return Reading(type=DATE, value=f"{year}-WXX")
        if unit == "month" or scene.ref_grain == "year":
            return Reading(type=DATE, value=f"{year}-XX" + ("" if unit == "month" else "-XX"))
        return Reading(type=DATE, value=f"{year}-{scene.ref.month:02d}-XX")
    else:
        base = scene.base
    if base is None:
        unknown = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}
        return Reading(type=DATE, value=unknown.get(unit, "XXXX-XX-XX"))
    return _shifted(base, unit, steps)


def edge_unit(g: Groups, scene: Scene) -> Reading | None:
    """ "the end of the year", "the beginning of the month": the anchor's (news speaks of its
    own year: "pledged to finish by the end of the year")."""
    unit = (g.get("unit") or "").lower()
    day = scene.anchor
    if day is None:
        unknown = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "decade": "XXX", "century": "XX"}
        return Reading(type=DATE, value=unknown[unit])
    if unit == "decade":
        return Reading(type=DATE, value=f"{day.year // 10:03d}X")
    if unit == "century":
        return Reading(type=DATE, value=f"{day.year // 100:02d}")
    return _shifted(day, unit, 0)


def near_event(unit: str, scene: Scene) -> Reading | None:
    """ "in the weeks before the shooting": a date near the event, to the month for days and
    weeks and to the year for months; None when no event follows the words. The event's date is
    the one an earlier sentence gives an event of its kind (:func:`timex_events.event_date`:
    "the Oct. 23 slaying"), else the last day the text named, else the anchor ("the 1953
    armistice, days after the vote" says nothing about when the vote was)."""
    signal = _EVENT_AFTER_RE.match(scene.after(40))
    if unit not in {"D", "W", "M"} or signal is None:
        return None
    event = event_date(scene.text, scene.end + signal.end(), scene.dated)
    if event is not None:
        return Reading(type=DATE, value=event[:4] if unit == "M" else event[:7])
    base = scene.ref if scene.ref is not None and scene.ref_grain == "day" else scene.anchor
    if base is None:
        return Reading(type=DATE, value="XXXX-XX" if unit != "M" else "XXXX")
    if unit == "M":
        return Reading(type=DATE, value=f"{base.year:04d}")
    return Reading(type=DATE, value=month_value(base.year, base.month))


AROUND_NORMALIZERS: dict[str, Normalizer] = {
    "unit_around": unit_around,
    "edge_unit": edge_unit,
}
