"""Entity labels repaired where spaCy's small model is reliably wrong, from how a name is used.

A one-word name that speaks like a person ("Singh said he was alarmed") is no place; an ORG
that is the surname of a person named in full is that person; a name in apposition to a title
("her deputy, Morten Eide,") is a person, to a company noun ("the developer, Tessaly Offshore,")
an organisation; an outlet's name is media; "Vilnius, Lithuania" is a place.
"""

from __future__ import annotations

from wiretrace.analyze.cues import (
    COMPANY_NOUNS,
    GROUP_NAME_WORDS,
    INSTITUTION_NOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    is_speech_verb,
)
from wiretrace.analyze.genders import first_name_gender, first_name_is_common
from wiretrace.analyze.outlets import is_outlet_name
from wiretrace.analyze.phrases import children
from wiretrace.model import Article, EntityType, Mention, Parse

__all__ = ["repair_types"]


def repair_types(
    body: str, parse: Parse, mentions: list[tuple[Mention, str]], article: Article
) -> list[tuple[Mention, str]]:
    """Each mention's label, repaired where the small model is reliably wrong."""
    outlets = {article.outlet, article.source.outlet if article.source else None} - {None}
    surnames = {
        m.text.split()[-1] for m, label in mentions if label == EntityType.PERSON.value and len(m.text.split()) > 1
    }
    named = {  # surnames of people named with a first name: "Nicholas Chapin", not "Trump’s Indiana"
        m.text.split()[-1]
        for m, label in mentions
        if label == EntityType.PERSON.value and len(m.text.split()) > 1 and first_name_gender(m.text.split()[0])
    }
    people = {
        m.text
        for m, label in mentions
        if label in _PLACE_OR_GROUP
        and (
            _speaks_as_a_person(parse, m)
            or (m.text in surnames and _speaking_subject(parse, m) is not None)
            or (m.text in named and _acts_as_a_person(parse, m))
        )
    }
    companies = {  # "telecoms equipment supplier Ericsson": no person ("Obama said it was …" says nothing)
        m.text
        for m, label in mentions
        if label == EntityType.PERSON.value
        and len(m.text.split()) == 1
        and m.text not in surnames
        and first_name_gender(m.text) is None
        and _company_noun_before(parse, m)
    }
    repaired = []
    for mention, label in mentions:
        fixed = label
        if label == EntityType.PERSON.value and mention.text in companies:
            fixed = EntityType.ORG.value
        if label in _PLACE_OR_GROUP and mention.text in people:
            fixed = EntityType.PERSON.value  # "Singh said he was alarmed": not a place
        elif label == EntityType.ORG.value and mention.text in surnames:
            fixed = EntityType.PERSON.value  # "Anselm said": the surname of Rupert Anselm, not an organisation
        elif label != EntityType.PERSON.value and _in_apposition_to(parse, mention, ROLE_NOUNS):
            fixed = EntityType.PERSON.value  # "Her deputy, Morten Eide," was a WORK_OF_ART, "her husband, Dirk," an ORG
        elif label == EntityType.ORG.value and _titled_person(parse, mention):
            fixed = EntityType.PERSON.value  # "Christian Estrosi, a former mayor of Nice," was an ORG
        elif label in _PLACE_OR_GROUP and mention.text not in outlets and _named_speaker(parse, mention):
            fixed = EntityType.PERSON.value  # "“…,” Vera Holm said" was an ORG
        elif label not in {EntityType.ORG.value, EntityType.MEDIA.value} and _in_apposition_to(
            parse, mention, COMPANY_NOUNS
        ):
            fixed = EntityType.ORG.value  # "the developer, Tessaly Offshore," is a company
        elif mention.text in outlets or is_outlet_name(mention.text):
            fixed = EntityType.MEDIA.value
        elif label == EntityType.ORG.value and _followed_by_place(body, parse, mention):
            fixed = EntityType.GPE.value
        words = mention.text.split()
        if fixed == EntityType.PERSON.value and words[-1].lower() in PARTY_MEMBERS:
            fixed = EntityType.NORP.value  # "the Lib Dems", "Tories": a party's people, never one person
        elif fixed == EntityType.PERSON.value and _group_named(words):
            fixed = EntityType.ORG.value  # "Seibu Railways" — but "Samantha Power" is a person
        repaired.append((mention, fixed))
    return repaired


