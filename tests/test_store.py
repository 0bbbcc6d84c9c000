"""The SQLite store: round trips, idempotent writes, history, all-or-nothing, migrations, names."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.errors import StoreError
from wiretrace.model import (
    Analysis,
    Article,
    Claim,
    Dispute,
    Entity,
    EntityType,
    Mention,
    PublishedSource,
    Quote,
    QuoteKind,
    Span,
    Speaker,
    Timex,
    TimexType,
)
from wiretrace.output.serialize import analysis_to_dict
from wiretrace.store import PutStatus, Record, open_store
from wiretrace.store import sqlite as store_sqlite
from wiretrace.store.codec import analysis_from_dict
from wiretrace.store.migrations import LATEST
from wiretrace.store.names import article_key, compatible, merge_names, name_key
from wiretrace.store.sqlite import SqliteStore

BODY = (
    "Mayor Elena Varga said on Monday that the bridge would open. “We are ready,” Varga said. "
    "The union denied that the bridge was safe."
)
STAGES = (("extract", "1"), ("nlp", "1"), ("entities", "1"), ("quotes", "1"), ("timexes", "1"), ("claims", "1"))


def sample(body: str = BODY, aid: str = "a-1") -> Analysis:
    varga = body.index("Elena Varga")
    quote_at = body.index("We are ready")
    speaker = Speaker(
        name="Elena Varga", entity="e1", mention=Mention(span=Span(varga, varga + 11), text="Elena Varga")
    )
    monday = body.index("Monday")
    return Analysis(
        id=aid,
        input="in.txt",
        article=Article(
            body=body, headline="Bridge", outlet="The Ledger", published=None, published_source=PublishedSource.NONE
        ),
        entities=(
            Entity(
                id="e1",
                name="Elena Varga",
                type=EntityType.PERSON,
                aliases=("Varga",),
                mentions=(Mention(span=Span(varga, varga + 11), text="Elena Varga"),),
            ),
        ),
        quotes=(
            Quote(
                id="q1",
                span=Span(quote_at, quote_at + 12),
                text="We are ready",
                kind=QuoteKind.DIRECT,
                speaker=speaker,
                fragments=(Span(quote_at, quote_at + 12),),
            ),
        ),
        timexes=(Timex(span=Span(monday, monday + 6), text="Monday", type=TimexType.DATE, value="2024-03-11"),),
        claims=(
            Claim(id="c1", span=Span(quote_at, quote_at + 12), text="We are ready", speaker=speaker, quote="q1"),
            Claim(id="c2", span=Span(0, 5), text="Mayor", speaker=Speaker(name="the union")),
        ),
        disputes=(Dispute(claim="c1", counter="c2", cue=Mention(span=Span(0, 5), text="Mayor")),),
        stages=STAGES,
    )


def record(ref: str, a: Analysis, raw: str = "h1") -> Record:
    return Record(ref=ref, input=ref, raw_hash=raw, data=analysis_to_dict(a))


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    s = open_store(tmp_path / "t.db")
    assert isinstance(s, SqliteStore)
    return s


def test_put_then_get_gives_the_same_contract(store: SqliteStore) -> None:
    data = analysis_to_dict(sample())
    assert store.put(record("r1", sample())).status is PutStatus.NEW
    got = store.get("r1")
    assert got is not None
    assert got.pop("refs") == ["r1"]
    assert [h["version"] for h in got.pop("history")] == [1]
    got["input"] = data["input"]
    assert got == data
    assert analysis_from_dict(got) == analysis_from_dict(data)


def test_same_ref_same_content_is_unchanged_and_new_ref_is_linked(store: SqliteStore) -> None:
    first = store.put(record("r1", sample()))
    assert store.put(record("r1", sample())).status is PutStatus.UNCHANGED
    assert store.put(record("r2", sample(aid="a-2"))).status is PutStatus.LINKED
    assert first.article_id == article_key(BODY)
    stats = store.stats()
    assert (stats["articles"], stats["refs"], stats["quotes"]) == (1, 2, 1)


def test_normalized_text_is_one_article(store: SqliteStore) -> None:
    spaced = BODY.replace(". ", ".  \n ")
    assert article_key(spaced) == article_key(BODY)
    store.put(record("r1", sample()))
    assert store.put(record("r2", sample(spaced))).status is PutStatus.LINKED


def test_changed_text_updates_the_ref_and_keeps_its_history(store: SqliteStore) -> None:
    store.put(record("r1", sample()))
    changed = BODY + " The council will vote again."
    assert store.put(record("r1", sample(changed), raw="h2")).status is PutStatus.UPDATED
    got = store.get("r1")
    assert got is not None and got["article"]["body"] == changed
    assert [(h["version"], h["article_id"]) for h in got["history"]] == [
        (1, article_key(BODY)),
        (2, article_key(changed)),
    ]
    stats = store.stats()
    assert (stats["articles"], stats["stored_texts"], stats["versions"]) == (1, 2, 2)
    assert [r["snippet"] for r in store.search("council")] != []
    assert len([r for r in store.search("bridge") if r["kind"] == "article"]) == 1  # the old text is history


def test_a_failing_write_leaves_nothing(store: SqliteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_sqlite, "_put_ref", boom)
    with pytest.raises(StoreError, match="free some disk space"):
        store.put(record("r1", sample()))
    count = store.conn.execute("SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM analyses)").fetchone()
    assert count == (0,)


def test_is_current_needs_the_bytes_and_every_stage_version(store: SqliteStore) -> None:
    store.put(record("r1", sample()))
    versions = dict(STAGES)
    assert store.is_current("r1", "h1", versions)
    assert not store.is_current("r1", "other", versions)
    assert not store.is_current("r1", "h1", {**versions, "quotes": "2"})
    [stale] = list(store.stale({**versions, "quotes": "2"}))
    assert (stale.ref, stale.missing, stale.article["body"]) == ("r1", ("quotes",), BODY)


def test_new_stage_version_is_stored_beside_the_old(store: SqliteStore) -> None:
    store.put(record("r1", sample()))
    newer = sample()
    newer = Analysis(**{**{f: getattr(newer, f) for f in newer.__dataclass_fields__}, "stages": (("quotes", "2"),)})
    assert store.put(record("r1", newer)).status is PutStatus.UPDATED
    rows = store.conn.execute(
        "SELECT version, current FROM analyses WHERE stage = 'quotes' ORDER BY version"
    ).fetchall()
    assert rows == [("1", 0), ("2", 1)]


def test_queries_on_one_article(store: SqliteStore) -> None:
    store.put(record("r1", sample()))
    [q] = store.quotes("Varga")
    assert (q["person"], q["text"], q["ref"]) == ("Elena Varga", "We are ready", "r1")
    assert store.quotes("Mayor Varga") and not store.quotes("Olena Varga")
    [d] = store.disputes()
    assert (d["claim"], d["counter_speaker"], d["cue"]) == ("We are ready", "the union", "Mayor")
    kinds = [e["kind"] for e in store.timeline("Varga")]
    assert "event" in kinds and "quote" in kinds
    hits = store.search("bridge")
    assert hits[0]["kind"] == "article" and "**bridge**" in hits[0]["snippet"]
    assert store.search('"unbalanced') == []  # not FTS5 syntax: searched as words, no crash
    [row] = list(store.export_rows())
    assert (row["refs"], row["quotes"], row["disputes"]) == ("r1", 1, 1)


def test_migrations_are_recorded_and_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_store(path).close()
    s = SqliteStore(path)
    assert s.migrate() == LATEST  # already there: nothing applied
    s.conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (LATEST + 1,))
    s.close()
    with pytest.raises(StoreError, match="upgrade wiretrace"):
        open_store(path)


def test_wal_and_foreign_keys_are_on(store: SqliteStore) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "none.db", create=False)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zelensky", "Volodymyr Zelensky", True),
        ("President Zelensky", "Volodymyr Zelensky", True),
        ("V. Zelensky", "Volodymyr Zelensky", True),
        ("Olena Zelensky", "Volodymyr Zelensky", False),
        ("Zelensky", "Putin", False),
        ("John Major", "Major", True),
    ],
)
def test_compatible_names(a: str, b: str, same: bool) -> None:
    assert compatible(name_key(a), name_key(b)) is same


def test_merge_names_joins_a_surname_to_the_person_quoted_most() -> None:
    merged = merge_names({"volodymyr zelensky": 3, "zelensky": 5, "olena zelensky": 1})
    assert merged["zelensky"] == merged["volodymyr zelensky"] != merged["olena zelensky"]


words = st.text(alphabet=st.sampled_from("abcdefghij “”’,.\n"), min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(words, min_size=1, max_size=4), negated=st.booleans())
def test_store_round_trips_any_analysis(tmp_path: Path, parts: list[str], negated: bool) -> None:
    body = "Start. " + " ".join(parts)
    quotes, claims, offset = [], [], 0
    for i, part in enumerate(parts, 1):
        start = body.index(part, offset)
        span = Span(start, start + len(part))
        offset = span.end
        who = Speaker(name=f"Person {part[:3]}", description=part[:5] or None)
        quotes.append(Quote(id=f"q{i}", span=span, text=part, kind=QuoteKind.INDIRECT, speaker=who, fragments=(span,)))
        claims.append(Claim(id=f"c{i}", span=span, text=part, speaker=who, quote=f"q{i}", negated=negated))
    a = Analysis(
        id="a-x", input="x", article=Article(body=body), quotes=tuple(quotes), claims=tuple(claims), stages=STAGES
    )
    with SqliteStore(":memory:") as s:
        s.migrate()
        s.put(record("x", a))
        got = s.get("x")
        assert got is not None
        got.pop("refs")
        got.pop("history")
        assert got == analysis_to_dict(a)


# --------------------------------------------------------------------------- names and search at scale


def _organisation(body: str, aid: str) -> Analysis:
    """An article about an organisation known by a full name and an alias ("the Authority")."""
    at = body.index("Harbour Authority")
    mention = Mention(span=Span(at, at + 17), text="Harbour Authority")
    entity = Entity(
        id="e9", name="Northfield Harbour Authority", type=EntityType.ORG, aliases=("NHA",), mentions=(mention,)
    )
    monday = body.index("Monday")
    timex = Timex(span=Span(monday, monday + 6), text="Monday", type=TimexType.DATE, value="2024-03-11")
    base = sample(BODY, aid)
    return replace(
        base,
        article=replace(base.article, body=body),
        entities=(entity,),
        quotes=(),
        claims=(),
        disputes=(),
        timexes=(timex,),
    )


def test_timeline_finds_an_entity_by_an_alias_through_the_name_index(store: SqliteStore) -> None:
    body = "The Harbour Authority closed the pier on Monday. It gave no reason."
    store.put(record("org", _organisation(body, "a-9")))
    names = store.conn.execute("SELECT key FROM entity_names ORDER BY key").fetchall()
    assert [k for (k,) in names] == sorted({name_key("NHA"), name_key("Northfield Harbour Authority")})
    [event] = store.timeline("NHA")
    assert event["kind"] == "event" and event["date"] == "2024-03-11" and "closed the pier" in event["text"]
    assert store.timeline("Northfield Harbour Authority") == [event]
    assert store.timeline("Harbour") == []  # neither its name nor an alias


def _before_13(conn: sqlite3.Connection) -> None:
    """The quotes' index as schema versions before 13 had it."""
    conn.execute("DROP INDEX quotes_person")
    conn.execute("CREATE INDEX quotes_speaker ON quotes (speaker_surname)")


