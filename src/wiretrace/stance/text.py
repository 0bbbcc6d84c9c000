"""A text's claim-free side for the stance features: its words, stems, sentences and cue counts.

What a text yields here does not depend on the claim it is checked against, so it is worked out
once: :func:`prepared_text` (sentences and their stems — enough to tell whether the text is about
a claim at all) and :func:`text_cues` (cue counts, lead, bigrams, numbers — the rest of the
features) keep their answers for the last :data:`TEXT_CACHE` texts, since a server checks claims
against the same popular articles again and again. Both are keyed by the text itself, so a
changed article is never read from an old entry.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from wiretrace.stance.cues import (
    AUTHORITY,
    CAST_DOUBT,
    DENY,
    DOUBT,
    HEDGE,
    NO_EVIDENCE,
    REFUTE,
    STRONG_REFUTE,
    SUPPORT,
    scanners,
)

__all__ = [
    "COUNTS_VERSION",
    "FRAME",
    "NUMBER",
    "STOP",
    "TEXT_CACHE",
    "WORD",
    "Counts",
    "Sentence",
    "Text",
    "TextCues",
    "body_key",
    "count",
    "cues_with",
    "prepared_text",
    "read_stored",
    "split_sentences",
    "stem",
    "stored_text",
    "text_counts",
    "text_cues",
    "tokens",
    "with_words",
]

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*")
STOP = frozenset(
    """
    a an the of to in on at for by with from and or but that this these those it its is are was were be been
    being have has had do does did will would could should may might can he she they we i you his her their our
    your them us him which who whom what when where why how as than then there here also any all some such into
    over about after before under while said says say told out off up down just only so if more most very too
    s t new now one two get got make made like back via amid
    """.split()
)
# Words of the reporting frame ("report: …", "… claims") that say nothing about the content.
FRAME = frozenset(
    """
    report reports reported reportedly claim claims claimed allegedly alleged rumor rumors rumour rumours
    rumored news story stories video photo photos viral source sources according
    """.split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    stems: frozenset[str]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude stem ("explosives" → "explosive", "denied" → "deni"), enough for matching."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[re.Match[str]]:
    return list(WORD.finditer(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` with surrounding whitespace trimmed; never empty spans."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for first, last in spans:
        a, b = first, last
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def count(pattern: re.Pattern[str], text: str) -> int:
    """How many times ``pattern`` matches in ``text`` (findall: one item per match, no Match objects)."""
    return len(pattern.findall(text))


_NO_SENTENCE = (Sentence(start=0, end=0, stems=frozenset()),)
TEXT_CACHE = 256  # texts whose claim-free parts are kept (about 75 kB for a 2.5 kB article), most recent first


@dataclass(frozen=True, slots=True)
class Text:
    """What a text needs to be matched against a claim: its sentences and their stems."""

    sentences: tuple[Sentence, ...]  # never empty: a text without one gets an empty sentence at 0
    stems: frozenset[str]
    content: tuple[str, ...]  # the stems of its words outside STOP, in order: its bigrams
    spread: tuple[int, ...]  # how many of ``content`` each sentence holds

    def as_rows(self) -> list[list[int | str]]:
        """Its sentences as stored (:func:`stored_text`): ``[start, end, content stems in order, the
        other stems]``, the stems space-separated (a stem holds no space)."""
        rows: list[list[int | str]] = []
        at = 0
        for sent, n in zip(self.sentences, self.spread, strict=True):
            own = self.content[at : at + n]
            at += n
            rows.append([sent.start, sent.end, " ".join(own), " ".join(sorted(sent.stems.difference(own)))])
        return rows

    @classmethod
    def from_rows(cls, rows: list[list[int | str]]) -> Text:
        """The :class:`Text` of :meth:`as_rows` (a stored body's: no word split again)."""
        sentences: list[Sentence] = []
        content: list[str] = []
        spread: list[int] = []
        for a, b, own, rest in rows:
            words = str(own).split()
            content.extend(words)
            spread.append(len(words))
            sentences.append(Sentence(start=int(a), end=int(b), stems=frozenset(words).union(str(rest).split())))
        return cls.of_sentences(sentences, content, spread)

    @classmethod
    def of_sentences(cls, sentences: list[Sentence], content: list[str], spread: list[int]) -> Text:
        """The text of these sentences (one empty sentence at 0 when there are none)."""
        if not sentences:
            return _NO_TEXT
        return cls(
            sentences=tuple(sentences),
            stems=frozenset().union(*(s.stems for s in sentences)),
            content=tuple(content),
            spread=tuple(spread),
        )


@lru_cache(maxsize=TEXT_CACHE)
def prepared_text(text: str) -> Text:
    """The sentences of ``text``, split and stemmed once however many claims it is checked against.

    Its words are read sentence by sentence; no word crosses a sentence boundary (the gaps hold
    only punctuation and spaces), so they are the text's words, in order."""
    sentences: list[Sentence] = []
    content: list[str] = []
    spread: list[int] = []
    for a, b in split_sentences(text):
        words = WORD.findall(text, a, b)
        stems = [stem(word) for word in words]
        sentences.append(Sentence(start=a, end=b, stems=frozenset(stems)))
        before = len(content)
        content.extend(s for word, s in zip(words, stems, strict=True) if word.lower() not in STOP)
        spread.append(len(content) - before)
    return Text.of_sentences(sentences, content, spread)


_NO_TEXT = Text(sentences=_NO_SENTENCE, stems=frozenset(), content=(), spread=(0,))


@dataclass(frozen=True, slots=True)
class Counts:
    """What the features read of a text besides its words: its cue counts (weighed by its
    length), numbers and where it casts doubt — the part that takes scanning the whole text with
    every cue, kept with a stored article (:meth:`as_json`, :data:`COUNTS_VERSION`) so that a check
    need not scan its candidates again."""

    numbers: frozenset[str]
    refute: float
    strong: float
    deny: float
    hedge: float
    support: float
    lead_refute: float
    doubt_lead: float
    refuting_lead: float
    doubt: tuple[int, ...]  # cast-doubt cues per sentence
    first_doubt: int  # the first sentence with one; the number of sentences when none
    authority: int  # sentences that cast doubt and name an authority

    def as_dict(self) -> dict[str, object]:
        return {
            **{f: getattr(self, f) for f in _COUNT_FIELDS},
            "numbers": sorted(self.numbers),
            "doubt": list(self.doubt),
        }

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), separators=(",", ":"))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Counts:
        return cls(**{f: raw[f] for f in _COUNT_FIELDS}, numbers=frozenset(raw["numbers"]), doubt=tuple(raw["doubt"]))

    @classmethod
    def from_json(cls, data: str) -> Counts:
        return cls.from_dict(json.loads(data))


