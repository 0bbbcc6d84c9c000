"""Who said it: speakers found through the parse, pronouns, colons, and entity repairs.

Each case is a short passage of our own in the style of a news story; the assertion names
the speaker a careful reader gives the quote.
"""

from __future__ import annotations

import pytest

from wiretrace.analyze.genders import first_name_gender
from wiretrace.analyze.tags import surface_tag
from wiretrace.model import Analysis, Parse, RawDocument, Sentence, Span, Token

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
    reported = _indirect(analyse(text))
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
    reported = _indirect(analyse("It was reported on Monday that the ferry company would stop the night crossings."))
    assert reported.get("that the ferry company would stop the night crossings") is None
    reported = _indirect(analyse("Council leader Pavel Novak, who was asked about the closure, said nothing."))
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
    reported = _indirect(analyse("The ferry kept running all winter, according to her lawyers in a court filing."))
    assert reported.get("The ferry kept running all winter") == "her lawyers"


def test_you_know_reports_nothing() -> None:
    reported = _indirect(analyse("Ada Lund said the ferry would, you know, never run on time again."))
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


def test_a_person_introduced_with_a_description_is_the_new_voice() -> None:
    text = (
        "Council leader Pavel Novak said the closure was the only safe choice.\n\n"
        "The closure worries Henrik Dahl, chairman of the harbour workers' union.\n\n"
        "“Nobody asked the people who work here,” he said."
    )
    assert speaker_of(analyse(text), "Nobody asked") == "Henrik Dahl"


def test_the_person_cited_by_according_to_is_a_source_for_she() -> None:
    text = (
        "Mayor Anna Berg said the town would cope with the cuts.\n\n"
        "The ministry plans to close three schools, according to a post from Ingrid Solberg.\n\n"
        "“We cannot pay for everything at once,” she wrote."
    )
    assert speaker_of(analyse(text), "pay for everything") == "Ingrid Solberg"


def test_i_inside_marks_the_model_misses_is_not_the_speaker() -> None:
    text = (
        "Senator Pavel Novak spoke to farmers in Tromso on Monday.\n\n"
        "''I think we will win the vote next week,'' he said."
    )
    found = {q.speaker.name for q in analyse(text).quotes if q.speaker is not None}
    assert "Pavel Novak" in found
    assert "I" not in found


def test_it_after_according_to_an_organisation_is_that_organisation() -> None:
    text = (
        "The Harbour Authority said the port was safe.\n\n"
        "Attacks on ships rose by a third last year, according to the Northbridge Monitoring Group. "
        "It said most of the attacks were “carefully planned and well funded.”"
    )
    assert speaker_of(analyse(text), "carefully planned") == "Northbridge Monitoring Group"


def test_she_right_after_a_name_outweighs_the_first_names_usual_gender() -> None:
    assert first_name_gender("Marty") == "m"
    text = (
        "Tomas Haugen said the new school plan was unfair to the villages.\n\n"
        "Marty Lindqvist approaches it more calmly. She said she would rather see the money spent on teachers.\n\n"
        "“They are trying to block a good plan,” she said."
    )
    assert speaker_of(analyse(text), "block a good plan") == "Marty Lindqvist"


def test_a_name_the_parse_makes_the_root_is_what_the_sentence_is_about() -> None:
    text = (
        "Auditor Pavel Novak said the accounts were in order.\n\n"
        "Rep. Tomas Haugen (D-Ohio), chairman of the oversight committee, didn’t second-guess the audit, "
        "but he did call for “a full public hearing” on the contracts."
    )
    assert speaker_of(analyse(text), "full public hearing") == "Tomas Haugen"


def test_i_in_a_clause_joined_to_a_reported_one_is_the_reporters() -> None:
    text = (
        "Author Pavel Novak spoke about his new book on Monday.\n\n"
        "''Readers remembered the old story, and I did want to bring it back,'' Mr. Novak said."
    )
    found = {q.speaker.name for q in analyse(text).quotes if q.speaker is not None}
    assert "Pavel Novak" in found
    assert not found & {"I", "Readers"}


