"""Ingest: idempotent, resumable after kill -9, one line per bad input, history for changed articles."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import truncate_copy
from wiretrace.batch import runner
from wiretrace.batch.ingest import IngestOptions, ingest, reanalyze
from wiretrace.batch.runner import Done, Job, process_one, run_jobs
from wiretrace.errors import InputError, StoreError
from wiretrace.extract import stage as stage_module
from wiretrace.model import Analysis, Article, RawDocument
from wiretrace.sources.ingest import ingest_inputs, raw_hash, ref_of
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


FORKS = "fork" in multiprocessing.get_all_start_methods()


def die_on(marker: str, how: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> None:
    """Test-only: a worker that is handed the job named ``…marker`` dies (workers are forked, so
    they run this patched ``work``); nothing in wiretrace itself knows of it."""
    real = runner.work

    def work(chunk: Sequence[Job | InputError], strict: bool = False) -> list[Done]:
        if any(isinstance(job, Job) and Path(job.name).name == marker for job in chunk):
            how()
        return real(chunk, strict)

    monkeypatch.setattr(runner, "work", work)


@pytest.mark.skipif(not FORKS, reason="the crash is injected into forked workers")
@pytest.mark.parametrize(
    "how",
    [
        pytest.param(lambda: os._exit(3), id="exit"),
        pytest.param(lambda: (faulthandler.disable(), os.kill(os.getpid(), signal.SIGSEGV)), id="segfault"),
        pytest.param(lambda: os.kill(os.getpid(), signal.SIGKILL), id="oom-killed"),
    ],
)
def test_a_worker_that_dies_costs_one_article_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: Callable[[], object]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(30):
        name = "n13-crash.txt" if i == 13 else f"n{i:02d}.txt"
        (folder / name).write_text(f"The Gazette\n\nStory {i}\n\nThe board met {i} times.\n", encoding="utf-8")
    die_on("n13-crash.txt", how, monkeypatch)
    db = tmp_path / "c.db"
    store = open_store(db)
    errors: list[str] = []
    try:
        options = IngestOptions(stages=EXTRACT, workers=2, batch_size=4, on_error=errors.append)
        counts = ingest([str(folder)], store, options)
        stats = store.stats()
    finally:
        store.close()
    assert counts.as_dict() == {"new": 29, "linked": 0, "updated": 0, "unchanged": 0, "failed": 1}
    [line] = errors
    assert line.startswith(f"{folder / 'n13-crash.txt'}: the worker process analysing it died")
    assert "\n" not in line and " — " in line
    assert stats["failures"] == 1 and stats["runs"][0]["failed"] == 1 and stats["runs"][0]["status"] == "done"


@pytest.mark.skipif(not FORKS, reason="the crash is injected into forked workers")
def test_run_jobs_keeps_order_when_a_worker_dies(monkeypatch: pytest.MonkeyPatch) -> None:
    die_on("r7", lambda: os._exit(1), monkeypatch)
    jobs: list[Job | InputError] = [
        Job(
            ref=f"r{i}",
            name=f"r{i}",
            raw_hash="h",
            doc=RawDocument(ref=f"r{i}", media_type="text/plain", text=f"Text {i}."),
            stages=EXTRACT,
        )
        for i in range(20)
    ]
    out = list(run_jobs(jobs, workers=2, chunk_size=3))
    assert [o.source if isinstance(o, InputError) else o.ref for o in out] == [f"r{i}" for i in range(20)]
    assert [o.source for o in out if isinstance(o, InputError)] == ["r7"]
    assert threading.active_count() == 1  # every pool's thread was joined


def write_folder(folder: Path, total: int) -> Path:
    folder.mkdir()
    for i in range(total):
        (folder / f"n{i:05d}.txt").write_text(
            f"The Gazette\n\nStory {i}\n\nParagraph {i} says the harbour board met on Monday.\n", encoding="utf-8"
        )
    return folder


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux ``/proc``)."""
    found: set[int] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def gone(pids: set[int], wait: float = 30.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
@pytest.mark.parametrize(
    ("how", "code"),
    [
        pytest.param(lambda p: os.killpg(p.pid, signal.SIGKILL), -signal.SIGKILL, id="kill-9"),  # with its workers
        pytest.param(lambda p: p.send_signal(signal.SIGKILL), -signal.SIGKILL, id="kill-9-main-only"),
        pytest.param(lambda p: p.send_signal(signal.SIGINT), 130, id="ctrl-c"),
        pytest.param(lambda p: p.send_signal(signal.SIGTERM), 130, id="kill"),
    ],
)
def test_interrupt_mid_ingest_then_rerun_stores_each_article_exactly_once(
    tmp_path: Path, how: Callable[[subprocess.Popen[str]], None], code: int
) -> None:
    total = 800
    folder = write_folder(tmp_path / "many", total)
    db = tmp_path / "k.db"
    command = [str(WIRETRACE), "ingest", str(folder), "--db", str(db), "--stages", "extract", "--workers", "2"]
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
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
    workers = children(proc.pid)
    assert len(workers) == 2
    how(proc)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert gone(workers), "a worker outlived the ingest"
    if code == 130:
        assert err.strip().endswith("run the same command again to resume") and err.count("\n") == 1
    committed = count(db, "SELECT COUNT(*) FROM refs")
    assert 50 <= committed < total
    assert count(db, "SELECT COUNT(*) FROM articles") == committed  # no article half-written
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - committed} new, 0 linked, 0 updated, {committed} unchanged, 0 failed" in rerun.stderr
    assert count(db, "SELECT COUNT(*) FROM refs") == count(db, "SELECT COUNT(*) FROM articles") == total
    assert count(db, "SELECT COUNT(DISTINCT ref) FROM refs") == total
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')") is not None
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert f"0 new, 0 linked, 0 updated, {total} unchanged, 0 failed" in again.stderr


