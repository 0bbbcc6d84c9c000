"""Resolve the token heading a quote's source into a :class:`~wiretrace.model.Speaker`.

A speaker is a role a mention plays, so nothing here invents people:

- a name resolves to its entity ("Zelensky" → Volodymyr Zelensky, e9);
- a pronoun resolves to its antecedent (``coref``) — the last person who spoke or became
  the subject ("He accused …" → Zelensky); "they" to the previous group speaker;
- an institution noun resolves to the nearest earlier organisation ("the alliance" → NATO);
- anything else keeps its own words ("a former NATO commander").
"""

from __future__ import annotations

import bisect
import re

from wiretrace.analyze.coref import FIRST_SECOND, GROUP_TYPES, UNNAMED_PEOPLE, Antecedents
from wiretrace.analyze.cues import (
    INSTITUTION_NOUNS,
    KICKERS,
    MADE_NOUNS,
    PERSON_PRONOUNS,
    SPEECH_NOUNS,
    TITLE_WORDS,
    lemma_of,
)
from wiretrace.analyze.entity_mentions import POST_NOMINALS
from wiretrace.analyze.phrases import children, described_source, noun_phrase, root_of, strip_span, tokens_in
from wiretrace.analyze.reported import STANCE_VERBS, verb_lemma
from wiretrace.analyze.sources import description_end
from wiretrace.analyze.subjects import is_reporting, went_on
from wiretrace.model import Entity, EntityType, Mention, Parse, Span, Speaker, Via

__all__ = ["SpeakerResolver"]

_INSTITUTION_WINDOW = 800
# Institution nouns an outlet can be: "the network", "the paper" (not "the company", though one may be).
_OUTLET_NOUNS = frozenset(
    "network newspaper paper outlet site website magazine publication station broadcaster".split()
)
# Who speaks for an organisation, named after it: "a Home Office spokesman".
_SPEAKING_FOR = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople official officials representative "
    "representatives source sources aide aides adviser advisers advisor advisors lawyer lawyers".split()
)
_UNNAMED_WINDOW = 600  # characters from an unnamed source to a pronoun that stands for it
# Sources that are things: "they" is not "the records" that said something before it.
_THINGS = (
    MADE_NOUNS
    | SPEECH_NOUNS
    | frozenset("record document figure poll survey study statistic number result estimate file paper policy".split())
)
# Nouns for a person that tell the person's gender ("a spokeswoman", "the chairman"): the
# unnamed people coreference knows ("the woman") and the roles.
_GENDERED_NOUNS: dict[str, str] = {
    **{word: said for word, said in UNNAMED_PEOPLE.items() if said},
    **dict.fromkeys("spokeswoman chairwoman businesswoman congresswoman councilwoman policewoman widow".split(), "f"),
    **dict.fromkeys("spokesman chairman businessman congressman councilman policeman widower".split(), "m"),
}
# Institution nouns so generic that the nearest organisation named just before is what
# they stand for ("NATO … the alliance pledged"). Any other institution noun ("the
# ministry", "the campaign") resolves only to an organisation whose name holds the word.
GENERIC_INSTITUTIONS = frozenset(
    "alliance organization organisation group company firm agency coalition association federation institute "
    "watchdog consortium".split()
)
# Verbs that carry on what the last speaker said: "he added" is still the last speaker.
_CARRY_ON_VERBS = frozenset("add continue conclude elaborate reiterate repeat insist".split())
_POSSESSIVE = re.compile(r"[’']s?$")
# Entity types that never speak: a name inside one is the model's mistake ("“Trump accused
# Holt of being a” …" read as the title of a work).
# "TAPPER: Do you think …", "FALLIN: I think he is …": an interview transcript's turn label.
# "Rubio: I still believe …" — a label in any case, kept only when it names a person.
_TURN_LABEL = re.compile(r"([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}):[ \t]")
_NOT_SPEAKERS = frozenset({EntityType.WORK_OF_ART, EntityType.EVENT, EntityType.PRODUCT, EntityType.LAW})


