"""Features of a (claim, text) pair: how much of the claim the text covers, and how it frames it.

The stance model (:mod:`wiretrace.stance.model`) reads these numbers, never the words, so it
cannot memorise a claim: it sees coverage of the claim's weighted words, of its names and
numbers, the refutation, denial, hedging, confirmation and negation cues found in the
sentences that match the claim best, and the doubt cast sentence by sentence, weighed by how
well each sentence matches the claim and whether it names the claim's own names. Word weights
come from ``wordfreq`` (rare words weigh more), so no corpus statistics are needed and one pair
can be scored on its own.

Every feature is computed on plain strings with regular expressions (the cue tables are in
:mod:`wiretrace.stance.cues`) — no spaCy. What depends on one side only is worked out once: a
:class:`Claim` is prepared once per check, and a text's sentences, stems and cue counts
(:mod:`wiretrace.stance.text`) are kept for the texts seen last, so ``wiretrace check`` pays per
candidate only for what joins the two — and :meth:`Claim.cover_at_most` and :func:`best_cover`
let it drop a candidate that cannot match before any of that.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from wiretrace.stance.cues import (
    CLAIM_POLARITY,
    CONTRAST_OPENING,
    DENY,
    DOUBT,
    HEDGE,
    NEGATIONS,
    QUOTE_MARK,
    REFUTE,
    STRONG_REFUTE,
    SUPPORT,
    scanners,
)
from wiretrace.stance.text import (
    FRAME,
    NUMBER,
    STOP,
    WORD,
    Sentence,
    Text,
    TextCues,
    count,
    prepared_text,
    split_sentences,
    stem,
    text_cues,
    tokens,
)

__all__ = [
    "FEATURE_NAMES",
    "NEGATIONS",
    "Claim",
    "Pair",
    "Sentence",
    "best_cover",
    "cover",
    "featurize",
    "has_refutation",
    "split_sentences",
    "stem",
    "tokens",
]

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
class Pair:
    """A claim and a text, with the features and the sentences that match the claim best."""

    features: tuple[float, ...]
    best: tuple[int, ...]  # sentence indices, best match first
    sentences: tuple[Sentence, ...]


@lru_cache(maxsize=200_000)
def _weight(word: str) -> float:
    """Rare words weigh more: 7 minus the word's Zipf frequency, kept within [0.5, 6]."""
    return min(6.0, max(0.5, 7.0 - zipf_frequency(word, "en")))


def _content(text: str) -> dict[str, float]:
    """Content stems of a text with their weights (the heaviest surface form wins)."""
    found: dict[str, float] = {}
    for m in WORD.finditer(text):
        word = m.group(0).lower()
        if word in STOP or word in FRAME or len(word) < 2:
            continue
        s = stem(word)
        found[s] = max(found.get(s, 0.0), _weight(word))
    return found


def _entities(claim: str) -> set[str]:
    """Capitalised words not opening the claim, and acronyms: the claim's names, lower-cased."""
    found = set()
    matches = tokens(claim)
    headline_case = sum(m.group(0)[0].isupper() for m in matches) > 0.6 * max(1, len(matches))
    for i, m in enumerate(matches):
        word = m.group(0)
        if word.lower() in STOP or word.lower() in FRAME or len(word) < 2:
            continue
        acronym = word.isupper() and len(word) >= 2 and word.isalpha()
        if acronym or (word[0].isupper() and i > 0 and (not headline_case or _weight(word.lower()) >= 2.8)):
            found.add(stem(word))
    return found


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith(("n't", "n’t"))


