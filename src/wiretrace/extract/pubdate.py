"""The publication date of an HTML page, from the strongest evidence the page holds.

1. A full date in the page's address (``/2020/01/13/``, ``-20200113``), or the time a
   status id encodes (a tweet's id holds its time): the day the newsroom filed it, in its
   own time zone.
2. What the page declares (JSON-LD ``datePublished`` of the article node,
   ``article:published_time`` and the other publication ``<meta>`` names,
   ``itemprop="datePublished"``, the ``datePublished`` of the page's own JSON-LD node)
   and the date it *shows* with its headline (a ``<time>`` or a short date line just after,
   else just before, the headline element; "Updated …" dates only when alone). The shown
   date wins when the two are a day apart or there is no declaration — it is the day the
   reader sees, where a declaration is often a UTC time — and the declaration wins when
   they are further apart (the shown date is then an update, or not the article's).
3. htmldate (``original_date=True``), first without its free-text search, then with it.

Dates are read in many languages and forms (:func:`wiretrace.extract.dates.page_dates`).
A declared time in UTC ("…T00:23Z") is moved to the page's local day when the page's
country is known and every time zone of that country gives the same day
(:mod:`wiretrace.extract.localday`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date as htmldate_find_date
from lxml import etree

from wiretrace.extract.dates import page_dates
from wiretrace.extract.htmlmeta import PageMeta
from wiretrace.extract.localday import day_first, local_day, page_region

__all__ = ["date_evidence", "headline_date", "iso_date", "page_date", "url_date"]

EARLIEST = dt.date(1995, 1, 1)
_ISO = re.compile(
    r"\s*(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})(?!\d)"
    r"(?:[T\s|]+(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"[\s,T]*(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*"
    r"(?P<tz>Z\b|(?:UTC|GMT)?\s?[+-]\d{2}:?\d{2}|UTC\b|GMT\b)?",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])"
)
_TWEET = re.compile(r"^/[^/]+/status(?:es)?/(?P<id>\d{15,20})(?:/|$)")
_TWEET_HOSTS = frozenset({"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com"})
_TWITTER_EPOCH_MS = 1288834974657
WINDOW_CHARS = 700  # text read after the headline for its date
WINDOW_BEFORE_CHARS = 250  # and before it
MIN_HEADLINE_CHARS = 10
MIN_TITLE_COVER = 0.4  # a heading that is a smaller part of the page title is not its headline
MAX_DATE_LINE_CHARS = 160  # a longer piece of text is a sentence, not a date line
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "option", "figcaption"})
_UPDATED = re.compile(
    r"updated|modified|edited|revised|mis à jour|mise à jour|actualiza|atualiza|aktualisiert|geändert|"
    r"aggiornat|bijgewerkt|обновлен|изменен|更新|수정",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"published|posted|first|originally|publié|publicado|publicada|veröffentlicht|pubblicato|gepubliceerd|"
    r"опубликован|公開|投稿|발행|등록",
    re.IGNORECASE,
)
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "pubdate",
    "pub_date",
    "date_published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "date",
)


def page_date(tree: Any, meta: PageMeta, url: str | None, *, language: str | None = None) -> dt.date | None:
    """The page's publication date (see the module docstring), or None."""
    for address in (url, meta.canonical):
        if address and (date := url_date(address)) is not None:
            return date  # ".../australian-megablaze-20200113", ".../2020/01/13/..."
    region = page_region(tree, url or meta.canonical)
    declared = next((d for v in _declared(meta, tree) if v and (d := iso_date(v, region=region))), None)
    shown = headline_date(tree, _titles(tree, meta), day_first=day_first(language, region), region=region)
    if shown is not None and (declared is None or abs((shown - declared).days) <= 1):
        return shown  # what the reader sees settles a time zone's day
    if declared is not None:
        return declared
    for extensive in (False, True):
        if (date := _htmldate(tree, url, extensive=extensive)) is not None:
            return date
    return None


def date_evidence(tree: Any, meta: PageMeta, url: str | None, *, language: str | None = None) -> dict[str, Any]:
    """Every candidate :func:`page_date` weighs, by name (for diagnostics: it runs them all)."""
    region = page_region(tree, url or meta.canonical)
    return {
        "region": region,
        "url": next((d for a in (url, meta.canonical) if a and (d := url_date(a))), None),
        "declared": [(v, iso_date(v, region=region)) for v in _declared(meta, tree) if v],
        "shown": headline_date(tree, _titles(tree, meta), day_first=day_first(language, region), region=region),
        "htmldate": _htmldate(tree, url, extensive=False),
        "htmldate_extensive": _htmldate(tree, url, extensive=True),
    }


