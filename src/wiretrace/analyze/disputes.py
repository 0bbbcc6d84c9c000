"""Disputes inside one article: a claim, and a statement that contradicts it.

Three shapes, each linking two claims by different speakers:

- a framing cue outside the counter-claim: "Contrary to Zelensky’s statements, Grossi said
  …", "…, directly contradicting the minister’s assurance";
- a denial: the counter is the claim of a denial verb ("Vestra denied that …"), holds a
  refutation ("there is no evidence that …", "not true"), or follows a sentence that
  rejects an earlier account ("The ministry rejected that account. A spokesperson said …");
- a negated restatement: B says "not X" after A said "X".

The claim disputed is the one by another speaker that shares the most content words with
the counter (nearest first on ties); a cue that names whom it contradicts ("Contrary to
Zelensky’s …", "the minister’s statements") narrows the choice to that speaker. wiretrace
never says who is right: it links both sides, with the cue as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wiretrace.analyze.speakers import SpeakerResolver
from wiretrace.model import Claim, Dispute, Entity, Mention, Parse, Span

__all__ = ["find_disputes"]

_FRAMING = re.compile(r"\b(?:contrary to|in contrast to|contradict\w*|at odds with|disputing)\b", re.IGNORECASE)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject\w*|disput(?:e|es|ed)|refut\w*|rebut\w*|dismiss\w*|"
    r"pushed back|push back|countered)\b",
    re.IGNORECASE,
)
_REFUTATION = re.compile(
    r"\b(?:no evidence|not true|untrue|false(?:ly)?|debunk\w*|baseless|unfounded|incorrect|inaccurate|"
    r"misleading|never happened)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    """
    a an the of to in on at for by with from and or but that this these those it its is are was were be been
    being have has had do does did will would could should may might can not no never he she they we i you his
    her their our your them us him which who whom what when where why how as than then there here also any all
    some such into over about after before under while said says say told out off up down just only
    """.split()
)
_ANAPHORIC = re.compile(
    r"^(?:the|that|this|these|those|such) (?:claims?|allegations?|accusations?|accounts?|reports?|"
    r"suggestions?|characteri[sz]ations?|assertions?|charges?|findings?|criticism)\b",
    re.IGNORECASE,
)
_MIN_SHARED = 2
_RESTATEMENT_OVERLAP = 0.5
_FOLLOWING = 400  # characters after a rejecting sentence to look for the rejection's content


@dataclass(frozen=True, slots=True)
class _Cue:
    mention: Mention
    strength: str  # "framing", "denial", "refutation"


def content_words(text: str) -> set[str]:
    """Lower-cased content words, crudely stemmed ("explosives" → "explosive")."""
    found = set()
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", text.lower()):
        if word in _STOP or len(word) < 3:
            continue
        stem = word
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)]
                break
        found.add(stem)
    return found


def find_disputes(
    body: str, parse: Parse, claims: tuple[Claim, ...], entities: tuple[Entity, ...]
) -> tuple[Dispute, ...]:
    resolver = SpeakerResolver(body, parse, entities)
    disputes: list[Dispute] = []
    paired: set[tuple[str, str]] = set()

    def add(target: Claim | None, counter: Claim, cue: Mention | None) -> None:
        if target is not None and (target.id, counter.id) not in paired:
            paired.add((target.id, counter.id))
            disputes.append(Dispute(claim=target.id, counter=counter.id, cue=cue))

    for counter in claims:
        cue = _cue_for(body, parse, counter)
        if cue is None:
            continue
        wanted = _named_target(body, parse, resolver, cue.mention, claims)
        needed = 1 if cue.strength == "denial" or wanted is not None else _MIN_SHARED
        if cue.strength == "denial" and _ANAPHORIC.search(counter.text):
            needed = 0  # "rejected the claim that …": some earlier claim, however it was worded
        add(_best_target(parse, counter, claims, wanted, needed), counter, cue.mention)
    for rejected, rejecting, rejection in _rejected_accounts(body, parse, claims):
        add(rejected, rejecting, rejection)
    for said, unsaid in _negated_restatements(claims):
        add(said, unsaid, None)
    return tuple(disputes)


def _sentence_span(parse: Parse, offset: int) -> Span | None:
    i = parse.token_at(offset)
    sentence = parse.sentence_of(i) if i is not None else None
    return sentence.span if sentence is not None else None


def _cue_for(body: str, parse: Parse, claim: Claim) -> _Cue | None:
    """A contradiction cue for ``claim``: framing or denial words in its sentence outside it,
    or refutation words inside it."""
    region = _sentence_span(parse, claim.span.start) or claim.span
    for pattern, strength in ((_FRAMING, "framing"), (_DENIAL, "denial")):
        for m in pattern.finditer(body, region.start, region.end):
            span = Span(m.start(), m.end())
            if not claim.span.overlaps(span) and _outside_quotes(body, region, span):
                return _Cue(Mention(span=span, text=m.group(0)), strength)
    refuting = _REFUTATION.search(body, claim.span.start, claim.span.end)
    if refuting:
        return _Cue(Mention(span=Span(refuting.start(), refuting.end()), text=refuting.group(0)), "refutation")
    return None


def _outside_quotes(body: str, region: Span, span: Span) -> bool:
    before = body[region.start : span.start]
    doubled = before.count("''") + before.count("``")  # ``…'' and ''…'' open and close in pairs
    return (before.count("“") - before.count("”")) <= 0 and before.count('"') % 2 == 0 and doubled % 2 == 0


def _named_target(
    body: str, parse: Parse, resolver: SpeakerResolver, cue: Mention, claims: tuple[Claim, ...]
) -> Callable[[Claim], bool] | None:
    """ "Contrary to Zelensky’s statements" / "the minister’s assurance": whose claims are meant."""
    if not _FRAMING.fullmatch(cue.text):
        return None
    start = parse.token_at(min(len(body) - 1, cue.span.end + 1))
    if start is None:
        return None
    for i in range(start, min(start + 6, len(parse.tokens))):
        tok = parse.tokens[i]
        if tok.text in {",", ".", ";"}:
            break
        entity = resolver.entity_at(i)
        if entity is not None:
            return _by_entity(entity.id)
        if tok.dep == "poss" and tok.pos == "NOUN":  # "the minister’s statements"
            return _by_title(tok.lower)
    return None


def _by_entity(entity_id: str) -> Callable[[Claim], bool]:
    return lambda c: c.speaker is not None and c.speaker.entity == entity_id


def _by_title(word: str) -> Callable[[Claim], bool]:
    return lambda c: word in _speaker_words(c)


def _speaker_words(claim: Claim) -> set[str]:
    s = claim.speaker
    if s is None:
        return set()
    text = " ".join(filter(None, [s.name, s.description, s.mention.text if s.mention else None]))
    return set(text.lower().split())


def _same_speaker(a: Claim, b: Claim) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker.entity and b.speaker.entity:
        return a.speaker.entity == b.speaker.entity
    return a.speaker.name.lower() == b.speaker.name.lower()


def _best_target(
    parse: Parse, counter: Claim, claims: tuple[Claim, ...], wanted: Callable[[Claim], bool] | None, needed: int
) -> Claim | None:
    """The disputed claim: said before the counter (or in its sentence, or by the speaker the
    cue names), by someone else, sharing the most words with it; the nearest on ties."""
    words = content_words(counter.text)
    sentence = _sentence_span(parse, counter.span.start)
    best: tuple[int, int, Claim] | None = None  # (shared words, -distance, claim)
    for claim in claims:
        if claim.id == counter.id or _same_speaker(claim, counter) or claim.span.overlaps(counter.span):
            continue
        if wanted is not None and not wanted(claim):
            continue
        earlier = claim.span.start < counter.span.start or (sentence is not None and sentence.contains(claim.span))
        if wanted is None and not earlier:
            continue
        shared = len(words & content_words(claim.text))
        key = (shared, -abs(claim.span.start - counter.span.start))
        if best is None or key > best[:2]:
            best = (*key, claim)
    if best is None or best[0] < needed:
        return None
    return best[2]


def _rejected_accounts(body: str, parse: Parse, claims: tuple[Claim, ...]) -> list[tuple[Claim, Claim, Mention]]:
    """ "The ministry rejected that account. A spokesperson said …": a rejecting sentence that
    holds no claim disputes the last claim before it, through the first claim after it."""
    found = []
    for sentence in parse.sentences:
        region = sentence.span
        if any(c.span.overlaps(region) for c in claims):
            continue
        m = _DENIAL.search(body, region.start, region.end)
        if m is None:
            continue
        after = [c for c in claims if region.end <= c.span.start <= region.end + _FOLLOWING]
        if not after:
            continue
        counter = after[0]
        before = [
            c
            for c in claims
            if region.start - _FOLLOWING <= c.span.end <= region.start and not _same_speaker(c, counter)
        ]
        if not before:
            continue
        words = content_words(counter.text)
        target = max(reversed(before), key=lambda c: len(words & content_words(c.text)))
        found.append((target, counter, Mention(span=Span(m.start(), m.end()), text=m.group(0))))
    return found


def _negated_restatements(claims: tuple[Claim, ...]) -> list[tuple[Claim, Claim]]:
    """Speaker B says "not X" after speaker A said "X"."""
    found = []
    for n, later in enumerate(claims):
        for earlier in claims[:n]:
            if later.negated == earlier.negated or _same_speaker(earlier, later):
                continue
            a, b = content_words(earlier.text), content_words(later.text)
            if not a or not b:
                continue
            if len(a & b) / min(len(a), len(b)) >= _RESTATEMENT_OVERLAP and len(a & b) >= 3:
                found.append((earlier, later))
    return found
