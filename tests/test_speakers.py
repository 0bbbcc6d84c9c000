"""Who said it: speakers found through the parse, colons, reported clauses and entity repairs.

Each case is a short passage of our own in the style of a news story; the assertion names
the speaker a careful reader gives the quote. (More in ``test_speakers_context.py``.)
"""

from __future__ import annotations

import pytest

from speaker_cases import analyse, indirect, speaker_of
from wiretrace.analyze.genders import first_name_gender

pytestmark = pytest.mark.slow


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


def test_a_stance_is_reported_like_speech() -> None:
    text = (
        "Former mayor Lena Holt has endorsed Councillor Ruben Ash for the party leadership. "
        "Ash declined to comment on the endorsement."
    )
    reported = indirect(analyse(text))
    assert reported.get("Councillor Ruben Ash for the party leadership") == "Lena Holt"
    assert any(said.startswith("to comment") and (who or "").endswith("Ash") for said, who in reported.items())


def test_a_participle_after_by_reports_for_the_main_subject() -> None:
    text = "Ada Kerr angered farmers on Monday by saying that the subsidy would end in June."
    reported = indirect(analyse(text))
    assert reported.get("that the subsidy would end in June") == "Ada Kerr"


def test_a_quote_inside_a_sentence_belongs_to_its_named_subject() -> None:
    text = (
        "The ferry operator raised fares twice this year. "
        "Asked about the second increase, Marta Quist described it as “a correction, not a raise.”"
    )
    assert speaker_of(analyse(text), "a correction") == "Marta Quist"


def test_the_subject_of_a_reported_clause_is_not_the_last_speaker() -> None:
    text = (
        "Ambassador Peter Holm praised the new mayor on Friday.\n\n"
        "Holm also said that Mayor Anders Vik shows “great patience” with the council.\n\n"
        "“He is a man who listens before he speaks,” he said."
    )
    assert speaker_of(analyse(text), "listens before he speaks") == "Peter Holm"


def test_a_quote_after_a_sentence_about_someone_is_theirs() -> None:
    text = (
        "Judge Carla Reyes struck down the harbour ordinance on Thursday.\n\n"
        "“The city has put its thumb on the scale for one side of this dispute.”\n\n"
        "The council will appeal."
    )
    assert speaker_of(analyse(text), "thumb on the scale") == "Carla Reyes"


def test_any_verb_right_after_a_quote_tags_it() -> None:
    text = (
        "The ferry returned to the island after two years.\n\n"
        "“This is the best day we have had in a very long time!” beamed Oskar Lindqvist, "
        "a fisherman from the north shore."
    )
    assert speaker_of(analyse(text), "best day") == "Oskar Lindqvist"


def test_a_tag_does_not_reach_into_the_next_paragraph() -> None:
    text = (
        "Mayor Tomas Haugen wrote on Sunday about the match.\n\n"
        "“So far the final is very dull, and nothing like the council debates we have!” he wrote.\n\n"
        "“The other side has no plan for the harbour and no money to pay for one either!”\n\n"
        "The league folded in 1986 after three seasons."
    )
    assert speaker_of(analyse(text), "no money to pay") == "Tomas Haugen"


def test_a_first_name_outweighs_a_pronoun_that_follows_the_name() -> None:
    text = (
        "Henrik Dahl watched the vote with his neighbour, Mette Lund. "
        "Dahl was quiet, and she said little either.\n\n"
        "“I have waited ten years for this road,” Lund said.\n\n"
        "“We will see whether they keep their word,” he said."
    )
    assert speaker_of(analyse(text), "keep their word") == "Henrik Dahl"


def test_a_bare_surname_stays_with_the_person_introduced_first() -> None:
    filler = "The committee met for three hours and heard from a dozen residents about the plan. " * 4
    text = (
        "Council leader Henrik Dahl opened the meeting on Tuesday.\n\n"
        "His daughter, Ingrid Dahl, a lawyer, sat in the front row.\n\n"
        f"{filler}\n\n"
        "“We will not sell the harbour,” Dahl said."
    )
    assert speaker_of(analyse(text), "not sell the harbour") == "Henrik Dahl"


def test_a_thing_a_person_puts_out_speaks_for_them() -> None:
    text = (
        "Councillor Mette Lund released a new radio ad on Monday calling the harbour plan "
        "“a gift to developers” and “a disaster for the fishermen of this town.”"
    )
    assert (speaker_of(analyse(text), "a gift to developers") or "").endswith("Mette Lund")


def test_a_partial_quote_the_parse_leaves_apart_takes_the_rest_of_its_sentence() -> None:
    text = "Instead, Mayor Ruth Okafor told the Ledger, her plan would merely be “to start small” if she wins."
    analysis = analyse(text)
    [quote] = [q for q in analysis.quotes if "start small" in q.text]
    assert quote.text.startswith("her plan would merely be")
    assert (quote.speaker.name if quote.speaker else "").endswith("Ruth Okafor")
    assert any(analysis.body[f.start : f.end] == "to start small" for f in quote.fragments)


