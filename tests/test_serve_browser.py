"""``wiretrace serve`` in a real headless Chromium, as a journalist uses it (Playwright + Debian's chromium).

The bundled examples are ingested into a temporary store (spaCy: marked ``slow``), a server
runs on a free loopback port, and the browser walks search → article → speaker → story →
disputes → check, reads what is on each page, moves through quotes with the keyboard, and
opens a hostile article whose scripts must not run. A screenshot of every page is saved under
``build/screenshots/`` on every run, for people to review.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wiretrace.batch.ingest import IngestOptions, ingest
from wiretrace.serve import ServeConfig, create_app
from wiretrace.serve.server import Background
from wiretrace.store import open_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).is_file()), None)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_HTML = """<!doctype html><html><head><title>Hostile &lt;script&gt; page</title>
<meta property="og:site_name" content="Evil &lt;img src=x onerror=window.__pwned=1&gt; Gazette">
<script>window.__pwned = 1</script></head><body onload="window.__pwned = 1">
<article><h1>Council <script>window.__pwned=1</script> vote on harbour wall</h1>
<p>NORTHFIELD — The council voted on Tuesday to repair the harbour wall, ending a long argument.</p>
<p>“We will not pay for &lt;script&gt;window.__pwned=1&lt;/script&gt; again,” said Councillor Mara Voss.
<img src="x" onerror="window.__pwned = 1"></p>
<p>Voss added that the repair would cost &lt;img src=x onerror="window.__pwned=1"&gt; less than a new wall.</p>
<p><a href="javascript:window.__pwned=1">Read more</a></p></article></body></html>
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if CHROMIUM is None:
        pytest.skip(
            "chromium was not found at /usr/bin/chromium — `apt-get install -y chromium` (make test does it as root)"
        )
    tmp = tmp_path_factory.mktemp("browser")
    hostile = tmp / "hostile.html"
    hostile.write_text(HOSTILE_HTML, encoding="utf-8")
    examples = ROOT / "examples"
    inputs = [*map(str, sorted(examples.glob("*.txt"))), *map(str, sorted(examples.glob("*.html")))]
    inputs += [str(examples / "jsonl"), str(hostile)]
    db = tmp / "corpus.db"
    store = open_store(db)
    try:
        counts = ingest(inputs, store, IngestOptions(workers=1))
    finally:
        store.close()
    assert counts.failed == 0
    with Background(create_app(ServeConfig(db=str(db)))) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is missing: pip install -e .[dev]"
    )
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.dialogs = []
    tab.on("pageerror", lambda err: tab.errors.append(str(err)))
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_who_said_it_where_it_came_from_who_disputes_it(page: Any, server: str) -> None:
    search_then_open_an_article(page, server)
    follow_its_story(page)
    read_a_speaker_then_the_disputes(page, server)
    check_a_claim_and_the_other_pages(page, server)
    assert page.errors == [] and page.dialogs == []


def search_then_open_an_article(page: Any, server: str) -> None:
    page.goto(server + "/")
    assert "Quoted most" in page.inner_text("main")
    shot(page, "home")

    page.fill("#q", "Quarry Street bridge")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=*")
    hits = page.locator("li.hit")
    assert hits.count() > 0
    assert page.locator("mark.hit").count() > 0
    assert "The Northfield Ledger" in page.inner_text(".facets")
    shot(page, "search")

    page.select_option("select[name=outlet]", "The Northfield Ledger")
    page.click(".facets button[type=submit]")
    page.wait_for_url("**outlet=The+Northfield+Ledger*")
    outlets = {t.split(" — ")[-1].split(",")[0].strip() for t in page.locator("li.hit .hit-head").all_inner_texts()}
    assert outlets == {"The Northfield Ledger"}

    page.locator("li.hit a[href^='/article']").filter(has_text="Harbor Commission approves").first.click()
    page.wait_for_url("**/article?ref=*")
    assert "Harbor Commission approves" in page.inner_text("h1")
    assert page.locator("mark.quote .who", has_text="Elena Varga").count() > 0
    assert "Provenance" in page.inner_text("aside")
    assert "The Northfield Ledger" in page.inner_text("aside")
    assert "Copied by" in page.inner_text("aside")  # the repost and the excerpt
    shot(page, "article")


