"""The corpus store's figures: ingest throughput, database size, peak memory, search latency.

    python benchmarks/bench_store.py [--n 20000] [--n-analysed 300] [--workers 2] [--json-out store.json]

A synthetic corpus is generated in a temporary folder from the BBC news sample
(``../shared/data/news-sample/bbc/**/*.txt``): N plain-text articles, each an outlet line,
a headline and 4–9 paragraphs drawn (seeded) from the sample, so no two are alike. Then:

1. ``extract``: ``ingest --stages extract`` of all N on ``--workers`` processes;
2. ``full``: ``ingest`` with every stage of the first ``--n-analysed`` articles, into a fresh
   database; and the same analysis **without a store** (the runner alone, results dropped),
   to give the store's share of the time;
3. search latency: 100 queries (words and two-word phrases taken from the corpus) against the
   ``extract`` database, p50 and p95 in milliseconds;
4. database size per article, and the peak memory (``ru_maxrss``) of the main process and of
   the largest worker.

Each ingest runs in its own subprocess, so the peak memory of one does not hide another.
No assertion about speed is made: this prints figures for people.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "news-sample" / "bbc"
OUTLETS = ("The Harbour Post", "Calder Standard", "Northwire", "The Meridian Review", "Lakeshore Evening Post")


def paragraphs() -> list[str]:
    found: list[str] = []
    for path in sorted(DATA.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [p.strip() for p in text.split("\n\n")[1:] if len(p.strip()) > 80]
    return found


def generate(folder: Path, n: int, seed: int = 7) -> None:
    pool = paragraphs()
    rng = random.Random(seed)
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(rng.sample(pool, rng.randint(4, 9)))
        headline = " ".join(body.split()[:8]).rstrip(".,;:")
        outlet = OUTLETS[i % len(OUTLETS)]
        (sub / f"a{i:06d}.txt").write_text(f"{outlet}\n\n{headline}\n\n{body}\n", encoding="utf-8")


def child(mode: str, folder: str, db: str, workers: int, n: int) -> dict[str, Any]:
    """Runs in a subprocess: one ingest (or one storeless analysis) and its figures."""
    from wiretrace.batch.ingest import IngestOptions, ingest  # noqa: PLC0415
    from wiretrace.batch.runner import Job, run_jobs  # noqa: PLC0415
    from wiretrace.sources.ingest import ingest_inputs, raw_hash, ref_of  # noqa: PLC0415
    from wiretrace.store import open_store  # noqa: PLC0415

    files = sorted(str(p) for p in Path(folder).rglob("*.txt"))[:n]
    start = time.perf_counter()
    if mode == "nostore":
        jobs = (
            Job(ref=ref_of(i), name=i.name, raw_hash=raw_hash(i.doc), doc=i.doc)
            for i in ingest_inputs(files)
            if not isinstance(i, Exception)
        )
        done = sum(1 for _ in run_jobs(jobs, workers=workers))
    else:
        store = open_store(db)
        stages = ("extract",) if mode == "extract" else None
        counts = ingest(files, store, IngestOptions(stages=stages, workers=workers))
        store.close()
        done = counts.new + counts.linked
    seconds = time.perf_counter() - start
    return {
        "mode": mode,
        "articles": done,
        "seconds": round(seconds, 2),
        "rate": round(done / seconds, 1),
        "peak_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def run_child(mode: str, folder: Path, db: Path, workers: int, n: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder), str(db), str(workers), str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def search_latency(db: Path, queries: int = 100, seed: int = 11) -> dict[str, float]:
    from wiretrace.store import open_store  # noqa: PLC0415

    rng = random.Random(seed)
    words = [w.strip(".,;:\"'()").lower() for p in paragraphs()[:2000] for w in p.split()]
    words = [w for w in words if len(w) > 4 and w.isalpha()]
    store = open_store(db, create=False)
    times: list[float] = []
    for i in range(queries):
        query = rng.choice(words) if i % 2 else f'"{rng.choice(words)}" OR {rng.choice(words)}'
        start = time.perf_counter()
        store.search(query, limit=20)
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * len(times)) - 1], 2)}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, folder, db, workers, n = sys.argv[2:7]
        print(json.dumps(child(mode, folder, db, int(workers), int(n))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles for the extraction-only run")
    parser.add_argument("--n-analysed", type=int, default=300, help="articles for the run with every stage")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA}: the news sample is missing — check out ../shared beside the repository")
    figures: dict[str, Any] = {"n": args.n, "n_analysed": args.n_analysed, "workers": args.workers}
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-") as tmp:
        folder, work = Path(tmp) / "corpus", Path(tmp)
        start = time.perf_counter()
        generate(folder, max(args.n, args.n_analysed))
        figures["generate_seconds"] = round(time.perf_counter() - start, 1)
        extract = run_child("extract", folder, work / "x.db", args.workers, args.n)
        extract["db_bytes_per_article"] = round((work / "x.db").stat().st_size / max(1, extract["articles"]))
        figures["extract"] = extract
        figures["search"] = search_latency(work / "x.db")
        full = run_child("full", folder, work / "f.db", args.workers, args.n_analysed)
        full["db_bytes_per_article"] = round((work / "f.db").stat().st_size / max(1, full["articles"]))
        figures["full"] = full
        bare = run_child("nostore", folder, work / "none.db", args.workers, args.n_analysed)
        figures["full_without_store"] = bare
        figures["store_overhead_pct"] = round(100 * (full["seconds"] - bare["seconds"]) / bare["seconds"], 1)
    for key, value in figures.items():
        print(f"{key:>20}: {value}")
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
