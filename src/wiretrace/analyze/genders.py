"""A person's gender as an article tells it, and from their first name as a weak prior.

The article's own evidence ("Mr. Kamp", "… she said" right after the name) always wins;
this only breaks the tie when the article says nothing, so that "she" does not go to
"Donald Trump" because he spoke last. The names come from the ``gename`` package (ISC
licence): a local table of about 133,000 first names. Names given to many boys and girls
alike are left undecided on purpose.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources

from wiretrace.analyze.cues import PERSON_PRONOUNS
from wiretrace.analyze.phrases import is_subject
from wiretrace.model import Entity, EntityType, Parse, Span

__all__ = ["article_genders", "first_name_gender", "first_name_is_common", "honorific_before"]

_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f", "lord": "m"}
_HONORIFIC_BEFORE = re.compile(rf"\b({'|'.join(h.capitalize() for h in _HONORIFICS)})\.?\s+$")
# The table is several lists one after another: rows from this id on come from a regional list
# that gives many unisex or surname-like words ("Young", "Charlie", "Xi") as female, then from a
# long list of rare names ("Lu"). Their gender is a weak guess, never one to override the article.
_FIRST_WEAK_ROW = 36212

# Common first names shared by both genders: a guess here would be wrong too often.
UNISEX = frozenset(
    "alex alexis ali andrea angel ariel ashley avery bailey blair cameron carey carol casey chris clair corey "
    "courtney dana dale devon drew eden elliott emerson finley francis frankie gale glenn guadalupe harley "
    "hayden jackie jaime jamie jan jean jesse jessie jo jody joey jordan jules kai kelly kendall kerry kim "
    "kris lee leslie lindsay lindsey logan lou lynn marion mckenzie merle morgan nicky noel pat "
    "peyton quinn reese riley robin rory ryan sage sam sandy sasha shannon shawn shelby sidney skyler stacy "
    "sydney taylor terry toby tommie tracy val whitney".split()
)
_local = threading.local()


def _connection() -> sqlite3.Connection | None:
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        try:
            path = resources.files("gename") / "names.db"
            conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        except (ModuleNotFoundError, sqlite3.Error):
            return None
        _local.conn = conn
    return conn


@lru_cache(maxsize=8192)
def _lookup(first: str) -> tuple[str, int] | None:
    """A first name's gender and its row in the table, or None."""
    word = first.strip(".").lower()
    if len(word) < 2 or word in UNISEX or not word.isalpha():
        return None
    conn = _connection()
    if conn is None:
        return None
    try:
        row = conn.execute("SELECT gender, id FROM name_gender WHERE name = ?", (word,)).fetchone()
    except sqlite3.Error:
        return None
    if row is None or str(row[0]) not in {"M", "F"}:
        return None
    return str(row[0]).lower(), int(row[1])


def first_name_gender(first: str) -> str | None:
    """``"m"``, ``"f"`` or None (unknown, initial, or a name both genders share)."""
    found = _lookup(first)
    return found[0] if found is not None else None


def first_name_is_common(first: str) -> bool:
    """Whether a first name's gender comes from the table's main list, not from the lists of
    rare or regional names whose gender is a weak guess."""
    found = _lookup(first)
    return found is not None and found[1] < _FIRST_WEAK_ROW


def honorific_before(body: str, start: int) -> str | None:
    """The gender an honorific right before ``start`` gives ("Mr. Kamp" → "m"), or None."""
    found = _HONORIFIC_BEFORE.search(body, max(0, start - 8), start)
    return _HONORIFICS[found.group(1).lower()] if found is not None else None


