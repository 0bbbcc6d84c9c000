"""Attributions read off the sentences around a quote when the parse does not join them.

- "“Go back to Univision,” Trump barked": the words after the closing mark are a short noun
  phrase and a verb (or the verb first: "…,” barked the anchor") — read off the surface;
- "“…fix!” Clinton said to People.": the parser made the tag a sentence of its own;
- "“… tax cuts. ¶ Dana Reyes, Harbor Policy Institute.”": a pull quote signed on the line
  after it, a name and what they are, with no verb;
- "Ruiz interrupted me to announce, “…”": a speech verb in the infinitive right before the
  quote reports for the main subject;
- "Reeves struck the law down. ¶ “The State has put its thumb on the scale …”": a quote with
  no attribution of its own goes to whom the sentence before it is about;
- "When a man shouted, “Ray,” Lund joked, “Amen”": a quote right after "shouted," is the
  shouter's, though the parser hung it on the tag after it;
- "Lund's “you can keep your plan” promise": words between a possessive and a speech noun.
"""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.analyze.candidates import Attribution, in_any
from wiretrace.analyze.cues import OWNER_PRONOUNS, SAYING_NOUNS, SPEECH_NOUNS, is_speech_verb, lemma_of
from wiretrace.analyze.phrases import children, tokens_in
from wiretrace.analyze.quotemarks import CLOSING_TOKENS, OPENING_TOKENS
from wiretrace.analyze.subjects import cue_span, is_reporting, subject_of
from wiretrace.model import Parse, Span, Token

__all__ = [
    "infinitive_cue",
    "introduced",
    "introduces_next",
    "owned_phrase",
    "signed_after",
    "surface_tag",
    "tag_after",
    "topic_attribution",
]

_MIN_TAGGED_TOKENS = 5
_NP_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "PART", "NUM"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "VBN", "VB"})


def surface_tag(parse: Parse, span: Span) -> Attribution | None:
    """ "“Go back to Univision,” Trump barked" when the parser tore the tag apart: read the
    words after the closing mark — a short noun phrase and a speech verb, or the verb first
    ("…,” barked the anchor") — without trusting the tree."""
    tokens = parse.tokens
    i = parse.token_at(max(span.start, span.end - 1))
    if i is None:
        return None
    sentence_long = len(tokens_in(parse, span)) >= _MIN_TAGGED_TOKENS  # not a title: “The Apprentice,” listed
    j = i + 1
    closing = False
    while j < len(tokens) and tokens[j].text in CLOSING_TOKENS | {","} and tokens[j].start <= span.end + 3:
        closing = closing or tokens[j].text in CLOSING_TOKENS
        j += 1
    last = tokens[j - 1].text if j - 1 >= 0 else ""
    if not closing or j >= len(tokens) or last not in CLOSING_TOKENS | {","}:
        return None
    if tokens[j].pos == "SPACE" or tokens[j].start - tokens[j - 1].end > 1:
        return None  # a new paragraph begins: "…!” ¶ The league folded"
    ending = tokens[i].text
    if ending not in {",", "?", "!", "—", "–"} and last != ",":
        return None
    if (described := _described_then_verb(parse, j, span)) is not None:
        return described
    k = j
    while k < len(tokens) and k - j < 6 and tokens[k].pos in _NP_POS:
        k += 1
    misread = j + 1 < k < len(tokens) and _verb_read_as_noun(tokens[k - 1], tokens[k - 2])
    if misread:
        k -= 1  # "“…,” the Saudis state in the paper": "state" read as a noun after a plural
    if j < k < len(tokens) and (tokens[k].tag in _FINITE or misread):
        heads = [m for m in range(j, k) if tokens[m].pos in {"PROPN", "NOUN", "PRON"}]
        named = any(tokens[m].ent_type == "PERSON" for m in heads)
        if heads and _tags_speech(tokens[k], sentence_long or named):
            return Attribution(cue=cue_span(parse, k), source=heads[-1], verb=k, rule="surface")
    if k == j and tokens[j].tag in _FINITE:
        m = j + 1
        while m < len(tokens) and m - j <= 6 and tokens[m].pos in _NP_POS:
            m += 1
        heads = [n for n in range(j + 1, m) if tokens[n].pos in {"PROPN", "NOUN"}]
        named = any(tokens[n].ent_type == "PERSON" for n in heads)  # "“This is fantastic!” beamed X"
        if heads and _tags_speech(tokens[j], sentence_long or named):
            return Attribution(cue=cue_span(parse, j), source=heads[-1], verb=j, rule="surface")
    return None


