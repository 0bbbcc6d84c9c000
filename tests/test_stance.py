"""Stance of a text toward a claim, claim checking over a store, and the ClaimReview export."""

from __future__ import annotations

import json
import math
import os
import random
import re
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from wiretrace.cli.main import main
from wiretrace.stance import cues
from wiretrace.stance.check import Match, count_by_origin, default_origin, summary_line
from wiretrace.stance.features import (
    FEATURE_NAMES,
    Claim,
    best_cover,
    cover,
    featurize,
    has_refutation,
    split_sentences,
)
from wiretrace.stance.model import StanceLabel, default_model, stance_of
from wiretrace.stance.text import TEXT_CACHE, prepared_text, text_cues

ROOT = Path(__file__).resolve().parents[1]
CLAIM = "Apple will release a gold iPhone in March"
SUPPORT = (
    "Apple confirmed on Tuesday that it will release a gold iPhone in March. "
    "The company said the gold iPhone would cost the same as the silver one. "
    "Analysts expect strong sales."
)
DISPUTE = (
    "Apple has denied reports that it will release a gold iPhone in March. "
    "A spokesperson said the rumor was false and that there is no evidence of any gold model. "
    "The story, which spread on social media, appears to be a hoax."
)
UNRELATED = (
    "The city council voted on Monday to close the harbour bridge for repairs. "
    "Residents will have to use the ferry for six weeks, the mayor said."
)


def feature(claim: str, body: str, name: str) -> float:
    return featurize(claim, body).features[FEATURE_NAMES.index(name)]


# --------------------------------------------------------------------------- features


def test_refutation_cues_are_counted_near_the_claim() -> None:
    assert feature(CLAIM, DISPUTE, "strong_refute_near") > 0
    assert feature(CLAIM, DISPUTE, "deny_near") > 0
    assert feature(CLAIM, SUPPORT, "strong_refute_near") == 0
    assert has_refutation("The claim is not true, officials said.")
    assert has_refutation("The ministry denied it.")
    assert not has_refutation("The ministry confirmed it.")


def test_negation_polarity_mismatch() -> None:
    negated = "Apple will not release a gold iPhone in March."
    assert feature(CLAIM, negated, "polarity_mismatch") == 1.0
    assert feature(CLAIM, SUPPORT, "polarity_mismatch") == 0.0


def test_entities_and_numbers_of_the_claim() -> None:
    claim = "Nasa says 6 days of darkness will come in December"
    assert feature(claim, "Nasa said 6 days of darkness would come in December.", "num_cov") == 1.0
    assert feature(claim, "Nasa said 3 days of darkness would come in December.", "num_conflict") == 1.0
    named = "Scientists say NASA expects darkness"
    assert feature(named, "NASA said darkness would come.", "ent_cov") == 1.0
    assert feature(named, "The agency said darkness would come.", "ent_cov") == 0.0


def test_related_text_covers_the_claim_and_unrelated_does_not() -> None:
    assert feature(CLAIM, SUPPORT, "cov_best") > 0.8
    assert feature(CLAIM, UNRELATED, "cov_body") < 0.2


def test_doubt_is_weighed_by_how_well_the_sentence_matches_the_claim() -> None:
    doubted = (
        "Experts say it is unlikely that Apple will release a gold iPhone in March. "
        "The company would not comment. Analysts expect strong sales."
    )
    assert feature(CLAIM, doubted, "doubt_cov_max") > 0.5
    assert feature(CLAIM, doubted, "doubt_first_sentence") == 1.0
    assert feature(CLAIM, doubted, "authority_doubt") > 0
    assert feature(CLAIM, SUPPORT, "doubt_cov_max") == 0.0
    assert feature(CLAIM, SUPPORT, "doubt_first_position") == 1.0  # no doubt anywhere
    far = "Apple will release a gold iPhone in March. Analysts expect strong sales. The harbour rumor is false."
    assert feature(CLAIM, far, "doubt_density") > 0
    assert feature(CLAIM, far, "doubt_cov_max") < feature(CLAIM, doubted, "doubt_cov_max")


