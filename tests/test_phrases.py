"""Trimming entity spans: a leading "the", a trailing possessive, punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.analyze.phrases import strip_span, tokens_in
from wiretrace.model import Parse, Sentence, Span, Token


def stripped(text: str) -> str | None:
    span = strip_span(text, Span(0, len(text)))
    return None if span is None else span.text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the United States", "United States"),
        ("The United States", "United States"),
        ("Zelensky’s", "Zelensky"),
        ("Zelensky's", "Zelensky"),
        ("the Kremlin’s", "Kremlin"),
        ("the allies’", "allies"),
        ("Jones'", "Jones"),
        ("“Zelensky,”", "Zelensky"),
        ("(NATO)", "NATO"),
        ("Biden.", "Biden"),
        ("—Kyiv—", "Kyiv"),
        (" Kyiv\n", "Kyiv"),
        ("[Moscow];", "Moscow"),
        ("NATO", "NATO"),
        ("theater", "theater"),  # not "the " + "ater"
        ("Thessaly", "Thessaly"),
        ("St. Petersburg", "St. Petersburg"),  # inner punctuation stays
    ],
)
def test_strip_span(text: str, expected: str) -> None:
    assert stripped(text) == expected


@pytest.mark.parametrize("text", ["", "...", " ", "“”", "—", "(,)"])
def test_nothing_left_is_none(text: str) -> None:
    assert stripped(text) is None


def test_a_lone_the_or_possessive_is_kept() -> None:
    assert stripped("the") == "the"
    assert stripped("'s") == "'s"


def test_offsets_are_into_the_body() -> None:
    body = "Officials in the United States’ capital"
    span = strip_span(body, Span(13, 31))
    assert span is not None
    assert span.text(body) == "United States"
    assert span == Span(17, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S.", "U.S."),
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
        ("Washington, D.C.", "Washington, D.C."),
    ],
)
def test_an_abbreviation_keeps_its_period(text: str, expected: str) -> None:
    assert stripped(text) == expected


@given(st.text(max_size=40), st.data())
def test_the_result_lies_inside_the_span(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(body)))
    end = data.draw(st.integers(start, len(body)))
    span = strip_span(body, Span(start, end))
    if span is not None:
        assert start <= span.start < span.end <= end
        assert span.text(body).strip()


def _words(text: str) -> Parse:
    """A parse with one token per space-separated word (enough for offsets)."""
    tokens, offset = [], 0
    for i, word in enumerate(text.split(" ")):
        tokens.append(
            Token(
                i=i, start=offset, end=offset + len(word), text=word, lower=word.lower(), lemma=word.lower(),
                pos="X", tag="X", dep="dep", head=i, ent_iob="O", ent_type="", space=True,
            )
        )  # fmt: skip
        offset += len(word) + 1
    return Parse(tokens=tuple(tokens), sentences=(Sentence(span=Span(0, len(text)), first=0, last=len(tokens)),),
                 ents=(), noun_chunks=())  # fmt: skip


def test_a_span_that_ends_on_a_space_still_holds_its_tokens() -> None:
    parse = _words("he said “we are outsiders,' ” today")  # the quote ends with a space before its mark
    assert list(tokens_in(parse, Span(8, 28))) == [2, 3, 4]
    assert list(tokens_in(parse, Span(7, 26))) == [2, 3, 4]  # and one that starts on a space
    assert list(tokens_in(parse, Span(2, 3))) == []