_MAX_DESCRIBED_TAG = 20


def _described_then_verb(parse: Parse, j: int, span: Span) -> Attribution | None:
    """ "“…,” Mr. Halvorsen, now 81 and retired in Bergen, said by telephone": a name, a
    description set off by commas, then the speech verb, which the parser hung on the
    quote with no subject of its own. The name right after the closing mark is who speaks."""
    tokens = parse.tokens
    name = j
    while name < len(tokens) and tokens[name].pos == "PROPN" and name - j < 5:
        name += 1
    if name == j or name >= len(tokens) or tokens[name].text != ",":
        return None
    source = name - 1
    if tokens[source].ent_type != "PERSON":
        return None
    sentence = parse.sentence_of(source)
    stop = min(sentence.last if sentence is not None else len(tokens), name + _MAX_DESCRIBED_TAG)
    for k in range(name + 1, stop):
        tok = tokens[k]
        if tok.text in OPENING_TOKENS | CLOSING_TOKENS:
            return None
        if tok.pos == "VERB" and tok.tag in {"VBD", "VBZ"} and is_speech_verb(tok.text):
            if tokens[k - 1].text != ",":
                return None  # "…, who said …": the verb of the description, not the tag
            subject = subject_of(parse, k)
            if subject is not None and subject != source and tokens[subject].start >= span.end:
                return None
            return Attribution(cue=cue_span(parse, k), source=source, verb=k, rule="surface")
    return None


def _verb_read_as_noun(tok: Token, before: Token) -> bool:
    """A speech verb's base form the tagger read as a noun after a plural subject: "the
    Saudis state", "the authors note"."""
    return (
        tok.pos == "NOUN"
        and before.tag in {"NNS", "NNPS"}
        and is_speech_verb(tok.lower)
        and lemma_of(tok.lower) == tok.lower
    )


def _tags_speech(tok: Token, sentence_long: bool) -> bool:
    """A verb right after a quote that ends in a comma, "!" or "?" reports it, whatever the
    verb, when the quote is a statement rather than a title: "“This is fantastic!” beamed
    X", "“…,” X shot back", "“…,” exhorted X"."""
    return is_speech_verb(tok.text) or (sentence_long and tok.pos == "VERB" and tok.tag in {"VBD", "VBZ"})


def tag_after(parse: Parse, span: Span, outside: Callable[[int], bool]) -> Attribution | None:
    """ "“…fix!” Clinton said to People." — the parser split the attribution off the quote:
    a sentence starting right after the closing mark that only reports."""
    tokens = parse.tokens
    nxt = parse.token_at(span.end)  # the closing mark, or what follows the quote
    if nxt is None:
        return None
    while nxt < len(tokens) and tokens[nxt].text in CLOSING_TOKENS | {","}:
        nxt += 1
    if nxt >= len(tokens) or tokens[nxt].start > span.end + 4:
        return None
    if nxt > 0 and tokens[nxt].start - tokens[nxt - 1].end > 1:
        return None  # a blank line between: "Paradis agrees." opens the next paragraph
    sentence = parse.sentence_of(nxt) if nxt < len(tokens) else None
    if sentence is None or sentence.first != nxt or sentence.last - sentence.first > 25:
        return None
    for i in range(sentence.first, sentence.last):
        if outside(i) and is_reporting(parse, i):
            if any(tokens[c].dep in {"ccomp", "xcomp"} for c in children(parse, i)):
                return None  # it reports a clause of its own
            subject = subject_of(parse, i)
            if subject is not None:
                return Attribution(cue=cue_span(parse, i), source=subject, verb=i, rule="tag-after")
    return None


_SIGNATURE_TOKENS = 24
_DASHES = frozenset({"—", "–", "-", "--"})