_COUNT_FIELDS = (
    "refute",
    "strong",
    "deny",
    "hedge",
    "support",
    "lead_refute",
    "doubt_lead",
    "refuting_lead",
    "first_doubt",
    "authority",
)
# Stored counts are read only when this matches: it changes with the cues, the sentence and word
# patterns and the stop words (a change to how counts are made needs a new version too).
COUNTS_VERSION = hashlib.sha1(
    "\n".join(
        [
            "counts 1",
            *(p.pattern for p in (AUTHORITY, CAST_DOUBT, DENY, DOUBT, HEDGE, NO_EVIDENCE, REFUTE, STRONG_REFUTE)),
            SUPPORT.pattern,
            WORD.pattern,
            NUMBER.pattern,
            _SENTENCE_END.pattern,
            " ".join(sorted(STOP)),
        ]
    ).encode("utf-8")
).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class TextCues:
    """The claim-free numbers of a text: its :class:`Counts`, lead and content words."""

    lead_stems: frozenset[str]
    joined: str  # its content stems in order, each between spaces: its bigrams, looked up (:meth:`holds`)
    counts: Counts

    def holds(self, first: str, second: str) -> bool:
        """Whether the stems ``first`` and ``second`` follow each other in the text's content (a
        stem holds no space, so the two between spaces are the pair and nothing else)."""
        return f" {first} {second} " in self.joined