def _htmldate(tree: Any, url: str | None, *, extensive: bool) -> dt.date | None:
    try:
        found = htmldate_find_date(tree, url=url, original_date=True, extensive_search=extensive)
    except Exception:  # noqa: BLE001 - htmldate on hostile markup: no date, not a crash
        return None
    return iso_date(found) if found else None


def _titles(tree: Any, meta: PageMeta) -> tuple[str, ...]:
    title = " ".join(str(tree.xpath("string(//title[1])")).split())
    return tuple(t for t in (meta.headline, meta.og_title, title) if t)


# -- declared ----------------------------------------------------------------------------


def _declared(meta: PageMeta, tree: Any) -> Iterator[str | None]:
    """Declared publication dates, the article's own first and the page's last."""
    yield meta.published
    yield meta.og_published
    yield from _meta_dates(tree)
    yield meta.page_published


def _meta_dates(tree: Any) -> Iterator[str]:
    """Publication dates in ``<meta>`` names and ``itemprop="datePublished"``, strongest first."""
    found: dict[str, str] = {}
    for element in tree.xpath("//meta[@content][@name or @property or @itemprop]"):
        for key in (element.get("property"), element.get("name"), element.get("itemprop")):
            if key:
                found.setdefault(key.strip().lower(), element.get("content", ""))
    for key in _PUBLISHED_META:
        if found.get(key):
            yield found[key]
    for value in tree.xpath("//*[@itemprop='datePublished']/@datetime"):
        yield str(value)


def iso_date(value: str, *, region: str | None = None) -> dt.date | None:
    """A plausible date from a declared value: ISO, with its time zone moved to ``region``'s day."""
    match = _ISO.match(value)
    if match is None:  # "Tue, Sep 15 2020 10:01:41 EDT", "Tue Aug 25 2020 00:23:33 GMT+0000"
        found = page_dates(value)
        if not found:
            return None
        date = found[0][0]
        clock = _CLOCK.match(value, found[0][2])
        if clock and clock["tz"]:
            date = local_day(date, int(clock["H"]), int(clock["M"]), clock["tz"], region)
        return _plausible(date)
    try:
        date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if match["H"] and match["tz"]:
        date = local_day(date, int(match["H"]), int(match["M"]), match["tz"], region)
    return _plausible(date)


def _plausible(date: dt.date) -> dt.date | None:
    return date if EARLIEST <= date <= dt.date.today() + dt.timedelta(days=1) else None


# -- the address ---------------------------------------------------------------------------


def url_date(url: str) -> dt.date | None:
    """A full date written in the page's address (its path, not its host or query)."""
    parts = urlsplit(url)
    tweet = _TWEET.match(parts.path)
    if tweet and (parts.hostname or "").lower() in _TWEET_HOSTS:
        millis = (int(tweet["id"]) >> 22) + _TWITTER_EPOCH_MS  # a status id holds its time
        return _plausible(dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC).date())
    for m in _URL_DATE.finditer(parts.path):
        try:
            found = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if _plausible(found):
            return found
    return None


# -- the date by the headline ------------------------------------------------------------


def headline_date(
    tree: Any, titles: tuple[str, ...], *, day_first: bool | None = None, region: str | None = None
) -> dt.date | None:
    """The date shown just after (else just before) the page's headline element, or None."""
    heading = _headline_element(tree, titles)
    if heading is None:
        return None
    for pieces in (_after(heading, WINDOW_CHARS), _before(heading, WINDOW_BEFORE_CHARS)):
        found = _window_date(pieces, day_first, region)
        if found is not None:
            return found
    return None


def _window_date(pieces: Iterator[tuple[Any, str]], day_first: bool | None, region: str | None) -> dt.date | None:
    """The first date among short pieces of text that is not an "Updated …" one, else the first.

    Many pages show only an "Updated" date, most often the day of publication as well.
    The reading stops at the second long piece (a summary may come before the date line;
    a second long one is the article's text, whose dates are not the page's).
    """
    previous = ""
    sentences = 0
    updated: list[dt.date] = []
    for element, text in pieces:
        if len(text) > MAX_DATE_LINE_CHARS:
            sentences += 1
            if sentences >= 2:
                break
            continue
        dates = _piece_dates(element, text, day_first, region)
        for date, start in dates:
            if not _is_update(element, previous + " " + text[:start]):
                return date
            updated.append(date)
        previous = "" if dates else text  # a label ("Updated", "Published:") for the next piece
    return updated[0] if updated else None


