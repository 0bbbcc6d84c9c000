"""Features of a (claim, text) pair: how much of the claim the text covers, and how it frames it.

The stance model (:mod:`wiretrace.stance.model`) reads these numbers, never the words, so it
cannot memorise a claim: it sees coverage of the claim's weighted words, of its names and
numbers, the refutation, denial, hedging, confirmation and negation cues found in the
sentences that match the claim best, and the doubt cast sentence by sentence, weighed by how
well each sentence matches the claim and whether it names the claim's own names. Word weights
come from ``wordfreq`` (rare words weigh more), so no corpus statistics are needed and one pair
can be scored on its own.

Every feature is computed on plain strings with regular expressions — no spaCy — so that
``wiretrace check`` can score hundreds of candidates in well under a second.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

__all__ = ["FEATURE_NAMES", "Pair", "Sentence", "featurize", "has_refutation", "split_sentences", "stem", "tokens"]

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*")
_STOP = frozenset(
    """
    a an the of to in on at for by with from and or but that this these those it its is are was were be been
    being have has had do does did will would could should may might can he she they we i you his her their our
    your them us him which who whom what when where why how as than then there here also any all some such into
    over about after before under while said says say told out off up down just only so if more most very too
    s t new now one two get got make made like back via amid
    """.split()
)
# Words of the reporting frame ("report: …", "… claims") that say nothing about the content.
_FRAME = frozenset(
    """
    report reports reported reportedly claim claims claimed allegedly alleged rumor rumors rumour rumours
    rumored news story stories video photo photos viral source sources according
    """.split()
)
NEGATIONS = frozenset("no not never n't nobody nothing none neither nor without cannot isn't wasn't".split())

# Cue patterns start with this: the same matches as a bare \b (every cue starts with a letter
# after a word boundary), found faster, as the engine skips positions inside words.
_AT_WORD = r"(?<![A-Za-z0-9_])(?=[A-Za-z])"
_REFUTE = re.compile(
    _AT_WORD + r"\b(?:fake|fakes|faked|hoax(?:es)?|false(?:ly)?|falsehood|fabricat\w*|bogus|debunk\w*|refut\w*|"
    r"baseless|unfounded|untrue|not true|no truth|myth|satir\w*|spoof|parody|prank\w*|photoshop\w*|doctored|"
    r"misleading|inaccurate|incorrect|nonsense|no evidence|not real|scam|retract\w*|erroneous|"
    r"not the case|never happened|made up|made-up|lies|lied|lying|conspiracy theor\w*|"
    r"there is no|there was no|no such|is not|was not|isn't|wasn't|did not|didn't|does not|doesn't)\b",
    re.IGNORECASE,
)
# Strong refutation words only: the short negated verbs above are too common on their own.
_STRONG_REFUTE = re.compile(
    _AT_WORD + r"\b(?:fake|fakes|faked|hoax(?:es)?|false(?:ly)?|fabricat\w*|bogus|debunk\w*|refut\w*|"
    r"baseless|unfounded|untrue|not true|no truth|myth|satir\w*|spoof|parody|prank\w*|photoshop\w*|doctored|misleading|"
    r"no evidence|not real|scam|retract\w*|never happened|made up|made-up|conspiracy theor\w*)\b",
    re.IGNORECASE,
)
_DENY = re.compile(
    _AT_WORD + r"\b(?:den(?:y|ies|ied|ying|ial|ials)|reject\w*|dismiss\w*|disput\w*|rebuff\w*|rebut\w*|contradict\w*|"
    r"shot down|shoots down|pushed back|slam(?:s|med)?|refus\w*|insist\w*|clarif\w*|categorically|"
    r"no plans?|nothing to do with)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    _AT_WORD + r"\b(?:reportedly|allegedly|alleged|purportedly|supposedly|apparently|claim(?:s|ed|ing)?|"
    r"according to|rumou?r(?:s|ed)?|unconfirmed|unverified|not (?:yet )?(?:been )?(?:confirmed|verified)|"
    r"may|might|could|possibly|perhaps|appears?|seem(?:s|ed)?|believed|suggest\w*|speculat\w*|"
    r"said to|is said|if true|would|unclear|unknown|report(?:s|ed)?|sources?)\b",
    re.IGNORECASE,
)
_SUPPORT = re.compile(
    _AT_WORD + r"\b(?:confirm(?:s|ed|ing)?|officially|announc\w*|verified|proof|proved|proven|revealed|indeed|"
    r"it is true|turned out|admit\w*|acknowledg\w*|has been|have been|will)\b",
    re.IGNORECASE,
)
_QUOTE_MARK = re.compile(r"[\"“”]")
# A headline that itself denies or debunks ("X is a hoax", "No, it's not …", "… wrongly
# called …"): a text that refutes the story then *supports* it, one that tells it disputes it.
_CLAIM_POLARITY = re.compile(
    r"(?<![A-Za-z])(?:fake[sd]?|hoax(?:es)?|false(?:ly)?|debunk\w*|not|no|never|n[o']t|isn't|aren't|wasn't|"
    r"won't|doesn't|didn't|don't|den(?:y|ies|ied|ial)|myth|wrong(?:ly)?|untrue|satir\w*|spoof|prank\w*|exposed|"
    r"rumou?rs?|bogus|fabricat\w*|photoshop\w*|doctored|misleading|nothing)(?![A-Za-z])",
    re.IGNORECASE,
)
# Doubt cast on a story without a refutation word: "cast doubt", "could not be verified",
# "was not the …", "turned out to be false", and the turn of "however"/"actually".
_DOUBT = re.compile(
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
_CAST_DOUBT = re.compile(
    _AT_WORD + r"\b(?:unlikely|ruled? out|doubt(?:s|ed|ful)?|conflicting|impossible|implausible|dubious|questionable|"
    r"not (?:able|possible|likely|clear)|can(?:not|'t|’t) be|contrary to|"
    r"despite (?:the )?(?:reports?|claims?|rumou?rs?)|(?:not|isn't|wasn't|aren't|weren't) actually|"
    r"skeptic\w*|sceptic\w*|urban legends?|misinformation|disinformation|"
    r"(?:not|never) (?:been )?(?:confirmed|verified|proven)|no (?:sign|indication|evidence|proof|truth)|"
    r"debunk\w*|hoax(?:es)?|false(?:ly)?|fake[sd]?|satir\w*|den(?:y|ies|ied|ial)|refut\w*|untrue|not true|myths?|"
    r"fabricat\w*|bogus|baseless|unfounded|made up|never happened|not the case|wrong(?:ly)?|misleading)\b",
    re.IGNORECASE,
)
_CONTRAST_OPENING = re.compile(r"[\"“‘'(]?(?:But|However|Yet|Still|Actually|In fact|In reality|Instead)\b")
_AUTHORITY = re.compile(
    _AT_WORD + r"\b(?:experts?|scientists?|officials?|spokes(?:man|woman|person)|police|authorities|researchers?|"
    r"professor|investigators?|representatives?|statement)\b",
    re.IGNORECASE,
)
_NO_EVIDENCE = re.compile(
    r"(?<![A-Za-z])(?:no (?:evidence|proof|sign|indication|record|truth|basis)|"
    r"not (?:true|real|the case|genuine|authentic)|"
    r"never (?:happened|said|existed)|there (?:is|was|are|were) no)(?![A-Za-z])",
    re.IGNORECASE,
)

FEATURE_NAMES: tuple[str, ...] = (
    "cov_body",
    "cov_best",
    "cov_top3",
    "cov_lead",
    "bigram_cov",
    "ent_cov",
    "num_cov",
    "claim_has_num",
    "num_conflict",
    "refute_body",
    "strong_refute_body",
    "refute_near",
    "strong_refute_near",
    "deny_body",
    "deny_near",
    "hedge_body",
    "hedge_near",
    "support_body",
    "support_near",
    "neg_near",
    "neg_claim",
    "polarity_mismatch",
    "claim_hedge",
    "claim_refute",
    "claim_question",
    "refute_x_cov",
    "deny_x_cov",
    "refute_x_claim_refute",
    "quotes_near",
    "sentences_log",
    "best_position",
    "lead_refute",
    "cov_best_x_ent",
    "doubt_lead",
    "doubt_near",
    "claim_polarity",
    "refuting_claim_x_refuting_lead",
    "plain_claim_x_refuting_lead",
    "refuting_claim_x_plain_lead",
    "negation_on_claim_words",
    "doubt_cov_max",
    "doubt_cov_sum",
    "doubt_cov_top",
    "doubt_first_sentence",
    "doubt_first_position",
    "doubt_share_of_claim_sentences",
    "doubt_density",
    "negated_entity",
    "contrast_after_best",
    "authority_doubt",
    "plain_claim_x_doubt_cov",
    "refuting_claim_x_no_doubt",
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    stems: frozenset[str]


@dataclass(frozen=True, slots=True)
class Pair:
    """A claim and a text, with the features and the sentences that match the claim best."""

    features: tuple[float, ...]
    best: tuple[int, ...]  # sentence indices, best match first
    sentences: tuple[Sentence, ...]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude stem ("explosives" → "explosive", "denied" → "deni"), enough for matching."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


@lru_cache(maxsize=200_000)
def _weight(word: str) -> float:
    """Rare words weigh more: 7 minus the word's Zipf frequency, kept within [0.5, 6]."""
    return min(6.0, max(0.5, 7.0 - zipf_frequency(word, "en")))


