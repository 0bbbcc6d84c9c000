"""Who does a verb: whether a word reports speech, and the subject a reporting verb has —
through participles, conjuncts, relative clauses and the parser's usual slips ("Ivo Daalder,
former US ambassador, called for", "“…,” added another Republican")."""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.analyze.cues import MADE_NOUNS, is_speech_verb, lemma_of
from wiretrace.analyze.phrases import children, subtree
from wiretrace.analyze.quotemarks import CLOSING_TOKENS, OPENING_TOKENS
from wiretrace.analyze.sources import can_speak
from wiretrace.model import Parse, Span, Token

__all__ = [
    "SUBJECT_DEPS",
    "cue_span",
    "is_reporting",
    "orphan_cue",
    "past_vocative",
    "subject_of",
    "went_on",
]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PREMODIFIERS = frozenset({"det", "amod", "compound", "nummod", "npadvmod", "poss", "nmod"})
_MAX_CLIMB = 8  # tokens up from a refused subject to the verb whose subject speaks
_SET_OFF_WORDS = 6  # at most, between a set-off speech verb and its comma: "says historian Carl Anders,"
_BREAKS = frozenset({":", "”", '"', "»", "''"})  # a colon or a quote between two subjects of one verb
# What a statement travels by, never who makes it: "she said by phone" is no passive agent.
_MEDIA = frozenset("phone telephone email e-mail text mail letter fax video videoconference satellite radio".split())


def is_reporting(parse: Parse, i: int) -> bool:
    """A speech verb used to report: not an infinitive ("to respond") nor an adjective ("alleged")."""
    tok = parse.tokens[i]
    reads = tok.lower in {"read", "reads"} and _reads(parse, i)  # the tagger often takes this "read" for a noun
    if (tok.pos not in {"VERB", "AUX"} and not reads) or tok.dep == "amod":
        return False
    if not is_speech_verb(tok.text) and not went_on(parse, i) and not _puts_it(parse, i) and not reads:
        return False
    kids = children(parse, i)
    infinitive = any(parse.tokens[c].tag == "TO" and parse.tokens[c].dep != "prep" for c in kids)  # not "to which"
    return not infinitive and not _filler(parse, i, kids)


# Fillers in speech: "you know", "you see", "I mean" report nothing.
_FILLERS = frozenset({("you", "know"), ("you", "see"), ("i", "mean")})


def _filler(parse: Parse, i: int, kids: list[int]) -> bool:
    """ "“… ammunition,” you know, well, …": a filler with nothing reported under it."""
    tokens = parse.tokens
    subjects = [tokens[c].lower for c in kids if tokens[c].dep == "nsubj"]
    if len(subjects) != 1 or (subjects[0], tokens[i].lower) not in _FILLERS:
        return False
    return not any(tokens[c].dep in {"ccomp", "dobj", "xcomp", "advcl"} for c in kids)


def orphan_cue(parse: Parse, verb: int, start: int) -> int | None:
    """ "The spot ends with footage of Trump saying during the debate, “…”": a speech verb
    between ``verb``, the one the parse hung a quote on, and the quote's first token
    ``start``, with nothing reported under it and a named subject, is the quote's own cue."""
    tokens = parse.tokens
    sentence = parse.sentence_of(verb)
    if sentence is None or not verb < start <= sentence.last:
        return None
    for k in range(start - 1, verb, -1):
        if not is_reporting(parse, k) or tokens[k].tag not in {"VBG", "VBD", "VBZ"}:
            continue
        if any(tokens[c].dep in {"ccomp", "dobj", "xcomp", "oprd"} for c in children(parse, k)):
            return None
        subject = subject_of(parse, k)
        named = subject is not None and (tokens[subject].ent_type == "PERSON" or tokens[subject].pos == "PROPN")
        return k if named else None
    return None


def _puts_it(parse: Parse, i: int) -> bool:
    """ "As Dana Hale puts it, “…”" — the idiom reports like "says"."""
    tokens = parse.tokens
    if tokens[i].lower not in {"put", "puts"}:
        return False
    kids = children(parse, i)
    return any(tokens[c].lower == "it" and tokens[c].dep == "dobj" for c in kids) and any(
        tokens[c].lower == "as" for c in kids
    )