# A party's people, by the party's name: a name that ends with one is no person ("Lib Dems").
PARTY_MEMBERS = frozenset(
    "dem dems democrats republicans tory tories conservatives liberals socialists nationalists unionists greens labour "
    "mps meps msps".split()
)
# Words of a group's name that are common surnames too ("Samantha Power", "Emily Post").
_GROUP_WORD_SURNAMES = frozenset("power post press street".split())
_COMPANY_ENDINGS = frozenset("railway railways industries systems group groups corporation corp inc ltd plc".split())


def _group_named(words: list[str]) -> bool:
    """Whether a "person" is named like an organisation: a word of a group's name last, and no
    common given name first ("Seibu Railways", not "Samantha Power"), or an institution's word
    alone ("Commission")."""
    last = words[-1].lower().rstrip(".")
    if len(words) == 1:
        return last in INSTITUTION_NOUNS and last not in TITLE_WORDS  # "Commission" — not "Secretary"
    if last in _GROUP_WORD_SURNAMES:
        return False
    if last not in GROUP_NAME_WORDS and last not in _COMPANY_ENDINGS:
        return False
    return not first_name_is_common(words[0])


# Words that open a name without being a given name ("Al Jazeera", "St. Louis", "Van Halen").
_NAME_PREFIXES = frozenset("al el la le de del da di van von der st st. saint san santa los las des du".split())


def _named_speaker(parse: Parse, mention: Mention) -> bool:
    """A first name and a surname that speak: "“…,” Vera Holm said", which the model labelled an
    organisation — not "Edison Research said" (a word of a group's name), "Al Jazeera reported"
    (a prefix, not a given name) nor "the Carolina Panthers said" (a plural)."""
    first = parse.token_at(mention.span.start)
    last = parse.token_at(max(mention.span.start, mention.span.end - 1))
    if first is None or last is None or last != first + 1:
        return False
    tokens = parse.tokens
    given, family = tokens[first], tokens[last]
    if given.pos != "PROPN" or family.pos != "PROPN" or family.end != mention.span.end:
        return False
    surname = family.text
    if not (surname[:1].isupper() and surname[1:].islower()) or surname.endswith("s"):
        return False
    group_word = surname.lower() in GROUP_NAME_WORDS and surname.lower() not in _GROUP_WORD_SURNAMES
    if given.lower in _NAME_PREFIXES or group_word or not first_name_is_common(given.text):
        return False  # a common first name: one the names table gives a gender from its main list
    if is_outlet_name(mention.text):
        return False
    return family.dep in {"nsubj", "nsubjpass"} and family.head != last and is_speech_verb(tokens[family.head].text)


def _in_apposition_to(parse: Parse, mention: Mention, nouns: frozenset[str]) -> bool:
    """A proper name in apposition to one of ``nouns``: "her deputy, Morten Eide,"."""
    first = parse.token_at(mention.span.start)
    last = parse.token_at(max(mention.span.start, mention.span.end - 1))
    if first is None or last is None or not 1 < last - first + 2 <= 4:
        return False
    tokens = parse.tokens
    if any(t.pos != "PROPN" for t in tokens[first : last + 1]):
        return False
    root = tokens[last]
    return root.dep == "appos" and tokens[root.head].lower in nouns


_PLACE_OR_GROUP = frozenset({EntityType.GPE.value, EntityType.ORG.value, EntityType.NORP.value})


