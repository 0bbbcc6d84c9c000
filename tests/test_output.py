"""The output contract: serialize.py, schema.json and the text report, on hand-built analyses."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace import SCHEMA_VERSION
from wiretrace.model import (
    Analysis,
    Article,
    Claim,
    Dispute,
    Entity,
    EntityType,
    Mention,
    Parse,
    Problem,
    PublishedSource,
    Quote,
    QuoteKind,
    RawDocument,
    SourceCredit,
    Span,
    Speaker,
    Timex,
    TimexType,
)
from wiretrace.output.report import excerpt, render_text
from wiretrace.output.schema import output_schema, schema_text
from wiretrace.output.serialize import analysis_to_dict, dumps

ANSI = re.compile(r"\x1b\[")
BODY = (
    "NORTHFIELD — The Harbor Commission voted 5-2 on Wednesday to borrow $48 million.\n\n"
    "Mayor Elena Varga called the vote “the most important thing this city will do this decade.”\n\n"
    "Commissioner Tobias Reyne said the plan was sound. Varga denied that the cost would rise.\n\n"
    "Construction would begin on July 11-12, 2024, according to the schedule."
)


def at(text: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of ``text`` in BODY."""
    start = -1
    for _ in range(nth + 1):
        start = BODY.index(text, start + 1)
    return Span(start, start + len(text))


def mention(text: str) -> Mention:
    return Mention(span=at(text), text=text)


@pytest.fixture
def analysis() -> Analysis:
    varga = Speaker(name="Elena Varga", mention=mention("Mayor Elena Varga"), entity="e1", description="Mayor")
    reyne = Speaker(name="Tobias Reyne", mention=mention("Commissioner Tobias Reyne"), entity="e2")
    quote_text = "the most important thing this city will do this decade."
    return Analysis(
        id="a-0123456789abcdef",
        input="ledger.txt",
        raw=RawDocument(ref="ledger.txt", media_type="text/plain", data=BODY.encode()),
        article=Article(
            body=BODY,
            headline="Harbor Commission approves plan",
            outlet="The Northfield Ledger",
            authors=("Marisol Okafor", "Dennis Laurent"),
            published=dt.date(2024, 3, 14),
            published_source=PublishedSource.ARTICLE,
            source=SourceCredit(outlet="Calder Wire", title="Bridge vote", url="https://example.invalid/b"),
            tags=("transport",),
            url="https://example.invalid/ledger",
        ),
        parse=Parse(tokens=(), sentences=(), ents=(), noun_chunks=()),
        entities=(
            Entity(
                id="e1",
                name="Elena Varga",
                type=EntityType.PERSON,
                aliases=("Varga",),
                descriptions=("Mayor",),
                mentions=(mention("Elena Varga"), Mention(span=at("Varga", 1), text="Varga")),
            ),
            Entity(id="e2", name="Tobias Reyne", type=EntityType.PERSON, mentions=(mention("Tobias Reyne"),)),
            Entity(
                id="e3",
                name="Harbor Commission",
                type=EntityType.ORG,
                mentions=(mention("Harbor Commission"),),
            ),
        ),
        quotes=(
            Quote(
                id="q1",
                span=at(quote_text),
                text=quote_text,
                kind=QuoteKind.DIRECT,
                cue=mention("called"),
                speaker=varga,
            ),
            Quote(
                id="q2",
                span=at("the plan was sound"),
                text="the plan was sound",
                kind=QuoteKind.INDIRECT,
                cue=mention("said"),
                speaker=reyne,
            ),
        ),
        timexes=(
            Timex(span=at("Wednesday"), text="Wednesday", type=TimexType.DATE, value="2024-03-13"),
            Timex(
                span=at("July 11-12, 2024"),
                text="July 11-12, 2024",
                type=TimexType.DATE,
                value="2024-07-11",
                end_value="2024-07-12",
            ),
            Timex(span=at("this decade"), text="this decade", type=TimexType.DATE, value="PRESENT_REF"),
        ),
        claims=(
            Claim(id="c1", span=at("the plan was sound"), text="the plan was sound", speaker=reyne, quote="q2"),
            Claim(
                id="c2",
                span=at("that the cost would rise"),
                text="that the cost would rise",
                speaker=Speaker(name="Elena Varga", entity="e1"),
                negated=True,
                date="2024-03-13",
            ),
        ),
        disputes=(Dispute(claim="c1", counter="c2", cue=mention("denied")),),
        problems=(Problem(stage="claims", message="ValueError: something odd"),),
        stages=(("extract", "1"), ("nlp", "1"), ("quotes", "2")),
    )


