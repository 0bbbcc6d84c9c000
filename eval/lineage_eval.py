"""Lineage quality on a generated republication benchmark (``eval/lineage_corpus.py``).

    python eval/lineage_eval.py [--shared ../shared] [--corpus DIR] [--originals 900] [--seed 1]
                                [--baseline] [--json-out FILE]

Generates a corpus from ``news-sample/bbc`` (or reads ``--corpus DIR`` with ``corpus.jsonl``
and ``truth.json`` from elsewhere), ingests it with ``wiretrace ingest --stages extract`` into
a temporary database — linking each article as it is stored, in shuffled order — exports
every pair with ``wiretrace lineage --export`` and scores it:

* ``pairs``: precision, recall, F1 over unordered pairs that share text;
* ``repost_recall`` (reposts, chains, near-duplicates), ``excerpt_recall`` (excerpts, teasers);
* ``passage_recall``: of the truth's shared characters (both sides) of the pairs found, the
  share inside a found passage; ``passage_precision`` the other way;
* ``follow_up_false_links``: follow-up stories (same names, no shared text) given any link;
* ``direction``: found pairs whose truth has an ancestor, oriented from it;
  ``parent``: copies whose tree parent is their true parent; ``relation``: label agreement.

``--baseline`` also scores a plain MinHash-LSH pass (datasketch, 5-word shingles, Jaccard
0.5) over whole bodies, as the issue's point of comparison.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SHARED = HERE.parents[1] / "shared"
WIRETRACE = [sys.executable, "-m", "wiretrace.cli.main"]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """Characters of ``[start, end)`` inside any of ``spans``."""
    marks = bytearray(end - start)
    for s, e in spans:
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            marks[lo - start : hi - start] = b"\x01" * (hi - lo)
    return sum(marks)


def _ancestors(parents: dict[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for node in parents:
        seen: set[str] = set()
        up = parents.get(node)
        while up and up not in seen:
            seen.add(up)
            up = parents.get(up)
        out[node] = seen
    return out


def score(found: list[dict[str, Any]], truth: dict[str, Any]) -> dict[str, Any]:
    true_pairs = {tuple(sorted((t["a"], t["b"]))): t for t in truth["pairs"]}
    got: dict[tuple[str, str], dict[str, Any]] = {}
    for f in found:
        got[(min(f["source"], f["target"]), max(f["source"], f["target"]))] = f
    tp = len(set(got) & set(true_pairs))
    figures: dict[str, Any] = {"pairs": prf(tp, len(got) - tp, len(true_pairs) - tp)}
    for name, rels in (("repost_recall", ("repost", "near-duplicate")), ("excerpt_recall", ("excerpt",))):
        wanted = [k for k, t in true_pairs.items() if t["relation"] in rels]
        figures[name] = round(sum(1 for k in wanted if k in got) / max(1, len(wanted)), 4)
    for kind in ("repost", "chain", "near-duplicate", "excerpt", "teaser"):
        ids = {i for i, k in truth["kinds"].items() if k == kind}
        wanted = [k for k in true_pairs if k[0] in ids or k[1] in ids]
        figures.setdefault("recall_by_kind", {})[kind] = round(
            sum(1 for k in wanted if k in got) / max(1, len(wanted)), 4
        )
    figures.update(_passages(got, true_pairs))
    follow = set(truth["follow_ups"])
    linked = {x for k in got if k not in true_pairs for x in k if x in follow}
    figures["follow_up_false_links"] = round(len(linked) / max(1, len(follow)), 4)
    figures.update(_direction(got, true_pairs, truth))
    figures["found_pairs"], figures["true_pairs"] = len(got), len(true_pairs)
    return figures


def _passages(got: dict[tuple[str, str], Any], true_pairs: dict[tuple[str, str], Any]) -> dict[str, float]:
    truth_chars = hit = found_chars = found_hit = 0
    for key, t in true_pairs.items():
        f = got.get(key)
        if f is None:
            continue
        a_is_source = f["source"] == key[0]
        mine_a = [
            (p["source_start"], p["source_end"]) if a_is_source else (p["target_start"], p["target_end"])
            for p in f["passages"]
        ]
        mine_b = [
            (p["target_start"], p["target_end"]) if a_is_source else (p["source_start"], p["source_end"])
            for p in f["passages"]
        ]
        theirs_a = [(s[0], s[1]) for s in t["passages"]]
        theirs_b = [(s[2], s[3]) for s in t["passages"]]
        for s, e in theirs_a:
            truth_chars += e - s
            hit += _covered(mine_a, s, e)
        for s, e in theirs_b:
            truth_chars += e - s
            hit += _covered(mine_b, s, e)
        for mine, theirs in ((mine_a, theirs_a), (mine_b, theirs_b)):
            for s, e in mine:
                found_chars += e - s
                found_hit += _covered(theirs, s, e)
    return {
        "passage_recall": round(hit / max(1, truth_chars), 4),
        "passage_precision": round(found_hit / max(1, found_chars), 4),
    }


def _direction(
    got: dict[tuple[str, str], Any], true_pairs: dict[tuple[str, str], Any], truth: dict[str, Any]
) -> dict[str, float]:
    ancestors = _ancestors(truth["parents"])
    right = total = 0
    rel_right = rel_total = 0
    for key, t in true_pairs.items():
        f = got.get(key)
        if f is None:
            continue
        rel_total += 1
        rel_right += f["relation"] == t["relation"]
        a, b = key
        if a in ancestors.get(b, set()):
            total += 1
            right += f["source"] == a
        elif b in ancestors.get(a, set()):
            total += 1
            right += f["source"] == b
    parent_of = {f["target"]: f["source"] for f in got.values() if f.get("parent")}
    copies = truth["parents"]
    parent_right = sum(1 for c, p in copies.items() if parent_of.get(c) == p)
    return {
        "direction": round(right / max(1, total), 4),
        "parent": round(parent_right / max(1, len(copies)), 4),
        "relation": round(rel_right / max(1, rel_total), 4),
    }


def baseline(corpus: Path, truth: dict[str, Any]) -> dict[str, Any]:
    """A plain MinHash-LSH pass over whole bodies (datasketch): the issue's point of comparison."""
    from datasketch import MinHash, MinHashLSH  # noqa: PLC0415

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    found: list[dict[str, Any]] = []
    for line in corpus.open(encoding="utf-8"):
        rec = json.loads(line)
        words = rec["text"].lower().split()
        m = MinHash(num_perm=128)
        for i in range(max(1, len(words) - 4)):
            m.update(" ".join(words[i : i + 5]).encode())
        for other in lsh.query(m):
            found.append({"source": other, "target": rec["id"], "relation": "repost", "passages": []})
        lsh.insert(rec["id"], m)
    figures = score(found, truth)
    return {k: figures[k] for k in ("pairs", "repost_recall", "excerpt_recall", "follow_up_false_links")}


