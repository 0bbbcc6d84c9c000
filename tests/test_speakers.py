"""Who said it: speakers found through the parse, pronouns, colons, and entity repairs.

Each case is a short passage of our own in the style of a news story; the assertion names
the speaker a careful reader gives the quote.
"""

from __future__ import annotations

import pytest

from wiretrace.analyze.genders import first_name_gender
from wiretrace.model import Analysis, RawDocument

pytestmark = pytest.mark.slow


def analyse(text: str) -> Analysis:
    from wiretrace.analyze_api import Item, _start  # noqa: PLC0415 - loads spaCy on use
    from wiretrace.registry import build_pipeline  # noqa: PLC0415

    doc = RawDocument(ref="test", media_type="text/plain", text=text, meta=(("published", "2024-03-05"),))
    result = build_pipeline(["quotes"]).run(_start(Item(name="test", doc=doc), None))
    assert isinstance(result, Analysis)
    return result


def speaker_of(analysis: Analysis, words: str) -> str | None:
    for quote in analysis.quotes:
        if words in quote.text:
            return quote.speaker.name if quote.speaker is not None else None
    raise AssertionError(f"no quote holds {words!r}: {[q.text for q in analysis.quotes]}")


def test_first_names_give_a_weak_gender() -> None:
    assert first_name_gender("Margaret") == "f"
    assert first_name_gender("Henrik") == "m"
    assert first_name_gender("Taylor") is None  # shared by both: no guess
    assert first_name_gender("J.") is None
    assert first_name_gender("Qzxv") is None


def test_a_new_subject_takes_over_from_the_last_speaker() -> None:
    text = (
        "Harbour master Ingrid Solberg said the pier would close for a month.\n\n"
        "Mayor Tomas Haugen is touring the waterfront on Friday, a week after the storm.\n\n"
        "“We will rebuild it stronger,” he said."
    )
    assert speaker_of(analyse(text), "rebuild it stronger") == "Tomas Haugen"


def test_a_subject_inside_a_reported_clause_is_not_the_topic() -> None:
    text = (
        "Council leader Pavel Novak spoke to reporters on Monday.\n\n"
        "Novak said Dalia Brooks would present the budget next week.\n\n"
        "“It is a fair budget for a hard year,” he said."
    )
    assert speaker_of(analyse(text), "fair budget") == "Pavel Novak"


def test_the_other_gender_is_skipped_by_first_name() -> None:
    text = (
        "Margaret Ellison, the port's finance director, presented the figures. "
        "Henrik Dahl, a councillor, listened.\n\n"
        "“These numbers do not add up,” she said."
    )
    assert speaker_of(analyse(text), "do not add up") == "Margaret Ellison"


def test_a_colon_hands_the_floor_to_the_subject_whatever_the_verb() -> None:
    text = (
        "The crowd grew restless as the vote dragged on. "
        "Then council member Rosa Lindgren stood up and leaned into the microphone: "
        "“Let us finish this tonight.”"
    )
    assert speaker_of(analyse(text), "finish this tonight") == "Rosa Lindgren"


def test_a_colon_after_a_plain_statement_does_not_make_a_block_quote() -> None:
    text = (
        "Residents at the hearing were divided:\n\n"
        "Shopkeeper Aino Virtanen: “The new road will bring customers.”\n\n"
        "Teacher Olav Berg: “It will bring lorries past the school.”"
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "bring customers") == "Aino Virtanen"
    assert speaker_of(analysis, "lorries past") == "Olav Berg"


def test_a_surname_the_model_mislabels_joins_its_person() -> None:
    text = (
        "I asked Owen Tallis, a former finance director, about the loan. "
        "“You do not borrow first and ask later,” Tallis said. "
        "Tallis said the figures assume a grant that may never come."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "borrow first") == "Owen Tallis"
    names = {e.name for e in analysis.entities if any(m.text == "Tallis" for m in e.mentions)}
    assert names == {"Owen Tallis"}


def _indirect(analysis: Analysis) -> dict[str, str | None]:
    return {q.text: (q.speaker.name if q.speaker else None) for q in analysis.quotes if q.kind.value == "indirect"}


def test_a_stance_is_reported_like_speech() -> None:
    text = (
        "Former mayor Lena Holt has endorsed Councillor Ruben Ash for the party leadership. "
        "Ash declined to comment on the endorsement."
    )
    reported = _indirect(analyse(text))
    assert reported.get("Councillor Ruben Ash for the party leadership") == "Lena Holt"
    assert any(said.startswith("to comment") and (who or "").endswith("Ash") for said, who in reported.items())


def test_a_participle_after_by_reports_for_the_main_subject() -> None:
    text = "Ada Kerr angered farmers on Monday by saying that the subsidy would end in June."
    reported = _indirect(analyse(text))
    assert reported.get("that the subsidy would end in June") == "Ada Kerr"


def test_a_quote_inside_a_sentence_belongs_to_its_named_subject() -> None:
    text = (
        "The ferry operator raised fares twice this year. "
        "Asked about the second increase, Marta Quist described it as “a correction, not a raise.”"
    )
    assert speaker_of(analyse(text), "a correction") == "Marta Quist"
