"""Dates written in article text: "July 5, 2023", "5 July 2023", "2023-07-05", "Published: …".

Only unambiguous forms are read: a month name, or ISO order. ``07/05/2023`` is read only
when one of the two numbers is over 12 (which order is meant is otherwise a guess).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DateLine", "date_line", "find_date", "page_dates"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<{0}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(r"\b" + _YEAR.format("y") + r"-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
    re.compile(
        r"\b" + _MONTH.format("mon") + r"\s+" + _DAY.format("d") + r",?\s+" + _YEAR.format("y") + r"\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b" + _DAY.format("d") + r"\s+(?:of\s+)?" + _MONTH.format("mon") + r",?\s+" + _YEAR.format("y") + r"\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + _YEAR.format("y") + r"\b"),
)
# What may surround a date on a line that is only a date.
_FILLER = re.compile(
    r"""\b(?:published|updated|last|modified|posted|first|originally|date[d]?|on|at|
    mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|
    am|pm|a\.m\.?|p\.m\.?|noon|[A-Z]{1,2}[SDT]T|utc|gmt|et|pt|ct|bst|cet|cest|z)\b
    |\d{1,2}[:.h]\d{2}(?::\d{2})?|[|,:;·•/()\[\]\-–—.]""",
    re.IGNORECASE | re.VERBOSE,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:published|posted|first|originally)\b", re.IGNORECASE)


class DateLine:
    """A line that holds nothing but a date (with "Published"/"Updated" words and a time)."""

    __slots__ = ("date", "updated")

    def __init__(self, date: dt.date, *, updated: bool) -> None:
        self.date = date
        self.updated = updated  # only an "Updated …" date: weaker than a publication date


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first unambiguous date in ``text`` with its character range, or None."""
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date is not None:
                found.append((match.start(), match.end(), date))
                break
    if not found:
        return None
    start, end, date = min(found, key=lambda f: f[0])
    return date, start, end


def date_line(line: str) -> DateLine | None:
    """A :class:`DateLine` when ``line`` is a date line ("Published: July 5, 2023 10:30 AM EDT")."""
    if len(line) > 120:
        return None
    dates: list[tuple[dt.date, int, int]] = []
    rest = line
    while (hit := find_date(rest)) is not None:
        dates.append(hit)
        rest = rest[: hit[1]] + " " * (hit[2] - hit[1]) + rest[hit[2] :]
    if not dates:
        return None
    if re.search(r"\w", _FILLER.sub(" ", rest)):
        return None
    # "Published July 5, 2023 | Updated July 6, 2023": the first date not after "updated".
    for date, start, _ in sorted(dates, key=lambda d: d[1]):
        before = line[:start]
        last_published = max((m.end() for m in _PUBLISHED.finditer(before)), default=-1)
        last_updated = max((m.end() for m in _UPDATED.finditer(before)), default=-1)
        if last_updated <= last_published:
            return DateLine(date, updated=False)
    return DateLine(min(dates, key=lambda d: d[1])[0], updated=True)


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = _MONTHS.get(groups["mon"].lower()[:3])
        day = int(groups["d"])
    elif groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None
    else:
        month, day = int(groups["m"]), int(groups["d"])
    return _valid_date(year, month, day)


# -- Dates shown on web pages, in many languages ------------------------------------------
# ``find_date`` above reads English article text and stays as it is; pages show dates in
# their own language and numeric order, read by ``page_dates``.

