"""Pair quotation marks into quoted stretches — without a parse, over the whole body.

Handles curly and straight double marks, guillemets, doubled apostrophes and backticks
(''…'' and ``…'', the typewriter convention of news archives and of text that went through
a treebank tokenizer), nesting (a ‘single’ or “double” quote inside a quote), apostrophes
(never marks: single quotes only nest), quotes that run on into the next paragraph (the news
convention: the paragraph ends open and the next one reopens with a mark), and paragraphs that
open a quote and never close it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiretrace.model import Span

__all__ = [
    "CLOSING_MARKS",
    "CLOSING_TOKENS",
    "OPENING_MARKS",
    "OPENING_TOKENS",
    "Quoted",
    "closing_mark",
    "find_quoted",
    "opening_mark",
]

# Tokens (spaCy's) that open or close a quotation: "''" is one token, "``" two "`".
OPENING_TOKENS = frozenset({"“", '"', "„", "«", "''", "`"})
CLOSING_TOKENS = frozenset({"”", '"', "»", "''"})
# The same marks as text, the doubled ones first so that the longest is read.
OPENING_MARKS = ("''", "``", "“", '"', "„", "«")
CLOSING_MARKS = ("''", "”", '"', "»")
OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
_MARKS = re.compile(r'[“”„«»"]')
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")  # a line with text; blank lines (spaces, \r) are gaps
_BEFORE_OPEN = frozenset(" \t\n([{—–-/:;,")
_MIN_UNCLOSED_WORDS = 5
_DOUBLED = re.compile(r"''|``")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A stretch of text inside quotation marks; ``fragments`` are the inner spans (one per paragraph)."""

    fragments: tuple[Span, ...]
    closed: bool = True
    widths: tuple[int, int] = (1, 1)  # characters of the opening and closing marks ('' is two)

    @property
    def span(self) -> Span:
        return Span(self.fragments[0].start, self.fragments[-1].end)

    @property
    def outer(self) -> Span:
        """The span with its marks (where present)."""
        opening, closing = self.widths
        return Span(max(0, self.fragments[0].start - opening), self.fragments[-1].end + (closing if self.closed else 0))


def opening_mark(text: str) -> str:
    """The double quotation mark ``text`` opens with, or "" when there is none."""
    return next((m for m in OPENING_MARKS if text.startswith(m)), "")


def closing_mark(text: str) -> str:
    """The double quotation mark ``text`` ends with, or "" when there is none."""
    return next((m for m in CLOSING_MARKS if text.endswith(m)), "")


def _is_opening_straight(body: str, i: int, is_open: bool) -> bool:
    before = body[i - 1] if i > 0 else "\n"
    after = body[i + 1] if i + 1 < len(body) else "\n"
    if is_open and before in ",.?!" and after.isalpha():
        return False  # "… to different audiences,"Katie Packer said": a closing mark, the space after it missed
    if before in _BEFORE_OPEN and not after.isspace():
        return True
    if after.isspace() or after in ".,;:!?)]}—–-":
        return False
    return not is_open


def _view(body: str) -> str:
    """``body`` with each doubled mark written as a space and a straight double mark, the mark
    on the side of the quoted words ('' opening "''We" → ' "We', closing "now,''" → 'now," '):
    the same length, so every offset found in the view is one in ``body``."""
    if "''" not in body and "``" not in body:
        return body

    def swap(m: re.Match[str]) -> str:
        before = body[m.start() - 1] if m.start() > 0 else "\n"
        after = body[m.end()] if m.end() < len(body) else "\n"
        if (before.isspace() or before in _BEFORE_OPEN) and not after.isspace() and after not in _AFTER_CLOSE:
            return ' "'  # opens: "''We", "(``Yes"
        if m.group(0) == "''" and not before.isspace() and (after.isspace() or after in _AFTER_CLOSE):
            return '" '  # closes: "now,'' she", "yes.''"
        return m.group(0)  # two apostrophes inside a word

    return _DOUBLED.sub(swap, body)


def find_quoted(body: str) -> list[Quoted]:
    """Every top-level quoted stretch, in order. Nested quotes stay inside their parent."""
    view = _view(body)
    found = _paired(view)
    return found if view is body else [_with_widths(body, q) for q in found]


