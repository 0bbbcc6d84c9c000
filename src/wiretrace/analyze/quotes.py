"""Quotes and their speakers: direct, block and reported speech.

- direct: every quoted stretch (``quotemarks``) that is speech, not a scare quote or a
  title; a quote interrupted by its attribution ("“We will,” she said, “win.”") is one
  quote; a quote that runs over paragraphs is one quote;
- block: a paragraph set off after an introduction ending in a colon ("The WSWS added:");
  quotes nested inside it are not separate quotes;
- indirect: the clause a reporting verb governs ("accused Russia of mining …",
  "warned that …"), or the sentence around "according to X", when it holds no quotation
  marks (a clause with marks is reported through its direct quotes).

Speakers come from ``attribution`` (which words report) and ``speakers`` (who that is).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from wiretrace.analyze.attribution import (
    Attribution,
    attribute,
    cue_span,
    intro_attribution,
    is_reporting,
    subject_of,
    topic_attribution,
)
from wiretrace.analyze.claims import claim_span
from wiretrace.analyze.cues import (
    INSTITUTION_NOUNS,
    SOURCE_NOUNS,
    TITLE_WORDS,
    WEAK_VERBS,
    is_speech_verb,
    lemma_of,
)
from wiretrace.analyze.phrases import children, root_of, subtree, token_span, tokens_in
from wiretrace.analyze.quotemarks import Quoted, find_quoted
from wiretrace.analyze.speakers import SpeakerResolver
from wiretrace.model import Analysis, Article, Entity, Mention, Parse, Quote, QuoteKind, Span, Speaker
from wiretrace.pipeline import Stage

__all__ = ["QuotesStage", "find_quotes"]

_PARAGRAPH = re.compile(r"[^\n]+")
_NOT_SPEECH_BEFORE = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|known as|titled|entitled|headlined|labelled|labeled|"
    r"the (?:term|word|words|phrase|slogan|motto|hashtag|name)|what [^,.;“”\"]{1,40} call(?:s|ed)?)\s*$",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(
    r"\b(?:book|report|film|movie|article|song|album|show|series|documentary|op-ed|column|essay|play|"
    r"novel|poem|podcast|program|programme|operation|headline|study|paper|memoir|exhibition)\b[^.;“”\"]{0,40}$",
    re.IGNORECASE,
)
# How often each way of finding a quote, and each way of finding its speaker, is right,
# measured on PolNeAR dev with eval/quotes_confidence.py (span: share of quotes that
# overlap a gold attribution; speaker: accuracy on matched quotes with a named speaker,
# pronoun antecedents allowed). Rules seen fewer than ~30 times are shrunk toward 0.75.
# Speakers resolved from an apposition or an institution noun are scored by hand on a
# sample, because the gold keeps the description ("the group") where we give the name.
SPAN_CONFIDENCE: dict[str, float] = {
    "marks": 0.86, "pieces": 0.98, "unclosed": 0.8, "block": 0.7, "blockquote": 0.75,
    "clause": 0.92, "object": 0.95, "parenthetical": 0.64, "conjunct": 0.75, "according": 0.96, "label": 0.7,
    "headline": 0.7,
}  # fmt: skip
RULE_CONFIDENCE: dict[str, float] = {
    "parse": 0.93, "reported": 0.86, "according": 0.83, "words-of": 0.8, "sentence": 0.77, "colon": 0.75,
    "continuation": 0.8, "noun": 0.7, "label": 0.75, "tag-after": 0.75, "surface": 0.75, "colon-any": 0.75,
    "subject": 0.8, "topic": 0.6, "headline": 0.7,
}  # fmt: skip
VIA_CONFIDENCE: dict[str, float] = {
    "name": 1.0, "apposition": 0.95, "description": 0.85, "pronoun": 0.8, "unresolved": 0.7,
    "institution": 0.6, "title": 0.6,
}  # fmt: skip


def attribution_confidence(rule: str, via: str) -> float:
    return round(RULE_CONFIDENCE.get(rule, 0.5) * VIA_CONFIDENCE.get(via, 0.5), 2)


_INTERRUPTION = 160  # most characters between the two halves of an interrupted quote
_MIN_REPORTED_WORDS = 3
# Verbs whose object is the hearer: the content is their clause, never the object.
_HEARER_VERBS = frozenset("tell inform brief assure reassure advise warn urge remind ask thank".split())
# Verbs whose topic is reported with a preposition: "talked about", "warned of", "commented on".
_TOPIC_VERBS = frozenset("talk speak comment complain warn write testify boast joke muse report ask".split())
STANCE_VERBS = frozenset(
    "endorse support oppose back want favor favour cite champion defend decline refuse propose".split()
)
_OBJECT_VERBS = frozenset(["accuse", "charge", "blame", "criticize", "praise", "condemn", "thank"])
_INFINITIVE_VERBS = frozenset(
    "pledge promise vow threaten urge call ask tell order warn advise decline refuse want".split()
)


@dataclass(frozen=True, slots=True)
class _Found:
    span: Span
    kind: QuoteKind
    attribution: Attribution | None
    fragments: tuple[Span, ...]
    how: str = "marks"  # how the span was found: a key of SPAN_CONFIDENCE


def find_quotes(article: Article, parse: Parse, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Every quote in the body, in order, with cue and speaker where the text gives them."""
    body = article.body
    pieces = find_quoted(body)
    marks = [q.outer for q in pieces]  # each stretch with its marks; an interruption stays outside
    quoted = _merge_interrupted(body, pieces)
    blocks = _block_quotes(body, parse, article.blocks)
    found: list[_Found] = list(blocks)
    for q in quoted:
        if any(b.span.contains(q.span) for b in blocks):
            continue  # a quote inside a block quote is part of it
        att = attribute(parse, q.fragments[0], marks)
        if att is None and len(q.fragments) > 1:
            att = attribute(parse, q.fragments[-1], marks)
        if _is_speech(body, q, att):
            how = "marks" if q.closed else "unclosed"
            found.append(_Found(q.span, QuoteKind.DIRECT, att, q.fragments, how if len(q.fragments) == 1 else "pieces"))
    found = _merge_partials(parse, found)
    found.extend(_reported(body, parse, marks, list(found)))
    found.extend(_labelled_lines(body, parse, found))
    found.extend(_headline(body, parse, found))
    found.sort(key=lambda f: (f.span.start, -f.span.end))
    return _build(body, parse, entities, found, tuple(marks))


