"""Who said it, when reports nest or interrupt each other: a report within a report ("…,” Ray
said, according to the Ledger"), quotes interrupted by their tags, words in quotation marks that
belong to whoever's statement or promise holds them, and subjects the parser sets apart.

Each case is a short passage of our own in the style of a news story; the assertion names
the speaker a careful reader gives the quote.
"""

from __future__ import annotations

from speaker_cases import analyse, indirect, speaker_of

# -- nested attributions: whose account a report within a report is -------------------------


def test_according_to_around_a_speakers_own_words_leaves_them_the_speakers() -> None:
    """The words are Lind's and Bale's; the Ledger reports them (PolNeAR names the Ledger: we do not)."""
    text = (
        "Councillor Mara Lind spoke at the harbour forum on Sunday.\n\n"
        "“I think one has to ask whether this is a priority for them,” Lind said at a press conference, "
        "according to the Coast Ledger.\n\n"
        "According to the Ledger, her spokesman Tom Bale said on Friday that if she won, "
        "“she would sign this bill.”\n\n"
        "On Monday, Lind said she was “happy to see” that the ferry was saved, according to the Coast Ledger."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "one has to ask") == "Mara Lind"
    assert speaker_of(analysis, "she would sign") == "Tom Bale"
    assert speaker_of(analysis, "happy to see") == "Mara Lind"


def test_according_to_inside_the_reported_clause_is_part_of_what_was_said() -> None:
    text = "Olga Brandt said the firm, according to its own filings, had lost “a great deal of money” last year."
    assert speaker_of(analyse(text), "a great deal of money") == "Olga Brandt"


def test_a_paper_reporting_the_whole_sentence_after_the_quote_is_the_source() -> None:
    text = "Mayor Kim Lund welcomed the news, saying the councillor was “doing the right thing,” the Herald reported."
    assert speaker_of(analyse(text), "doing the right thing") == "Herald"


# -- interrupted quotes and set-off tags ------------------------------------------------


def test_a_name_tagging_a_quote_after_another_persons_shout_speaks_the_next_words() -> None:
    text = (
        "Holding open a book, Lund said, “Tell me if this does not sound like someone we know.” "
        "When a man in the audience shouted, “Ray,” Lund joked, “Amen, brother! Come on up!”"
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "Ray,") == "a man in the audience"
    assert speaker_of(analysis, "Amen, brother") == "Lund"
    assert [q.text for q in analysis.quotes if q.text.startswith("Ray")] == ["Ray,"]  # not up to "Amen"


def test_two_quotes_in_a_row_each_with_its_own_tag_are_two_speakers() -> None:
    text = (
        "The vote was close.\n\n"
        "“Thank you all,” Mayor Ines Kopp said. “We will see about that,” council member Dario Fenn said."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "Thank you all") == "Ines Kopp"
    assert speaker_of(analysis, "We will see about that") == "Dario Fenn"
    assert not any("Thank you" in q.text and "We will see" in q.text for q in analysis.quotes)


def test_what_a_speaker_goes_on_to_list_after_a_second_verb_is_another_quote() -> None:
    text = (
        "The debate was close.\n\n"
        '"We have to talk about the real issues. People do not agree with him," Ruth Okafor said, '
        'suggesting a few questions, including, "Do you really think the port needs a new toll? Do you?"'
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "the real issues") == "Ruth Okafor"
    assert speaker_of(analysis, "Do you really think") == "Ruth Okafor"
    assert not any("real issues" in q.text and "Do you really" in q.text for q in analysis.quotes)
    text = '"We will," Dana Moss said, pointing at the map, "win this."'  # one statement, interrupted
    assert [q.text for q in analyse(text).quotes if q.kind.value == "direct"] == [
        'We will," Dana Moss said, pointing at the map, "win this.'
    ]


def test_a_quote_in_a_sentence_with_a_tag_further_on_is_not_the_last_sentences_quote() -> None:
    text = (
        "The hearing ran late.\n\n"
        "“That is not right,” Margaret Holm said. “You squeezed the crews to breaking point” to raise the fares,"
        " she said, and then she left."
    )
    analysis = analyse(text)
    assert [q.text for q in analysis.quotes if q.kind.value == "direct"][:2] == [
        "That is not right,",
        "You squeezed the crews to breaking point",
    ]
    assert speaker_of(analysis, "You squeezed") == "Margaret Holm"


def test_a_partial_quote_in_a_second_verbs_clause_is_not_the_second_half_of_the_first() -> None:
    text = (
        "The pier reopens in summer.\n\n"
        "“We will finish by June,” Ruth Okafor said, describing how the crews would “work in double shifts” all spring."
    )
    quoted = [q.text for q in analyse(text).quotes]
    assert not any("finish by June" in t and "double shifts" in t for t in quoted)
    assert any("finish by June" in t for t in quoted) and any("double shifts" in t for t in quoted)


