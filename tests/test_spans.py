"""Every finding's evidence holds: its span lies in the body and covers exactly its text,
and every id it refers to exists — on each example, on the seed, and on generated texts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.model import Analysis, Mention, RawDocument, Span, Speaker
from wiretrace.pipeline import Pipeline

pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- the invariants


def spans(a: Analysis) -> Iterator[tuple[str, Span, str | None]]:
    """Every (what, span, text it claims) of an analysis; ``None`` text: nothing to compare."""

    def mention(what: str, m: Mention | None) -> Iterator[tuple[str, Span, str | None]]:
        if m is not None:
            yield what, m.span, m.text

    def speaker(what: str, s: Speaker | None) -> Iterator[tuple[str, Span, str | None]]:
        if s is not None:
            yield from mention(f"{what} speaker {s.name!r}", s.mention)

    for e in a.entities:
        for m in e.mentions:
            yield f"entity {e.id} mention", m.span, m.text
    for q in a.quotes:
        yield f"quote {q.id}", q.span, q.text
        yield from mention(f"quote {q.id} cue", q.cue)
        yield from speaker(f"quote {q.id}", q.speaker)
    for t in a.timexes:
        yield f"timex {t.value}", t.span, t.text
    for c in a.claims:
        yield f"claim {c.id}", c.span, c.text
        yield from speaker(f"claim {c.id}", c.speaker)
    for d in a.disputes:
        yield from mention(f"dispute {d.claim}/{d.counter} cue", d.cue)


def span_errors(a: Analysis) -> list[str]:
    body = a.body
    errors = []
    for what, span, text in spans(a):
        if span.end > len(body):
            errors.append(f"{what}: {span.start}..{span.end} ends past the body ({len(body)} chars)")
        elif text is not None and body[span.start : span.end] != text:
            errors.append(f"{what}: body[{span.start}:{span.end}] is {body[span.start : span.end]!r}, not {text!r}")
    return errors


def reference_errors(a: Analysis) -> list[str]:
    entities = {e.id for e in a.entities}
    quotes = {q.id for q in a.quotes}
    claims = {c.id for c in a.claims}
    errors = []
    for what, ids in (("entity", [e.id for e in a.entities]), ("quote", [q.id for q in a.quotes])):
        if len(set(ids)) != len(ids):
            errors.append(f"duplicate {what} ids: {sorted(ids)}")
    if len(claims) != len(a.claims):
        errors.append("duplicate claim ids")
    speakers = [(f"quote {q.id}", q.speaker) for q in a.quotes] + [(f"claim {c.id}", c.speaker) for c in a.claims]
    for what, s in speakers:
        if s is not None and s.entity is not None and s.entity not in entities:
            errors.append(f"{what}: speaker entity {s.entity!r} is not an entity")
    for c in a.claims:
        if c.quote is not None and c.quote not in quotes:
            errors.append(f"claim {c.id}: quote {c.quote!r} is not a quote")
    for d in a.disputes:
        for role, ref in (("claim", d.claim), ("counter", d.counter)):
            if ref not in claims:
                errors.append(f"dispute: {role} {ref!r} is not a claim")
    return errors


def check(a: Analysis) -> None:
    assert a.article is not None, f"{a.input}: no article"
    errors = span_errors(a) + reference_errors(a)
    assert not errors, f"{a.input}:\n  " + "\n  ".join(errors)


# --------------------------------------------------------------------------- real articles


def test_example_spans_and_references(example: str, example_results: dict[str, list[Analysis]]) -> None:
    for analysis in example_results[example]:
        check(analysis)
        assert analysis.problems == (), analysis.problems


@pytest.mark.shared_data
def test_seed_spans_and_references(seed_analysis: Analysis) -> None:
    check(seed_analysis)
    assert seed_analysis.quotes, "the seed has quotes"


# --------------------------------------------------------------------------- generated texts

NAMES = ["Mara Quist", "Tomas Reyne", "the ministry", "a senior official", "She", "He", "Dr. Ines Vale"]
VERBS = ["said", "told reporters", "added", "warned", "insisted", "wrote"]
SAYINGS = [
    "we don't know yet",
    "it's the council's decision, not ours",
    "the '90s were different",
    "rock 'n' roll never paid the rent",
    "there is no evidence that the pier is unsafe",
    "we will finish the work by June 3",
    "the owners' association won't agree",
    "nobody said 'never' to me",
]
MARKS = [("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("“", ""), ('"', ""), ("", "”"), ("«", "»")]
PLAIN = [
    "The mayor's office didn't reply on Tuesday.",
    "The vote is next week.",
    "Residents met last Friday at the harbour.",
    "It was the board's third meeting since 2021.",
    "Contrary to the minister's statements, the pipes leaked.",
    "'Til then, nothing changes.",
]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    who, verb = draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS))
    saying = draw(st.sampled_from(SAYINGS))
    open_, close = draw(st.sampled_from(MARKS))
    shape = draw(st.integers(0, 6))
    if shape == 0:
        return f"{open_}{saying.capitalize()},{close} {who.lower() if who in ('She', 'He') else who} {verb}."
    if shape == 1:
        return f"{who} {verb}: {open_}{saying.capitalize()}.{close}"
    if shape == 2:
        return f"{who} {verb} that {saying}."
    if shape == 3:
        return f"According to {who.lower() if who in ('She', 'He') else who}, {saying}."
    if shape == 4:
        return f"{who} denied that {saying}."
    if shape == 5:
        return f"{open_}{saying.capitalize()}{close}"
    return draw(st.sampled_from(PLAIN))


@st.composite
def texts(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4), min_size=1, max_size=4))
    return "\n\n".join(" ".join(p) for p in paragraphs)


@pytest.fixture(scope="module")
def full_pipeline() -> Pipeline:
    from wiretrace.registry import build_pipeline  # noqa: PLC0415 - loads every stage

    return build_pipeline()


@settings(max_examples=30, deadline=None)
@given(text=texts())
def test_generated_texts_keep_the_invariants(full_pipeline: Pipeline, text: str) -> None:
    raw = RawDocument(ref="generated", media_type="text/plain", text=text)
    analysis = full_pipeline.run(Analysis(id="generated", input="generated", raw=raw))
    assert analysis.problems == (), f"{analysis.problems}\n{text}"
    assert analysis.body == text  # a JSONL-style text is the body verbatim
    check(analysis)
