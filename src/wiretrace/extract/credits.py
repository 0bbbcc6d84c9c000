"""Republication credits: "Source: …", "Originally published at …", wire tags like "(AP) —".

A credit is metadata, not body. Wire services get one canonical name, so "(AP)",
"AP" and "The Associated Press" all credit "Associated Press".
"""

from __future__ import annotations

import re

from wiretrace.extract.dates import find_date
from wiretrace.model import SourceCredit

__all__ = ["canonical_wire", "provenance_credit", "wire_tag"]

_WIRES: dict[str, str] = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse",
    "upi": "United Press International",
    "united press international": "United Press International",
    "cnn": "CNN",
    "cnn wire": "CNN",
    "cnn wire service": "CNN",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "efe": "EFE",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "ani": "ANI",
    "pti": "Press Trust of India",
    "press trust of india": "Press Trust of India",
    "ians": "IANS",
    "cp": "The Canadian Press",
    "the canadian press": "The Canadian Press",
    "aap": "Australian Associated Press",
    "australian associated press": "Australian Associated Press",
    "pa": "PA Media",
    "pa media": "PA Media",
    "ansa": "ANSA",
}
_WIRE_SUFFIX = re.compile(r"\s+(?:staff|wire|wire service|news service|reporters?|writers?)$", re.IGNORECASE)
# "WASHINGTON (AP) — ", "KYIV, Ukraine (Reuters) - ", "(AFP) –": the dateline stays in the body.
_WIRE_TAG = re.compile(
    r"^(?:[A-Z][\w.'’ -]{0,40}(?:,\s*[A-Z][\w.'’ -]{0,30})?\s+)?"  # dateline
    r"\((?P<wire>[A-Za-z][A-Za-z .-]{1,30})\)\s*[—–-]{1,2}\s"
)
_CUES = re.compile(
    r"""^(?:
      (?P<source>sources?|via|credit)\s*:
    | (?:this\s+(?:article|story|piece|post|op-ed|essay|report)\s+)?(?:was\s+)?
      (?:(?:originally|first)\s+(?:published|appeared|posted|ran)|appeared\s+(?:originally|first))
      (?:\s+(?:on|at|in|by|with))?
    | (?:this\s+(?:article|story|piece|post)\s+(?:is|was|has\s+been)\s+)?
      (?:reprinted|republished|reproduced|cross-posted|crossposted)\s+(?:with\s+permission\s+)?(?:from|by)
    | (?:read\s+more\s+at|continue\s+reading\s+at|read\s+the\s+original\s+(?:article\s+)?at)\s*:?
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_TITLE_SEP = re.compile(r"\s+[–—-]\s+|\s*:\s+")
_TAIL = re.compile(
    r"""(?:\s+(?:and\s+is|and\s+was|and\s+has|under\s+a|under\s+the|with\s+permission|with\s+the\s+permission|
    is\s+republished|is\s+reprinted|here\s+with|via\s+)|,\s+(?:and|a|an|the|where|which|republished|reprinted)\s
    |(?<=[a-z]{2})\.\s+(?=[A-Z]))""",
    re.IGNORECASE | re.VERBOSE,
)
_QUOTED = re.compile(r"[“\"‘'](?P<title>[^”\"’']{3,200})[”\"’']")
_PREPOSITIONS = re.compile(r"^(?:(?:at|on|in|by|from|via)\b\s*)+|(?:\s+\b(?:at|on|in|by|from|via))+$", re.I)
MAX_CREDIT_CHARS = 300


def canonical_wire(name: str) -> str | None:
    """The wire service ``name`` refers to ("The Associated Press", "CNN Wire", "AP"), or None."""
    key = " ".join(name.strip().strip(".,;:()").split()).lower()
    if key in _WIRES:
        return _WIRES[key]
    stripped = _WIRE_SUFFIX.sub("", key)
    return _WIRES.get(stripped)


def wire_tag(paragraph: str) -> str | None:
    """The wire service of a tag at the start of the body ("WASHINGTON (AP) — …"), or None."""
    match = _WIRE_TAG.match(paragraph)
    if match is None:
        return None
    return canonical_wire(match.group("wire"))


def provenance_credit(line: str) -> SourceCredit | None:
    """The credit a provenance line gives, or None when ``line`` is no provenance line.

    "Source: WSWS – NATO plans …" → outlet WSWS with that title; "Originally published at
    https://…" → the URL; "This article first appeared in The Nation and is republished
    here with permission." → outlet The Nation.
    """
    line = line.strip()
    if len(line) > MAX_CREDIT_CHARS:
        return None
    match = _CUES.match(line)
    if match is None or match.end() == 0:
        return None
    rest = line[match.end() :].strip()
    url_match = _URL.search(rest)
    url = url_match.group(0).rstrip(".,;") if url_match else None
    if url_match:
        rest = (rest[: url_match.start()] + rest[url_match.end() :]).strip()
    rest = re.sub(r"\(\s*\)|\[\s*\]|<\s*>", " ", rest).strip(" .;,:")
    outlet, title = _outlet_and_title(rest, cue_is_source=match.group("source") is not None)
    if not (outlet or title or url):
        return None
    return SourceCredit(outlet=outlet, title=title, url=url)


def _outlet_and_title(rest: str, *, cue_is_source: bool) -> tuple[str | None, str | None]:
    title: str | None = None
    quoted = _QUOTED.search(rest)
    if quoted:
        title = quoted.group("title").strip()
        rest = (rest[: quoted.start()] + " " + rest[quoted.end() :]).strip()
        rest = re.sub(r"^(?:in|on|at|by|from)\s+", "", rest, flags=re.IGNORECASE)
    tail = _TAIL.search(rest)
    if tail:
        rest = rest[: tail.start()]
    date = find_date(rest)
    if date is not None:  # "… by Foo on July 5, 2023"
        rest = re.sub(r"\s+(?:on|in)\s*$", "", rest[: date[1]]).strip() + " " + rest[date[2] :].strip()
    rest = " ".join(rest.split()).strip(" .;,:")
    rest = _PREPOSITIONS.sub("", rest).strip(" .;,:")
    if not rest:
        return None, title
    paren = re.fullmatch(r"(?P<title>.+?)\s*\((?P<outlet>[^()]{2,60})\)", rest)
    if paren and title is None:
        return paren.group("outlet").strip(), paren.group("title").strip()
    if cue_is_source and title is None:
        parts = _TITLE_SEP.split(rest, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            return parts[0].strip(), parts[1].strip()
    return rest, title
