"""Entity mentions as found in one article: spaCy's named entities, cleaned and completed.

A dateline run into a name is cut off ("CLEVELAND - Donald Trump"), and so is a headline's
verb ("Trump Says …"); a name modifying a facility noun is the facility ("Zaporizhzhia
nuclear power plant"); a nickname in quotation marks stays inside the name ("John “Tig”
Tiegen"); an organisation's possessive run into a surname is two mentions ("Media Research
Center’s Bozell"); speaking names the model missed, and other occurrences of a person's
surname, are added.
"""

from __future__ import annotations

import re

from wiretrace.analyze.cues import GROUP_NAME_WORDS, TITLE_WORDS, is_speech_verb
from wiretrace.analyze.genders import first_name_is_common
from wiretrace.analyze.phrases import strip_span
from wiretrace.model import EntityType, Mention, Parse, Span

__all__ = ["HONORIFICS", "POST_NOMINALS", "raw_mentions"]

KEPT_LABELS = frozenset(t.value for t in EntityType)
FACILITY_NOUNS = frozenset(
    """
        plant station reactor reactors dam airport port harbor harbour bridge pipeline mine base refinery
        factory prison hospital stadium tower complex facility
    """.split()
)
_DATELINE_PREFIX = re.compile(r"[A-Z][A-Z.'’ ]{1,40}?\s+[-—–]+\s+(?=[A-Z])")  # "CLEVELAND - Donald Trump"


def raw_mentions(body: str, parse: Parse) -> list[tuple[Mention, str]]:
    """Every entity mention with the model's label, before labels are repaired and merged."""
    found: list[tuple[Mention, str]] = _unlabelled_speakers(body, parse)
    for ent in parse.ents:
        if ent.label not in KEPT_LABELS:
            continue
        span = strip_span(body, ent.span)
        if span is None:
            continue
        dateline = _DATELINE_PREFIX.match(body, span.start, span.end)
        if dateline is not None and dateline.end() < span.end:
            span = Span(dateline.end(), span.end)  # the model ran the dateline into the name
        span = _before_headline_verb(body, span)
        label = ent.label
        named = None
        if label in _NAMES_OF_ANYTHING:  # "Later Mr Blair", "Guy Mansfield QC" taken for an organisation
            named = _after_honorific(body, span) or _before_post_nominal(body, span)
        if named is not None:
            span, label = named, EntityType.PERSON.value
        if label == EntityType.PERSON.value:
            span = _with_nickname(body, _name_alone(body, _with_given_name(parse, ent.first, span)))
        elif _headline_run(body, span):
            continue
        elif label in {EntityType.NORP.value, EntityType.ORG.value}:
            span = _with_proper_modifiers(parse, ent.first, span)
        fac = _facility_extent(body, parse, ent.first, ent.last)
        if fac is not None:
            span, label = fac, EntityType.FAC.value
        found.append((Mention(span=span, text=body[span.start : span.end]), label))
    found = _other_occurrences(body, parse, _split_possessives(found))
    return [(m, label) for m, label in found if not _title_alone(m, label, found)]


def _title_alone(mention: Mention, label: str, found: list[tuple[Mention, str]]) -> bool:
    """A title labelled a person on its own ("the Trade and Industry [Secretary] said"): no one's
    name — unless a person named in full has it as a surname ("Pete King", then "King")."""
    if label != EntityType.PERSON.value or mention.text.lower() not in TITLE_WORDS:
        return False
    return not any(
        other == EntityType.PERSON.value and len(m.text.split()) > 1 and m.text.split()[-1] == mention.text
        for m, other in found
    )


