"""Attributions that are a label, not a sentence: "Graham: Trump’s rhetoric is destroying
the party", and a headline that reports ("Rose Bowl skywriters blast Trump")."""

from __future__ import annotations

from wiretrace.analyze.candidates import PARAGRAPH, Attribution, Found, trim
from wiretrace.analyze.cues import KICKERS, is_speech_verb, lemma_of, speech_verb_read_as_noun
from wiretrace.analyze.reported import STANCE_VERBS, verb_lemma
from wiretrace.model import Parse, QuoteKind, Span

__all__ = ["headline", "labelled_lines"]

_MAX_LABEL_TOKENS = 6
_MAX_LINE_WORDS = 30


def labelled_lines(body: str, parse: Parse, found: list[Found]) -> list[Found]:
    """Headline-style attributions: "Graham: Trump’s rhetoric is destroying the party",
    "Mayor Okonkwo: “We are not leaving”" — a short line, a name or role, a colon, what they said."""
    out: list[Found] = []
    tokens = parse.tokens
    for line in PARAGRAPH.finditer(body):
        text = line.group(0)
        colon = text.find(": ")
        if colon <= 0 or len(text.split()) > _MAX_LINE_WORDS or text[:colon].strip().lower() in KICKERS:
            continue
        first, last = parse.token_at(line.start()), parse.token_at(line.start() + colon)
        if first is None or last is None or not 0 < last - first <= _MAX_LABEL_TOKENS:
            continue
        label = tokens[first:last]
        if any(t.pos in {"VERB", "AUX", "PRON", "ADP", "SCONJ"} for t in label) or not label[0].text[:1].isupper():
            continue
        content = trim(body, Span(line.start() + colon + 1, line.end()))
        if content is None or len(content.text(body).split()) < 2:
            continue
        if any(f.span.overlaps(content) and f.kind != QuoteKind.DIRECT for f in found):
            continue
        misread = speech_verb_read_as_noun(label[-1]) and last - first > 1
        named = range(first, last - 1) if misread else range(first, last)
        head = max(named, key=lambda i: (tokens[i].pos in {"PROPN", "NOUN"}, i))  # "Clause 9 [states]: …"
        att = Attribution(Span(tokens[last].start, tokens[last].end), head, None, "label")
        kind = QuoteKind.DIRECT if any(ch in content.text(body) for ch in ("“", "”", '"', "''")) else QuoteKind.INDIRECT
        found_inside = [f for f in found if content.contains(f.span)]
        for f in found_inside:
            found.remove(f)  # the line's own quotation marks are part of the labelled statement
        out.append(Found(content, kind, att, (content,), "label"))
    return out


_MAX_HEADLINE_WORDS = 25
_MAX_HEADLINE_SUBJECT = 6
_HEADLINE_SUBJECT_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"})
_OBJECT_START = frozenset({"PROPN", "DET", "ADJ", "NOUN", "PRON"})
_EVIDENCE_VERBS = frozenset({"show", "find", "signal", "indicate", "see"})  # "favorite TV shows sound …"


def headline(body: str, parse: Parse, found: list[Found]) -> list[Found]:
    """A headline that reports ("Rose Bowl skywriters blast Trump", "Glenn Beck Blasts
    Drudge for …"), which the parser, reading title case, often gets wrong: the first line,
    a short noun phrase, a reporting or stance verb, and what it reports."""
    line = PARAGRAPH.search(body)
    if line is None or len(line.group(0).split()) > _MAX_HEADLINE_WORDS or ": " in line.group(0):
        return []
    first, last = parse.token_at(line.start()), parse.token_at(line.end() - 1)
    if first is None or last is None:
        return []
    tokens = parse.tokens
    if not tokens[first].text[:1].isupper():
        return []
    for k in range(first + 1, min(last, first + _MAX_HEADLINE_SUBJECT + 1)):
        tok = tokens[k]
        lemma = verb_lemma(lemma_of(tok.text))
        reports = (is_speech_verb(tok.text) or lemma in STANCE_VERBS) and lemma not in _EVIDENCE_VERBS
        finite = tok.tag in {"VBZ", "VBP"} or (  # "Super PAC blasts Trump", tagged a plural noun
            tok.lower.endswith("s") and tokens[k - 1].pos == "PROPN" and tokens[k + 1].pos in _OBJECT_START
        )
        if reports and finite:
            break
        if tok.pos not in _HEADLINE_SUBJECT_POS:
            return []  # "Sanders pushes Dems to reject …": another verb first
    else:
        return []
    content = trim(body, Span(tok.end, line.end()))
    if content is None or any(f.span.overlaps(content) for f in found):
        return []
    att = Attribution(Span(tok.start, tok.end), k - 1, k, "headline")
    return [Found(content, QuoteKind.INDIRECT, att, (content,), "headline")]