def test_the_names_migration_backfills_entities_stored_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    s = open_store(path)
    s.put(record("org", _organisation("The Harbour Authority met on Monday.", "a-9")))
    _before_13(s.conn)  # version 13's index: the surname alone
    s.conn.execute("DROP TABLE entity_names")  # as a version-5 database had it
    s.conn.execute("DROP INDEX entities_key")
    s.conn.execute("DROP INDEX claims_quote")  # and version 7's indexes
    s.conn.execute("DROP INDEX refs_article_ref")
    s.conn.execute("ALTER TABLE quotes DROP COLUMN grp")  # and version 8's column
    s.conn.execute("DROP TABLE articles_terms")  # and version 9's view of the index
    s.conn.execute("ALTER TABLE quotes DROP COLUMN said")  # and version 10's column
    s.conn.execute("DROP TABLE stance_counts")  # and version 11's table
    s.conn.execute("DELETE FROM schema_version WHERE version >= 6")
    s.close()
    again = open_store(path)
    assert again.conn.execute("SELECT COUNT(*) FROM entity_names").fetchone()[0] == 2
    assert [e["kind"] for e in again.timeline("NHA")] == ["event"]
    again.close()


def test_a_query_matching_more_than_the_window_is_ranked_among_its_newest_matches(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wiretrace.store import queries  # noqa: PLC0415

    for i in range(6):
        body = f"The ferry schedule changed again on day {i}. " + "Crews worked late. " * (i + 1)
        base = sample(BODY, f"a-{i}")
        bare = replace(base, article=replace(base.article, body=body), quotes=(), claims=(), disputes=(), timexes=())
        store.put(record(f"r{i}", replace(bare, entities=())))
    everything = [r["ref"] for r in store.search("ferry", limit=10) if r["kind"] == "article"]
    assert sorted(everything) == [f"r{i}" for i in range(6)]
    monkeypatch.setattr(queries, "RANK_WINDOW", 3)
    newest = [r["ref"] for r in store.search("ferry", limit=10) if r["kind"] == "article"]
    assert sorted(newest) == ["r3", "r4", "r5"]  # the three stored last
    assert [r["ref"] for r in store.search('ferry "day 1"', limit=10) if r["kind"] == "article"] == ["r1"]


def test_a_persons_quotes_read_their_claim_dates_from_the_covering_index(store: SqliteStore) -> None:
    store.put(record("r1", sample(BODY, "a-1")))
    plan = " ".join(
        str(row)
        for row in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT c.date FROM claims c WHERE c.article_id = ? AND c.quote_id = ? LIMIT 1",
            ("a-1", "q1"),
        )
    )
    assert "COVERING INDEX claims_quote" in plan