def _piece_dates(element: Any, text: str, day_first: bool | None, region: str | None) -> list[tuple[dt.date, int]]:
    """The dates of one piece of text; a ``<time>`` by its text (the local day) or its ``datetime``."""
    stamp = element.get("datetime") if element.tag == "time" else None
    machine = iso_date(stamp, region=region) if stamp else None
    year = machine.year if machine else None
    shown = [(d, start) for d, start, _ in page_dates(text, day_first=day_first, year=year) if _plausible(d)]
    if machine is not None:
        near = [(d, start) for d, start in shown if abs((d - machine).days) <= 1]
        return near[:1] or [(machine, 0)]
    return shown


def _is_update(element: Any, before: str) -> bool:
    """Whether a date is an "Updated …" one: by the words before it, or ``itemprop="dateModified"``.

    (A class "updated" says little: many blog themes put it on the publication date.)
    """
    if element.get("itemprop") == "dateModified":
        return True
    last_update = max((m.end() for m in _UPDATED.finditer(before)), default=-1)
    return last_update > max((m.end() for m in _PUBLISHED.finditer(before)), default=-1)


def _headline_element(tree: Any, titles: tuple[str, ...]) -> Any:
    """The heading that shows the headline: the h1–h3 whose text best covers one of the titles.

    A title may carry the site's name ("Headline | Site", "Site - Headline"), so a heading
    may be its start or its end — then the one covering most of it, so that a heading
    with the site's name loses to the headline's. Failing a match, a page's only
    ``<h1>``, when it is long enough to be a headline and not a logo.
    """
    keys = [k for k in (_key(t) for t in titles) if len(k) >= MIN_HEADLINE_CHARS]
    headings = tree.xpath("//h1 | //h2 | //h3")
    best, best_cover = None, MIN_TITLE_COVER
    for heading in headings:
        key = _key(heading.text_content())
        if len(key) < MIN_HEADLINE_CHARS:
            continue
        for k in keys:
            if k == key or key.startswith(k + " "):
                return heading
            if (k.startswith(key + " ") or k.endswith(" " + key)) and len(key) / len(k) > best_cover:
                best, best_cover = heading, len(key) / len(k)
    if best is not None:
        return best
    h1s = [h for h in headings if h.tag == "h1"]
    if len(h1s) == 1 and len(_key(h1s[0].text_content())) >= 2 * MIN_HEADLINE_CHARS:
        return h1s[0]
    return None


def _after(element: Any, limit: int) -> Iterator[tuple[Any, str]]:
    """Pieces of text (with the element holding each) after ``element``, in reading order."""
    seen = 0
    node = element
    while node is not None and seen < limit:
        tail = " ".join((node.tail or "").split())
        if tail:
            seen += len(tail)
            yield node.getparent(), tail
        for sibling in node.itersiblings():
            for piece in _pieces(sibling):
                seen += len(piece[1])
                yield piece
                if seen >= limit:
                    return
        node = node.getparent()


def _before(element: Any, limit: int) -> Iterator[tuple[Any, str]]:
    """Pieces of text before ``element``, nearest first, within its section of the page."""
    seen = 0
    node = element
    for _ in range(3):  # up to the headline's grandparent's siblings: the article header
        for sibling in node.itersiblings(preceding=True):
            for piece in reversed(list(_pieces(sibling))):
                seen += len(piece[1])
                yield piece
                if seen >= limit:
                    return
        node = node.getparent()
        if node is None:
            return


def _pieces(root: Any) -> Iterator[tuple[Any, str]]:
    """Each element's own text and tail under ``root``, skipping scripts, buttons and captions."""
    if not isinstance(root.tag, str) or root.tag in _SKIP:
        return
    skipped: Any = None  # the skipped element we are inside of
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if skipped is not None:
            if event == "end" and element is skipped:
                skipped = None
            else:
                continue
        elif event == "start":
            if element.tag in _SKIP:
                skipped = element
                continue
            text = " ".join((element.text or "").split())
            if text or element.tag == "time":
                yield element, text
            continue
        if element is not root:
            tail = " ".join((element.tail or "").split())
            if tail:
                yield element.getparent(), tail


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