# Words the model runs into a person's name from before it: titles and roles ("Media
# Coordinator Dane Lisser", "Billionaire Sheldon Adelson"), a party ("Tory David Davis") and
# "Follow" ("Follow Pam Key on Twitter"), with the words before them. They are left out of
# the name, and read as its description, when two capitalised words follow ("President
# Obama" stays a name).
_BEFORE_NAME = TITLE_WORDS | frozenset(
    """
    coordinator manager billionaire millionaire businessman businesswoman archbishop cardinal rabbi imam
    pastor reverend rev father sister brother coach anchor host correspondent columnist editor producer
    publisher founder cofounder co-founder executive strategist pollster economist activist organizer
    organiser follow tory tories labour conservative democrat democrats republican republicans liberal socialist
    mp mep msp
    """.split()
)
_OWNER = re.compile(r"\S+[’']s$")  # "Breitbart’s", "News’s": a possessive ends the owner's part
# Honorifics, never part of a name however few words follow ("Mr Blair", "Gen Musharraf",
# "Cllr Okafor"): left out of it, so that "Mr Blair" is the Tony Blair named before.
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame gen col capt lt sgt cllr supt insp det".split())
_NAMES_OF_ANYTHING = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"})  # not a work's title ("Mr Robot")
_HONORIFIC_BEFORE = re.compile(rf"\b(?:{'|'.join(h.capitalize() for h in HONORIFICS)})\.?[ \t]+$")


def _name_alone(body: str, span: Span) -> Span:
    """A person's name without the title or role run into it ("Coordinator Dane Lisser" →
    "Dane Lisser"), the honorific ("Mr Blair" → "Blair") or the possessive before it ("Fox
    News’s Ed Henry" → "Ed Henry")."""
    words = list(_WORD.finditer(body, span.start, span.end))
    first = 0
    for k, word in enumerate(words[:-1]):  # the last title or owner with two words after it, honorific with one
        text = word.group(0)
        bare = text.lower().rstrip(".")
        if bare in HONORIFICS or (k < len(words) - 2 and (_OWNER.fullmatch(text) or bare in _BEFORE_NAME)):
            first = k + 1
    last = len(words)
    while last > first + 1 and words[last - 1].group(0).strip(".,").lower() in POST_NOMINALS:
        last -= 1  # "Guy Mansfield QC": the letters after a name are not the name
    if last < len(words):
        span = Span(span.start, words[last - 1].end())
        words = words[:last]
    rest = words[first:]
    if first == 0 or not _name_words([w.group(0) for w in rest]):
        return span
    if rest[-1].group(0).lower() in GROUP_NAME_WORDS:
        return span  # "Hillary’s Victory Fund": no person's name is left
    return Span(rest[0].start(), span.end)


# Letters only people have after their name ("Guy Mansfield QC", "Joseph R. Biden Jr."): no part of it.
POST_NOMINALS = frozenset("qc kc mp mep msp am obe mbe cbe kbe dbe phd jr sr".split())
_PARTICLES = frozenset("de da di du del della der den van von la le bin ibn al el".split())


def _name_words(words: list[str]) -> bool:
    """Whether words can be a name: capitalised, but for particles inside it ("de Vabres")."""
    return bool(words) and words[-1][:1].isupper() and all(w[:1].isupper() or w in _PARTICLES for w in words)


def _before_post_nominal(body: str, span: Span) -> Span | None:
    """A given name and a surname before letters only people have after their name ("Guy
    Mansfield QC", "Jane Roe MP"): a person's name, whatever the model labelled it."""
    words = [w.group(0) for w in _WORD.finditer(body, span.start, span.end)]
    if len(words) < 3 or words[-1].strip(".,").lower() not in POST_NOMINALS or not first_name_is_common(words[0]):
        return None
    return span if _name_words(words[:-1]) else None


def _after_honorific(body: str, span: Span) -> Span | None:
    """A person's name in a mention labelled otherwise, told by an honorific: the capitalised
    words after one inside it ("Later Mr Blair", "Mr Cable"; not "Dr Pepper", a brand), or the
    whole mention after one just before it ("Mr [Clarke]" labelled a place)."""
    if _HONORIFIC_BEFORE.search(body, max(0, span.start - 8), span.start):
        return span
    words = list(_WORD.finditer(body, span.start, span.end))
    for k in range(len(words) - 1):
        word = words[k].group(0).lower().rstrip(".")
        if word in HONORIFICS and (k > 0 or word != "dr"):
            rest = words[k + 1 :]
            if _name_words([w.group(0) for w in rest]):
                return Span(rest[0].start(), span.end)
    return None