_QUOTE_DATES = (
    "SELECT q.qid, q.said, (SELECT c.date FROM claims c WHERE c.article_id = q.article_id AND c.quote_id = q.qid)"
    " FROM quotes q ORDER BY q.qid"
)


def test_each_quote_keeps_its_claims_date_and_old_quotes_are_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    s = open_store(path)
    base = sample(BODY, "a-1")
    dated = replace(base, claims=(replace(base.claims[0], date="2024-03-11"), *base.claims[1:]))
    s.put(record("r1", dated))
    kept = s.conn.execute(_QUOTE_DATES).fetchall()
    assert kept == [("q1", "2024-03-11", "2024-03-11")]
    assert [q["said"] for q in s.quotes("Varga")] == ["2024-03-11"]
    _before_13(s.conn)  # version 13's index: the surname alone
    s.conn.execute("ALTER TABLE quotes DROP COLUMN said")  # as a version-9 database had it
    s.conn.execute("DROP TABLE stance_counts")
    s.conn.execute("DELETE FROM schema_version WHERE version >= 10")
    s.close()
    again = open_store(path)
    assert again.conn.execute(_QUOTE_DATES).fetchall() == kept
    again.close()


def test_the_quote_groups_migration_backfills_quotes_stored_before_it(tmp_path: Path) -> None:
    from wiretrace.store.names import quote_group  # noqa: PLC0415

    path = tmp_path / "old.db"
    s = open_store(path)
    s.put(record("r1", sample(BODY, "a-1")))
    stored = s.conn.execute("SELECT text, grp FROM quotes").fetchall()
    assert stored and all(grp == quote_group(text) for text, grp in stored)
    _before_13(s.conn)  # version 13's index: the surname alone
    s.conn.execute("ALTER TABLE quotes DROP COLUMN grp")  # as a version-7 database had it
    s.conn.execute("DROP TABLE articles_terms")
    s.conn.execute("ALTER TABLE quotes DROP COLUMN said")
    s.conn.execute("DROP TABLE stance_counts")
    s.conn.execute("DELETE FROM schema_version WHERE version >= 8")
    s.close()
    again = open_store(path)
    assert again.conn.execute("SELECT text, grp FROM quotes").fetchall() == stored
    again.close()