# What is written to be read out: "“…,” a BBC statement read", "the sign reads: …".
_WRITINGS = frozenset(
    "statement letter note sign message post tweet caption banner placard release memo email notice headline "
    "inscription card text".split()
)


def _reads(parse: Parse, i: int) -> bool:
    """ "“…,” a BBC statement read" — "read" (``i`` is one) reports what a piece of writing says."""
    tokens = parse.tokens
    return any(tokens[c].dep == "nsubj" and tokens[c].lower in _WRITINGS for c in children(parse, i))


def went_on(parse: Parse, i: int) -> bool:
    """ "Trump went on", "she went on:" — a phrasal reporting verb."""
    tokens = parse.tokens
    return lemma_of(tokens[i].text) == "go" and i + 1 < len(tokens) and tokens[i + 1].lower == "on"


def subject_of(parse: Parse, verb: int, *, any_source: bool = False) -> int | None:
    """The verb's subject; for a participle or conjunct, the subject of the verb it hangs on.

    A subject that cannot speak is refused unless ``any_source`` (for reading the clause's
    structure): the passive subject of a speech verb is what was said or who was told
    ("Her name was announced", "the aide was asked"); an event, a time or a bare
    demonstrative is the parser's slip, and the speaker is the subject of a verb higher
    up ("She told … the tone was cordial, and predicted …") or, failing one, the nearest
    subject that can speak before the verb ("The first incident came when protesters
    interrupted, shouting …")."""
    found = _subject(parse, verb)
    if found is None or any_source:
        return found
    if _passive_speech(parse, verb):
        return _agent(parse, verb)
    if can_speak(parse, found):
        return found
    higher = _higher_subject(parse, found)
    return higher if higher is not None else _speaking_subject_before(parse, found, verb)


def _passive_speech(parse: Parse, verb: int) -> bool:
    """Whether ``verb`` is a passive speech verb, whose subject is what it reports or whom it
    addresses ("Her name was announced", "Novak, who was asked about it", "Asked about it,
    Novak said"): not "He is
    reported to have called …" (the subject of the clause it raises) nor "He’s said" (has
    said)."""
    tokens = parse.tokens
    if not is_speech_verb(tokens[verb].text):
        return False
    if tokens[verb].dep == "acl" and tokens[verb].tag == "VBN":
        return not _active(parse, verb) and not _after_quote(parse, tokens[verb].head)  # "the plan announced"
    kids = children(parse, verb)
    if _asked(parse, verb, kids):
        return True
    if not any(tokens[c].dep == "nsubjpass" for c in kids) or any(tokens[c].dep == "xcomp" for c in kids):
        return False
    return not any(tokens[c].dep == "auxpass" and tokens[c].lower in {"'s", "’s"} for c in kids)


def _asked(parse: Parse, verb: int, kids: list[int]) -> bool:
    """ "Asked whether the debate helped, Bone said …", "When asked about it, she …": a
    participle clause of "asked" is the question put to the subject, which nobody in the
    sentence asks."""
    tok = parse.tokens[verb]
    if tok.lower != "asked" or tok.tag != "VBN" or tok.dep != "advcl":
        return False
    return not any(parse.tokens[c].dep in SUBJECT_DEPS | {"aux", "auxpass"} for c in kids)


def _active(parse: Parse, verb: int) -> bool:
    """Whether a "participle" has what only an active verb has — an object, a clause, a
    topic: "the candidate boasted of his skills" is a past tense the tagger misread."""
    tokens = parse.tokens
    return any(
        tokens[c].dep in {"dobj", "ccomp"} or (tokens[c].dep == "prep" and tokens[c].lower in {"of", "about"})
        for c in children(parse, verb)
    )


