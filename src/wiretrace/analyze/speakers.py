"""Resolve the token heading a quote's source into a :class:`~wiretrace.model.Speaker`.

A speaker is a role a mention plays, so nothing here invents people:

- a name resolves to its entity ("Zelensky" → Volodymyr Zelensky, e9);
- a pronoun resolves to its antecedent — the nearest earlier person, preferring subjects
  ("He accused …" → Zelensky); "they" to the previous group speaker;
- an institution noun resolves to the nearest earlier organisation ("the alliance" → NATO);
- anything else keeps its own words ("a former NATO commander").
"""

from __future__ import annotations

import bisect

from wiretrace.analyze.cues import INSTITUTION_NOUNS, PERSON_PRONOUNS, TITLE_WORDS
from wiretrace.analyze.phrases import children, noun_phrase, strip_span
from wiretrace.model import Entity, EntityType, Mention, Parse, Span, Speaker

__all__ = ["SpeakerResolver"]

_PRONOUN_WINDOW = 1500  # characters back to look for an antecedent
_INSTITUTION_WINDOW = 2500
GROUP_TYPES = frozenset({EntityType.ORG, EntityType.MEDIA, EntityType.GPE, EntityType.NORP})


class SpeakerResolver:
    """Resolves sources in one article; remembers speakers for "they" and continuations."""

    def __init__(self, body: str, parse: Parse, entities: tuple[Entity, ...]) -> None:
        self.body = body
        self.parse = parse
        self.entities = {e.id: e for e in entities}
        pairs = sorted((m.span, e) for e in entities for m in e.mentions)
        self._starts = [s.start for s, _ in pairs]
        self._mentions = pairs
        self.previous: list[Speaker] = []

    # -- lookups ----------------------------------------------------------------------

    def entity_at(self, token: int) -> Entity | None:
        tok = self.parse.tokens[token]
        k = bisect.bisect_right(self._starts, tok.start) - 1
        while k >= 0 and self._mentions[k][0].end > tok.start - 200:
            span, entity = self._mentions[k]
            if span.start <= tok.start and tok.end <= span.end:
                return entity
            k -= 1
        return None

    def _nearest_before(self, offset: int, types: frozenset[EntityType], window: int) -> Entity | None:
        k = bisect.bisect_left(self._starts, offset) - 1
        while k >= 0 and self._mentions[k][0].start >= offset - window:
            entity = self._mentions[k][1]
            if entity.type in types:
                return entity
            k -= 1
        return None

    def _subject_person_before(self, offset: int) -> Entity | None:
        """The nearest earlier person mention that is a subject, else the nearest person."""
        k = bisect.bisect_left(self._starts, offset) - 1
        fallback: Entity | None = None
        while k >= 0 and self._mentions[k][0].start >= offset - _PRONOUN_WINDOW:
            span, entity = self._mentions[k]
            if entity.type == EntityType.PERSON:
                fallback = fallback or entity
                head = self.parse.token_at(max(span.start, span.end - 1))
                if head is not None and self.parse.tokens[head].dep in {"nsubj", "nsubjpass"}:
                    return entity
            k -= 1
        return fallback

    # -- resolution -------------------------------------------------------------------

    def resolve(self, token: int) -> Speaker:
        speaker = self._resolve(token)
        self.previous.append(speaker)
        return speaker

    def _resolve(self, token: int) -> Speaker:
        tok = self.parse.tokens[token]
        np_span = _trim_punct(self.body, noun_phrase(self.parse, token))
        mention = Mention(span=np_span, text=self.body[np_span.start : np_span.end])
        entity = self.entity_at(token)
        if entity is not None:
            return self._from_entity(entity, mention)
        if tok.lower in PERSON_PRONOUNS and tok.pos == "PRON":
            return self._pronoun(tok.lower, mention)
        named = self._apposition(token)  # "a spokesperson, Felix Ormond, said"
        if named is not None:
            return self._from_entity(named, mention, description=mention.text)
        if self._definite(token):
            found = self._institution(token) if tok.lower in INSTITUTION_NOUNS else None
            if found is None and tok.lower in TITLE_WORDS:
                found = self._titled_person(token, mention)  # "the minister" → Environment Minister X
            if found is not None:
                return self._from_entity(found, mention, description=mention.text)
        return Speaker(name=mention.text, mention=mention)

    def _apposition(self, token: int) -> Entity | None:
        for c in children(self.parse, token):
            if self.parse.tokens[c].dep == "appos":
                entity = self.entity_at(c)
                if entity is not None and entity.type in {EntityType.PERSON, EntityType.ORG, EntityType.MEDIA}:
                    return entity
        return None

    def _institution(self, token: int) -> Entity | None:
        """ "the ministry" → the nearest earlier organisation, one named "… Ministry …" first."""
        tok = self.parse.tokens[token]
        types = GROUP_TYPES - {EntityType.NORP}
        named = [
            e
            for _, e in self._mentions
            if e.type in types and tok.lower in e.name.lower().split() and e.mentions[0].span.start < tok.start
        ]
        if named:
            return named[-1]
        return self._nearest_before(tok.start, types, _INSTITUTION_WINDOW)

    def _titled_person(self, token: int, mention: Mention) -> Entity | None:
        """The person whose title matches a definite description ("the province’s inspector general")."""
        head = self.parse.tokens[token].lower
        words = {w.lower().strip(".,") for w in mention.text.split() if not w.endswith(("’s", "'s"))}
        words -= {"the", "a", "an"}
        best: tuple[int, int, Entity] | None = None
        offset = mention.span.start
        for entity in self.entities.values():
            if entity.type != EntityType.PERSON:
                continue
            titles = " ".join(entity.descriptions).lower().split()
            if head not in titles:
                continue
            score = len(words & set(titles))
            distance = min(
                abs(m.span.start - offset) + (0 if m.span.start < offset else 10_000) for m in entity.mentions
            )
            if best is None or (score, -distance) > (best[0], -best[1]):
                best = (score, distance, entity)
        return best[2] if best is not None else None

    def _definite(self, token: int) -> bool:
        first = noun_phrase(self.parse, token).start
        return self.body[first : first + 4].lower() == "the "

    def _pronoun(self, word: str, mention: Mention) -> Speaker:
        kind = PERSON_PRONOUNS[word]
        if kind in {"m", "f"}:
            found = self._subject_person_before(mention.span.start)
            if found is not None:
                return self._from_entity(found, mention)
        if kind in {"p", "n"}:
            for prev in reversed(self.previous[-3:]):
                entity = self.entities.get(prev.entity or "")
                if entity is not None and entity.type in GROUP_TYPES:
                    return self._from_entity(entity, mention)
        return Speaker(name=mention.text, mention=mention)

    def _from_entity(self, entity: Entity, mention: Mention, description: str | None = None) -> Speaker:
        if description is None:
            description = self._title_in(mention, entity) or (entity.descriptions[0] if entity.descriptions else None)
        return Speaker(name=entity.name, mention=mention, entity=entity.id, description=description)

    def _title_in(self, mention: Mention, entity: Entity) -> str | None:
        """ "Ukrainian President" in "Ukrainian President Volodymyr Zelensky"."""
        for m in entity.mentions:
            if mention.span.contains(m.span) and m.span.start > mention.span.start:
                title = strip_span(self.body, Span(mention.span.start, m.span.start))
                if title is not None and title.text(self.body).lower() not in {"the", "a", "an"}:
                    return self.body[title.start : title.end]
        return None


def _trim_punct(body: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and not body[start].isalnum():
        start += 1
    while end > start and not body[end - 1].isalnum():
        end -= 1
    return Span(start, end) if end > start else span
