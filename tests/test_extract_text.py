"""Plain-text articles: header (outlet, headline, byline, date), body, provenance, tags.

Every article here is fictional and written for these tests, except the seed, which is
read from the shared folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wiretrace.extract import read_article
from wiretrace.extract.byline import clean_authors, parse_byline
from wiretrace.extract.credits import provenance_credit, wire_tag
from wiretrace.extract.dates import date_line
from wiretrace.extract.plaintext import parse_plaintext
from wiretrace.model import PublishedSource, RawDocument, SourceCredit

PARA1 = (
    "The harbour board of Port Ellery voted on Tuesday to close the old ferry pier for repairs, "
    "a decision that will send commuters on a forty-minute detour for most of the summer."
)
PARA2 = (
    "“We have patched it for a decade and the patches now need patches,” said board chair Mara Quist, "
    "who added that the work should be finished before the autumn storms."
)
PARA3 = "Ferry operators said they would add two evening crossings from the north landing."
BODY = f"{PARA1}\n\n{PARA2}\n\n{PARA3}"


@pytest.mark.shared_data
def test_seed_article(seed_article: Path) -> None:
    seed = seed_article
    text = seed.read_text(encoding="utf-8")
    article = read_article(RawDocument(ref=str(seed), media_type="text/plain", data=seed.read_bytes()))
    assert article.outlet == "Gibraltar Messenger"
    assert article.headline == "NATO plans escalation against Russia at Vilnius summit"
    assert article.authors == ("Andre Damon",)
    assert article.source == SourceCredit(outlet="WSWS", title="NATO plans escalation against Russia at Vilnius summit")
    assert article.tags == ("World War 3: The Second of its Three Woes/Phases",)
    start = text.index("On July 11-12, ")
    end = text.index("former US Ambassador to Russia.") + len("former US Ambassador to Russia.")
    assert article.body == text[start:end]
    assert "\n\n" in article.body
    assert article.published is None
    assert article.published_source is PublishedSource.NONE


def test_outlet_headline_byline_date() -> None:
    text = f"The Ellery Ledger\n\nPier to close for summer repairs\n\nBy Tomas Reyne\n\nJuly 5, 2023\n\n{BODY}\n"
    article = parse_plaintext(text)
    assert article.outlet == "The Ellery Ledger"
    assert article.headline == "Pier to close for summer repairs"
    assert article.authors == ("Tomas Reyne",)
    assert article.published == dt.date(2023, 7, 5)
    assert article.published_source is PublishedSource.ARTICLE
    assert article.body == BODY


def test_header_lines_without_blank_lines_between() -> None:
    text = f"Pier to close for summer repairs\nBy Tomas Reyne and Ines Vale\nPublished: 2023-07-05\n\n{BODY}"
    article = parse_plaintext(text)
    assert article.outlet is None
    assert article.headline == "Pier to close for summer repairs"
    assert article.authors == ("Tomas Reyne", "Ines Vale")
    assert article.published == dt.date(2023, 7, 5)
    assert article.body == BODY


def test_no_header_when_first_line_is_prose() -> None:
    article = parse_plaintext(BODY + "\n")
    assert article.body == BODY
    assert article.headline is None and article.outlet is None and article.authors == ()


def test_short_text_without_body_is_all_body() -> None:
    article = parse_plaintext("Ferry pier closes\n")
    assert article.body == "Ferry pier closes"


def test_hard_wrapped_first_paragraph_is_not_a_header() -> None:
    text = (
        "The harbour board of Port Ellery voted on Tuesday to close the old\n"
        "ferry pier for repairs, a decision that will send commuters on a\n"
        "detour for most of the summer.\n\n" + PARA3
    )
    assert parse_plaintext(text).body == text.strip()


def test_byline_with_outlet_after_bar() -> None:
    text = f"Pier to close for summer repairs\n\nTomas Reyne | The Ellery Ledger\n\n{BODY}"
    article = parse_plaintext(text)
    assert article.authors == ("Tomas Reyne",)
    assert article.outlet == "The Ellery Ledger"
    assert article.headline == "Pier to close for summer repairs"


@pytest.mark.parametrize(
    ("line", "authors", "outlet", "wire"),
    [
        ("by Tomas Reyne", ("Tomas Reyne",), None, None),
        ("By Tomas Reyne and Ines Vale", ("Tomas Reyne", "Ines Vale"), None, None),
        ("By Tomas Reyne, Ines Vale and Oskar Brandt", ("Tomas Reyne", "Ines Vale", "Oskar Brandt"), None, None),
        ("By Tomas Reyne, The Ellery Ledger", ("Tomas Reyne",), "The Ellery Ledger", None),
        ("Tomas Reyne | The Ellery Ledger", ("Tomas Reyne",), "The Ellery Ledger", None),
        ("By Tomas Reyne, Associated Press", ("Tomas Reyne",), None, "Associated Press"),
        ("By The Associated Press", (), None, "Associated Press"),
        ("BY TOMAS REYNE", ("Tomas Reyne",), None, None),
        ("By Ana de la Cruz", ("Ana de la Cruz",), None, None),
    ],
)
def test_byline_shapes(line: str, authors: tuple[str, ...], outlet: str | None, wire: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.authors, byline.outlet, byline.wire) == (authors, outlet, wire)


@pytest.mark.parametrize("line", ["By the way, nobody came.", "Bystanders watched", "Harbour news | Weather"])
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_byline_with_date() -> None:
    byline = parse_byline("By Tomas Reyne | July 5, 2023")
    assert byline is not None and byline.date == dt.date(2023, 7, 5)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("July 5, 2023", dt.date(2023, 7, 5)),
        ("5 July 2023", dt.date(2023, 7, 5)),
        ("2023-07-05", dt.date(2023, 7, 5)),
        ("Published: Jul. 5, 2023 at 10:30 a.m. EDT", dt.date(2023, 7, 5)),
        ("Updated 4:15 PM ET, Wed July 5, 2023", dt.date(2023, 7, 5)),
        ("Published 5 July 2023 | Updated 6 July 2023", dt.date(2023, 7, 5)),
    ],
)
def test_date_lines(line: str, date: dt.date) -> None:
    found = date_line(line)
    assert found is not None and found.date == date


@pytest.mark.parametrize("line", ["On July 11-12, the board met.", "07/05/2023", "In 2023 prices rose"])
def test_not_date_lines(line: str) -> None:
    assert date_line(line) is None


def test_updated_line_is_a_date() -> None:
    article = parse_plaintext(f"Pier to close\n\nUpdated July 6, 2023\n\n{BODY}")
    assert article.published == dt.date(2023, 7, 6)


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Source: Ellery Ledger – Pier to close", SourceCredit(outlet="Ellery Ledger", title="Pier to close")),
        ("Originally published at The Harbour Review.", SourceCredit(outlet="The Harbour Review")),
        ("Originally published by Coastline Weekly on July 5, 2023.", SourceCredit(outlet="Coastline Weekly")),
        (
            "This article first appeared in North Shore Notes and is republished here with permission.",
            SourceCredit(outlet="North Shore Notes"),
        ),
        ("Reprinted from Coastline Weekly under a Creative Commons licence.", SourceCredit(outlet="Coastline Weekly")),
        ("Republished from The Lantern, a student paper.", SourceCredit(outlet="The Lantern")),
        (
            "Originally published at https://ledger.example/pier-closes",
            SourceCredit(url="https://ledger.example/pier-closes"),
        ),
        ("Source: Pier to close (Ellery Ledger)", SourceCredit(outlet="Ellery Ledger", title="Pier to close")),
    ],
)
def test_provenance_lines(line: str, credit: SourceCredit) -> None:
    assert provenance_credit(line) == credit


def test_sources_say_is_not_provenance() -> None:
    assert provenance_credit("Sources say the pier will reopen in September.") is None


def test_trailing_provenance_and_tag_line_leave_the_body() -> None:
    text = (
        f"Pier to close\n\nBy Tomas Reyne\n\n{BODY}\n\n"
        "Originally published at The Harbour Review\n\nCoastal Infrastructure Watch\n"
    )
    article = parse_plaintext(text)
    assert article.body == BODY
    assert article.source == SourceCredit(outlet="The Harbour Review")
    assert article.tags == ("Coastal Infrastructure Watch",)


def test_last_sentence_is_not_a_tag_without_a_source_line() -> None:
    text = f"Pier to close\n\nBy Tomas Reyne\n\n{BODY}\n\nMore to come"
    article = parse_plaintext(text)
    assert article.tags == ()
    assert article.body.endswith("More to come")


def test_explicit_tags_line() -> None:
    article = parse_plaintext(f"Pier to close\n\nBy Tomas Reyne\n\n{BODY}\n\nTags: ferries, Port Ellery")
    assert article.tags == ("ferries", "Port Ellery")
    assert article.body == BODY


@pytest.mark.parametrize(
    ("lead", "wire"),
    [
        ("PORT ELLERY (AP) — ", "Associated Press"),
        ("NORTH LANDING, Ellery (Reuters) - ", "Reuters"),
        ("(AFP) – ", "Agence France-Presse"),
    ],
)
def test_wire_tag_stays_in_body_and_credits_the_wire(lead: str, wire: str) -> None:
    body = lead + PARA1
    article = parse_plaintext(f"Pier to close\n\n{body}\n\n{PARA3}")
    assert article.body.startswith(lead)
    assert article.source == SourceCredit(outlet=wire)
    assert wire_tag(body) == wire


def test_source_line_wins_over_wire_tag() -> None:
    article = parse_plaintext(f"Pier to close\n\nPORT ELLERY (AP) — {PARA1}\n\nSource: Ellery Ledger")
    assert article.source == SourceCredit(outlet="Ellery Ledger")


def test_body_is_an_exact_slice_of_the_input() -> None:
    text = f"Pier to close\r\n\r\nBy Tomas Reyne\r\n\r\n{BODY}".replace("\r\n", "\n")
    article = parse_plaintext(text)
    start = text.index(article.body)
    assert text[start : start + len(article.body)] == article.body


def test_clean_authors_drops_junk_and_moves_wires() -> None:
    authors, wire = clean_authors(["By Tomas Reyne", "3 Hours Ago", "5 Minute Read", "CNN Wire", "Ledger Staff"])
    assert authors == ("Tomas Reyne",)
    assert wire == "CNN"
