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
from dataclasses import replace

from wiretrace.analyze.attribution import attribute, topic_attribution
from wiretrace.analyze.candidates import PARAGRAPH, Attribution, Found, trim
from wiretrace.analyze.claims import claim_span
from wiretrace.analyze.colons import intro_attribution
from wiretrace.analyze.cues import is_speech_verb
from wiretrace.analyze.labelled import headline, labelled_lines
from wiretrace.analyze.quote_confidence import SPAN_CONFIDENCE, attribution_confidence
from wiretrace.analyze.quotemarks import OPENING_MARKS, Quoted, closing_mark, find_quoted, opening_mark
from wiretrace.analyze.reported import STANCE_VERBS, find_reported, verb_lemma
from wiretrace.analyze.scare_quotes import is_speech
from wiretrace.analyze.speakers import SpeakerResolver
from wiretrace.model import Analysis, Article, Entity, Mention, Parse, Quote, QuoteKind, Span, Speaker
from wiretrace.pipeline import Stage

__all__ = ["QuotesStage", "find_quotes"]

_INTERRUPTION = 160  # most characters between the two halves of an interrupted quote
# A second reporting verb that opens a statement of its own between two quotes: "adding",
# "before adding", "suggesting that", "going on to say", "who said", "and then tweeted that".
_NEW_STATEMENT = re.compile(
    r"\badd(?:ing|ed|s)?\b|\b[a-z]+ing\s+that\b|\bgoing on to\b|\bwho\s+(?:also\s+)?(?:said|says)\b"
    r"|^\W*(?:and|but)\s+(?:\w+\s+){0,2}(?:said|noted|tweeted|wrote|told|added|argued)\b",
    re.IGNORECASE,
)
_CONJOINED = re.compile(r",\s*(?:and|but)\b")
# "…,” Trump told reporters, before insisting he had a “great relationship”": a second speech
# verb whose reported clause holds the next quote, in the same sentence
_REPORTING_ON = re.compile(r"\b(?:before|after|while|then)\s+[a-z]+ing\b", re.IGNORECASE)
# The word right before a quote, with a comma or colon (:func:`_introduced`); at the end of a tag
# between two quotes ("…, including, “…”"), a second speech verb there, or a word that lists,
# opens what the speaker went on to say
_LEAD_IN = re.compile(r"\b([A-Za-z]+)\s*[,:]\s*$")
_LISTING = frozenset({"including", "namely"})
_PARTICIPLE = re.compile(r",\s+([a-z]+ing)\b")


