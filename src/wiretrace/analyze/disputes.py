"""Disputes inside one article: a claim, and a statement that contradicts it.

A counter-statement is a claim whose sentence carries a contradiction cue outside the
claim itself — "Contrary to Zelensky's statements", "denied", "rejected", "there is no
evidence that", "not true" — or a negated restatement of another speaker's claim. The
claim it contradicts is the one, by another speaker, that shares the most content words
with it; a cue that names whom it contradicts ("Contrary to Zelensky's …") limits the
choice to that speaker's claims. wiretrace never says who is right: it links both sides.
"""

from __future__ import annotations

import re

from wiretrace.analyze.speakers import SpeakerResolver
from wiretrace.model import Claim, Dispute, Entity, Mention, Parse, Span

__all__ = ["find_disputes"]

_CUES = re.compile(
    r"\b(?:contrary to|in contrast to|contradict\w*|den(?:y|ies|ied|ying|ial)|reject\w*|disput\w*|"
    r"refut\w*|rebut\w*|dismiss\w*|debunk\w*|(?:there is |there was |found )?no evidence|not true|"
    r"false(?:ly)?|untrue|pushed back|push back|countered)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    """
        a an the of to in on at for by with from and or but that this these those it its is are was were be
        been being have has had do does did will would could should may might can not no never he she they
        we i you his her their our your them us him which who whom what when where why how as than then
        there here also any all some such into over about after before under while said says say
    """.split()
)
_MIN_SHARED = 2
_MIN_SHARED_NAMED = 1
_RESTATEMENT_OVERLAP = 0.5


def _words(text: str) -> set[str]:
    found = set()
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", text.lower()):
        if word in _STOP or len(word) < 3:
            continue
        stem = word
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
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
    for counter in claims:
        cue = _cue_for(body, parse, counter)
        if cue is None:
            continue
        named = _named_target(body, parse, resolver, cue)
        target = _best_target(counter, claims, named, body)
        if target is not None and (target.id, counter.id) not in paired:
            paired.add((target.id, counter.id))
            disputes.append(Dispute(claim=target.id, counter=counter.id, cue=cue))
    for dispute in _negated_restatements(claims, paired):
        disputes.append(dispute)
    return tuple(disputes)


def _cue_for(body: str, parse: Parse, claim: Claim) -> Mention | None:
    """A contradiction cue in the claim's sentence, outside the claim; or a denial verb."""
    first = parse.token_at(claim.span.start)
    sentence = parse.sentence_of(first) if first is not None else None
    region = sentence.span if sentence is not None else claim.span
    for m in _CUES.finditer(body, region.start, region.end):
        span = Span(m.start(), m.end())
        if not claim.span.overlaps(span) and _outside_quotes(body, region, span):
            return Mention(span=span, text=m.group(0))
    return None


def _outside_quotes(body: str, region: Span, span: Span) -> bool:
    before = body[region.start : span.start]
    return (before.count("“") - before.count("”")) <= 0 and before.count('"') % 2 == 0


def _named_target(body: str, parse: Parse, resolver: SpeakerResolver, cue: Mention) -> str | None:
    """ "Contrary to Zelensky's statements": the entity the cue names, if any."""
    if not cue.text.lower().startswith(("contrary", "in contrast", "contradict")):
        return None
    start = parse.token_at(cue.span.end + 1)
    if start is None:
        return None
    for i in range(start, min(start + 6, len(parse.tokens))):
        entity = resolver.entity_at(i)
        if entity is not None:
            return entity.id
        if parse.tokens[i].text in {",", "."}:
            break
    return None


def _same_speaker(a: Claim, b: Claim) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker.entity and b.speaker.entity:
        return a.speaker.entity == b.speaker.entity
    return a.speaker.name.lower() == b.speaker.name.lower()


def _best_target(counter: Claim, claims: tuple[Claim, ...], named: str | None, body: str) -> Claim | None:
    words = _words(counter.text)
    best: tuple[int, Claim] | None = None
    for claim in claims:
        if claim.id == counter.id or _same_speaker(claim, counter):
            continue
        if named is not None and (claim.speaker is None or claim.speaker.entity != named):
            continue
        shared = len(words & _words(claim.text))
        if best is None or shared > best[0]:
            best = (shared, claim)
    needed = _MIN_SHARED_NAMED if named is not None else _MIN_SHARED
    if best is None or best[0] < needed:
        return None
    return best[1]


def _negated_restatements(claims: tuple[Claim, ...], paired: set[tuple[str, str]]) -> list[Dispute]:
    """Speaker B says "not X" after speaker A said "X"."""
    found = []
    for n, later in enumerate(claims):
        for earlier in claims[:n]:
            if later.negated == earlier.negated or _same_speaker(earlier, later):
                continue
            a, b = _words(earlier.text), _words(later.text)
            if not a or not b or (earlier.id, later.id) in paired:
                continue
            if len(a & b) / min(len(a), len(b)) >= _RESTATEMENT_OVERLAP and len(a & b) >= 3:
                paired.add((earlier.id, later.id))
                found.append(Dispute(claim=earlier.id, counter=later.id, cue=None))
    return found
