"""Helpers of the speaker tests: a passage analysed up to its quotes, the speaker of a quote,
the indirect quotes of an analysis, and a parse built by hand."""

from __future__ import annotations

from wiretrace.model import Analysis, Parse, RawDocument, Sentence, Span, Token

__all__ = ["analyse", "hand_parse", "indirect", "speaker_of"]


def analyse(text: str) -> Analysis:
    from wiretrace.analyze_api import Item, _start  # noqa: PLC0415 - loads spaCy on use
    from wiretrace.registry import build_pipeline  # noqa: PLC0415

    doc = RawDocument(ref="test", media_type="text/plain", text=text, meta=(("published", "2024-03-05"),))
    result = build_pipeline(["quotes"]).run(_start(Item(name="test", doc=doc), None))
    assert isinstance(result, Analysis)
    return result


def speaker_of(analysis: Analysis, words: str) -> str | None:
    for quote in analysis.quotes:
        if words in quote.text:
            return quote.speaker.name if quote.speaker is not None else None
    raise AssertionError(f"no quote holds {words!r}: {[q.text for q in analysis.quotes]}")


def indirect(analysis: Analysis) -> dict[str, str | None]:
    return {q.text: (q.speaker.name if q.speaker else None) for q in analysis.quotes if q.kind.value == "indirect"}


def hand_parse(rows: list[tuple[str, str, str, str, int, str]]) -> tuple[str, Parse]:
    """A parse built by hand, one (text, pos, tag, dep, head, entity type) row a token, the
    tokens joined by single spaces but for punctuation, which sticks to the word before."""
    body, tokens = "", []
    for i, (text, pos, tag, dep, head, ent) in enumerate(rows):
        if body and not (pos == "PUNCT" and text not in {"“"}) and not body.endswith("“"):
            body += " "
        start = len(body)
        body += text
        tokens.append(
            Token(
                i=i, start=start, end=len(body), text=text, lower=text.lower(), lemma=text.lower(), pos=pos,
                tag=tag, dep=dep, head=head, ent_iob="B" if ent else "O", ent_type=ent, space=True,
            )
        )  # fmt: skip
    sentence = Sentence(span=Span(0, len(body)), first=0, last=len(tokens))
    return body, Parse(tokens=tuple(tokens), sentences=(sentence,), ents=(), noun_chunks=())
