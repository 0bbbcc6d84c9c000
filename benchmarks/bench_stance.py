"""Stance figures: pairs scored per second on one core, and `wiretrace check` on a large store.

    python benchmarks/bench_stance.py [--n 20000] [--pairs 3000] [--json-out stance.json]

1. ``stance``: features + model over the first ``--pairs`` FNC-1 dev pairs
   (``../shared/data/fnc1-dev`` via the reference scorer), in this one process (one core).
2. ``check``: a store of N synthetic articles — paragraphs of the FNC-1 dev bodies and the BBC
   news sample, shuffled (seeded) so no two are alike — written straight into a fresh database
   (articles, refs and the full-text index; no analysis stages), then 20 FNC-1 headlines
   checked against it: p50 / p95 / max milliseconds in process, and the wall time of one
   ``wiretrace check`` command (start-up and imports included).

No assertion about speed is made: this prints figures for people.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from wiretrace.stance.check import check_claim
from wiretrace.stance.model import default_model
from wiretrace.store import open_store
from wiretrace.store.names import article_key

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FNC = SHARED / "data" / "fnc1-dev"
BBC = SHARED / "data" / "news-sample" / "bbc"
OUTLETS = ("The Harbour Post", "Calder Standard", "Northwire", "The Meridian Review", "Lakeshore Evening Post")


def fnc_pairs(limit: int) -> list[tuple[str, str]]:
    csv.field_size_limit(10_000_000)
    with (FNC / "dev_bodies.csv").open(encoding="utf-8") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    with (FNC / "dev_stances.csv").open(encoding="utf-8") as f:
        return [(row["Headline"], bodies[row["Body ID"]]) for row in itertools.islice(csv.DictReader(f), limit)]


def bench_pairs(limit: int) -> dict[str, Any]:
    pairs = fnc_pairs(limit)
    model = default_model()
    started = time.perf_counter()
    for claim, body in pairs:
        model.predict(claim, body)
    seconds = time.perf_counter() - started
    return {"pairs": len(pairs), "seconds": round(seconds, 2), "pairs_per_second": round(len(pairs) / seconds, 1)}


def paragraphs() -> list[str]:
    found: list[str] = []
    with (FNC / "dev_bodies.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            found += [p.strip() for p in row["articleBody"].split("\n") if len(p.strip()) > 80]
    for path in sorted(BBC.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [p.strip() for p in text.split("\n\n")[1:] if len(p.strip()) > 80]
    return found


def build_store(path: Path, n: int, seed: int = 7) -> None:
    pool = paragraphs()
    rng = random.Random(seed)
    store = open_store(path)
    store.close()
    import sqlite3  # noqa: PLC0415

    conn = sqlite3.connect(path)
    now = "2024-01-01T00:00:00Z"
    with conn:
        for i in range(n):
            body = "\n\n".join(rng.sample(pool, rng.randint(4, 9)))
            aid = article_key(body)
            headline = " ".join(body.split()[:10])
            conn.execute(
                "INSERT OR IGNORE INTO articles (id, body, headline, outlet, published, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (aid, body, headline, OUTLETS[i % len(OUTLETS)], f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}", now, now),
            )
            conn.execute(
                "INSERT OR IGNORE INTO refs (ref, article_id, input, analysis_id, raw_hash, version, first_seen,"
                " updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                (f"a{i:06d}", aid, f"a{i:06d}", f"a{i:06d}", aid, now, now),
            )
    conn.close()


def bench_check(n: int) -> dict[str, Any]:
    claims = list(dict.fromkeys(claim for claim, _ in fnc_pairs(4000)))[:20]
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-stance-") as tmp:
        db = Path(tmp) / "corpus.db"
        started = time.perf_counter()
        build_store(db, n)
        built = time.perf_counter() - started
        store = open_store(db, create=False)
        conn = getattr(store, "conn")  # noqa: B009 - the SQLite store's connection
        check_claim(conn, claims[0])  # warm: model and word weights loaded
        times = []
        for claim in claims:
            t = time.perf_counter()
            check_claim(conn, claim)
            times.append((time.perf_counter() - t) * 1000)
        store.close()
        wiretrace = Path(sys.executable).with_name("wiretrace")
        t = time.perf_counter()
        subprocess.run([str(wiretrace), "check", claims[1], "--db", str(db)], check=True, capture_output=True)
        command = time.perf_counter() - t
    times.sort()
    return {
        "articles": n,
        "build_seconds": round(built, 1),
        "check_ms_p50": round(statistics.median(times), 1),
        "check_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1),
        "check_ms_max": round(times[-1], 1),
        "command_seconds": round(command, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=20000, help="articles in the store for `check`")
    parser.add_argument("--pairs", type=int, default=3000, help="FNC-1 dev pairs scored for pairs/s")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    if not FNC.is_dir():
        print(f"{FNC} is missing — check out the shared folder beside the repository", file=sys.stderr)
        return 1
    pairs = bench_pairs(args.pairs)
    print(f"stance: {pairs['pairs_per_second']} pairs/s on one core ({pairs['pairs']} FNC-1 dev pairs)")
    check = bench_check(args.n)
    print(
        f"check on {check['articles']} articles: p50 {check['check_ms_p50']} ms, p95 {check['check_ms_p95']} ms,"
        f" max {check['check_ms_max']} ms in process; `wiretrace check` command {check['command_seconds']} s"
        f" (store built in {check['build_seconds']} s)"
    )
    if args.json_out:
        args.json_out.write_text(json.dumps({"stance": pairs, "check": check}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