def _with_widths(body: str, q: Quoted) -> Quoted:
    start, end = q.fragments[0].start, q.fragments[-1].end
    opening = 2 if body[max(0, start - 2) : start] in ("''", "``") else 1
    closing = 2 if body[end : end + 2] == "''" else 1
    return Quoted(fragments=q.fragments, closed=q.closed, widths=(opening, closing))


def _paired(body: str) -> list[Quoted]:
    found: list[Quoted] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(body)]
    pending: list[Span] = []  # fragments of a quote running on from earlier paragraphs
    for n, (p_start, p_end) in enumerate(paragraphs):
        depth = 1 if pending else 0
        low_open = False
        open_at = p_start if pending else -1
        if pending:  # the run-on quote reopens with a mark at the paragraph start
            first = _first_mark(body, p_start, p_end)
            open_at = (first + 1) if first is not None else p_start
        for m in _MARKS.finditer(body, open_at if pending else p_start, p_end):
            i, ch = m.start(), m.group(0)
            if pending and i < open_at:
                continue
            if ch == "“" and depth > 0 and (low_open or _closes(body, i)):
                opening = False  # the German pair „…“ closes with “; so does a mistyped “rapists“ while
            elif ch == "”" and depth == 0 and _opens(body, i):
                opening = True  # a mistyped ”Yes
            else:
                opening = ch in OPENERS or (ch == STRAIGHT and _is_opening_straight(body, i, depth > 0))
            if opening:
                if depth == 0:
                    open_at = i + 1
                    low_open = ch == "„"
                depth += 1 if (ch != STRAIGHT or depth == 0) else 0
            elif depth > 0:
                depth -= 1
                if depth == 0:
                    found.append(Quoted(fragments=(*pending, Span(open_at, i))))
                    pending = []
        if depth > 0:
            fragment = Span(open_at, _trim_end(body, open_at, p_end))
            if n + 1 < len(paragraphs) and _first_mark(body, *paragraphs[n + 1]) == _skip_space(
                body, paragraphs[n + 1][0]
            ):
                pending = [*pending, fragment]
            else:
                fragment = _before_inner_tag(body, fragment)
                if len(body[fragment.start : fragment.end].split()) >= _MIN_UNCLOSED_WORDS:
                    found.append(Quoted(fragments=(*pending, fragment), closed=False))
                pending = []
    return [q for q in found if len(q.span) > 0]


# ", said Kessel," / ", she added." inside a quote that never closes: the closing mark was left out
_INNER_TAG = re.compile(
    r",[ \t]+(?:said|says|added|adds|told|explained|wrote|asked)[ \t]+(?:[A-Z][\w’'.-]*|he|she|they)\b"
    r"|,[ \t]+(?:[A-Z][\w’'.-]*|he|she|they)[ \t]+(?:said|says|added|adds|explained|wrote|asked)\b[.,]"
)


def _before_inner_tag(body: str, fragment: Span) -> Span:
    """An unclosed quote cut where a speech tag inside it begins ("… papers to keep, said Kessel,
    whose group …": the quote is "… papers to keep,"), else as it is."""
    tag = _INNER_TAG.search(body, fragment.start, fragment.end)
    return fragment if tag is None else Span(fragment.start, tag.start() + 1)


def _closes(body: str, i: int) -> bool:
    """A mark at ``i`` in a closing place: right after a word, before a space or punctuation."""
    after = body[i + 1] if i + 1 < len(body) else "\n"
    return (
        i > 0
        and not body[i - 1].isspace()
        and body[i - 1] not in _BEFORE_OPEN
        and (after.isspace() or after in _AFTER_CLOSE)
    )


def _opens(body: str, i: int) -> bool:
    """A mark at ``i`` in an opening place: after a space, right before a word."""
    before = body[i - 1] if i > 0 else "\n"
    return (before.isspace() or before in _BEFORE_OPEN) and i + 1 < len(body) and body[i + 1].isalnum()


def _first_mark(body: str, start: int, end: int) -> int | None:
    pos = _skip_space(body, start)
    if pos < end and (body[pos] in OPENERS or body[pos] == STRAIGHT):
        return pos
    return None


def _skip_space(body: str, pos: int) -> int:
    while pos < len(body) and body[pos] in " \t":
        pos += 1
    return pos


def _trim_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1].isspace():
        end -= 1
    return end
