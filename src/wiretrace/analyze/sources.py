"""Which noun phrases can be the source of a quote.

A source is whoever or whatever news style lets speak: a person or group ("protesters",
"officials"), an organisation or outlet ("the ministry", "the paper"), a document or medium
that "says" or "finds" things ("the report found", "the ad says", "a poll released Sunday").
An event, a time, a quality, a place or a bare demonstrative says nothing: "The first
incident came …, shouting “…”", "the tone of the interview was cordial, and predicted …",
"That’s what my friend wrote" — there the parse handed the cue verb the wrong subject.

The test is a lexicon of heads that cannot speak (general English, no names) with a few
abstract-noun suffixes, and it is lenient: a head it does not know can speak.
"""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.analyze.cues import (
    COMPANY_NOUNS,
    INSTITUTION_NOUNS,
    MADE_NOUNS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    TITLE_WORDS,
)
from wiretrace.analyze.phrases import children, subtree
from wiretrace.model import Parse

__all__ = ["NON_SOURCE_NOUNS", "can_speak", "description_end"]

# Pronouns that stand for a statement or a thing, never for who made it ("That’s what
# she wrote", "this shows"); "it" and "which" can stand for an organisation or a document.
_MUTE_PRONOUNS = frozenset("that this what whatever something nothing everything anything there".split())

# Heads of noun phrases that name an event, a time, a place, a quantity of something that
# is not people, or an abstract thing: none of them can be the one who says, shows or finds.
NON_SOURCE_NOUNS: frozenset[str] = frozenset(
    """
    time times moment moments day days week weeks month months year years hour hours minute minutes
    night nights morning mornings evening afternoon weekend season seasons period era decade century
    point occasion occasions stage phase
    incident incidents event events episode episodes accident accidents attack attacks shooting
    shootings crash explosion fire storm disaster outbreak scandal affair crisis conflict war fight
    clash clashes confrontation standoff encounter row feud
    trip trips visit visits tour ceremony
    tone mood atmosphere name names deadlock loophole loopholes priority priorities
    failure failures push part parts role issue issues problem problems matter matters fact facts
    idea ideas notion thing things way ways kind sort type lot lots bit amount level levels degree
    shift shifts change changes trend trends rise fall growth decline increase decrease gap gaps
    momentum pressure tension tensions relationship relations future past history legacy success
    victory defeat loss win wins lead margin odds chance chances possibility risk risks danger
    hostility anger frustration fury outrage enthusiasm excitement energy
    area areas region regions place places location street streets neighborhood neighbourhood room rooms
    hallway corridor floor field
    economy deficit deficits debt inflation unemployment money income cost costs price prices rate rates
    care health protocol process effort efforts attempt attempts move moves step steps
    """.split()
)

# Heads that say nothing when they are signs "of" something ("Signs of a late shift were
# there"), though a sign in a window reads "Open".
_OF_NOUNS = frozenset("sign signs hint hints indication indications".split())
# Abstract nouns by their suffix ("hostility", "awareness", "nationalism"), less the ones
# that name people or bodies.
_ABSTRACT_SUFFIXES = ("ness", "ity", "ities", "ism", "isms")
_NOT_ABSTRACT = frozenset(
    """
    authority authorities community communities majority minority minorities university universities
    city cities charity charities society societies entity entities facility facilities municipality
    municipalities fraternity sorority celebrity celebrities personality personalities
    """.split()
)
# What a source speaks in: "her lawyers in a court filing", "the minister in an interview".
_MEDIA_NOUNS = (SPEECH_NOUNS - {"account", "view", "words", "point"}) | frozenset(
    "filing filings release email op-ed column essay brief motion complaint".split()
)
_SPEAKING_NOUNS = SOURCE_NOUNS | TITLE_WORDS | INSTITUTION_NOUNS | COMPANY_NOUNS | MADE_NOUNS
# Entity types that speak (people, groups, places standing for governments, buildings
# standing for their tenants: "the White House said") and those that never do.
_SPEAKING_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
_MUTE_TYPES = frozenset({"DATE", "TIME", "EVENT"})


def can_speak(parse: Parse, i: int) -> bool:
    """Whether the token heading a noun phrase can be the source of a quote."""
    tok = parse.tokens[i]
    if tok.ent_type in _SPEAKING_TYPES:
        return True
    if tok.ent_type in _MUTE_TYPES and tok.pos in {"NOUN", "PROPN"}:
        return False  # "Monday", "the weekend" — but "the 46-year-old"
    word = tok.lower
    if tok.pos == "PRON" or tok.tag in {"DT", "EX"}:
        return word not in _MUTE_PRONOUNS
    if tok.pos != "NOUN":
        return True  # a name, a number ("21 percent"), a quantifier ("many", "most")
    if word in _SPEAKING_NOUNS:
        return True
    if word in NON_SOURCE_NOUNS:
        return False
    if word in _OF_NOUNS:
        return not any(parse.tokens[c].lower == "of" for c in children(parse, i))
    return word in _NOT_ABSTRACT or not word.endswith(_ABSTRACT_SUFFIXES)


def description_end(parse: Parse, head: int, last: int, *, reports: Callable[[int], bool]) -> int:
    """Where an unnamed source's description ends, at most token ``last`` (exclusive): before
    the clause that reports, when the source is the noun it hangs on ("“…?” the 43-year-old
    asked in the video", "someone who conceded that …") and before a date ("The new mayor on
    Tuesday rejected …"). ``reports`` tells a verb that reports speech or a stance."""
    tokens = parse.tokens
    subject = tokens[head].dep in {"nsubj", "nsubjpass"}
    for c in children(parse, head):
        if c <= head or c >= last:
            continue
        tok = tokens[c]
        # not a subject: the source was read off the clause on it, which is the cue
        cue = not subject and tok.dep in {"acl", "relcl"} and tok.pos == "VERB" and reports(c)
        aside = tok.ent_type in _MUTE_TYPES and tok.dep == "npadvmod"
        if tok.dep == "prep":
            objects = [g for g in children(parse, c) if tokens[g].dep == "pobj"]
            aside = any(tokens[g].ent_type in _MUTE_TYPES for g in objects) or (
                tok.lower == "in" and any(tokens[g].lower in _MEDIA_NOUNS for g in objects)
            )  # "her lawyers [in a court filing]"
        if cue or aside:
            last = min(last, subtree(parse, c)[0])
    return last
