"""Pairing quotation marks into quoted stretches, without a parse."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.analyze.quotemarks import Quoted, find_quoted
from wiretrace.model import Span

DOUBLE_MARKS = '“”„«»"'


def quoted(body: str) -> list[list[str]]:
    """The text of each quoted stretch, one string per fragment."""
    return [[f.text(body) for f in q.fragments] for q in find_quoted(body)]


def inner(body: str) -> list[str]:
    """The text of each single-fragment quoted stretch."""
    found = quoted(body)
    assert all(len(fragments) == 1 for fragments in found), found
    return [fragments[0] for fragments in found]


# --------------------------------------------------------------------------- pairs


def test_curly_pair() -> None:
    assert inner("He said “we will win” and left.") == ["we will win"]


def test_a_straight_closing_mark_with_no_space_after_it_still_closes() -> None:
    body = 'Intro.\n\n"We keep finding the same thing over and over,"Ines Varga said. "Then more," she added.'
    found = find_quoted(body)
    assert [body[q.span.start : q.span.end] for q in found] == [
        "We keep finding the same thing over and over,",
        "Then more,",
    ]
    assert all(q.closed for q in found)


def test_a_quote_left_open_ends_where_a_speech_tag_inside_it_begins() -> None:
    body = 'Intro.\n\n"There was little advice for parents about which papers to keep, said Kessel, whose group helps.'
    [quote] = find_quoted(body)
    assert body[quote.span.start : quote.span.end] == "There was little advice for parents about which papers to keep,"
    assert not quote.closed
    kept = 'Intro.\n\n"There was not much advice for parents, and nobody told them which papers to keep.'
    [whole] = find_quoted(kept)  # no tag inside: the unclosed quote runs to the paragraph's end
    assert kept[whole.span.start : whole.span.end].endswith("papers to keep.")


def test_straight_pair() -> None:
    assert inner('He said "we will win" and left.') == ["we will win"]


def test_two_quotes_in_one_paragraph() -> None:
    body = 'The "so-called" plan and the "reform" bill.'
    assert inner(body) == ["so-called", "reform"]


def test_no_marks_no_quotes() -> None:
    assert find_quoted("Nothing quoted here.\n\nNor here.") == []
    assert find_quoted("") == []


def test_a_closed_quote_is_closed_and_its_outer_span_has_the_marks() -> None:
    body = "He said “we will win” and left."
    (q,) = find_quoted(body)
    assert q.closed
    assert q.span.text(body) == "we will win"
    assert q.outer.text(body) == "“we will win”"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("\"It's the '90s again,\" she said.", ["It's the '90s again,"]),
        ("“It’s the ’90s again,” she said.", ["It’s the ’90s again,"]),
        ("\"They played rock 'n' roll,\" he said.", ["They played rock 'n' roll,"]),
        ("“They played rock ’n’ roll,” he said.", ["They played rock ’n’ roll,"]),
        ('"The owners\' rights matter," she said.', ["The owners' rights matter,"]),
        ("“The owners’ rights matter,” she said.", ["The owners’ rights matter,"]),
        ("It's the owners' party. \"Yes,\" they said. 'Tis the '90s.", ["Yes,"]),
    ],
)
def test_apostrophes_never_break_pairing(body: str, expected: list[str]) -> None:
    assert inner(body) == expected


def test_single_quotes_nest_inside_double() -> None:
    body = "“He told me ‘never again’ twice,” she said."
    assert inner(body) == ["He told me ‘never again’ twice,"]


def test_straight_single_quotes_nest_inside_straight_double() -> None:
    body = "\"He called it 'a disaster' on air,\" she said."
    assert inner(body) == ["He called it 'a disaster' on air,"]


def test_a_double_curly_quote_nests_inside_a_quote() -> None:
    body = "“He called it “a disaster” on air,” she said."
    assert inner(body) == ["He called it “a disaster” on air,"]


def test_a_quote_interrupted_by_attribution_is_two_stretches() -> None:
    body = "“We will fight on,” he said, “until the very end.”"
    assert inner(body) == ["We will fight on,", "until the very end."]


def test_straight_quote_interrupted_by_attribution() -> None:
    body = '"We will fight on," he said, "until the very end."'
    assert inner(body) == ["We will fight on,", "until the very end."]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Il a dit «nous gagnerons» hier.", ["nous gagnerons"]),
        ("He called it «a disaster», then left.", ["a disaster"]),
    ],
)
def test_guillemets(body: str, expected: list[str]) -> None:
    assert inner(body) == expected


def test_german_low_high_pair() -> None:
    body = "„Wir schaffen das“, sagte sie."
    (q,) = find_quoted(body)
    assert q.closed
    assert q.span.text(body) == "Wir schaffen das"


# --------------------------------------------------------------------------- paragraphs


@pytest.mark.parametrize(
    "gap",
    [
        "\n\n",
        "\n",
        "\r\n",
        "\n  \n",
        "\n\t\n",
        "\r\n\r\n",
    ],
)
def test_a_quote_running_over_paragraphs_is_one_quote_with_two_fragments(gap: str) -> None:
    body = f"“This is the first paragraph of the statement.{gap}“And this is the second,” he said."
    (q,) = find_quoted(body)
    assert q.closed
    assert [f.text(body) for f in q.fragments] == [
        "This is the first paragraph of the statement.",
        "And this is the second,",
    ]
    assert q.span == Span(q.fragments[0].start, q.fragments[1].end)


def test_a_quote_running_over_three_paragraphs() -> None:
    body = "“One paragraph.\n\n“Two paragraphs.\n\n“Three,” she said."
    assert quoted(body) == [["One paragraph.", "Two paragraphs.", "Three,"]]


def test_a_straight_quote_running_over_paragraphs() -> None:
    body = '"This is the first paragraph of it.\n\n"And this the second," he said.'
    assert quoted(body) == [["This is the first paragraph of it.", "And this the second,"]]


def test_a_long_unclosed_quote_at_paragraph_end_is_kept_open() -> None:
    body = "She said “this is a long quote that never closes\n\nNext paragraph, no marks."
    (q,) = find_quoted(body)
    assert not q.closed
    assert q.span.text(body) == "this is a long quote that never closes"
    assert q.outer.text(body) == "“this is a long quote that never closes"


def test_an_unclosed_quote_at_the_end_of_the_body_is_kept_open() -> None:
    body = "She said “this is a long quote that never closes   "
    (q,) = find_quoted(body)
    assert not q.closed
    assert q.span.text(body) == "this is a long quote that never closes"


def test_a_short_unclosed_quote_is_dropped() -> None:
    assert find_quoted("She said “too short\n\nNext paragraph.") == []


def test_an_unclosed_quote_does_not_swallow_the_next_paragraph() -> None:
    body = "She said “this is a long quote that never closes\n\nThen “a short one” came."
    assert quoted(body) == [["this is a long quote that never closes"], ["a short one"]]


# --------------------------------------------------------------------------- invariants

EXAMPLES = [
    "He said “we will win” and left.",
    'He said "we will win" and left.',
    "“He told me ‘never again’ twice,” she said.",
    "“He called it “a disaster” on air,” she said.",
    "“We will fight on,” he said, “until the very end.”",
    "“This is the first paragraph of the statement.\n\n“And this is the second,” he said.",
    "She said “this is a long quote that never closes\n\nNext paragraph.",
    "Il a dit «nous gagnerons» hier.",
    "\"It's the '90s again,\" she said, \"and rock 'n' roll owners' rights matter.\"",
    'A "so-called" reform, "they" said (" quoted ") and "more."',
]


@pytest.mark.parametrize("body", EXAMPLES)
def test_no_fragment_begins_or_ends_with_a_quote_mark(body: str) -> None:
    found = find_quoted(body)
    assert found
    for q in found:
        for f in q.fragments:
            text = f.text(body)
            assert text
            assert text[0] not in DOUBLE_MARKS, text
            assert text[-1] not in DOUBLE_MARKS, text


def check_structure(body: str, found: list[Quoted]) -> None:
    position = 0
    for q in found:
        assert q.fragments
        assert len(q.span) > 0
        for f in q.fragments:
            assert 0 <= f.start <= f.end <= len(body)
            assert f.start >= position, (body, found)
            position = f.end
            assert "\n" not in f.text(body)  # one fragment per paragraph
        assert q.outer.contains(q.span)
        assert q.outer.end <= len(body)


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_text_never_raises_and_fragments_are_in_order(body: str) -> None:
    check_structure(body, find_quoted(body))


@settings(max_examples=500)
@given(st.text(alphabet=list("ab .,:(—\n\n\t“”„«»\"'’‘"), max_size=80))
def test_mark_heavy_text_never_raises_and_fragments_are_in_order(body: str) -> None:
    check_structure(body, find_quoted(body))


words = (  # apostrophes, but never two in a row: '' is a double mark
    st.lists(st.text(alphabet="abcxyz'’", min_size=1, max_size=6), min_size=1, max_size=5)
    .map(" ".join)
    .filter(lambda w: "''" not in w)
)
plain = st.text(alphabet="abc ,.", max_size=12).map(lambda s: f" {s.strip()} ")
pairs = st.sampled_from([("“", "”"), ('"', '"'), ("«", "»")])


@given(st.lists(st.tuples(plain, words, pairs), min_size=1, max_size=4), plain)
def test_well_formed_quotes_are_found_exactly(pieces: list[tuple[str, str, tuple[str, str]]], tail: str) -> None:
    body = ""
    expected = []
    for before, said, (left, right) in pieces:
        body += f"{before}{left}{said}{right}"
        expected.append(said)
    body += tail
    assert inner(body) == expected


# --------------------------------------------------------------------------- doubled apostrophes


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("''We are ready,'' the mayor said.", ["We are ready,"]),
        ("The mayor said: ``We are ready.''", ["We are ready."]),
        ("''Yes,'' she said. ''No,'' he said.", ["Yes,", "No,"]),
        ("The harbour's toll, ''a fair price,'' rose. The captains' union agreed.", ["a fair price,"]),
    ],
)
def test_doubled_apostrophes_and_backticks_are_double_marks(body: str, expected: list[str]) -> None:
    assert inner(body) == expected
    for q in find_quoted(body):
        outer = body[q.outer.start : q.outer.end]
        assert outer[:2] in ("''", "``") and outer[-2:] == "''"  # the marks are two characters


def test_a_doubled_apostrophe_quote_runs_over_paragraphs() -> None:
    body = "''The first part of it.\n\n''The second part, closed,'' she said."
    assert quoted(body) == [["The first part of it.", "The second part, closed,"]]


def test_a_quote_without_doubled_marks_keeps_one_character_marks() -> None:
    body = "He said ''no'' once. “We are ready,” she said."
    assert [q.widths for q in find_quoted(body)] == [(2, 2), (1, 1)]
