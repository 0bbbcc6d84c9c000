"""Who is reported as saying a stretch of text, read off the dependency parse.

For a span (a quote's content, or a reported clause) find the reporting cue — a speech verb
or "according to" — and the token heading the source's noun phrase. The rules, in order:

1. walk up the parse from the span's head to the first speech verb outside any quote
   ("Zelensky said that “…”", "“…,” Daalder wrote"); its subject is the source, and for a
   participle ("adding, “…”") the subject of the verb it hangs on; a verb inside the clause
   an earlier speech verb reports gives way to that one ("Brandt said that the ministers
   balked, calling it “…”" is Brandt's account);
2. "according to X" / "in the words of X" in the same sentence;
3. the nearest speech verb with a subject elsewhere in the sentence, outside quotes;
4. a colon introduction: the previous sentence ends with ":" and reports ("Daalder wrote:").

A subject that cannot speak (``sources.can_speak``: an event, a time, "that") is refused
and the speaker sought above it or before it (``subjects.subject_of``); a passive speech
verb with no "by X" leaves the quote a cue and no source ("It was reported that …"). A
report whose reporting verb sits in a clause an outer reporter reports is the outer
reporter's account ("Brandt welcomed it, saying the plan was “dead,” the paper reported":
``reported.outer_reporter``). An "according to X" around a speaker's own words ("“…,” Ray
said, according to the Ledger") leaves them Ray's: the words are his; the Ledger reports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from wiretrace.analyze.candidates import Attribution, in_any
from wiretrace.analyze.colons import colon_intro, colon_label
from wiretrace.analyze.cues import (
    DISPUTE_VERBS,
    OWNER_PRONOUNS,
    SAYING_NOUNS,
    SPEECH_NOUNS,
    WEAK_VERBS,
    lemma_of,
)
from wiretrace.analyze.phrases import children, root_of, tokens_in
from wiretrace.analyze.reported import outer_reporter
from wiretrace.analyze.subjects import (
    cue_span,
    is_reporting,
    orphan_cue,
    past_vocative,
    subject_of,
)
from wiretrace.analyze.tags import (
    infinitive_cue,
    introduced,
    introduces_next,
    owned_phrase,
    signed_after,
    surface_tag,
    tag_after,
    topic_attribution,
)
from wiretrace.model import Parse, Span

__all__ = ["attribute", "topic_attribution"]

_MAX_HOPS = 12


def attribute(parse: Parse, span: Span, quoted: list[Span]) -> Attribution | None:
    """The attribution of ``span``; ``quoted`` are all quote spans (marks included).

    A quote of several sentences is attributed from its last sentence ("“… . …,” he said")
    and then its first ("He said: “… . …”").
    """
    indices = tokens_in(parse, span)
    if not indices:
        return None

    def outside(i: int) -> bool:
        tok = parse.tokens[i]
        return not in_any(quoted, tok.start)

    return _attribute(parse, indices, span, outside)


def _attribute(parse: Parse, indices: range, span: Span, outside: Callable[[int], bool]) -> Attribution | None:
    label = colon_label(parse, indices)
    unsourced: Attribution | None = None  # "It was reported that “…”": a cue, no source
    for part in _sentence_parts(parse, indices):
        if label is not None and label.rule == "label" and part[0] == indices[0]:
            return label  # "Pollsters agree - Carl Bialik: “…”": the name right before the quote
        found = _walk_up(parse, root_of(parse, part), indices, outside)
        if found is not None and found.source is None:
            unsourced, found = unsourced or found, None
        if found is not None and part[0] == indices[0]:
            found = _nearer_introduction(parse, found, indices, outside)
        found = (
            found
            or _according_to(parse, part, outside)
            or infinitive_cue(parse, part)
            or _nearest_verb(parse, part, outside)
        )
        if found is not None:
            return found
    return (
        signed_after(parse, span)
        or label
        or colon_intro(parse, indices)
        or tag_after(parse, span, outside)
        or surface_tag(parse, span)
        or owned_phrase(parse, indices)
        or _sentence_subject(parse, indices, outside)
        or unsourced
    )


def _nearer_introduction(
    parse: Parse, found: Attribution, indices: range, outside: Callable[[int], bool]
) -> Attribution:
    """The speech verb right before the quote ("shouted, “…”", "interjected: “…”") over the
    one the parse found, where that one is further back ("Clinton said that experts had
    approved it, to which Ruud interjected: “…”") or is a tag after the quote that opens the
    next one ("“Ray,” Lund joked, “Amen”")."""
    intro = introduced(parse, indices[0], outside)
    if intro is None or found.verb is None or intro.verb == found.verb:
        return found
    if found.verb < (intro.verb or 0) or introduces_next(parse, found.verb, indices, outside):
        return intro
    return found


def _sentence_subject(parse: Parse, indices: range, outside: Callable[[int], bool]) -> Attribution | None:
    """ "Early described it as “news to me.”", "Kall compared Trump to a coach who is
    “working the referees”": a quote set inside a sentence whose main verb is not a speech
    verb still belongs to the person the sentence is about — its named subject."""
    tokens = parse.tokens
    sentence = parse.sentence_of(indices[0])
    if sentence is None or indices[0] <= sentence.first:
        return None  # a quote that opens its sentence has no frame around it
    roots = [i for i in range(sentence.first, sentence.last) if tokens[i].dep == "ROOT"]
    if len(roots) == 1 and (verbed := _verbed_name(parse, roots[0], indices, outside)) is not None:
        return verbed
    if len(roots) != 1 or roots[0] in indices or not outside(roots[0]) or tokens[roots[0]].pos not in {"VERB", "AUX"}:
        return None
    subject = subject_of(parse, roots[0])
    if subject is None or subject in indices or not outside(subject) or subject > indices[0]:
        return None
    if tokens[subject].ent_type not in {"PERSON", "ORG", "NORP"}:
        return None
    root = roots[0]
    return Attribution(cue=Span(tokens[root].start, tokens[root].end), source=subject, verb=root, rule="subject")


def _verbed_name(parse: Parse, root: int, indices: range, outside: Callable[[int], bool]) -> Attribution | None:
    """ "Aaron Kall, the director of debate …, compared Trump to a coach who is “…”" when the
    parser made the name the root and its verb a clause hanging on it."""
    tokens = parse.tokens
    if tokens[root].pos != "PROPN" or tokens[root].ent_type != "PERSON" or root >= indices[0]:
        return None
    for c in children(parse, root):
        if tokens[c].dep == "acl" and tokens[c].tag in {"VBD", "VBN"} and root < c < indices[0] and outside(c):
            return Attribution(cue=Span(tokens[c].start, tokens[c].end), source=root, verb=c, rule="subject")
    return None


def _sentence_parts(parse: Parse, indices: range) -> list[range]:
    """The quote's tokens in its last sentence and in its first (one part if one sentence)."""
    first = parse.sentence_of(indices[0])
    last = parse.sentence_of(indices[-1])
    if first is None or last is None or first == last:
        return [indices]
    return [range(max(last.first, indices[0]), indices[-1] + 1), range(indices[0], min(first.last, indices[-1] + 1))]


def _walk_up(parse: Parse, i: int, inside: range, outside: Callable[[int], bool]) -> Attribution | None:
    """Up the parse to the reporting verb (or noun: "the minister’s assurance that “…”")."""
    tokens = parse.tokens
    weak: Attribution | None = None
    unsourced: Attribution | None = None
    through_as = False  # "declaring Trump's statements as “…”": a quote that says what they are
    for _ in range(_MAX_HOPS):
        tok = tokens[i]
        if i not in inside and outside(i):
            if lemma_of(tok.text) in DISPUTE_VERBS and tok.pos == "VERB" and not through_as:
                # "contradicting the minister’s assurance that “…”": the quote is the other side's
                disputed = _disputed_source(parse, i)
                if disputed is not None:
                    return disputed
            elif is_reporting(parse, i):
                subject = past_vocative(parse, subject_of(parse, i), inside, outside)
                if subject is not None and not (inside.start <= subject < inside.stop):
                    verb = orphan_cue(parse, i, inside.start)  # "footage of X saying …, “…”": X's cue
                    if verb is None:
                        verb = i
                    else:
                        subject = subject_of(parse, verb)
                    found = Attribution(cue=cue_span(parse, verb), source=subject, verb=verb, rule="parse")
                    if lemma_of(tok.text) not in WEAK_VERBS:
                        # "Brandt said that the ministers balked, calling it “…”": Brandt's account
                        outer = outer_reporter(parse, i, subject, inside, outside)
                        return found if outer is None else replace(found, source=outer)
                    weak = weak or found  # "tests showed “…”": look for a speaker higher up
                elif subject is None and subject_of(parse, i, any_source=True) is not None:
                    unsourced = unsourced or Attribution(cue=cue_span(parse, i), source=None, verb=i, rule="unsourced")
            elif (
                tok.pos == "NOUN"
                and tok.lower in SPEECH_NOUNS
                and not through_as
                and (owner := _noun_source(parse, i)) is not None
            ):
                return Attribution(cue=Span(tok.start, tok.end), source=owner, verb=None, rule="noun")
            elif (made := _made_statement(parse, i)) is not None and made.source not in inside:
                return made
            elif (owned := _owned_words(parse, i)) is not None:
                return owned
        if tok.head == i:
            return weak or unsourced
        through_as = through_as or (tok.lower == "as" and tok.dep == "prep")
        i = tok.head
    return weak or unsourced


def _owned_words(parse: Parse, verb: int) -> Attribution | None:
    """ "Her campaign slogan is “…”", "Barrett’s dictum to his interns was, “…”": a quote
    that is what someone's slogan or motto *is* belongs to its owner."""
    tokens = parse.tokens
    if tokens[verb].lemma != "be" and tokens[verb].lower not in {"is", "was", "are", "were"}:
        return None
    for c in children(parse, verb):
        noun = tokens[c]
        if noun.dep == "nsubj" and noun.pos == "NOUN" and noun.lower in SAYING_NOUNS:
            owner = next((g for g in children(parse, c) if tokens[g].dep == "poss" and tokens[g].pos == "PROPN"), None)
            if owner is not None:
                cue = Span(tokens[verb].start, tokens[verb].end)  # "is": the quote follows it
                return Attribution(cue=cue, source=owner, verb=verb, rule="noun")
    return None


def _made_statement(parse: Parse, verb: int) -> Attribution | None:
    """ "Gorka also made the point that … “…”", "the ministry issued a statement saying …":
    a light verb whose object is a speech noun reports like a speech verb; the parser often
    hangs the clause on the verb rather than the noun."""
    tokens = parse.tokens
    if tokens[verb].pos != "VERB" or tokens[verb].lower not in _LIGHT_VERBS:
        return None
    nouns = [c for c in children(parse, verb) if tokens[c].dep == "dobj" and tokens[c].lower in SPEECH_NOUNS]
    subject = subject_of(parse, verb) if nouns else None
    if subject is None:
        return None
    cue = Span(tokens[verb].start, tokens[nouns[0]].end)
    return Attribution(cue=cue, source=subject, verb=verb, rule="noun")


def _disputed_source(parse: Parse, verb: int) -> Attribution | None:
    tokens = parse.tokens
    for c in children(parse, verb):
        if tokens[c].dep == "dobj" and tokens[c].lower in SPEECH_NOUNS:
            owner = _noun_source(parse, c)
            if owner is not None:
                return Attribution(cue=Span(tokens[c].start, tokens[c].end), source=owner, verb=None, rule="noun")
    return None


def _noun_source(parse: Parse, noun: int) -> int | None:
    """Whose statement: "the minister’s assurance", "a statement by the ministry"."""
    tokens = parse.tokens
    for c in children(parse, noun):
        if tokens[c].dep == "poss" and (tokens[c].pos in {"PROPN", "NOUN"} or tokens[c].lower in OWNER_PRONOUNS):
            return c  # "the minister’s assurance", "her claim that she “never …”"
        if tokens[c].dep == "prep" and tokens[c].lower in {"by", "from"}:
            objs = [g for g in children(parse, c) if tokens[g].dep == "pobj"]
            if objs:
                return objs[0]
    tok = tokens[noun]
    if tok.dep == "dobj" and tok.head != noun and lemma_of(tokens[tok.head].text) in _LIGHT_VERBS:
        return subject_of(parse, tok.head)  # "Gorka made the point that …": Gorka
    return None


def _according_to(parse: Parse, indices: range, outside: Callable[[int], bool]) -> Attribution | None:
    """ "according to X", "in the words of X", "X's statement" in the span's sentence."""
    tokens = parse.tokens
    sentence = parse.sentence_of(indices[0])
    if sentence is None:
        return None
    for i in range(sentence.first, sentence.last):
        if i in indices or not outside(i):
            continue
        lower = tokens[i].lower
        if lower in _VIEW_NOUNS and i > 0 and tokens[i - 1].lower == "in":
            owners = [
                c for c in children(parse, i) if tokens[c].dep == "poss" and tokens[c].pos in {"PROPN", "NOUN", "PRON"}
            ]
            if owners:  # "in Bolton’s view", "in her words"
                cue = Span(tokens[i - 1].start, tokens[i].end)
                return Attribution(cue=cue, source=owners[0], verb=None, rule="according")
        if i + 2 >= sentence.last:
            continue
        if lower == "according" and tokens[i + 1].lower == "to":
            objs = [c for c in children(parse, i + 1) if tokens[c].dep == "pobj"]
            if objs:
                return Attribution(
                    cue=Span(tokens[i].start, tokens[i + 1].end), source=objs[0], verb=None, rule="according"
                )
        if lower == "words" and tokens[i + 1].lower == "of":
            objs = [c for c in children(parse, i + 1) if tokens[c].dep == "pobj"]
            if objs:
                return Attribution(
                    cue=Span(tokens[i].start, tokens[i + 1].end), source=objs[0], verb=None, rule="words-of"
                )
    return None


def _nearest_verb(parse: Parse, indices: range, outside: Callable[[int], bool]) -> Attribution | None:
    sentence = parse.sentence_of(indices[0])
    if sentence is None:
        return None
    best: tuple[int, int, int] | None = None  # (distance, verb, subject)
    for i in range(sentence.first, sentence.last):
        if i in indices or not outside(i) or not is_reporting(parse, i):
            continue
        if parse.tokens[i].dep == "relcl" and i > indices[-1]:
            continue  # "… a “law and order” candidate, appealing to voters who feel left behind"
        if i > 0 and parse.tokens[i - 1].text == "(":
            continue  # "not for her policy (think Edith Wilson) but for her “charm”": an aside
        subject = subject_of(parse, i)
        if subject is None or subject in indices or not outside(subject):
            continue
        distance = min(abs(i - indices[0]), abs(i - indices[-1]))
        if best is None or distance < best[0]:
            best = (distance, i, subject)
    if best is None:
        return None
    return Attribution(cue=cue_span(parse, best[1]), source=best[2], verb=best[1], rule="sentence")


# "in Bolton’s view", "in his words": a possessive owner reports like "according to".
_VIEW_NOUNS = frozenset({"view", "views", "opinion", "words", "estimation", "telling", "account", "judgment"})
_LIGHT_VERBS = frozenset({"make", "made", "makes", "making", "issue", "issued", "give", "gave", "offer", "offered"})
