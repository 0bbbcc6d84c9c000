"""Keys that make one thing findable across articles: article text and people's names.

* :func:`article_key` — the article id: the SHA-256 of the body after Unicode NFKC and
  whitespace collapsing, so the same text reposted with other line breaks is one article.
* :func:`name_key` — a person's name as the store compares it: accents dropped, lower case,
  titles ("President", "Dr") and suffixes ("Jr") dropped; a title that ends the name stays.
* :func:`compatible` — whether two name keys can be one person: same surname, and every
  other word of the shorter one matches a word (or an initial) of the longer one.
* :func:`merge_names` — the canonical display name of each key, merging compatible keys.
* :func:`quote_key` — a quote's words, lower case, without punctuation: the same quote in two
  articles (“We will,” / we will) has one key; :func:`quote_group` is that key as a 64-bit number,
  stored with each quote so that a person's quotes are grouped without reading their words again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = [
    "article_key",
    "best_display",
    "compatible",
    "merge_names",
    "name_key",
    "name_keys",
    "normalize_text",
    "quote_group",
    "quote_key",
    "surname",
]

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_NAME_CHARS = re.compile(r"[^\w\s-]")
_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
    president vice prime minister secretary senator sen rep representative congressman congresswoman
    governor gov mayor chancellor general gen col colonel capt captain major lt lieutenant sgt sergeant
    admiral commander king queen prince princess pope judge justice commissioner inspector chief deputy
    spokesman spokeswoman spokesperson director chairman chairwoman chair ceo cfo mp mep the former
    acting interim foreign defence defense finance environment health interior state of""".split()
)
_SUFFIXES = frozenset("jr sr ii iii iv phd md".split())


def normalize_text(text: str) -> str:
    """The body as the id sees it: NFKC, every run of whitespace one space, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def article_key(body: str) -> str:
    """The article id: 64 hex digits of the SHA-256 of the normalized body."""
    return hashlib.sha256(normalize_text(body).encode("utf-8")).hexdigest()


def quote_key(text: str) -> str:
    """``"“We will finish the bridge,”"`` → ``"we will finish the bridge"``."""
    return " ".join(_WORD.findall(text.lower()))


def quote_group(text: str) -> int:
    """:func:`quote_key` (the text itself when it has no words) as a signed 64-bit number (SQLite's integer)."""
    key = quote_key(text) or text
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def name_key(name: str) -> str:
    """``"President Volodymyr Zelensky's"`` → ``"volodymyr zelensky"``."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("’s", "").replace("'s", "").replace("-", " ")
    words = _NAME_CHARS.sub(" ", folded).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    # A title is dropped unless it is the last word ("John Major", "Martin Luther King").
    kept = [w for i, w in enumerate(words) if w not in _TITLES or i == len(words) - 1]
    return " ".join(kept)


def name_keys(names: Iterable[object]) -> set[str]:
    """The keys an entity is found by: :func:`name_key` of its name and of each alias (``entity_names``)."""
    return {key for name in names if isinstance(name, str) and (key := name_key(name))}


def surname(key: str) -> str:
    """The last word of a name key ("" for an empty key)."""
    words = key.split()
    return words[-1] if words else ""


def compatible(a: str, b: str) -> bool:
    """Whether name keys ``a`` and ``b`` can name one person ("zelensky" ~ "volodymyr zelensky")."""
    wa, wb = a.split(), b.split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    rest = long[:-1]
    return all(any(_word_matches(w, r) for r in rest) for w in short[:-1])


def _word_matches(a: str, b: str) -> bool:
    if a == b:
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def merge_names(counts: Mapping[str, int], displays: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each key → the canonical display name of the person it is merged into.

    Keys with a first name are people of their own ("olena zelenska" and "volodymyr
    zelensky" stay apart); a surname-only key joins the compatible person quoted most.
    The display name is the longest form seen of the chosen key (``displays``).
    """
    shown = dict(displays or {})
    full = sorted((k for k in counts if len(k.split()) > 1), key=lambda k: (-len(k.split()), -counts[k], k))
    heads: list[str] = []
    owner: dict[str, str] = {}
    for key in full:
        head = next((h for h in heads if compatible(h, key)), None)
        if head is None:
            heads.append(key)
            head = key
        owner[key] = head
    weight: Counter[str] = Counter()
    for key, head in owner.items():
        weight[head] += counts[key]
    for key in counts:
        if key in owner:
            continue
        options = [h for h in heads if compatible(h, key)]
        owner[key] = max(options, key=lambda h: (weight[h], h)) if options else key
    return {key: shown.get(head, head.title()) for key, head in owner.items()}


def best_display(names: Iterable[str]) -> str:
    """The fullest form among the names given for one key (longest, then most common)."""
    counted = Counter(n.strip() for n in names if n.strip())
    if not counted:
        return ""
    return max(counted, key=lambda n: (len(name_key(n).split()), counted[n], len(n), n))
