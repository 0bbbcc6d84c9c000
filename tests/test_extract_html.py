"""HTML pages: trafilatura's text, JSON-LD/OpenGraph metadata, provenance, the stage rules.

All pages are small fictional ones written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wiretrace.errors import InputError
from wiretrace.extract import ExtractStage, read_article
from wiretrace.extract.encoding import decode_bytes
from wiretrace.extract.html import url_date
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
        "1",
        frozenset({"raw"}),
        frozenset({"article"}),
    )
    pipeline = Pipeline([stage])
    doc = RawDocument(ref="a1", media_type="text/plain", text="The board voted.")
    result = pipeline.run(Analysis(id="a1", input="a1", raw=doc))
    assert result.article is not None and result.article.body == "The board voted."
    assert result.stages == (("extract", "1"),)


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
