"""The corpus commands end to end on temporary databases: ingest, then every question."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from wiretrace.cli import corpus as corpus_cli
from wiretrace.cli.main import main
from wiretrace.extract.stage import ExtractStage
from wiretrace.output.schema import output_schema
from wiretrace.store import Store
from wiretrace.store.queries import EXPORT_COLUMNS
from wiretrace.store.sqlite import SqliteStore


def examples(root: Path) -> list[str]:
    files = sorted(p for p in root.iterdir() if p.suffix in {".txt", ".html"})
    return [str(p) for p in files] + [str(root / "jsonl" / "corpus.jsonl")]


def count_examples(root: Path) -> int:
    """The articles in ``examples(root)``: one per file, one per JSONL line (all distinct texts)."""
    jsonl = (root / "jsonl" / "corpus.jsonl").read_text(encoding="utf-8")
    return len(examples(root)) - 1 + sum(1 for line in jsonl.splitlines() if line.strip())


EXTRACT_VERSION = ExtractStage.version
N = count_examples(Path(__file__).resolve().parents[1] / "examples")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def extracted_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled examples, extraction only."""
    db = str(tmp_path_factory.mktemp("db") / "x.db")
    code, _, err = cli(
        "ingest",
        *examples(Path(__file__).resolve().parents[1] / "examples"),
        "--db",
        db,
        "--stages",
        "extract",
        "--workers",
        "1",
    )
    assert code == 0, err
    assert f"{N} new" in err
    return db


def test_ingest_again_changes_nothing(extracted_db: str, examples_dir: Path) -> None:
    code, _, err = cli("ingest", *examples(examples_dir), "--db", extracted_db, "--stages", "extract", "--workers", "1")
    assert code == 0 and f"0 new, 0 linked, 0 updated, {N} unchanged, 0 failed" in err