def test_one_quote_in_two_wordings_is_one_group() -> None:
    from wiretrace.store.names import quote_group  # noqa: PLC0415

    assert quote_group("“We will finish the bridge,”") == quote_group("we will finish the bridge")
    assert quote_group("We will finish the bridge") != quote_group("We will not finish the bridge")
    assert quote_group("…") == quote_group("…") != quote_group("—")  # no words: the text itself


def test_a_persons_quotes_read_with_article_cards_are_the_same_rows(store: SqliteStore) -> None:
    from wiretrace.store import queries  # noqa: PLC0415

    store.put(record("r1", sample()))
    store.put(record("r2", sample(BODY + " Crews start on Friday.", "a-2"), raw="h2"))
    store.put(record("r1", sample(BODY + " It rained.", "a-3"), raw="h3"))  # r1 moves on: a-1 is history
    asked: list[list[str]] = []

    def cards(ids: list[str]) -> dict[str, queries.Card]:
        asked.append(ids)
        return queries.article_cards(store.conn, ids)

    joined = queries.quote_rows(store.conn, "Varga", limit=10)
    assert queries.quote_rows(store.conn, "Varga", limit=10, cards=cards) == joined
    [ids] = asked  # one question, each of the three articles in it once (the history one too)
    assert len(ids) == len(set(ids)) == 3
    assert sorted(r[6] for r in joined) == ["r1", "r2"]  # the history article is left out either way
    history = article_key(BODY)
    assert queries.article_cards(store.conn, [history, "nope"]) == {}


