"""The corpus store's figures: ingest throughput, database size, peak memory, store overhead, search latency.

    python benchmarks/bench_store.py [--n 20000] [--n-small 2000] [--n-analysed 300]
                                     [--n-overhead 150] [--repeats 3] [--workers 2] [--json-out store.json]

A synthetic corpus is generated in a temporary folder from the BBC news sample
(``../shared/data/news-sample/bbc/**/*.txt``): N plain-text articles, each an outlet line,
a headline and 4–9 paragraphs drawn (seeded) from the sample, so no two are alike. Then:

1. ``extract``: ``ingest --stages extract`` of ``--n-small`` and of ``--n`` articles on
   ``--workers`` processes, each into a fresh database, without the incremental lineage link
   (``IngestOptions(link=False)``; ``benchmarks/bench_lineage.py`` measures linking): articles/s,
   database size per article (and the kept, compressed inputs' share of it), and the peak memory
   (``ru_maxrss``) of the main process and of the largest worker. Streaming means the peaks of the
   two runs match: ten times the articles, the same memory. Then ``extract_linked``: the
   ``--n-small`` run again as ``wiretrace ingest`` does it, linking each article as it is stored.
2. ``full``: ``ingest`` with every stage of the first ``--n-analysed`` articles, into a fresh
   database, and the same analysis **without a store** (the runner alone, results dropped) —
   wall-clock articles/s of each on ``--workers`` processes.
3. ``store_overhead``: what the store adds to analysis, as **CPU time in one process** (so
   neither the other cores' load nor the pool's scheduling enters it): ``--n-overhead``
   articles are analysed with every stage (the analysis), then the outcomes are written to a
   fresh database exactly as ``ingest`` writes them (``put`` and the incremental lineage link);
   the two alternate ``--repeats`` times and the medians are compared. The wall-clock
   difference of the two runs in 2. is printed beside it but swings with the machine's load.
4. search latency: 100 queries (words and two-word phrases taken from the corpus) against the
   ``--n`` ``extract`` database, p50 and p95 in milliseconds.

Each measured run is a subprocess of its own, so the peak memory of one does not hide another.
No assertion about speed is made: this prints figures for people.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
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


def files_of(folder: str, n: int) -> list[str]:
    return sorted(str(p) for p in Path(folder).rglob("*.txt"))[:n]


def peaks() -> dict[str, float]:
    return {
        "peak_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def child_ingest(mode: str, folder: str, db: str, workers: int, n: int) -> dict[str, Any]:
    """Runs in a subprocess: one ingest (or one storeless analysis) and its figures."""
    from wiretrace.batch.ingest import IngestOptions, ingest  # noqa: PLC0415
    from wiretrace.batch.runner import Job, run_jobs  # noqa: PLC0415
    from wiretrace.sources.ingest import ingest_inputs, raw_hash, ref_of  # noqa: PLC0415
    from wiretrace.store import open_store  # noqa: PLC0415

    files = files_of(folder, n)
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
        stages = ("extract",) if mode.startswith("extract") else None
        link = mode != "extract"  # "extract": the store alone; lineage linking is bench_lineage's
        counts = ingest(files, store, IngestOptions(stages=stages, workers=workers, link=link))
        store.close()
        done = counts.new + counts.linked
    seconds = time.perf_counter() - start
    return {"mode": mode, "articles": done, "seconds": round(seconds, 2), "rate": round(done / seconds, 1), **peaks()}


def child_overhead(folder: str, work: str, n: int, repeats: int) -> dict[str, Any]:
    """Runs in a subprocess: analysis CPU time vs. store CPU time on the same articles, alternated."""
    from wiretrace.batch.runner import Job, Outcome, run_jobs  # noqa: PLC0415
    from wiretrace.link import link_new  # noqa: PLC0415
    from wiretrace.registry import build_pipeline  # noqa: PLC0415
    from wiretrace.sources.ingest import ingest_inputs, raw_hash, ref_of  # noqa: PLC0415
    from wiretrace.store import Record, open_store  # noqa: PLC0415

    items = [i for i in ingest_inputs(files_of(folder, n)) if not isinstance(i, Exception)]
    jobs = [Job(ref=ref_of(i), name=i.name, raw_hash=raw_hash(i.doc), doc=i.doc) for i in items]
    gives = {s.name: tuple(sorted(s.gives)) for s in build_pipeline(None).stages}
    list(run_jobs(jobs[:8], workers=1))  # load spaCy and build the pipeline outside the timing
    analysis: list[float] = []
    put: list[float] = []
    link: list[float] = []
    for r in range(repeats):
        start = time.process_time()
        outcomes = [o for o in run_jobs(jobs, workers=1) if isinstance(o, Outcome)]
        analysis.append(time.process_time() - start)
        store = open_store(Path(work) / f"overhead-{r}.db")
        put_s = link_s = 0.0
        for o in outcomes:
            start = time.process_time()
            stored = store.put(
                Record(ref=o.ref, input=o.name, raw_hash=o.raw_hash, data=o.data, gives=gives, raw=o.raw)
            )
            middle = time.process_time()
            link_new(store, stored.article_id)
            link_s += time.process_time() - middle
            put_s += middle - start
        store.close()
        put.append(put_s)
        link.append(link_s)
    a, p, k = statistics.median(analysis), statistics.median(put), statistics.median(link)
    return {
        "articles": len(jobs),
        "repeats": repeats,
        "analysis_cpu_s": [round(x, 2) for x in analysis],
        "put_cpu_s": [round(x, 3) for x in put],
        "link_cpu_s": [round(x, 3) for x in link],
        "analysis_ms_per_article": round(1000 * a / len(jobs), 2),
        "store_ms_per_article": round(1000 * (p + k) / len(jobs), 2),
        "overhead_pct": round(100 * (p + k) / a, 1),
        "overhead_put_pct": round(100 * p / a, 1),
        "overhead_link_pct": round(100 * k / a, 1),
    }


def run_child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def sizes(db: Path, articles: int) -> dict[str, float]:
    with sqlite3.connect(db) as conn:
        raw = conn.execute("SELECT COALESCE(SUM(LENGTH(data)), 0), COALESCE(SUM(size), 0) FROM raw_inputs").fetchone()
    n = max(1, articles)
    return {
        "db_kb_per_article": round(db.stat().st_size / n / 1024, 2),
        "kept_input_kb_per_article": round(raw[0] / n / 1024, 2),
        "kept_input_ratio": round(raw[0] / max(1, raw[1]), 2),
    }


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


def child_main(args: list[str]) -> None:
    if args[0] == "overhead":
        print(json.dumps(child_overhead(args[1], args[2], int(args[3]), int(args[4]))))
    else:
        print(json.dumps(child_ingest(args[0], args[1], args[2], int(args[3]), int(args[4]))))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles for the large extraction-only run")
    parser.add_argument("--n-small", type=int, default=2_000, help="articles for the small extraction-only run")
    parser.add_argument("--n-analysed", type=int, default=300, help="articles for the runs with every stage")
    parser.add_argument("--n-overhead", type=int, default=150, help="articles for the store-overhead measure")
    parser.add_argument("--repeats", type=int, default=3, help="alternations of analysis and store")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA}: the news sample is missing — check out ../shared beside the repository")
    figures: dict[str, Any] = {"workers": args.workers}
    w = str(args.workers)
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-") as tmp:
        folder, work = Path(tmp) / "corpus", Path(tmp)
        start = time.perf_counter()
        generate(folder, max(args.n, args.n_small, args.n_analysed, args.n_overhead))
        figures["generate_seconds"] = round(time.perf_counter() - start, 1)
        for n in sorted({args.n_small, args.n}):
            db = work / f"x{n}.db"
            extract = run_child("extract", str(folder), str(db), w, str(n))
            figures[f"extract_{n}"] = {**extract, **sizes(db, extract["articles"])}
        linked = run_child("extract+link", str(folder), str(work / "xl.db"), w, str(args.n_small))
        figures[f"extract_linked_{args.n_small}"] = {**linked, **sizes(work / "xl.db", linked["articles"])}
        figures["search"] = search_latency(work / f"x{args.n}.db")
        full = run_child("full", str(folder), str(work / "f.db"), w, str(args.n_analysed))
        figures["full"] = {**full, **sizes(work / "f.db", full["articles"])}
        bare = run_child("nostore", str(folder), str(work / "none.db"), w, str(args.n_analysed))
        figures["full_without_store"] = bare
        figures["wall_overhead_pct"] = round(100 * (full["seconds"] - bare["seconds"]) / bare["seconds"], 1)
        figures["store_overhead"] = run_child(
            "overhead", str(folder), str(work), str(args.n_overhead), str(args.repeats)
        )
    for key, value in figures.items():
        print(f"{key:>20}: {value}")
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
