"""HTML pages: trafilatura's text, JSON-LD/OpenGraph metadata, provenance, the stage rules.

All pages are small fictional ones written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from trafilatura.utils import load_html

from wiretrace.errors import InputError
from wiretrace.extract import ExtractStage, read_article
from wiretrace.extract.dates import page_dates
from wiretrace.extract.encoding import decode_bytes
from wiretrace.extract.htmlmeta import read_page_meta
from wiretrace.extract.pubdate import date_evidence, url_date
from wiretrace.model import Analysis, PublishedSource, RawDocument, SourceCredit
from wiretrace.pipeline import Pipeline

PARAGRAPHS = (
    "The harbour board of Port Ellery voted on Tuesday to close the old ferry pier for repairs, "
    "a decision that will send commuters on a forty-minute detour for most of the summer months.",
    "“We have patched it for a decade and the patches now need patches,” said board chair Mara Quist, "
    "who added that the work should be finished well before the autumn storms arrive on the coast.",
    "Ferry operators said they would add two evening crossings from the north landing, and the town "
    "council promised free parking at the temporary terminal until the pier reopens in September.",
)


def page(
    *,
    json_ld: object | None = None,
    head: str = "",
    after: str = "",
    title: str = "Pier to close for summer repairs",
) -> bytes:
    script = f'<script type="application/ld+json">{json.dumps(json_ld)}</script>' if json_ld else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>{title} | Ellery Ledger</title>"
        f"{head}{script}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}{after}</article>"
        "<footer><p>© 2023 Ellery Ledger. All rights reserved.</p></footer></body></html>"
    ).encode()


def raw(data: bytes, **kwargs: object) -> RawDocument:
    return RawDocument(ref="page.html", media_type="text/html", data=data, **kwargs)  # type: ignore[arg-type]


NEWS_ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Pier to close for summer repairs",
    "datePublished": "2023-07-05T09:30:00+01:00",
    "author": [{"@type": "Person", "name": "Tomas Reyne"}, {"@type": "Person", "name": "Ines Vale"}],
    "publisher": {"@type": "Organization", "name": "The Ellery Ledger"},
}


def test_body_paragraphs_joined_by_blank_lines() -> None:
    article = read_article(raw(page()))
    assert article.body == "\n\n".join(PARAGRAPHS)


def test_json_ld_metadata() -> None:
    article = read_article(raw(page(json_ld=NEWS_ARTICLE)))
    assert article.headline == "Pier to close for summer repairs"
    assert article.authors == ("Tomas Reyne", "Ines Vale")
    assert article.outlet == "The Ellery Ledger"
    assert article.published == dt.date(2023, 7, 5)
    assert article.published_source is PublishedSource.METADATA
    assert article.language == "en"


def test_json_ld_graph_with_references() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "Ellery Ledger site"},
            {"@type": "Person", "@id": "#tomas", "name": "Tomas Reyne"},
            {"@type": "Organization", "@id": "#org", "name": "The Ellery Ledger"},
            {
                "@type": ["ReportageNewsArticle"],
                "headline": "Pier closes",
                "author": {"@id": "#tomas"},
                "publisher": {"@id": "#org"},
                "datePublished": "2023-07-04",
                "isBasedOn": {"@type": "NewsArticle", "url": "https://coast.example/pier", "name": "Pier shut"},
            },
        ],
    }
    article = read_article(raw(page(json_ld=graph)))
    assert article.headline == "Pier closes"
    assert article.authors == ("Tomas Reyne",)
    assert article.outlet == "The Ellery Ledger"
    assert article.published == dt.date(2023, 7, 4)
    assert article.source == SourceCredit(title="Pier shut", url="https://coast.example/pier")


def test_opengraph_and_canonical() -> None:
    head = (
        '<meta property="og:site_name" content="Ellery Ledger">'
        '<meta property="og:title" content="Pier to close for the summer">'
        '<meta property="article:published_time" content="2023-07-03T08:00:00Z">'
        '<link rel="canonical" href="https://ledger.example/2023/pier">'
    )
    article = read_article(raw(page(head=head)))
    assert article.outlet == "Ellery Ledger"
    assert article.headline == "Pier to close for the summer"
    assert article.published == dt.date(2023, 7, 3)
    assert article.url == "https://ledger.example/2023/pier"


def test_fetched_url_wins_over_canonical() -> None:
    article = read_article(raw(page(), url="https://ledger.example/final"))
    assert article.url == "https://ledger.example/final"


def test_wire_authors_become_the_source() -> None:
    data = dict(NEWS_ARTICLE, author=[{"name": "Associated Press"}, {"name": "2 Hours Ago"}, {"name": "Ines Vale"}])
    article = read_article(raw(page(json_ld=data)))
    assert article.authors == ("Ines Vale",)
    assert article.source == SourceCredit(outlet="Associated Press")


def test_provenance_link_becomes_the_source() -> None:
    after = '<p>Originally published at <a href="https://coast.example/pier-story">Coastline Weekly</a>.</p>'
    article = read_article(raw(page(after=after)))
    assert article.source == SourceCredit(outlet="Coastline Weekly", url="https://coast.example/pier-story")
    assert "Originally published" not in article.body


def test_headline_is_not_repeated_in_the_body() -> None:
    article = read_article(raw(page(json_ld=NEWS_ARTICLE)))
    assert not article.body.startswith("Pier to close")


def test_page_without_article_text() -> None:
    data = b"<html><head><title>Log in</title></head><body><form><input name=q></form></body></html>"
    with pytest.raises(InputError, match="no article text found in the page"):
        read_article(raw(data))


def test_declared_charset_is_used_when_not_utf8() -> None:
    data = page().replace(b"charset='utf-8'", b"charset='windows-1252'").decode().encode("cp1252")
    article = read_article(raw(data))
    assert "“We have patched it" in article.body


def test_decode_keeps_typographic_quotes_and_normalises_newlines() -> None:
    assert decode_bytes("“a”\r\nb\rc".encode(), "x") == "“a”\nb\nc"
    assert decode_bytes(b"\xef\xbb\xbfhello", "x") == "hello"
    assert decode_bytes("hé".encode("utf-16"), "x") == "hé"


# -- the stage -------------------------------------------------------------------------


def test_jsonl_text_is_the_body_verbatim() -> None:
    text = "Pier to close\r\n\r\nBy Tomas Reyne\n\nThe board voted."
    article = read_article(RawDocument(ref="a1", media_type="text/plain", text=text))
    assert article.body == text
    assert article.headline is None


def test_meta_overrides_and_fills() -> None:
    meta = (("outlet", "Coast FM"), ("headline", "Given headline"), ("authors", "Ana Ruiz; Bo Lind"))
    article = read_article(RawDocument(ref="a1", media_type="text/plain", text="Body text.", meta=meta))
    assert (article.outlet, article.headline, article.authors) == (
        "Coast FM",
        "Given headline",
        ("Ana Ruiz", "Bo Lind"),
    )


def test_given_date_fills_a_missing_date() -> None:
    meta = (("published", "2023-07-09"),)
    article = read_article(RawDocument(ref="a1", media_type="text/plain", text="Body text.", meta=meta))
    assert article.published == dt.date(2023, 7, 9)
    assert article.published_source is PublishedSource.GIVEN


def test_article_date_wins_over_given_date() -> None:
    data = b"Pier to close\n\nJuly 5, 2023\n\n" + PARAGRAPHS[0].encode()
    doc = RawDocument(ref="a.txt", media_type="text/plain", data=data, meta=(("published", "2023-07-09"),))
    article = read_article(doc)
    assert article.published == dt.date(2023, 7, 5)
    assert article.published_source is PublishedSource.ARTICLE


def test_bad_given_date() -> None:
    doc = RawDocument(ref="a1", media_type="text/plain", text="Body.", meta=(("published", "5 July"),))
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_article(doc)


def test_body_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRETRACE_MAX_BODY_CHARS", "10")
    with pytest.raises(InputError, match="WIRETRACE_MAX_BODY_CHARS"):
        read_article(RawDocument(ref="a1", media_type="text/plain", text="A body longer than ten."))


def test_extract_stage_in_a_pipeline() -> None:
    stage = ExtractStage()
    assert (stage.name, stage.version, stage.needs, stage.gives) == (
        "extract",
        "2",
        frozenset({"raw"}),
        frozenset({"article"}),
    )
    pipeline = Pipeline([stage])
    doc = RawDocument(ref="a1", media_type="text/plain", text="The board voted.")
    result = pipeline.run(Analysis(id="a1", input="a1", raw=doc))
    assert result.article is not None and result.article.body == "The board voted."
    assert result.stages == (("extract", "2"),)


def test_extract_stage_turns_unreadable_input_into_the_result() -> None:
    doc = RawDocument(ref="empty.txt", media_type="text/plain", data=b"   ")
    [result] = list(Pipeline([ExtractStage()]).run_many([Analysis(id="e", input="empty.txt", raw=doc)]))
    assert isinstance(result, InputError)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/2020/01/13/megablaze-under-control", "2020-01-13"),
        ("https://news.example/news/263700449/megablaze-under-control-20200113", "2020-01-13"),
        ("https://news.example/2019-11-05-vote.html", "2019-11-05"),
        ("https://news.example/story/12345678901234", None),  # an id, not a date
        ("https://news.example/archive/2020/13/45/x", None),  # no such day
        ("https://news.example/tag/politics?date=20200113", None),  # the query is not the address
    ],
)
def test_a_full_date_in_the_address_dates_the_page(url: str, expected: str | None) -> None:
    found = url_date(url)
    assert (found.isoformat() if found else None) == expected


# -- the publication date (wiretrace.extract.pubdate) ------------------------------------


def dated_page(
    *,
    shown: str = "",
    before: str = "",
    head: str = "",
    lang: str = "en",
    sidebar: str = "",
    json_ld: object | None = None,
) -> bytes:
    """A page whose headline has ``shown`` just after it and ``before`` just before it."""
    script = f'<script type="application/ld+json">{json.dumps(json_ld)}</script>' if json_ld else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>Pier to close for summer repairs | Ellery Ledger</title>{head}{script}</head><body>"
        f"<header><a href='/'>Ellery Ledger</a></header><main><article><div class='kicker'>{before}</div>"
        f"<h1>Pier to close for summer repairs</h1><div class='meta'>{shown}</div>{body}</article>"
        f"<aside><h2>Latest news</h2>{sidebar}</aside></main></body></html>"
    ).encode()


def published(data: bytes, url: str | None = None) -> dt.date | None:
    return read_article(raw(data, url=url)).published


def test_the_date_shown_under_the_headline_dates_a_page_without_metadata() -> None:
    sidebar = "".join(f"<li><a href='/n{d}'>Ferry news</a> <span>July {d}, 2023</span></li>" for d in (9, 8, 7))
    data = dated_page(
        shown="<span>By Tomas Reyne</span> <span>Published: July 5, 2023 10:30 AM</span>", sidebar=sidebar
    )
    assert published(data) == dt.date(2023, 7, 5)


def test_a_date_line_in_the_page_language() -> None:
    assert published(dated_page(shown="Publié le 4 juillet 2023 à 10 h 30", lang="fr")) == dt.date(2023, 7, 4)
    assert published(dated_page(shown="<span class='date'>2023年07月05日</span>", lang="ja")) == dt.date(2023, 7, 5)
    assert published(dated_page(before="<time datetime='2023-07-06'>6 de julio de 2023</time>", lang="es")) == (
        dt.date(2023, 7, 6)
    )


def test_the_published_date_wins_over_the_updated_one_shown_with_it() -> None:
    shown = "<span>Updated</span> <time>July 9, 2023</time> <span>Published</span> <time>July 5, 2023</time>"
    assert published(dated_page(shown=shown)) == dt.date(2023, 7, 5)
    assert published(dated_page(shown="Updated July 9, 2023 | Posted July 5, 2023")) == dt.date(2023, 7, 5)


def test_an_updated_date_alone_is_still_the_shown_date() -> None:
    assert published(dated_page(shown="Last updated: July 9, 2023")) == dt.date(2023, 7, 9)


def test_the_shown_local_day_wins_over_a_utc_declaration_a_day_apart() -> None:
    head = '<meta property="article:published_time" content="2023-07-05T01:30:00Z">'
    shown = "<time datetime='2023-07-05T01:30:00Z'>Posted Jul 4, 9:30 PM</time>"
    assert published(dated_page(shown=shown, head=head)) == dt.date(2023, 7, 4)


def test_a_declaration_wins_over_a_shown_date_further_away() -> None:
    data = dated_page(shown="<time class='updated'>July 20, 2023</time>", json_ld=NEWS_ARTICLE)
    assert published(data) == dt.date(2023, 7, 5)


def test_the_address_date_wins_over_a_utc_declaration() -> None:
    head = '<meta property="article:published_time" content="2023-07-05T02:10:00+00:00">'
    assert published(dated_page(head=head), url="https://ledger.example/2023/07/04/pier") == dt.date(2023, 7, 4)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr-CA", dt.date(2023, 7, 4)),  # every Canadian zone is still on the 4th at 01:30 UTC
        ("fr-FR", dt.date(2023, 7, 5)),
        ("en-US", dt.date(2023, 7, 5)),  # a blog software default, not a country
        ("en", dt.date(2023, 7, 5)),
    ],
)
def test_a_utc_declaration_is_read_as_the_country_local_day(lang: str, expected: dt.date) -> None:
    data = dict(NEWS_ARTICLE, datePublished="2023-07-05T01:30:00Z")
    assert published(dated_page(json_ld=data, lang=lang)) == expected


def test_a_utc_declaration_of_a_country_domain() -> None:
    data = dict(NEWS_ARTICLE, datePublished="2023-07-05T16:30:00.000Z")
    assert published(dated_page(json_ld=data), url="https://shimbun.example.jp/news/123") == dt.date(2023, 7, 6)


def test_a_local_offset_is_kept_as_written() -> None:
    data = dict(NEWS_ARTICLE, datePublished="2023-07-05T23:30:00-04:00")
    assert published(dated_page(json_ld=data, lang="fr-CA")) == dt.date(2023, 7, 5)


def test_the_page_node_date_when_there_is_no_article_node() -> None:
    data = {"@context": "https://schema.org", "@type": "QAPage", "datePublished": "2023-07-03T08:00:00+09:00"}
    assert published(dated_page(json_ld=data)) == dt.date(2023, 7, 3)


def test_a_publication_meta_name() -> None:
    assert published(dated_page(head='<meta name="pubdate" content="2023-07-02">')) == dt.date(2023, 7, 2)


def test_a_tweet_address_holds_its_time() -> None:
    moment = dt.datetime(2023, 7, 5, 12, 0, tzinfo=dt.UTC)
    status = (int(moment.timestamp() * 1000) - 1288834974657) << 22
    assert url_date(f"https://twitter.com/ledger/status/{status}") == dt.date(2023, 7, 5)
    assert url_date(f"https://ledger.example/ledger/status/{status}") is None


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("13 Oct 2020 18:29", None, "2020-10-13"),
        ("Publié le 24 août 2020 à 20 h 23", None, "2020-08-24"),
        ("24 de agosto de 2020", None, "2020-08-24"),
        ("12. Juli 2020", None, "2020-07-12"),
        ("24 августа 2020", None, "2020-08-24"),
        ("2020년 7월 12일", None, "2020-07-12"),
        ("２０２０年７月１２日", None, "2020-07-12"),
        ("تم نشره الجمعة 24 نيسان / أبريل 2020", None, "2020-04-24"),
        ("٢٤ أبريل ٢٠٢٠", None, "2020-04-24"),
        ("2020/7/12", None, "2020-07-12"),
        ("24.08.2020", None, "2020-08-24"),
        ("05/07/2020", True, "2020-07-05"),
        ("05/07/2020", False, "2020-05-07"),
        ("05/07/2020", None, None),  # which order is meant is a guess
        ("25/07/2020", None, "2020-07-25"),
        ("in 2015 out 2020", None, None),
        ("31 June 2020", None, None),
    ],
)
def test_page_dates(text: str, day_first: bool | None, expected: str | None) -> None:
    found = page_dates(text, day_first=day_first)
    assert (found[0][0].isoformat() if found else None) == expected
    if found:
        date, start, end = found[0]
        assert page_dates(text[start:end], day_first=day_first)[0][0] == date


def test_page_dates_without_a_year_need_one() -> None:
    assert page_dates("Posted Nov 18, 8:19 PM") == []
    assert page_dates("Posted Nov 18, 8:19 PM", year=2019)[0][0] == dt.date(2019, 11, 18)


def test_date_evidence_lists_every_candidate() -> None:
    tree = load_html(dated_page(shown="July 5, 2023", json_ld=NEWS_ARTICLE).decode())
    evidence = date_evidence(tree, read_page_meta(tree), "https://ledger.example/2023/07/04/pier")
    assert evidence["url"] == dt.date(2023, 7, 4)
    assert evidence["shown"] == dt.date(2023, 7, 5)
    assert ("2023-07-05T09:30:00+01:00", dt.date(2023, 7, 5)) in evidence["declared"]
    assert set(evidence) == {"region", "url", "declared", "shown", "htmldate", "htmldate_extensive"}
