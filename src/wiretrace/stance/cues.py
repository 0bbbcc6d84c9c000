"""The cue tables of the stance features: refutation, denial, hedging, confirmation, doubt.

Plain regular expressions over the text (no spaCy), read by :mod:`wiretrace.stance.features`.
Changing one changes the features the shipped model was trained on: retrain it
(``eval/stance_train.py``) and check the stance figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "AUTHORITY",
    "CAST_DOUBT",
    "CLAIM_POLARITY",
    "CONTRAST_OPENING",
    "DENY",
    "DOUBT",
    "HEDGE",
    "NEGATIONS",
    "NO_EVIDENCE",
    "QUOTE_MARK",
    "REFUTE",
    "STRONG_REFUTE",
    "SUPPORT",
    "scanners",
]

NEGATIONS = frozenset("no not never n't nobody nothing none neither nor without cannot isn't wasn't".split())

# Cue patterns start with this: the same matches as a bare \b (every cue starts with a letter
# after a word boundary), found faster, as the engine skips positions inside words.
_AT_WORD = r"(?<![A-Za-z0-9_])(?=[A-Za-z])"
REFUTE = re.compile(
    _AT_WORD + r"\b(?:fake|fakes|faked|hoax(?:es)?|false(?:ly)?|falsehood|fabricat\w*|bogus|debunk\w*|refut\w*|"
    r"baseless|unfounded|untrue|not true|no truth|myth|satir\w*|spoof|parody|prank\w*|photoshop\w*|doctored|"
    r"misleading|inaccurate|incorrect|nonsense|no evidence|not real|scam|retract\w*|erroneous|"
    r"not the case|never happened|made up|made-up|lies|lied|lying|conspiracy theor\w*|"
    r"there is no|there was no|no such|is not|was not|isn't|wasn't|did not|didn't|does not|doesn't)\b",
    re.IGNORECASE,
)
# Strong refutation words only: the short negated verbs above are too common on their own.
STRONG_REFUTE = re.compile(
    _AT_WORD + r"\b(?:fake|fakes|faked|hoax(?:es)?|false(?:ly)?|fabricat\w*|bogus|debunk\w*|refut\w*|"
    r"baseless|unfounded|untrue|not true|no truth|myth|satir\w*|spoof|parody|prank\w*|photoshop\w*|doctored|misleading|"
    r"no evidence|not real|scam|retract\w*|never happened|made up|made-up|conspiracy theor\w*)\b",
    re.IGNORECASE,
)
DENY = re.compile(
    _AT_WORD + r"\b(?:den(?:y|ies|ied|ying|ial|ials)|reject\w*|dismiss\w*|disput\w*|rebuff\w*|rebut\w*|contradict\w*|"
    r"shot down|shoots down|pushed back|slam(?:s|med)?|refus\w*|insist\w*|clarif\w*|categorically|"
    r"no plans?|nothing to do with)\b",
    re.IGNORECASE,
)
HEDGE = re.compile(
    _AT_WORD + r"\b(?:reportedly|allegedly|alleged|purportedly|supposedly|apparently|claim(?:s|ed|ing)?|"
    r"according to|rumou?r(?:s|ed)?|unconfirmed|unverified|not (?:yet )?(?:been )?(?:confirmed|verified)|"
    r"may|might|could|possibly|perhaps|appears?|seem(?:s|ed)?|believed|suggest\w*|speculat\w*|"
    r"said to|is said|if true|would|unclear|unknown|report(?:s|ed)?|sources?)\b",
    re.IGNORECASE,
)
SUPPORT = re.compile(
    _AT_WORD + r"\b(?:confirm(?:s|ed|ing)?|officially|announc\w*|verified|proof|proved|proven|revealed|indeed|"
    r"it is true|turned out|admit\w*|acknowledg\w*|has been|have been|will)\b",
    re.IGNORECASE,
)
QUOTE_MARK = re.compile(r"[\"“”]")
# A headline that itself denies or debunks ("X is a hoax", "No, it's not …", "… wrongly
# called …"): a text that refutes the story then *supports* it, one that tells it disputes it.
CLAIM_POLARITY = re.compile(
    r"(?<![A-Za-z])(?:fake[sd]?|hoax(?:es)?|false(?:ly)?|debunk\w*|not|no|never|n[o']t|isn't|aren't|wasn't|"
    r"won't|doesn't|didn't|don't|den(?:y|ies|ied|ial)|myth|wrong(?:ly)?|untrue|satir\w*|spoof|prank\w*|exposed|"
    r"rumou?rs?|bogus|fabricat\w*|photoshop\w*|doctored|misleading|nothing)(?![A-Za-z])",
    re.IGNORECASE,
)
# Doubt cast on a story without a refutation word: "cast doubt", "could not be verified",
# "was not the …", "turned out to be false", and the turn of "however"/"actually".
DOUBT = re.compile(
    r"(?<![A-Za-z])(?:cast(?:s|ing)? doubts?|doubt(?:s|ed|ful)?|question(?:ed|ing|s)? (?:whether|the|if)|"
    r"skeptic\w*|sceptic\w*|not all (?:it|that) (?:seem|appear)\w*|"
    r"could(?: not|n't) (?:be )?(?:verif|confirm|independently)\w*|unable to (?:verify|confirm)|"
    r"no (?:record|sign|indication|proof|evidence)|"
    r"(?:is|was|are|were)(?: not|n't) (?:the|a|an|actually|really|true|real)|"
    r"turn(?:s|ed)? out (?:to be )?(?:false|fake|a hoax|untrue)|in fact|actually|however|but)(?![A-Za-z])",
    re.IGNORECASE,
)
# Doubt and refutation cues an article casts on the story it tells, looked for sentence by
# sentence and weighed by how well the sentence matches the claim ("experts say it is unlikely",
# "could not be verified", "contrary to reports", "the photo is fake").
CAST_DOUBT = re.compile(
    _AT_WORD + r"\b(?:unlikely|ruled? out|doubt(?:s|ed|ful)?|conflicting|impossible|implausible|dubious|questionable|"
    r"not (?:able|possible|likely|clear)|can(?:not|'t|’t) be|contrary to|"
    r"despite (?:the )?(?:reports?|claims?|rumou?rs?)|(?:not|isn't|wasn't|aren't|weren't) actually|"
    r"skeptic\w*|sceptic\w*|urban legends?|misinformation|disinformation|"
    r"(?:not|never) (?:been )?(?:confirmed|verified|proven)|no (?:sign|indication|evidence|proof|truth)|"
    r"debunk\w*|hoax(?:es)?|false(?:ly)?|fake[sd]?|satir\w*|den(?:y|ies|ied|ial)|refut\w*|untrue|not true|myths?|"
    r"fabricat\w*|bogus|baseless|unfounded|made up|never happened|not the case|wrong(?:ly)?|misleading)\b",
    re.IGNORECASE,
)
CONTRAST_OPENING = re.compile(r"[\"“‘'(]?(?:But|However|Yet|Still|Actually|In fact|In reality|Instead)\b")
AUTHORITY = re.compile(
    _AT_WORD + r"\b(?:experts?|scientists?|officials?|spokes(?:man|woman|person)|police|authorities|researchers?|"
    r"professor|investigators?|representatives?|statement)\b",
    re.IGNORECASE,
)
NO_EVIDENCE = re.compile(
    r"(?<![A-Za-z])(?:no (?:evidence|proof|sign|indication|record|truth|basis)|"
    r"not (?:true|real|the case|genuine|authentic)|"
    r"never (?:happened|said|existed)|there (?:is|was|are|were) no)(?![A-Za-z])",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- counting fast
#
# Python's engine tries a cue's alternatives one by one at every word start; under IGNORECASE it
# cannot skip those that begin with another letter. The same alternatives grouped by first letter,
# each group behind a case-sensitive [Xx] (which the engine checks before entering it), find the
# same matches in half the time — as long as no letter of the text lies outside ASCII, for
# IGNORECASE also matches "ſ" to "s", "K" (Kelvin) to "k" and "İ", "ı" to "i". A text with one of
# those is scanned with the cues as written.


def _split(alternatives: str) -> list[str]:
    """Top-level alternatives of a regex (``a|b(?:c|d)`` → ``a``, ``b(?:c|d)``)."""
    found, depth, start, i = [], 0, 0, 0
    while i < len(alternatives):
        c = alternatives[i]
        if c == "\\":
            i += 1
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            found.append(alternatives[start:i])
            start = i + 1
        i += 1
    return [*found, alternatives[start:]]


def _group_end(source: str) -> int:
    """The index of the parenthesis that closes the group ``source`` opens with."""
    depth, i = 0, 0
    while True:
        c = source[i]
        if c == "\\":
            i += 1
        elif c in "()":
            depth += 1 if c == "(" else -1
            if depth == 0:
                return i
        i += 1


def _expanded(alternative: str) -> list[str]:
    """An alternative opening with a group, spread over the group's branches, in their order
    (``(?:is|was) not`` → ``is not``, ``was not``): the engine tries them in the same order."""
    if not alternative.startswith("(?:"):
        return [alternative]
    end = _group_end(alternative)
    rest = alternative[end + 1 :]
    if rest[:1] in ("?", "*", "+", "{"):
        raise ValueError(f"cue alternative {alternative!r}: an optional opening group cannot be spread")
    return [spread for branch in _split(alternative[3:end]) for spread in _expanded(branch + rest)]


def _by_first_letter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    opening, closing = _AT_WORD + r"\b(?:", r")\b"
    source = pattern.pattern
    if not (source.startswith(opening) and source.endswith(closing) and pattern.flags & re.IGNORECASE):
        raise ValueError(f"not a word cue: {source[:40]!r}")
    groups: dict[str, list[str]] = {}
    for alternative in _split(source[len(opening) : -len(closing)]):
        for spread in _expanded(alternative):
            first = spread[:1]
            if not (first.isascii() and first.isalpha()) or spread[1:2] in ("?", "*", "+", "{"):
                raise ValueError(f"cue alternative {spread!r} does not open with a letter")
            groups.setdefault(first.lower(), []).append(spread[1:])
    branches = "|".join(f"[{c}{c.upper()}](?i:{'|'.join(rests)})" for c, rests in groups.items())
    return re.compile(f"(?i:{_AT_WORD})\\b(?:{branches})\\b")


_WORD_CUES = (REFUTE, STRONG_REFUTE, DENY, HEDGE, SUPPORT, CAST_DOUBT, AUTHORITY)
_FAST: dict[re.Pattern[str], re.Pattern[str]] = {cue: _by_first_letter(cue) for cue in _WORD_CUES}
_AS_WRITTEN: dict[re.Pattern[str], re.Pattern[str]] = {cue: cue for cue in _WORD_CUES}
# The letters outside ASCII that IGNORECASE matches to ASCII ones ("İ", "ı", "ſ", "K"; a test checks
# that no other letter does, on the Python running it).
_NON_ASCII_LETTER = re.compile("[\u0130\u0131\u017f\u212a]")


def scanners(text: str) -> Mapping[re.Pattern[str], re.Pattern[str]]:
    """Cue → the pattern to scan ``text`` with: the cue grouped by first letter, or the cue itself
    when ``text`` has a letter that IGNORECASE matches to an ASCII one. Both find the same matches."""
    return _FAST if _NON_ASCII_LETTER.search(text) is None else _AS_WRITTEN