def _after_quote(parse: Parse, noun: int) -> bool:
    """Whether a noun phrase follows a closing quotation mark: "“…?” the 43-year-old asked"
    is a past tense the tagger read as a participle."""
    tokens = parse.tokens
    left = [c for c in children(parse, noun) if c < noun and tokens[c].dep in _PREMODIFIERS]
    first = min((subtree(parse, c)[0] for c in left), default=noun)
    return first > 0 and tokens[first - 1].text in CLOSING_TOKENS


def _agent(parse: Parse, verb: int) -> int | None:
    """The "by X" of a passive verb."""
    for c in children(parse, verb):
        if parse.tokens[c].dep == "agent":
            objs = [g for g in children(parse, c) if parse.tokens[g].dep == "pobj"]
            if objs and parse.tokens[objs[0]].lower not in _MEDIA:
                return objs[0]
    return None


def _higher_subject(parse: Parse, refused: int) -> int | None:
    """The subject, able to speak, of a verb above the one ``refused`` hangs on."""
    tokens = parse.tokens
    i = refused
    for _ in range(_MAX_CLIMB):
        head = tokens[i].head
        if head == i:
            return None
        i = head
        if tokens[i].pos not in {"VERB", "AUX"}:
            continue
        found = _subject(parse, i)
        if found is not None and found != refused and not _passive_speech(parse, i) and can_speak(parse, found):
            return found
    return None


def _speaking_subject_before(parse: Parse, refused: int, verb: int) -> int | None:
    """The subject nearest before ``verb`` and after the refused one that can speak."""
    tokens = parse.tokens
    for k in range(verb - 1, refused, -1):
        tok = tokens[k]
        if tok.dep == "nsubj" and tok.tag not in {"WP", "WDT"} and can_speak(parse, k):
            return k
    return None


def _subject(parse: Parse, verb: int) -> int | None:
    tokens = parse.tokens
    if (set_off := _set_off_subject(parse, verb)) is not None:
        return set_off
    seen = 0
    while seen < 4:
        kids = children(parse, verb)
        subjects = [c for c in kids if tokens[c].dep in SUBJECT_DEPS and not _title_after(parse, c, verb)]
        if subjects:
            c = _one_subject(parse, subjects, verb)
            if tokens[c].tag in {"WP", "WDT"} and tokens[verb].dep == "relcl":
                return _maker_of(parse, tokens[verb].head)  # "the envoy, who said …": the envoy
            return c
        for c in kids:
            if tokens[c].dep == "agent":  # passive "was said by X"
                objs = [g for g in children(parse, c) if tokens[g].dep == "pobj"]
                if objs and tokens[objs[0]].lower not in _MEDIA:
                    return objs[0]
        tok = tokens[verb]
        finite = tok.tag in {"VBD", "VBZ", "VBP", "VB"}
        if seen == 0 and finite and (found := _subject_before(parse, verb) or _inverted_subject(parse, verb)):
            return found
        if tok.dep == "acl":
            if tok.tag in {"VBG", "VBN"}:
                return _maker_of(parse, tok.head)  # "a letter … alleging that …": the letter
            if tokens[tok.head].head != tok.head:
                verb = tokens[tok.head].head  # "a proposal to relocate …, calling …": past the noun
                seen += 1
                continue
        if tok.dep == "pcomp" and tok.tag == "VBG" and tokens[tok.head].dep == "prep":
            verb = tokens[tok.head].head  # "landed in hot water by saying that …": who landed
            seen += 1
            continue
        if tok.dep in {"advcl", "conj", "xcomp", "ccomp", "relcl"} and tok.head != verb:
            if tok.dep == "relcl":
                return tok.head  # "the envoy, who said …"
            if seen == 0 and tok.dep == "xcomp" and (told := _object_before(parse, tok.head, verb)) is not None:
                return told  # "led 12 viewers to complain …", "urged voters to say …": the viewers
            if seen == 0 and (nearer := _nearer_clause_subject(parse, verb)) is not None:
                return nearer
            verb = tok.head
            seen += 1
            continue
        return None
    return None


