"""Who a pronoun stands for: the coreference behind pronoun speakers.

- "he"/"she" → the last person who spoke, unless another person became the subject since,
  or a new voice was introduced just before ("… concerns Jo Roe, president of the union.");
  a person of the other gender, where the article tells it (``genders``), never;
- "he" in a relative clause on a person → that person ("Rep. Roe, who said when he …");
- "it" → the organisation the sentence before cites ("according to the Acme Group");
- "I"/"we" in a statement that another verb reports → that verb's subject ("‘‘I think …,’’
  he said"): whoever speaks inside a quote is not its speaker.

Names inside quotation marks are the speaker's words, never an antecedent.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from wiretrace.analyze.genders import article_genders
from wiretrace.analyze.phrases import children, is_subject
from wiretrace.analyze.subjects import is_reporting, subject_of
from wiretrace.model import Entity, EntityType, Parse, Span

__all__ = ["FIRST_SECOND", "GROUP_TYPES", "UNNAMED_PEOPLE", "Antecedents"]

_PRONOUN_WINDOW = 1500  # characters back to look for an antecedent
FIRST_SECOND = frozenset({"i", "we", "you"})
GROUP_TYPES = frozenset({EntityType.ORG, EntityType.MEDIA, EntityType.GPE, EntityType.NORP})


@dataclass(slots=True)
class _Seen:
    speaker: tuple[int, Entity] | None = None
    subject: tuple[int, Entity] | None = None
    nearest: Entity | None = None
    introduced: tuple[int, Entity] | None = None


class Antecedents:
    """The people and groups of one article, in order, to resolve pronouns against.

    ``spoken`` is filled by the caller with (offset, person) of every speaker resolved so
    far: a pronoun goes back to the last of them before anyone else."""

    def __init__(self, body: str, parse: Parse, entities: tuple[Entity, ...], quoted: tuple[Span, ...] = ()) -> None:
        self.body = body
        self.parse = parse
        self._quoted = sorted(quoted)
        self.mentions = sorted((m.span, e) for e in entities for m in e.mentions)
        self.starts = [s.start for s, _ in self.mentions]
        self.spoken: list[tuple[int, Entity]] = []
        self._genders = article_genders(parse, self.mentions, self.in_quotes)  # entity id → "m"/"f"

    def entity_at(self, token: int) -> Entity | None:
        found = self.mention_at(token)
        return found[1] if found is not None else None

    def mention_at(self, token: int) -> tuple[Span, Entity] | None:
        tok = self.parse.tokens[token]
        k = bisect.bisect_right(self.starts, tok.start) - 1
        while k >= 0 and self.mentions[k][0].end > tok.start - 200:
            span, entity = self.mentions[k]
            if span.start <= tok.start and tok.end <= span.end:
                return span, entity
            k -= 1
        return None

    def person_before(self, offset: int, kind: str, *, carries_on: bool = False) -> Entity | None:
        """The antecedent of "he"/"she" before ``offset``: the last person who spoke (a
        subject of a reporting verb, the source of an "according to", or an earlier resolved
        speaker), unless another person became the subject since, or a person was introduced
        with a description after both (``_new_voice``); names inside quotation marks never
        count; a person of the other gender, where the article tells it, never. A pronoun
        that ``carries_on`` ("he added", "she went on") keeps the last speaker whoever
        became a subject since."""
        if not carries_on and self._unnamed_subject_before(offset, kind):
            return None  # "One voter in line was not impressed. She said …": no named person
        seen = self._scan(offset, kind)
        speaker, subject = seen.speaker, seen.subject
        for at, entity in reversed(self.spoken):
            if at < offset and offset - at <= _PRONOUN_WINDOW and self.may_be(entity, kind):
                if speaker is None or at > speaker[0]:
                    speaker = (at, entity)
                break
        introduced = seen.introduced
        if (
            introduced is not None
            and introduced[1] is seen.nearest
            and not carries_on
            and self._new_voice(introduced[0], offset, speaker, subject)
        ):
            return introduced[1]
        if speaker is not None and (subject is None or subject[0] <= speaker[0] or carries_on):
            return speaker[1]
        return subject[1] if subject is not None else seen.nearest

    def _scan(self, offset: int, kind: str) -> _Seen:
        """The people named before ``offset`` that "he"/"she" may mean, latest first: the
        last speaker, the last subject, the nearest, and the last one introduced (only
        when no speaker or subject comes after them)."""
        seen = _Seen()
        k = bisect.bisect_left(self.starts, offset) - 1
        while k >= 0 and self.mentions[k][0].start >= offset - _PRONOUN_WINDOW:
            span, entity = self.mentions[k]
            k -= 1
            if entity.type != EntityType.PERSON or self.in_quotes(span.start):
                continue
            head = self.parse.token_at(max(span.start, span.end - 1))
            acts = (
                head is not None
                and (is_subject(self.parse, head) or _heads_sentence(self.parse, head))
                and not _modifies_noun(self.parse, head)
            )
            if not self.may_be(entity, kind) and not (acts and self._unknown(entity)):
                continue  # a lone surname of unknown gender still counts where it is a subject
            seen.nearest = seen.nearest or entity
            if head is None:
                continue
            fresh = seen.introduced is None and seen.speaker is None and seen.subject is None
            if fresh and _introduces(self.parse, head):
                seen.introduced = (span.start, entity)
            if seen.speaker is None and _according_to(self.parse, head):
                seen.speaker = (span.start, entity)  # "…, according to a post from Jane Roe."
            if not acts:
                continue
            verb = self.parse.tokens[head].head
            if self.parse.tokens[head].dep == "appos":  # "Her deputy, Morten Eide, was …"
                verb = self.parse.tokens[verb].head
            reports = self._reports(verb) and not self.reported(verb)
            if seen.speaker is None and reports:
                seen.speaker = (span.start, entity)
            if seen.subject is None and (reports or self._main_clause(verb)):
                seen.subject = (span.start, entity)
        return seen

    def _new_voice(
        self, at: int, offset: int, speaker: tuple[int, Entity] | None, subject: tuple[int, Entity] | None
    ) -> bool:
        """Whether a person introduced with a description at ``at`` ("… concerns Jo Roe,
        president of the caucus.") is the new voice a pronoun after it goes back to: the
        sentence that introduces them has no speaker or subject of its own, and at most one
        sentence outside quotation marks comes between it and the pronoun's."""
        parse = self.parse
        first, here = parse.token_at(at), parse.token_at(offset)
        if first is None or here is None:
            return False
        intro, own = parse.sentence_of(first), parse.sentence_of(here)
        if intro is None or own is None or intro.first == own.first:
            return False
        if any(found is not None and found[0] >= intro.span.start for found in (speaker, subject)):
            return False
        between = [s for s in parse.sentences if intro.first < s.first < own.first]
        return sum(1 for s in between if not self.in_quotes(s.span.start)) <= 1

    def _unnamed_subject_before(self, offset: int, kind: str) -> bool:
        """Whether the pronoun's sentence, or the one before, has a person with no name as
        its subject, or as the owner of its subject ("the woman", "one voter", "the woman’s
        enthusiasm") after the last person named outside quotes,
        in a clause no one reports, and belonging to no one ("her husband")."""
        parse = self.parse
        here = parse.token_at(offset)
        own = parse.sentence_of(here) if here is not None else None
        if here is None or own is None:
            return False
        before = parse.sentence_of(own.first - 1) if own.first > 0 else None
        first = before.first if before is not None else own.first
        k = bisect.bisect_left(self.starts, offset) - 1
        while k >= 0 and (self.mentions[k][1].type != EntityType.PERSON or self.in_quotes(self.starts[k])):
            k -= 1
        named = self.starts[k] if k >= 0 else -1
        tokens = parse.tokens
        for tok in tokens[first:here]:
            if tok.start <= named or tok.pos != "NOUN":
                continue
            # the subject, or whose the subject is: "The woman’s enthusiasm is recorded: “…,” she said"
            owns_subject = tok.dep == "poss" and tokens[tok.head].dep in {"nsubj", "nsubjpass"}
            if tok.dep not in {"nsubj", "nsubjpass"} and not owns_subject:
                continue
            said = UNNAMED_PEOPLE.get(tok.lower)
            verb = tokens[tok.head].head if owns_subject else tok.head
            if said is None or said not in {"", kind} or self.in_quotes(tok.start) or self.reported(verb):
                continue  # "Roe said the woman had left": reported, not the one who speaks next
            if not any(parse.tokens[c].dep == "poss" for c in children(parse, tok.i)):
                return True  # "her husband", "Roe's mother" belong to a named person, and may be named
        return False

    def may_be(self, entity: Entity, kind: str) -> bool:
        """Whether "he"/"she" can stand for ``entity``: its gender is ``kind``, or unknown for
        a full name or someone who has spoken. A one-word "person" the article never gives a
        gender is otherwise more often a name the model mislabelled ("Twitter") than a person
        a pronoun goes back to."""
        gender = self._genders.get(entity.id)
        if gender is None:
            return len(entity.name.split()) > 1 or any(e is entity for _, e in self.spoken)
        return gender == kind

    def _unknown(self, entity: Entity) -> bool:
        """A one-word person whose gender the article never tells ("Estrosi")."""
        return self._genders.get(entity.id) is None and len(entity.name.split()) == 1

    def _main_clause(self, verb: int) -> bool:
        """Whether a verb heads its sentence (or a clause joined to the head by "and"):
        "Pence said Trump will follow" makes Pence the topic, not Trump."""
        tokens = self.parse.tokens
        for _ in range(4):
            dep = tokens[verb].dep
            if dep == "ROOT":
                return True
            if dep != "conj":
                return False
            verb = tokens[verb].head
        return False

    def reported(self, verb: int) -> bool:
        """Whether a verb heads a clause someone else reports: in "Westmacott said that Obama
        shows great charm", Obama is not the one speaking."""
        tokens = self.parse.tokens
        tok = tokens[verb]
        return tok.dep == "ccomp" and tok.head != verb and self._reports(tok.head)

    def _reports(self, verb: int) -> bool:
        return is_reporting(self.parse, verb)

    def in_quotes(self, offset: int) -> bool:
        k = bisect.bisect_right(self._quoted, Span(offset, len(self.body))) - 1
        return k >= 0 and self._quoted[k].start <= offset < self._quoted[k].end

    def quoting_source(self, token: int) -> int | None:
        """The source of the statement an "I"/"we" speaks inside: in "‘‘I think we will
        win,’’ she said" the clause "I think …" hangs on "said", whose subject is the
        speaker (where the quotation marks went unrecognised, the parse still tells)."""
        tokens = self.parse.tokens
        verb = tokens[token].head
        for _ in range(4):
            dep = tokens[verb].dep
            if dep not in {"ccomp", "parataxis", "xcomp", "conj"} or tokens[verb].head == verb:
                return self._tagged(tokens[token].head, token)
            verb = tokens[verb].head
            if dep != "conj" and self._reports(verb):  # "People remembered it, and I did want …": no report
                found = subject_of(self.parse, verb)
                if found is None or tokens[found].lower in FIRST_SECOND or found == token:
                    return None
                return found
        return None

    def _tagged(self, verb: int, token: int) -> int | None:
        """ "“I don’t think so,” Tanaka said": the parse hung the tag on the quoted verb as
        a parataxis; its subject, after the closing mark, is who says "I"."""
        tokens = self.parse.tokens
        for c in children(self.parse, verb):
            if tokens[c].dep == "parataxis" and c > token and self._reports(c):
                found = subject_of(self.parse, c)
                if found is not None and found > token and tokens[found].lower not in FIRST_SECOND:
                    return found
        return None

    def group_source_before(self, token: int) -> Entity | None:
        """The organisation the sentence before "it" cites: "…, according to the Acme
        Monitoring Group. It said supporters …" (or whose subject reports there)."""
        parse = self.parse
        sentence = parse.sentence_of(token)
        if sentence is None or sentence.first == 0:
            return None
        before = parse.sentence_of(sentence.first - 1)
        if before is None:
            return None
        k = bisect.bisect_left(self.starts, before.span.start)
        found: Entity | None = None
        while k < len(self.mentions) and self.mentions[k][0].start < before.span.end:
            span, entity = self.mentions[k]
            k += 1
            head = parse.token_at(max(span.start, span.end - 1))
            if entity.type not in GROUP_TYPES or head is None or self.in_quotes(span.start):
                continue
            tok = parse.tokens[head]
            if _according_to(parse, head) or (is_subject(parse, head) and self._reports(tok.head)):
                found = entity
        return found

    def relative(self, token: int, kind: str) -> Entity | None:
        """ "Rep. Joe Wilson, the congressman who gained attention when he yelled “…”": a
        pronoun inside a relative clause on a person ("who …") is that person."""
        tokens = self.parse.tokens
        i = tokens[token].head
        for _ in range(6):
            tok = tokens[i]
            if tok.dep == "relcl":
                if not any(
                    tokens[c].dep == "nsubj" and tokens[c].tag in {"WP", "WDT"} for c in children(self.parse, i)
                ):
                    return None
                noun = tok.head
                for candidate in (noun, tokens[noun].head if tokens[noun].dep == "appos" else noun):
                    entity = self.entity_at(candidate)
                    if entity is not None and entity.type == EntityType.PERSON and self.may_be(entity, kind):
                        return entity
                return None
            if tok.head == i:
                return None
            i = tok.head
        return None


# People a story introduces without a name, with the gender the word gives ("" for either).
UNNAMED_PEOPLE: dict[str, str] = {
    **dict.fromkeys("woman girl lady mother wife grandmother daughter sister".split(), "f"),
    **dict.fromkeys("man boy gentleman father husband grandfather son brother".split(), "m"),
    **dict.fromkeys("voter supporter resident protester attendee volunteer shopper".split(), ""),
}


def _heads_sentence(parse: Parse, head: int) -> bool:
    """A name the parse made the root of a sentence that goes on with a verb: "Rep. Jo Doe
    (R-Ohio), chairman of …, didn’t object, but he did call for …" is about Jo Doe (a
    heading, "Gender Equality.", has no verb)."""
    sentence = parse.sentence_of(head)
    if parse.tokens[head].dep != "ROOT" or sentence is None:
        return False
    return any(parse.tokens[i].pos == "VERB" for i in range(sentence.first, sentence.last))


def _modifies_noun(parse: Parse, head: int) -> bool:
    """Whether a name is set before a common noun it modifies ("Vance backers on campus looked
    to …", "Lund aides said"): the backers act, not the person the parser made the subject."""
    tokens = parse.tokens
    nxt = head + 1
    if nxt >= len(tokens) or tokens[nxt].pos != "NOUN" or tokens[nxt].start != tokens[head].end + 1:
        return False
    return tokens[nxt].head == head or tokens[nxt].dep in {"nsubj", "dobj"}


def _introduces(parse: Parse, head: int) -> bool:
    """Whether a name comes with what it is: "Jo Roe, president of …", "Roe, who runs …"."""
    return any(parse.tokens[c].dep in {"appos", "relcl"} for c in children(parse, head))


def _according_to(parse: Parse, head: int) -> bool:
    """Whether a name is the source of an "according to" ("according to a post from Jane
    Roe"): a source as much as the subject of "said"."""
    tokens = parse.tokens
    i = head
    for _ in range(5):
        if tokens[i].head == i:
            return False
        i = tokens[i].head
        if tokens[i].lower == "according":
            return True
        if tokens[i].pos in {"VERB", "AUX"}:
            return False
    return False
