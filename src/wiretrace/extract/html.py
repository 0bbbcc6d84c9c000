"""An HTML page → :class:`Article`: trafilatura for the text, the page's own metadata first.

Body: trafilatura's main text (``favor_precision``, no comments), one paragraph per line
in its output, joined here with a blank line. Trailing provenance and tag lines are moved
out of the body exactly as for plain text.

Metadata, first found wins:

* headline: JSON-LD ``headline`` → ``og:title`` → trafilatura's title;
* outlet: JSON-LD ``publisher.name`` → ``og:site_name`` → trafilatura's site name;
* authors: JSON-LD ``author`` names → trafilatura's author, cleaned; a wire service among
  them ("Associated Press", "CNN Wire") becomes the ``source`` credit instead;
* date: see :mod:`wiretrace.extract.pubdate` (the address, the date shown with the
  headline, JSON-LD and ``<meta>`` declarations, then htmldate), with
  ``published_source=METADATA``;
* source: a provenance line in the body ("Originally published at <a href>…") → JSON-LD
  ``isBasedOn``/``citation`` → the wire service of a byline or of a "(AP) —" tag.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urljoin

import trafilatura
from trafilatura.utils import load_html

from wiretrace.errors import InputError
from wiretrace.extract.byline import clean_authors, split_names
from wiretrace.extract.credits import canonical_wire, provenance_credit, wire_tag
from wiretrace.extract.htmlmeta import PageMeta, read_page_meta
from wiretrace.extract.plaintext import split_trailer
from wiretrace.extract.pubdate import page_date
from wiretrace.model import Article, PublishedSource, SourceCredit, Span

__all__ = ["parse_html"]

NO_TEXT_HINT = "is it an article? Save the article page itself, or give its text as a .txt file"
MIN_ARTICLE_CHARS = 20  # letters and digits, so that it holds for scripts without spaces
_MIN_BLOCK_CHARS = 40  # a blockquote paragraph this long or longer is a quoted passage
_WORD_CHARS = re.compile(r"\w")
MAX_TITLE_CHARS = 300
_CUE_XPATH = (
    "//*[self::p or self::div or self::span or self::em or self::i or self::small or self::footer"
    " or self::aside or self::section][a[@href]]"
)


def parse_html(text: str, source: str, *, url: str | None = None) -> Article:
    """Read a decoded page; raise :class:`InputError` when it holds no article text."""
    tree = load_html(text)
    if tree is None:
        raise InputError(source, "no article text found in the page", NO_TEXT_HINT)
    meta = read_page_meta(tree)
    quoted = _blockquote_texts(tree)  # before trafilatura, which prunes the tree
    page_url = url or meta.canonical
    document = _main_text(tree, page_url, source)
    raw_text = getattr(document, "text", None) or ""
    paragraphs = [p.strip() for p in unicodedata.normalize("NFC", raw_text).split("\n") if p.strip()]
    titles = (meta.headline, meta.og_title, getattr(document, "title", None))
    body, trailer_credit, tags = split_trailer("\n\n".join(_without_title(paragraphs, titles)))
    if len(_WORD_CHARS.findall(body)) < MIN_ARTICLE_CHARS:  # nothing, or a menu item it fell back on
        raise InputError(source, "no article text found in the page", NO_TEXT_HINT)
    authors, wire = clean_authors(meta.authors or _split_author(getattr(document, "author", None)))
    credit = trailer_credit or _lead_credit(body) or _based_on(meta) or _wire_credit(body, wire)
    if credit is not None and credit.url is None:
        credit = _with_link(credit, tree, page_url)
    published = page_date(tree, meta, page_url, language=meta.language)  # last: htmldate may prune the tree
    return Article(
        body=body,
        headline=meta.headline or meta.og_title or getattr(document, "title", None) or None,
        outlet=meta.publisher or meta.site_name or getattr(document, "sitename", None) or None,
        authors=authors,
        published=published,
        published_source=PublishedSource.METADATA if published else PublishedSource.NONE,
        source=credit,
        tags=tags or meta.tags,
        url=page_url or None,
        language=meta.language,
        blocks=_block_spans(body, quoted),
    )


def _blockquote_texts(tree: Any) -> list[str]:
    texts = []
    for element in tree.iter("blockquote"):
        text = " ".join(element.text_content().split())
        if text:
            texts.append(text)
    return texts


def _block_spans(body: str, quoted: list[str]) -> tuple[Span, ...]:
    """The body's paragraphs that were <blockquote> passages in the page."""
    if not quoted:
        return ()
    spans = []
    for m in re.finditer(r"[^\n]+", body):
        key = " ".join(m.group(0).split())
        if len(key) >= _MIN_BLOCK_CHARS and any(key == q or key in q for q in quoted):
            spans.append(Span(m.start(), m.end()))
    return tuple(spans)


def _main_text(tree: Any, url: str | None, source: str) -> Any:
    """trafilatura's result (text and its metadata); without metadata if those fail on odd markup."""
    for with_metadata in (True, False):
        try:
            return trafilatura.bare_extraction(
                tree,
                url=url,
                favor_precision=True,
                include_comments=False,
                include_tables=True,
                with_metadata=with_metadata,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception:  # noqa: BLE001 - third-party parser on hostile markup
            continue
    raise InputError(source, "the page could not be parsed as HTML", "check that it is a complete HTML page")


def _without_title(paragraphs: list[str], titles: tuple[str | None, ...]) -> list[str]:
    """The paragraphs less a leading copy of the headline (the headline is metadata)."""
    keys = [_key(t) for t in titles if t]
    for index, paragraph in enumerate(paragraphs[:2]):
        key = _key(paragraph)
        if key and len(paragraph) <= MAX_TITLE_CHARS and any(k == key or k.startswith(key + " ") for k in keys):
            return paragraphs[index + 1 :] if len(paragraphs) > index + 1 else paragraphs
    return paragraphs


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _split_author(author: str | None) -> tuple[str, ...]:
    return tuple(split_names(author.replace(";", ","))) if author else ()


def _lead_credit(body: str) -> SourceCredit | None:
    """A provenance line among the first paragraphs; it stays in the body, with its span."""
    position = 0
    for paragraph in body.split("\n\n")[:3]:
        credit = provenance_credit(paragraph)
        if credit is not None and not (credit.outlet or "").lower().startswith(("getty", "ap photo")):
            return SourceCredit(
                outlet=credit.outlet,
                title=credit.title,
                url=credit.url,
                span=Span(position, position + len(paragraph)),
            )
        position += len(paragraph) + 2
    return None


def _based_on(meta: PageMeta) -> SourceCredit | None:
    if not (meta.based_on_url or meta.based_on_title or meta.based_on_outlet):
        return None
    return SourceCredit(outlet=meta.based_on_outlet, title=meta.based_on_title, url=meta.based_on_url)


def _wire_credit(body: str, wire: str | None) -> SourceCredit | None:
    name = wire_tag(body) or wire
    return SourceCredit(outlet=name) if name else None


def _with_link(credit: SourceCredit, tree: Any, page_url: str | None) -> SourceCredit:
    """The link inside the page's own provenance line ("Originally published at <a>…")."""
    if credit.outlet and canonical_wire(credit.outlet):
        return credit
    for element in tree.xpath(_CUE_XPATH):
        line = " ".join(element.text_content().split())
        if not line or provenance_credit(line) is None:
            continue
        href = element.xpath("string(.//a[@href][1]/@href)").strip()
        if href.startswith(("http://", "https://", "/")):
            return SourceCredit(
                outlet=credit.outlet, title=credit.title, url=urljoin(page_url or "", href), span=credit.span
            )
    return credit