def _build(
    body: str, parse: Parse, entities: tuple[Entity, ...], found: list[_Found], marks: tuple[Span, ...]
) -> tuple[Quote, ...]:
    resolver = SpeakerResolver(body, parse, entities, quoted=marks)
    quotes: list[Quote] = []
    last: tuple[Quote, int] | None = None  # the last attributed quote and its paragraph start
    for n, f in enumerate(found, start=1):
        speaker: Speaker | None = None
        cue: Mention | None = None
        rule = f.attribution.rule if f.attribution is not None else ""
        if f.attribution is not None:
            cue = Mention(span=f.attribution.cue, text=f.attribution.cue.text(body))
            if f.attribution.source is not None:
                speaker = resolver.resolve(f.attribution.source)
        elif f.kind == QuoteKind.DIRECT and last is not None and _continues(body, f.span, last[1]):
            speaker, cue = last[0].speaker, last[0].cue  # a paragraph that carries on the last quote
            rule = "continuation"
        elif f.kind == QuoteKind.DIRECT and (topic := topic_attribution(parse, f.span, list(marks))) is not None:
            cue = Mention(span=topic.cue, text=topic.cue.text(body))  # "Reeves struck the law down. “…”"
            speaker = resolver.resolve(topic.source) if topic.source is not None else None
            rule = topic.rule
        if speaker is not None:
            speaker = replace(speaker, confidence=attribution_confidence(rule, speaker.via))
        quote = Quote(
            id=f"q{n}",
            span=f.span,
            text=f.span.text(body),
            kind=f.kind,
            cue=cue,
            speaker=speaker,
            fragments=f.fragments,
            confidence=SPAN_CONFIDENCE.get(f.how, 0.5),
            rule=f"{f.how}/{rule}",
        )
        quote = _with_reported_clause(body, parse, quote)
        quotes.append(quote)
        if speaker is not None:
            last = (quote, _paragraph_start(body, f.span.start))
    return tuple(quotes)