def follow_its_story(page: Any) -> None:
    page.click("aside a[href^='/story']")
    page.wait_for_url("**/story?ref=*")
    assert page.locator("svg .node").count() == 3
    assert "1 independent origin" in page.inner_text(".summary")
    page.locator("a.edge-link").first.click()
    opened = page.locator("details.pair[open]")
    opened.wait_for()
    assert opened.locator(".passage .side").count() >= 2  # the two sides of an aligned passage
    shot(page, "story")


def read_a_speaker_then_the_disputes(page: Any, server: str) -> None:
    page.goto(server + "/speaker?name=Varga")
    assert "Elena Varga" in page.inner_text("h1")
    assert page.locator("figure.timeline svg circle").count() > 0
    assert "Carried by 2 articles" in page.inner_text("main")
    shot(page, "speaker")

    page.click("nav a[href='/disputes']")
    page.wait_for_url("**/disputes")
    text = page.inner_text("main")
    assert "Selma Aarestad" in text and "Bertil Nyquist" in text
    page.locator("article.dispute .side.counter a.evidence").first.click()
    page.wait_for_url("**/article?ref=*#s-*")
    target = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"[id='{target}']").count() == 1
    shot(page, "disputes")


def check_a_claim_and_the_other_pages(page: Any, server: str) -> None:
    page.goto(server + "/check")
    page.fill("#claim", "the plant passed every inspection it has ever faced")
    page.press("#claim", "Enter")
    page.wait_for_url("**/check?claim=*")
    assert page.locator(".summary").inner_text().strip()
    assert "Rupert Anselm" in page.inner_text("main") or "Hana Solberg" in page.inner_text("main")
    shot(page, "check")

    page.goto(server + "/stories")
    assert page.locator("table.grid tbody tr").count() >= 2
    shot(page, "stories")
    page.goto(server + "/analyze")
    assert "read-only" in page.inner_text("main")
    shot(page, "analyze")


def test_keyboard_reaches_every_quote_and_shows_its_tooltip(page: Any, server: str) -> None:
    page.goto(server + "/?q=chlorine+leak&kind=article")
    page.locator("li.hit a[href^='/article']").filter(has_text="Inspector general contradicts").first.click()
    page.wait_for_url("**/article?ref=*")
    quotes = page.locator("mark.quote[tabindex='0']").count()
    assert quotes > 5
    reached = []
    for _ in range(200):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "() => { const el = document.activeElement; return el && el.classList.contains('quote') ? el.id : null; }"
        )
        if info:
            reached.append(info)
            if len(reached) == 1:
                tip = page.locator(f"[id='{info}'] > .tip")
                assert tip.is_visible()
                assert "cue:" in tip.inner_text() and "confidence" in tip.inner_text()
                shot(page, "article-focus")
        if len(reached) == quotes:
            break
    assert len(reached) == quotes  # Tab reaches every quote, in reading order
    assert not page.locator(".tip").first.is_visible() or page.evaluate(
        "document.activeElement.classList.contains('quote')"
    )


def test_a_hostile_article_cannot_run_script(page: Any, server: str) -> None:
    page.goto(server + "/?q=harbour+wall")
    page.locator("li.hit a[href^='/article']").first.click()
    page.wait_for_url("**/article?ref=*")
    page.wait_for_load_state("load")
    body = page.inner_text("#body")
    assert "window.__pwned" in body  # the payload is shown as text …
    assert page.evaluate("typeof window.__pwned") == "undefined"  # … and never runs
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.locator("mark.quote").first.focus()
    page.mouse.click(5, 5)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == [] and page.errors == []
    shot(page, "hostile-article")
