"""What normalizing one expression may look at: the text, the anchor date, the dates before.

A :class:`Scene` is built per candidate by :func:`wiretrace.analyze.timexes.find_timexes`; the
normalizers in :mod:`timex_values` and :mod:`timex_amounts` read it and return a
:class:`Reading`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from wiretrace.analyze.timex_tense import Tense, tense_near
from wiretrace.model import TimexType

__all__ = ["Reading", "Scene"]

_SENTENCE_BREAK = re.compile(r"[.!?][\s\"”']|\n")


@dataclass(frozen=True, slots=True)
class Reading:
    """The TIMEX3 type and value (and a range's last value) of one expression."""

    type: TimexType
    value: str
    end_value: str | None = None


@dataclass(frozen=True, slots=True)
class Scene:
    """One expression in its text: where it is, the anchor, and the last day mentioned."""

    text: str
    start: int
    end: int
    anchor: dt.date | None
    ref: dt.date | None = None  # the last date mentioned before this expression
    ref_grain: str = "day"  # how precisely it was given: "day", "month" or "year"
    ref_end: int = -1  # where in the text that date ends
    dated: tuple[tuple[int, int, str], ...] = ()  # every earlier timex: start, end, value

    def near_ref(self, chars: int = 150) -> dt.date | None:
        """The last date mentioned, if it is a day named earlier in this same sentence, at
        most ``chars`` characters back ("On Oct. 23, he was shot at 10 p.m.")."""
        if self.ref is None or self.ref_grain != "day" or not 0 <= self.start - self.ref_end <= chars:
            return None
        return None if _SENTENCE_BREAK.search(self.text, self.ref_end, self.start) else self.ref

    def tense(self) -> Tense:
        """ "past", "future" or None, from the words around the expression."""
        return tense_near(self.text, self.start, self.end)

    def after(self, n: int = 30) -> str:
        """Up to ``n`` characters of the text after the expression."""
        return self.text[self.end : self.end + n]

    @property
    def base(self) -> dt.date | None:
        """The date that anaphora ("that day", "two days later") count from."""
        return self.ref or self.anchor