def test_contrast_after_the_best_sentence_and_negated_names() -> None:
    told = "Apple will release a gold iPhone in March, a blog said. But the company says that is wrong."
    assert feature(CLAIM, told, "contrast_after_best") > 0
    assert feature(CLAIM, SUPPORT, "contrast_after_best") == 0.0
    claim = "Dalworth Bank will close every branch in Ostrava"
    assert feature(claim, "Dalworth said no Bank branch in Ostrava will close.", "negated_entity") > 0
    assert feature(claim, "Dalworth Bank will close every branch in Ostrava.", "negated_entity") == 0.0


def test_a_refuting_headline_over_a_text_without_doubt() -> None:
    assert feature("Gold iPhone in March is a hoax", SUPPORT, "refuting_claim_x_no_doubt") == 1.0
    assert feature(CLAIM, SUPPORT, "refuting_claim_x_no_doubt") == 0.0


def test_sentences_are_trimmed_and_inside_the_text() -> None:
    text = "  One sentence. Two sentences!\n\nA third one?  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["One sentence.", "Two sentences!", "A third one?"]


STATEMENT = "Apple will not release a gold iPhone in March, a spokesperson said."


@pytest.mark.parametrize("body", [SUPPORT, DISPUTE, UNRELATED, STATEMENT, "", "No sentence end"])
def test_a_prepared_claim_gives_the_features_of_the_plain_one(body: str) -> None:
    prepared = Claim.of(CLAIM)
    plain = featurize(CLAIM, body)
    again = featurize(prepared, body)  # the text's parts now come from the cache
    assert again == plain
    assert [repr(x) for x in again.features] == [repr(x) for x in plain.features]
    assert cover(prepared, body) == plain.features[FEATURE_NAMES.index("cov_body")]
    assert best_cover(prepared, body) == plain.features[FEATURE_NAMES.index("cov_best")]


@pytest.mark.parametrize("body", [SUPPORT, DISPUTE, UNRELATED, STATEMENT, "APPLE’S GOLD IPHONES", ""])
def test_the_cheap_bound_is_never_below_the_cover(body: str) -> None:
    for claim in (CLAIM, "Apple's iPhones: gold ones in March?", "the of and"):
        prepared = Claim.of(claim)
        assert prepared.cover_at_most(body) >= cover(prepared, body) >= best_cover(prepared, body)


def test_the_text_caches_are_bounded() -> None:
    for i in range(TEXT_CACHE + 20):
        text = f"Harbour report number {i} was filed. The council read it."
        prepared_text(text)
        text_cues(text)
    for cached in (prepared_text, text_cues):
        info = cached.cache_info()
        assert info.maxsize == TEXT_CACHE
        assert info.currsize <= TEXT_CACHE


@pytest.mark.parametrize(
    "text",
    [
        DISPUTE,
        "It is NOT TRUE, the ministry insisted; officials said the photos were doctored and denied it.",
        "Despite the rumours it was not actually confirmed. Isn't it? Never been verified, they can’t be.",
        "Refuted, refuting, debunked — FAKES. Hoaxes? It's satire; the report reportedly may be a scam.",
        "The ſcam was fake and the Kelvin-named KELVIN report was a hoax, said İstanbul officials.",
    ],
)
def test_cues_grouped_by_first_letter_find_what_the_cues_find(text: str) -> None:
    scan = cues.scanners(text)
    for cue in (cues.REFUTE, cues.STRONG_REFUTE, cues.DENY, cues.HEDGE, cues.SUPPORT, cues.CAST_DOUBT):
        assert [m.span() for m in scan[cue].finditer(text)] == [m.span() for m in cue.finditer(text)]
    if "ſ" in text:
        assert scan[cues.REFUTE] is cues.REFUTE  # a letter IGNORECASE folds to ASCII: the cues as written


def test_only_the_known_letters_outside_ascii_fold_to_ascii_ones() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(c) for c in range(0x80, sys.maxunicode + 1) if letter.fullmatch(chr(c))}
    assert folding == set("\u0130\u0131\u017f\u212a")
    assert all(cues.scanners(f"a {c} b")[cues.REFUTE] is cues.REFUTE for c in folding)


# --------------------------------------------------------------------------- the model


