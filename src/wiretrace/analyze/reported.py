"""Reported speech: the clause, object or topic a reporting or stance verb governs, and the
sentence around "according to X", when it holds no quotation marks; and the report around a
report — the outer reporter whose account a quote is."""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.analyze.candidates import MIN_REPORTED_WORDS, Attribution, Found, in_any, trim
from wiretrace.analyze.cues import INSTITUTION_NOUNS, SOURCE_NOUNS, TITLE_WORDS, WEAK_VERBS, lemma_of
from wiretrace.analyze.phrases import children, root_of, subtree, token_span, tokens_in
from wiretrace.analyze.subjects import SUBJECT_DEPS, cue_span, is_reporting, subject_of
from wiretrace.model import Parse, QuoteKind, Span

__all__ = ["STANCE_VERBS", "find_reported", "outer_reporter", "verb_lemma"]

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


def find_reported(body: str, parse: Parse, marks: list[Span], quoted: list[Found]) -> list[Found]:
    """Reported speech: the clause a speech verb governs.

    A clause whose quotation marks are this verb's own quotes is reported through them (a
    mixed quote); a clause that holds someone else's quote stops before it ("inspectors
    found corroded valves, [directly contradicting the minister’s assurance that “…”]").
    """
    found: list[Found] = []
    taken = [q.span for q in quoted]
    tokens = parse.tokens
    for tok in tokens:
        if not (is_reporting(parse, tok.i) or _takes_a_stance(parse, tok.i)):
            continue
        if in_any(marks, tok.start):
            continue
        subject = subject_of(parse, tok.i, any_source=True)  # the clause's own subject, for its shape
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
                trimmed = trim(body, clause)
                if not trimmed or len(trimmed.text(body).split()) < MIN_REPORTED_WORDS:
                    continue
                if not any(t.overlaps(trimmed) for t in taken):
                    att = Attribution(cue_span(parse, tok.i), subject_of(parse, tok.i), tok.i, "reported")
                    found.append(Found(trimmed, QuoteKind.INDIRECT, att, (trimmed,), "conjunct"))
                    taken.append(trimmed)
            continue
        if inner:
            cut = _cut_before(parse, head, inner[0].span)
            content = Span(content.start, cut) if cut is not None and cut > content.start else content
        trimmed = trim(body, content)
        short_ok = head is not None and tokens[head].dep in {"dobj", "pobj"}  # "endorsed Cruz", "the wall"
        if trimmed is None or (len(trimmed.text(body).split()) < MIN_REPORTED_WORDS and not short_ok):
            continue
        if any(t.overlaps(trimmed) for t in taken):
            continue
        cue = cue_span(parse, tok.i)
        how = "clause" if head is not None else "parenthetical" if content.start <= tokens[subject].start else "object"
        source = subject_of(parse, tok.i)  # who speaks: not "It was reported that …", nor "the tone"
        source = _outer_source(parse, tok.i, source, trimmed, marks)
        found.append(Found(trimmed, QuoteKind.INDIRECT, Attribution(cue, source, tok.i, "reported"), (trimmed,), how))
        taken.append(trimmed)
    found.extend(_according_to(body, parse, marks, taken))
    return found


def _outer_source(parse: Parse, verb: int, source: int | None, content: Span, marks: list[Span]) -> int | None:
    """ "Clinton told officials that she wanted no escort, the source added": a clause whose
    report another report frames is the outer source's account, as a quote's is."""
    if source is None:
        return None
    inside = tokens_in(parse, content)

    def outside(i: int) -> bool:
        return not in_any(marks, parse.tokens[i].start)

    outer = outer_reporter(parse, verb, source, inside, outside) if inside else None
    return outer if outer is not None else source


def _takes_a_stance(parse: Parse, i: int) -> bool:
    """A verb that attributes a position rather than words ("endorsed Cruz", "supports a
    ban", "wants a recount"): reported the way speech is, from its object."""
    tok = parse.tokens[i]
    if tok.pos != "VERB" or tok.dep == "amod":
        return False
    lemma = verb_lemma(tok.lower)
    if lemma in _TOPIC_VERBS and tok.dep in {"xcomp", "advcl"}:
        return True  # "came on the show to talk about the border"
    if lemma not in STANCE_VERBS:
        return False
    return not any(parse.tokens[c].tag == "TO" for c in children(parse, i))