def test_a_quote_after_its_tags_sentence_without_a_tag_of_its_own_goes_on() -> None:
    text = "The vote was close.\n\n“We will win,” Mayor Ines Kopp said on Monday. “We always have.”"
    analysis = analyse(text)
    assert speaker_of(analysis, "We always have") == "Ines Kopp"
    text += " Dario Fenn said the count would take a week."  # the next sentence's tag is not the quote's
    analysis = analyse(text)
    assert speaker_of(analysis, "We always have") == "Ines Kopp"
    assert any("We will win" in q.text and "We always have" in q.text for q in analysis.quotes)


def test_a_participle_between_two_quotes_goes_on_with_the_same_speaker() -> None:
    text = (
        "Dana Moss said she felt they were saying, “We are safe now. It is over,” adding, "
        "“And this was not the time to relax. This was the time to double up.”"
    )
    assert speaker_of(analyse(text), "not the time to relax") == "Dana Moss"


def test_a_speech_verb_set_off_by_commas_has_the_name_after_it_as_subject() -> None:
    text = (
        "The paradox of Lena Holm, says Carl Anders, a historian at the National Library, is that she was "
        "“one of the most powerful first ladies of the era,” not for her policy but for her charm."
    )
    assert speaker_of(analyse(text), "most powerful first ladies") == "Carl Anders"


# -- owners of words in quotation marks --------------------------------------------------


def test_words_between_a_possessive_and_a_speech_noun_are_the_owners() -> None:
    text = (
        "Premiums rose again this year.\n\n"
        "It is the lasting pull of Ines Varga's “nobody will lose their plan” promise: the unions want to keep theirs."
    )
    assert speaker_of(analyse(text), "nobody will lose") == "Ines Varga"


def test_her_claim_that_she_said_something_is_hers() -> None:
    text = (
        "Minister Greta Holm spoke to reporters on Monday.\n\n"
        "The questions concerned gaps between her claim that she “never sent a single classified file” "
        "and the director's testimony."
    )
    assert speaker_of(analyse(text), "never sent a single") == "Greta Holm"


def test_a_relative_clause_after_the_quote_does_not_report_it() -> None:
    text = (
        "Declaring that he alone could fix the economy, the developer Jon Ruud offered himself as a "
        "“law and order” candidate and made a direct appeal to voters who have felt left behind."
    )
    assert speaker_of(analyse(text), "law and order") == "Jon Ruud"


def test_a_quote_only_paragraph_after_a_stance_is_not_the_stance_holders() -> None:
    text = (
        "Carver also spoke about the court case, which challenges a state law. (The law requires that "
        "clinics upgrade in costly ways. It also mandates three visits for women who want treatment.)\n\n"
        "“The ruling is the law of the land. But I believe it is not a right if you cannot use it.”"
    )
    assert speaker_of(analyse(text), "law of the land") in {None, "Carver"}


def test_a_parenthetical_aside_does_not_report_the_quote() -> None:
    text = (
        "The secret of Lena Holm, says Carl Anders, a historian at the National Library, is that she was "
        "“one of the most powerful first ladies of the era,” not for her policies (think Edith Wilson) "
        "but for her “steady hand.”"
    )
    assert speaker_of(analyse(text), "most powerful first ladies") == "Carl Anders"


def test_a_question_asked_in_a_relative_clause_is_an_aside_the_next_quote_skips() -> None:
    text = (
        "“And I'm not getting paid!” Lomax declared, a point he likes to make after a radio show during which "
        "callers asked how much money he was getting. “I make my own money. I run a good business.”"
    )
    assert speaker_of(analyse(text), "I make my own money") == "Lomax"


def test_a_quote_characterising_someones_remarks_is_not_their_words() -> None:
    text = (
        "In dismissing Ola Berg's remarks as “not serious,” the bishop again showed his taste for politics.\n\n"
        "The bishop declined to say more."
    )
    assert speaker_of(analyse(text), "not serious") == "the bishop"


def test_a_title_abbreviation_before_a_name_after_the_verb_is_not_the_speaker() -> None:
    text = (
        "Some of those surveyed shared their worries.\n\n"
        "“The candidates just don't understand the army,” said Army Capt. Tomas Lindqvist, who said he would not vote."
    )
    assert speaker_of(analyse(text), "understand the army") == "Tomas Lindqvist"


def test_a_reported_clause_framed_by_a_later_reporter_is_that_reporters_account() -> None:
    text = (
        "Mayor Ada Lund had told police officers that she did not want an escort at all, "
        "but the police overruled that request, the source added."
    )
    reported = indirect(analyse(text))
    assert [speaker for clause, speaker in reported.items() if "did not want an escort" in clause] == ["the source"]