def _with_reported_clause(body: str, parse: Parse, quote: Quote) -> Quote:
    """A partial quote inside the clause its verb reports is that whole statement: Grossi
    said [that no “visible indications of mines or explosives” have been observed]; where
    the parse does not join cue and quote, the rest of the cue's sentence. The quoted words
    stay in ``fragments``."""
    if quote.kind != QuoteKind.DIRECT or quote.cue is None or quote.cue.span.start > quote.span.start:
        return quote
    claimed = claim_span(parse, quote)
    clause = (
        claimed if claimed != quote.span and claimed.contains(quote.span) else _rest_of_sentence(body, parse, quote)
    )
    if clause is None:
        return quote
    clause = _unmarked(body, clause)
    if clause.start >= quote.span.start and clause.end <= quote.span.end:
        return quote
    return replace(quote, span=clause, text=clause.text(body))


def _rest_of_sentence(body: str, parse: Parse, quote: Quote) -> Span | None:
    """A partial quote after its cue in the same sentence, where the parse does not join the
    two ("Trump told CNN, his policy would be “to go after them” if he wins"): the statement
    runs from after the cue and its hearer to the end of the sentence."""
    assert quote.cue is not None
    cue_last = parse.token_at(quote.cue.span.end - 1)
    first = parse.token_at(quote.span.start)
    if cue_last is None or first is None:
        return None
    sentence = parse.sentence_of(cue_last)
    if sentence is None or parse.sentence_of(first) != sentence:
        return None
    tokens = parse.tokens
    i = cue_last + 1
    while i < first and (tokens[i].pos == "PUNCT" or _cue_phrase(parse, i, cue_last)):
        i += 1  # "told CNN,", "said last week in a statement"
    marks = [k for k in range(i, first) if tokens[k].lower == "that" and tokens[k].dep == "mark"]
    if marks:
        i = marks[0]  # "her assurance last week [that the plant had “passed …”]"
    if first - i < 2:
        return None  # the quote follows its cue: nothing to add before it
    end = tokens[sentence.last - 1].end
    return _trim(body, Span(tokens[i].start, end))


def _cue_phrase(parse: Parse, i: int, verb: int) -> bool:
    """Whether token ``i`` belongs to the cue's own phrase (its hearer, time or place) rather
    than to the clause it reports, which "that" opens."""
    tokens = parse.tokens
    for _ in range(6):
        head = tokens[i].head
        if head == verb:
            return tokens[i].dep not in {"ccomp", "xcomp", "advcl", "conj", "parataxis", "nsubj"}
        if head == i:
            return False
        if tokens[i].dep == "mark" and tokens[i].lower == "that":
            return False  # "that" opens the reported clause
        i = head
    return False


def _unmarked(body: str, span: Span) -> Span:
    """The span without an opening or closing quotation mark at its very ends."""
    start, end = span.start, span.end
    if start < end and body[start] in '“"„«':
        start += 1
    if end > start and body[end - 1] in '”"»':
        end -= 1
    return Span(start, end)


# --------------------------------------------------------------------------- direct


def _merge_interrupted(body: str, quoted: list[Quoted]) -> list[Quoted]:
    """“We will,” she said, “win.” is one quote with two fragments; so is
    “We will,” she said on Monday. “We always have.” — the attribution between belongs to both."""
    merged: list[Quoted] = []
    for q in quoted:
        if merged and _interrupts(body, merged[-1], q):
            prev = merged[-1]
            merged[-1] = Quoted(fragments=(*prev.fragments, *q.fragments), closed=q.closed)
            continue
        merged.append(q)
    return merged


def _interrupts(body: str, prev: Quoted, nxt: Quoted) -> bool:
    gap = body[prev.outer.end : nxt.outer.start]
    if not prev.closed or "\n" in gap or len(gap) > _INTERRUPTION:
        return False
    if not any(is_speech_verb(w) for w in re.findall(r"[A-Za-z]+", gap)):
        return False
    ends_open = body[prev.span.end - 1 : prev.span.end] in {",", "—", "–"} or gap.lstrip().startswith(",")
    if not ends_open:
        return False
    # one attribution clause: either it runs on (", she said, “…") or it is one sentence (". “…")
    stops = re.findall(r"[.!?](?=\s)", gap)
    return not stops or (len(stops) == 1 and gap.rstrip().endswith((".", "!", "?")))


