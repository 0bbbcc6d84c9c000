"""Paragraph-aligned chunks for the parse, and (slow) the parse's offsets into the original text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.analyze.nlp import chunk_offsets
from wiretrace.model import Parse

BLANK_LINE = re.compile(r"\n\s*\n")


def pieces(text: str, limit: int = 1000) -> list[str]:
    return [text[a:b] for a, b in chunk_offsets(text, limit)]


def check_chunks(text: str, limit: int) -> None:
    found = chunk_offsets(text, limit)
    covered = [0] * len(text)
    previous_end = 0
    for start, end in found:
        assert previous_end <= start < end <= len(text)
        previous_end = end
        piece = text[start:end]
        assert piece.strip(), "a piece of only whitespace"
        assert not BLANK_LINE.search(piece), f"piece {piece!r} holds a blank line"
        assert end - start <= limit
        for i in range(start, end):
            covered[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i] == 1, (i, ch, found)


def test_paragraphs_are_pieces() -> None:
    text = "First paragraph.\n\nSecond one.\n\n\nThird."
    assert pieces(text) == ["First paragraph.", "Second one.", "Third."]


def test_a_single_newline_does_not_split() -> None:
    assert pieces("One line\nand the next.\n\nNew paragraph.") == ["One line\nand the next.", "New paragraph."]


def test_blank_lines_holding_spaces_split_and_are_left_out() -> None:
    assert pieces("One.\n   \t\nTwo.") == ["One.", "Two."]


def test_empty_and_blank_texts_have_no_pieces() -> None:
    assert chunk_offsets("", 10) == []
    assert chunk_offsets("  \n\n \n ", 10) == []


def test_offsets_index_the_original_text() -> None:
    text = "\n\nLeading blank.\n\nMiddle.\n\nTrailing.\n\n"
    assert chunk_offsets(text, 100) == [(2, 16), (18, 25), (27, 36)]


def test_a_long_paragraph_is_cut_after_a_sentence_or_a_space() -> None:
    text = "One two three. Four five six. Seven."
    found = pieces(text, 16)
    assert "".join(found) == text
    assert all(len(p) <= 16 for p in found)
    assert found[0].strip() == "One two three."


def test_a_long_word_is_cut_at_the_limit() -> None:
    assert pieces("abcdefghij", 4) == ["abcd", "efgh", "ij"]


@settings(max_examples=300)
@given(st.text(alphabet=list("ab. \n\t\r"), max_size=120), st.integers(1, 30))
def test_chunks_cover_every_character_once_without_blank_lines(text: str, limit: int) -> None:
    check_chunks(text, limit)


@settings(max_examples=200)
@given(st.text(max_size=200), st.integers(1, 50))
def test_chunks_of_any_text(text: str, limit: int) -> None:
    check_chunks(text, limit)


# --------------------------------------------------------------------------- the parse (slow)

ARTICLE = (
    "KYIV — Ukrainian President Volodymyr Zelensky said on Tuesday that NATO must act.\n\n"
    "The alliance pledged support, Jens Stoltenberg told reporters in Vilnius.\n"
    "He warned:\n\n"
    "   “We will not stop until the job is done.”\n\n\n"
    "Officials in Washington declined to comment.  Russia's ministry denied everything."
)


def check_parse(text: str, parse: Parse) -> None:
    tokens = parse.tokens
    for n, t in enumerate(tokens):
        assert t.i == n
        assert text[t.start : t.end] == t.text
        assert 0 <= t.head < len(tokens)
        if n:
            assert tokens[n - 1].end <= t.start
    for word in re.finditer(r"\w+", text):  # every word is covered by a token
        assert parse.token_at(word.start()) is not None, word.group()
    previous_last = 0
    for s in parse.sentences:
        assert s.first == previous_last
        previous_last = s.last
        assert s.first < s.last
        assert s.span.start == tokens[s.first].start
        assert s.span.end == tokens[s.last - 1].end
        assert not BLANK_LINE.search(s.span.text(text)), s.span.text(text)
        for t in tokens[s.first : s.last]:
            assert s.first <= t.head < s.last  # heads stay inside their sentence
    assert previous_last == len(tokens)
    for named in (*parse.ents, *parse.noun_chunks):
        assert 0 <= named.first < named.last <= len(tokens)
        assert named.span.start == tokens[named.first].start
        assert named.span.end == tokens[named.last - 1].end
        assert named.label


@pytest.mark.slow
def test_parse_offsets_index_the_original_text_across_paragraphs() -> None:
    from wiretrace.analyze.nlp import parse_texts  # noqa: PLC0415 - slow tests only

    (parse,) = parse_texts([ARTICLE])
    check_parse(ARTICLE, parse)
    assert {ARTICLE[e.span.start : e.span.end] for e in parse.ents} >= {"Volodymyr Zelensky", "NATO"}


@pytest.mark.slow
def test_parse_offsets_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from wiretrace.analyze.nlp import parse_texts  # noqa: PLC0415 - slow tests only

    monkeypatch.setenv("WIRETRACE_PARSE_CHUNK_CHARS", "60")
    text = ARTICLE + "\n\n" + " ".join(["The minister said the talks went on for many hours."] * 6)
    assert len(chunk_offsets(text, 60)) > 6
    (parse,) = parse_texts([text])
    check_parse(text, parse)


@pytest.mark.slow
def test_parse_many_texts_in_one_call_keeps_them_apart() -> None:
    from wiretrace.analyze.nlp import parse_texts  # noqa: PLC0415 - slow tests only

    texts = ["Biden spoke.", "", "\n\n", ARTICLE, "Short.\n\nAnother paragraph here."]
    parses = parse_texts(texts)
    assert len(parses) == len(texts)
    for text, parse in zip(texts, parses, strict=True):
        check_parse(text, parse)
    assert parses[1].tokens == ()
    assert parses[2].tokens == ()
    assert [t.text for t in parses[0].tokens] == ["Biden", "spoke", "."]
