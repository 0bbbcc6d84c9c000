"""Bylines and author names: "By Jane Roe and John Doe", "Jane Roe | The Daily Planet".

:func:`parse_byline` reads a byline line of plain text; :func:`clean_authors` cleans the
names HTML metadata gives (dropping "3 Hours Ago", "5 Minute Read", organisations) and
moves wire services ("Associated Press", "CNN Wire") out of the authors into a credit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from wiretrace.extract.credits import canonical_wire
from wiretrace.extract.dates import date_line, find_date

__all__ = ["Byline", "clean_authors", "looks_like_person", "parse_byline", "split_names"]

_BY = re.compile(
    r"^(?:written\s+|words\s+|story\s+|reporting\s+|(?:re)?posted\s+|compiled\s+|edited\s+)?by[:\s]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_FIELD_SEP = re.compile(r"\s+[|·•]\s+|\s+[–—]\s+|\s+-\s+")
_NAME_SEP = re.compile(r"\s*(?:,\s*and\s+|,|;|\s+and\s+|\s+&\s+)\s*", re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PARTICLES = _words("""de da del della der den di du la le van von bin ibn al el y e dos das do ter ten st. mac mc""")
_SUFFIXES = _words("""jr jr. sr sr. ii iii iv phd ph.d. md""")
_ORG_WORDS = _words(
    """news times post press agency media herald journal tribune network wire service services staff
    writer writers reporter reporters correspondent correspondents editor editors editorial
    contributor contributors desk team daily weekly magazine gazette online radio tv television
    channel broadcasting corporation corp inc ltd llc group foundation institute university review
    report today observer guardian telegraph independent chronicle courier mirror express monitor
    dispatch bulletin digest insider blog newsroom bureau board committee council department
    ministry office association company club center centre society union party the of for"""
)
_JUNK = re.compile(
    r"\b(?:ago|min(?:ute)?s?\s+read|read(?:ing)?\s+time|updated|published|posted|share|follow|email|"
    r"twitter|facebook|subscribe|comments?|view\s+all|more\s+from|profile|photos?|video)\b|@|https?://|www\.",
    re.IGNORECASE,
)
_ROLES = re.compile(
    r"^(?:staff|staff\s+writers?|staff\s+reporters?|special\s+correspondent|correspondent|editor|editors|"
    r"contributor|guest\s+author|admin|administrator|anonymous|unknown|none|null|n/a)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    wire: str | None = None
    date: dt.date | None = None


def parse_byline(line: str) -> Byline | None:
    """A :class:`Byline` when ``line`` is one, else None.

    Shapes: "By X", "by X and Y", "By X, Y and Z", "By X, Outlet", "By X | July 5, 2023",
    "X | Outlet" (names before the bar), "By The Associated Press".
    """
    line = " ".join(line.split())
    if not line or len(line) > 200:
        return None
    match = _BY.match(line)
    if match is not None:
        fields = _FIELD_SEP.split(match.group("rest"))
    else:
        fields = _FIELD_SEP.split(line)
        names = split_names(fields[0])
        if len(fields) < 2 or not names or not all(looks_like_person(n) for n in names):
            return None
    authors: list[str] = []
    outlet: str | None = None
    wire: str | None = None
    date: dt.date | None = None
    for index, raw_field in enumerate(fields):
        field = raw_field
        found = date_line(field)
        if found is not None:
            date = date or found.date
            continue
        if index > 0 and (hit := find_date(field)) is not None:
            date = date or hit[0]
            field = (field[: hit[1]] + field[hit[2] :]).strip(" ,")
        for part in split_names(field):
            if (name := canonical_wire(part)) is not None:
                wire = wire or name
            elif looks_like_person(part, single=index == 0 and not authors):
                if index == 0 or not authors:
                    authors.append(_recase(part))
            elif not _ROLES.match(part) and outlet is None and authors:
                outlet = part
    if not authors and wire is None:
        return None
    return Byline(authors=tuple(authors), outlet=outlet, wire=wire, date=date)


def split_names(text: str) -> list[str]:
    """ "X, Y and Z" → ["X", "Y", "Z"]; a trailing "Jr." stays with its name."""
    parts: list[str] = []
    for raw in _NAME_SEP.split(text.strip()):
        part = raw.strip(" ,;:")
        if part.endswith(".") and len(part.split()[-1]) > 3 and part.split()[-1].lower() not in _SUFFIXES:
            part = part[:-1]
        if not part.strip("."):
            continue
        if parts and part.lower() in _SUFFIXES:
            parts[-1] = f"{parts[-1]} {part}"
            continue
        parts.append(part)
    return parts


def looks_like_person(name: str, *, single: bool = False) -> bool:
    """Capitalised words, two to five of them (one when ``single``), no digits, no organisation words."""
    tokens = name.split()
    if not (1 if single else 2) <= len(tokens) <= 5:
        return False
    if any(ch.isdigit() for ch in name) or _JUNK.search(name):
        return False
    lowered = [t.lower().strip(".,") for t in tokens]
    if any(t in _ORG_WORDS for t in lowered):
        return False
    if all(t.isupper() and len(t) > 1 for t in tokens) and len(tokens) == 1:
        return False  # "CNN", "BBC"
    for token, low in zip(tokens, lowered, strict=True):
        if low in _PARTICLES or low in _SUFFIXES:
            continue
        if not (token[0].isupper() or (token[0] in "'’" and len(token) > 1)):
            return False
    return any(len(t.strip(".")) > 1 for t in tokens)


def clean_authors(names: Iterable[str]) -> tuple[tuple[str, ...], str | None]:
    """Person names from metadata author strings, and the wire service among them if any."""
    authors: list[str] = []
    wire: str | None = None
    for raw in names:
        text = " ".join(raw.split())
        text = re.sub(r"^(?:written\s+)?by[:\s]\s*", "", text, flags=re.IGNORECASE)
        for part in split_names(_FIELD_SEP.split(text)[0]) if text else []:
            if (name := canonical_wire(part)) is not None:
                wire = wire or name
                continue
            if _ROLES.match(part) or not looks_like_person(part, single=True):
                continue
            if (name := _recase(part)) not in authors:
                authors.append(name)
    return tuple(authors), wire


def _recase(name: str) -> str:
    """ "JANE ROE" → "Jane Roe"; mixed case is left alone."""
    return name.title() if name.isupper() and len(name) > 3 else name