def _merge_partials(parse: Parse, found: list[_Found]) -> list[_Found]:
    """Partial quotes one verb reports in one sentence are one quote: the alliance pledged to
    “deliver the full range of forces” needed “for high-intensity … warfighting”."""
    merged: list[_Found] = []
    for f in found:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == f.kind == QuoteKind.DIRECT
            and prev.attribution is not None
            and f.attribution is not None
            and prev.attribution.verb is not None
            and prev.attribution.verb == f.attribution.verb
            and _same_sentence(parse, prev.span, f.span)
        ):
            span = Span(prev.span.start, f.span.end)
            merged[-1] = _Found(span, QuoteKind.DIRECT, prev.attribution, (*prev.fragments, *f.fragments), "pieces")
            continue
        merged.append(f)
    return merged


def _same_sentence(parse: Parse, a: Span, b: Span) -> bool:
    first, last = parse.token_at(a.start), parse.token_at(max(b.start, b.end - 1))
    if first is None or last is None:
        return False
    return parse.sentence_of(first) == parse.sentence_of(last)


def _is_speech(body: str, q: Quoted, att: Attribution | None) -> bool:
    """A scare quote, a term or a title is not speech."""
    text = q.span.text(body)
    words = len(text.split())
    before = body[max(0, q.outer.start - 60) : q.outer.start]
    if _NOT_SPEECH_BEFORE.search(before):
        return False
    if words <= 8 and _title_case(text) and (_TITLE_BEFORE.search(before) or _appositive(body, q)):
        return False  # a title: a book, “The Quiet Fleet,” or a report, “Harbors in a Warming Century,”
    if words <= 6 and _title_case(text) and (att is None or att.rule in {"sentence", "continuation"}):
        return False  # a name in quotation marks: “Good Morning America”, “Keep the Promise”
    if att is None:
        return words > 2
    return True


def _appositive(body: str, q: Quoted) -> bool:
    """“Title,” set off by commas right after a noun: ", “The Quiet Fleet,” spoke"."""
    before = body[max(0, q.outer.start - 2) : q.outer.start]
    return before.endswith(", ") and body[q.span.end - 1 : q.span.end] == ","


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _continues(body: str, span: Span, last_paragraph: int) -> bool:
    """A quote in the paragraph of the last attributed quote, or opening the paragraph after it."""
    start = _paragraph_start(body, span.start)
    if start == last_paragraph:
        return True  # “…,” she said. … “More.” in the same paragraph
    if body[start : span.start].strip() not in {"“", '"', "„", "«"}:
        return False
    before = body[:start].rstrip()  # the previous paragraph, past any blank lines
    return bool(before) and _paragraph_start(body, len(before)) == last_paragraph


def _paragraph_start(body: str, offset: int) -> int:
    return body.rfind("\n", 0, offset) + 1


# --------------------------------------------------------------------------- block


def _block_quotes(body: str, parse: Parse, marked: tuple[Span, ...] = ()) -> list[_Found]:
    """The paragraph after an introduction that ends in a colon and reports speech, and the
    passages the source itself set off (an HTML <blockquote>), attributed by such an
    introduction where there is one."""
    paragraphs = [Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(body) if m.group(0).strip()]
    found = _introduced_blocks(body, parse, paragraphs)
    for span in marked:
        if any(f.span.overlaps(span) for f in found):
            continue
        before = [p for p in paragraphs if p.end <= span.start]
        att = _intro_of(body, parse, before[-1]) if before else None
        found.append(_Found(span, QuoteKind.BLOCK, att, (span,), "blockquote"))
    return found


def _intro_of(body: str, parse: Parse, intro: Span) -> Attribution | None:
    text = intro.text(body).rstrip()
    if not text.endswith(":"):
        return None
    colon = parse.token_at(intro.start + len(text) - 1)
    sentence = parse.sentence_of(colon) if colon is not None else None
    if colon is None or sentence is None:
        return None
    return intro_attribution(parse, sentence.first, colon)