def signed_after(parse: Parse, span: Span) -> Attribution | None:
    """A quote signed on the line after it: "“I worry that … tax cuts. ¶ Dana Reyes, Harbor
    Policy Institute.”" or "¶ — Dana Reyes, economist" — a sentence of its own, right
    after the quote, that opens with a person's name and a comma and has no verb: the
    signature of a pull quote, not a statement."""
    tokens = parse.tokens
    j = parse.token_at(span.end)
    if j is None:
        j = parse.token_at(span.end + 1)
    while j is not None and j < len(tokens) and (tokens[j].text in CLOSING_TOKENS or tokens[j].pos == "SPACE"):
        j += 1
    if j is None or j >= len(tokens) or tokens[j].start > span.end + 4:
        return None
    sentence = parse.sentence_of(j)
    if sentence is None or sentence.first != j or sentence.last - j > _SIGNATURE_TOKENS:
        return None
    k = j + 1 if tokens[j].text in _DASHES else j
    name = k
    while name < sentence.last and tokens[name].ent_type == "PERSON" and tokens[name].pos == "PROPN":
        name += 1
    if name == k or name >= sentence.last or tokens[name].text != ",":
        return None
    if any(t.pos in {"VERB", "AUX"} for t in tokens[name : sentence.last]):
        return None  # "Dana Reyes, who runs …, said": a sentence, not a signature
    return Attribution(cue=Span(tokens[name].start, tokens[name].end), source=name - 1, verb=None, rule="signed")


_TOPIC_PRONOUNS = frozenset({"he", "she"})
# Verbs of talking that report no clause of their own ("Ruiz spoke only in slogans") but hand
# the floor to their subject for the quotes that follow.
_TALK_VERBS = frozenset({"speak", "talk"})


def topic_attribution(parse: Parse, span: Span, quoted: list[Span]) -> Attribution | None:
    """A quote with no attribution of its own that opens its sentence goes to the person the
    sentence before it is about: "Reeves struck the law down. ¶ “The State has put its
    thumb on the scale …”" or "Her friend, Ada Lund, chimed in. “I did not think …”" — the
    named (or he/she) subject of that sentence's main verb, outside any quote."""
    tokens = parse.tokens
    first = parse.token_at(span.start)
    if first is None:
        return None
    j = first - 1
    while j >= 0 and (tokens[j].pos == "SPACE" or tokens[j].text in OPENING_TOKENS):
        j -= 1
    if j < 0 or tokens[j].pos != "PUNCT":
        return None
    if tokens[j].text in CLOSING_TOKENS or in_any(quoted, tokens[j].start):
        return None  # the sentence before is itself a quote: continuation, not topic
    sentence = parse.sentence_of(j)
    if sentence is None:
        return None
    if in_any(quoted, tokens[sentence.first].start):
        return None
    roots = [i for i in range(sentence.first, sentence.last) if tokens[i].dep == "ROOT"]
    if len(roots) != 1 or tokens[roots[0]].pos not in {"VERB", "AUX"}:
        return _speaker_before(parse, sentence.first, sentence.last, quoted)
    subject = next((c for c in children(parse, roots[0]) if tokens[c].dep == "nsubj"), None)
    if subject is None:
        return _speaker_before(parse, sentence.first, sentence.last, quoted)
    appos = [c for c in children(parse, subject) if tokens[c].dep == "appos" and tokens[c].ent_type == "PERSON"]
    if tokens[subject].ent_type != "PERSON" and appos:
        subject = appos[0]  # "Her friend, Ada Lund, 20, chimed in."
    if not _person_like(parse, subject):
        return _speaker_before(parse, sentence.first, sentence.last, quoted)
    root = tokens[roots[0]]
    return Attribution(cue=Span(root.start, root.end), source=subject, verb=roots[0], rule="topic")


def _person_like(parse: Parse, subject: int) -> bool:
    tok = parse.tokens[subject]
    named = tok.ent_type == "PERSON" or (tok.pos == "PROPN" and not tok.ent_type)
    return named or (tok.pos == "PRON" and tok.lower in _TOPIC_PRONOUNS)


def _named_or_he(parse: Parse, subject: int) -> bool:
    """A speech verb's subject a following quote can belong to: a name (the model's type
    aside: "Ruiz" read as an organisation still speaks) or he/she."""
    tok = parse.tokens[subject]
    return tok.pos == "PROPN" or _person_like(parse, subject)