def _speaks_as_a_person(parse: Parse, mention: Mention) -> bool:
    """A one-word name that speaks like a person: "Singh said he was alarmed", "Bamberg, who
    is 28, said" — a country or a company says "it" and is no "who"."""
    i = parse.token_at(mention.span.start)
    verb = _speaking_subject(parse, mention)
    if i is None or verb is None:
        return False
    tokens = parse.tokens
    if any(tokens[c].dep == "relcl" and _subject_word(parse, c) == "who" for c in children(parse, i)):
        return True
    return any(tokens[c].dep == "ccomp" and _subject_word(parse, c) in {"he", "she"} for c in children(parse, verb))


def _company_noun_before(parse: Parse, mention: Mention) -> bool:
    """A name set after a company noun: "telecoms equipment supplier Ericsson", "marketing
    company Doubleclick"."""
    i = parse.token_at(mention.span.start)
    if i is None or i == 0:
        return False
    before = parse.tokens[i - 1]
    return before.pos == "NOUN" and before.lower in COMPANY_NOUNS and before.head == i


def _acts_as_a_person(parse: Parse, mention: Mention) -> bool:
    """A one-word name (the surname of someone named in full) that acts or is described as a
    person: "Haugen, one of the organisers, thought", "Haugen left early" (the model may take
    the word for a common noun)."""
    i = parse.token_at(mention.span.start)
    tokens = parse.tokens
    if i is None or tokens[i].end != mention.span.end or tokens[i].pos not in {"PROPN", "NOUN"}:
        return False
    if tokens[i].dep == "nsubj" and tokens[tokens[i].head].pos == "VERB":
        return True
    return any(
        tokens[c].dep == "appos" and (tokens[c].lower == "one" or tokens[c].lower in TITLE_WORDS)
        for c in children(parse, i)
    )


def _speaking_subject(parse: Parse, mention: Mention) -> int | None:
    """The speech verb a one-word proper name is the subject of ("Haugen said", "Haugen was
    quoted as saying"), if it is."""
    i = parse.token_at(mention.span.start)
    tokens = parse.tokens
    if i is None or tokens[i].end != mention.span.end or tokens[i].pos != "PROPN":
        return None
    verb = tokens[i].head
    if tokens[i].dep not in {"nsubj", "nsubjpass"} or verb == i:
        return None
    return verb if is_speech_verb(tokens[verb].text) or tokens[verb].lower == "quoted" else None


def _subject_word(parse: Parse, verb: int) -> str | None:
    subjects = [c for c in children(parse, verb) if parse.tokens[c].dep in {"nsubj", "nsubjpass"}]
    return parse.tokens[subjects[0]].lower if subjects else None


def _titled_person(parse: Parse, mention: Mention) -> bool:
    """A first name and a surname with a title in apposition: "Christian Estrosi, a former
    mayor of Nice,"."""
    first = parse.token_at(mention.span.start)
    last = parse.token_at(max(mention.span.start, mention.span.end - 1))
    if first is None or last is None or not 0 < last - first <= 2:
        return False
    tokens = parse.tokens
    if any(t.pos != "PROPN" for t in tokens[first : last + 1]) or first_name_gender(tokens[first].text) is None:
        return False
    return any(tokens[c].dep == "appos" and tokens[c].lower in TITLE_WORDS for c in children(parse, last))


def _followed_by_place(body: str, parse: Parse, mention: Mention) -> bool:
    """ "Vilnius, Lithuania": a name followed by ", <country>" is a place."""
    nxt = parse.token_at(mention.span.end)
    if nxt is None or parse.tokens[nxt].text != ",":
        nxt = parse.token_at(mention.span.end + 1) if mention.span.end + 1 < len(body) else None
    if nxt is None:
        return False
    tokens = parse.tokens
    after = nxt + 1 if tokens[nxt].text == "," else nxt
    return after < len(tokens) and tokens[after].ent_type == "GPE" and tokens[after].ent_iob == "B"