def test_words_of_someone_a_speaker_describes_are_the_speakers_account() -> None:
    text = 'Reverend Ola Penn said the world lost a voice that said "love in spite of fear is the greatest power."'
    assert speaker_of(analyse(text), "love in spite of fear") == "Ola Penn"


def test_words_opening_in_lower_case_finish_the_quote_left_unfinished() -> None:
    text = (
        "Earlier, Sheriff Joe Lund vouched for the plan to build a wall along the river.\n\n"
        'He said, "Mayor Ruud will build the wall" - at which point the crowd chanted "Build the wall!" - '
        '"and keep drugs and smugglers from entering our town."'
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "Build the wall!") == "the crowd"
    assert speaker_of(analysis, "and keep drugs") == "Joe Lund"


def test_a_participle_after_a_comma_goes_with_the_clause_right_before_it() -> None:
    text = (
        "The mayor spoke down the street from the Harbour Hotel — now owned by investor Carl Ruud — where "
        'about 50 dock workers had gathered on Wednesday morning, chanting "no contract, no peace" after '
        "the talks failed."
    )
    assert speaker_of(analyse(text), "no contract, no peace") == "about 50 dock workers"


def test_a_colon_after_to_which_x_interjected_hands_the_quote_to_x() -> None:
    text = (
        'Lund said there was "no daylight" between their plans. She said that experts had found her plans '
        'strong, to which Ruud interjected: "It\'s just not true." He said Lund would not go far enough.'
    )
    assert speaker_of(analyse(text), "just not true") == "Ruud"


def test_a_second_speaker_conjoined_between_two_quotes_is_not_an_interruption() -> None:
    text = (
        'Mostly, they have offered colourful language. Lund said he would make the river "run dry," '
        'for instance, and Ruud vowed to "drain every lake" in the valley.\n\n'
        '"The letter was vague," Holm and Berg wrote. "We ask the board to explain it."'
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "run dry") == "Lund"
    assert speaker_of(analysis, "drain every lake") == "Ruud"
    [letter] = [q for q in analysis.quotes if "The letter was vague" in q.text]
    assert "We ask the board" in letter.text  # "Holm and Berg wrote": one statement, interrupted


def test_a_speech_verb_read_as_a_noun_after_a_plural_subject_tags_the_quote() -> None:
    text = (
        "The paper is part of a wider campaign.\n\n"
        '"Today, the kingdom is one of the leading nations in fighting smuggling," the Norwegians state in the '
        "white paper, which was shared with lawmakers on Thursday."
    )
    assert speaker_of(analyse(text), "leading nations") == "Norwegians"


def test_more_from_with_the_dash_glued_to_it_labels_the_quote() -> None:
    text = (
        "Signs of a late shift were there all along -More from Holm and Berg: “Data collected by our firm "
        "helps confirm that both issues were in play. There was a lot shifting on the ground.” [Ledger.]"
    )
    assert speaker_of(analyse(text), "Data collected by our firm") == "Berg"


def test_portraying_someone_as_something_in_quotation_marks_is_a_characterisation() -> None:
    text = (
        "The candidate's tone was a jarring contrast to the sunny introduction by his daughter Ines Ruud, who "
        'portrayed him as a generous business owner who would be "the people\'s champion" and "a fighter."'
    )
    assert speaker_of(analyse(text), "the people's champion") == "Ines Ruud"


def test_an_email_subject_line_belongs_to_whoever_emailed_it() -> None:
    text = (
        "The trove showed the office kept in touch with the foundation.\n\n"
        "A staffer emailed the mayor the list of guests under the subject line “Harbour gala seating.” "
        "It named twelve officials."
    )
    assert speaker_of(analyse(text), "Harbour gala seating") == "A staffer"


def test_a_second_statement_after_a_semicolon_does_not_frame_the_first() -> None:
    text = (
        "A strong majority of harbour workers say they are paying close attention to the strike talks; "
        "26 percent of the clerks say they have not been following them at all."
    )
    reported = indirect(analyse(text))
    speakers = [speaker for clause, speaker in reported.items() if "paying close attention" in clause]
    assert speakers == ["A strong majority of harbour workers"]


def test_a_closing_mark_glued_to_the_speakers_name_closes_the_quote() -> None:
    text = (
        "The ad ran on Monday.\n\n"
        '"We keep finding that the mayor says different things to different audiences,"Ines Varga, '
        "who chairs the group, said in a statement."
    )
    analysis = analyse(text)
    assert speaker_of(analysis, "different things to different audiences") == "Ines Varga"
    [quote] = [q for q in analysis.quotes if "different audiences" in q.text]
    assert quote.text.endswith("different audiences,")
