"""Ingest: idempotent, resumable after kill -9, one line per bad input, history for changed articles."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import truncate_copy
from wiretrace.batch.ingest import IngestOptions, ingest, reanalyze
from wiretrace.batch.runner import Job, process_one, run_jobs
from wiretrace.errors import InputError
from wiretrace.model import Analysis, RawDocument
from wiretrace.store import open_store
from wiretrace.store.sqlite import SqliteStore

WIRETRACE = Path(sys.executable).parent / "wiretrace"
EXTRACT = ("extract",)


def run(inputs: list[Path | str], db: Path, errors: list[str] | None = None, workers: int = 1) -> dict[str, int]:
    store = open_store(db)
    try:
        options = IngestOptions(stages=EXTRACT, workers=workers, on_error=(errors if errors is not None else []).append)
        return ingest([str(i) for i in inputs], store, options).as_dict()
    finally:
        store.close()


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_ingest_twice_stores_each_article_once(corpus_inputs: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    inputs = [corpus_inputs[k] for k in ("folder", "rss", "atom", "warc")]
    first = run(inputs, db)
    assert first == {"new": 4 + 2 + 1 + 3, "linked": 0, "updated": 0, "unchanged": 0, "failed": 0}
    second = run(inputs, db)
    assert second == {"new": 0, "linked": 0, "updated": 0, "unchanged": 10, "failed": 0}
    assert count(db, "SELECT COUNT(*) FROM articles") == count(db, "SELECT COUNT(*) FROM refs") == 10


def test_same_text_under_another_ref_is_linked(corpus_inputs: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    copy = tmp_path / "copy.txt"
    copy.write_bytes((corpus_inputs["folder"] / "a0.txt").read_bytes())
    counts = run([corpus_inputs["folder"], copy], db)
    assert (counts["new"], counts["linked"]) == (4, 1)
    assert count(db, "SELECT COUNT(*) FROM articles") == 4


def test_bad_inputs_are_one_line_each_and_the_rest_is_stored(corpus_inputs: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (bad / "empty.html").write_text("   ", encoding="utf-8")
    (bad / "broken.rss").write_text("<rss><channel><title>x</title><item><title>cut", encoding="utf-8")
    truncate_copy(corpus_inputs["warc"], bad / "cut.warc.gz", 0.6)
    errors: list[str] = []
    counts = run([bad, corpus_inputs["folder"]], tmp_path / "c.db", errors)
    assert counts["failed"] == len(errors) == 4
    assert all("\n" not in e and " — " in e for e in errors)
    assert counts["new"] == 4 + 2  # the folder, and the two records read before the WARC breaks off
    db = open_store(tmp_path / "c.db")
    stats = db.stats()
    db.close()
    assert stats["failures"] == 4 and stats["runs"][0]["failed"] == 4


def test_a_changed_article_is_updated_and_keeps_its_history(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("The Post\n\nVote\n\nThe council voted on Tuesday.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    run([article], db)
    article.write_text("The Post\n\nVote\n\nThe council voted on Tuesday, and again on Friday.\n", encoding="utf-8")
    assert run([article], db)["updated"] == 1
    assert run([article], db)["unchanged"] == 1
    store = open_store(db)
    got = store.get(str(article))
    store.close()
    assert got is not None and "Friday" in got["article"]["body"]
    assert [h["version"] for h in got["history"]] == [1, 2]


def test_process_one_returns_an_analysis_or_an_error() -> None:
    good = process_one(RawDocument(ref="x", media_type="text/plain", text="Some words."), ["extract"])
    assert isinstance(good, Analysis) and good.body == "Some words."
    bad = process_one(RawDocument(ref="y", media_type="text/plain", data=b"\x00\x01\x02" * 50), ["extract"])
    assert isinstance(bad, InputError) and bad.source == "y"


def test_runner_keeps_input_order_on_two_workers() -> None:
    jobs: list[Job | InputError] = [
        Job(
            ref=f"r{i}",
            name=f"r{i}",
            raw_hash="h",
            doc=RawDocument(ref=f"r{i}", media_type="text/plain", text=f"Text {i}."),
            stages=EXTRACT,
        )
        for i in range(25)
    ]
    jobs.insert(3, InputError("broken", "is broken", "fix it"))
    out = list(run_jobs(jobs, workers=2, chunk_size=4))
    assert [o.source if isinstance(o, InputError) else o.ref for o in out] == [
        j.source if isinstance(j, InputError) else j.ref for j in jobs
    ]


def test_kill_9_mid_ingest_then_rerun_stores_each_article_exactly_once(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    total = 1500
    for i in range(total):
        (folder / f"n{i:05d}.txt").write_text(
            f"The Gazette\n\nStory {i}\n\nParagraph {i} says the harbour board met on Monday.\n", encoding="utf-8"
        )
    db = tmp_path / "k.db"
    command = [str(WIRETRACE), "ingest", str(folder), "--db", str(db), "--stages", "extract", "--workers", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                if count(db, "SELECT COUNT(*) FROM refs") >= 50:
                    break
            except sqlite3.OperationalError:
                pass  # the schema is being created
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, as a crash would
    proc.wait()
    assert 50 <= count(db, "SELECT COUNT(*) FROM refs") < total
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db, "SELECT COUNT(*) FROM refs") == count(db, "SELECT COUNT(*) FROM articles") == total
    assert count(db, "SELECT COUNT(DISTINCT ref) FROM refs") == total
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')") is not None
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert f"0 new, 0 linked, 0 updated, {total} unchanged, 0 failed" in again.stderr


@pytest.mark.slow
def test_reanalyze_adds_the_missing_stages_then_does_nothing(examples_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run([examples_dir / "dispute-plant.txt", examples_dir / "jsonl" / "corpus.jsonl"], db)
    store = open_store(db)
    assert isinstance(store, SqliteStore)
    try:
        counts, reextract = reanalyze(store, IngestOptions(workers=1))
        assert (counts.updated, reextract) == (5, 0)
        counts, _ = reanalyze(store, IngestOptions(workers=1))
        assert counts.as_dict() == {"new": 0, "linked": 0, "updated": 0, "unchanged": 0, "failed": 0}
        assert store.stats()["disputes"] > 0
        assert store.disputes(speaker="Anselm")
    finally:
        store.close()