def _with_given_name(parse: Parse, first: int, span: Span) -> Span:
    """A surname with the given name before it that the model left out: "[Otis] Ferry" is not the
    Bryan Ferry named before."""
    tokens = parse.tokens
    if first == 0 or tokens[first].start != span.start:
        return span
    prev = tokens[first - 1]
    if prev.pos != "PROPN" or prev.dep != "compound" or prev.ent_iob != "O" or not prev.text[:1].isupper():
        return span
    if prev.lower.rstrip(".") in _BEFORE_NAME or prev.lower.rstrip(".") in HONORIFICS:
        return span  # "President Obama", "Vice President Biden": a title, not a given name
    if not first_name_is_common(prev.text) or prev.text.endswith(".") or prev.end + 1 != tokens[first].start:
        return span  # a name the table knows well, not "Trust", "Court" or "Del."
    return Span(prev.start, span.end)


def _with_proper_modifiers(parse: Parse, first: int, span: Span) -> Span:
    """A group's name with the capitalised words before it the model left out: "the [Liberal]
    Democrats", "Germany's [Free] Democrats" — not a sentence's first word ("Senior Republicans")."""
    tokens = parse.tokens
    start = first
    while start > 0:
        prev = tokens[start - 1]
        sentence = parse.sentence_of(start - 1)
        if prev.pos != "PROPN" or prev.dep not in {"amod", "compound"} or prev.ent_iob != "O":
            break
        if not prev.text[:1].isupper() or not (first <= prev.head < first + 8) or sentence is None:
            break
        if sentence.first == start - 1:
            break
        start -= 1
    return Span(tokens[start].start, span.end) if start < first else span


# Possessive pronouns and auxiliary verbs, capitalised inside a name: a title-case headline
# the model read as one ("NBA Team Prior To Her Performance …", "Trump May Be Aligning …").
_HEADLINE_WORDS = frozenset("Her His Their Its Is Are Was Were Will Would May Might Be Has Have Had".split())


def _headline_run(body: str, span: Span) -> bool:
    """Whether an organisation, place or other non-person mention is a run of a title-case
    headline rather than a name: a capitalised possessive or auxiliary after its first word."""
    return any(word.group(0) in _HEADLINE_WORDS for word in list(_WORD.finditer(body, span.start, span.end))[1:])


_NICKNAME = re.compile(r"[ \t]+[“\"][A-Z][\w.]*[”\"][ \t]+[A-Z][\w-]+")  # ' “Tig” Tiegen' after "John"
_NICKNAME_END = re.compile(r"[”\"][ \t]+[A-Z][\w-]+")  # '” Tiegen' after 'John “Tig'
_POSSESSED_NAME = re.compile(r"[’']s[ \t]+([A-Z][\w-]+)$")
_POSSESSED_FULL_NAME = re.compile(r"[’']s[ \t]+([A-Z][\w-]+[ \t]+[A-Z][\w-]+)$")  # a first name, then a surname


def _with_nickname(body: str, span: Span) -> Span:
    """ "John “Tig” Tiegen": a person's name goes on past a nickname in quotation marks,
    which the model often cuts it at."""
    text = body[span.start : span.end]
    tail = _NICKNAME_END if text.count("“") > text.count("”") or text.count('"') % 2 else _NICKNAME
    found = tail.match(body, span.end)
    return Span(span.start, found.end()) if found is not None else span