def find_quotes(article: Article, parse: Parse, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Every quote in the body, in order, with cue and speaker where the text gives them."""
    body = article.body
    pieces = find_quoted(body)
    marks = [q.outer for q in pieces]  # each stretch with its marks; an interruption stays outside
    quoted = _merge_interrupted(body, pieces)
    blocks = _block_quotes(body, parse, article.blocks)
    found: list[Found] = list(blocks)
    for q in quoted:
        if any(b.span.contains(q.span) for b in blocks):
            continue  # a quote inside a block quote is part of it
        att = attribute(parse, q.fragments[0], marks)
        if att is None and len(q.fragments) > 1:
            att = attribute(parse, q.fragments[-1], marks)
        if is_speech(body, q, att):
            how = "marks" if q.closed else "unclosed"
            found.append(Found(q.span, QuoteKind.DIRECT, att, q.fragments, how if len(q.fragments) == 1 else "pieces"))
    found = _merge_partials(parse, found)
    found.extend(find_reported(body, parse, marks, list(found)))
    found.extend(labelled_lines(body, parse, found))
    found.extend(headline(body, parse, found))
    found.sort(key=lambda f: (f.span.start, -f.span.end))
    return _build(body, parse, entities, found, tuple(marks))


def _build(
    body: str, parse: Parse, entities: tuple[Entity, ...], found: list[Found], marks: tuple[Span, ...]
) -> tuple[Quote, ...]:
    resolver = SpeakerResolver(body, parse, entities, quoted=marks)
    quotes: list[Quote] = []
    last: tuple[Quote, int, bool] | None = None  # the last attributed quote, its paragraph start, a stance?
    for n, f in enumerate(found, start=1):
        speaker: Speaker | None = None
        cue: Mention | None = None
        rule = f.attribution.rule if f.attribution is not None else ""
        if f.attribution is not None:
            cue = Mention(span=f.attribution.cue, text=f.attribution.cue.text(body))
            if f.attribution.source is not None:
                speaker = resolver.resolve(f.attribution.source)
        elif f.kind == QuoteKind.DIRECT and last is not None and _continues(body, f.span, last[1], last[2]):
            carried = _unfinished(body, f.span, quotes, last[1]) or last[0]
            speaker, cue = carried.speaker, carried.cue  # a paragraph that carries on the last quote
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
        same = next((i for i, q in enumerate(quotes) if q.span == quote.span and q.kind == quote.kind), None)
        if same is not None:  # two partial quotes of one reported clause: one statement, both fragments
            fragments = tuple(sorted({*quotes[same].fragments, *quote.fragments}, key=lambda s: (s.start, s.end)))
            quotes[same] = replace(quotes[same], fragments=fragments)
            continue
        quotes.append(replace(quote, id=f"q{len(quotes) + 1}"))
        if speaker is not None and not _aside(parse, f):
            last = (quote, _paragraph_start(body, f.span.start), _stance(parse, f))
    return tuple(quotes)


# What stands between a speech verb and the words it introduces whole: a comma or colon and the mark
_SET_OFF = frozenset(f"{p}{m}" for p in ",:" for m in OPENING_MARKS) | {f"{p} {m}" for p in ",:" for m in OPENING_MARKS}


def _unfinished(body: str, span: Span, quotes: list[Quote], paragraph: int) -> Quote | None:
    """ "He said, “Lund will build the wall” – at which point the crowd chanted “Build the
    wall!” – “and keep the town safe.”": words that open in lower case finish the last quote
    of the paragraph left without a full stop, not the one just before them."""
    if not span.text(body)[:1].islower():
        return None
    for quote in reversed(quotes):
        if quote.span.start < paragraph:
            return None
        finished = quote.text.rstrip(" ”\"'’").endswith((".", "!", "?"))
        if quote.kind == QuoteKind.DIRECT and quote.speaker is not None and not finished:
            return quote
    return None


def _aside(parse: Parse, f: Found) -> bool:
    """ "“…!” Lomax declared, a point he makes after shows during which callers asked how much
    he earns. “…”": a statement reported in a relative clause is an aside the next quote does
    not carry on."""
    verb = f.attribution.verb if f.attribution is not None else None
    return f.kind == QuoteKind.INDIRECT and verb is not None and parse.tokens[verb].dep == "relcl"


def _stance(parse: Parse, f: Found) -> bool:
    """ "clinics for women who want treatment": a stance reported without quotation marks."""
    verb = f.attribution.verb if f.attribution is not None else None
    return f.kind == QuoteKind.INDIRECT and verb is not None and verb_lemma(parse.tokens[verb].lower) in STANCE_VERBS


def _with_reported_clause(body: str, parse: Parse, quote: Quote) -> Quote:
    """A partial quote inside the clause its verb reports is that whole statement: Grossi
    said [that no “visible indications of mines or explosives” have been observed]; where
    the parse does not join cue and quote, the rest of the cue's sentence. The quoted words
    stay in ``fragments``."""
    if quote.kind != QuoteKind.DIRECT or quote.cue is None or quote.cue.span.start > quote.span.start:
        return quote
    if body[quote.cue.span.end : quote.span.start].strip() in _SET_OFF:
        return quote  # "When a man shouted, “Ray,” Lund joked, “…”": words set off after their verb
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
    return trim(body, Span(tokens[i].start, end))


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
    start += len(opening_mark(body[start:end]))
    end -= len(closing_mark(body[start:end]))
    return Span(start, end)


# --------------------------------------------------------------------------- direct


def _merge_interrupted(body: str, quoted: list[Quoted]) -> list[Quoted]:
    """“We will,” she said, “win.” is one quote with two fragments; so is
    “We will,” she said on Monday. “We always have.” — the attribution between belongs to both."""
    merged: list[Quoted] = []
    for q in quoted:
        if merged and _interrupts(body, merged[-1], q):
            prev = merged[-1]
            merged[-1] = Quoted(
                fragments=(*prev.fragments, *q.fragments), closed=q.closed, widths=(prev.widths[0], q.widths[1])
            )
            continue
        merged.append(q)
    return merged


def _interrupts(body: str, prev: Quoted, nxt: Quoted) -> bool:
    gap = body[prev.outer.end : nxt.outer.start]
    if not prev.closed or "\n" in gap or len(gap) > _INTERRUPTION:
        return False
    verbs = _speech_verbs(gap)
    if not verbs:
        return False
    first = re.search(rf"\b{verbs[0]}\b", gap)
    if first is not None and _CONJOINED.search(gap, 0, first.start()):
        return False  # "…,” for instance, and Trump vowed to “…”": a second statement, someone else's
    if (len(verbs) > 1 or gap.lstrip()[:4] in {"and ", "but "}) and _NEW_STATEMENT.search(gap):
        return False  # “…,” he said, adding that “…” — a second statement, reported on its own
    if len(verbs) > 1 and _REPORTING_ON.search(gap) and not gap.rstrip().endswith((".", "!", "?")):
        return False  # the next quote is a partial one inside the second verb's reported clause
    lead_in = _LEAD_IN.search(gap)
    if len(verbs) > 1 and lead_in is not None and lead_in.group(1).lower() in _LISTING | set(verbs[1:]):
        return False  # “…,” Sanders said, suggesting a few questions, including, “…”: what he went on to list
    if (
        len(verbs) > 1
        and any(is_speech_verb(m.group(1)) for m in _PARTICIPLE.finditer(gap))
        and not gap.rstrip().endswith((",", ":", ".", "!", "?", "—", "–"))
    ):
        return False  # “…,” Kiedis said, mentioning the album is “…”: a partial quote in the second verb's clause
    ends_open = body[prev.span.end - 1 : prev.span.end] in {",", "—", "–"} or gap.lstrip().startswith(",")
    if not ends_open or (_introduced(body, prev) and _NAMED_TAG.match(gap)):
        return False
    # one attribution clause: either it runs on (", she said, “…") or it is one sentence (". “…")
    stops = re.findall(r"[.!?](?=\s)", gap)
    if stops and _own_tag(body, nxt):
        return False  # “…,” Obama said. “…,” Biden said: the next sentence has a tag of its own
    return not stops or (len(stops) == 1 and gap.rstrip().endswith((".", "!", "?")))


_TAG_AFTER = re.compile(r"[^.!?\n“”\"]{0,80}")


def _own_tag(body: str, quote: Quoted) -> bool:
    """Whether a speech verb follows a quote in its sentence (“…,” Biden said; “…” to drive up
    the price, she said): its own tag, not the one before it. A quote that ends its sentence
    (“We always have.” Fenn said …) has none: what follows is another sentence."""
    if body[quote.span.end - 1 : quote.span.end] in {".", "!", "?", "…"}:
        return False
    after = _TAG_AFTER.match(body, quote.outer.end)
    return after is not None and bool(_speech_verbs(after.group(0)))


def _speech_verbs(text: str) -> list[str]:
    """The words of ``text`` that are speech verbs, in order, as written."""
    return [w for w in re.findall(r"[A-Za-z]+", text) if is_speech_verb(w)]


# "When a man in the crowd shouted, “…,” Lund joked, “…”": a speech verb and a comma or colon
# right before the first quote — it has its tag, and a name's tag after it opens another's words
# (not "…,” adding, “…”" nor "…,” she added, “…”", which go on with the same speaker)
_NAMED_TAG = re.compile(r"\W*[A-Z]")


def _introduced(body: str, quote: Quoted) -> bool:
    found = _LEAD_IN.search(body[max(0, quote.outer.start - 30) : quote.outer.start])
    return found is not None and is_speech_verb(found.group(1))


def _merge_partials(parse: Parse, found: list[Found]) -> list[Found]:
    """Partial quotes one verb reports in one sentence are one quote: the alliance pledged to
    “deliver the full range of forces” needed “for high-intensity … warfighting”."""
    merged: list[Found] = []
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
            merged[-1] = Found(span, QuoteKind.DIRECT, prev.attribution, (*prev.fragments, *f.fragments), "pieces")
            continue
        merged.append(f)
    return merged


def _same_sentence(parse: Parse, a: Span, b: Span) -> bool:
    first, last = parse.token_at(a.start), parse.token_at(max(b.start, b.end - 1))
    if first is None or last is None:
        return False
    return parse.sentence_of(first) == parse.sentence_of(last)


def _continues(body: str, span: Span, last_paragraph: int, stance: bool = False) -> bool:
    """A quote in the paragraph of the last attributed quote, or opening the paragraph after it
    (not after a ``stance``: "… clinics for women who want treatment. ¶ “…”" is not theirs)."""
    start = _paragraph_start(body, span.start)
    if start == last_paragraph:
        return True  # “…,” she said. … “More.” in the same paragraph
    if stance or body[start : span.start].strip() not in OPENING_MARKS:
        return False
    before = body[:start].rstrip()  # the previous paragraph, past any blank lines
    return bool(before) and _paragraph_start(body, len(before)) == last_paragraph


def _paragraph_start(body: str, offset: int) -> int:
    return body.rfind("\n", 0, offset) + 1


# --------------------------------------------------------------------------- block


def _block_quotes(body: str, parse: Parse, marked: tuple[Span, ...] = ()) -> list[Found]:
    """The paragraph after an introduction that ends in a colon and reports speech, and the
    passages the source itself set off (an HTML <blockquote>), attributed by such an
    introduction where there is one."""
    paragraphs = [Span(m.start(), m.end()) for m in PARAGRAPH.finditer(body) if m.group(0).strip()]
    found = _introduced_blocks(body, parse, paragraphs)
    for span in marked:
        if any(f.span.overlaps(span) for f in found):
            continue
        before = [p for p in paragraphs if p.end <= span.start]
        att = _intro_of(body, parse, before[-1]) if before else None
        found.append(Found(span, QuoteKind.BLOCK, att, (span,), "blockquote"))
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


def _introduced_blocks(body: str, parse: Parse, paragraphs: list[Span]) -> list[Found]:
    found: list[Found] = []
    for intro, passage in itertools.pairwise(paragraphs):
        att = _intro_of(body, parse, intro)
        if att is None:
            continue
        stripped = passage.text(body).strip()
        if opening_mark(stripped) and closing_mark(stripped):
            continue  # a quoted paragraph is a direct quote, found with its colon intro
        lead = len(passage.text(body)) - len(passage.text(body).lstrip())
        span = Span(passage.start + lead, passage.start + lead + len(stripped))
        found.append(Found(span, QuoteKind.BLOCK, att, (span,), "block"))
    return found


class QuotesStage(Stage):
    """Direct, block and reported quotes with their cues and speakers."""

    name = "quotes"
    version = "26"
    needs = frozenset({"article", "parse", "entities"})
    gives = frozenset({"quotes"})

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.article is not None and analysis.parse is not None
        quotes = find_quotes(analysis.article, analysis.parse, analysis.entities)
        return replace(analysis, quotes=quotes)