def _content(text: str) -> dict[str, float]:
    """Content stems of a text with their weights (the heaviest surface form wins)."""
    found: dict[str, float] = {}
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        if word in _STOP or word in _FRAME or len(word) < 2:
            continue
        s = stem(word)
        found[s] = max(found.get(s, 0.0), _weight(word))
    return found


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` with surrounding whitespace trimmed; never empty spans."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for first, last in spans:
        a, b = first, last
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _entities(claim: str) -> set[str]:
    """Capitalised words not opening the claim, and acronyms: the claim's names, lower-cased."""
    found = set()
    matches = tokens(claim)
    headline_case = sum(m.group(0)[0].isupper() for m in matches) > 0.6 * max(1, len(matches))
    for i, m in enumerate(matches):
        word = m.group(0)
        if word.lower() in _STOP or word.lower() in _FRAME or len(word) < 2:
            continue
        acronym = word.isupper() and len(word) >= 2 and word.isalpha()
        if acronym or (word[0].isupper() and i > 0 and (not headline_case or _weight(word.lower()) >= 2.8)):
            found.add(stem(word))
    return found


def _sentences(body: str) -> tuple[Sentence, ...]:
    return tuple(
        Sentence(start=a, end=b, stems=frozenset(stem(m.group(0)) for m in _WORD.finditer(body, a, b)))
        for a, b in split_sentences(body)
    )


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def featurize(claim: str, body: str) -> Pair:
    """The feature vector of ``(claim, body)`` (in :data:`FEATURE_NAMES` order)."""
    words = _content(claim)
    total = sum(words.values()) or 1.0
    sentences = _sentences(body) or (Sentence(start=0, end=0, stems=frozenset()),)
    body_stems = frozenset().union(*(s.stems for s in sentences))
    covs = [sum(w for s, w in words.items() if s in sent.stems) / total for sent in sentences]
    order = sorted(range(len(sentences)), key=lambda i: (-covs[i], i))
    top = order[:3]
    near_text = " ".join(body[sentences[i].start : sentences[i].end] for i in top)
    lead = sentences[:3]
    lead_text = body[lead[0].start : lead[-1].end]

    cov_body = sum(w for s, w in words.items() if s in body_stems) / total
    cov_best = covs[order[0]]
    cov_top3 = sum(covs[i] for i in top) / len(top)
    lead_stems = frozenset().union(*(s.stems for s in lead))
    cov_lead = sum(w for s, w in words.items() if s in lead_stems) / total

    claim_list = [stem(m.group(0)) for m in tokens(claim) if m.group(0).lower() not in _STOP]
    bigrams = {(a, b) for a, b in itertools.pairwise(claim_list)}
    body_list = [stem(m.group(0)) for m in tokens(body) if m.group(0).lower() not in _STOP]
    body_bigrams = set(itertools.pairwise(body_list))
    bigram_cov = len(bigrams & body_bigrams) / len(bigrams) if bigrams else 0.0

    ents = _entities(claim)
    ent_cov = len(ents & body_stems) / len(ents) if ents else cov_body
    claim_nums = {n.replace(",", "") for n in _NUMBER.findall(claim)}
    body_nums = {n.replace(",", "") for n in _NUMBER.findall(body)}
    near_nums = {n.replace(",", "") for n in _NUMBER.findall(near_text)}
    num_cov = len(claim_nums & body_nums) / len(claim_nums) if claim_nums else 1.0
    num_conflict = float(bool(claim_nums) and not (claim_nums & near_nums) and bool(near_nums))

    n_sent = len(sentences)
    per = 1.0 / math.log2(2 + n_sent)
    refute_body = _count(_REFUTE, body) * per
    strong_body = _count(_STRONG_REFUTE, body) * per
    refute_near = float(_count(_REFUTE, near_text))
    strong_near = float(_count(_STRONG_REFUTE, near_text))
    deny_body = _count(_DENY, body) * per
    deny_near = float(_count(_DENY, near_text))
    hedge_body = _count(_HEDGE, body) * per
    hedge_near = float(_count(_HEDGE, near_text))
    support_body = _count(_SUPPORT, body) * per
    support_near = float(_count(_SUPPORT, near_text))
    best_text = body[sentences[order[0]].start : sentences[order[0]].end]
    neg_best = any(
        m.group(0).lower().replace("’", "'") in NEGATIONS or m.group(0).lower().endswith("n't")
        for m in tokens(best_text)
    )
    neg_near = sum(
        1 for m in tokens(near_text) if m.group(0).lower() in NEGATIONS or m.group(0).lower().endswith(("n't", "n’t"))
    )
    neg_claim = any(
        m.group(0).lower() in NEGATIONS or m.group(0).lower().endswith(("n't", "n’t")) for m in tokens(claim)
    )
    claim_hedge = float(_count(_HEDGE, claim) > 0)
    claim_refute = float(_count(_STRONG_REFUTE, claim) > 0 or _count(_DENY, claim) > 0)

    return Pair(
        features=(
            cov_body,
            cov_best,
            cov_top3,
            cov_lead,
            bigram_cov,
            ent_cov,
            num_cov,
            float(bool(claim_nums)),
            num_conflict,
            refute_body,
            strong_body,
            math.log1p(refute_near),
            math.log1p(strong_near),
            deny_body,
            math.log1p(deny_near),
            hedge_body,
            math.log1p(hedge_near),
            support_body,
            math.log1p(support_near),
            math.log1p(neg_near),
            float(neg_claim),
            float(neg_claim != neg_best),
            claim_hedge,
            claim_refute,
            float("?" in claim),
            math.log1p(strong_near) * cov_best,
            math.log1p(deny_near) * cov_best,
            math.log1p(strong_body) * claim_refute,
            float(len(_QUOTE_MARK.findall(near_text))),
            math.log1p(n_sent),
            order[0] / n_sent,
            float(_count(_STRONG_REFUTE, lead_text) + _count(_DENY, lead_text)),
            cov_best * ent_cov,
            *_polarity(
                claim,
                words=words,
                body=body,
                sentences=sentences,
                order=order,
                lead_text=lead_text,
                near_text=near_text,
                cov_best=cov_best,
            ),
            *_doubt_by_sentence(body, claim, sentences=sentences, covs=covs, order=order, ents=ents),
        ),
        best=tuple(order),
        sentences=sentences,
    )


def _polarity(
    claim: str,
    *,
    words: dict[str, float],
    body: str,
    sentences: tuple[Sentence, ...],
    order: list[int],
    lead_text: str,
    near_text: str,
    cov_best: float,
) -> tuple[float, ...]:
    """Doubt cues, and the claim's polarity against the lead's: a refuting headline over a text
    that tells the story, a plain one over a text that refutes it — and negations placed right
    before the claim's own words in the sentences that match it best."""
    refuting_claim = 1.0 if _CLAIM_POLARITY.search(claim) else 0.0
    refuting_lead = (
        1.0
        if _STRONG_REFUTE.search(lead_text)
        or _DENY.search(lead_text)
        or (_DOUBT.search(lead_text) and _NO_EVIDENCE.search(lead_text))
        else 0.0
    )
    negated = 0
    for i in order[:5]:
        sent = sentences[i]
        found = [m.group(0).lower() for m in _WORD.finditer(body, sent.start, sent.end)]
        for j, word in enumerate(found):
            if (word in NEGATIONS or word.endswith(("n't", "n’t"))) and any(
                stem(w) in words for w in found[j + 1 : j + 4]
            ):
                negated += 1
    return (
        math.log1p(_count(_DOUBT, lead_text)),
        math.log1p(_count(_DOUBT, near_text)),
        refuting_claim,
        refuting_claim * refuting_lead,
        (1 - refuting_claim) * refuting_lead * cov_best,
        refuting_claim * (1 - refuting_lead) * cov_best,
        math.log1p(negated) * (1 - refuting_claim),
    )


def _doubt_by_sentence(
    body: str,
    claim: str,
    *,
    sentences: tuple[Sentence, ...],
    covs: list[float],
    order: list[int],
    ents: set[str],
) -> tuple[float, ...]:
    """Where the article casts doubt: in the sentences that match the claim (weighed by how
    well they match it), in its first sentence, how early, and in how many of the sentences
    that name the claim's own names or key words — and negations placed right before them."""
    n = len(sentences)
    starts = [s.start for s in sentences]
    per_sentence = [0] * n
    first = n
    for m in _CAST_DOUBT.finditer(body):
        i = max(0, bisect.bisect_right(starts, m.start()) - 1)
        per_sentence[i] += 1
        first = min(first, i)
    has = [min(c, 2) for c in per_sentence]
    weighted = [covs[i] * has[i] for i in range(n)]
    keys = ents or {s for s, w in _content(claim).items() if w >= 3.5}
    naming = [i for i in range(n) if keys & sentences[i].stems]
    negated = 0
    for i in naming[:12]:
        found = [stem(m.group(0)) for m in _WORD.finditer(body, sentences[i].start, sentences[i].end)]
        negated += sum(
            1
            for j, word in enumerate(found)
            if word in keys and any(w in NEGATIONS or w.endswith("n't") for w in found[max(0, j - 4) : j])
        )
    total = sum(per_sentence)
    after = [i + 1 for i in order[:3] if i + 1 < n]
    contrast = sum(
        1 for i in after if per_sentence[i] or _CONTRAST_OPENING.match(body, sentences[i].start, sentences[i].end)
    )
    authority = sum(
        1 for i in range(n) if per_sentence[i] and _AUTHORITY.search(body, sentences[i].start, sentences[i].end)
    )
    plain_claim = 0.0 if _CLAIM_POLARITY.search(claim) else 1.0
    return (
        max(weighted),
        sum(weighted) / math.log2(2 + n),
        sum(weighted[i] for i in order[:3]) / min(3, n),
        float(has[0]),
        first / n if total else 1.0,
        sum(1 for i in naming if per_sentence[i]) / len(naming) if naming else 0.0,
        total / math.log2(2 + n),
        math.log1p(negated),
        contrast / len(after) if after else 0.0,
        authority / math.log2(2 + n),
        plain_claim * max(weighted),
        (1.0 - plain_claim) * float(total == 0),
    )


def has_refutation(text: str) -> bool:
    """Whether ``text`` carries a refutation or denial cue ("hoax", "denied", "no evidence")."""
    return _STRONG_REFUTE.search(text) is not None or _DENY.search(text) is not None
