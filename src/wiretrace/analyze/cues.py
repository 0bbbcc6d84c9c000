"""The words that signal speech, attribution and contradiction.

A lexicon, not a model: reporting verbs with their inflections (we parse without spaCy's
lemmatizer and read lemmas from here), reporting nouns, pronouns, and the institution
nouns that stand in for an organisation ("the alliance pledged").
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wiretrace.model import Token

__all__ = [
    "COMPANY_NOUNS",
    "DISPUTE_VERBS",
    "GROUP_NAME_WORDS",
    "INSTITUTION_NOUNS",
    "KICKERS",
    "MADE_NOUNS",
    "OWNER_PRONOUNS",
    "PERSON_PRONOUNS",
    "ROLE_NOUNS",
    "SAYING_NOUNS",
    "SOURCE_NOUNS",
    "SPEECH_NOUNS",
    "SPEECH_VERBS",
    "TITLE_WORDS",
    "WEAK_VERBS",
    "is_speech_verb",
    "lemma_of",
    "speech_verb_read_as_noun",
]

# Reporting verbs (lemma). Beliefs and claims count: PolNeAR and our users both treat
# "X believes that …" as an attribution.
SPEECH_VERBS: frozenset[str] = frozenset(
    """
        say tell add write state note explain argue claim insist contend maintain assert declare announce
        report reveal disclose confirm acknowledge admit concede warn caution accuse charge allege blame
        deny reject dispute refute contradict counter respond reply answer retort ask question wonder
        demand urge call pledge promise vow threaten predict forecast estimate suggest propose recommend
        believe think feel hope fear expect know recall remember describe characterize tweet post testify
        tout boast complain lament criticize condemn praise applaud dismiss scoff quip joke muse observe
        remark point mention stress emphasize underscore reiterate repeat assure reassure inform brief
        advise tell concur agree disagree conclude find show indicate signal recount describe decry label
        brand announce acknowledge conclude speculate insist continue react deride
        blast slam mock hail laud chime lash rail fume grumble gush marvel plead beg implore exclaim shout
        yell scream cry chant whisper mutter sigh bark snap snarl growl ponder affirm proclaim opine intone
        thunder roar cheer jeer interject reckon posit surmise vent grouse gripe crow brag hint imply
        boom bellow holler rant rave scold sneer taunt gloat quip retort anticipate reason portray depict dub email
    """.split()
)

# Verbs of knowing and evidence: a quote under one of them may still be reported by a
# speech verb higher up ("she said tests showed “advanced corrosion”" — she is the speaker).
WEAK_VERBS: frozenset[str] = frozenset(
    "show find indicate signal suggest know think believe feel hope fear expect remember recall see".split()
)

# Verbs that mean the subject contradicts something (a dispute cue when they govern a claim).
DISPUTE_VERBS: frozenset[str] = frozenset(
    [
        "deny",
        "reject",
        "dispute",
        "refute",
        "contradict",
        "counter",
        "dismiss",
        "rebut",
        "debunk",
        "challenge",
        "disavow",
    ]
)

SPEECH_NOUNS: frozenset[str] = frozenset(
    """
        statement statements remark remarks comment comments words speech address interview tweet tweets
        post letter memo report testimony announcement claim claims assertion allegation allegations
        accusation accusations warning warnings told according assurance assurances promise promises
        pledge pledges insistence argument denial account message view belief suggestion description point
    """.split()
)
# Nouns for what someone says as a set phrase: "Her campaign slogan is “…”" (not "his remarks
# were “racist,” Ryan said", where the quote judges the remarks).
SAYING_NOUNS: frozenset[str] = frozenset("slogan slogans motto dictum mantra refrain catchphrase tagline".split())
# Possessives that own a statement: "her claim that …", "his “…” remark".
OWNER_PRONOUNS: frozenset[str] = frozenset({"his", "her", "their"})

# Words of a title before or instead of a name ("Environment Minister", "the senator").
TITLE_WORDS: frozenset[str] = frozenset(
    """
    president minister spokesman spokeswoman spokesperson official secretary senator sen governor gov
    mayor ambassador general commander director chief chairman chairwoman chair ceo leader adviser
    advisor analyst expert researcher professor prof lawyer attorney judge justice envoy diplomat aide
    lawmaker representative rep candidate nominee inspector superintendent commissioner councillor
    councilor councilman councilwoman mr mrs ms dr sir lord lady king queen prince pope bishop
    chancellor premier deputy vice sheriff officer sergeant captain colonel lieutenant major admiral
    """.split()
)

# Nouns for what a person is to someone, set before their name ("his wife, Joan,", "a
# spokesperson, Felix Ormond,"): titles and these.
ROLE_NOUNS: frozenset[str] = TITLE_WORDS | frozenset(
    """
    wife husband mother father son daughter brother sister widow widower partner girlfriend boyfriend
    friend colleague neighbour neighbor cousin uncle aunt nephew niece grandson granddaughter grandmother
    grandfather spokesperson spokeswoman mediator negotiator founder owner manager head member deputy
    assistant lawyer attorney counsel doctor surgeon teacher coach agent editor reporter correspondent
    """.split()
)

# Nouns that stand for a company or other organisation ("the developer, Tessaly Offshore,").
COMPANY_NOUNS: frozenset[str] = frozenset(
    """
    company firm developer operator contractor manufacturer maker producer supplier utility bank lender
    insurer airline carrier startup publisher broadcaster retailer chain group organization organisation
    agency charity nonprofit union association coalition consortium subsidiary owner
    """.split()
)

# Things a person puts out that then "say" what the person says: "Trump released an ad
# calling it …" is Trump's word, carried by the ad.
MADE_NOUNS: frozenset[str] = frozenset(
    """
    ad ads advert advertisement commercial spot video website site page platform language statement
    release letter memo email message post tweet op-ed column essay book proposal plan bill petition
    resolution mailer flyer leaflet brochure report filing complaint lawsuit motion brief remark comment policy
    """.split()
)

# Who can know, think, find or suggest something: people and groups, and the documents that
# "show" or "find" ("the audit found"). An evidential verb with another subject ("the
# impact suggests", "the approach sounds") is not reported speech.
SOURCE_NOUNS: frozenset[str] = frozenset(
    """
    people person voters voter residents resident officials experts expert analysts critics supporters
    opponents observers americans republicans democrats conservatives liberals leaders members workers
    parents students citizens investors economists scientists researchers sources aides staff staffers
    allies rivals friends family relatives neighbors neighbours witnesses witness advocates activists
    protesters officers agents investigators prosecutors lawyers doctors nurses teachers voters majority
    most many some others both all few several respondents participants caucusgoers delegates fans
    report study survey poll polls data analysis review investigation audit research document documents
    records figures statistics evidence assessment memo letter email emails filing complaint lawsuit ruling
    """.split()
)

PERSON_PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "p", "them": "p", "their": "p", "it": "n", "its": "n",
    "i": "s", "we": "p", "you": "s",
}  # fmt: skip

INSTITUTION_NOUNS: frozenset[str] = frozenset(
    """
        alliance organization organisation agency ministry department government administration commission
        committee council company firm group campaign party court bank union authority authorities office
        bureau board coalition association federation institute embassy military army navy police army
        regime cabinet parliament congress senate house watchdog network newspaper paper outlet site
        website magazine publication station kremlin pentagon team club league university school hospital
    """.split()
)

# Words that end the name of an organisation or a place, not of a person ("Edison Research").
GROUP_NAME_WORDS: frozenset[str] = (
    INSTITUTION_NOUNS
    | COMPANY_NOUNS
    | frozenset(
        """
        foundation research institute college center centre society trust fund project initiative news
        times post press media tech power energy health capital partners holdings labs studios records
        entertainment airlines motors insurance statement nation rising county city state street
        sentinel herald tribune gazette journal chronicle observer courier examiner review daily weekly
        monitor dispatch register inquirer star globe sun mirror express telegraph guardian independent
        """.split()
    )
)

_IRREGULAR: dict[str, str] = {
    "went": "go", "goes": "go", "going": "go", "gone": "go",
    "said": "say", "says": "say", "saying": "say", "told": "tell", "tells": "tell",
    "telling": "tell", "wrote": "write", "written": "write", "writes": "write",
    "writing": "write", "thought": "think", "felt": "feel", "knew": "know", "known": "know",
    "found": "find", "shown": "show", "spoke": "speak", "spoken": "speak",
    "made": "make", "gave": "give", "given": "give", "put": "put", "held": "hold",
    "led": "lead", "saw": "see", "seen": "see", "became": "become", "began": "begin",
    "took": "take", "taken": "take",
}  # fmt: skip


@cache
def lemma_of(word: str) -> str:
    """The lemma of an English verb form, good enough for reporting verbs."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in SPEECH_VERBS or w in DISPUTE_VERBS:
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ying", "y")):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in SPEECH_VERBS:
            return w[: -len(suffix)] + repl
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if candidate and (candidate in SPEECH_VERBS or candidate in DISPUTE_VERBS):
                    return candidate
    return w


def is_speech_verb(word: str) -> bool:
    return lemma_of(word) in SPEECH_VERBS


def speech_verb_read_as_noun(tok: Token) -> bool:
    """ "notes", "states", "claims" in "Clause 9 states: …": a speech verb in -s that the tagger
    read as a plural noun."""
    return tok.pos == "NOUN" and tok.text.islower() and tok.text.endswith("s") and is_speech_verb(tok.text)


# Labels of a line that open no one's words: "UPDATE: …", "Editor's note: …", "Watch: …".
KICKERS = frozenset(
    "the latest|breaking|breaking news|exclusive|watch|look|update|updated|live|opinion|analysis|editorial|"
    "explainer|video|photos|factbox|fact check|q&a|read|listen|correction|sponsored|source|sources|photo|image|"
    "credit|credits|tags|tag|filed under|via|note|editor's note|editor’s note|related|see also|read more|disclosure|"
    "topics|category|categories|share|follow|contact|email|published|posted|updated on|by".split("|")
)
