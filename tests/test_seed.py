"""The issue's acceptance test: the seed article (``../shared/examples/seed-article.txt``).

Run as ``wiretrace analyze seed-article.txt --published 2023-07-05`` (the
``seed_analysis`` fixture), it must give the provenance, every quote with its speaker, the
Zelensky–Grossi dispute, the dates normalised against the publication date, and the
canonical entities. Without ``--published`` the date must be inferred from the text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wiretrace.model import Analysis, Entity, EntityType, PublishedSource, Quote, QuoteKind

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

HEADLINE = "NATO plans escalation against Russia at Vilnius summit"
ZELENSKY = "Volodymyr Zelensky"
GROSSI = "Rafael Mariano Grossi"
DAALDER = "Ivo Daalder"
WSWS = "World Socialist Web Site"
PRONOUNS = {"he", "she", "they", "it"}

# quote text (a substring of the quote, or of the body where the quote is) -> speaker, kind
QUOTES = [
    ("deliver the full range of forces", "NATO", QuoteKind.DIRECT),
    ("breaking the back", "a former NATO commander", QuoteKind.DIRECT),
    ("every day, we are adding content", ZELENSKY, QuoteKind.DIRECT),
    ("security in Europe", ZELENSKY, QuoteKind.DIRECT),
    ("Russian troops have placed objects", ZELENSKY, QuoteKind.DIRECT),
    ("commit new evil", ZELENSKY, QuoteKind.DIRECT),
    ("It is the responsibility of everyone", ZELENSKY, QuoteKind.DIRECT),
    ("visible indications of mines or explosives", GROSSI, QuoteKind.DIRECT),
    ("deliberate nuclear incident", DAALDER, QuoteKind.DIRECT),
    ("In case of any deliberate nuclear incident", DAALDER, QuoteKind.DIRECT),
    ("In 1898, the explosion", WSWS, QuoteKind.BLOCK),
    ("The bigger the escalation", WSWS, QuoteKind.BLOCK),
    ("accused Russia of mining", ZELENSKY, QuoteKind.INDIRECT),
]
PRONOUN_QUOTES = ["commit new evil", "It is the responsibility of everyone"]

TIMEXES = [
    ("July 11-12", "2023-07-11", "2023-07-12"),
    ("June 2022", "2022-06", None),
    ("Tuesday", "2023-07-04", None),
    ("next week", "2023-W28", None),
    ("last week", "2023-W26", None),
]


def quotes_at(a: Analysis, key: str, kind: QuoteKind) -> list[Quote]:
    """The quotes of ``kind`` whose text holds ``key``, else those overlapping where it is."""
    found = [q for q in a.quotes if q.kind is kind and key in q.text]
    if found:
        return found
    at = a.body.find(key)
    assert at >= 0, f"{key!r} is not in the body"
    return [q for q in a.quotes if q.kind is kind and q.span.start < at + len(key) and at < q.span.end]


def speaker_name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker is not None else None


def entity(a: Analysis, name: str) -> Entity:
    found = [e for e in a.entities if e.name == name]
    assert found, f"no entity {name!r} among {[e.name for e in a.entities]}"
    return found[0]


# --------------------------------------------------------------------------- provenance


def test_provenance(seed_analysis: Analysis) -> None:
    art = seed_analysis.article
    assert art is not None
    assert art.outlet == "Gibraltar Messenger"
    assert art.headline == HEADLINE
    assert art.authors == ("Andre Damon",)
    assert art.source is not None
    assert (art.source.outlet, art.source.title) == ("WSWS", HEADLINE)
    assert art.tags == ("World War 3: The Second of its Three Woes/Phases",)
    assert art.published == dt.date(2023, 7, 5)
    assert art.published_source is PublishedSource.GIVEN


# --------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(("key", "speaker", "kind"), QUOTES, ids=[k for k, _, _ in QUOTES])
def test_quote_and_its_speaker(seed_analysis: Analysis, key: str, speaker: str, kind: QuoteKind) -> None:
    found = quotes_at(seed_analysis, key, kind)
    assert found, f"no {kind.value} quote at {key!r}"
    names = [speaker_name(q) for q in found]
    assert all(name == speaker for name in names), f"{key!r}: speakers {names}, expected {speaker!r}"


@pytest.mark.parametrize("key", PRONOUN_QUOTES)
def test_pronoun_speaker_resolves_to_zelensky(seed_analysis: Analysis, key: str) -> None:
    [quote, *_] = quotes_at(seed_analysis, key, QuoteKind.DIRECT)
    assert quote.speaker is not None and quote.speaker.mention is not None
    assert quote.speaker.mention.text.lower() in PRONOUNS, quote.speaker.mention
    assert quote.speaker.name == ZELENSKY
    assert quote.speaker.entity == entity(seed_analysis, ZELENSKY).id


# --------------------------------------------------------------------------- the dispute


def test_zelensky_is_disputed_by_grossi(seed_analysis: Analysis) -> None:
    claims = {c.id: c for c in seed_analysis.claims}
    pairs = []
    for d in seed_analysis.disputes:
        claim, counter = claims[d.claim], claims[d.counter]
        pairs.append(
            (
                claim.speaker.name if claim.speaker else None,
                counter.speaker.name if counter.speaker else None,
                d.cue.text if d.cue else None,
            )
        )
    assert (ZELENSKY, GROSSI, "Contrary to") in pairs, pairs


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "value", "end_value"), TIMEXES, ids=[t for t, _, _ in TIMEXES])
def test_timex(seed_analysis: Analysis, text: str, value: str, end_value: str | None) -> None:
    found = [(t.value, t.end_value) for t in seed_analysis.timexes if t.text == text]
    assert found, f"no timex {text!r} among {[t.text for t in seed_analysis.timexes]}"
    assert (value, end_value) in found, found


def test_published_is_inferred_without_the_option(seed_analysis_undated: Analysis) -> None:
    art = seed_analysis_undated.article
    assert art is not None
    assert art.published_source is PublishedSource.INFERRED
    assert art.published is not None
    assert dt.date(2023, 7, 5) <= art.published <= dt.date(2023, 7, 10), art.published


# --------------------------------------------------------------------------- entities


def test_zelensky_is_one_person_with_alias_and_description(seed_analysis: Analysis) -> None:
    zelensky = entity(seed_analysis, ZELENSKY)
    assert zelensky.type is EntityType.PERSON
    assert "Zelensky" in zelensky.aliases
    assert "Ukrainian President" in zelensky.descriptions
    assert not [e for e in seed_analysis.entities if e.name == "Zelensky"], "Zelensky is a second entity"


def test_znpp_is_an_alias_of_the_plant(seed_analysis: Analysis) -> None:
    holders = [e for e in seed_analysis.entities if "ZNPP" in e.aliases]
    assert holders, "ZNPP is no entity's alias"
    assert all("Zaporizhzhia" in e.name for e in holders), [e.name for e in holders]
    assert not [e for e in seed_analysis.entities if e.name == "ZNPP"]


def test_wsws_is_an_alias_of_the_world_socialist_web_site(seed_analysis: Analysis) -> None:
    assert "WSWS" in entity(seed_analysis, WSWS).aliases
    assert not [e for e in seed_analysis.entities if e.name == "WSWS"]