def test_two_finds_of_one_statement_are_one_quote_with_both_fragments() -> None:
    """Two partial quotes can each grow to the clause their verb reports: one statement, never
    the same span twice, its fragments both partials, the ids still q1, q2, …"""
    from wiretrace.analyze.candidates import Found  # noqa: PLC0415
    from wiretrace.analyze.nlp import parse_texts  # noqa: PLC0415
    from wiretrace.analyze.quotes import _build  # noqa: PLC0415
    from wiretrace.model import QuoteKind, Span  # noqa: PLC0415

    body = "The board has “a long way to go” on ferries, “because it never listens.” The crews agreed."
    [parse] = parse_texts([body])
    first, second = (Span(body.index(w), body.index(w) + len(w)) for w in ("a long way to go", "because it never"))
    clause = Span(first.start, second.end)
    found = [Found(clause, QuoteKind.DIRECT, None, (first,)), Found(clause, QuoteKind.DIRECT, None, (second,))]
    [quote] = _build(body, parse, (), found, ())
    assert quote.id == "q1" and quote.fragments == (first, second)


def test_a_second_verb_reporting_a_partial_quote_starts_a_statement_of_its_own() -> None:
    text = (
        "“There is great danger on the bridge,” Mayor Ruth Okafor told reporters, before insisting "
        "she had a “great relationship” with the harbour board."
    )
    analysis = analyse(text)
    said = {q.text: (q.speaker.name if q.speaker else None) for q in analysis.quotes}
    assert "There is great danger on the bridge," in said
    assert not any("told reporters" in t for t in said)  # the narrator's words are in neither quote
    assert any("great relationship" in t and (who or "").endswith("Ruth Okafor") for t, who in said.items())


def test_a_mistyped_opening_mark_that_closes_a_quote_still_closes_it() -> None:
    text = (
        "Ruth Okafor called the plan “reckless“ while praising the crews. "
        "“We will open the bridge on Monday,” she said."
    )
    quotes = [q.text for q in analyse(text).quotes]
    assert "We will open the bridge on Monday," in quotes


def test_a_partial_quote_in_doubled_marks_grows_to_its_clause() -> None:
    body = "Mayor Ruth Okafor said that the board was ''out of touch'' with the islands."
    analysis = analyse(body)
    [quote] = [q for q in analysis.quotes if "touch" in q.text]
    assert quote.kind.value == "direct" and quote.text.startswith("that the board")
    assert any(body[f.start : f.end] == "out of touch" for f in quote.fragments)
    assert (quote.speaker.name if quote.speaker else "").endswith("Ruth Okafor")


def test_a_report_opening_the_next_paragraph_is_not_a_tag() -> None:
    text = (
        "“Folks wave and I wave back,” Oskar Lindqvist explained. “Some stop to argue, and that is fine too.”\n\n"
        "Marta Kowalczyk agrees.\n\n"
        "She said the campaign had been polite so far."
    )
    assert speaker_of(analyse(text), "Some stop to argue") == "Oskar Lindqvist"


def test_i_in_a_transcript_turn_is_the_labelled_speaker() -> None:
    text = (
        "Governor Ruth Okafor spoke to the radio host Dan Pirelli on Sunday.\n\n"
        "PIRELLI: Do you think the bridge will open this year?\n\n"
        "OKAFOR: I think the crews will finish it by the autumn."
    )
    assert speaker_of(analyse(text), "the crews will finish it") == "Ruth Okafor"


