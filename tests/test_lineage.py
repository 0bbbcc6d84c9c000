"""Story lineage: fingerprints, alignment, linking (repost, excerpt, teaser), boilerplate and
follow-up negatives, direction, passages, stories, quotes across articles, and the CLI end to end."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.cli.main import main
from wiretrace.link import credits as credit_module
from wiretrace.link import link_new, link_pending
from wiretrace.link.align import align, doc
from wiretrace.link.credits import credits_in, outlet_key, url_key
from wiretrace.link.fingerprints import K, W, Words, fingerprints, window_hashes, winnow
from wiretrace.link.index import FingerprintIndex
from wiretrace.link.lineage import export_pairs, parents, resolve, story_tree
from wiretrace.link.linker import Linker
from wiretrace.link.stories import stories
from wiretrace.store import Record, lineage_queries, open_store
from wiretrace.store.names import quote_key
from wiretrace.store.sqlite import SqliteStore

SYLLABLES = "ka lo mi ra te su no vi pe da gor lin bar ten mus hal rok fen sil dor".split()


def words(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(count)]


def paragraphs(seed: int, count: int = 6, size: int = 45) -> list[str]:
    """``count`` paragraphs of invented words: no two seeds share a run of words."""
    out = []
    for i in range(count):
        w = words(seed * 100 + i, size)
        out.append(" ".join(w).capitalize() + ".")
    return out


def put(store: Any, ref: str, body: str, **article: Any) -> str:
    data = {
        "id": ref,
        "article": {
            "body": body,
            "headline": article.get("headline", ref),
            "outlet": article.get("outlet"),
            "authors": [],
            "published": article.get("published"),
            "published_source": "given" if article.get("published") else "none",
            "url": article.get("url"),
            "source": article.get("source"),
            "tags": [],
        },
        "stages": {"extract": "test"},
    }
    stored = store.put(Record(ref=ref, input=ref, raw_hash=ref, data=data))
    link_new(store, stored.article_id)
    return stored.article_id


@pytest.fixture
def store() -> Any:
    s = open_store(":memory:")
    yield s
    s.close()


def pairs(store: Any) -> dict[tuple[str, str], dict[str, Any]]:
    assert isinstance(store, SqliteStore)
    return {(p["source"], p["target"]): p for p in export_pairs(store.conn)}


ORIGINAL = "\n\n".join(paragraphs(1))


# --------------------------------------------------------------------------- fingerprints, alignment


def test_identical_text_gives_identical_fingerprints_wherever_it_sits() -> None:
    text = " ".join(words(5, 80))
    inside = "Some other words before it all. " + text + " And after it, more."
    assert set(fingerprints(text)) <= set(fingerprints(inside))


def test_winnowing_keeps_one_of_every_window() -> None:
    hashes = window_hashes(words(6, 200))
    kept = set(winnow(hashes).tolist())
    assert all(any(i + j in kept for j in range(W)) for i in range(len(hashes) - W + 1))
    assert len(hashes) == 200 - K + 1


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé_9 \n.,'’-İßǅ\u0307\u00a0\U0001d4b3\u4e2d")), max_size=80))
def test_words_are_the_regex_words(body: str) -> None:
    """The array scan finds exactly the ``\\w+`` words of ``re``, with their offsets."""
    found = Words(body)
    assert list(zip(found.starts.tolist(), found.ends.tolist(), strict=True)) == [
        m.span() for m in re.finditer(r"\w+", body)
    ]


def test_word_hashes_ignore_case_only() -> None:
    assert (Words("The QUICK Brown").hashes == Words("the quick brown").hashes).all()
    assert len(set(Words("bridge bridges bridgE ridge").hashes.tolist())) == 3


def test_alignment_spans_match_the_text_on_both_sides() -> None:
    paras = paragraphs(2)
    edited = paras[1].replace(paras[1].split()[10], "changed", 1)
    a = "\n\n".join(paras)
    b = "Reposted by Someone\n\n" + "\n\n".join([paras[0], edited, paras[3]]) + "\n\nSource: The Paper – a title"
    found = align(doc(a), doc(b))
    assert found.passages
    for p in found.passages:
        assert a[p.a_start : p.a_end] == b[p.b_start : p.b_end] or p.a_last - p.a_first > 20
        assert a[p.a_start : p.a_start + 30] == b[p.b_start : p.b_start + 30]
    joined = [a[p.a_start : p.a_end] for p in found.passages]
    assert any(paras[0] in j for j in joined)
    assert not any(paras[2] in j for j in joined)  # the paragraph the repost cut


def test_light_edit_stays_inside_one_passage() -> None:
    para = " ".join(words(7, 60))
    tokens = para.split()
    tokens[30] = "zzzedited"
    found = align(doc(para), doc(" ".join(tokens)))
    assert len(found.passages) == 1
    assert found.passages[0].a_first == 0 and found.passages[0].a_last == 60


# --------------------------------------------------------------------------- credits


def test_credits_from_source_lines_and_links() -> None:
    body = "Text.\n\nSource: The Northfield Ledger – Bridge plan approved"
    assert outlet_key("The Northfield Ledger") in credits_in(body)
    teaser = "A paragraph.\n\nRead the full story at Island Beat: https://islandbeat.example/a/b?x=1"
    assert {"islandbeat", "url:" + url_key("https://www.islandbeat.example/a/b/")} <= credits_in(teaser)
    appeared = "This article first appeared in The Meridian Review and is republished under a licence."
    assert "meridianreview" in credits_in(appeared)


_CUE_TEXT = st.lists(
    st.sampled_from(
        [
            "Source:",
            "source",
            "via",
            "Via",
            "(via",
            "[credit:",
            "h/t",
            "Courtesy of",
            "reposted from",
            "this story",
            "first appeared in",
            "Originally published by",
            "read the full story at",
            "more from",
            "trivia",
            "viable",
            "The Ledger",
            "Island Beat",
            " ",
            "\n",
            ".",
            ",",
            " - ",
            "–",
            ":",
            "http://x.example/a",
            "was",
            "İ",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_CUE_TEXT)
def test_credit_lines_are_the_regex_matches(text: str) -> None:
    """The cue-word shortcut finds the same credit lines as running the regex over the whole text."""
    fast = [(m.start(), m.end(), m.group("name")) for m in credit_module._credit_lines(text)]
    slow = [(m.start(), m.end(), m.group("name")) for m in credit_module._CREDIT.finditer(text)]
    assert fast == slow


# --------------------------------------------------------------------------- the index


def test_index_finds_every_posting_newest_first() -> None:
    """Against a dict of lists: articles added one by one and in bulk, through several table growths,
    with keys crowded onto a few slots and the key the table uses for a free slot."""
    rng = np.random.default_rng(4)
    pool = rng.integers(-(2**63), 2**63 - 1, 2000, dtype=np.int64)
    pool[0] = np.iinfo(np.int64).min
    index = FingerprintIndex(bits=4)
    holders: dict[int, list[int]] = {}
    articles = [(n, np.unique(rng.choice(pool, int(rng.integers(0, 50))))) for n in range(1, 400)]

    def bulk(part: list[tuple[int, Any]]) -> None:
        index.add_many(
            np.array([n for n, _ in part], dtype=np.int32),
            np.array([n % 5 for n, _ in part], dtype=np.uint32),
            np.array([len(h) for _, h in part], dtype=np.int32),
            [h.astype("<i8").tobytes() for _, h in part],
        )

    bulk(articles[:100])
    for n, hashes in articles[100:300]:
        index.add(n, n % 5, len(hashes), hashes)
    bulk(articles[300:])
    index.add(7, 1, 3, pool[:3])  # indexed already: left alone
    for n, hashes in articles:
        for h in hashes.tolist():
            holders.setdefault(h, []).append(n)
    assert index.used == len(holders) and 7 in index and 4000 not in index
    assert index.outlets[12] == 2 and index.sizes[12] == len(articles[11][1])
    for _ in range(30):
        query = np.unique(np.concatenate([rng.choice(pool, 60), rng.integers(-(2**63), 2**63 - 1, 10)]))
        which, found = index.lookup(query)
        got: dict[int, list[int]] = {}
        for i, n in zip(which.tolist(), found.tolist(), strict=True):
            got.setdefault(int(query[i]), []).append(n)
        assert got == {h: holders[h][::-1] for h in query.tolist() if h in holders}


# --------------------------------------------------------------------------- linking


def test_a_checks_lineage_roots_are_remembered_for_the_next_check(store: Any) -> None:
    """An article's origin is the root of its copy tree; a server keeps the roots it found
    (``known``) while the database does not change, so the next check reads no tree again."""
    from wiretrace.stance.check import lineage_origins  # noqa: PLC0415

    first = put(store, "orig", ORIGINAL, outlet="The Ledger")
    copy = put(store, "copy", "Reposted by Civic Notes\n\n" + ORIGINAL + "\n\nSource: The Ledger", outlet="Civic Notes")
    known: dict[str, str | None] = {}
    origin = lineage_origins(store.conn, known)
    assert origin is not None
    assert origin(copy) == first == origin(first)
    assert known == {copy: first, first: first}
    told = lineage_origins(store.conn, {copy: "told"})
    assert told is not None and told(copy) == "told" and told(first) == first


def test_repost_with_header_footer_and_edits_is_linked_to_its_credited_source(store: Any) -> None:
    paras = paragraphs(1)
    repost = (
        "Reposted by Gus Amberley | Civic Notes\n\n"
        + "\n\n".join([paras[0], paras[1].replace(paras[1].split()[5], "edited"), paras[3], paras[2], paras[4]])
        + "\n\nSource: The Ledger – Bridge plan"
    )
    put(store, "copy", repost, outlet="Civic Notes")  # stored first: the credit decides, not the order
    put(store, "orig", ORIGINAL, outlet="The Ledger")
    found = pairs(store)
    assert set(found) == {("orig", "copy")}
    link = found[("orig", "copy")]
    assert link["relation"] == "repost" and link["parent"] is True
    assert link["rule"] == "credit"
    copy_body = repost
    for p in link["passages"]:
        assert (
            ORIGINAL[p["source_start"] : p["source_start"] + 25]
            == copy_body[p["target_start"] : p["target_start"] + 25]
        )


def test_excerpt_inside_commentary(store: Any) -> None:
    paras = paragraphs(1)
    own = paragraphs(9, count=5)
    column = "\n\n".join([own[0], own[1], "The Ledger reported:", paras[2], paras[3], own[2], own[3], own[4]])
    put(store, "orig", ORIGINAL, outlet="The Ledger", published="2024-03-14")
    put(store, "column", column, outlet="Ridgeline", published="2024-03-18")
    [(key, link)] = pairs(store).items()
    assert key == ("orig", "column")
    assert link["relation"] == "excerpt" and link["rule"] == "date"
    texts = [column[p["target_start"] : p["target_end"]] for p in link["passages"]]
    assert texts == [paras[2] + "\n\n" + paras[3]]


def test_one_paragraph_teaser(store: Any) -> None:
    paras = paragraphs(1)
    teaser = (
        f"Worth reading from The Ledger:\n\n{paras[0]}\n\nRead the full story at The Ledger: https://ledger.example/a"
    )
    put(store, "orig", ORIGINAL, outlet="The Ledger", url="https://ledger.example/a")
    put(store, "teaser", teaser, outlet="Island Beat")
    [(key, link)] = pairs(store).items()
    assert key == ("orig", "teaser")
    assert link["relation"] == "excerpt" and link["rule"] == "credit"


def test_outlet_boilerplate_does_not_link_different_stories(store: Any) -> None:
    footer = " ".join(words(77, 40)).capitalize() + "."
    for i in range(12):
        body = "\n\n".join([*paragraphs(100 + i, count=5), footer])
        put(store, f"story-{i}", body, outlet="The Harbour Post")
    assert pairs(store) == {}


def test_teaser_of_a_story_with_many_copies_keeps_its_links(store: Any) -> None:
    """The story text a short teaser shares with eight copies is not boilerplate: they copy one another."""
    paras = paragraphs(1)
    put(store, "orig", ORIGINAL, outlet="The Ledger")
    for i in range(8):
        body = "\n\n".join([f"Shared by desk {i}", *paras[: 6 - i % 3], "Source: The Ledger"])
        put(store, f"copy-{i}", body, outlet=f"Outlet {i}")
    intro = " ".join(words(55, 40)).capitalize() + "."
    put(store, "teaser", f"{intro}\n\n{paras[0]}\n\nRead the full story at The Ledger", outlet="Beat")
    found = pairs(store)
    assert ("orig", "teaser") in found and sum(1 for pair in found if "teaser" in pair) == 9


def test_follow_up_with_the_same_names_and_no_shared_text_is_not_a_copy(store: Any) -> None:
    names = ["Elena Varga", "Tobias Reyne", "Petra Lindqvist"]

    def story(seed: int) -> str:
        return "\n\n".join(
            f"{p} {names[i % 3]} said so. {names[(i + 1) % 3]} disagreed." for i, p in enumerate(paragraphs(seed))
        )

    put(store, "first", story(31), outlet="The Ledger")
    put(store, "follow-up", story(32), outlet="The Ledger")
    assert pairs(store) == {}


def test_near_duplicate_inside_one_outlet_and_a_chain(store: Any) -> None:
    paras = paragraphs(1)
    put(store, "orig", ORIGINAL, outlet="The Ledger", published="2024-03-14")
    put(store, "update", ORIGINAL + "\n\nThis story has been updated.", outlet="The Ledger", published="2024-03-15")
    put(
        store, "repost", "\n\n".join(paras[:5]) + "\n\nSource: The Ledger", outlet="Civic Notes", published="2024-03-16"
    )
    put(store, "repost2", "\n\n".join(paras[:4]) + "\n\nSource: Civic Notes", outlet="Island Beat")
    found = pairs(store)
    assert found[("orig", "update")]["relation"] == "near-duplicate"
    assert found[("repost", "repost2")]["parent"] is True  # the chain: credited to its immediate source
    assert found[("orig", "repost2")]["parent"] is False  # shares text, not a tree edge
    assert len(found) == 6  # every pair of the four shares text
    assert isinstance(store, SqliteStore)
    [row] = stories(store.conn)
    assert row["articles"] == 4 and row["origin"] == "orig" and row["independent_origins"] == 1


def test_relinking_is_idempotent_and_backfill_links_what_was_missed(store: Any) -> None:
    put(store, "orig", ORIGINAL, outlet="The Ledger")
    assert isinstance(store, SqliteStore)
    store.conn.execute("DELETE FROM link_state")
    store.conn.execute("DELETE FROM link_fingerprints")
    body = ORIGINAL + "\n\nSource: The Ledger"
    stored = store.put(
        Record(
            ref="copy",
            input="copy",
            raw_hash="copy",
            data={"id": "copy", "article": {"body": body, "outlet": "Civic Notes"}, "stages": {"extract": "t"}},
        )
    )
    assert link_pending(store) == (2, 1)
    assert link_pending(store) == (0, 0)
    assert link_new(store, stored.article_id) == 0
    assert len(pairs(store)) == 1


def test_a_linker_catches_up_with_what_another_connection_linked(tmp_path: Path) -> None:
    """The index lives in memory: a linker reads what other connections committed before it links."""
    path = tmp_path / "two.db"
    first, second = open_store(path), open_store(path)
    try:
        put(first, "orig", ORIGINAL, outlet="The Ledger")  # the first connection's linker is kept
        body = ORIGINAL + "\n\nSource: The Ledger"
        data = {"id": "copy", "article": {"body": body, "outlet": "Civic Notes"}, "stages": {"extract": "t"}}
        stored = second.put(Record(ref="copy", input="copy", raw_hash="copy", data=data))
        assert isinstance(second, SqliteStore) and isinstance(first, SqliteStore)
        other = Linker(second.conn)  # a linker of its own, as another process would have
        second.conn.execute("BEGIN IMMEDIATE")
        other.sync()
        assert other.link(lineage_queries.n_of(second.conn, stored.article_id) or 0) == 1
        second.conn.execute("COMMIT")
        put(first, "teaser", "Worth a read:\n\n" + paragraphs(1)[0] + "\n\nRead more at The Ledger", outlet="Beat")
        assert set(pairs(first)) == {("orig", "copy"), ("orig", "teaser"), ("copy", "teaser")}
    finally:
        first.close()
        second.close()


def test_stated_origin_outside_the_corpus(store: Any) -> None:
    put(
        store,
        "current",
        ORIGINAL,
        outlet="The Calder Current",
        source={"outlet": "Island Beat", "title": None, "url": "https://islandbeat.example/x"},
    )
    put(store, "coast", ORIGINAL + "\n\nThis story first appeared on The Calder Current.", outlet="Coastwatch")
    assert isinstance(store, SqliteStore)
    [row] = stories(store.conn)
    assert row["origin"] == "Island Beat (not in the corpus)"
    tree = story_tree(store.conn, resolve(store.conn, "coast") or 0)
    assert [a["ref"] for a in tree["articles"] if a["parent"] is None] == ["current"]


def test_parents_break_cycles() -> None:
    links = [
        {"lo": 1, "hi": 2, "source": 1, "target": 2, "rule": "date", "score": 0.9},
        {"lo": 2, "hi": 3, "source": 2, "target": 3, "rule": "date", "score": 0.9},
        {"lo": 1, "hi": 3, "source": 3, "target": 1, "rule": "containment", "score": 0.9},
    ]
    tree = parents(links)
    assert len(tree) == 2


def test_quote_keys_ignore_case_and_punctuation() -> None:
    assert quote_key("“We will finish the bridge,”") == quote_key("we will finish the bridge")


# --------------------------------------------------------------------------- end to end


@pytest.mark.slow
def test_lineage_of_the_examples_end_to_end(tmp_path: Path, examples_dir: Path) -> None:
    db = str(tmp_path / "lineage.db")
    names = ["ledger-original.txt", "ledger-repost.txt", "excerpt-commentary.txt", "newsarticle.html", "repost.html"]
    runner = CliRunner()
    done = runner.invoke(
        main, ["ingest", *[str(examples_dir / n) for n in names], "--stages", "extract", "--db", db, "--workers", "1"]
    )
    assert done.exit_code == 0, done.output
    ref = str(examples_dir / "ledger-repost.txt")
    shown = runner.invoke(main, ["lineage", ref, "--db", db, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    tree = json.loads(shown.output)
    parent = {Path(a["ref"]).name: (a["parent"] and Path(a["parent"]).name, a["relation"]) for a in tree["articles"]}
    assert parent == {
        "ledger-original.txt": (None, None),
        "ledger-repost.txt": ("ledger-original.txt", "repost"),
        "excerpt-commentary.txt": ("ledger-original.txt", "excerpt"),
    }
    assert tree["story"]["origin"].endswith("ledger-original.txt")
    assert tree["story"]["independent_origins"] == 1
    for edge in tree["edges"]:
        assert edge["passages"] and all(p["source_text"][:20] == p["target_text"][:20] for p in edge["passages"])
    text = runner.invoke(main, ["lineage", ref, "--db", db])
    assert "repost" in text.output and "excerpt" in text.output and "credits The Northfield Ledger" in text.output

    ferry = json.loads(
        runner.invoke(main, ["lineage", str(examples_dir / "repost.html"), "--db", db, "--format", "json"]).output
    )
    assert [Path(a["ref"]).name for a in ferry["articles"]] == ["newsarticle.html", "repost.html"]
    assert ferry["story"]["origin"] == "Island Beat (not in the corpus)"

    out = tmp_path / "pairs.jsonl"
    assert runner.invoke(main, ["lineage", "--export", str(out), "--db", db]).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4  # ledger: three pairs (repost–excerpt share text too); ferry: one
    assert sum(line["parent"] for line in lines) == 3
    assert {line["relation"] for line in lines} == {"repost", "excerpt"}
    assert set(lines[0]["passages"][0]) == {"source_start", "source_end", "target_start", "target_end"}

    listed = runner.invoke(main, ["stories", "--db", db, "--format", "json"])
    assert [row["articles"] for row in json.loads(listed.output)] == [3, 2]
    assert runner.invoke(main, ["link", "--db", db]).exit_code == 0
    assert runner.invoke(main, ["lineage", "nope", "--db", db]).exit_code == 1
    assert runner.invoke(main, ["lineage", "--db", db]).exit_code == 2