def _object_before(parse: Parse, verb: int, before: int) -> int | None:
    """The noun object of ``verb`` that comes before ``before`` (its to-clause's verb), for a
    verb whose object does what the clause says (:data:`_OBJECT_CONTROL`)."""
    tokens = parse.tokens
    if _OBJECT_CONTROL.isdisjoint({lemma_of(tokens[verb].text), tokens[verb].lemma}):
        return None  # "used markers to write notes": the one who used them writes
    for c in children(parse, verb):
        if tokens[c].dep == "dobj" and c < before and tokens[c].pos in {"NOUN", "PROPN", "PRON"}:
            return c
    return None


# Verbs whose object does what their to-clause says: "led 12 viewers to complain".
_OBJECT_CONTROL = frozenset(
    "ask tell urge lead force persuade encourage invite allow order prompt cause get want expect remind warn "
    "advise inspire push press pressure convince challenge dare beg implore instruct".split()
)


def _nearer_clause_subject(parse: Parse, participle: int) -> int | None:
    """ "the hotel — owned by Ray — where 50 protesters had gathered, chanting “…”": a participle
    after a comma that the parser hung on a verb further back goes with the clause right
    before the comma, when that clause has a noun for subject."""
    tokens = parse.tokens
    tok = tokens[participle]
    if tok.dep != "advcl" or tok.tag != "VBG" or participle < 2 or tokens[participle - 1].text != ",":
        return None
    for v in range(participle - 2, tok.head, -1):
        if tokens[v].text in {",", ";", "—", "–", "(", ")"} or tokens[v].text in OPENING_TOKENS | CLOSING_TOKENS:
            return None
        if tokens[v].pos in {"VERB", "AUX"} and tokens[v].dep in {"relcl", "conj", "ccomp", "advcl"}:
            kids = children(parse, v)
            subjects = [c for c in kids if tokens[c].dep == "nsubj" and tokens[c].pos in {"NOUN", "PROPN"}]
            return subjects[0] if subjects else None
    return None


def _title_after(parse: Parse, subject: int, verb: int) -> bool:
    """ "…,” Flynn, a top Trump surrogate, said on Fox News’s “Fox and Friends.”": a
    "subject" after the verb that opens a quotation is the title of a show, not a speaker."""
    return subject > verb and subject > 0 and parse.tokens[subject - 1].text in OPENING_TOKENS


def _one_subject(parse: Parse, subjects: list[int], verb: int) -> int:
    """The subject, where the parse gave a verb several: the one nearest the verb ("the
    celebrity press ReganBooks", "His final assessment: “…,” he said"), the last word of one
    name after the verb ("said Army Capt. Christian Pardo"), but not past a
    name set off by a comma ("Ban Ki-moon, the secretary general …, vowed") nor a pronoun
    that does not follow a colon or a quote ("figures — … — both suggested")."""
    tokens = parse.tokens
    first, near = subjects[0], min(subjects, key=lambda c: abs(c - verb))
    if first > verb and all(tokens[k].pos == "PROPN" for k in range(first, subjects[-1] + 1)):
        return subjects[-1]  # "…,” said Army Capt. Christian Pardo": one name after the verb, its last word
    between = [tokens[k].text for k in range(first + 1, near)]
    if _BREAKS.intersection(between):
        return near
    if tokens[near].pos == "PRON" or ("," in between and tokens[first].pos == "PROPN"):
        return first
    return near


def _maker_of(parse: Parse, noun: int) -> int:
    """Who speaks through a thing they put out: "Trump released a radio ad calling it …",
    "Stanton sent a letter asking …" — the subject of the verb whose object the thing is;
    the thing itself when it is the subject ("A letter alleging … was sent")."""
    tokens = parse.tokens
    tok = tokens[noun]
    if tok.lower not in MADE_NOUNS and tok.lower.removesuffix("s") not in MADE_NOUNS:
        return noun
    owner = next((c for c in children(parse, noun) if tokens[c].dep == "poss" and can_speak(parse, c)), None)
    if owner is not None and tokens[owner].pos != "PRON":
        return owner  # "the mayor's statement calling it …": the mayor
    if tok.dep == "dobj" and tok.head != noun:
        found = _subject(parse, tok.head)  # "Vance tried to defend his remarks calling …": Vance
        if found is not None and tokens[found].dep == "nsubj" and tokens[found].tag not in {"WP", "WDT"}:
            return found
    return noun if owner is None else owner


