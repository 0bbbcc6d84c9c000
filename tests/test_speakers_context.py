"""Who said it, from the context: descriptions and pronouns, transcript and headline labels,
reporters of reported clauses, signed pull quotes, vocatives, and tags the parser misplaces.

Each case is a short passage of our own in the style of a news story; the assertion names
the speaker a careful reader gives the quote.
"""

from __future__ import annotations

import pytest

from speaker_cases import analyse, hand_parse, speaker_of
from wiretrace.analyze.genders import first_name_gender
from wiretrace.analyze.tags import surface_tag
from wiretrace.model import Span

pytestmark = pytest.mark.slow


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


def test_a_tag_with_a_long_description_the_parser_hangs_on_the_quote() -> None:
    # “We lost,” Mr. Halvorsen, now retired in Bergen, said. — "said" parsed as a conjunct of "lost"
    body, parse = hand_parse(
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


def test_a_clause_about_when_the_words_were_said_is_not_what_was_said() -> None:
    text = (
        "The ad opens on a stage.\n\n"
        "“He cannot handle tough questions,” a voice over says as a photo of an empty podium is shown."
    )
    analysis = analyse(text)
    assert not any("podium" in q.text for q in analysis.quotes)
    assert speaker_of(analysis, "tough questions") == "a voice over"


def test_the_group_a_story_brought_in_unnamed_is_not_the_last_organisation_named() -> None:
    text = (
        "A group of councillors has tried to raise the pressure on the Harbour Board over the ferry.\n\n"
        "The cross-party group says the board can win support for a new pier. "
        "The group believes the ferry will run again by spring."
    )
    analysis = analyse(text)
    for words in ("win support", "run again"):
        quote = next(q for q in analysis.quotes if words in q.text)
        assert quote.speaker is not None and "Harbour Board" not in quote.speaker.name


def test_the_alliance_a_name_is_said_to_be_is_that_name() -> None:
    text = "The Baltic Fleet Union is a loose alliance of 40 crews. The alliance said the quotas were “far too low”."
    assert speaker_of(analyse(text), "far too low") == "Baltic Fleet Union"


def test_when_a_letter_was_written_is_not_what_it_said() -> None:
    text = (
        "The port's union leader Hanne Moe wrote to the harbour master on Tuesday accusing him of "
        "an error of judgement over the ferry."
    )
    analysis = analyse(text)
    assert not any(q.text.strip() == "Tuesday" for q in analysis.quotes)
    assert speaker_of(analysis, "error of judgement") == "Hanne Moe"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (  # an unnamed spokeswoman is who "she" is, however many women were named before her
            "Mayor Elena Varga opened the pier on Monday.\n\n"
            "A spokeswoman for the harbour board said the ferry would run again. "
            "She said the crews were “ready to sail”.",
            "ready to sail",
            "A spokeswoman for the harbour board",
        ),
        (  # no one named she can be: the unnamed official
            "The pier stayed shut on Sunday. An official said the repairs had begun. "
            "She added that it “will reopen in May”.",
            "reopen in May",
            "An official",
        ),
        (  # "they": the unnamed people who spoke last
            "The council passed the budget. Critics said the fares would rise. "
            "They argued that the subsidy was “far too small”.",
            "far too small",
            "Critics",
        ),
        (  # a man of that name came between: him, not the spokeswoman
            "A spokeswoman for the union said the talks had failed. Mayor Elena Varga replied on Tuesday. "
            "She said the offer “still stands”.",
            "still stands",
            "Elena Varga",
        ),
    ],
)
def test_a_pronoun_after_an_unnamed_source_is_that_source(text: str, words: str, speaker: str) -> None:
    assert speaker_of(analyse(text), words) == speaker


def test_they_after_unnamed_people_is_not_them_when_a_group_came_between() -> None:
    text = (
        "Critics said the fares would rise. The bill is expected to be opposed by the Harbour Party. "
        "They have said the scheme is “deeply flawed”."
    )
    assert speaker_of(analyse(text), "deeply flawed") != "Critics"


def test_the_programme_someone_spoke_on_is_not_what_they_said() -> None:
    text = (
        "The pact was signed on Friday. Speaking on Radio Saltmere's Morning programme, Mr Vance said "
        "give and take would replace more “rigid” rules."
    )
    analysis = analyse(text)
    assert not any("programme" in q.text for q in analysis.quotes)
    assert speaker_of(analysis, "rigid") == "Vance"


