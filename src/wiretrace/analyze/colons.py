"""A quote a colon introduces: a label ("Retired fisherman Rolf Danneker: “…”", "From the
report: “…”"), an introduction in the quote's own sentence ("Article 33 affirms: “…”") or in the
sentence before it ("Daalder wrote:" then the quote) — who speaks is the label's name or the
introduction's subject."""

from __future__ import annotations

from wiretrace.analyze.candidates import Attribution
from wiretrace.analyze.cues import KICKERS, speech_verb_read_as_noun
from wiretrace.analyze.phrases import children
from wiretrace.analyze.quotemarks import OPENING_TOKENS
from wiretrace.analyze.sources import can_speak
from wiretrace.analyze.subjects import SUBJECT_DEPS, cue_span, is_reporting, subject_of
from wiretrace.model import Parse, Span

__all__ = ["colon_intro", "colon_label", "intro_attribution"]


def colon_label(parse: Parse, indices: range) -> Attribution | None:
    """ "Retired fisherman Rolf Danneker: “…”" — a name and a colon, no verb, then the quote."""
    tokens = parse.tokens
    j = indices[0] - 1
    while (j >= 0 and tokens[j].text in OPENING_TOKENS | {" "}) or (j >= 0 and tokens[j].pos == "SPACE"):
        j -= 1
    if j < 1 or tokens[j].text != ":":
        return None
    sentence = parse.sentence_of(j)
    first = sentence.first if sentence is not None else max(0, j - 12)
    for k in range(j - 1, first - 1, -1):  # "HEADLINE IN CAPITALS - Jeffrey M. Jones: “…”"
        if tokens[k].text in {"-", "—", "–", ".", ";", "|"}:
            first = k + 1
            break
        if tokens[k].text[:1] in {"-", "—", "–"} and tokens[k].text[1:2].isalpha():
            first = k  # "… all along -More from X: “…”": the dash glued to the next word
            break
    if (intro := intro_attribution(parse, first, j, any_verb=True)) is not None:
        return intro  # "Article 33 affirms: “…”" — an introduction in the quote's own sentence
    if (misread := _speech_verb_misread(parse, first, j)) is not None:
        return misread
    if first < j and tokens[first].lower.lstrip("-—–") == "more":
        first += 1  # "More from the report: “…”"
    sourced = first < j and tokens[first].lower == "from"  # "From the report: “…”"
    label = range(first + 1 if sourced else first, j)
    if not label or len(label) > 12 or any(tokens[k].pos in {"VERB", "AUX"} for k in label):
        return None
    said = "".join(tokens[k].lower + (" " if tokens[k + 1].start > tokens[k].end else "") for k in label)
    if said.strip() in KICKERS:
        return None  # "UPDATE: “…”", "Editor's note: “…”" — a kicker, not who speaks
    names = [k for k in label if tokens[k].ent_type in {"PERSON", "ORG"} or tokens[k].pos == "PROPN"]
    words = [k for k in label if tokens[k].text[:1].isalpha()]
    if not names and (sourced or all(tokens[k].text[:1].isupper() for k in words)):
        names = [k for k in label if tokens[k].pos in {"NOUN", "PROPN"}]  # "Pew Research: “…”"
    if not names:
        return None
    return Attribution(cue=Span(tokens[j].start, tokens[j].end), source=names[-1], verb=None, rule="label")


def _speech_verb_misread(parse: Parse, first: int, colon: int) -> Attribution | None:
    """ "Clause 9 affirms: “…”", "The memo notes: “…”" — a speech verb in -s right before the
    colon that the tagger read as a plural noun ("notes", "claims", "states"): its subject
    introduces the quote."""
    tokens = parse.tokens
    verb = colon - 1
    tok = tokens[verb]
    if verb <= first or not speech_verb_read_as_noun(tok):
        return None
    subjects = [c for c in children(parse, verb) if tokens[c].dep in SUBJECT_DEPS and first <= c < verb]
    if not subjects or not can_speak(parse, subjects[-1]):
        return None
    return Attribution(cue=Span(tok.start, tok.end), source=subjects[-1], verb=None, rule="colon")


def colon_intro(parse: Parse, indices: range) -> Attribution | None:
    """ "Daalder wrote:" then the quote, in the next sentence or paragraph."""
    tokens = parse.tokens
    sentence = parse.sentence_of(indices[0])
    if sentence is None or sentence.first == 0:
        return None
    prev = parse.sentence_of(sentence.first - 1)
    while prev is not None and all(t.pos == "SPACE" for t in tokens[prev.first : prev.last]):
        prev = parse.sentence_of(prev.first - 1) if prev.first > 0 else None
    if prev is None:
        return None
    last = prev.last - 1
    while last > prev.first and tokens[last].pos == "SPACE":
        last -= 1
    if tokens[last].text != ":":
        return None
    return intro_attribution(parse, prev.first, last, any_verb=True)


def intro_attribution(parse: Parse, first: int, colon: int, *, any_verb: bool = False) -> Attribution | None:
    """The reporting verb and subject of an introduction ending in a colon; failing a
    reporting verb and with ``any_verb`` (a quote that opens right after the colon), the
    subject of the introduction's main verb ("Trump leaned in and
    boomed:", "the board was conclusive in its findings:") — a colon before a quote
    hands the floor to whoever the introduction is about."""
    for i in range(colon - 1, first - 1, -1):
        if is_reporting(parse, i):
            subject = subject_of(parse, i)
            if subject is not None:
                return Attribution(cue=cue_span(parse, i), source=subject, verb=i, rule="colon")
    if not any_verb:
        return None
    tokens = parse.tokens
    for i in range(colon - 1, first - 1, -1):
        tok = tokens[i]
        if tok.pos in {"VERB", "AUX"} and tok.dep not in {"amod", "relcl", "acl", "xcomp", "aux", "auxpass"}:
            subject = subject_of(parse, i, any_source=True)  # its own subject, or the next verb's
            if subject is None or not can_speak(parse, subject):
                continue  # "Signs of a late shift were there all along - more from X:"
            if (
                tokens[subject].pos in {"PROPN", "NOUN"} or tokens[subject].lower in {"he", "she"}
            ) and first <= subject < colon:
                return Attribution(cue=cue_span(parse, i), source=subject, verb=i, rule="colon-any")
    return None