def _inverted_subject(parse: Parse, verb: int) -> int | None:
    """ "“…,” added another New Hampshire Republican": the subject after the verb, right after
    a closing quotation mark."""
    tokens = parse.tokens
    before = verb - 1
    if before < 0 or tokens[before].text not in CLOSING_TOKENS | {","}:
        return None
    if tokens[before].text == "," and (before == 0 or tokens[before - 1].text not in CLOSING_TOKENS):
        return None
    for c in children(parse, verb):
        if (
            c > verb
            and tokens[c].dep in {"dobj", "attr", "npadvmod", "nsubj", "dep"}
            and tokens[c].pos
            in {
                "PROPN",
                "NOUN",
            }
        ):
            return c
    return None


def _set_off_subject(parse: Parse, verb: int) -> int | None:
    """ "The paradox of it, says historian Carl Anders, is that …": a speech verb set off by
    commas inside the sentence, its subject the name right after it (whatever the parser
    made the subject)."""
    tokens = parse.tokens
    if verb == 0 or tokens[verb - 1].text != "," or tokens[verb].tag not in {"VBZ", "VBD"}:
        return None
    if not is_speech_verb(tokens[verb].text):
        return None
    k = verb + 1
    while k < len(tokens) and k - verb <= _SET_OFF_WORDS and tokens[k].pos in {"DET", "ADJ", "NOUN", "PROPN"}:
        k += 1
    if k == verb + 1 or k >= len(tokens) or tokens[k].text not in {",", "."}:
        return None
    return k - 1 if tokens[k - 1].pos == "PROPN" and tokens[k - 1].ent_type == "PERSON" else None


def _subject_before(parse: Parse, verb: int) -> int | None:
    """A name the parser failed to link: "Ivo Daalder, former US ambassador to NATO, called for"."""
    tokens = parse.tokens
    sentence = parse.sentence_of(verb)
    lo = sentence.first if sentence else 0
    j = verb - 1
    if j >= lo and tokens[j].text == ",":
        k = j - 1
        while k > lo and tokens[k].text != "," and j - k < 16:
            k -= 1
        if k > lo and tokens[k].text == "," and _nameish(tokens[k - 1]):
            return k - 1
        return None
    if j >= lo and _nameish(tokens[j]) and tokens[j].dep not in {"pobj", "dobj"}:
        return j
    return None


def _nameish(tok: Token) -> bool:
    return tok.pos == "PROPN" and tok.ent_type not in {"DATE", "TIME", "GPE", "LOC", "CARDINAL", "ORDINAL"}


def cue_span(parse: Parse, verb: int) -> Span:
    """The verb with a particle or preposition that makes it a phrase: "called for", "pointed out"."""
    tokens = parse.tokens
    end = tokens[verb].end
    nxt = verb + 1
    phrasal = lemma_of(tokens[verb].text) in {"call", "point", "speak", "sound"}
    if phrasal and nxt < len(tokens) and tokens[nxt].lower in {"for", "on", "out", "up"}:
        end = tokens[nxt].end
    return Span(tokens[verb].start, end)


def past_vocative(parse: Parse, subject: int | None, inside: range, outside: Callable[[int], bool]) -> int | None:
    """ "“That was a fine speech, Mr. Mayor,” Councillor Ada Lund, a Green, told him": the
    parser made the vocative inside the quote the subject and hung the speaker on it as an
    apposition — the apposition after the quote is who speaks."""
    if subject is None or not inside.start <= subject < inside.stop:
        return subject
    tokens = parse.tokens
    for c in children(parse, subject):
        if tokens[c].dep == "appos" and c >= inside.stop and outside(c) and tokens[c].pos == "PROPN":
            return c
    return subject