# Month names and common abbreviations: English, French, Spanish, Portuguese, German,
# Italian, Dutch, Scandinavian, Finnish, Indonesian, Polish, Czech, Romanian, Turkish, Greek, Russian,
# Ukrainian, Arabic (both series), Hindi.
_MONTH_NAMES = {
    1: (
        "january|jan|janvier|janv|enero|ene|janeiro|januar|jänner|jän|gennaio|gen|januari|januarie|styczeń|"
        "stycznia|sty|ocak|января|январь|янв|січня|يناير|كانون الثاني|जनवरी|ιανουαρίου|ιανουάριος|ιαν|ledna|"
        "leden|ianuarie|tammikuuta"
    ),
    2: (
        "february|feb|février|fevrier|févr|fevr|febrero|fevereiro|fev|februar|febbraio|febr|februari|luty|"
        "lutego|lut|şubat|subat|февраля|февраль|фев|лютого|فبراير|شباط|फ़रवरी|फरवरी|φεβρουαρίου|φεβρουάριος|"
        "φεβ|února|únor|februarie|helmikuuta"
    ),
    3: (
        "march|mar|mars|marzo|março|marco|märz|maerz|mär|maart|mrt|maret|marca|marzec|mart|марта|март|мар|"
        "березня|مارس|آذار|मार्च|μαρτίου|μάρτιος|μαρ|března|březen|martie|marts|maaliskuuta"
    ),
    4: (
        "april|apr|avril|avr|abril|abr|aprile|kwietnia|kwiecień|kwi|nisan|апреля|апрель|апр|квітня|أبريل|"
        "ابريل|إبريل|نيسان|अप्रैल|απριλίου|απρίλιος|απρ|dubna|duben|aprilie|huhtikuuta"
    ),
    5: (
        "may|mai|mayo|maio|maggio|mag|mei|maj|maja|mayıs|mayis|мая|май|травня|مايو|أيار|ايار|मई|μαΐου|μαίου|"
        "μάιος|května|květen|toukokuuta"
    ),
    6: (
        "june|jun|juin|junio|junho|juni|giugno|giu|czerwca|czerwiec|cze|haziran|июня|июнь|июн|червня|يونيو|"
        "يونيه|حزيران|जून|ιουνίου|ιούνιος|ιουν|června|červen|iunie|kesäkuuta"
    ),
    7: (
        "july|jul|juillet|juil|julio|julho|juli|luglio|lug|lipca|lipiec|lip|temmuz|июля|июль|июл|липня|يوليو|"
        "يوليه|تموز|जुलाई|ιουλίου|ιούλιος|ιουλ|července|červenec|iulie|heinäkuuta"
    ),
    8: (
        "august|aug|août|aout|agosto|ago|augustus|agustus|augusti|sierpnia|sierpień|sie|ağustos|agustos|"
        "августа|август|авг|серпня|أغسطس|اغسطس|آب|अगस्त|αυγούστου|αύγουστος|αυγ|srpna|srpen|elokuuta"
    ),
    9: (
        "september|sep|sept|septembre|septiembre|setiembre|setembro|settembre|set|septembrie|września|"
        "wrzesień|wrz|eylül|eylul|сентября|сентябрь|сен|вересня|سبتمبر|أيلول|ايلول|सितंबर|सितम्बर|"
        "σεπτεμβρίου|σεπτέμβριος|σεπ|září|syyskuuta"
    ),
    10: (
        "october|oct|octobre|octubre|outubro|out|oktober|okt|ottobre|ott|października|październik|paź|ekim|"
        "октября|октябрь|окт|жовтня|أكتوبر|اكتوبر|تشرين الأول|अक्टूबर|οκτωβρίου|οκτώβριος|οκτ|října|říjen|"
        "octombrie|lokakuuta"
    ),
    11: (
        "november|nov|novembre|noviembre|novembro|listopada|listopad|lis|kasım|kasim|ноября|ноябрь|ноя|"
        "листопада|نوفمبر|تشرين الثاني|नवंबर|नवम्बर|νοεμβρίου|νοέμβριος|νοε|listopadu|noiembrie|marraskuuta"
    ),
    12: (
        "december|dec|décembre|decembre|déc|diciembre|dic|dezembro|dez|dezember|dicembre|desember|grudnia|"
        "grudzień|gru|aralık|aralik|декабря|декабрь|дек|грудня|ديسمبر|كانون الأول|दिसंबर|दिसम्बर|δεκεμβρίου|"
        "δεκέμβριος|δεκ|prosince|prosinec|joulukuuta|decembrie"
    ),
}
_MONTH_OF = {name: month for month, names in _MONTH_NAMES.items() for name in names.split("|")}
_MONTH_WORD = (
    "(?P<mon>" + "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True)) + r")(?!\w)\.?"
    r"(?:\s*/\s*\w+)?"  # "24 نيسان / أبريل 2020": a month under two names
)
_Y = r"(?P<y>(?:19|20)\d\d)"
# Arabic-Indic, Persian, Devanagari and full-width digits, read as ASCII ones.
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x660, 0x6F0, 0x966, 0xFF10) for i in range(10)})
_PAGE_PATTERNS = (
    # 2020-08-24, 2020/7/12, 2020.07.12
    re.compile(r"(?<![\d.,/])" + _Y + r"(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)"),
    # 2020年7月12日, 2020년 7월 12일
    re.compile(r"(?<!\d)" + _Y + r"\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)(?!\d)"),
    # 24 août 2020, 24 de agosto de 2020, 12. Juli 2020, 13 Oct 2020
    re.compile(
        r"(?<![\d.,/])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?\s*(?:de\s+|of\s+)?"
        + _MONTH_WORD
        + r",?\s*(?:de\s+|del\s+)?"
        + _Y
        + r"(?!\d)",
        re.IGNORECASE,
    ),
    # July 5, 2023; agosto 24, 2020
    re.compile(r"(?<!\w)" + _MONTH_WORD + r"\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + _Y + r"(?!\d)", re.IGNORECASE),
    # 24.08.2020: with dots the day comes first
    re.compile(r"(?<![\d.,/])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.\s?" + _Y + r"(?!\d)"),
    # 24/08/2020 or 08/24/2020: the order is read from a number over 12, or from the page's language
    re.compile(r"(?<![\d.,/])(?P<a>[0-3]?\d)[/-](?P<b>[0-3]?\d)[/-]" + _Y + r"(?!\d)"),
)
# "Nov 18, 8:19 PM", "18 novembre": read only with a year known from elsewhere.
_YEARLESS_PATTERNS = (
    re.compile(r"(?<!\w)" + _MONTH_WORD + r"\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])", re.IGNORECASE),
    re.compile(
        r"(?<![\d.,/:])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?\s*(?:de\s+|of\s+)?" + _MONTH_WORD,
        re.IGNORECASE,
    ),
)


def page_dates(text: str, *, day_first: bool | None = None, year: int | None = None) -> list[tuple[dt.date, int, int]]:
    """Every date written in ``text`` in a common page form, in order, with its character range.

    ``day_first`` orders ``05/07/2023``: True for 5 July, False for May 7, None to leave
    such a date out (when neither number is over 12). With ``year``, a day and month
    written without one ("Nov 18, 8:19 PM") are read in that year.
    """
    text = text.translate(_DIGITS)  # one character for one: the ranges stay right
    found: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    patterns = _PAGE_PATTERNS if year is None else _PAGE_PATTERNS + _YEARLESS_PATTERNS
    for pattern in patterns:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            groups = match.groupdict()
            date = _page_date(groups if groups.get("y") else {**groups, "y": str(year)}, day_first)
            if date is not None:
                found.append((date, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda f: f[1])


def _page_date(groups: dict[str, str | None], day_first: bool | None) -> dt.date | None:
    year = int(groups["y"] or 0)
    month: int | None
    if groups.get("mon"):
        month = _MONTH_OF.get((groups["mon"] or "").lower())
        day = int(groups["d"] or 0)
    elif groups.get("a"):
        a, b = int(groups["a"] or 0), int(groups["b"] or 0)
        if a > 12 >= b or (day_first is True and b <= 12):
            day, month = a, b
        elif b > 12 >= a or day_first is False:
            month, day = a, b
        else:
            return None
    else:
        month, day = int(groups["m"] or 0), int(groups["d"] or 0)
    return _valid_date(year, month, day)


def _valid_date(year: int, month: int | None, day: int) -> dt.date | None:
    """The date, or None when the parts name no day of the calendar (month 13, Feb 30)."""
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
