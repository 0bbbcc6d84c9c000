"""Lineage linking speed: articles linked per second as the corpus grows, and peak memory.

    python benchmarks/bench_lineage.py [--n 100000] [--marks 10000,50000,100000] [--each] [--json-out lineage.json]

A republication corpus of about N articles is generated with ``eval/lineage_corpus.py
--synthetic`` (scrambled originals from ``../shared/data/news-sample/bbc``, each with its
reposts, chains, excerpts, teasers and follow-ups), written straight into a fresh store
(articles and refs, no analysis: the ingest's own cost is ``bench_store.py``'s), then linked
with :func:`wiretrace.link.link_pending` (1,000 articles a transaction) — or, with ``--each``,
article by article with :func:`wiretrace.link.link_new`, each in its own transaction, as
``ingest`` does. At each
mark the time per article over the last stretch is printed, wall and CPU (the CPU figure is
the one to compare on a shared machine): it stays nearly flat when the cost of a new article
does not grow with the corpus. Peak memory is the process's
``ru_maxrss`` of the linking process (a child of the benchmark, so the generator's memory is
not counted). Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

import lineage_corpus  # noqa: E402 - a script folder, not a package

from wiretrace.link import link_new, link_pending  # noqa: E402
from wiretrace.store import open_store  # noqa: E402


def build(db: Path, n: int, seed: int) -> int:
    sources = lineage_corpus.read_sources(lineage_corpus.DEFAULT_DATA)
    g = lineage_corpus.generate(sources, originals=0, follow_ups=0.3, seed=seed, synthetic=max(1, n * 11 // 49))
    articles = g.articles[:n]
    rng = random.Random(seed)
    rng.shuffle(articles)  # then in the order they appeared (undated ones too, though stored undated)
    articles.sort(key=lambda a: a.arrival or a.published or dt.date(2005, 1, 1))
    store = open_store(db)
    conn = getattr(store, "conn")  # noqa: B009 - the SQLite connection, for a bulk load
    now = dt.datetime.now(dt.UTC).isoformat()
    conn.execute("BEGIN")
    for a in articles:
        body = a.built.text()
        aid = hashlib.sha256(body.encode()).hexdigest()
        outlet = lineage_corpus.OUTLETS[a.outlet][0]
        published = a.published.isoformat() if a.published else None
        conn.execute(
            "INSERT OR IGNORE INTO articles (id, body, headline, outlet, published, url, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, body, a.headline, outlet, published, g.url(a), now, now),
        )
        conn.execute(
            "INSERT OR IGNORE INTO refs (ref, article_id, input, analysis_id, raw_hash, version, first_seen,"
            " updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            (a.id, aid, a.id, a.id, aid, now, now),
        )
    conn.execute("COMMIT")
    store.close()
    return len(articles)


def link_each(store: Any, progress: Callable[[int, int], None]) -> tuple[int, int]:
    """Link article by article, each in its own transaction, as ``ingest`` does (:func:`link_new`)."""
    ids = [aid for (aid,) in store.conn.execute("SELECT id FROM articles ORDER BY n")]
    made = 0
    for done, aid in enumerate(ids, 1):
        made += link_new(store, aid)
        if done % 1000 == 0 or done == len(ids):
            progress(done, len(ids))
    return len(ids), made


def link(db: Path, marks: list[int], *, each: bool = False) -> dict[str, Any]:
    """Link every article of ``db`` (in this process), timing each stretch between marks: wall
    time, and CPU time (``time.process_time``: what the machine's other work does not inflate)."""
    store = open_store(db)
    figures: dict[str, Any] = {"marks": []}
    begun, cpu_begun = time.perf_counter(), time.process_time()
    last = [begun, cpu_begun, 0]
    pending = list(marks)

    def progress(done: int, total: int) -> None:
        del total
        while pending and done >= pending[0]:
            now, cpu = time.perf_counter(), time.process_time()
            count = max(1, done - int(last[2]))
            per, cpu_per = (now - last[0]) / count * 1000, (cpu - last[1]) / count * 1000
            row = {
                "articles": done,
                "seconds": round(now - begun, 1),
                "cpu_seconds": round(cpu - cpu_begun, 1),
                "ms_per_article": round(per, 3),
                "cpu_ms_per_article": round(cpu_per, 3),
            }
            figures["marks"].append(row)
            print(
                f"linked {done:>7}: {row['seconds']:>7.1f} s in all ({row['cpu_seconds']:.1f} s CPU),"
                f" {per:.2f} ms per article since {last[2]} ({cpu_per:.2f} ms CPU)"
            )
            sys.stdout.flush()
            last[:] = [now, cpu, done]
            pending.pop(0)

    if each:
        articles, links = link_each(store, progress)
    else:
        articles, links = link_pending(store, batch=1000, on_progress=progress)
    seconds, cpu_seconds = time.perf_counter() - begun, time.process_time() - cpu_begun
    store.close()
    figures.update(
        articles=articles,
        links=links,
        link_seconds=round(seconds, 1),
        link_cpu_seconds=round(cpu_seconds, 1),
        articles_per_second=round(articles / seconds, 1),
        peak_memory_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
    rows = figures["marks"]
    if len(rows) >= 2 and rows[0]["cpu_ms_per_article"]:
        figures["cpu_growth"] = round(rows[-1]["cpu_ms_per_article"] / rows[0]["cpu_ms_per_article"] - 1, 3)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--marks", default="10000,50000,100000", help="article counts to report at")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--each", action="store_true", help="link each article in its own transaction, as ingest does")
    parser.add_argument("--link-only", type=Path, metavar="DB", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    marks = sorted(int(m) for m in args.marks.split(",") if int(m) <= args.n)
    if args.link_only:
        print("RESULT " + json.dumps(link(args.link_only, marks, each=args.each)))
        return 0
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-lineage-") as tmp:
        db = Path(tmp) / "lineage.db"
        started = time.perf_counter()
        count = build(db, args.n, args.seed)
        print(f"corpus: {count} articles generated and stored in {time.perf_counter() - started:.1f} s (date order)")
        sys.stdout.flush()
        # linking runs in its own process, so its peak memory is its own (not the generator's)
        child = subprocess.Popen(
            [sys.executable, __file__, "--link-only", str(db), "--marks", args.marks, "--n", str(args.n)]
            + (["--each"] if args.each else []),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        figures: dict[str, Any] = {}
        for line in child.stdout:
            if line.startswith("RESULT "):
                figures = json.loads(line[len("RESULT ") :])
            else:
                print(line, end="", flush=True)
        child.wait()
        figures["db_mb"] = round(db.stat().st_size / 1e6, 1)
    figures["n"] = count
    print(
        f"linked {figures['articles']} articles ({figures['links']} links) in {figures['link_seconds']} s"
        f" ({figures['link_cpu_seconds']} s CPU), {figures['articles_per_second']:.0f}/s, one process;"
        f" peak memory {figures['peak_memory_mb']:.0f} MB; database {figures['db_mb']:.0f} MB"
    )
    if "cpu_growth" in figures:
        first, final = figures["marks"][0], figures["marks"][-1]
        print(
            f"CPU per article {first['cpu_ms_per_article']:.2f} ms at {first['articles']},"
            f" {final['cpu_ms_per_article']:.2f} ms over the stretch to {final['articles']}"
            f" ({figures['cpu_growth']:+.0%})"
        )
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
