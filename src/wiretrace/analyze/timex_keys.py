"""Where each temporal-expression rule can match: key words and the windows around them.

Every rule of :mod:`timex_patterns` has a key, a set of words every match of it holds
(month names, weekday names, unit words, digits…). :func:`key_windows` finds those words
with one cheap tokenizing pass, and :func:`rule_matches` runs a rule's regex only in the
windows around its key's words, which keeps a tagger of forty rules fast on long texts.
"""

from __future__ import annotations

import re

from wiretrace.analyze.timex_lexicon import MONTHS, WEEKDAYS

__all__ = ["key_windows", "rule_matches"]

_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+")
_KEY_WORDS: dict[str, frozenset[str]] = {
    "month": frozenset(MONTHS),
    "weekday": frozenset([*WEEKDAYS, *(f"{w}s" for w in WEEKDAYS)]),
    "deictic": frozenset("today tonight tomorrow yesterday".split()),
    "unit": frozenset(
        "second seconds minute minutes hour hours day days night nights week weeks weekend weekends "
        "fortnight month months year years decade decades century centuries quarter quarters half "
        "morning mornings afternoon evening evenings overnight spring summer fall autumn winter".split()
    ),
    "fuzzy": frozenset("now current currently past future present nowadays days recently".split()),
    "holiday": frozenset("christmas year thanksgiving easter friday day halloween".split()),
    "ampm": frozenset("m am pm".split()),
    "clock": frozenset("noon midnight midday clock morning afternoon evening".split()),
    "every": frozenset("every each once twice thrice times".split()),
    "adverb": frozenset("daily weekly monthly annually yearly hourly nightly biweekly quarterly biannually".split()),
    "fiscal": frozenset("fiscal fy".split()),
    "edge": frozenset("end beginning start middle close".split()),
    "around": frozenset("before after earlier prior".split()),
}
_RULE_KEYS = {
    "date_mdy": "month", "date_dmy": "month", "week_of": "month", "month_year": "month", "month": "month",
    "weekday_range": "weekday", "weekday": "weekday", "set_weekdays": "weekday", "deictic": "deictic",
    "part_of_day": "unit", "rel_unit": "unit", "anaphor": "unit", "weekend": "unit", "unit_long": "unit",
    "ago": "unit", "duration": "unit", "bare_units": "unit", "season": "unit", "quarter": "unit",
    "edge_unit": "edge", "unit_around": "around", "fiscal": "fiscal",
    "set": "every", "set_freq": "every", "fuzzy": "fuzzy", "holiday": "holiday", "time": "ampm",
    "time_word": "clock", "time_oclock": "clock", "set_adverb": "adverb",
}  # fmt: skip
_BEFORE, _AFTER, _MARGIN = 70, 40, 80
# each key word, lower case, with the keys it opens a window for
_WORD_KEYS: dict[str, tuple[str, ...]] = {
    word: tuple(k for k, ws in _KEY_WORDS.items() if word in ws) for words in _KEY_WORDS.values() for word in words
}


def key_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per key, merged ``[start, end)`` ranges around its words: where its rules can match."""
    windows: dict[str, list[tuple[int, int]]] = {key: [] for key in (*_KEY_WORDS, "digit")}
    for token in _TOKEN_RE.finditer(text):
        word = token.group()
        keys = ("digit",) if word[0].isdigit() else _WORD_KEYS.get(word.lower(), ())
        for key in keys:
            start, end = max(0, token.start() - _BEFORE), token.end() + _AFTER
            spans = windows[key]
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return windows


def rule_matches(
    name: str, regex: re.Pattern[str], text: str, windows: dict[str, list[tuple[int, int]]]
) -> list[re.Match[str]]:
    """The matches of rule ``name`` that start inside one of its key's windows."""
    found: list[re.Match[str]] = []
    for start, end in windows[_RULE_KEYS.get(name, "digit")]:
        for m in regex.finditer(text, start, min(len(text), end + _MARGIN)):
            if m.start() >= end:
                break
            found.append(m)
    return found