def test_search_in_each_format(extracted_db: str) -> None:
    code, out, _ = cli("search", "bridge", "--db", extracted_db, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows and all("**bridge**" in r["snippet"].lower() for r in rows)
    assert {r["kind"] for r in rows} == {"article"}  # no quotes without the quotes stage
    code, out, _ = cli("search", "bridge", "--db", extracted_db, "--format", "csv", "--limit", "2")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2
    code, out, _ = cli("search", "bridge", "--db", extracted_db)
    assert out.startswith("[article] ")
    code, out, err = cli("search", "zzzznothing", "--db", extracted_db)
    assert (code, out) == (0, "") and "no match" in err


def test_show_prints_the_contract(extracted_db: str) -> None:
    code, out, _ = cli("show", "ledger-2024-03-20-grant", "--db", extracted_db)
    data = json.loads(out)
    assert code == 0 and data["id"] == "ledger-2024-03-20-grant" and data["stages"] == {"extract": EXTRACT_VERSION}
    jsonschema.Draft202012Validator(output_schema()).validate(data)
    code, out, _ = cli("show", "ledger-2024-03-20-grant", "--db", extracted_db, "--format", "text")
    assert out.startswith("refs: ledger-2024-03-20-grant")


def test_show_unknown_ref_is_one_line(extracted_db: str) -> None:
    code, out, err = cli("show", "no-such-ref", "--db", extracted_db)
    assert (code, out) == (1, "")
    assert err.strip().count("\n") == 0 and err.startswith("no-such-ref: no such article")


def test_query_on_a_missing_database_is_one_line(tmp_path: Path) -> None:
    code, _, err = cli("stats", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in err and not (tmp_path / "none.db").exists()


def test_stats(extracted_db: str) -> None:
    code, out, _ = cli("stats", "--db", extracted_db, "--format", "json")
    assert code == 0
    stats = json.loads(out)
    assert (stats["articles"], stats["stages"], stats["failures"]) == (N, {"extract": {EXTRACT_VERSION: N}}, 0)
    _, out, _ = cli("stats", "--db", extracted_db)
    assert f"articles     {N}" in out


def test_export_jsonl_csv_and_parquet(extracted_db: str, tmp_path: Path) -> None:
    code, out, _ = cli("export", "--db", extracted_db)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == N and all(line["refs"] for line in lines)
    code, out, _ = cli("export", "--db", extracted_db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == N and list(rows[0]) == list(EXPORT_COLUMNS)
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "x.parquet"
    code, _, err = cli("export", "--db", extracted_db, "--format", "parquet", "--output", str(target))
    assert code == 0, err
    assert pq.read_table(target).num_rows == N
    code, _, err = cli("export", "--db", extracted_db, "--format", "parquet")
    assert code == 2


def test_ingest_reports_a_bad_input_and_exits_1(tmp_path: Path, examples_dir: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"%PDF-1.4 not html")
    code, _, err = cli(
        "ingest",
        str(bad),
        str(examples_dir / "wire-story.txt"),
        "--db",
        str(tmp_path / "b.db"),
        "--stages",
        "extract",
        "--workers",
        "1",
    )
    assert code == 1
    assert f"{bad}: looks like a PDF document" in err and "1 new" in err and "1 failed" in err


def test_unknown_stage_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = cli("ingest", "x.txt", "--db", str(tmp_path / "u.db"), "--stages", "nope")
    assert code == 2 and "unknown stage nope" in err


@pytest.fixture(scope="module")
def analysed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled examples, fully analysed (loads spaCy)."""
    db = str(tmp_path_factory.mktemp("db") / "a.db")
    code, _, err = cli(
        "ingest", *examples(Path(__file__).resolve().parents[1] / "examples"), "--db", db, "--workers", "1"
    )
    assert code == 0, err
    return db


@pytest.mark.slow
def test_quotes_by_a_speaker_across_articles(analysed_db: str) -> None:
    code, out, _ = cli("quotes", "--speaker", "Varga", "--db", analysed_db, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and {r["person"] for r in rows} == {"Elena Varga"}
    refs = {r["ref"] for r in rows}
    assert "ledger-2024-03-20-grant" in refs and any(ref.endswith("ledger-original.txt") for ref in refs)
    code, out, _ = cli("quotes", "--speaker", "Mayor Elena Varga", "--db", analysed_db, "--format", "json")
    assert len(json.loads(out)) == len(rows)
    code, out, _ = cli("quotes", "--db", analysed_db, "--format", "json")
    assert any(r["person"] == "Elena Varga" and r["articles"] >= 2 for r in json.loads(out))


@pytest.mark.slow
def test_disputes_timeline_and_show(analysed_db: str, examples_dir: Path) -> None:
    code, out, _ = cli("disputes", "--db", analysed_db, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and any(r["cue"] == "denied" for r in rows)
    assert all(r["claim"] and r["counter"] for r in rows)
    code, out, _ = cli("timeline", "Anselm", "--db", analysed_db, "--format", "json")
    events = json.loads(out)
    assert {e["kind"] for e in events} >= {"quote", "event"}
    dated = [e["date"][:10] for e in events if e["date"] and e["date"][:4].isdigit() and len(e["date"]) >= 10]
    assert dated == sorted(dated)
    code, out, _ = cli("show", str(examples_dir / "dispute-plant.txt"), "--db", analysed_db)
    data = json.loads(out)
    jsonschema.Draft202012Validator(output_schema()).validate(data)
    assert data["disputes"] and data["quotes"]
    code, out, _ = cli("search", "chlorine", "--db", analysed_db, "--format", "json")
    assert {r["kind"] for r in json.loads(out)} == {"article", "quote"}
    code, _, err = cli("reanalyze", "--db", analysed_db, "--workers", "1")
    assert code == 0 and "0 updated" in err


def test_show_text_gives_the_history_of_a_changed_article(tmp_path: Path) -> None:
    story, db = tmp_path / "story.txt", str(tmp_path / "h.db")
    story.write_text("The Post\n\nVote\n\nThe council voted on Tuesday.\n", encoding="utf-8")
    assert "1 new" in cli("ingest", str(story), "--db", db, "--stages", "extract", "--workers", "1")[2]
    story.write_text("The Post\n\nVote\n\nThe council voted on Tuesday and Friday.\n", encoding="utf-8")
    assert "1 updated" in cli("ingest", str(story), "--db", db, "--stages", "extract", "--workers", "1")[2]
    assert "1 unchanged" in cli("ingest", str(story), "--db", db, "--stages", "extract", "--workers", "1")[2]
    code, out, _ = cli("show", str(story), "--db", db, "--format", "text")
    [history] = [line for line in out.splitlines() if line.startswith("history: ")]
    assert code == 0 and history.startswith("history: v1 ") and "; v2 " in history
    code, out, _ = cli("show", str(story), "--db", db)
    assert json.loads(out)["article"]["body"] == "The council voted on Tuesday and Friday."


def test_a_full_disk_is_one_line_and_a_rerun_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(200):
        (folder / f"s{i:03d}.txt").write_text(f"The Post\n\nStory {i}\n\nThe council met {i} times.\n", "utf-8")
    db = str(tmp_path / "full.db")
    real = corpus_cli.open_store

    def small_disk(path: str, *, create: bool = True) -> Store:  # test-only: SQLITE_FULL after 30 pages
        store = real(path, create=create)
        assert isinstance(store, SqliteStore)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 30}")
        return store

    monkeypatch.setattr(corpus_cli, "open_store", small_disk)
    code, _, err = cli("ingest", str(folder), "--db", db, "--stages", "extract", "--workers", "2")
    assert code == 1 and err.count("\n") == 1 and "database or disk is full — free some disk space" in err
    monkeypatch.setattr(corpus_cli, "open_store", real)
    code, _, err = cli("ingest", str(folder), "--db", db, "--stages", "extract", "--workers", "2")
    assert code == 0 and " 0 failed (200 inputs" in err and "0 updated" in err
    code, out, _ = cli("stats", "--db", db, "--format", "json")
    assert json.loads(out)["articles"] == 200
