"""The page's country, and the local day there of a time given in UTC.

A page that declares "2020-08-25T00:23Z" was published on the 24th for its Canadian
readers. The country comes from the page's address (a country domain) or its ``lang``
("fr-CA"); a UTC time is moved to that country's day only when all its time zones, with
and without summer time, agree on one day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

__all__ = ["day_first", "local_day", "page_region"]

# Offsets (hours) a country's clocks take over the year, for the country's local day.
REGION_OFFSETS: dict[str, tuple[float, float]] = {
    "us": (-10, -4),
    "ca": (-8, -2.5),
    "mx": (-8, -5),
    "br": (-5, -2),
    "ar": (-3, -3),
    "cl": (-6, -3),
    "pe": (-5, -5),
    "ve": (-4, -4),
    "cu": (-5, -4),
    "do": (-4, -4),
    "ec": (-6, -5),
    "uy": (-3, -3),
    "gb": (0, 1),
    "uk": (0, 1),
    "ie": (0, 1),
    "pt": (-1, 1),
    "fr": (1, 2),
    "de": (1, 2),
    "es": (0, 2),
    "it": (1, 2),
    "nl": (1, 2),
    "be": (1, 2),
    "ch": (1, 2),
    "at": (1, 2),
    "pl": (1, 2),
    "cz": (1, 2),
    "se": (1, 2),
    "no": (1, 2),
    "dk": (1, 2),
    "fi": (2, 3),
    "gr": (2, 3),
    "ro": (2, 3),
    "ua": (2, 3),
    "tr": (3, 3),
    "ru": (2, 12),
    "il": (2, 3),
    "eg": (2, 3),
    "sa": (3, 3),
    "ae": (4, 4),
    "az": (4, 4),
    "ir": (3.5, 4.5),
    "pk": (5, 5),
    "in": (5.5, 5.5),
    "bd": (6, 6),
    "th": (7, 7),
    "vn": (7, 7),
    "id": (7, 9),
    "my": (8, 8),
    "sg": (8, 8),
    "ph": (8, 8),
    "cn": (8, 8),
    "hk": (8, 8),
    "tw": (8, 8),
    "kr": (9, 9),
    "jp": (9, 9),
    "au": (8, 11),
    "nz": (12, 13),
    "za": (2, 2),
    "ng": (1, 1),
    "ke": (3, 3),
}
# A language spoken in one country (or one time zone band) names its region.
_LANGUAGE_REGION = {"ja": "jp", "ko": "kr", "zh": "cn", "th": "th", "vi": "vn", "id": "id", "he": "il", "fa": "ir"}


def page_region(tree: Any, url: str | None) -> str | None:
    """The page's country: its address's country domain, else the region of its ``lang`` ("fr-CA").

    ``lang="en-US"`` is left out: it is the default of common blog software, wherever the
    blog is.
    """
    host = (urlsplit(url).hostname or "") if url else ""
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if tld in REGION_OFFSETS:
        return tld
    lang = str(tree.xpath("string(/html/@lang | //html/@lang)") or "").strip().lower().replace("_", "-")
    parts = lang.split("-")
    if len(parts) > 1 and parts[1] in REGION_OFFSETS and lang != "en-us":
        return parts[1]
    return _LANGUAGE_REGION.get(parts[0])


def local_day(date: dt.date, hour: int, minute: int, tz: str, region: str | None) -> dt.date:
    """The day at ``hour:minute`` (in ``tz``) in ``region``, when all its offsets agree on one."""
    offsets = REGION_OFFSETS.get(region or "")
    if offsets is None or hour > 23 or minute > 59:
        return date
    written = re.search(r"([+-])(\d{2}):?(\d{2})", tz)
    if written and int(written[2] + written[3]) != 0:
        return date  # a local offset: the page wrote its own local time
    moment = dt.datetime(date.year, date.month, date.day, hour, minute)
    days = {(moment + dt.timedelta(hours=offset)).date() for offset in offsets}
    return days.pop() if len(days) == 1 else date


def day_first(language: str | None, region: str | None) -> bool | None:
    """Whether ``05/07/2020`` is 5 July on this page: not for US English, yes for other languages."""
    if region == "us" or (language == "en" and region in (None, "ph")):
        return None if region is None else False
    return True if language else None