def verb_lemma(word: str) -> str:
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


def _unquoted_conjuncts(parse: Parse, head: int | None, inner: list[Found]) -> list[Span]:
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


# Words that open a clause about when or why, not what was said: "a voice says [as a photo is shown]"
_ADVERBIAL_MARKS = frozenset("as while when whenever because after before until since though although once".split())


def _adverbial(parse: Parse, clause: int) -> bool:
    """A clause the parser hung on a speech verb as its content that opens with "as", "while",
    "when", "because" …: an adverbial clause (the words were said as something happened)."""
    tokens = parse.tokens
    if any(tokens[c].dep == "mark" and tokens[c].lower in _ADVERBIAL_MARKS for c in children(parse, clause)):
        return True
    first = subtree(parse, clause)[0]  # "says [as] [a photo … is shown]": the word hung on the verb instead
    return first > 0 and tokens[first - 1].lower in _ADVERBIAL_MARKS and tokens[first - 1].head == tokens[clause].head


def _complement(parse: Parse, verb: int) -> tuple[Span, int | None] | None:
    """The reported content of a speech verb, and the token heading it when there is one."""
    tokens = parse.tokens
    lemma = lemma_of(tokens[verb].text)
    if lemma == tokens[verb].lower:
        lemma = verb_lemma(lemma)  # "endorsed", "declined": not speech verbs, reported all the same
    kids = children(parse, verb)
    if lemma == "call":  # "called instead for [the province to rebuild …]"
        for c in kids:
            marks = [m for m in children(parse, c) if tokens[m].dep == "mark" and tokens[m].lower in {"for", "on"}]
            if tokens[c].dep == "advcl" and marks and marks[0] > verb:
                return token_span(parse, marks[0] + 1, subtree(parse, c)[1]), c
    clauses = [c for c in kids if tokens[c].dep == "ccomp" and not _adverbial(parse, c)]
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
        if objs and not (tokens[topics[0]].lower == "on" and _when_or_where(parse, objs[0])):
            return token_span(parse, *subtree(parse, objs[0])), objs[0]
    return None


# What someone speaks on that is the medium, not the topic: "speaking on Radio 4's Today programme".
_MEDIA_NOUNS = frozenset("programme program show radio television tv channel station podcast broadcast air".split())


def _when_or_where(parse: Parse, obj: int) -> bool:
    """An object of "on" that says when or where the words were said, not what about: "wrote to
    him on Tuesday", "speaking on Radio 4's Today programme", "said on CNN"."""
    tok = parse.tokens[obj]
    return tok.ent_type in {"DATE", "TIME", "ORG", "FAC"} or tok.lower in _MEDIA_NOUNS


_IDIOMS = frozenset({("speak", "volumes"), ("say", "volumes"), ("tell", "volumes")})


def _completed(parse: Parse, obj: int) -> bool:
    """Whether what follows an object completes it: "called himself a democratic socialist",
    "described itself as …"."""
    tokens = parse.tokens
    return any(
        c > obj and (tokens[c].dep == "oprd" or (tokens[c].dep == "prep" and tokens[c].lower == "as"))
        for c in children(parse, tokens[obj].head)
    )


def _content_object(parse: Parse, lemma: str, obj: int) -> bool:
    """The object is what was said, not to whom ("told reporters", "asked Clinton")."""
    tok = parse.tokens[obj]
    if lemma in _HEARER_VERBS:
        return lemma == "ask" and tok.ent_type not in {"PERSON", "ORG", "NORP", "GPE"} and tok.pos == "NOUN"
    alone = subtree(parse, obj) == (obj, obj + 1) and not _completed(parse, obj)
    if alone and (tok.tag in {"PRP", "DT", "WDT", "WP"} or not tok.text[:1].isalnum() or len(tok.text) < 3):
        return False  # "much of what he was writing", "considers itself", "that": nothing said here
    if alone and (lemma, tok.lower) in _IDIOMS:
        return False  # "speaks volumes"
    return not (tok.pos == "PRON" and tok.lower in {"it", "this", "that", "them", "him", "her", "us", "me", "you"})


