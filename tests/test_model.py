"""The data model: spans, the parse's lookups, raw documents, frozen values."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.model import (
    Analysis,
    Article,
    Entity,
    EntityType,
    Parse,
    Problem,
    Quote,
    QuoteKind,
    RawDocument,
    Sentence,
    Span,
    Token,
)

# --------------------------------------------------------------------------- Span


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 4), (-2, -1)])
def test_a_bad_span_is_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="bad span"):
        Span(start, end)


def test_an_empty_span_is_allowed() -> None:
    assert len(Span(4, 4)) == 0
    assert len(Span(0, 0)) == 0


def test_len_and_text() -> None:
    body = "Zelensky said no."
    span = Span(0, 8)
    assert len(span) == 8
    assert span.text(body) == "Zelensky"
    assert Span(9, 13).text(body) == "said"


def test_contains() -> None:
    outer = Span(2, 10)
    assert outer.contains(Span(2, 10))
    assert outer.contains(Span(3, 5))
    assert outer.contains(Span(10, 10))
    assert not outer.contains(Span(1, 5))
    assert not outer.contains(Span(5, 11))
    assert not Span(3, 5).contains(outer)


def test_overlaps_is_half_open() -> None:
    a = Span(2, 5)
    assert a.overlaps(Span(4, 8))
    assert a.overlaps(Span(0, 3))
    assert a.overlaps(Span(3, 4))
    assert not a.overlaps(Span(5, 8))  # touching is not overlapping
    assert not a.overlaps(Span(0, 2))
    assert not a.overlaps(Span(5, 5))
    assert not a.overlaps(Span(2, 2))


def test_an_empty_span_inside_another_overlaps_nothing() -> None:
    assert not Span(2, 5).overlaps(Span(3, 3))
    assert not Span(3, 3).overlaps(Span(2, 5))


spans = st.tuples(st.integers(0, 50), st.integers(0, 50)).map(lambda t: Span(min(t), max(t)))
nonempty_spans = spans.filter(lambda s: len(s) > 0)


@given(nonempty_spans, nonempty_spans)
def test_overlaps_is_symmetric_and_agrees_with_shared_characters(a: Span, b: Span) -> None:
    shared = set(range(a.start, a.end)) & set(range(b.start, b.end))
    assert a.overlaps(b) == b.overlaps(a) == bool(shared)


@given(spans, spans)
def test_contains_agrees_with_characters(a: Span, b: Span) -> None:
    if a.contains(b):
        assert set(range(b.start, b.end)) <= set(range(a.start, a.end))
        assert len(b) <= len(a)


def test_spans_sort_by_start_then_end() -> None:
    assert sorted([Span(3, 4), Span(1, 9), Span(1, 2)]) == [Span(1, 2), Span(1, 9), Span(3, 4)]


# --------------------------------------------------------------------------- Parse

BODY = "He left.  Then she said no."


def token(i: int, start: int, end: int, head: int | None = None) -> Token:
    text = BODY[start:end]
    return Token(
        i=i,
        start=start,
        end=end,
        text=text,
        lower=text.lower(),
        lemma=text.lower(),
        pos="X",
        tag="X",
        dep="dep",
        head=i if head is None else head,
        ent_iob="O",
        ent_type="",
        space=BODY[end : end + 1] == " ",
    )


# He(0) left(1) .(2) | Then(3) she(4) said(5) no(6) .(7)
OFFSETS = [(0, 2), (3, 7), (7, 8), (10, 14), (15, 18), (19, 23), (24, 26), (26, 27)]
PARSE = Parse(
    tokens=tuple(token(i, s, e) for i, (s, e) in enumerate(OFFSETS)),
    sentences=(
        Sentence(span=Span(0, 8), first=0, last=3),
        Sentence(span=Span(10, 27), first=3, last=8),
    ),
    ents=(),
    noun_chunks=(),
)


def test_the_hand_built_parse_matches_its_body() -> None:
    assert [t.text for t in PARSE.tokens] == ["He", "left", ".", "Then", "she", "said", "no", "."]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, 0), (1, 0), (3, 1), (6, 1), (7, 2), (10, 3), (13, 3), (19, 5), (22, 5), (26, 7)],
)
def test_token_at_finds_the_covering_token(offset: int, expected: int) -> None:
    assert PARSE.token_at(offset) == expected


@pytest.mark.parametrize("offset", [2, 8, 9, 14, 27, 100, -1])
def test_token_at_between_tokens_or_outside_is_none(offset: int) -> None:
    assert PARSE.token_at(offset) is None


def test_token_at_agrees_with_a_linear_scan() -> None:
    for offset in range(-2, len(BODY) + 2):
        linear = next((t.i for t in PARSE.tokens if t.start <= offset < t.end), None)
        assert PARSE.token_at(offset) == linear, offset


@pytest.mark.parametrize(("index", "sentence"), [(0, 0), (2, 0), (3, 1), (7, 1)])
def test_sentence_of_finds_the_sentence(index: int, sentence: int) -> None:
    assert PARSE.sentence_of(index) is PARSE.sentences[sentence]


@pytest.mark.parametrize("index", [8, 100, -1])
def test_sentence_of_outside_is_none(index: int) -> None:
    assert PARSE.sentence_of(index) is None


def test_an_empty_parse_finds_nothing() -> None:
    empty = Parse(tokens=(), sentences=(), ents=(), noun_chunks=())
    assert empty.token_at(0) is None
    assert empty.sentence_of(0) is None


def test_sentence_of_with_many_sentences() -> None:
    sentences = tuple(Sentence(span=Span(3 * n, 3 * n + 3), first=3 * n, last=3 * n + 3) for n in range(50))
    parse = Parse(tokens=(), sentences=sentences, ents=(), noun_chunks=())
    for index in range(150):
        found = parse.sentence_of(index)
        assert found is not None
        assert found.first <= index < found.last
    assert parse.sentence_of(150) is None


# --------------------------------------------------------------------------- RawDocument


def test_meta_get() -> None:
    doc = RawDocument(ref="x.txt", media_type="text/plain", meta=(("published", "2023-07-11"), ("id", "7")))
    assert doc.meta_get("published") == "2023-07-11"
    assert doc.meta_get("id") == "7"
    assert doc.meta_get("missing") is None


def test_meta_get_returns_the_first_value_of_a_repeated_key() -> None:
    doc = RawDocument(ref="x.txt", media_type="text/plain", meta=(("tag", "a"), ("tag", "b")))
    assert doc.meta_get("tag") == "a"


def test_meta_get_with_no_meta() -> None:
    assert RawDocument(ref="x", media_type="text/html").meta_get("published") is None


# --------------------------------------------------------------------------- frozen values


@pytest.mark.parametrize(
    ("value", "attr"),
    [
        (Span(1, 2), "start"),
        (RawDocument(ref="x", media_type="text/plain"), "ref"),
        (Article(body="text"), "body"),
        (Analysis(id="a", input="x"), "problems"),
        (Problem(stage="nlp", message="m"), "message"),
        (Entity(id="e1", name="NATO", type=EntityType.ORG), "name"),
        (Quote(id="q1", span=Span(0, 1), text="x", kind=QuoteKind.DIRECT), "text"),
        (PARSE.tokens[0], "head"),
        (PARSE, "tokens"),
    ],
)
def test_values_are_frozen_and_slotted(value: object, attr: str) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, attr, None)
    assert not hasattr(value, "__dict__")


def test_dataclasses_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Article("body")  # type: ignore[misc]
    with pytest.raises(TypeError):
        Problem("nlp", "message")  # type: ignore[misc]


def test_analysis_body_is_the_article_body_or_empty() -> None:
    assert Analysis(id="a", input="x").body == ""
    assert Analysis(id="a", input="x", article=Article(body="Hello.")).body == "Hello."


def test_kinds_are_strings() -> None:
    assert QuoteKind.DIRECT == "direct"
    assert EntityType.MEDIA == "MEDIA"