def _introduced_blocks(body: str, parse: Parse, paragraphs: list[Span]) -> list[_Found]:
    found: list[_Found] = []
    for intro, passage in itertools.pairwise(paragraphs):
        att = _intro_of(body, parse, intro)
        if att is None:
            continue
        stripped = passage.text(body).strip()
        if stripped[:1] in {"“", '"', "„", "«"} and stripped[-1:] in {"”", '"', "»"}:
            continue  # a quoted paragraph is a direct quote, found with its colon intro
        lead = len(passage.text(body)) - len(passage.text(body).lstrip())
        span = Span(passage.start + lead, passage.start + lead + len(stripped))
        found.append(_Found(span, QuoteKind.BLOCK, att, (span,), "block"))
    return found


# --------------------------------------------------------------------------- reported


def _reported(body: str, parse: Parse, marks: list[Span], quoted: list[_Found]) -> list[_Found]:
    """Reported speech: the clause a speech verb governs.

    A clause whose quotation marks are this verb's own quotes is reported through them (a
    mixed quote); a clause that holds someone else's quote stops before it ("inspectors
    found corroded valves, [directly contradicting the minister’s assurance that “…”]").
    """
    found: list[_Found] = []
    taken = [q.span for q in quoted]
    tokens = parse.tokens
    for tok in tokens:
        if not (is_reporting(parse, tok.i) or _takes_a_stance(parse, tok.i)):
            continue
        if any(m.start <= tok.start < m.end for m in marks):
            continue
        subject = subject_of(parse, tok.i)
        if subject is not None and lemma_of(tok.text) in WEAK_VERBS and not _can_know(parse, subject):
            continue  # "the impact suggests …", "courts are still ordering …": not a source
        complement = None
        if subject is not None:
            complement = _complement(parse, tok.i) or _parenthetical(parse, tok.i, subject)
        if subject is None or complement is None:
            continue
        content, head = complement
        if content.start <= tokens[subject].start < content.end and head is not None:
            continue
        inner = [q for q in quoted if q.span.overlaps(content)]
        if any(q.kind == QuoteKind.BLOCK for q in inner):
            continue
        if any(q.attribution and q.attribution.verb == tok.i for q in inner):
            # a mixed quote: reported through its quotes, but a conjoined clause without
            # marks is reported speech of its own ("… “made no decision” and would not do so …")
            for clause in _unquoted_conjuncts(parse, head, inner):
                trimmed = _trim(body, clause)
                if not trimmed or len(trimmed.text(body).split()) < _MIN_REPORTED_WORDS:
                    continue
                if not any(t.overlaps(trimmed) for t in taken):
                    att = Attribution(cue_span(parse, tok.i), subject, tok.i, "reported")
                    found.append(_Found(trimmed, QuoteKind.INDIRECT, att, (trimmed,), "conjunct"))
                    taken.append(trimmed)
            continue
        if inner:
            cut = _cut_before(parse, head, inner[0].span)
            content = Span(content.start, cut) if cut is not None and cut > content.start else content
        trimmed = _trim(body, content)
        short_ok = head is not None and tokens[head].dep in {"dobj", "pobj"}  # "endorsed Cruz", "the wall"
        if trimmed is None or (len(trimmed.text(body).split()) < _MIN_REPORTED_WORDS and not short_ok):
            continue
        if any(t.overlaps(trimmed) for t in taken):
            continue
        cue = cue_span(parse, tok.i)
        how = "clause" if head is not None else "parenthetical" if content.start <= tokens[subject].start else "object"
        found.append(_Found(trimmed, QuoteKind.INDIRECT, Attribution(cue, subject, tok.i, "reported"), (trimmed,), how))
        taken.append(trimmed)
    found.extend(_according_to(body, parse, marks, taken))
    return found


_KICKERS = frozenset(
    "the latest|breaking|breaking news|exclusive|watch|look|update|updated|live|opinion|analysis|editorial|"
    "explainer|video|photos|factbox|fact check|q&a|read|listen|correction|sponsored|source|sources|photo|image|"
    "credit|credits|tags|tag|filed under|via|note|editor's note|editor’s note|related|see also|read more|disclosure|"
    "topics|category|categories|share|follow|contact|email|published|posted|updated on|by".split("|")
)
_MAX_LABEL_TOKENS = 6
_MAX_LINE_WORDS = 30