def test_stances_of_clear_cases() -> None:
    assert stance_of(CLAIM, DISPUTE).label == StanceLabel.DISPUTES
    assert stance_of(CLAIM, UNRELATED).label == StanceLabel.UNRELATED
    assert stance_of(CLAIM, SUPPORT).label in {StanceLabel.SUPPORTS, StanceLabel.REPORTS}


@pytest.mark.parametrize("body", [SUPPORT, DISPUTE, UNRELATED, "", "No sentence end"])
def test_evidence_span_lies_inside_the_body(body: str) -> None:
    found = stance_of(CLAIM, body)
    assert 0 <= found.evidence.start <= found.evidence.end <= len(body)
    assert 0.0 <= found.score <= 1.0
    if body.strip():
        assert found.evidence.text(body).strip()


def test_dispute_evidence_holds_the_cue() -> None:
    found = stance_of(CLAIM, DISPUTE)
    assert has_refutation(found.evidence.text(DISPUTE))


def test_shipped_weights_match_the_features() -> None:
    model = default_model()
    assert [lab.value for lab in model.labels] == ["supports", "disputes", "reports", "unrelated"]
    probs = model.probabilities(featurize(CLAIM, SUPPORT).features)
    assert sum(probs) == pytest.approx(1.0)


def test_the_compiled_trees_give_what_walking_the_trees_gives() -> None:
    weights = json.loads((ROOT / "src/wiretrace/stance/weights.json").read_text(encoding="utf-8"))
    model = default_model()

    def walk(x: tuple[float, ...]) -> list[float]:
        raw = list(weights["baseline"])
        for per_class in weights["trees"]:
            for k, tree in enumerate(per_class):
                node = 0
                while tree["feature"][node] >= 0:
                    go_left = x[tree["feature"][node]] <= tree["threshold"][node]
                    node = tree["left"][node] if go_left else tree["right"][node]
                raw[k] += tree["value"][node]
        raw = [r + math.log(p) for r, p in zip(raw, weights["priors"], strict=True)]
        exp = [math.exp(r - max(raw)) for r in raw]
        return [e / sum(exp) for e in exp]

    for body in (SUPPORT, DISPUTE, UNRELATED, STATEMENT, ""):
        x = featurize(CLAIM, body).features
        assert model.probabilities(x) == walk(x)
    # Vectors on the thresholds themselves (a split sends equal values left) and at random.
    rng = random.Random(7)
    thresholds = [t for per_class in weights["trees"] for tree in per_class for t in tree["threshold"]]
    for _ in range(40):
        x = tuple(rng.choice((rng.choice(thresholds), rng.uniform(-1, 3))) for _ in FEATURE_NAMES)
        assert model.probabilities(x) == walk(x)


# --------------------------------------------------------------------------- counting


def match(stance: StanceLabel, origin: str) -> Match:
    return Match(
        stance=stance,
        score=0.9,
        article_id=origin,
        ref=origin,
        outlet=None,
        published=None,
        headline=None,
        speaker=None,
        statement=None,
        evidence="",
        start=0,
        end=0,
        origin=origin,
    )


def test_copies_of_one_origin_count_once() -> None:
    matches = [
        *(match(StanceLabel.DISPUTES, o) for o in ("a", "b", "c", "a")),
        match(StanceLabel.SUPPORTS, "d"),
        *(match(StanceLabel.REPORTS, o) for o in ["e"] * 10 + ["f"] * 2),
        match(StanceLabel.UNRELATED, "g"),
    ]
    counts = count_by_origin(matches)
    assert counts["disputes"] == {"origins": 3, "copies": 4}
    assert (
        summary_line(counts) == "disputed by 3 independent sources, supported by 1, reported by 12 copies of 2 origins"
    )
    assert count_by_origin(matches, lambda m: "one")["disputes"]["origins"] == 1
    assert summary_line({}) == "no article in the corpus takes up this claim"


def test_origin_without_lineage_is_the_credited_source() -> None:
    assert default_origin({"outlet": "Blog", "source_outlet": "The Northfield Ledger"}) == "northfield ledger"
    assert default_origin({"outlet": "The Northfield Ledger"}) == "northfield ledger"
    assert default_origin({"id": "abc"}) == "abc"


# --------------------------------------------------------------------------- CLI