def _according_to(body: str, parse: Parse, marks: list[Span], taken: list[Span]) -> list[Found]:
    found: list[Found] = []
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
        trimmed = trim(body, content)
        if trimmed is None or len(trimmed.text(body).split()) < MIN_REPORTED_WORDS:
            continue
        if any(m.overlaps(trimmed) for m in marks) or any(t.overlaps(trimmed) for t in taken):
            continue
        cue = Span(tok.start, tokens[tok.i + 1].end)
        att = Attribution(cue, objs[0], None, "according")
        found.append(Found(trimmed, QuoteKind.INDIRECT, att, (trimmed,), "according"))
        taken.append(trimmed)
    return found


# --------------------------------------------------------------------------- reports of reports

# Arcs from a reporting verb up to one that reports its clause ("said that …, calling it")
_NESTING_DEPS = frozenset({"ccomp", "conj", "advcl"})
_NEST_HOPS = 12


def outer_reporter(
    parse: Parse, verb: int, source: int | None, inside: range, outside: Callable[[int], bool]
) -> int | None:
    """ "Brandt said that the ministers rejected it, calling it “a distraction”": a quote
    (token range ``inside``) whose reporting ``verb`` sits in the clause another reporting
    verb reports is the outer speaker's account: the subject of that outer verb ("Brandt"),
    where it is not ``source`` already; else None. The outer verb comes before the inner one
    or after the whole quote ("Brandt welcomed it, saying the plan was “dead,” the paper
    reported": the paper's account)."""
    tokens = parse.tokens
    if verb > inside.start:
        return None  # a tag after the quote ("“…,” the paper reported") is the quote's own
    i = verb
    through = False
    own_subject = any(tokens[c].dep in SUBJECT_DEPS for c in children(parse, verb))
    for _ in range(_NEST_HOPS):
        tok = tokens[i]
        if tok.dep == "relcl" and i == verb and (holder := _clause_of_noun(parse, tok.head)) is not None:
            i = holder  # "Penwell said the world lost a voice that said “…”": up to "lost"
            tok = tokens[i]
        if tok.head == i or tok.dep not in _NESTING_DEPS:
            return None
        if tok.dep == "advcl" and (tok.tag != "VBG" or any(tokens[c].dep in SUBJECT_DEPS for c in children(parse, i))):
            return None  # "after a woman told him …": a clause of its own, not the report's
        through = through or tok.dep == "ccomp"
        i = tok.head
        if verb < i < inside.stop or not outside(i) or i in inside:
            return None
        if i > inside.stop and _reports_its_own(parse, i):
            return None  # "26 percent say …; 11 percent say they have not": a statement of its own
        if i < verb and own_subject and not all(outside(k) for k in range(i + 1, verb)):
            return None  # "When a man shouted, “Ray,” Lund joked, “…”": the outer verb has its own quote
        if through and is_reporting(parse, i) and lemma_of(tokens[i].text) not in WEAK_VERBS:
            subject = subject_of(parse, i)
            if subject is None or subject == source or not outside(subject) or subject in inside:
                return None
            return subject
    return None


def _reports_its_own(parse: Parse, verb: int) -> bool:
    """Whether a reporting verb after a quote reports a clause or object after it, rather
    than standing as a bare tag ("…, the paper reported.")."""
    tokens = parse.tokens
    return any(c > verb and tokens[c].dep in {"ccomp", "dobj", "xcomp"} for c in children(parse, verb))


def _clause_of_noun(parse: Parse, noun: int) -> int | None:
    """The verb whose object (or object of a preposition) ``noun`` is: "lost [a voice]",
    "obtained [video] of …", "[in] a speech" — the clause a relative clause on it sits in."""
    tokens = parse.tokens
    i = noun
    for _ in range(4):
        tok = tokens[i]
        if tok.dep not in {"dobj", "pobj", "prep"} or tok.head == i:
            return None
        i = tok.head
        if tokens[i].pos in {"VERB", "AUX"}:
            return i
    return None