def _labelled_lines(body: str, parse: Parse, found: list[_Found]) -> list[_Found]:
    """Headline-style attributions: "Graham: Trump’s rhetoric is destroying the party",
    "Mayor Okonkwo: “We are not leaving”" — a short line, a name or role, a colon, what they said."""
    out: list[_Found] = []
    tokens = parse.tokens
    for line in _PARAGRAPH.finditer(body):
        text = line.group(0)
        colon = text.find(": ")
        if colon <= 0 or len(text.split()) > _MAX_LINE_WORDS or text[:colon].strip().lower() in _KICKERS:
            continue
        first, last = parse.token_at(line.start()), parse.token_at(line.start() + colon)
        if first is None or last is None or not 0 < last - first <= _MAX_LABEL_TOKENS:
            continue
        label = tokens[first:last]
        if any(t.pos in {"VERB", "AUX", "PRON", "ADP", "SCONJ"} for t in label) or not label[0].text[:1].isupper():
            continue
        content = _trim(body, Span(line.start() + colon + 1, line.end()))
        if content is None or len(content.text(body).split()) < 2:
            continue
        if any(f.span.overlaps(content) and f.kind != QuoteKind.DIRECT for f in found):
            continue
        head = max(range(first, last), key=lambda i: (tokens[i].pos in {"PROPN", "NOUN"}, i))
        att = Attribution(Span(tokens[last].start, tokens[last].end), head, None, "label")
        kind = QuoteKind.DIRECT if any(ch in content.text(body) for ch in '“”"') else QuoteKind.INDIRECT
        found_inside = [f for f in found if content.contains(f.span)]
        for f in found_inside:
            found.remove(f)  # the line's own quotation marks are part of the labelled statement
        out.append(_Found(content, kind, att, (content,), "label"))
    return out


_MAX_HEADLINE_WORDS = 25
_MAX_HEADLINE_SUBJECT = 6
_HEADLINE_SUBJECT_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"})
_OBJECT_START = frozenset({"PROPN", "DET", "ADJ", "NOUN", "PRON"})
_EVIDENCE_VERBS = frozenset({"show", "find", "signal", "indicate", "see"})  # "favorite TV shows sound …"


def _headline(body: str, parse: Parse, found: list[_Found]) -> list[_Found]:
    """A headline that reports ("Rose Bowl skywriters blast Trump", "Glenn Beck Blasts
    Drudge for …"), which the parser, reading title case, often gets wrong: the first line,
    a short noun phrase, a reporting or stance verb, and what it reports."""
    line = _PARAGRAPH.search(body)
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
        lemma = _verb_lemma(lemma_of(tok.text))
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
    content = _trim(body, Span(tok.end, line.end()))
    if content is None or any(f.span.overlaps(content) for f in found):
        return []
    att = Attribution(Span(tok.start, tok.end), k - 1, k, "headline")
    return [_Found(content, QuoteKind.INDIRECT, att, (content,), "headline")]


def _takes_a_stance(parse: Parse, i: int) -> bool:
    """A verb that attributes a position rather than words ("endorsed Cruz", "supports a
    ban", "wants a recount"): reported the way speech is, from its object."""
    tok = parse.tokens[i]
    if tok.pos != "VERB" or tok.dep == "amod":
        return False
    lemma = _verb_lemma(tok.lower)
    if lemma in _TOPIC_VERBS and tok.dep in {"xcomp", "advcl"}:
        return True  # "came on the show to talk about the border"
    if lemma not in STANCE_VERBS:
        return False
    return not any(parse.tokens[c].tag == "TO" for c in children(parse, i))


def _verb_lemma(word: str) -> str:
    """The stance or topic verb a form belongs to ("endorsed" → "endorse"), else the word."""
    known = STANCE_VERBS | _TOPIC_VERBS
    if word in known:
        return word
    irregular = {"spoke": "speak", "spoken": "speak", "wrote": "write", "written": "write", "told": "tell"}
    if word in irregular:
        return irregular[word]
    for suffix in ("ing", "ed", "es", "s", "d"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix):
            for candidate in (stem, stem + "e", stem[:-1]):
                if candidate in known:
                    return candidate
    return word