def test_what_someone_wrote_in_a_relative_clause_is_not_a_statement() -> None:
    text = "So embarrassed was Lieberman by much of what he was writing that he hid his name."
    assert not any(q.text.strip().lower() == "what" for q in analyse(text).quotes)


def test_the_people_a_verb_leads_to_speak_are_the_speakers() -> None:
    text = (
        "The singer was criticised after a show in April led 12 viewers to complain he was “lewd”.\n\n"
        "Mourners used markers to write notes to the boxer on a paper banner."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "lewd") == "12 viewers"
    notes = [q for q in analysis.quotes if q.text.strip() == "notes"]
    assert all(q.speaker is None or q.speaker.name != "markers" for q in notes)  # "used X to": not X


def test_what_a_statement_reads_is_its_words() -> None:
    text = (
        "The singer was criticised in April.\n\n"
        "“The performer had been asked to tone his act down,” a broadcaster’s statement read. "
        "She read the report twice."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "tone his act down") == "a broadcaster’s statement"
    assert not any("report" in q.text for q in analysis.quotes)  # reading a report is not speech


def test_a_title_for_another_office_is_not_the_person() -> None:
    text = (
        "Home Secretary Dag Reinholt spoke on Monday.\n\n"
        "The foreign secretary said it was “for Parliament”. The home secretary said the law was “fair”."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "for Parliament") != "Dag Reinholt"
    assert speaker_of(analysis, "fair") == "Dag Reinholt"


def test_the_company_is_not_the_outlet_it_spoke_to() -> None:
    text = (
        "Nordfly may lose millions after the summit, it told the BBC.\n\n"
        "The company said that it had to cancel 77 flights on Wednesday."
    )
    assert speaker_of(analyse(text), "cancel 77 flights") != "BBC"


def test_a_pronoun_or_an_idiom_alone_is_not_what_was_said() -> None:
    from wiretrace.analyze.reported import _content_object  # noqa: PLC0415

    _, parse = hand_parse(
        [
            ("silence", "NOUN", "NN", "nsubj", 1, ""),
            ("speaks", "VERB", "VBZ", "ROOT", 1, ""),
            ("volumes", "NOUN", "NNS", "dobj", 1, ""),
        ]
    )
    assert not _content_object(parse, "speak", 2)  # "speaks volumes"
    _, parse = hand_parse(
        [
            ("Taiwan", "PROPN", "NNP", "nsubj", 1, "GPE"),
            ("declared", "VERB", "VBD", "ROOT", 1, ""),
            ("itself", "PRON", "PRP", "dobj", 1, ""),
        ]
    )
    assert not _content_object(parse, "declare", 2)  # nothing declared but itself
    _, parse = hand_parse(
        [
            ("he", "PRON", "PRP", "nsubj", 1, ""),
            ("calls", "VERB", "VBZ", "ROOT", 1, ""),
            ("himself", "PRON", "PRP", "dobj", 1, ""),
            ("socialist", "NOUN", "NN", "oprd", 1, ""),
        ]
    )
    assert _content_object(parse, "call", 2)  # "calls himself a socialist": what he calls himself


def test_an_organisations_spokeswoman_speaks_and_stays_the_speaker() -> None:
    text = (
        "A Department for Harbours spokeswoman confirmed Mr Lund was still in post. "
        "“No date was ever given for his departure,” she said, adding that the post had been advertised. "
        "She said the search would “take months”."
    )
    analysis = analyse(text)
    for words in ("still in post", "No date was ever given", "post had been advertised", "take months"):
        quote = next(q for q in analysis.quotes if words in q.text)
        assert quote.speaker is not None and quote.speaker.name.endswith("spokeswoman"), words


def test_the_chairman_named_after_his_organisation_speaks() -> None:
    text = (
        "Commission for Harbour Safety chairman Trevor Lindqvist said applications were down 40%. "
        "He did not think the plan was “about race”. An aide to Senator Ted Vance said the plan was “dead”."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "applications were down") == "Trevor Lindqvist"
    assert speaker_of(analysis, "about race") == "Trevor Lindqvist"
    assert speaker_of(analysis, "dead") != "Ted Vance"  # the aide speaks