def test_a_kicker_label_is_no_transcript_speaker() -> None:
    text = (
        "Governor Ruth Okafor spoke to reporters on Sunday.\n\n"
        "UPDATE: “I think the crews will finish it by the autumn,” Okafor said on Monday."
    )
    assert speaker_of(analyse(text), "the crews will finish it") == "Ruth Okafor"
    text = "Governor Ruth Okafor spoke on Sunday.\n\nEditor's note: “We will finish it by the autumn,” Okafor said."
    assert speaker_of(analyse(text), "finish it by the autumn") == "Ruth Okafor"
    text = "The council met on Sunday.\n\nUPDATE: I think the crews will finish it by the autumn, the clerk said."
    assert speaker_of(analyse(text), "the crews will finish it") != "UPDATE"


def test_a_headline_label_names_who_says_i() -> None:
    text = (
        "Selma Brandt: I Will Not Sign the Harbour Deal.\n\n"
        "Selma Brandt, a councillor, said on Monday that the harbour deal was too costly."
    )
    assert speaker_of(analyse(text), "Not Sign the Harbour Deal") == "Selma Brandt"


def test_a_thing_put_out_speaks_for_whoever_put_it_out() -> None:
    text = "Parents in the district launched petitions urging the board to “keep the small schools open.”"
    assert speaker_of(analyse(text), "keep the small schools open") == "Parents in the district"


def test_his_remarks_calling_are_the_subjects_remarks() -> None:
    text = (
        "Ivo Brandt, the challenger, watched from the side of the stage.\n\n"
        "Mayor Lena Fischer tried to defend her remarks calling the plan “a disgrace” on Tuesday."
    )
    assert speaker_of(analyse(text), "a disgrace") == "Lena Fischer"


def test_a_tag_the_parse_hangs_on_the_quoted_verb_still_names_who_says_i() -> None:
    text = "“To see him as our leader, I don’t think so,” Hana Tanaka said, before suggesting that the vote be delayed."
    assert speaker_of(analyse(text), "the vote be delayed") == "Hana Tanaka"


def test_a_tag_after_doubled_apostrophe_marks() -> None:
    text = (
        "Pia Lund keeps a framed card from the former coach on her desk.\n\n"
        "''Pia, you are the worst referee in the league!'' the card says."
    )
    assert speaker_of(analyse(text), "worst referee") == "the card"


def test_a_quote_in_a_clause_someone_reports_is_the_reporters_account() -> None:
    text = (
        "Senator Olga Brandt said on Tuesday that the ministers rejected her amendment, calling it "
        "“a distraction from the real work.”\n\n"
        "Mayor Ruben Castell conceded that the contractor had missed the deadline but insisted that "
        "the bridge was “safe for every kind of traffic.”"
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "distraction") == "Olga Brandt"
    assert speaker_of(analysis, "every kind of traffic") == "Ruben Castell"


def test_a_tag_after_a_quote_inside_a_report_keeps_its_own_speaker() -> None:
    text = "Asked about the strike, Hana Moreau said: “We will sit down with anyone,” the Coastal Herald reported."
    assert speaker_of(analyse(text), "sit down with anyone") == "Coastal Herald"


def test_a_pull_quote_signed_on_the_next_line_is_the_signers() -> None:
    text = (
        "The port budget drew wide comment this week.\n\n"
        "“I fear the harbour will pay for this for a decade.\n"
        "Dana Reyes, Harbor Policy Institute.”\n\n"
        "The council meets again on Monday."
    )
    assert speaker_of(analyse(text), "pay for this for a decade") == "Dana Reyes"


def test_a_definite_description_goes_back_to_someone_already_named() -> None:
    text = (
        "Alma Reyes toured the flood zone on Monday.\n\n"
        "The candidate said the levees “should have been raised years ago.”\n\n"
        "Republican presidential candidate Marco Lind, who trails in the polls, said he would visit too."
    )
    assert speaker_of(analyse(text), "raised years ago") != "Marco Lind"