def test_search_with_article_cards_gives_the_same_hits(store: SqliteStore) -> None:
    from wiretrace.store import queries  # noqa: PLC0415

    store.put(record("r1", sample()))
    store.put(record("r2", sample(BODY + " Crews start on Friday.", "a-2"), raw="h2"))
    store.put(record("r1", sample(BODY + " It rained.", "a-3"), raw="h3"))  # r1 moves on: its first text is history
    cards = partial(queries.article_cards, store.conn)
    for query in ("bridge", "ready", '"we are ready"', "Varga", "nothing-matches"):
        joined = queries.search(store.conn, query, limit=10)
        assert queries.search(store.conn, query, limit=10, cards=cards) == joined
    hits = queries.search(store.conn, "bridge", limit=10, cards=cards)
    assert sorted({h["ref"] for h in hits}) == ["r1", "r2"]  # never the history article


def test_search_ranks_with_the_weights_each_full_text_table_was_configured_with(store: SqliteStore) -> None:
    """The explicit bm25 of ``queries.BM25`` gives the scores of each table's configured ``rank``
    (headlines weigh more than bodies): the two must never drift apart."""
    from wiretrace.store import queries  # noqa: PLC0415

    for i, headline in enumerate(("Bridge opens", "Ferry news", "Bridge and ferry")):
        base = sample(BODY + " The ferry waited." * i, f"a-{i}")
        store.put(record(f"r{i}", replace(base, article=replace(base.article, headline=headline)), raw=f"h{i}"))
    for table, queries_of in (
        ("articles_fts", ("bridge", "ferry OR bridge", "Varga")),
        ("quotes_fts", ("ready", "Varga")),
    ):
        for query in queries_of:
            configured = store.conn.execute(
                f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY rowid", (query,)
            ).fetchall()
            explicit = store.conn.execute(
                f"SELECT rowid, {queries.BM25[table]} FROM {table} WHERE {table} MATCH ? ORDER BY rowid", (query,)
            ).fetchall()
            assert configured, (table, query)
            assert explicit == configured, (table, query)
    first = store.search("bridge", limit=10)[0]
    assert first["kind"] == "article" and first["headline"] in ("Bridge opens", "Bridge and ferry")