def iter_spans(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every object in the output that carries start/end/text."""
    found: list[dict[str, Any]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if {"start", "end", "text"} <= node.keys():
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in data.items() if k != "article"})
    return found


def validate(data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(output_schema()).validate(data)


# --------------------------------------------------------------------------- serialize


def test_top_level_keys_follow_the_contract(analysis: Analysis) -> None:
    data = analysis_to_dict(analysis)
    assert list(data) == [
        "id",
        "input",
        "schema_version",
        "stages",
        "article",
        "entities",
        "quotes",
        "timexes",
        "claims",
        "disputes",
        "problems",
    ]
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["stages"] == {"extract": "1", "nlp": "1", "quotes": "2"}


def test_raw_and_parse_never_leak(analysis: Analysis) -> None:
    text = dumps(analysis_to_dict(analysis))
    assert "raw" not in analysis_to_dict(analysis)
    assert "parse" not in analysis_to_dict(analysis)
    assert "text/plain" not in text  # the raw document's media type


def test_fields_of_each_finding(analysis: Analysis) -> None:
    data = analysis_to_dict(analysis)
    art = data["article"]
    assert art["published"] == "2024-03-14"
    assert art["published_source"] == "article"
    assert art["source"] == {
        "outlet": "Calder Wire",
        "title": "Bridge vote",
        "url": "https://example.invalid/b",
    }
    assert art["authors"] == ["Marisol Okafor", "Dennis Laurent"]
    q1 = data["quotes"][0]
    assert q1["kind"] == "direct"
    assert q1["cue"]["text"] == "called"
    assert q1["speaker"]["entity"] == "e1"
    assert q1["speaker"]["description"] == "Mayor"
    assert q1["speaker"]["mention"]["text"] == "Mayor Elena Varga"
    assert data["timexes"][1]["end_value"] == "2024-07-12"
    assert data["timexes"][0]["end_value"] is None
    assert data["claims"][1]["negated"] is True
    assert data["claims"][1]["date"] == "2024-03-13"
    assert data["claims"][0]["quote"] == "q2"
    assert data["disputes"] == [
        {
            "claim": "c1",
            "counter": "c2",
            "cue": {"start": at("denied").start, "end": at("denied").end, "text": "denied"},
        }
    ]
    assert data["problems"] == [{"stage": "claims", "message": "ValueError: something odd"}]


def test_every_offset_points_at_its_text_in_the_body(analysis: Analysis) -> None:
    data = analysis_to_dict(analysis)
    body = data["article"]["body"]
    spans = iter_spans(data)
    assert len(spans) > 10
    for span in spans:
        assert body[span["start"] : span["end"]] == span["text"]


def test_ids_cross_reference(analysis: Analysis) -> None:
    data = analysis_to_dict(analysis)
    entity_ids = {e["id"] for e in data["entities"]}
    quote_ids = {q["id"] for q in data["quotes"]}
    claim_ids = {c["id"] for c in data["claims"]}
    for q in data["quotes"]:
        assert q["speaker"]["entity"] in entity_ids
    for c in data["claims"]:
        assert c["quote"] is None or c["quote"] in quote_ids
    for d in data["disputes"]:
        assert {d["claim"], d["counter"]} <= claim_ids


def test_empty_analysis_serializes_with_null_article() -> None:
    data = analysis_to_dict(Analysis(id="a-1", input="x.txt", problems=(Problem(stage="extract", message="no"),)))
    assert data["article"] is None
    assert data["entities"] == data["quotes"] == data["timexes"] == data["claims"] == data["disputes"] == []
    validate(data)


def test_minimal_article_serializes_nulls() -> None:
    data = analysis_to_dict(Analysis(id="a-1", input="-", article=Article(body="Hello.")))
    assert data["article"] == {
        "outlet": None,
        "headline": None,
        "authors": [],
        "published": None,
        "published_source": "none",
        "source": None,
        "tags": [],
        "url": None,
        "body": "Hello.",
    }
    validate(data)


def test_dumps_jsonl_is_one_line_even_with_unicode_line_separators() -> None:
    data = analysis_to_dict(Analysis(id="a-1", input="-", article=Article(body="one\u2028two\u2029three “q”\n")))
    line = dumps(data)
    assert "\n" not in line
    assert len(line.splitlines()) == 1
    assert "“q”" in line  # readable UTF-8, not \u escapes
    assert json.loads(line) == data


def test_dumps_indented_round_trips(analysis: Analysis) -> None:
    data = analysis_to_dict(analysis)
    assert json.loads(dumps(data, indent=2)) == data


# --------------------------------------------------------------------------- schema


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_version_matches_the_package() -> None:
    assert output_schema()["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_schema_enums_match_the_model() -> None:
    defs = output_schema()["$defs"]
    assert defs["entity"]["properties"]["type"]["enum"] == [t.value for t in EntityType]
    assert defs["quote"]["properties"]["kind"]["enum"] == [k.value for k in QuoteKind]
    assert defs["timex"]["properties"]["type"]["enum"] == [t.value for t in TimexType]
    assert defs["article"]["properties"]["published_source"]["enum"] == [s.value for s in PublishedSource]


def test_full_analysis_validates(analysis: Analysis) -> None:
    validate(analysis_to_dict(analysis))


def test_schema_rejects_drift(analysis: Analysis) -> None:
    data = analysis_to_dict(analysis)
    data["quotes"][0]["kind"] = "paraphrase"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = analysis_to_dict(analysis)
    data["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = analysis_to_dict(analysis)
    data["article"]["published"] = "14 March 2024"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    body = draw(st.text(min_size=1, max_size=60))

    def span() -> Span:
        a = draw(st.integers(0, len(body)))
        b = draw(st.integers(a, len(body)))
        return Span(a, b)

    def mention_() -> Mention:
        s = span()
        return Mention(span=s, text=s.text(body))

    def speaker() -> Speaker | None:
        if not draw(st.booleans()):
            return None
        return Speaker(
            name=draw(st.text(max_size=8)),
            mention=mention_() if draw(st.booleans()) else None,
            entity=draw(st.none() | st.just("e1")),
            description=draw(st.none() | st.text(max_size=8)),
        )

    quotes = tuple(
        Quote(
            id=f"q{i}",
            span=(s := span()),
            text=s.text(body),
            kind=draw(st.sampled_from(QuoteKind)),
            cue=mention_() if draw(st.booleans()) else None,
            speaker=speaker(),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    timexes = tuple(
        Timex(
            span=(s := span()),
            text=s.text(body),
            type=draw(st.sampled_from(TimexType)),
            value=draw(st.sampled_from(["2024-03-14", "P3D", "PRESENT_REF", "2024-W11"])),
            end_value=draw(st.none() | st.just("2024-03-15")),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    return Analysis(
        id="a-x",
        input="in.txt",
        article=Article(
            body=body,
            published=draw(st.none() | st.dates()),
            published_source=draw(st.sampled_from(PublishedSource)),
            authors=tuple(draw(st.lists(st.text(max_size=5), max_size=2))),
        ),
        entities=tuple(
            Entity(id=f"e{i}", name="n", type=draw(st.sampled_from(EntityType)), mentions=(mention_(),))
            for i in range(draw(st.integers(0, 2)))
        ),
        quotes=quotes,
        timexes=timexes,
        claims=tuple(
            Claim(id="c1", span=(s := span()), text=s.text(body), speaker=speaker(), negated=draw(st.booleans()))
            for _ in range(draw(st.integers(0, 1)))
        ),
        problems=tuple(Problem(stage="quotes", message=m) for m in draw(st.lists(st.text(max_size=5), max_size=1))),
    )


@settings(max_examples=60, deadline=None)
@given(analyses())
def test_any_analysis_validates_and_round_trips(a: Analysis) -> None:
    data = analysis_to_dict(a)
    validate(data)
    assert json.loads(dumps(data)) == data
    for span in iter_spans(data):
        assert a.body[span["start"] : span["end"]] == span["text"]
    render_text(a)  # never raises


# --------------------------------------------------------------------------- text report


def test_report_sections_in_order(analysis: Analysis) -> None:
    text = render_text(analysis)
    order = [text.index(h) for h in ("QUOTES (2)", "DISPUTES (1)", "TIMELINE", "ENTITIES (3)", "PROBLEMS (1)")]
    assert order == sorted(order)
    assert text.startswith("ledger.txt  (a-0123456789abcdef)\n")


def test_report_provenance(analysis: Analysis) -> None:
    text = render_text(analysis)
    assert "The Northfield Ledger" in text
    assert "Harbor Commission approves plan" in text
    assert "Marisol Okafor, Dennis Laurent" in text
    assert "2024-03-14 (from a date line in the article)" in text
    assert "Republished from: Calder Wire — “Bridge vote” <https://example.invalid/b>" in text


def test_report_quotes_grouped_by_speaker_with_kind_and_cue(analysis: Analysis) -> None:
    text = render_text(analysis)
    assert "Elena Varga, Mayor — 1 quote" in text
    assert "[direct] the most important thing this city will do this decade.  (cue: called)" in text
    assert "Tobias Reyne — 1 quote" in text
    assert "[indirect] the plan was sound" in text


def test_report_dispute_names_both_speakers_and_the_cue(analysis: Analysis) -> None:
    text = render_text(analysis)
    assert "Tobias Reyne: the plan was sound" in text
    assert "⟷ Elena Varga: that the cost would rise [negated]  (cue: denied)" in text


def test_report_timeline_sorted_with_sentence_context(analysis: Analysis) -> None:
    lines = render_text(analysis).splitlines()
    start = lines.index("TIMELINE (3)")
    timeline = lines[start + 1 : start + 5]
    assert timeline[0].startswith("  2024-03-13 ") and "“Wednesday”" in timeline[0]
    assert "The Harbor Commission voted 5-2 on Wednesday" in timeline[0]
    assert timeline[1].startswith("  2024-03-13 ") and "said — Elena Varga" in timeline[1]
    assert timeline[2].startswith("  2024-07-11..2024-07-12 ")
    assert "Construction would begin on July 11-12, 2024, according to the schedule." in timeline[2]
    assert timeline[3] == "  also: “this decade” (PRESENT_REF)"


def test_report_entities_with_type_aliases_and_counts(analysis: Analysis) -> None:
    text = render_text(analysis)
    assert "Elena Varga  PERSON  2 mentions  aka Varga  — Mayor" in text
    assert "Harbor Commission  ORG  1 mention" in text


def test_report_is_plain_unless_color(analysis: Analysis) -> None:
    assert not ANSI.search(render_text(analysis))
    assert ANSI.search(render_text(analysis, color=True))


def test_report_without_article() -> None:
    text = render_text(Analysis(id="a-1", input="x.html", problems=(Problem(stage="extract", message="boom"),)))
    assert "could not be read" in text
    assert "extract: boom" in text


def test_excerpt_cuts_at_a_word() -> None:
    assert excerpt("short  text\nhere") == "short text here"
    long = "word " * 40
    cut = excerpt(long, 30)
    assert cut.endswith("…") and len(cut) <= 31 and "  " not in cut