def _split_possessives(found: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """ "Media Research Center’s Bozell", "Fox News’s Ed Henry": an organisation's possessive
    run into the surname of a person named in full, or into a full name that opens with a
    first name, is two mentions, the organisation and the person."""
    surnames = {m.text.split()[-1] for m, label in found if label == EntityType.PERSON.value and " " in m.text}
    result: list[tuple[Mention, str]] = []
    for mention, label in found:
        owned = _owned_person(mention.text, surnames) if label != EntityType.PERSON.value else None
        if owned is None or owned.start() == 0:
            result.append((mention, label))
            continue
        start = mention.span.start
        head = Span(start, start + owned.start())
        person = Span(start + owned.start(1), mention.span.end)
        result.append((Mention(span=head, text=mention.text[: owned.start()]), label))
        result.append((Mention(span=person, text=owned.group(1)), EntityType.PERSON.value))
    return result


def _owned_person(text: str, surnames: set[str]) -> re.Match[str] | None:
    """The person a possessive runs into: a surname of someone named in full, or a first name
    and a surname that is no word of a group's name ("Children’s Mercy Hospital" stays whole)."""
    single = _POSSESSED_NAME.search(text)
    if single is not None and single.group(1) in surnames:
        return single
    full = _POSSESSED_FULL_NAME.search(text)
    if full is None:
        return None
    given, family = full.group(1).split()
    if not first_name_is_common(given):
        return None  # "Federal Reserve’s Beige Book": a rare entry of the names table is no first name here
    if family.lower() in GROUP_NAME_WORDS or family.lower() in _BEFORE_NAME:
        return None  # "Children’s Mercy Hospital", "Millikin University’s Media Coordinator"
    return full


_WORD = re.compile(r"\S+")


def _before_headline_verb(body: str, span: Span) -> Span:
    """ "Trump Says He Never …", "Bernie Sanders Promises Action On …": in a title-case
    headline the model runs the name into its verb; the name ends before a capitalised
    reporting verb ("Says", "Promises") that is not its first word, nor the last of two
    ("Consumer Reports")."""
    words = list(_WORD.finditer(body, span.start, span.end))
    for k, word in enumerate(words[1:] if len(words) > 2 else words[1:-1], start=1):
        text = word.group(0)
        if text[:1].isupper() and text.endswith("s") and is_speech_verb(text):
            return Span(span.start, words[k - 1].end())
    return span


def _unlabelled_speakers(body: str, parse: Parse) -> list[tuple[Mention, str]]:
    """Proper names the model missed that speak: "Ivo Daalder, former …, called for"."""
    found: list[tuple[Mention, str]] = []
    tokens = parse.tokens
    for tok in tokens:
        if tok.pos != "PROPN" or tok.ent_type or tok.dep not in {"nsubj", "nsubjpass"}:
            continue
        if not is_speech_verb(tokens[tok.head].text) or not tok.text[:1].isupper():
            continue
        first = tok.i
        while first > 0 and tokens[first - 1].pos == "PROPN" and tokens[first - 1].head == tok.i:
            first -= 1
        if tokens[first].ent_type or not all(t.text[:1].isupper() for t in tokens[first : tok.i + 1]):
            continue
        span = _name_alone(body, Span(tokens[first].start, tok.end))
        found.append((Mention(span=span, text=body[span.start : span.end]), EntityType.PERSON.value))
    return found


def _other_occurrences(body: str, parse: Parse, found: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """Every occurrence of a person's surname the model left unlabelled ("Anselm said"),
    with the given name before it if any ("Ivo Daalder" where only "Daalder wrote" was found)."""
    surnames = {
        m.text.split()[-1]
        for m, label in found
        if label == EntityType.PERSON.value and (len(m.text.split()) > 1 or m.text[:1].isupper())
    }
    spans = {m.span for m, _ in found}
    tokens = parse.tokens
    for tok in tokens:
        if tok.text not in surnames or tok.ent_type:
            continue
        first = tok.i
        while first > 0 and tokens[first - 1].pos == "PROPN" and tokens[first - 1].text[:1].isupper():
            if tokens[first - 1].ent_type or tok.i - first >= 3 or tokens[first - 1].lower.rstrip(".") in TITLE_WORDS:
                break
            first -= 1
        span = Span(tokens[first].start, tok.end)
        if not any(s.overlaps(span) for s in spans):
            found.append((Mention(span=span, text=body[span.start : span.end]), EntityType.PERSON.value))
            spans.add(span)
    return found


def _facility_extent(body: str, parse: Parse, first: int, last: int) -> Span | None:
    """ "Zaporizhzhia nuclear power plant": a name modifying a facility noun is the facility."""
    tokens = parse.tokens
    root = tokens[last - 1]
    head = tokens[root.head]
    if root.dep not in {"compound", "nmod", "amod"} or head.i <= root.i or head.i - root.i > 4:
        return None
    if head.lower not in FACILITY_NOUNS:
        return None
    between = tokens[last : head.i]
    if any(t.pos not in {"ADJ", "NOUN", "PROPN"} for t in between):
        return None
    return Span(tokens[first].start, head.end)