def test_a_headline_that_reports_is_an_attribution() -> None:
    text = (
        "Mayor Ruth Okafor Blasts Harbour Board Over Ferry Cuts.\n\n"
        "The mayor of Dunmore criticised the harbour board on Monday after it cut the winter ferry service."
    )
    reported = indirect(analyse(text))
    assert any(
        said.startswith("Harbour Board") and (who or "").endswith("Ruth Okafor") for said, who in reported.items()
    )


def test_as_someone_puts_it_reports_like_says() -> None:
    text = (
        "The council has delayed the vote three times. "
        "As the columnist Ada Brandt puts it, “the harbour plan is a ship that never leaves port.”"
    )
    assert (speaker_of(analyse(text), "never leaves port") or "").endswith("Ada Brandt")


def test_a_quote_after_a_sentence_about_a_named_description_is_theirs() -> None:
    text = (
        "The students argued about the election over lunch.\n\n"
        "Her roommate, Lena Brooks, joined the conversation after a while. "
        "“I never thought I would vote for a third party, but here we are.”"
    )
    assert speaker_of(analyse(text), "third party") == "Lena Brooks"


def test_a_title_the_model_reads_as_a_name_gives_way_to_the_name_after_it() -> None:
    text = (
        "Northwind Energy Vice President for safety and compliance Dora Kettleby called the plan "
        "“a careful first step toward cleaner water.”"
    )
    assert speaker_of(analyse(text), "careful first step") == "Dora Kettleby"


def test_an_organisation_title_and_name_is_the_person() -> None:
    text = (
        "The Harbour Workers Union General Secretary Amos Brandt says in a statement that the deal "
        "“will not hold through the winter.”"
    )
    assert speaker_of(analyse(text), "will not hold") == "Amos Brandt"


def test_a_name_and_colon_after_a_dash_beats_the_verb_before_it() -> None:
    text = "Turnout was the real story - Ruth Calloway: “We saw lines around the block in every district we polled.”"
    assert speaker_of(analyse(text), "lines around the block") == "Ruth Calloway"


def test_from_the_report_colon_is_the_report() -> None:
    text = (
        "The county report came out on Monday.\n\n"
        "From the report: “Every district saw longer lines than in any election since records began.”"
    )
    assert speaker_of(analyse(text), "longer lines") == "the report"


def test_making_the_point_reports_like_saying() -> None:
    text = (
        "County treasurer Luis Ortega spoke at the meeting.\n\n"
        "Ortega also made the point that the budget would leave the county “with nothing at all for the long winter.”"
    )
    assert speaker_of(analyse(text), "nothing at all") == "Luis Ortega"


def test_in_someones_view_reports_like_according_to() -> None:
    text = (
        "Council member Ingrid Halvorsen voted against the plan.\n\n"
        "“The plan is a gift to developers and nothing else for the town,” in Halvorsen’s view."
    )
    assert speaker_of(analyse(text), "gift to developers") == "Ingrid Halvorsen"


def test_a_short_exclamation_is_tagged_by_a_verb_and_a_name_after_it() -> None:
    text = (
        "The crowd cheered as the mayor spoke.\n\n"
        "“This is wonderful!” beamed Petra Lindqvist of Duluth, who drove four hours to attend."
    )
    assert speaker_of(analyse(text), "This is wonderful") == "Petra Lindqvist"


def test_a_pronoun_in_a_relative_clause_is_the_person_it_describes() -> None:
    text = (
        "Mayor Ines Carter spoke first.\n\n"
        "The latest is Rep. Tom Barrow, the congressman who made headlines in 2019 when he shouted "
        "“Shame on you!” at the governor."
    )
    assert speaker_of(analyse(text), "Shame on you") == "Tom Barrow"


def test_adding_between_two_quotes_makes_two_statements() -> None:
    text = (
        "“We will finish the bridge by the spring,” Mayor Ines Carter said, "
        "adding that the council “has found the money for the whole project.”"
    )
    analysis = analyse(text)
    first = next(q for q in analysis.quotes if "finish the bridge" in q.text)
    assert "found the money" not in first.text
    assert speaker_of(analysis, "found the money") == "Ines Carter"


def test_a_tag_after_the_quote_beats_a_label_before_it() -> None:
    text = (
        "Engineer Paul Okafor inspected the span on Tuesday.\n\n"
        "His verdict: “It is not quite finished, but it is safe,” he said."
    )
    assert speaker_of(analyse(text), "not quite finished") == "Paul Okafor"


def test_a_show_title_after_the_verb_is_not_its_subject() -> None:
    text = "“We are ready for the storm season this year,” Hanna Berg, a campaign adviser, said on “Good Day Today.”"
    assert speaker_of(analyse(text), "ready for the storm") == "Hanna Berg"


def test_a_show_named_after_a_possessive_or_told_is_no_quote() -> None:
    text = (
        'Ruth Okafor told Harbor TV\'s "Morning Tide" that nobody would question the plan.\n\n'
        "She appeared on “Coast Today” and said the ferry “will run again in May.”"
    )
    quoted = [q.text for q in analyse(text).quotes if q.kind.value == "direct"]
    assert not any("Morning Tide" in t or "Coast Today" in t for t in quoted)
    assert any("will run again in May" in t for t in quoted)