def test_a_full_disk_is_one_line_and_keeps_what_was_committed(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "many", 300)
    db = tmp_path / "full.db"
    store = open_store(db)
    assert isinstance(store, SqliteStore)
    try:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 40}")  # SQLITE_FULL once 40 pages are used
        with pytest.raises(StoreError) as caught:
            ingest([str(folder)], store, IngestOptions(stages=EXTRACT, workers=2))
    finally:
        store.close()
    line = str(caught.value)
    assert "\n" not in line and line.startswith(f"{db}: database or disk is full — free some disk space")
    committed = count(db, "SELECT COUNT(*) FROM refs")
    assert 0 < committed < 300
    assert count(db, "SELECT COUNT(*) FROM articles") == committed  # no half-written article
    again = run([folder], db, workers=2)
    assert (again["new"], again["unchanged"], again["failed"]) == (300 - committed, committed, 0)
    assert count(db, "SELECT COUNT(*) FROM refs") == count(db, "SELECT COUNT(*) FROM articles") == 300
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def new_extractor(monkeypatch: pytest.MonkeyPatch, changes: str) -> None:
    """Test-only: a next version of the extract stage, which reads the input named ``changes`` differently."""
    read = stage_module.read_article

    def read_again(raw: RawDocument) -> Article:
        article = read(raw)
        return replace(article, body=article.body + " (Corrected.)") if raw.ref.endswith(changes) else article

    monkeypatch.setattr(stage_module.ExtractStage, "version", stage_module.ExtractStage.version + ".next")
    monkeypatch.setattr(stage_module, "read_article", read_again)


def test_reanalyze_reads_kept_inputs_again_when_extract_changed(
    corpus_inputs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "x.db"
    inputs = [corpus_inputs["folder"], corpus_inputs["warc"], corpus_inputs["rss"]]
    assert run(inputs, db)["new"] == 4 + 3 + 2
    changed = str(corpus_inputs["folder"] / "a1.txt")
    store = open_store(db)
    before = store.get(changed)
    new_extractor(monkeypatch, "a1.txt")
    try:
        counts, reextract = reanalyze(store, IngestOptions(stages=EXTRACT, workers=1))
        assert (counts.updated, counts.failed, reextract) == (9, 0, 0)
        assert [row["stages"] for row in store.export_rows()] == [f"extract={stage_module.ExtractStage.version}"] * 9
        after = store.get(changed)
        assert before is not None and after is not None
        assert after["article"]["body"] == before["article"]["body"] + " (Corrected.)"
        assert [h["version"] for h in after["history"]] == [1, 2]  # the old text is kept as history
        again, _ = reanalyze(store, IngestOptions(stages=EXTRACT, workers=1))
        assert again.as_dict() == {"new": 0, "linked": 0, "updated": 0, "unchanged": 0, "failed": 0}
        assert ingest([str(i) for i in inputs], store, IngestOptions(stages=EXTRACT, workers=1)).unchanged == 9
    finally:
        store.close()


def test_reanalyze_counts_what_must_be_ingested_again_without_a_kept_input(
    corpus_inputs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "x.db"
    run([corpus_inputs["folder"]], db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM raw_inputs")  # as in a database from before inputs were kept
    new_extractor(monkeypatch, "a1.txt")
    store = open_store(db)
    try:
        counts, reextract = reanalyze(store, IngestOptions(stages=EXTRACT, workers=1))
        assert (counts.updated, reextract) == (0, 4)
    finally:
        store.close()


def test_kept_inputs_round_trip(corpus_inputs: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    jsonl = tmp_path / "j.jsonl"
    jsonl.write_text('{"id": "j1", "text": "Caf\u00e9 owners met.", "published": "2024-01-02"}\n', encoding="utf-8")
    run([corpus_inputs["warc"], jsonl], db)
    store = open_store(db)
    try:
        read = {ref_of(i): i.doc for i in ingest_inputs([str(corpus_inputs["warc"]), str(jsonl)])}
        for ref, doc in read.items():
            [kept] = store.inputs(ref)
            assert kept.raw == doc and kept.raw_hash == raw_hash(doc)
    finally:
        store.close()


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


def test_reanalyze_reruns_what_is_built_on_a_changed_stage() -> None:
    from wiretrace.batch.ingest import with_downstream  # noqa: PLC0415
    from wiretrace.registry import build_pipeline  # noqa: PLC0415

    stages = build_pipeline(None).stages
    assert with_downstream(("quotes",), stages) == ("quotes", "claims")  # claims are built on the quotes
    assert with_downstream(("entities",), stages) == ("entities", "quotes", "claims")
    assert with_downstream(("timexes",), stages) == ("timexes", "claims")
    assert with_downstream(("claims",), stages) == ("claims",)


def test_workers_count_the_stance_cues_beside_an_analysis_not_an_extraction_only_pass() -> None:
    from wiretrace.stance.text import Counts, text_counts  # noqa: PLC0415

    text = "The council denied the report. It said the claim was false."
    doc = RawDocument(ref="x", media_type="text/plain", text=text)
    extract, analysed = runner.work(
        [
            Job(ref="x", name="x", raw_hash="h", doc=doc, stages=("extract",)),
            Job(ref="y", name="y", raw_hash="h2", doc=doc, stages=("extract", "quotes")),
        ]
    )
    assert isinstance(extract, runner.Outcome) and extract.stance_counts is None  # a fast first pass stays fast
    assert isinstance(analysed, runner.Outcome) and analysed.stance_counts is not None
    body = analysed.data["article"]["body"]
    assert Counts.from_json(analysed.stance_counts) == text_counts(body) and text_counts(body).deny > 0
