"""A plain-text article → :class:`Article`: header, body and trailing provenance.

The layout read here is the common one of saved or pasted articles::

    Outlet                               (optional, short)
    Headline
    By Jane Roe and John Doe             (byline, optional; "Jane Roe | Outlet" too)
    July 5, 2023                         (date line, optional)

    Body paragraphs …

    Source: Outlet – Original title      (provenance: metadata, not body)
    Series or tag line                   (a short last line after the provenance → tags)

Decisions:

* The body is an exact slice of the (newline-normalised) text, from the first body line
  to the last, so offsets into it are offsets into the file's paragraphs.
* A wire tag at the start of the body ("WASHINGTON (AP) — …") **stays in the body** (it
  is part of the text as published) and the wire becomes ``source`` unless a provenance
  line names one.
* When the first line is already prose (a long sentence), there is no header: the whole
  text is the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wiretrace.extract.byline import Byline, parse_byline
from wiretrace.extract.credits import provenance_credit, wire_tag
from wiretrace.extract.dates import DateLine, date_line
from wiretrace.model import Article, PublishedSource, SourceCredit

__all__ = ["parse_plaintext", "split_trailer"]

MAX_HEADER_LINES = 8
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
MAX_OUTLET_WORDS = 6
MAX_TAG_WORDS = 14
_SENTENCE_END = re.compile(r"[.;,]['\"’”)]*$")
_TAGS_LINE = re.compile(
    r"^(?:tags?|filed\s+under|topics?|categories|category|keywords)\s*:\s*(?P<tags>.+)$", re.IGNORECASE
)
_TAGS_LABEL = re.compile(r"^(?:tags?|topics?|filed\s+under|keywords)\s*:?$", re.IGNORECASE)
# Promotions after an article: newsletter and follow-us lines, "Have a tip?" contact lines.
_PROMO = re.compile(
    r"\b(?:subscribe\s+to|sign\s+up\s+(?:for|to|here)|newsletters?\b.*\binbox|(?:in|to)\s+your\s+inbox|"
    r"follow\s+(?:us|him|her|them)\s+on|have\s+a\s+(?:news\s+)?tip\?|(?:can|may)\s+be\s+reached\s+at)",
    re.IGNORECASE,
)
MAX_PROMO_CHARS = 250
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved\.?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped


@dataclass(slots=True)
class _Header:
    titles: list[str] = field(default_factory=list)
    byline: Byline | None = None
    date: DateLine | None = None
    credit: SourceCredit | None = None
    body_start: int = 0


def parse_plaintext(text: str) -> Article:
    """Read ``text`` (newlines already ``\\n``) into an :class:`Article`; the body may be empty."""
    lines = _lines(text)
    header = _read_header(text, lines)
    rest = [ln for ln in lines if ln.start >= header.body_start]
    body_end, credit, tags = _read_trailer(rest)
    body = text[header.body_start : body_end].strip()
    if not body:  # everything looked like header: it was a short text, not a header
        header, body, credit, tags = _Header(), text.strip(), None, ()
    outlet, headline = _outlet_and_headline(header.titles)
    byline = header.byline or Byline()
    if outlet is None and byline.outlet is not None:
        outlet = byline.outlet
    credit = credit or header.credit
    wire = wire_tag(body) or byline.wire
    if credit is None and wire is not None:
        credit = SourceCredit(outlet=wire)
    published = header.date.date if header.date is not None else byline.date
    return Article(
        body=body,
        headline=headline,
        outlet=outlet,
        authors=byline.authors,
        published=published,
        published_source=PublishedSource.ARTICLE if published is not None else PublishedSource.NONE,
        source=credit,
        tags=tags,
    )


def split_trailer(text: str) -> tuple[str, SourceCredit | None, tuple[str, ...]]:
    """``text`` without its trailing provenance and tag lines, and what they said."""
    end, credit, tags = _read_trailer(_lines(text))
    return text[:end].strip(), credit, tags


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(position + lead, position + lead + len(stripped), stripped))
        position += len(raw) + 1
    return out


def _blocks(text: str, lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped into paragraphs (runs of lines with no blank line between them)."""
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and "\n" not in text[blocks[-1][-1].end : line.start].replace("\n", "", 1):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _read_header(text: str, lines: list[_Line]) -> _Header:
    header = _Header()
    seen = 0
    for block in _blocks(text, lines):
        trial = _Header(titles=list(header.titles), byline=header.byline, date=header.date, credit=header.credit)
        for index, line in enumerate(block):
            if index > 0 and line.text[:1].islower():
                return header  # a wrapped paragraph: prose
            if not _header_line(trial, line.text):
                return header
        seen += len(block)
        if seen > MAX_HEADER_LINES:
            return header
        header = trial
        header.body_start = block[-1].end
    return header


def _header_line(header: _Header, line: str) -> bool:
    """Record ``line`` in ``header`` if it is a header line; False when it is body."""
    if header.date is None and (found := date_line(line)) is not None:
        header.date = found
        return True
    if header.byline is None and (byline := _byline(line, after_title=bool(header.titles))) is not None:
        header.byline = byline
        return True
    if header.credit is None and (credit := provenance_credit(line)) is not None:
        header.credit = credit
        return True
    if header.byline is None and header.date is None and _title_like(line):
        header.titles.append(line)
        return True
    return False


def _byline(line: str, *, after_title: bool) -> Byline | None:
    if not after_title and not line.lower().startswith(("by", "written by")):
        return None  # "Name | Outlet" only reads as a byline under a headline
    return parse_byline(line)


def _title_like(line: str) -> bool:
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return False
    if not (line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"'“‘«¿¡"):
        return False
    return _SENTENCE_END.search(line) is None


def _outlet_and_headline(titles: list[str]) -> tuple[str | None, str | None]:
    if not titles:
        return None, None
    if len(titles) == 1:
        return None, titles[0]
    first, second = titles[0], titles[1]
    if len(first.split()) <= MAX_OUTLET_WORDS and ":" not in first:
        return first, second
    return None, first  # headline, then a deck


def _read_trailer(
    lines: list[_Line],
) -> tuple[int, SourceCredit | None, tuple[str, ...]]:
    """Where the body ends, and the credit and tags read from the lines after it."""
    if not lines:
        return 0, None, ()
    end = len(lines)
    credit: SourceCredit | None = None
    tags: list[str] = []
    while end > 1:
        line = lines[end - 1].text
        if (found := provenance_credit(line)) is not None:
            credit = credit or found
        elif (match := _TAGS_LINE.match(line)) is not None:
            tags = [t.strip() for t in re.split(r"[,;|]", match.group("tags")) if t.strip()] + tags
        elif _COPYRIGHT.search(line) or (len(line) <= MAX_PROMO_CHARS and _PROMO.search(line)):
            pass  # neither body nor metadata
        elif end == len(lines) and end > 2 and _TAGS_LABEL.match(lines[end - 2].text):
            tags = [t.strip() for t in re.split(r"[,;|]", line) if t.strip()] + tags
            end -= 1  # the list and its "Tags" label
        elif end == len(lines) and end > 2 and _tag_line(line) and provenance_credit(lines[end - 2].text):
            tags.insert(0, line)
        else:
            break
        end -= 1
    return lines[end - 1].end, credit, tuple(tags)


def _tag_line(line: str) -> bool:
    return len(line.split()) <= MAX_TAG_WORDS and re.search(r"[.!?]['\"’”)]*$", line) is None
