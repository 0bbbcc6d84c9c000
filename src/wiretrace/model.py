"""The data objects of wiretrace — the first file a newcomer reads.

Every finding carries a :class:`Span` into :attr:`Article.body`: the evidence for it.
All objects are frozen, slotted, keyword-only dataclasses holding tuples, so an
:class:`Analysis` can be shared between stages and threads without copying, and a stage
"changes" one only by building a new one with :func:`dataclasses.replace`.

No spaCy, lxml or sqlite type appears here: ``analyze/nlp.py`` converts the parse into
:class:`Token` / :class:`Sentence` values at the edge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "Dispute",
    "Entity",
    "EntityType",
    "Mention",
    "NamedSpan",
    "Parse",
    "Problem",
    "PublishedSource",
    "Quote",
    "QuoteKind",
    "RawDocument",
    "Sentence",
    "SourceCredit",
    "Span",
    "Speaker",
    "Timex",
    "TimexType",
    "Token",
    "Via",
    "replace",
]

FROZEN = {"frozen": True, "slots": True, "kw_only": True}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.body``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def text(self, body: str) -> str:
        return body[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """True when the two share at least one character (an empty span shares none)."""
        return self.start < other.end and other.start < self.end and self.start < self.end and other.start < other.end


# --------------------------------------------------------------------------- input


@dataclass(**FROZEN)
class RawDocument:
    """Bytes as they came from a source, before any reading.

    ``ref`` names the input for people and for every later lookup (a path, a URL, a JSONL
    ``id``). ``media_type`` is ``text/plain`` or ``text/html``; ``text`` is set instead of
    ``data`` when the input already is a string that must be taken verbatim (JSONL
    ``text``). ``meta`` carries metadata given alongside the input (JSONL fields,
    ``--published``) as plain strings.
    """

    ref: str
    media_type: str
    data: bytes = b""
    text: str | None = None
    url: str | None = None
    meta: tuple[tuple[str, str], ...] = ()

    def meta_get(self, key: str) -> str | None:
        for k, v in self.meta:
            if k == key:
                return v
        return None


class PublishedSource(StrEnum):
    """Where ``Article.published`` came from."""

    ARTICLE = "article"  # a date line or byline date in the text
    METADATA = "metadata"  # HTML metadata: JSON-LD, OpenGraph, <time>, htmldate
    GIVEN = "given"  # --published or a JSONL "published" field
    INFERRED = "inferred"  # bounded from the text's own relative dates
    NONE = "none"


@dataclass(**FROZEN)
class SourceCredit:
    """A republication credit: the outlet (and title, URL) the article says it came from."""

    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    span: Span | None = None  # the credit line in the original input, when it was in the body


@dataclass(**FROZEN)
class Article:
    """One article, read: its body text and the metadata around it."""

    body: str
    headline: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    published_source: PublishedSource = PublishedSource.NONE
    source: SourceCredit | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    # Paragraphs the source itself set off as quoted passages (an HTML <blockquote>).
    blocks: tuple[Span, ...] = ()


# --------------------------------------------------------------------------- parse


@dataclass(**FROZEN)
class Token:
    """One token of the parse, in model terms (converted from spaCy in ``analyze/nlp``)."""

    i: int
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token; the root points at itself
    ent_iob: str  # "B", "I", "O"
    ent_type: str
    space: bool  # followed by whitespace


@dataclass(**FROZEN)
class Sentence:
    span: Span
    first: int  # token index range [first, last)
    last: int


@dataclass(**FROZEN)
class NamedSpan:
    """A span found by the statistical model: a named entity or a noun chunk."""

    span: Span
    label: str
    first: int
    last: int


@dataclass(**FROZEN)
class Parse:
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    ents: tuple[NamedSpan, ...]
    noun_chunks: tuple[NamedSpan, ...]

    def token_at(self, offset: int) -> int | None:
        """Index of the token covering ``offset`` (binary search), or None."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            tok = self.tokens[mid]
            if tok.end <= offset:
                lo = mid + 1
            elif tok.start > offset:
                hi = mid
            else:
                return mid
        return None

    def sentence_of(self, token_index: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if s.last <= token_index:
                lo = mid + 1
            elif s.first > token_index:
                hi = mid
            else:
                return s
        return None


# --------------------------------------------------------------------------- findings


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    LOC = "LOC"
    NORP = "NORP"
    FAC = "FAC"
    EVENT = "EVENT"
    PRODUCT = "PRODUCT"
    WORK_OF_ART = "WORK_OF_ART"
    LAW = "LAW"
    MEDIA = "MEDIA"  # a news outlet or publication


@dataclass(**FROZEN)
class Mention:
    span: Span
    text: str


@dataclass(**FROZEN)
class Entity:
    """A canonical entity of one article: "Zelensky" and "Volodymyr Zelensky" are one."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


class QuoteKind(StrEnum):
    DIRECT = "direct"  # in quotation marks, partial quotes included
    BLOCK = "block"  # a passage set off as its own paragraph(s)
    INDIRECT = "indirect"  # reported speech without quotation marks


class Via(StrEnum):
    """How a speaker was identified — the evidence behind the name."""

    NAME = "name"  # the mention names an entity
    PRONOUN = "pronoun"  # "he" resolved to its antecedent
    APPOSITION = "apposition"  # "a spokesperson, Felix Ormond,"
    INSTITUTION = "institution"  # "the alliance" resolved to NATO
    TITLE = "title"  # "the minister" resolved to the person with that title
    DESCRIPTION = "description"  # an unnamed source kept as written ("a senior official")
    UNRESOLVED = "unresolved"  # a pronoun with no antecedent found


@dataclass(**FROZEN)
class Speaker:
    """The role a mention plays in a quote: who said it.

    ``name`` is the canonical name when the speaker resolves to an entity (a pronoun
    resolves to its antecedent), else the mention's own words ("a former NATO commander").
    """

    name: str
    mention: Mention | None = None
    entity: str | None = None  # Entity.id
    description: str | None = None
    via: Via = Via.NAME
    confidence: float = 1.0  # that this is who said it (attribution × resolution)


@dataclass(**FROZEN)
class Quote:
    id: str
    span: Span
    text: str
    kind: QuoteKind
    cue: Mention | None = None
    speaker: Speaker | None = None
    # The quoted words themselves: one span for a simple quote; several for a quote
    # interrupted by its attribution ("“We will,” she said, “win.”") or made of partial
    # quotes reported by one verb. ``span`` runs from the first to the last.
    fragments: tuple[Span, ...] = ()
    confidence: float = 1.0  # that this is a quote, with these boundaries
    date: str | None = None  # TIMEX3 value of when it was said, where the text says so
    rule: str = ""  # how the span and the speaker were found ("marks/parse"): for evaluation


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(**FROZEN)
class Timex:
    """A temporal expression with its TIMEX3 value ("2023-07-11", "P3D", "PRESENT_REF").

    A range ("July 11-12") is one expression: ``value`` is its first point and
    ``end_value`` its last.
    """

    span: Span
    text: str
    type: TimexType
    value: str
    end_value: str | None = None


@dataclass(**FROZEN)
class Claim:
    """An attributed assertion: what a quote or reported statement asserts, and who."""

    id: str
    span: Span
    text: str
    speaker: Speaker | None = None
    quote: str | None = None  # Quote.id
    negated: bool = False
    date: str | None = None  # TIMEX3 value of when it was said, where the text says so


@dataclass(**FROZEN)
class Dispute:
    """A claim and a statement in the same article that contradicts it."""

    claim: str  # Claim.id
    counter: str  # Claim.id
    cue: Mention | None = None


@dataclass(**FROZEN)
class Problem:
    """A stage that failed on this article; what succeeded is kept."""

    stage: str
    message: str


# --------------------------------------------------------------------------- result


@dataclass(**FROZEN)
class Analysis:
    """Everything wiretrace knows about one input, built up stage by stage."""

    id: str
    input: str
    raw: RawDocument | None = None
    article: Article | None = None
    parse: Parse | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[Timex, ...] = ()
    claims: tuple[Claim, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    problems: tuple[Problem, ...] = ()
    stages: tuple[tuple[str, str], ...] = field(default=())  # (name, version) that ran

    @property
    def body(self) -> str:
        return self.article.body if self.article is not None else ""