def test_a_surname_the_model_reads_as_a_place_joins_its_person() -> None:
    text = (
        "Mayor Tomas Haugen toured the pier.\n\n"
        "“We will rebuild it stronger than before,” Haugen was quoted as saying by the local paper."
    )
    assert speaker_of(analyse(text), "rebuild it stronger") == "Tomas Haugen"


def test_a_quote_ending_in_a_nested_quote_and_a_space_keeps_its_tag() -> None:
    text = (
        "Judge Carla Brenner struck the law down on Friday.\n\n"
        "\"The law tells citizens 'that they are outsiders, not full members of the community,' \" "
        "Brenner wrote in her opinion."
    )
    assert speaker_of(analyse(text), "The law tells citizens") == "Carla Brenner"


# -- speakers that cannot speak ---------------------------------------------------------


def test_an_event_is_not_a_speaker_the_people_in_it_are() -> None:
    text = (
        "Mayor Ingrid Solberg spoke at the harbour on Thursday.\n\n"
        "The first clash came during her speech, when dock workers interrupted her, shouting “Not one more cut!”"
    )
    assert speaker_of(analyse(text), "Not one more cut") == "dock workers"


def test_an_abstract_subject_gives_way_to_the_speaker_above_it() -> None:
    text = (
        "Mayor Ingrid Solberg met union leaders on Thursday.\n\n"
        "She told reporters on Friday the tone of the meeting was calm, and predicted the council "
        "“will find a way through this winter.”"
    )
    assert speaker_of(analyse(text), "find a way through") == "Ingrid Solberg"


def test_a_moment_is_not_a_speaker() -> None:
    text = (
        "Councillor Ruth Amberg has battled the port board for years, "
        "at one point calling its budget “a work of fiction.”"
    )
    assert (speaker_of(analyse(text), "a work of fiction") or "").endswith("Ruth Amberg")


def test_that_is_what_someone_wrote_is_theirs() -> None:
    text = "“The harbour plan is a fantasy.” That is what my colleague Arne Vik wrote last week."
    assert speaker_of(analyse(text), "harbour plan is a fantasy") == "Arne Vik"


def test_the_passive_subject_of_a_speech_verb_is_not_its_source() -> None:
    reported = indirect(analyse("It was reported on Monday that the ferry company would stop the night crossings."))
    assert reported.get("that the ferry company would stop the night crossings") is None
    reported = indirect(analyse("Council leader Pavel Novak, who was asked about the closure, said nothing."))
    assert reported.get("the closure") is None


def test_a_raised_passive_subject_is_still_the_source() -> None:
    text = "Councillor Pavel Novak is reported to have called the plan “a gift to developers.”"
    assert (speaker_of(analyse(text), "a gift to developers") or "").endswith("Pavel Novak")


def test_documents_media_and_groups_still_speak() -> None:
    text = "The report found that most harbours are “nowhere near ready.”"
    assert speaker_of(analyse(text), "nowhere") == "The report"
    text = "The campaign released an ad on Monday. The ad says the mayor “sold the harbour to the highest bidder.”"
    assert speaker_of(analyse(text), "highest bidder") == "The ad"
    text = "Protesters chanted “Keep the ferry!” as the council met."
    assert speaker_of(analyse(text), "Keep the ferry") == "Protesters"


def test_an_unnamed_source_is_described_without_its_cue_or_date() -> None:
    assert speaker_of(analyse("“Can anyone hear us?” the 52-year-old asked in a post."), "hear us") == "the 52-year-old"
    reported = indirect(analyse("The ferry kept running all winter, according to her lawyers in a court filing."))
    assert reported.get("The ferry kept running all winter") == "her lawyers"


def test_you_know_reports_nothing() -> None:
    reported = indirect(analyse("Ada Lund said the ferry would, you know, never run on time again."))
    assert reported == {"the ferry would, you know, never run on time again": "Ada Lund"}


def test_a_noun_that_cannot_speak() -> None:
    from wiretrace.analyze.nlp import parse_texts  # noqa: PLC0415 - loads spaCy on use
    from wiretrace.analyze.sources import can_speak  # noqa: PLC0415

    text = "The tone was calm. A sign in the window read Open. Signs of panic were there. That was it."
    (parse,) = parse_texts([text])
    heads = {t.text: can_speak(parse, t.i) for t in parse.tokens if t.dep in {"nsubj", "nsubjpass"}}
    assert heads == {"tone": False, "sign": True, "Signs": False, "That": False}


def test_a_speech_verb_left_without_its_quote_is_its_cue() -> None:
    text = (
        "Councillor Ray Holm lost the debate on Monday.\n\n"
        "It concludes with footage of Holm saying during the debate last week, “That makes me smart.”"
    )
    assert (speaker_of(analyse(text), "makes me smart") or "").endswith("Ray Holm")
