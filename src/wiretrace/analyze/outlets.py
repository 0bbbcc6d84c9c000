"""Is a name a news outlet? A small gazetteer plus the shapes outlet names take.

spaCy's small model calls "Politico" a GPE and "Gibraltar Messenger" a PERSON; an outlet
is neither, and a speaker that is an outlet ("the WSWS added") is an institution.
"""

from __future__ import annotations

import re

__all__ = ["KNOWN_OUTLETS", "is_outlet_name"]

KNOWN_OUTLETS: frozenset[str] = frozenset(
    name.casefold()
    for name in (
        "AP", "Associated Press", "Reuters", "AFP", "Agence France-Presse", "Bloomberg", "UPI",
        "BBC", "CNN", "MSNBC", "NBC", "CBS", "ABC", "Fox News", "NPR", "PBS", "Al Jazeera",
        "Politico", "Axios", "Vox", "Slate", "Salon", "Breitbart", "HuffPost", "Huffington Post",
        "BuzzFeed", "Vice", "ProPublica", "The Hill", "Newsweek", "Time", "Forbes", "Fortune",
        "The Atlantic", "The Economist", "The Guardian", "The Independent", "The Telegraph",
        "The Times", "Financial Times", "Wall Street Journal", "New York Times", "Washington Post",
        "USA Today", "Los Angeles Times", "Chicago Tribune", "The New Yorker", "Der Spiegel",
        "Le Monde", "TASS", "RIA Novosti", "Xinhua", "Interfax", "Kyiv Independent", "Ukrainska Pravda",
        "WSWS", "World Socialist Web Site", "Intercept", "The Intercept", "Daily Mail", "Mirror",
        "Sky News", "Deutsche Welle", "DW", "RT", "Sputnik", "Haaretz", "Yonhap", "Kyodo",
        "NYT", "WSJ", "WaPo", "LA Times",
    )
)  # fmt: skip

_SHAPES = re.compile(
    r"\b(?:Times|Post|Journal|News|Herald|Tribune|Gazette|Messenger|Ledger|Chronicle|Guardian|"
    r"Telegraph|Observer|Monitor|Review|Daily|Weekly|Magazine|Dispatch|Courier|Bulletin|Sentinel|"
    r"Examiner|Inquirer|Register|Press|Wire|Web Site|Website|Newswire|Broadcasting|"
    r"TV|Insider|Beacon|Clarion)$"
)


# Names shaped like outlets that are documents or programmes: "Nuclear Posture Review".
_NOT_OUTLETS = re.compile(
    r"\b(?:Posture|Strategic|Defen[cs]e|Budget|Policy|Annual|Quarterly|Spending|Security|Judicial|Peer|"
    r"Performance|Program|Programme|Safety|Environmental|Impact|Medical|Federal) (?:Review|Monitor|Register|Report)$"
)


def is_outlet_name(name: str) -> bool:
    """True for "Politico", "The Northfield Ledger", "World Socialist Web Site"."""
    clean = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
    if name.strip().casefold() in KNOWN_OUTLETS or clean.casefold() in KNOWN_OUTLETS:
        return True
    if _NOT_OUTLETS.search(clean):
        return False
    return len(clean.split()) >= 2 and bool(_SHAPES.search(clean)) and clean[0].isupper()
