"""The lexicons: reporting verbs and their inflections, and what counts as a news outlet."""

from __future__ import annotations

import pytest

from wiretrace.analyze.cues import DISPUTE_VERBS, SPEECH_VERBS, is_speech_verb, lemma_of
from wiretrace.analyze.outlets import is_outlet_name

# --------------------------------------------------------------------------- reporting verbs


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("said", "say"),
        ("says", "say"),
        ("saying", "say"),
        ("told", "tell"),
        ("tells", "tell"),
        ("accused", "accuse"),
        ("accuses", "accuse"),
        ("denies", "deny"),
        ("denied", "deny"),
        ("denying", "deny"),
        ("claimed", "claim"),
        ("claims", "claim"),
        ("warning", "warn"),
        ("warned", "warn"),
        ("tweeted", "tweet"),
        ("called", "call"),
        ("pledged", "pledge"),
        ("wrote", "write"),
        ("written", "write"),
        ("replied", "reply"),
        ("urged", "urge"),
        ("stated", "state"),
        ("admitted", "admit"),
        ("stressed", "stress"),
        ("rebutted", "rebut"),
        ("Said", "say"),
        ("DENIED", "deny"),
        ("say", "say"),
    ],
)
def test_lemma_of_reporting_verbs(word: str, lemma: str) -> None:
    assert lemma_of(word) == lemma


@pytest.mark.parametrize(
    "word",
    ["said", "says", "told", "accused", "denies", "denied", "claimed", "warning", "tweeted", "called",
     "pledged", "wrote", "written", "added", "insisted", "Says"],
)  # fmt: skip
def test_inflections_of_reporting_verbs_are_speech_verbs(word: str) -> None:
    assert is_speech_verb(word)


@pytest.mark.parametrize(
    "word",
    ["table", "president", "walked", "running", "Monday", "the", "ran", "ate", "sang", "bed", "red", "is", ""],
)
def test_other_words_are_not_speech_verbs(word: str) -> None:
    assert not is_speech_verb(word)


@pytest.mark.parametrize("word", ["walked", "tables", "running", "Monday"])
def test_lemma_of_an_unknown_word_is_its_lower_case(word: str) -> None:
    assert lemma_of(word) == word.lower()


def test_dispute_verbs_have_lemmas_but_not_all_are_speech_verbs() -> None:
    assert lemma_of("rebuts") == "rebut"
    assert lemma_of("debunked") == "debunk"
    assert not is_speech_verb("debunked")
    assert is_speech_verb("denied")


def test_every_lexicon_lemma_is_its_own_lemma() -> None:
    for verb in SPEECH_VERBS | DISPUTE_VERBS:
        assert lemma_of(verb) == verb


# --------------------------------------------------------------------------- outlets


@pytest.mark.parametrize(
    "name",
    [
        "Politico",
        "Reuters",
        "Associated Press",
        "AP",
        "The Guardian",
        "the Guardian",
        "New York Times",
        "The New York Times",
        "Fox News",
        "  Reuters  ",
        "REUTERS",
        "WSWS",
        "World Socialist Web Site",
        "The Northfield Ledger",
        "Gibraltar Messenger",
        "Springfield Daily",
        "Kyiv Post",
        "The Intercept",
    ],
)
def test_outlet_names(name: str) -> None:
    assert is_outlet_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Joe Biden",
        "NATO",
        "White House",
        "Pentagon",
        "Ministry of Defense",
        "Supreme Court",
        "Washington",
        "Times",
        "News",
        "the news",
        "breaking news",
        "",
        "   ",
    ],
)
def test_other_names_are_not_outlets(name: str) -> None:
    assert not is_outlet_name(name)


@pytest.mark.parametrize("name", ["Nuclear Posture Review", "the Nuclear Posture Review"])
def test_a_policy_review_is_not_an_outlet(name: str) -> None:
    assert not is_outlet_name(name)