def run(corpus_dir: Path, work: Path, workers: int) -> tuple[list[dict[str, Any]], float]:
    db, pairs = work / "lineage.db", work / "pairs.jsonl"
    started = time.perf_counter()
    corpus = str(corpus_dir / "corpus.jsonl")
    subprocess.run(
        [*WIRETRACE, "ingest", corpus, "--stages", "extract", "--db", str(db), "--workers", str(workers)],
        check=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    subprocess.run([*WIRETRACE, "lineage", "--export", str(pairs), "--db", str(db)], check=True, cwd=ROOT)
    return [json.loads(line) for line in pairs.open(encoding="utf-8")], seconds


def table(figures: dict[str, Any]) -> str:
    lines = []
    for name, value in figures.items():
        if isinstance(value, dict):
            lines.append(f"{name:<24} " + "  ".join(f"{k} {v}" for k, v in value.items()))
        else:
            lines.append(f"{name:<24} {value}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--corpus", type=Path, help="a folder with corpus.jsonl and truth.json (else generated)")
    parser.add_argument("--originals", type=int, default=900)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", action="store_true", help="also score plain MinHash-LSH (datasketch)")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wiretrace-lineage-") as tmp:
        work = Path(tmp)
        corpus_dir = args.corpus
        if corpus_dir is None:
            corpus_dir = work / "corpus"
            data = args.shared / "data" / "news-sample" / "bbc"
            cmd = [sys.executable, str(HERE / "lineage_corpus.py"), "--data", str(data), "--out", str(corpus_dir)]
            subprocess.run([*cmd, "--originals", str(args.originals), "--seed", str(args.seed)], check=True)
        truth = json.loads((corpus_dir / "truth.json").read_text(encoding="utf-8"))
        found, seconds = run(corpus_dir, work, args.workers)
        figures = score(found, truth)
        figures["articles"] = len(truth["kinds"])
        figures["ingest_and_link_seconds"] = round(seconds, 1)
        if args.baseline:
            figures["minhash_baseline"] = baseline(corpus_dir / "corpus.jsonl", truth)
    print(table(figures))
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