def test_a_quote_after_a_sentence_where_someone_spoke_is_theirs() -> None:
    text = (
        "Ines Varga, the mayor, was asked about the closures at a briefing on Monday.\n\n"
        "The cost of the plan stayed a mystery, because Varga spoke in generalities throughout.\n\n"
        "“The shipping lines must pay their share.”"
    )
    assert speaker_of(analyse(text), "pay their share") == "Ines Varga"


def test_a_full_names_first_name_settles_mr_and_mrs_joined_into_one_person() -> None:
    text = (
        "Greta Lund, the museum director, opened the gala on Friday. Mr. Lund, her husband, greeted "
        "guests at the door. Later Mr. Lund talked with the mayor, and Mrs. Lund thanked the donors.\n\n"
        "“We have never had a crowd like this,” she said."
    )
    assert speaker_of(analyse(text), "never had a crowd") == "Greta Lund"


def test_a_speech_verb_before_a_colon_read_as_a_noun_still_introduces_the_quote() -> None:
    text = (
        "The guide sets out the rights of tenants. Section 4 states: “No landlord shall enter a flat without notice.”"
    )
    assert speaker_of(analyse(text), "enter a flat") == "Section 4"
    line = "Harbour rules and fishing rights.\n\nClause 9 states: “No member shall sell a licence to another.”"
    assert speaker_of(analyse(line), "sell a licence") == "Clause 9"


def test_a_speech_verb_in_the_infinitive_before_a_quote_reports_for_the_main_subject() -> None:
    text = "I had barely begun my pitch when the editor, Tamsin Quell, cut me off to announce, “The print run is over.”"
    assert speaker_of(analyse(text), "print run is over") == "Tamsin Quell"


def test_a_surname_before_the_noun_it_modifies_is_not_the_subject() -> None:
    # "trump" is also a verb: the parser makes "Trump" the subject of "volunteers … looked"
    text = (
        "Governor Walter Trump won the primary last spring.\n\n"
        "Several students, shaken by the backlash, feared the campus had turned on them.\n\n"
        "Trump volunteers in town looked to Tomas Ferreira, who had lately restarted the chess society, "
        "to speak up. He refused.\n\n"
        "“We had only just begun and we did not want a fight,” he said."
    )
    assert speaker_of(analyse(text), "did not want a fight") == "Tomas Ferreira"


def test_a_role_word_in_a_persons_description_tells_their_gender() -> None:
    text = (
        "Port engineer Tomas Brandt said the crane had been inspected in May.\n\n"
        "In Genoa, harbour authority spokesman Gabriele Conti insisted that the authority had kept to every "
        "rule.\n\n"
        "Critics ought to read the logs first, he said at a briefing.\n\n"
        "“The inspectors will settle this.”"
    )
    assert first_name_gender("Gabriele") == "f"  # the usual gender of the first name in English
    assert speaker_of(analyse(text), "inspectors will settle") == "Gabriele Conti"


def test_a_vocative_at_the_end_of_a_quote_is_not_its_speaker() -> None:
    text = (
        "The council held its winter reception on Friday.\n\n"
        "“Your budget speech was the best of the year, Mr. Mayor,” Ada Lund, Green of Northfield, told the "
        "mayor as he walked in."
    )
    assert speaker_of(analyse(text), "best of the year") == "Ada Lund"


def test_said_by_phone_is_no_passive_agent() -> None:
    text = "“We would have lost the boat,” Ms. Ferreira, now retired and living in Eugene, Ore., said by phone."
    assert speaker_of(analyse(text), "lost the boat") == "Ferreira"