def article_genders(
    parse: Parse, mentions: Sequence[tuple[Span, Entity]], in_quotes: Callable[[int], bool]
) -> dict[str, str]:
    """Each person's gender as the article tells it: an honorific before a mention ("Mr.
    Kamp") decides, unless both kinds are found (the "Mr." and "Mrs." of one surname joined
    into one person), where a full name's first name does; otherwise the he/she subjects
    that follow the person's own subject mentions ("Kamp said … . He added", two points
    each, never one inside a quote) weigh against the usual gender of a full name's first
    name (three points; one for a lone name like "Melanie", which may be a surname). A tie
    leaves the gender open."""
    honorific: dict[str, Counter[str]] = {}
    pronoun: dict[str, Counter[str]] = {}
    tokens = parse.tokens
    people: dict[str, Entity] = {}
    for span, entity in mentions:
        first = parse.token_at(span.start)
        last = parse.token_at(max(span.start, span.end - 1))
        if entity.type != EntityType.PERSON or first is None or last is None:
            continue
        before = tokens[first - 1].lower.rstrip(".") if first > 0 else ""
        if before in _HONORIFICS:
            honorific.setdefault(entity.id, Counter())[_HONORIFICS[before]] += 1
        found = _pronoun_after(parse, last, in_quotes) if is_subject(parse, last) else None
        if found is not None:
            kind, weight = found
            pronoun.setdefault(entity.id, Counter())[kind] += weight
    for _, entity in mentions:
        people.setdefault(entity.id, entity)
    genders: dict[str, str] = {}
    for entity in people.values():
        if entity.type != EntityType.PERSON:
            continue
        words = entity.name.split()
        prior = first_name_gender(words[0]) if words else None
        if entity.id in honorific:
            titles = honorific[entity.id]
            if len(titles) > 1 and prior is not None and len(words) >= 2:
                genders[entity.id] = prior  # "Mr. Lund" and "Mrs. Lund" both joined to "Greta Lund"
            else:
                genders[entity.id] = titles.most_common(1)[0][0]
            continue
        votes: Counter[str] = Counter(pronoun.get(entity.id, Counter()))
        for description in entity.descriptions:
            if (said := _gendered_role(description)) is not None:
                votes[said[0]] += said[1]
        if prior is not None:
            votes[prior] += 3 if len(words) >= 2 and first_name_is_common(words[0]) else 1
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            genders[entity.id] = ranked[0][0]
    return genders


# Role words that tell a gender: marked forms and kinship say it plainly (four points, like a
# "she" opening the next sentence); "-man" titles are sometimes used for women (two).
_ROLE_GENDERS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(
        "spokeswoman chairwoman congresswoman businesswoman councilwoman assemblywoman anchorwoman "
        "actress waitress wife mother daughter sister widow grandmother girlfriend granddaughter niece aunt "
        "queen princess mom".split(),
        ("f", 4),
    ),
    **dict.fromkeys(
        "husband father son brother widower grandfather boyfriend grandson nephew uncle king prince dad".split(),
        ("m", 4),
    ),
    **dict.fromkeys("spokesman chairman congressman businessman councilman assemblyman anchorman".split(), ("m", 2)),
}
_ROLE_STOPS = frozenset("of for to at in on from with who whose which that and or".split())


def _gendered_role(description: str) -> tuple[str, int] | None:
    """The gender a person's own description gives ("Chinese Foreign Ministry spokesman",
    "his wife"): a role word before any "of …", "who …" that would describe someone else."""
    for word in description.lower().replace(",", " ").split():
        if word in _ROLE_STOPS:
            return None
        if not word.endswith(("’s", "'s")) and word in _ROLE_GENDERS:
            return _ROLE_GENDERS[word]
    return None


def _pronoun_after(parse: Parse, last: int, in_quotes: Callable[[int], bool]) -> tuple[str, int] | None:
    """The gender of the first he/she that is a subject in the rest of the sentence and
    the next one ("Kamp said … . He added"), unless another person is named first, with its
    weight: two points, four where the pronoun opens the next sentence as the subject of
    its main verb ("Kamp approached it calmly. She said …"), which outweighs a first name's
    gender (a "he" in the tag of the next quote, "“…,” he said", is only two: it may be
    someone else)."""
    tokens = parse.tokens
    sentence = parse.sentence_of(last)
    stop = sentence.last if sentence is not None else last + 1
    following = parse.sentence_of(stop) if stop < len(tokens) else None
    own_end = stop
    stop = following.last if following is not None else stop
    for tok in tokens[last + 1 : min(stop, last + 60)]:
        if tok.ent_type == "PERSON":
            return None
        kind = PERSON_PRONOUNS.get(tok.lower)
        if kind in {"m", "f"} and tok.pos == "PRON" and tok.dep in {"nsubj", "nsubjpass"}:
            if in_quotes(tok.start):
                return None  # "she" in a quote is someone else
            leads = tok.i == own_end and tokens[tok.head].dep == "ROOT"
            return kind, 4 if leads else 2
    return None