# --------------------------------------------------------------------------- one side at a time


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim prepared once to be scored against many texts (:func:`featurize` takes it as well
    as a string): its weighted content stems, names, numbers and its own cues."""

    text: str
    words: Mapping[str, float]  # content stem → weight, in the claim’s order
    total: float
    bigrams: frozenset[tuple[str, str]]
    entities: frozenset[str]
    keys: frozenset[str]  # the names, else the heavy words: what a sentence must name to be about the claim
    numbers: frozenset[str]
    negated: bool
    hedged: float
    refutes: float  # carries a strong refutation or denial cue
    refuting: float  # denies or debunks the story it tells ("X is a hoax", "No, it's not …")
    question: float

    @classmethod
    def of(cls, text: str) -> Claim:
        words = _content(text)
        stems = [stem(m.group(0)) for m in tokens(text) if m.group(0).lower() not in STOP]
        entities = frozenset(_entities(text))
        return cls(
            text=text,
            words=words,
            total=sum(words.values()) or 1.0,
            bigrams=frozenset(itertools.pairwise(stems)),
            entities=entities,
            keys=entities or frozenset(s for s, w in words.items() if w >= 3.5),
            numbers=frozenset(n.replace(",", "") for n in NUMBER.findall(text)),
            negated=any(_is_negation(m.group(0).lower()) for m in tokens(text)),
            hedged=float(count(HEDGE, text) > 0),
            refutes=float(count(STRONG_REFUTE, text) > 0 or count(DENY, text) > 0),
            refuting=1.0 if CLAIM_POLARITY.search(text) else 0.0,
            question=float("?" in text),
        )

    def cover(self, stems: frozenset[str]) -> float:
        """The share of the claim's weight found in ``stems``."""
        return sum(w for s, w in self.words.items() if s in stems) / self.total

    def cover_at_most(self, text: str) -> float:
        """At least :func:`cover` of ``text``, found without splitting it into words: a stem of a
        word of the text is a substring of the text lower-cased, and the weights summed are then a
        superset, added in the same order (float sums of positive numbers only grow)."""
        lowered = text.lower().replace("’", "'")
        return sum(w for s, w in self.words.items() if s in lowered) / self.total


def cover(claim: Claim, text: str) -> float:
    """The share of the claim's weight anywhere in ``text`` (the ``cov_body`` feature)."""
    return claim.cover(prepared_text(text).stems)


def best_cover(claim: Claim, text: str, prepared: Text | None = None) -> float:
    """The share of the claim's weight in the sentence of ``text`` that holds most (``cov_best``);
    ``prepared``: its words when they are known (:func:`~wiretrace.stance.text.read_stored`)."""
    return max(claim.cover(s.stems) for s in (prepared or prepared_text(text)).sentences)


# --------------------------------------------------------------------------- the pair


def featurize(claim: str | Claim, body: str, cues: TextCues | None = None, prepared: Text | None = None) -> Pair:
    """The feature vector of ``(claim, body)`` (in :data:`FEATURE_NAMES` order); ``claim`` may be
    prepared once (:meth:`Claim.of`) to score it against many texts, and ``body``'s cues given
    (:func:`~wiretrace.stance.text.cues_with` its stored counts) and its words (``prepared``)."""
    c = claim if isinstance(claim, Claim) else Claim.of(claim)
    text = prepared or prepared_text(body)
    cues = cues or text_cues(body)
    sentences = text.sentences
    covs = [c.cover(sent.stems) for sent in sentences]
    order = sorted(range(len(sentences)), key=lambda i: (-covs[i], i))
    top = order[:3]
    near_text = " ".join(body[sentences[i].start : sentences[i].end] for i in top)

    cov_body = c.cover(text.stems)
    cov_best = covs[order[0]]
    cov_top3 = sum(covs[i] for i in top) / len(top)
    cov_lead = c.cover(cues.lead_stems)
    bigram_cov = sum(1 for a, b in c.bigrams if cues.holds(a, b)) / len(c.bigrams) if c.bigrams else 0.0
    ent_cov = len(c.entities & text.stems) / len(c.entities) if c.entities else cov_body
    near_nums = {n.replace(",", "") for n in NUMBER.findall(near_text)}
    num_cov = len(c.numbers & cues.counts.numbers) / len(c.numbers) if c.numbers else 1.0
    num_conflict = float(bool(c.numbers) and not (c.numbers & near_nums) and bool(near_nums))

    n_sent = len(sentences)
    scan = scanners(near_text)
    refute_near = float(count(scan[REFUTE], near_text))
    strong_near = float(count(scan[STRONG_REFUTE], near_text))
    deny_near = float(count(scan[DENY], near_text))
    hedge_near = float(count(scan[HEDGE], near_text))
    support_near = float(count(scan[SUPPORT], near_text))
    best_text = body[sentences[order[0]].start : sentences[order[0]].end]
    neg_best = any(
        w.replace("’", "'") in NEGATIONS or w.endswith("n't") for w in map(str.lower, WORD.findall(best_text))
    )
    neg_near = sum(1 for w in map(str.lower, WORD.findall(near_text)) if _is_negation(w))

    return Pair(
        features=(
            cov_body,
            cov_best,
            cov_top3,
            cov_lead,
            bigram_cov,
            ent_cov,
            num_cov,
            float(bool(c.numbers)),
            num_conflict,
            cues.counts.refute,
            cues.counts.strong,
            math.log1p(refute_near),
            math.log1p(strong_near),
            cues.counts.deny,
            math.log1p(deny_near),
            cues.counts.hedge,
            math.log1p(hedge_near),
            cues.counts.support,
            math.log1p(support_near),
            math.log1p(neg_near),
            float(c.negated),
            float(c.negated != neg_best),
            c.hedged,
            c.refutes,
            c.question,
            math.log1p(strong_near) * cov_best,
            math.log1p(deny_near) * cov_best,
            math.log1p(cues.counts.strong) * c.refutes,
            float(len(QUOTE_MARK.findall(near_text))),
            math.log1p(n_sent),
            order[0] / n_sent,
            cues.counts.lead_refute,
            cov_best * ent_cov,
            *_polarity(c, cues, body=body, sentences=sentences, order=order, near_text=near_text, cov_best=cov_best),
            *_doubt_by_sentence(c, cues, body=body, sentences=sentences, covs=covs, order=order),
        ),
        best=tuple(order),
        sentences=sentences,
    )