def test_stance_cli_jsonl_in_and_out(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    lines = [
        {"id": "s", "claim": CLAIM, "body": SUPPORT},
        {"id": "d", "claim": CLAIM, "body": DISPUTE},
        {"id": "u", "claim": CLAIM, "body": UNRELATED},
    ]
    pairs.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["stance", "--jsonl", str(pairs)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["s", "d", "u"]
    for o, pair in zip(out, lines, strict=True):
        assert set(o) == {"id", "stance", "score", "evidence"}
        assert o["stance"] in {"supports", "disputes", "reports", "unrelated"}
        assert 0 <= o["evidence"]["start"] <= o["evidence"]["end"] <= len(str(pair["body"]))
    assert out[1]["stance"] == "disputes"


def test_stance_cli_bad_line_is_one_error_and_the_rest_is_scored() -> None:
    text = json.dumps({"id": "ok", "claim": CLAIM, "body": SUPPORT}) + "\nnot json\n" + json.dumps({"id": 3}) + "\n"
    result = CliRunner().invoke(main, ["stance", "--jsonl", "-"], input=text)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]
    assert "-:2: is not a stance pair" in result.stderr
    assert "-:3: is not a stance pair" in result.stderr


# --------------------------------------------------------------------------- a store of the examples


@pytest.fixture(scope="module")
def ingest(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Ingest files of the repository (paths relative to its root) into a new database."""

    def run(name: str, *args: str) -> Path:
        db = tmp_path_factory.mktemp(name) / f"{name}.db"
        before = Path.cwd()
        os.chdir(ROOT)
        try:
            result = CliRunner().invoke(main, ["ingest", *args, "--db", str(db), "--workers", "1"])
        finally:
            os.chdir(before)
        assert result.exit_code == 0, result.output
        return db

    return run


@pytest.fixture(scope="module")
def example_db(ingest: Callable[..., Path]) -> Path:
    inputs = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.txt"))
    return ingest("stance", *inputs, "examples/jsonl", "--stages", "extract,quotes,claims")


def check_json(db: Path, claim: str) -> dict[str, Any]:
    """``wiretrace check CLAIM --db DB --format json``, which must succeed, as data."""
    result = CliRunner().invoke(main, ["check", claim, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.slow
def test_check_shows_both_sides_with_speakers(example_db: Path) -> None:
    data = check_json(example_db, "the plant has passed every inspection it has ever faced")
    assert data["summary"].startswith(("disputed by", "supported by", "reported by"))
    stances = {m["stance"] for m in data["matches"]}
    assert "disputes" in stances
    assert any(m["speaker"] for m in data["matches"])
    for m in data["matches"]:
        assert m["evidence"]["text"]
        assert m["evidence"]["end"] > m["evidence"]["start"]
    text = CliRunner().invoke(main, ["check", "the plant passed every inspection", "--db", str(example_db)])
    assert text.exit_code == 0
    assert "disputes" in text.stdout


@pytest.mark.slow
def test_claimreview_export_is_valid_json_ld(example_db: Path) -> None:
    result = CliRunner().invoke(main, ["claims-export", "--db", str(example_db)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["@context"] == "https://schema.org"
    assert doc["@graph"]
    for review in doc["@graph"]:
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == review["itemReviewed"]["text"]
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["appearance"] and all(w["@type"] == "NewsArticle" for w in claim["appearance"])
        assert claim["firstAppearance"] in claim["appearance"]
        assert "ratingValue" not in review["reviewRating"]  # no verdict
        assert review["reviewRating"]["alternateName"]
    lines = CliRunner().invoke(main, ["claims-export", "--db", str(example_db), "--format", "jsonl"])
    assert all(json.loads(line)["@type"] == "ClaimReview" for line in lines.stdout.splitlines())


@pytest.mark.slow
def test_cross_disputes_are_stored_and_shown(example_db: Path) -> None:
    result = CliRunner().invoke(main, ["cross-disputes", "--db", str(example_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout) if result.stdout.strip() else []
    with sqlite3.connect(example_db) as conn:
        checked = conn.execute("SELECT COUNT(*) FROM stance_checked").fetchone()[0]
        claims = conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    assert checked == claims
    for r in rows:
        assert r["counter_ref"] != r["ref"] or r["counter_outlet"] != r["outlet"]
        assert r["disputed_by_origins"] >= 1
    again = CliRunner().invoke(main, ["cross-disputes", "--db", str(example_db), "--no-update", "--format", "json"])
    assert again.exit_code == 0


def test_a_named_speaker_is_one_source_wherever_their_words_appear() -> None:
    def said(origin: str, speaker: str | None) -> Match:
        return Match(
            stance=StanceLabel.SUPPORTS,
            score=0.9,
            article_id=origin,
            ref=origin,
            outlet=None,
            published=None,
            headline=None,
            speaker=speaker,
            statement=None,
            evidence="",
            start=0,
            end=0,
            origin=origin,
        )

    counts = count_by_origin([said("tribune", "Odile Marchetti"), said("weekly", "Odile Marchetti")])
    assert counts["supports"] == {"origins": 1, "copies": 2}
    unnamed = count_by_origin([said("tribune", "a senior official"), said("weekly", "a senior official")])
    assert unnamed["supports"]["origins"] == 2  # two descriptions may be two people
    assert count_by_origin([said("tribune", None), said("weekly", None)])["supports"]["origins"] == 2


# --------------------------------------------------------------------------- one outlet disputes another's claim


@pytest.fixture(scope="module")
def breakwater_db(ingest: Callable[..., Path]) -> Path:
    """The bundled pair: a claim in The Saltmere Tribune, disputed three days later in Coastline
    Weekly (which quotes it — a lineage excerpt, not a copy)."""
    return ingest("breakwater", "examples/breakwater-claim.txt", "examples/breakwater-dispute.txt")


@pytest.mark.slow
def test_disputes_shows_a_claim_disputed_by_another_outlet(breakwater_db: Path) -> None:
    result = CliRunner().invoke(main, ["disputes", "--db", str(breakwater_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["kind"] for r in rows} == {"in-article", "cross-article"}
    cross = [r for r in rows if r["kind"] == "cross-article"]
    assert cross
    for r in cross:
        assert r["ref"].endswith("breakwater-claim.txt") and r["outlet"] == "The Saltmere Tribune"
        assert r["counter_ref"].endswith("breakwater-dispute.txt") and r["counter_outlet"] == "Coastline Weekly"
        assert r["claim_speaker"] == "Odile Marchetti"
        assert "end winter ferry cancellations" in r["claim"]
        assert r["counter"] and r["disputed_by_origins"] == 1
    assert any(r["counter_speaker"] == "Annika Sorvald" for r in cross)
    pairs = [(r["claim"], r["counter"]) for r in cross]
    assert not any((b, a) in pairs for a, b in pairs)  # two contradicting statements are shown once
    inside = [r for r in rows if r["kind"] == "in-article"]
    assert all(r["counter_ref"] == r["ref"] for r in inside)
    for kind in ("in-article", "cross-article"):
        only = CliRunner().invoke(main, ["disputes", "--db", str(breakwater_db), "--kind", kind, "--format", "json"])
        assert {r["kind"] for r in json.loads(only.stdout)} == {kind}
    text = CliRunner().invoke(main, ["disputes", "--db", str(breakwater_db), "--no-update"])
    assert "[cross-article]" in text.stdout and "[in-article]" in text.stdout
    by_speaker = CliRunner().invoke(
        main, ["disputes", "--db", str(breakwater_db), "--speaker", "Sorvald", "--format", "csv"]
    )
    assert by_speaker.stdout.splitlines()[0].startswith("kind,ref,outlet,published")
    assert all("Sorvald" in line for line in by_speaker.stdout.splitlines()[1:])


@pytest.mark.slow
def test_check_counts_both_sides_of_the_breakwater_claim(breakwater_db: Path) -> None:
    data = check_json(breakwater_db, "the new breakwater will end winter ferry cancellations")
    assert data["summary"].startswith("disputed by")
    sides = {(m["stance"], m["speaker"]) for m in data["matches"]}
    assert ("supports", "Odile Marchetti") in sides
    assert any(stance == "disputes" and who == "Annika Sorvald" for stance, who in sides)
    assert data["counts"]["supports"]["origins"] == 1  # Marchetti, carried by two outlets, is one source


def test_candidates_are_the_best_current_articles_and_skip_history(tmp_path: Path) -> None:
    """A claim's candidates are ranked by bm25 alone, then read; an article no ref points at any
    more (a page whose text changed) is skipped, and more are ranked until ``limit`` are found."""
    from wiretrace.model import Analysis, Article, PublishedSource  # noqa: PLC0415
    from wiretrace.output.serialize import analysis_to_dict  # noqa: PLC0415
    from wiretrace.stance import check  # noqa: PLC0415
    from wiretrace.store import Record, open_store  # noqa: PLC0415
    from wiretrace.store.sqlite import SqliteStore  # noqa: PLC0415

    store = open_store(tmp_path / "c.db")
    assert isinstance(store, SqliteStore)

    def put(ref: str, aid: str, body: str, headline: str) -> None:
        article = Article(
            body=body, headline=headline, outlet="The Ledger", published=None, published_source=PublishedSource.NONE
        )
        analysis = Analysis(id=aid, input=ref, article=article, stages=(("extract", "1"),))
        store.put(Record(ref=ref, input=ref, raw_hash=aid, data=analysis_to_dict(analysis)))

    for i in range(12):  # the first texts say it most: they rank first
        put(f"r{i}", f"a{i}", "The harbour toll rises in spring. " * 4 + f"Note {i}.", "Harbour toll")
    for i in range(10):  # ten pages change: their first texts are history
        put(f"r{i}", f"a{i}-new", f"The harbour toll rises in spring, the council said. Note {i}.", "Toll")
    put("other", "b", "Nothing about it here: the weather was mild.", "Weather")
    found = check.candidates(store.conn, "the harbour toll rises", 5)  # ten history rows rank first
    assert len(found) == 5 and all(f["ref"] for f in found)
    every = check.candidates(store.conn, "the harbour toll rises", 50)
    assert sorted(f["ref"] for f in every) == sorted(f"r{i}" for i in range(12))  # each ref once: no history
    assert "council" in next(f["body"] for f in every if f["ref"] == "r0")  # r0's current text
    assert [f["ref"] for f in every][:5] == [f["ref"] for f in found]  # best first, whatever the limit
    assert check.candidates(store.conn, "the of and", 5) == []  # no content word: no query


def test_candidates_rank_by_the_claims_rarest_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim's candidates are ranked by its words the fewest articles hold (``articles_terms``);
    a word no article holds is dropped, and the counts follow the corpus as articles are added."""
    from wiretrace.model import Analysis, Article, PublishedSource  # noqa: PLC0415
    from wiretrace.output.serialize import analysis_to_dict  # noqa: PLC0415
    from wiretrace.stance import check  # noqa: PLC0415
    from wiretrace.store import Record, open_store, queries  # noqa: PLC0415
    from wiretrace.store.sqlite import SqliteStore  # noqa: PLC0415

    store = open_store(tmp_path / "r.db")
    assert isinstance(store, SqliteStore)

    def put(ref: str, body: str) -> None:
        article = Article(
            body=body, headline="", outlet="The Ledger", published=None, published_source=PublishedSource.NONE
        )
        analysis = Analysis(id=ref, input=ref, article=article, stages=(("extract", "1"),))
        store.put(Record(ref=ref, input=ref, raw_hash=ref, data=analysis_to_dict(analysis)))

    for i in range(6):
        put(f"c{i}", f"The council met again on day {i}. The council spoke.")
    put("t", "The council raised the ferry toll.")
    assert queries.article_frequencies(store.conn, ["council", "ferry", "walrus"]) == {
        "council": 7,
        "ferry": 1,
        "walrus": 0,
    }
    monkeypatch.setattr(check, "RAREST", 2)
    assert check._rarest(store.conn, check._words("The walrus council raised the ferry toll")) == ["raised", "ferry"]
    assert len(check.candidates(store.conn, "council ferry walrus", 9)) == 7  # council and ferry
    monkeypatch.setattr(check, "RAREST", 1)
    assert [f["ref"] for f in check.candidates(store.conn, "council ferry walrus", 9)] == ["t"]  # ferry alone
    assert queries.count_frequent_terms(store.conn, at_least=7) == 2  # "council" and "the", before anyone asks
    assert queries._known_frequencies(store.conn)["the"] == 7
    put("w", "A walrus swam by the ferry.")  # the counts follow the corpus
    assert queries.article_frequencies(store.conn, ["walrus", "ferry"]) == {"walrus": 1, "ferry": 2}
    store.conn.execute("DROP TABLE articles_terms")  # a store from before schema version 9: every word
    assert check._rarest(store.conn, ["council", "walrus"]) == ["council", "walrus"]


def test_check_reads_each_candidates_stored_counts_of_these_cues_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A candidate's cue counts are read from the store (counted when it was stored), unless they
    were counted with other cues: then the check counts the body itself — the same answer."""
    from wiretrace.model import Analysis, Article, PublishedSource  # noqa: PLC0415
    from wiretrace.output.serialize import analysis_to_dict  # noqa: PLC0415
    from wiretrace.stance import check, features, text  # noqa: PLC0415
    from wiretrace.store import Record, open_store  # noqa: PLC0415
    from wiretrace.store.sqlite import SqliteStore  # noqa: PLC0415

    store = open_store(tmp_path / "s.db")
    assert isinstance(store, SqliteStore)
    body = "The ferry toll will not rise in spring, the harbour board denied on Monday. It called the report false."
    article = Article(
        body=body, headline="Toll", outlet="The Ledger", published=None, published_source=PublishedSource.NONE
    )
    analysis = Analysis(id="a", input="t", article=article, stages=(("extract", "1"),))
    store.put(Record(ref="t", input="t", raw_hash="a", data=analysis_to_dict(analysis)))
    expected = check.check_claim(store.conn, "The ferry toll will rise in spring").as_dict()  # counted here
    counts = text.stored_text(body)
    store.put(Record(ref="t", input="t", raw_hash="a", data=analysis_to_dict(analysis), stance_counts=counts))
    assert expected["matches"]
    counted: list[str] = []

    def stored(b: str, c: str) -> tuple[text.Text, text.TextCues]:
        counted.append("stored")
        return text.read_stored(b, c)

    def scanned(b: str) -> text.Counts:
        pytest.fail("the body was scanned, not read from the store")

    def split(b: str) -> text.Text:
        assert b != body, "the body was split into words, not read from the store"
        return text.prepared_text(b)  # a statement's words are its own

    monkeypatch.setattr(check, "read_stored", stored)
    text.text_cues.cache_clear()
    text.prepared_text.cache_clear()
    monkeypatch.setattr(text, "text_counts", scanned)
    monkeypatch.setattr(features, "prepared_text", split)
    assert check.check_claim(store.conn, "The ferry toll will rise in spring").as_dict() == expected
    assert counted == ["stored"]
    monkeypatch.undo()
    words = json.loads(counts)
    words["words"][0][2] = "something else entirely"
    words["body"] = text.body_key("another body")  # another body's words: split again
    store.conn.execute("UPDATE stance_counts SET counts = ?", (json.dumps(words),))
    assert check.check_claim(store.conn, "The ferry toll will rise in spring").as_dict() == expected
    store.conn.execute("UPDATE stance_counts SET version = 'other cues', counts = '{}'")
    text.text_cues.cache_clear()
    assert check.check_claim(store.conn, "The ferry toll will rise in spring").as_dict() == expected
    store.conn.execute("UPDATE stance_counts SET version = ?, counts = '{\"refute\": [}'", (text.COUNTS_VERSION,))
    assert check.check_claim(store.conn, "The ferry toll will rise in spring").as_dict() == expected  # damaged
    other = text.Counts.from_json(counts)  # counts alone, as schema version 11 stored them
    store.conn.execute("UPDATE stance_counts SET counts = ?", (other.as_json(),))
    assert check.check_claim(store.conn, "The ferry toll will rise in spring").as_dict() == expected
    short = text.Counts(**{**{f: getattr(other, f) for f in other.__slots__}, "doubt": (0,)})  # another body's
    store.conn.execute("UPDATE stance_counts SET counts = ?", (short.as_json(),))
    assert check.check_claim(store.conn, "The ferry toll will rise in spring").as_dict() == expected
