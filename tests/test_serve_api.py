"""``wiretrace serve`` over HTTP, fast: a hand-built store (no spaCy), a real server on a loopback port.

The pages and the JSON API are asked what a person asks; the answers are checked against the
store, the one error shape, the security headers and the safe-by-default rules.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from wiretrace import SCHEMA_VERSION
from wiretrace.cli.main import main
from wiretrace.link import link_new
from wiretrace.serve import ServeConfig, create_app
from wiretrace.serve.corpus import Corpus
from wiretrace.serve.markup import Ann, nest
from wiretrace.serve.security import CSP
from wiretrace.serve.server import Background
from wiretrace.store import Record, open_store

STAGES = {"extract": "1", "entities": "1", "quotes": "1", "timexes": "1", "claims": "1"}
GIVES = {s: () for s in STAGES}

ORIGINAL = (
    "NORTHFIELD — Mayor Elena Varga said on Monday that the city would rebuild the Quarry Street bridge by 2026.\n\n"
    "“We will finish the bridge before the next mayor has to make excuses for it,” Varga said.\n\n"
    "Councillor Tobias Reyne rejected that account, saying the grant was “a hope, not a plan.”\n\n"
    "The commission voted 5–2 to approve the $48 million plan after a long public hearing on the bridge.\n\n"
    "Engineers told the commission that the existing span had deteriorated faster than expected since 2019."
)
REPOST = ORIGINAL + "\n\nSource: The Northfield Ledger – Harbor Commission approves bridge plan"
HOSTILE = (
    "A test article <script>window.__pwned = 1</script> with markup in its text.\n\n"
    '“<img src=x onerror="window.__pwned=1"> is not a picture,” said Mallory Quint.\n\n'
    "The bridge is fine, the article says, <b>bold</b> and all."
)


def _find(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def _speaker(name: str | None, eid: str | None) -> dict[str, Any] | None:
    if name is None:
        return None
    return {"name": name, "description": None, "entity": eid, "mention": None, "via": "name", "confidence": 0.9}


def analysis(
    ref: str,
    body: str,
    *,
    outlet: str,
    published: str | None,
    headline: str,
    quotes: list[tuple[str, str | None]],
    disputes: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
    source: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    people = sorted({name for _, name in quotes if name})
    entities = []
    for i, name in enumerate(people, 1):
        mentions = [{"start": m.start(), "end": m.end(), "text": name} for m in re.finditer(re.escape(name), body)]
        entities.append(
            {"id": f"e{i}", "name": name, "type": "PERSON", "aliases": [], "descriptions": [], "mentions": mentions}
        )
    eid = {e["name"]: e["id"] for e in entities}
    qs, claims = [], []
    for i, (text, name) in enumerate(quotes, 1):
        start, end = _find(body, text)
        sp = _speaker(name, eid.get(name or ""))
        cue = {"start": 0, "end": 0, "text": "said"}
        qs.append(
            {
                "id": f"q{i}",
                "text": text,
                "start": start,
                "end": end,
                "kind": "direct",
                "cue": cue,
                "speaker": sp,
                "fragments": [{"start": start, "end": end, "text": text}],
                "confidence": 0.9,
                "date": published,
            }
        )
        claims.append(
            {
                "id": f"c{i}",
                "text": text,
                "start": start,
                "end": end,
                "speaker": sp,
                "quote": f"q{i}",
                "negated": False,
                "date": published,
            }
        )
    timexes = []
    if "Monday" in body:
        s, e = _find(body, "Monday")
        timexes.append(
            {"text": "Monday", "start": s, "end": e, "type": "DATE", "value": "2024-03-11", "end_value": None}
        )
    return {
        "id": ref,
        "input": ref,
        "schema_version": SCHEMA_VERSION,
        "stages": dict(STAGES),
        "article": {
            "outlet": outlet,
            "headline": headline,
            "authors": ["Ada Writer"],
            "published": published,
            "published_source": "given" if published else "none",
            "source": {"outlet": source, "title": None, "url": "javascript:alert(1)"} if source else None,
            "tags": [],
            "url": url,
            "body": body,
        },
        "entities": entities,
        "quotes": qs,
        "timexes": timexes,
        "claims": claims,
        "disputes": [
            {"claim": f"c{a}", "counter": f"c{b}", "cue": {"start": 0, "end": 0, "text": cue}} for a, b, cue in disputes
        ],
        "problems": [],
    }


ARTICLES = [
    analysis(
        "ledger/bridge",
        ORIGINAL,
        outlet="The Northfield Ledger",
        published="2024-03-14",
        headline="Harbor Commission approves bridge plan",
        quotes=[
            ("that the city would rebuild the Quarry Street bridge by 2026", "Elena Varga"),
            ("We will finish the bridge before the next mayor has to make excuses for it,", "Elena Varga"),
            ("a hope, not a plan.", "Tobias Reyne"),
        ],
        disputes=[(1, 3, "rejected that account")],
        url="https://ledger.example/bridge",
    ),
    analysis(
        "civic/bridge-repost",
        REPOST,
        outlet="Calder Civic Notes",
        published=None,
        headline="Harbor Commission approves bridge plan",
        quotes=[("We will finish the bridge before the next mayor has to make excuses for it,", "Elena Varga")],
        source="The Northfield Ledger",
    ),
    analysis(
        "hostile/one",
        HOSTILE,
        outlet="<b>Evil</b> Outlet",
        published="2024-04-01",
        headline="<script>window.__pwned=1</script> Hostile",
        quotes=[('<img src=x onerror="window.__pwned=1"> is not a picture,', "Mallory Quint")],
        url="javascript:window.__pwned=1",
    ),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "corpus.db"
    store = open_store(path)
    try:
        for data in ARTICLES:
            raw = hashlib.sha256(data["article"]["body"].encode()).hexdigest()
            stored = store.put(Record(ref=data["id"], input=data["id"], raw_hash=raw, data=data, gives=GIVES))
            link_new(store, stored.article_id)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    app = create_app(ServeConfig(db=str(db), max_upload=20_000))
    with Background(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


def error_of(response: httpx.Response, status: int) -> str:
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str)
    assert "—" in body["error"]  # says what to do
    return str(body["error"])


# --------------------------------------------------------------------------- pages


def test_search_page_marks_the_words_and_offers_facets(client: httpx.Client) -> None:
    html = client.get("/", params={"q": "bridge"}).text
    assert '<mark class="hit">' in html
    assert "Harbor Commission approves bridge plan" in html
    assert "The Northfield Ledger (" in html  # an outlet facet with its count


def test_search_api_facets_narrow_the_hits(client: httpx.Client) -> None:
    everything = client.get("/api/search", params={"q": "bridge"}).json()
    assert everything["ok"] and everything["items"]
    outlets = {o["outlet"] for o in everything["facets"]["outlets"]}
    assert {"The Northfield Ledger", "Calder Civic Notes"} <= outlets
    ledger = client.get("/api/search", params={"q": "bridge", "outlet": "The Northfield Ledger"}).json()
    assert ledger["items"] and {r["outlet"] for r in ledger["items"]} == {"The Northfield Ledger"}
    quotes = client.get("/api/search", params={"q": "bridge", "kind": "quote", "speaker": "Varga"}).json()
    assert quotes["items"] and all(r["kind"] == "quote" and r["speaker"] == "Elena Varga" for r in quotes["items"])
    disputed = client.get("/api/search", params={"q": "bridge", "disputed": "true"}).json()
    assert {r["ref"] for r in disputed["items"]} == {"ledger/bridge"}
    dated = client.get("/api/search", params={"q": "bridge", "since": "2024-03-01", "until": "2024-03"}).json()
    assert dated["items"] and all(r["published"].startswith("2024-03") for r in dated["items"])
    assert "since" in error_of(client.get("/api/search", params={"q": "bridge", "since": "March"}), 400)
    for row in everything["items"] + quotes["items"]:  # snippets are cut for the rows shown, after narrowing
        assert "**bridge**" in row["snippet"].lower() and "fts_n" not in row


def test_article_page_labels_and_explains_every_quote(client: httpx.Client) -> None:
    html = client.get("/article", params={"ref": "ledger/bridge"}).text
    assert html.count('tabindex="0"') >= 3  # each quote reachable by keyboard
    assert '<span class="who">Elena Varga</span>' in html  # a text label, not color alone
    assert '<span class="who">Tobias Reyne</span>' in html
    assert "cue: “said” · direct quote · quote confidence 90%" in html
    assert 'class="timex" title="DATE · 2024-03-11"' in html
    assert 'class="ent ent-person" title="PERSON · Elena Varga"' in html
    assert 'href="https://ledger.example/bridge"' in html
    assert "Copied by" in html and "ref=civic%2Fbridge-repost" in html  # its place in the lineage
    assert "rejected that account" in html  # its dispute


def test_repost_names_where_it_came_from(client: httpx.Client) -> None:
    html = client.get("/article", params={"ref": "civic/bridge-repost"}).text
    assert "Republished from" in html and "The Northfield Ledger" in html
    assert "Took text from" in html and "ref=ledger%2Fbridge" in html
    assert 'href="javascript:' not in html  # the credit's javascript: URL is not a link


def test_a_highlighted_span_is_marked(client: httpx.Client) -> None:
    html = client.get("/article", params={"ref": "ledger/bridge", "mark": "0-10"}).text
    assert '<span class="hl" id="hl" tabindex="-1">NORTHFIELD' in html


def test_hostile_article_text_is_escaped_everywhere(client: httpx.Client) -> None:
    for path, params in (
        ("/article", {"ref": "hostile/one"}),
        ("/", {"q": "picture"}),
        ("/speaker", {"name": "Mallory Quint"}),
        ("/speakers", {}),
    ):
        html = client.get(path, params=params).text
        assert "<script>window" not in html, path
        assert "<img src=x" not in html, path
        assert "<b>Evil</b>" not in html, path
    html = client.get("/article", params={"ref": "hostile/one"}).text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/wiretrace.js" defer>']


def test_speaker_page_groups_quotes_with_first_appearance_and_outlets(client: httpx.Client) -> None:
    data = client.get("/api/speaker", params={"name": "Varga"}).json()["data"]
    [person] = data["people"]
    assert person["person"] == "Elena Varga"
    shared = next(g for g in person["groups"] if g["text"].startswith("We will finish"))
    assert shared["first"]["ref"] == "ledger/bridge"
    assert shared["outlets"] == ["The Northfield Ledger", "Calder Civic Notes"]
    assert [d["counter_speaker"] for d in data["disputes"]] == ["Tobias Reyne"]
    html = client.get("/speaker", params={"name": "Varga"}).text
    assert "<svg" in html and "Carried by 2 articles in 2 outlets" in html


def test_speaker_page_lists_quotes_a_page_at_a_time_and_every_dot_links_to_its_page(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wiretrace.serve.routes import speakers  # noqa: PLC0415

    monkeypatch.setattr(speakers, "SHOWN", 1)
    groups = client.get("/api/speaker", params={"name": "Varga"}).json()["data"]["people"][0]["groups"]
    assert len(groups) >= 2
    first = client.get("/speaker", params={"name": "Varga"}).text
    assert first.count('class="qgroup"') == 1 and 'id="quote-0-0"' in first
    assert 'href="#quote-0-0"' in first  # on this page
    assert 'href="?name=Varga&amp;offset=1#quote-0-1"' in first  # on the next one
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/speaker", params={"name": "Varga", "offset": 1}).text
    assert 'id="quote-0-1"' in second and 'id="quote-0-0"' not in second and 'rel="prev"' in second
    assert "<script>" not in second


def test_health_says_when_the_corpus_wide_answers_are_ready(db: Path) -> None:
    app = create_app(ServeConfig(db=str(db)))  # warms in the background
    with Background(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        deadline = time.monotonic() + 60
        while not (health := http.get("/api/health").json())["data"]["ready"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert health["ok"] and health["data"]["ready"] and health["data"]["version"]
    cold = create_app(ServeConfig(db=str(db), warm=False))  # nothing to wait for
    with Background(cold) as url, httpx.Client(base_url=url, timeout=30) as http:
        assert http.get("/api/health").json()["data"]["ready"] is True


def test_a_worker_process_builds_the_app_from_the_config_its_parent_checked(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wiretrace.errors import WiretraceError  # noqa: PLC0415
    from wiretrace.serve.app import CONFIG_ENV, app_from_environment, config_to_environment  # noqa: PLC0415

    monkeypatch.delenv(CONFIG_ENV, raising=False)
    with pytest.raises(WiretraceError, match="start the server with `wiretrace serve`"):
        app_from_environment()
    config_to_environment(ServeConfig(db=str(db), hosts=("news.example",), warm=False))
    app = app_from_environment()
    assert app.state.config.hosts == ("news.example",) and app.state.config.db == str(db)
    with Background(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        assert http.get("/api/stats").json()["data"]["articles"] >= 1


def test_story_page_draws_the_lineage(client: httpx.Client) -> None:
    data = client.get("/api/story", params={"ref": "civic/bridge-repost"}).json()["data"]
    assert data["story"]["independent_origins"] == 1
    assert data["edges"] and data["edges"][0]["source"] == "ledger/bridge"
    html = client.get("/story", params={"ref": "civic/bridge-repost"}).text
    assert "<svg" in html and 'href="#pair-0"' in html and '<details id="pair-0"' in html
    assert "1 independent origin" in html
    stories = client.get("/api/stories").json()
    assert stories["items"][0]["articles"] == 2


def test_disputes_page_puts_both_sides_with_links_to_the_evidence(client: httpx.Client) -> None:
    rows = client.get("/api/disputes").json()["items"]
    assert [(r["claim_speaker"], r["counter_speaker"]) for r in rows] == [("Elena Varga", "Tobias Reyne")]
    html = client.get("/disputes").text
    anchors = re.findall(r'href="/article\?ref=ledger%2Fbridge#(s-[0-9a-f]{12})"', html)
    article = client.get("/article", params={"ref": "ledger/bridge"}).text
    assert anchors and all(f'id="{a}"' in article for a in anchors)
    assert client.get("/api/disputes", params={"speaker": "Nobody Atall"}).json()["items"] == []


def test_check_answers_with_counts_by_origin(client: httpx.Client) -> None:
    data = client.get("/api/check", params={"claim": "the city will rebuild the Quarry Street bridge"}).json()["data"]
    assert set(data) >= {"claim", "summary", "counts", "matches"}
    html = client.get("/check", params={"claim": "the city will rebuild the Quarry Street bridge"}).text
    assert data["summary"] in html


# --------------------------------------------------------------------------- API contract


def test_api_pages_follow_next(client: httpx.Client) -> None:
    first = client.get("/api/speakers", params={"limit": 1}).json()
    assert first["more"] and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 1 and second["items"] != first["items"]
    error_of(client.get("/api/speakers", params={"limit": 200, "offset": 9_900}), 400)
    error_of(client.get("/api/speakers", params={"limit": 0}), 400)


def test_one_error_shape_everywhere(client: httpx.Client) -> None:
    assert "no such article" in error_of(client.get("/api/article", params={"ref": "nope"}), 404)
    error_of(client.get("/api/nothing-here"), 404)
    error_of(client.get("/api/search"), 400)
    error_of(client.post("/api/search", params={"q": "x"}), 405)
    page = client.get("/article", params={"ref": "nope"})
    assert page.status_code == 404 and "no such article" in page.text and "<html" in page.text


def test_openapi_describes_the_api_and_no_cdn_docs(client: httpx.Client) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/search",
        "/api/article",
        "/api/speaker",
        "/api/quotes",
        "/api/story",
        "/api/disputes",
        "/api/check",
        "/api/analyze",
    ):
        assert path in spec["paths"], path
    assert not any(p for p in spec["paths"] if not p.startswith("/api/"))
    assert client.get("/docs").status_code == 404


def test_security_headers_on_every_response(client: httpx.Client) -> None:
    for response in (
        client.get("/"),
        client.get("/api/speakers"),
        client.get("/nope"),
        client.get("/static/wiretrace.css"),
    ):
        assert response.headers["content-security-policy"] == CSP
        assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_no_request_path_reaches_the_file_system(client: httpx.Client) -> None:
    assert client.get("/static/wiretrace.js").status_code == 200
    for path in (
        "/static/..%2f..%2fpyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/../serve/app.py",
        "/static/app.py",
    ):
        assert client.get(path).status_code == 404, path


def test_unknown_host_and_cross_site_posts_are_refused(client: httpx.Client) -> None:
    error_of(client.get("/", headers={"host": "evil.example"}), 400)
    error_of(client.post("/api/analyze", data={"text": "x"}, headers={"origin": "http://evil.example"}), 403)


def test_read_only_server_refuses_to_store_before_any_work(client: httpx.Client) -> None:
    assert "--allow-write" in error_of(client.post("/api/analyze", data={"text": "Hello.", "keep": "true"}), 403)
    assert "one of" in error_of(client.post("/api/analyze", data={}), 400)


def test_upload_size_is_limited(client: httpx.Client) -> None:
    big = b"x" * 30_000
    assert "larger than" in error_of(client.post("/api/analyze", files={"file": ("big.txt", big, "text/plain")}), 413)


def test_reads_never_write(db: Path) -> None:
    corpus = Corpus(db)
    with pytest.raises(sqlite3.OperationalError):
        corpus.reader().execute("DELETE FROM articles")
    with pytest.raises(PermissionError), corpus.writer():
        pass


# --------------------------------------------------------------------------- pieces


def test_crossing_spans_nest_and_keep_the_text() -> None:
    body = "abcdefghij"
    html = str(
        nest(
            body,
            [
                Ann(start=1, end=6, kind="quote", tag="mark", attrs={"class": "q"}),
                Ann(start=4, end=9, kind="entity", attrs={"class": "e"}),
                Ann(start=2, end=3, kind="timex", attrs={"class": "t"}),
            ],
        )
    )
    assert html == (
        'a<mark class="q">b<span class="t">c</span>d<span class="e">ef</span></mark><span class="e cont">ghi</span>j'
    )
    assert re.sub(r"<[^>]+>", "", html) == body
    assert str(nest("<b>&", [])) == "&lt;b&gt;&amp;"


def test_cli_serve_is_documented_and_refuses_a_missing_database(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--allow-write" in result.output
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output


def test_a_bug_is_the_error_shape_not_a_dropped_connection(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(corpus: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("wiretrace.serve.routes.assets.stats", broken)
    response = client.get("/api/stats")
    assert "RuntimeError" in error_of(response, 500)
    assert response.headers["content-security-policy"] == CSP


def test_the_cache_follows_commits_not_readers_opening_and_closing(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    open_store(path).close()
    corpus = Corpus(path)
    calls: list[int] = []

    def build(conn: sqlite3.Connection) -> int:
        calls.append(1)
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    assert corpus.cached("n", build) == 0
    for _ in range(3):  # readers come and go (the WAL file with them): the answer stands
        with sqlite3.connect(path) as other:
            other.execute("SELECT COUNT(*) FROM refs").fetchone()
        corpus.close()
        assert corpus.cached("n", build) == 0
    assert len(calls) == 1
    store = open_store(path)  # another connection commits: the answer is built again
    data = analysis("r", "A new article about the pier.", outlet="X", published=None, headline="Pier", quotes=[])
    store.put(Record(ref="r", input="r", raw_hash="h", data=data, gives=GIVES))
    store.close()
    assert corpus.cached("n", build) == 1 and len(calls) == 2


def test_a_dispute_row_is_rendered_once_per_database_version(tmp_path: Path) -> None:
    from jinja2 import DictLoader, Environment  # noqa: PLC0415

    from wiretrace.serve.fragments import Fragments  # noqa: PLC0415

    path = tmp_path / "f.db"
    open_store(path).close()
    corpus = Corpus(path)
    env = Environment(
        loader=DictLoader({"macros.html": "{% macro dispute_row(r, a) %}<p>{{ r.claim }}</p>{% endmacro %}"}),
        autoescape=True,
    )
    row = {"claim": "The pier <b>closes</b>"}
    first = Fragments(corpus, env)("dispute_row", row)
    assert str(first) == "<p>The pier &lt;b&gt;closes&lt;/b&gt;</p>"  # escaped, as the macro escapes it
    assert Fragments(corpus, env)("dispute_row", row) is first  # the next page reuses it
    assert Fragments(corpus, env)("dispute_row", dict(row)) is not first  # another row object: its own
    store = open_store(path)  # a commit: every row is drawn again
    data = analysis("r", "A new article about the pier.", outlet="X", published=None, headline="Pier", quotes=[])
    store.put(Record(ref="r", input="r", raw_hash="h", data=data, gives=GIVES))
    store.close()
    assert Fragments(corpus, env)("dispute_row", row) is not first
    with pytest.raises(ValueError, match="not one of"):
        Fragments(corpus, env)("article_link", row)


def test_article_cards_are_read_once_per_database_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wiretrace.serve import cards as cards_module  # noqa: PLC0415
    from wiretrace.store import queries  # noqa: PLC0415

    path = tmp_path / "c.db"
    store = open_store(path)
    data = analysis("r", "A new article about the pier.", outlet="X", published=None, headline="Pier", quotes=[])
    store.put(Record(ref="r", input="r", raw_hash="h", data=data, gives=GIVES))
    store.close()
    corpus = Corpus(path)
    [aid] = [a for (a,) in corpus.reader().execute("SELECT id FROM articles")]
    read: list[list[str]] = []
    real = queries.article_cards
    monkeypatch.setattr(queries, "article_cards", lambda conn, ids: read.append(ids) or real(conn, ids))
    assert cards_module.article_cards(corpus, [aid, "gone"]) == {aid: ("r", "X", None, "Pier")}
    assert cards_module.article_cards(corpus, [aid, "gone"]) == {aid: ("r", "X", None, "Pier")}
    assert read == [[aid, "gone"]]  # the second page read nothing, not even the absent one
    store = open_store(path)  # a commit: the cards are read again
    store.put(Record(ref="r2", input="r2", raw_hash="h2", data=data, gives=GIVES))
    store.close()
    cards_module.article_cards(corpus, [aid])
    assert read[-1] == [aid]
    cards_module.fill(corpus)  # as the server does when it starts: the current articles at once
    read.clear()
    assert cards_module.article_cards(corpus, [aid]) == {aid: ("r", "X", None, "Pier")}
    assert read == []


def test_quote_items_escape_every_value_and_link_each_appearance() -> None:
    from wiretrace.serve.quotelist import quote_items  # noqa: PLC0415

    def seen(ref: str, outlet: str | None, published: str | None) -> dict[str, object]:
        return {"ref": ref, "outlet": outlet, "published": published, "headline": '"><b>x</b>', "start": 3, "end": 9}

    first = {**seen("a&b/1", "<Ledger>", "2024-03-11"), "said": "2024-03-10"}
    group = {
        "text": "<script>bad()</script>",
        "kind": "direct",
        "first": first,
        "appearances": [first, {**seen("c d", None, None), "said": None}],
        "outlets": ["<Ledger>"],
    }
    html = str(quote_items([group], person=1, offset=40))
    assert '<li id="quote-1-40" class="qgroup">' in html
    assert "“&lt;script&gt;bad()&lt;/script&gt;”" in html
    assert 'href="/article?ref=a%26b%2F1&amp;mark=3-9#hl">&#34;&gt;&lt;b&gt;x&lt;/b&gt;</a>' in html
    assert "&lt;Ledger&gt;, <time>2024-03-11</time>, said 2024-03-10" in html
    assert (
        'Carried by 2 articles in 1 outlets: <a href="/article?ref=a%26b%2F1&amp;mark=3-9#hl">&lt;Ledger&gt;</a>'
        in html
    )
    assert '<a href="/article?ref=c+d&amp;mark=3-9#hl">c d</a>' in html
    assert "<script>" not in html and "<b>" not in html


def test_search_ranks_plain_words_in_memory_as_the_full_text_index_does(db: Path) -> None:
    from wiretrace.store import word_index as wi  # noqa: PLC0415
    from wiretrace.store.queries import search  # noqa: PLC0415

    conn = sqlite3.connect(db)
    indexes = {"articles_fts": wi.WordIndex.build(conn, wi.ARTICLES), "quotes_fts": wi.WordIndex.build(conn, wi.QUOTES)}
    texts = [t for (t,) in conn.execute("SELECT text FROM quotes UNION ALL SELECT headline FROM articles") if t]
    words = sorted({w for t in texts for w in wi.words_of(t)})
    asked = [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words)), '"the council"', "vot*", "a OR b", "re-run"]
    for query in asked:
        for limit in (1, 5, 50):
            assert search(conn, query, limit=limit, indexes=indexes) == search(conn, query, limit=limit), query
    conn.close()