def test_each_article_keeps_its_stance_counts_and_old_articles_are_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from wiretrace.stance.text import COUNTS_VERSION, Counts, read_stored, stored_text, text_counts  # noqa: PLC0415

    path = tmp_path / "old.db"
    s = open_store(path)
    s.put(record("r0", sample(BODY + " An extraction-only pass counts nothing.", "a-0")))
    assert s.conn.execute("SELECT COUNT(*) FROM stance_counts").fetchone() == (0,)  # check counts it itself
    s.put(replace(record("r1", sample(BODY, "a-1")), stance_counts=stored_text(BODY)))
    kept = s.conn.execute("SELECT article_id, version, counts FROM stance_counts").fetchall()
    [(aid,)] = s.conn.execute("SELECT id FROM articles WHERE body = ?", (BODY,)).fetchall()
    assert kept == [(aid, COUNTS_VERSION, stored_text(BODY))]
    assert Counts.from_json(kept[0][2]) == text_counts(BODY)
    assert read_stored(BODY, kept[0][2])[1].counts == text_counts(BODY)
    _before_13(s.conn)  # version 13's index: the surname alone
    s.conn.execute("DROP TABLE stance_counts")  # as a version-10 database had it
    s.conn.execute("DELETE FROM schema_version WHERE version >= 11")
    s.close()
    assert not caplog.records  # a new database: nothing to say
    again = open_store(path)  # every article counted, the extraction-only one too, with its words
    [said] = [r.getMessage() for r in caplog.records]
    assert "upgrading the database from schema version 10 to" in said and str(path) in said
    assert again.conn.execute("SELECT COUNT(*) FROM stance_counts").fetchone() == (2,)
    assert (
        again.conn.execute(
            "SELECT article_id, version, counts FROM stance_counts WHERE article_id = ?", (aid,)
        ).fetchall()
        == kept
    )
    again.close()


def test_counts_stored_without_words_get_their_words_and_damaged_ones_are_counted_again(tmp_path: Path) -> None:
    from wiretrace.stance.text import COUNTS_VERSION, stored_text, text_counts  # noqa: PLC0415

    path = tmp_path / "v11.db"
    s = open_store(path)
    bodies = [BODY, BODY + " The second one.", BODY + " The third one."]
    for i, body in enumerate(bodies):
        s.put(replace(record(f"r{i}", sample(body, f"a-{i}")), stance_counts=stored_text(body)))
    ids = dict(s.conn.execute("SELECT body, id FROM articles").fetchall())
    # As schema version 11 kept them: counts alone; one counted with other cues, one damaged.
    put = "UPDATE stance_counts SET version = ?, counts = ? WHERE article_id = ?"
    s.conn.execute(put, (COUNTS_VERSION, text_counts(bodies[0]).as_json(), ids[bodies[0]]))
    s.conn.execute(put, ("other cues", "{}", ids[bodies[1]]))
    s.conn.execute(put, (COUNTS_VERSION, "[1, 2", ids[bodies[2]]))
    _before_13(s.conn)  # version 13's index: the surname alone
    s.conn.execute("DELETE FROM schema_version WHERE version >= 12")
    s.close()
    again = open_store(path)
    rows = dict(again.conn.execute("SELECT article_id, version || ' ' || counts FROM stance_counts").fetchall())
    assert rows == {ids[b]: f"{COUNTS_VERSION} {stored_text(b)}" for b in bodies}
    again.close()


def test_a_migration_another_process_applied_meanwhile_is_not_applied_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wiretrace.store import migrations  # noqa: PLC0415

    path = tmp_path / "two.db"
    open_store(path).close()
    s = open_store(path)
    _before_13(s.conn)  # version 13's index: the surname alone
    s.conn.execute("DROP TABLE stance_counts")  # as version 10 had it…
    s.conn.execute("DELETE FROM schema_version WHERE version >= 11")
    s.close()
    seen = migrations.current_version
    calls = []

    def first_look(conn: sqlite3.Connection) -> int:  # …when this process first looked
        calls.append(1)
        if len(calls) == 1:
            other = open_store(path)  # another process upgrades it in between
            other.close()
            return 10
        return seen(conn)

    monkeypatch.setattr(migrations, "current_version", first_look)
    again = open_store(path)
    assert again.conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (migrations.LATEST,)
    again.close()