def _can_know(parse: Parse, subject: int) -> bool:
    """A subject that can believe, find or show something: a person or group, a pronoun for
    one, or a document."""
    tok = parse.tokens[subject]
    if tok.ent_type in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    if tok.pos == "PRON":
        return tok.lower not in {"it", "that", "this", "which", "what"}
    return tok.lower in SOURCE_NOUNS or tok.lower in TITLE_WORDS or tok.lower in INSTITUTION_NOUNS


def _unquoted_conjuncts(parse: Parse, head: int | None, inner: list[_Found]) -> list[Span]:
    if head is None:
        return []
    spans = []
    for c in children(parse, head):
        if parse.tokens[c].dep != "conj" or c < head:
            continue
        span = token_span(parse, *subtree(parse, c))
        if not any(q.span.overlaps(span) for q in inner):
            spans.append(span)
    return spans


def _parenthetical(parse: Parse, verb: int, subject: int) -> tuple[Span, int | None] | None:
    """ "Dockworkers … will vote …, their union said, after talks …" and "What it couldn't
    survive, Achterberg said, was …": a speech verb set off by commas reports its sentence."""
    tokens = parse.tokens
    sentence = parse.sentence_of(verb)
    if sentence is None or any(tokens[c].dep in {"ccomp", "dobj", "xcomp"} for c in children(parse, verb)):
        return None
    first = subtree(parse, subject)[0]
    if first - 1 <= sentence.first + 2 or tokens[first - 1].text != "," or subject > verb:
        return None
    end = verb + 1  # "…, their union said, after talks …" — not "…, Grossi said in a statement that …"
    while end < sentence.last and tokens[end].pos != "PUNCT":
        if end - verb > 6 or tokens[end].dep in {"mark", "ccomp", "acl", "relcl"}:
            return None
        end += 1
    after = verb + 1
    if after < sentence.last and tokens[after].text == ",":
        rest = after + 1
        if rest < sentence.last and tokens[rest].dep not in {"prep", "mark", "advcl", "advmod", "npadvmod"}:
            return token_span(parse, sentence.first, sentence.last), None  # the clause runs on past it
    return token_span(parse, sentence.first, first - 1), None


def _cut_before(parse: Parse, head: int | None, quote: Span) -> int | None:
    """The offset where the content head's dependent that holds ``quote`` begins."""
    indices = tokens_in(parse, quote)
    if head is None or not indices:
        return None
    i = root_of(parse, indices)
    for _ in range(12):
        up = parse.tokens[i].head
        if up == head:
            first = subtree(parse, i)[0]
            return parse.tokens[first - 1].end if first > 0 else None
        if up == i:
            return None
        i = up
    return None