class SpeakerResolver:
    """Resolves sources in one article; remembers speakers for "they" and continuations."""

    def __init__(self, body: str, parse: Parse, entities: tuple[Entity, ...], quoted: tuple[Span, ...] = ()) -> None:
        """``quoted`` are the article's quotation-mark spans: names inside them are the
        speaker's words, never an antecedent."""
        self.body = body
        self.parse = parse
        self.entities = {e.id: e for e in entities}
        self.coref = Antecedents(body, parse, entities, quoted)
        self._mentions = self.coref.mentions
        self._starts = self.coref.starts
        self.previous: list[Speaker] = []
        self._origins: dict[int, Speaker] = {}  # a pronoun's speaker → the unnamed source it stands for
        self._token_starts = [t.start for t in parse.tokens]

    # -- lookups ----------------------------------------------------------------------

    def entity_at(self, token: int) -> Entity | None:
        return self.coref.entity_at(token)

    def _nearest_before(self, offset: int, types: frozenset[EntityType], window: int) -> Entity | None:
        k = bisect.bisect_left(self._starts, offset) - 1
        while k >= 0 and self._mentions[k][0].start >= offset - window:
            entity = self._mentions[k][1]
            if entity.type in types:
                return entity
            k -= 1
        return None

    def _reports_or_stands(self, verb: int) -> bool:
        """ "someone who conceded …", "an administration defending the idea …"."""
        return is_reporting(self.parse, verb) or verb_lemma(self.parse.tokens[verb].lower) in STANCE_VERBS

    # -- resolution -------------------------------------------------------------------

    def resolve(self, token: int) -> Speaker:
        speaker = self._resolve(token)
        self.previous.append(speaker)
        entity = self.entities.get(speaker.entity or "")
        if entity is not None and entity.type == EntityType.PERSON:
            self.coref.spoken.append((self.parse.tokens[token].start, entity))
        return speaker

    def _resolve(self, token: int) -> Speaker:
        tok = self.parse.tokens[token]
        outer = self.coref.quoting_source(token) if tok.lower in FIRST_SECOND and tok.pos == "PRON" else None
        if outer is not None:
            return self._resolve(outer)  # "‘‘I think it will pass,’’ he said": "he", not "I"
        if tok.lower == "i" and tok.pos == "PRON" and (turn := self._turn_speaker(token)) is not None:
            return turn  # "FALLIN: I think we all need …" — the transcript's speaker
        if tok.tag == "WP" and tok.lower == "who" and (noun := self._relative_head(token)) is not None:
            return self._resolve(noun)  # "Rep. Roe, whose district …, but who suggested …"
        np_span = _trim_punct(self.body, noun_phrase(self.parse, token))
        mention = Mention(span=np_span, text=self.body[np_span.start : np_span.end])
        entity = self.entity_at(token)
        if entity is None and token > 0 and tok.lower.strip(".") in POST_NOMINALS:
            entity = self.entity_at(token - 1)  # "Joseph R. Biden Jr." headed by the letters after the name
        entity = self._named_after_title(token, np_span, entity) or entity
        if entity is not None and entity.type in _NOT_SPEAKERS and not _name_like(entity.name):
            entity = self._person_named(token)  # “Trump accused Holt of being a” taken for a title
        if entity is not None and entity.type == EntityType.PERSON and entity.name.lower() in TITLE_WORDS:
            entity = None  # "the Trade and Industry Secretary" taken for a person named "Secretary"
        if entity is not None and entity.type in GROUP_TYPES and self._speaks_for(np_span, token):
            entity = None  # "A Department for Work and Pensions spokeswoman": she speaks, not the department
        if entity is not None:
            return self._from_entity(entity, mention, via=Via.NAME)
        if tok.lower in PERSON_PRONOUNS and tok.pos == "PRON":
            return self._pronoun(tok.lower, mention, token)
        named = self._apposition(token) or self._apposed_to(token)  # "a spokesperson, Felix Ormond, said"
        if named is not None:
            return self._from_entity(named, mention, description=mention.text, via=Via.APPOSITION)
        if self._definite(token):
            if tok.lower in INSTITUTION_NOUNS and not self._possessed(token) and not self._self_described(token):
                found = self._institution(token)
                if found is not None:
                    return self._from_entity(found, mention, description=mention.text, via=Via.INSTITUTION)
            if tok.lower in TITLE_WORDS:
                found = self._titled_person(token, mention)  # "the minister" → Environment Minister X
                if found is not None:
                    return self._from_entity(found, mention, description=mention.text, via=Via.TITLE)
        described = self._described(token)
        full = Mention(span=described, text=self.body[described.start : described.end])
        return Speaker(name=full.text, mention=full, via=Via.DESCRIPTION)

    def _speaks_for(self, span: Span, token: int) -> bool:
        """Whether a source's phrase ends with someone who speaks for the organisation the parse
        made its head: "A Department for Work and Pensions spokeswoman"."""
        last = self.parse.token_at(span.end - 1)
        return last is not None and last != token and self.parse.tokens[last].lower in _SPEAKING_FOR

    def _relative_head(self, token: int) -> int | None:
        """The noun a "who" stands for, through a relative clause joined to another
        ("a party veteran whose district went for the mayor but who suggested …")."""
        tokens = self.parse.tokens
        verb = tokens[token].head
        for _ in range(4):
            tok = tokens[verb]
            if tok.dep == "relcl" and tok.head != verb:
                return tok.head if tokens[tok.head].pos in {"NOUN", "PROPN"} else None
            if tok.dep != "conj" or tok.head == verb:
                return None
            verb = tok.head
        return None

    def _turn_speaker(self, token: int) -> Speaker | None:
        """The speaker of a transcript turn: the upper-case label opening the paragraph
        ("OKAFOR: I think …"), as the person of that surname where the article names one."""
        start = self.parse.tokens[token].start
        paragraph = self.body.rfind("\n", 0, start) + 1
        m = _TURN_LABEL.match(self.body, paragraph)
        if m is None or m.end() > start:
            return None
        label = m.group(1)
        if label.lower() in KICKERS:
            return None  # "UPDATE: I …" — a kicker, not a speaker's turn
        mention = Mention(span=Span(m.start(1), m.end(1)), text=label)
        surname = label.split()[-1].upper()
        for entity in self.entities.values():
            if entity.type == EntityType.PERSON and entity.name.split()[-1].upper() == surname:
                return self._from_entity(entity, mention, via=Via.NAME)
        if not label.isupper():
            return None  # "Update: I …", "Washington: I …" — not a speaker's turn
        return Speaker(name=label, mention=mention, via=Via.DESCRIPTION)

    def _described(self, token: int) -> Span:
        """The unnamed source with what the article says of it, less the clause that reports
        and a date ("the 43-year-old [asked in the video]", "the new mayor [on Tuesday]")."""
        span = described_source(self.parse, token)
        last = self.parse.token_at(span.end - 1)
        if last is not None and last >= token:
            end = description_end(self.parse, token, last + 1, reports=self._reports_or_stands)
            if end <= last:
                span = Span(span.start, self.parse.tokens[end - 1].end)
        return _trim_punct(self.body, span)

    def _named_after_title(self, token: int, np_span: Span, head: Entity | None) -> Entity | None:
        """The person named at the end of a source's noun phrase that the parse heads with a
        title or an organisation: "Sirius XM Vice President for news and talk Dave Gorab"
        (the model took "XM Vice President" for a person), "The Council on … Relations
        National Executive Director Nihad Awad" — but not "an aide to Senator Ted Cruz"."""
        if head is not None and head.type == EntityType.PERSON and not _is_title(head.name):
            return None
        last = self.parse.token_at(np_span.end - 1)
        found = self.coref.mention_at(last) if last is not None and last != token else None
        if found is None:
            return None
        span, person = found
        if person is head or person.type != EntityType.PERSON or _is_title(person.name) or span.end != np_span.end:
            return None
        if head is not None and head.type == EntityType.PERSON:
            return person  # the head "person" is a title the model read as a name
        tokens = self.parse.tokens
        k = self.parse.token_at(span.start)
        if k is None or k - 1 <= token or tokens[k - 1].lower.rstrip(".") not in TITLE_WORDS:
            return None
        j = k - 1
        while j > token and (tokens[j].lower.rstrip(".") in TITLE_WORDS or tokens[j].text[:1].isupper()):
            j -= 1
        # "an aide to Senator Ted Cruz" is the aide; "Commission for Racial Equality chairman Trevor
        # Phillips" is Phillips (the "for" is inside the organisation's name)
        in_name = head is not None and head.type in GROUP_TYPES and tokens[token].text[:1].isupper()
        return person if tokens[j].pos != "ADP" or j == token or in_name else None

    def _person_named(self, token: int) -> Entity | None:
        """The person whose name ends with this word ("Trump" → Donald Trump), for a name
        the model swallowed into a title or an event."""
        word = self.parse.tokens[token].text
        if not word[:1].isupper():
            return None
        found = [
            e
            for e in self.entities.values()
            if e.type == EntityType.PERSON and any(f.split()[-1] == word for f in (e.name, *e.aliases) if f)
        ]
        return found[0] if len(found) == 1 else None

    def _apposition(self, token: int) -> Entity | None:
        """The name set beside a description: "a spokesperson, Felix Ormond,", "an engineer
        named Ole Brandt"."""
        tokens = self.parse.tokens
        for c in children(self.parse, token):
            named = tokens[c].dep == "acl" and tokens[c].lower in {"named", "called"}
            for n in [g for g in children(self.parse, c) if tokens[g].dep in {"oprd", "dobj"}] if named else [c]:
                if named or tokens[n].dep == "appos":
                    entity = self.entity_at(n)
                    if entity is not None and entity.type in {EntityType.PERSON, EntityType.ORG, EntityType.MEDIA}:
                        return entity
        return None

    def _apposed_to(self, token: int) -> Entity | None:
        """The name a description is set beside: "McConnell, now the Senate majority leader,
        who said …" — the relative clause hangs on the description."""
        tok = self.parse.tokens[token]
        if tok.dep != "appos" or tok.head == token:
            return None
        entity = self.entity_at(tok.head)
        if entity is not None and entity.type == EntityType.PERSON:
            return entity
        if entity is not None and entity.type in {EntityType.ORG, EntityType.MEDIA} and tok.lower in INSTITUTION_NOUNS:
            return entity  # "Acme Corp, the company that …"
        return None

    def _institution(self, token: int) -> Entity | None:
        """ "the ministry" → the nearest earlier organisation, one named "… Ministry …" first."""
        tok = self.parse.tokens[token]
        types = {EntityType.ORG, EntityType.MEDIA}
        if tok.lower in {"government", "administration", "authorities", "regime", "country"}:
            types |= {EntityType.GPE}
        named = [
            e
            for _, e in self._mentions
            if e.type in types and tok.lower in e.name.lower().split() and e.mentions[0].span.start < tok.start
        ]
        if named:
            return named[-1]
        if tok.lower not in GENERIC_INSTITUTIONS:
            return None  # "the ministry" is not whichever organisation came last
        if self._introduced_unnamed(token):
            return None  # "A group of MPs has … The group says": that group, not the last one named
        if tok.lower not in _OUTLET_NOUNS:
            types.discard(EntityType.MEDIA)  # "…, it told the BBC. The company said": not the BBC
        found = self._nearest_before(tok.start, frozenset(types), _INSTITUTION_WINDOW)
        if found is None or all(self.coref.in_quotes(m.span.start) for m in found.mentions if m.span.start < tok.start):
            return None
        return found

    def _introduced_unnamed(self, token: int) -> bool:
        """Whether the article brought in a group of this kind without a name before ("A group
        of MPs has …", "… formed a coalition"): an indefinite noun of the same word that acts or is
        acted on (not "Nato is a military alliance", which says what Nato is)."""
        tokens = self.parse.tokens
        here = tokens[token]
        for tok in tokens[:token]:
            if tok.lower != here.lower or tok.pos != "NOUN":
                continue
            if tok.dep in {"nsubj", "nsubjpass", "dobj", "pobj"} and any(
                tokens[c].dep == "det" and tokens[c].lower in {"a", "an"} for c in children(self.parse, tok.i)
            ):
                return True
        return False

    def _titled_person(self, token: int, mention: Mention) -> Entity | None:
        """The person whose title matches a definite description ("the province’s inspector general"),
        one named before it first; a bare title ("the candidate") never looks ahead."""
        head = self.parse.tokens[token].lower
        words = {w.lower().strip(".,") for w in mention.text.split() if not w.endswith(("’s", "'s"))}
        words -= {"the", "a", "an"}
        best: tuple[int, int, Entity] | None = None
        offset = mention.span.start
        for entity in self.entities.values():
            if entity.type != EntityType.PERSON:
                continue
            titles = " ".join(entity.descriptions).lower().split()
            if head not in titles or self._other_office(words - {head}, entity.descriptions, head):
                continue
            score = len(words & set(titles))
            if len((words | {head}) & set(titles)) < 2 and all(m.span.start >= offset for m in entity.mentions):
                continue  # a bare "the candidate" goes back to someone named, not ahead to someone yet to come
            distance = min(
                abs(m.span.start - offset) + (0 if m.span.start < offset else 10_000) for m in entity.mentions
            )
            if best is None or (score, -distance) > (best[0], -best[1]):
                best = (score, distance, entity)
        return best[2] if best is not None else None

    @staticmethod
    def _other_office(wanted: set[str], descriptions: tuple[str, ...], head: str) -> bool:
        """Whether every title of a person with this head word names another office than the one
        asked for: "the foreign secretary" is not the "Home Secretary"."""
        offices = []
        for description in descriptions:
            words = [w.strip(".,") for w in description.lower().split()]
            if head in words:
                offices.append({w for w in words[: words.index(head)] if w not in {"the", "a", "an"}})
        return bool(wanted) and bool(offices) and all(office and not (office & wanted) for office in offices)

    def _definite(self, token: int) -> bool:
        span = noun_phrase(self.parse, token)
        return self.body[span.start : span.start + 4].lower() == "the "

    def _self_described(self, token: int) -> bool:
        """ "The Sanders campaign" names its owner already: nothing to look up."""
        return any(
            self.parse.tokens[c].pos == "PROPN" and self.parse.tokens[c].dep in {"compound", "nmod", "amod"}
            for c in children(self.parse, token)
        )

    def _possessed(self, token: int) -> bool:
        """ "the assembly’s own review office" is a part of the assembly, not an organisation
        to look up ("the province’s inspector general" is still a title, though)."""
        return any(self.parse.tokens[c].dep == "poss" for c in children(self.parse, token))

    def _pronoun(self, word: str, mention: Mention, token: int) -> Speaker:
        kind = PERSON_PRONOUNS[word]
        unnamed = self._unnamed_before(mention.span.start, kind) if kind in {"m", "f", "p"} else None
        if unnamed is not None and unnamed[1]:  # "A spokeswoman said … She added": the spokeswoman
            return self._as_pronoun(unnamed[0], mention)
        if kind in {"m", "f"}:
            verb = self.parse.tokens[token].head
            carries_on = lemma_of(self.parse.tokens[verb].text) in _CARRY_ON_VERBS or went_on(self.parse, verb)
            found = self.coref.relative(token, kind) or self.coref.person_before(
                mention.span.start, kind, carries_on=carries_on
            )
            if found is not None:
                return self._from_entity(found, mention, via=Via.PRONOUN)
            if unnamed is not None:  # "An official said … She said": no one else she can be
                return self._as_pronoun(unnamed[0], mention)
        if kind == "p" and unnamed is not None:
            return self._as_pronoun(unnamed[0], mention)  # "Critics said … They argued"
        if kind in {"p", "n"}:
            group = self.coref.group_source_before(token) if kind == "n" else None
            if group is not None:
                return self._from_entity(group, mention, via=Via.PRONOUN)
            for prev in reversed(self.previous[-3:]):
                entity = self.entities.get(prev.entity or "")
                if entity is not None and entity.type in GROUP_TYPES:
                    return self._from_entity(entity, mention, via=Via.PRONOUN)
        return Speaker(name=mention.text, mention=mention, via=Via.UNRESOLVED)

    def _unnamed_before(self, offset: int, kind: str) -> tuple[Speaker, bool] | None:
        """The unnamed source of the quote just before, when "he"/"she"/"they" can stand for it:
        a description of one person, or of people for "they" ("Critics said … They argued"),
        said close before, with no person the pronoun can mean named since. With whether its
        own words tell the pronoun's gender ("a spokeswoman"): then it wins over anyone named
        before it; otherwise only when no one named can be meant."""
        if not self.previous:
            return None
        said_last = self.previous[-1]
        last = self._origins.get(id(said_last), said_last)  # "… she said, adding …": still the spokeswoman
        if last.via != Via.DESCRIPTION or last.mention is None:
            return None
        near = said_last.mention.span if said_last.mention is not None else last.mention.span
        if near.start > offset or offset - near.start > _UNNAMED_WINDOW:
            return None
        span = last.mention.span
        indices = tokens_in(self.parse, span)
        if not indices:
            return None
        tok = self.parse.tokens[root_of(self.parse, indices)]
        if self.parse.tokens[indices[-1]].lower in _SPEAKING_FOR:
            tok = self.parse.tokens[indices[-1]]  # "A Department for … spokeswoman", headed by the department
        plural = tok.tag in {"NNS", "NNPS"}
        common = tok.pos == "NOUN" or (plural and self.entity_at(tok.i) is None)  # "Critics said" opening a sentence
        if not common or plural != (kind == "p"):
            return None
        if kind == "p":
            word = tok.lower
            forms = {tok.lemma, word, word[:-1], word[:-3] + "y" if word.endswith("ies") else word}
            if not _THINGS.isdisjoint(forms) or self._plural_subject_between(near.end, offset):
                return None  # "Records show …", "… critics say. Ministers launched … They will say"
            return last, True
        said = _GENDERED_NOUNS.get(tok.lower)
        if said is not None and self.body[span.start : span.start + 4].lower() == "the ":
            said = None  # "the billionaire businessman" is someone named before, most often
        if said is not None and said != kind:
            return None
        k = bisect.bisect_left(self._starts, near.end)
        while k < len(self._mentions) and self._mentions[k][0].start < offset:
            at, entity = self._mentions[k]
            k += 1
            if (
                entity.type == EntityType.PERSON
                and not self.coref.in_quotes(at.start)
                and self.coref.may_be(entity, kind)
            ):
                return None  # "A spokeswoman said … Hewitt replied … She added": Hewitt
        return last, said is not None

    def _plural_subject_between(self, start: int, end: int) -> bool:
        """Whether people became a subject, or a group was named, between ``start`` and ``end``
        outside quotes ("… is expected to be opposed by the Liberal Democrats. They have said …")."""
        tokens = self.parse.tokens
        first = bisect.bisect_left(self._token_starts, start)
        for tok in tokens[first:]:
            if tok.start >= end:
                return False
            if self.coref.in_quotes(tok.start):
                continue
            entity = self.entity_at(tok.i)
            if entity is not None and entity.type in GROUP_TYPES:
                return True
            if tok.tag in {"NNS", "NNPS"} and tok.dep in {"nsubj", "nsubjpass"} and not self.coref.reported(tok.head):
                return True  # (not "the fares" in "Critics said the fares would rise")
        return False

    def _as_pronoun(self, source: Speaker, mention: Mention) -> Speaker:
        found = Speaker(name=source.name, mention=mention, description=source.name, via=Via.PRONOUN)
        self._origins[id(found)] = source
        return found

    def _from_entity(self, entity: Entity, mention: Mention, description: str | None = None, *, via: Via) -> Speaker:
        if description is not None:
            description = _POSSESSIVE.sub("", description)  # "the environment minister’s"
        else:
            description = self._title_in(mention, entity) or (entity.descriptions[0] if entity.descriptions else None)
        return Speaker(name=entity.name, mention=mention, entity=entity.id, description=description, via=via)

    def _title_in(self, mention: Mention, entity: Entity) -> str | None:
        """ "Ukrainian President" in "Ukrainian President Volodymyr Zelensky"."""
        for m in entity.mentions:
            if mention.span.contains(m.span) and m.span.start > mention.span.start:
                title = strip_span(self.body, Span(mention.span.start, m.span.start))
                if title is not None and title.text(self.body).lower() not in {"the", "a", "an"}:
                    return self.body[title.start : title.end]
        return None


_NAME_GLUE = frozenset("of the and for on in at de la del von van to".split())


def _name_like(text: str) -> bool:
    """Whether every word is capitalised or glue ("Dunmore Fishers’ Cooperative", "Bank of
    England"), unlike a stretch of a sentence the model took for a title, or two names run
    together ("Lazar, Song")."""
    words = text.split()
    return "," not in text and all(w[:1].isupper() or not w[:1].isalpha() or w in _NAME_GLUE for w in words)


def _is_title(name: str) -> bool:
    """Whether an entity's name ends in a title word ("XM Vice President"): a title the model
    read as a name."""
    words = name.split()
    return bool(words) and words[-1].lower().rstrip(".") in TITLE_WORDS


def _trim_punct(body: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and not body[start].isalnum():
        start += 1
    while end > start and not body[end - 1].isalnum():
        end -= 1
    return Span(start, end) if end > start else span