def text_counts(body: str) -> Counts:
    """The :class:`Counts` of ``body``: every cue scanned over it. Its sentences are
    :func:`prepared_text`'s, without their stems (an ingest's workers count every article)."""
    sentences = split_sentences(body) or [(0, 0)]
    lead = sentences[:3]
    lead_text = body[lead[0][0] : lead[-1][1]]
    n = len(sentences)
    per = 1.0 / math.log2(2 + n)
    starts = [a for a, _ in sentences]
    doubt = [0] * n
    first = n
    scan = scanners(body)
    for m in scan[CAST_DOUBT].finditer(body):
        i = max(0, bisect.bisect_right(starts, m.start()) - 1)
        doubt[i] += 1
        first = min(first, i)
    refuting_lead = (
        STRONG_REFUTE.search(lead_text)
        or DENY.search(lead_text)
        or (DOUBT.search(lead_text) and NO_EVIDENCE.search(lead_text))
    )
    return Counts(
        numbers=frozenset(x.replace(",", "") for x in NUMBER.findall(body)),
        refute=count(scan[REFUTE], body) * per,
        strong=count(scan[STRONG_REFUTE], body) * per,
        deny=count(scan[DENY], body) * per,
        hedge=count(scan[HEDGE], body) * per,
        support=count(scan[SUPPORT], body) * per,
        lead_refute=float(count(STRONG_REFUTE, lead_text) + count(DENY, lead_text)),
        doubt_lead=math.log1p(count(DOUBT, lead_text)),
        refuting_lead=1.0 if refuting_lead else 0.0,
        doubt=tuple(doubt),
        first_doubt=first,
        authority=sum(1 for i, (a, b) in enumerate(sentences) if doubt[i] and scan[AUTHORITY].search(body, a, b)),
    )


def cues_with(body: str, counts: Counts, text: Text | None = None) -> TextCues:
    """``body``'s :class:`TextCues` from its counts (stored, or :func:`text_counts`) and its words
    (:func:`prepared_text`'s, unless given)."""
    text = text or prepared_text(body)
    return TextCues(
        lead_stems=frozenset().union(*(s.stems for s in text.sentences[:3])),
        joined=f" {' '.join(text.content)} ",
        counts=counts,
    )


@lru_cache(maxsize=TEXT_CACHE)
def text_cues(body: str) -> TextCues:
    """The rest of what the features read of ``body``, worked out once for all claims."""
    return cues_with(body, text_counts(body))


def body_key(body: str) -> str:
    """A short key of ``body``: stored words are read only for the body they were read from."""
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def stored_text(body: str) -> str:
    """What a check reads of a stored article's body, as the store keeps it (``stance_counts``): its
    :class:`Counts`, its sentences' words (:meth:`Text.as_rows`) and the :func:`body_key` of the
    body they were read from — counted once, beside the article's analysis."""
    return _with_words(body, text_counts(body).as_dict())


def with_words(body: str, counts: str) -> str:
    """A row of :class:`Counts` alone (as schema version 11 stored them) with ``body``'s words added."""
    return _with_words(body, json.loads(counts))


def _with_words(body: str, counts: Mapping[str, Any]) -> str:
    return json.dumps({**counts, "words": prepared_text(body).as_rows(), "body": body_key(body)}, separators=(",", ":"))


def read_stored(body: str, data: str) -> tuple[Text, TextCues]:
    """``body``'s :class:`Text` and :class:`TextCues` from its stored row (:func:`stored_text`; a
    row of counts alone is read with the body's words split here). A row that does not read, or
    that another body's words or sentences went into, raises ValueError: count the body again."""
    try:
        raw = json.loads(data)
        counts = Counts.from_dict(raw)
        if "words" in raw:
            if raw.get("body") != body_key(body):
                raise ValueError("the stored words are another body's")
            text = Text.from_rows(raw["words"])
        else:
            text = prepared_text(body)
    except (KeyError, TypeError) as e:
        raise ValueError(f"the stored counts do not read: {e}") from e
    if len(counts.doubt) != len(text.sentences):
        raise ValueError("the stored counts are another body's")
    return text, cues_with(body, counts, text)
