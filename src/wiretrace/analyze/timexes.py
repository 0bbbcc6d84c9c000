"""The temporal-expression stage: our own TIMEX3 tagger and normalizer.

:func:`find_timexes` finds every date, time, duration and set in a text with exact offsets
and normalizes each against an anchor date (the publication date) to a TIMEX3 value:
recognition in :mod:`timex_patterns`, values in :mod:`timex_values` and
:mod:`timex_amounts`. :class:`TimexesStage` runs it on an article, first inferring the
publication date from the text (:mod:`timex_published`) when the article has none.

Pure Python and ``re``: no model, a few hundred articles a second.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from wiretrace.analyze.timex_amounts import AMOUNT_NORMALIZERS
from wiretrace.analyze.timex_around import AROUND_NORMALIZERS
from wiretrace.analyze.timex_patterns import Candidate, find_candidates
from wiretrace.analyze.timex_published import infer_published
from wiretrace.analyze.timex_scene import Reading, Scene
from wiretrace.analyze.timex_values import CALENDAR_NORMALIZERS, Normalizer
from wiretrace.model import Analysis, PublishedSource, Span, Timex
from wiretrace.pipeline import Stage

__all__ = ["TimexesStage", "find_timexes", "infer_published", "timeml_parts", "timeml_value"]

NORMALIZERS: dict[str, Normalizer] = {**CALENDAR_NORMALIZERS, **AMOUNT_NORMALIZERS, **AROUND_NORMALIZERS}
# deixis names the anchor, not a story's own time line: it is no antecedent for "that day"
# (a weekday is: "last Tuesday's hearing … the next morning")
_NOT_REFERENCES = frozenset({"deictic", "part_of_day", "time", "rel_unit", "fuzzy"})


_WEEK_RE = re.compile(r"-W0(\d)")
_RANGE_JOINER_RE = re.compile(r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\band\b)\s*")


def timeml_value(value: str) -> str:
    """A value as the TimeML corpora write it: ISO weeks without zero padding ("2000-W07" → "2000-W7").

    Wiretrace keeps ISO 8601 values; TimeBank, AQUAINT and the TempEval-3 data write week
    numbers unpadded, and their scorers compare values as strings.
    """
    return _WEEK_RE.sub(r"-W\1", value) if "-W0" in value else value


def timeml_parts(timex: Timex) -> tuple[Timex, ...]:
    """A timex as TimeML annotates it, values in :func:`timeml_value` form.

    TimeML has no range value, so the ends of a range are two TIMEX3s: "1991 to 1997" →
    "1991" and "1997"; "July 11-12" → "July 11" and "12" (as TempEval-3 marks "April 24
    and 25"). Anything else is itself.
    """
    value = timeml_value(timex.value)
    joiner = _RANGE_JOINER_RE.search(timex.text) if timex.end_value else None
    if timex.end_value is None or joiner is None or not 0 < joiner.start() < joiner.end() < len(timex.text):
        return (replace(timex, value=value),)
    start, cut, resume = timex.span.start, timex.span.start + joiner.start(), timex.span.start + joiner.end()
    return (
        Timex(span=Span(start, cut), text=timex.text[: joiner.start()], type=timex.type, value=value),
        Timex(
            span=Span(resume, timex.span.end),
            text=timex.text[joiner.end() :],
            type=timex.type,
            value=timeml_value(timex.end_value),
        ),
    )


def _normalize(cand: Candidate, scene: Scene) -> Reading | None:
    return NORMALIZERS[cand.rule](cand.groups, scene)


def _reference(value: str) -> tuple[dt.date, str] | None:
    """The date a value names and its grain: "2023-07-11" → day, "2023-07" → month, "2023" → year."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value[:10]), "day"
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            return dt.date(int(value[:4]), int(value[5:]), 1), "month"
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), "year"
    except ValueError:
        return None
    return None


def find_timexes(text: str, anchor: dt.date | None) -> tuple[Timex, ...]:
    """Every temporal expression in ``text``, normalized against ``anchor``.

    ``anchor`` is the publication date; without one, the parts of a value that depend on it
    are left unknown ("XXXX-07-11", "XXXX-WXX-2"). Anaphora ("that day", "two days later")
    count from the last day mentioned before them.
    """
    found: list[Timex] = []
    ref: tuple[dt.date, str] | None = None
    ref_end = -1
    dated: tuple[tuple[int, int, str], ...] = ()
    for cand in find_candidates(text):
        scene = Scene(
            text=text,
            start=cand.start,
            end=cand.end,
            anchor=anchor,
            ref=ref[0] if ref else None,
            ref_grain=ref[1] if ref else "day",
            ref_end=ref_end,
            dated=dated,
        )
        reading = _normalize(cand, scene)
        if reading is None:
            continue
        found.append(
            Timex(
                span=Span(cand.start, cand.end),
                text=text[cand.start : cand.end],
                type=reading.type,
                value=reading.value,
                end_value=reading.end_value,
            )
        )
        dated = (*dated, (cand.start, cand.end, reading.value))
        if cand.rule not in _NOT_REFERENCES and (named := _reference(reading.value)) is not None:
            ref, ref_end = named, cand.end
    return tuple(found)


class TimexesStage(Stage):
    """Find and normalize the article's temporal expressions.

    An article without a publication date gets one inferred from its own relative dates when
    the evidence bounds it (``PublishedSource.INFERRED``); the timexes are then normalized
    against it.
    """

    name = "timexes"
    version = "4"
    needs = frozenset({"article"})
    gives = frozenset({"timexes"})

    def __call__(self, analysis: Analysis) -> Analysis:
        article = analysis.article
        if article is None:
            return analysis
        if article.published is None:
            inferred = infer_published(article.body, find_timexes(article.body, None))
            if inferred is not None:
                article = replace(article, published=inferred[0], published_source=PublishedSource.INFERRED)
        timexes = find_timexes(article.body, article.published)
        return replace(analysis, article=article, timexes=timexes)
