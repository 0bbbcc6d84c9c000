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
from dataclasses import replace

from wiretrace.analyze.timex_amounts import AMOUNT_NORMALIZERS
from wiretrace.analyze.timex_patterns import Candidate, find_candidates
from wiretrace.analyze.timex_published import infer_published
from wiretrace.analyze.timex_scene import Reading, Scene
from wiretrace.analyze.timex_values import CALENDAR_NORMALIZERS, Normalizer
from wiretrace.model import Analysis, PublishedSource, Span, Timex
from wiretrace.pipeline import Stage

__all__ = ["TimexesStage", "find_timexes", "infer_published"]

NORMALIZERS: dict[str, Normalizer] = {**CALENDAR_NORMALIZERS, **AMOUNT_NORMALIZERS}
# deixis names the anchor, not a story's own time line: it is no antecedent for "that day"
_NOT_REFERENCES = frozenset({"deictic", "part_of_day", "time", "rel_unit", "fuzzy", "weekday"})


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
    for cand in find_candidates(text):
        scene = Scene(
            text=text,
            start=cand.start,
            end=cand.end,
            anchor=anchor,
            ref=ref[0] if ref else None,
            ref_grain=ref[1] if ref else "day",
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
        if cand.rule not in _NOT_REFERENCES:
            ref = _reference(reading.value) or ref
    return tuple(found)


class TimexesStage(Stage):
    """Find and normalize the article's temporal expressions.

    An article without a publication date gets one inferred from its own relative dates when
    the evidence bounds it (``PublishedSource.INFERRED``); the timexes are then normalized
    against it.
    """

    name = "timexes"
    version = "1"
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
