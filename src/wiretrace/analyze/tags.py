"""The tag after a quote, read when the parse does not join it to the quote.

- "“Go back to Univision,” Trump barked": the words after the closing mark are a short noun
  phrase and a verb (or the verb first: "…,” barked the anchor") — read off the surface;
- "“…fix!” Clinton said to People.": the parser made the tag a sentence of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.analyze.candidates import Attribution
from wiretrace.analyze.cues import is_speech_verb
from wiretrace.analyze.phrases import children, tokens_in
from wiretrace.analyze.quotemarks import CLOSING_TOKENS
from wiretrace.analyze.subjects import cue_span, is_reporting, subject_of
from wiretrace.model import Parse, Span, Token

__all__ = ["surface_tag", "tag_after"]

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
    k = j
    while k < len(tokens) and k - j < 6 and tokens[k].pos in _NP_POS:
        k += 1
    if j < k < len(tokens) and tokens[k].tag in _FINITE:
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