def _hand_parse(rows: list[tuple[str, str, str, str, int, str]]) -> tuple[str, Parse]:
    """A parse built by hand, one (text, pos, tag, dep, head, entity type) row a token, the
    tokens joined by single spaces but for punctuation, which sticks to the word before."""
    body, tokens = "", []
    for i, (text, pos, tag, dep, head, ent) in enumerate(rows):
        if body and not (pos == "PUNCT" and text not in {"“"}) and not body.endswith("“"):
            body += " "
        start = len(body)
        body += text
        tokens.append(
            Token(
                i=i, start=start, end=len(body), text=text, lower=text.lower(), lemma=text.lower(), pos=pos,
                tag=tag, dep=dep, head=head, ent_iob="B" if ent else "O", ent_type=ent, space=True,
            )
        )  # fmt: skip
    sentence = Sentence(span=Span(0, len(body)), first=0, last=len(tokens))
    return body, Parse(tokens=tuple(tokens), sentences=(sentence,), ents=(), noun_chunks=())


def test_a_tag_with_a_long_description_the_parser_hangs_on_the_quote() -> None:
    # “We lost,” Mr. Halvorsen, now retired in Bergen, said. — "said" parsed as a conjunct of "lost"
    body, parse = _hand_parse(
        [
            ("“", "PUNCT", "``", "punct", 2, ""),
            ("We", "PRON", "PRP", "nsubj", 2, ""),
            ("lost", "VERB", "VBD", "ROOT", 2, ""),
            (",", "PUNCT", ",", "punct", 2, ""),
            ("”", "PUNCT", "''", "punct", 2, ""),
            ("Mr.", "PROPN", "NNP", "compound", 6, ""),
            ("Halvorsen", "PROPN", "NNP", "nsubj", 10, "PERSON"),
            (",", "PUNCT", ",", "punct", 6, ""),
            ("now", "ADV", "RB", "advmod", 9, ""),
            ("retired", "VERB", "VBN", "conj", 2, ""),
            ("in", "ADP", "IN", "prep", 9, ""),
            ("Bergen", "PROPN", "NNP", "pobj", 10, "GPE"),
            (",", "PUNCT", ",", "punct", 2, ""),
            ("said", "VERB", "VBD", "conj", 2, ""),
            (".", "PUNCT", ".", "punct", 2, ""),
        ]
    )
    quote = Span(body.index("We"), body.index(",") + 1)
    found = surface_tag(parse, quote)
    assert found is not None
    assert found.source is not None
    assert parse.tokens[found.source].text == "Halvorsen"
    assert found.cue.text(body) == "said"


def test_who_in_a_relative_clause_joined_to_another_is_the_person_it_describes() -> None:
    text = (
        "“The weather will decide it,” said Rep. Mara Quist, a party veteran whose ward backed the mayor but "
        "who argued that the council could bring out residents who rarely vote."
    )
    assert speaker_of(analyse(text), "bring out residents") == "Mara Quist"


def test_a_description_naming_its_person_is_that_person() -> None:
    text = (
        "The governor spent the day with a retired teacher named Ole Brandt, who is standing for the council "
        "and who shook hands all afternoon, praising “the mayor's honesty and her steady hand.”"
    )
    assert speaker_of(analyse(text), "steady hand") == "Ole Brandt"


def test_the_question_put_to_someone_asked_is_not_their_statement() -> None:
    text = (
        "Harbour master Greta Lund toured the docks on Monday.\n\n"
        "Asked whether the new cranes had made the port any safer, Lund said it was too early to tell.\n\n"
        "Asked which pier was her favourite, she demurred: “Whichever one I am standing on.”"
    )
    analysis = analyse(text)
    asked = [q for q in analysis.quotes if "new cranes" in q.text]
    assert all(q.speaker is None for q in asked)
    assert speaker_of(analysis, "Whichever one") == "Greta Lund"


def test_a_slogan_someone_owns_is_theirs() -> None:
    text = (
        "The count began at noon.\n\n"
        "Ines Varga’s campaign slogan is “A harbour for everyone.” Now she wants voters to believe it.\n\n"
        "The board’s remarks about the plan were “a disgrace,” Olga Brandt said."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "A harbour for everyone") == "Ines Varga"
    assert speaker_of(analysis, "a disgrace") == "Olga Brandt"