def _complement(parse: Parse, verb: int) -> tuple[Span, int | None] | None:
    """The reported content of a speech verb, and the token heading it when there is one."""
    tokens = parse.tokens
    lemma = lemma_of(tokens[verb].text)
    if lemma == tokens[verb].lower:
        lemma = _verb_lemma(lemma)  # "endorsed", "declined": not speech verbs, reported all the same
    kids = children(parse, verb)
    if lemma == "call":  # "called instead for [the province to rebuild …]"
        for c in kids:
            marks = [m for m in children(parse, c) if tokens[m].dep == "mark" and tokens[m].lower in {"for", "on"}]
            if tokens[c].dep == "advcl" and marks and marks[0] > verb:
                return token_span(parse, marks[0] + 1, subtree(parse, c)[1]), c
    clauses = [c for c in kids if tokens[c].dep == "ccomp"]
    if clauses:  # a clause after the verb wins over one before it ("In … that X had …, Y warned that …")
        after = [c for c in clauses if c > verb]
        head = after[0] if after else clauses[-1]
        return token_span(parse, *subtree(parse, head)), head
    objects = [c for c in kids if tokens[c].dep == "dobj"]
    preps = [c for c in kids if tokens[c].dep == "prep" and tokens[c].lower in {"of", "for", "on"}]
    xcomps = [c for c in kids if tokens[c].dep == "xcomp"]
    if lemma in _OBJECT_VERBS and objects and preps and preps[0] > objects[0]:
        first = subtree(parse, objects[0])[0]
        return token_span(parse, first, subtree(parse, preps[0])[1]), None
    if lemma == "call" and preps:  # "called for [X to Y]", "called on [X to Y]"
        clauses = [c for c in kids if tokens[c].dep in {"xcomp", "advcl", "ccomp"} and c > preps[0]]
        last = max([subtree(parse, preps[0])[1], *(subtree(parse, c)[1] for c in clauses)])
        return token_span(parse, preps[0] + 1, last), None
    if lemma in _INFINITIVE_VERBS and xcomps:
        target = xcomps[0]
        first = subtree(parse, objects[0])[0] if objects and objects[0] < target else subtree(parse, target)[0]
        return token_span(parse, first, subtree(parse, target)[1]), target
    if objects and _content_object(parse, lemma, objects[0]):
        # "announced the lawsuit", "called the charges unsubstantiated", "denied wrongdoing"
        obj = objects[0]
        end = subtree(parse, obj)[1]
        for c in kids:
            if c > obj and (tokens[c].dep == "oprd" or (tokens[c].dep == "prep" and tokens[c].lower in {"as", "for"})):
                end = max(end, subtree(parse, c)[1])
        return token_span(parse, subtree(parse, obj)[0], end), obj
    topics = [c for c in kids if tokens[c].dep == "prep" and tokens[c].lower in {"about", "of", "on"} and c > verb]
    if topics and lemma in _TOPIC_VERBS:  # "talked about the wall", "warned of a crisis"
        objs = [g for g in children(parse, topics[0]) if tokens[g].dep in {"pobj", "pcomp"}]
        if objs:
            return token_span(parse, *subtree(parse, objs[0])), objs[0]
    return None


def _content_object(parse: Parse, lemma: str, obj: int) -> bool:
    """The object is what was said, not to whom ("told reporters", "asked Clinton")."""
    tok = parse.tokens[obj]
    if lemma in _HEARER_VERBS:
        return lemma == "ask" and tok.ent_type not in {"PERSON", "ORG", "NORP", "GPE"} and tok.pos == "NOUN"
    return not (tok.pos == "PRON" and tok.lower in {"it", "this", "that", "them", "him", "her", "us", "me", "you"})


def _according_to(body: str, parse: Parse, marks: list[Span], taken: list[Span]) -> list[_Found]:
    found: list[_Found] = []
    tokens = parse.tokens
    for tok in tokens:
        if tok.lower != "according" or tok.i + 1 >= len(tokens) or tokens[tok.i + 1].lower != "to":
            continue
        sentence = parse.sentence_of(tok.i)
        objs = [c for c in children(parse, tok.i + 1) if tokens[c].dep == "pobj"]
        if sentence is None or not objs:
            continue
        phrase_first, phrase_last = tok.i, subtree(parse, tok.i + 1)[1]
        if phrase_first - sentence.first > sentence.last - phrase_last:
            content = token_span(parse, sentence.first, phrase_first)
        else:
            content = token_span(parse, phrase_last, sentence.last)
        trimmed = _trim(body, content)
        if trimmed is None or len(trimmed.text(body).split()) < _MIN_REPORTED_WORDS:
            continue
        if any(m.overlaps(trimmed) for m in marks) or any(t.overlaps(trimmed) for t in taken):
            continue
        cue = Span(tok.start, tokens[tok.i + 1].end)
        att = Attribution(cue, objs[0], None, "according")
        found.append(_Found(trimmed, QuoteKind.INDIRECT, att, (trimmed,), "according"))
        taken.append(trimmed)
    return found


_TRIM_CHARS = " \t\n,;:.—–-"


def _trim(body: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and body[start] in _TRIM_CHARS:
        start += 1
    while end > start and body[end - 1] in _TRIM_CHARS:
        end -= 1
    return Span(start, end) if end > start else None


class QuotesStage(Stage):
    """Direct, block and reported quotes with their cues and speakers."""

    name = "quotes"
    version = "2"
    needs = frozenset({"article", "parse", "entities"})
    gives = frozenset({"quotes"})

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.article is not None and analysis.parse is not None
        quotes = find_quotes(analysis.article, analysis.parse, analysis.entities)
        return replace(analysis, quotes=quotes)
