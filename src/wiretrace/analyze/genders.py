"""A person's likely gender from their first name, as a weak prior for pronouns.

The article's own evidence ("Mr. Kamp", "… she said" right after the name) always wins;
this only breaks the tie when the article says nothing, so that "she" does not go to
"Donald Trump" because he spoke last. The names come from the ``gename`` package (ISC
licence): a local table of about 133,000 first names. Names given to many boys and girls
alike are left undecided on purpose.
"""

from __future__ import annotations

import sqlite3
import threading
from functools import lru_cache
from importlib import resources

__all__ = ["first_name_gender"]

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
def first_name_gender(first: str) -> str | None:
    """``"m"``, ``"f"`` or None (unknown, initial, or a name both genders share)."""
    word = first.strip(".").lower()
    if len(word) < 2 or word in UNISEX or not word.isalpha():
        return None
    conn = _connection()
    if conn is None:
        return None
    try:
        row = conn.execute("SELECT gender FROM name_gender WHERE name = ?", (word,)).fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return {"M": "m", "F": "f"}.get(str(row[0]))