def _polarity(
    claim: Claim,
    cues: TextCues,
    *,
    body: str,
    sentences: tuple[Sentence, ...],
    order: list[int],
    near_text: str,
    cov_best: float,
) -> tuple[float, ...]:
    """Doubt cues, and the claim's polarity against the lead's: a refuting headline over a text
    that tells the story, a plain one over a text that refutes it — and negations placed right
    before the claim's own words in the sentences that match it best."""
    refuting_claim = claim.refuting
    refuting_lead = cues.counts.refuting_lead
    words = claim.words
    negated = 0
    for i in order[:5]:
        sent = sentences[i]
        found = [w.lower() for w in WORD.findall(body, sent.start, sent.end)]
        for j, word in enumerate(found):
            if _is_negation(word) and any(stem(w) in words for w in found[j + 1 : j + 4]):
                negated += 1
    return (
        cues.counts.doubt_lead,
        math.log1p(count(DOUBT, near_text)),
        refuting_claim,
        refuting_claim * refuting_lead,
        (1 - refuting_claim) * refuting_lead * cov_best,
        refuting_claim * (1 - refuting_lead) * cov_best,
        math.log1p(negated) * (1 - refuting_claim),
    )


def _doubt_by_sentence(
    claim: Claim,
    cues: TextCues,
    *,
    body: str,
    sentences: tuple[Sentence, ...],
    covs: list[float],
    order: list[int],
) -> tuple[float, ...]:
    """Where the article casts doubt: in the sentences that match the claim (weighed by how
    well they match it), in its first sentence, how early, and in how many of the sentences
    that name the claim's own names or key words — and negations placed right before them."""
    n = len(sentences)
    per_sentence = cues.counts.doubt
    has = [min(c, 2) for c in per_sentence]
    weighted = [covs[i] * has[i] for i in range(n)]
    keys = claim.keys
    naming = [i for i in range(n) if keys & sentences[i].stems]
    negated = 0
    for i in naming[:12]:
        found = [stem(w) for w in WORD.findall(body, sentences[i].start, sentences[i].end)]
        negated += sum(
            1
            for j, word in enumerate(found)
            if word in keys and any(w in NEGATIONS or w.endswith("n't") for w in found[max(0, j - 4) : j])
        )
    total = sum(per_sentence)
    after = [i + 1 for i in order[:3] if i + 1 < n]
    contrast = sum(
        1 for i in after if per_sentence[i] or CONTRAST_OPENING.match(body, sentences[i].start, sentences[i].end)
    )
    plain_claim = 1.0 - claim.refuting
    return (
        max(weighted),
        sum(weighted) / math.log2(2 + n),
        sum(weighted[i] for i in order[:3]) / min(3, n),
        float(has[0]),
        cues.counts.first_doubt / n if total else 1.0,
        sum(1 for i in naming if per_sentence[i]) / len(naming) if naming else 0.0,
        total / math.log2(2 + n),
        math.log1p(negated),
        contrast / len(after) if after else 0.0,
        cues.counts.authority / math.log2(2 + n),
        plain_claim * max(weighted),
        (1.0 - plain_claim) * float(total == 0),
    )


def has_refutation(text: str) -> bool:
    """Whether ``text`` carries a refutation or denial cue ("hoax", "denied", "no evidence")."""
    return STRONG_REFUTE.search(text) is not None or DENY.search(text) is not None