def _speaker_before(parse: Parse, first: int, last: int, quoted: list[Span]) -> Attribution | None:
    """The person who speaks in the sentence before a quote that sentence is not about:
    "What he meant was left to the voters, since Ruiz spoke only in slogans. ¶ “We have to
    be tougher.”" — the last reporting verb outside quotation marks with a named subject."""
    tokens = parse.tokens
    for i in range(last - 1, first - 1, -1):
        if in_any(quoted, tokens[i].start):
            continue
        if not is_reporting(parse, i) and not (tokens[i].pos == "VERB" and lemma_of(tokens[i].text) in _TALK_VERBS):
            continue
        subject = subject_of(parse, i)
        if subject is not None and first <= subject < last and _named_or_he(parse, subject):
            return Attribution(cue=cue_span(parse, i), source=subject, verb=i, rule="topic")
    return None


def infinitive_cue(parse: Parse, indices: range) -> Attribution | None:
    """ "Ruiz interrupted me to announce, “…”": a speech verb in the infinitive right before
    the quote, for a purpose of the main verb (or its complement, when nobody else is its
    object: "she rose to say", not "they urged him to say"), reports for the main subject."""
    tokens = parse.tokens
    k = indices[0] - 1
    while k >= 0 and (tokens[k].text in OPENING_TOKENS or tokens[k].text in {",", ":"} or tokens[k].pos == "SPACE"):
        k -= 1
    if k < 1 or indices[0] - k > 4:
        return None
    tok = tokens[k]
    if tok.tag != "VB" or not is_speech_verb(tok.text) or tok.head == k or tok.dep not in {"advcl", "xcomp"}:
        return None
    if not any(tokens[c].tag == "TO" for c in children(parse, k)):
        return None
    head = tok.head
    if tok.dep == "xcomp" and any(tokens[c].dep == "dobj" for c in children(parse, head)):
        return None  # "they urged him to say …": he would say it
    subject = subject_of(parse, head)
    if subject is None or subject in indices:
        return None
    return Attribution(cue=cue_span(parse, k), source=subject, verb=k, rule="parse")


def introduces_next(parse: Parse, verb: int | None, indices: range, outside: Callable[[int], bool]) -> bool:
    """Whether ``verb``, after the quote, is followed by a comma and another quote ("…,” Lund
    joked, “Amen”): a tag that introduces the next words."""
    tokens = parse.tokens
    if verb is None or verb <= indices[-1] or verb + 2 >= len(tokens):
        return False
    return outside(verb) and tokens[verb + 1].text in {",", ":"} and tokens[verb + 2].text in OPENING_TOKENS


def introduced(parse: Parse, first: int, outside: Callable[[int], bool]) -> Attribution | None:
    """ "When a man shouted, “Ray,” Lund joked, “Amen”": a quote right after a speech verb and
    a comma or colon is that verb's, where the parser hung it on a tag after it that opens
    the next quote."""
    tokens = parse.tokens
    j = first - 1
    while j >= 0 and tokens[j].text in OPENING_TOKENS:
        j -= 1
    if j < 1 or tokens[j].text not in {",", ":"} or not outside(j - 1) or not is_reporting(parse, j - 1):
        return None
    subject = subject_of(parse, j - 1)
    if subject is None or not outside(subject):
        return None
    return Attribution(cue=cue_span(parse, j - 1), source=subject, verb=j - 1, rule="parse")


def owned_phrase(parse: Parse, indices: range) -> Attribution | None:
    """ "Lund’s “you can keep your plan” promise", "her “basket of deplorables” remark": words
    in quotation marks between a possessive and a speech noun are the owner's."""
    tokens = parse.tokens
    before, after = indices[0] - 1, indices[-1] + 1
    while before >= 0 and tokens[before].text in OPENING_TOKENS:
        before -= 1
    while after < len(tokens) and tokens[after].text in CLOSING_TOKENS:
        after += 1
    if before < 1 or after >= len(tokens) or after == indices[-1] + 1:
        return None
    noun = tokens[after]
    if noun.pos != "NOUN" or noun.lower not in SPEECH_NOUNS | SAYING_NOUNS:
        return None
    if tokens[before].tag == "POS" and tokens[before - 1].pos == "PROPN":
        owner = before - 1
    elif tokens[before].lower in OWNER_PRONOUNS:
        owner = before
    else:
        return None
    return Attribution(cue=Span(noun.start, noun.end), source=owner, verb=None, rule="noun")
