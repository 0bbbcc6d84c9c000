"""Score wiretrace's HTML reading on the article-extraction dev pages.

Runs :func:`wiretrace.extract.read_article` over the dev pages of both sets in
``<shared>/data/article-extraction`` (scrapinghub-aeb: body text; htmldate-mediacloud-2020:
publication date), writes the predictions ``{"id", "text", "title", "author", "date"}``,
and scores them with the reference scorer ``<shared>/eval/extraction/score.py``::

    python eval/extraction_eval.py                       # tables
    python eval/extraction_eval.py --json-out figures.json
    python eval/extraction_eval.py --explain-dates        # and every wrong date with its candidates

The page URL from the gold record is passed along, as it is when wiretrace fetches a URL
(``--no-url`` leaves it out, as when reading a saved file).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from trafilatura.utils import load_html

from wiretrace.errors import InputError
from wiretrace.extract import read_article
from wiretrace.extract.encoding import decode_bytes
from wiretrace.extract.htmlmeta import read_page_meta
from wiretrace.extract.pubdate import date_evidence
from wiretrace.model import RawDocument

SETS = ("scrapinghub-aeb", "htmldate-mediacloud-2020")
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def predict(set_dir: Path, *, use_url: bool) -> tuple[list[dict[str, Any]], int]:
    """One prediction per dev page, and how many pages raised an InputError."""
    gold = json.loads((set_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = [line.strip() for line in (set_dir / "dev_ids.txt").read_text().splitlines() if line.strip()]
    preds: list[dict[str, Any]] = []
    failures = 0
    for page_id in ids:
        data = gzip.decompress((set_dir / "html" / f"{page_id}.html.gz").read_bytes())
        url = gold.get(page_id, {}).get("url") if use_url else None
        raw = RawDocument(ref=page_id, media_type="text/html", data=data, url=url)
        try:
            article = read_article(raw)
        except InputError as err:
            print(f"  {err}", file=sys.stderr)
            failures += 1
            preds.append({"id": page_id, "text": "", "title": None, "author": None, "date": None})
            continue
        preds.append(
            {
                "id": page_id,
                "text": article.body,
                "title": article.headline,
                "author": "; ".join(article.authors) or None,
                "date": article.published.isoformat() if article.published else None,
            }
        )
    return preds, failures


def score(scorer: Path, gold_dir: Path, preds_path: Path) -> dict[str, Any]:
    args = [sys.executable, str(scorer), "--gold", str(gold_dir), "--split", "dev", "--json", str(preds_path)]
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (data, eval)")
    parser.add_argument("--out", type=Path, help="folder for the predictions files (default: a temp folder)")
    parser.add_argument("--json-out", type=Path, help="write the headline figures here as JSON")
    parser.add_argument("--no-url", action="store_true", help="do not pass the page URL to the reader")
    parser.add_argument(
        "--explain-dates", action="store_true", help="list each wrong or missing date with the candidates weighed"
    )
    args = parser.parse_args(argv)
    data_dir = args.shared / "data" / "article-extraction"
    scorer = args.shared / "eval" / "extraction" / "score.py"
    if not data_dir.is_dir() or not scorer.is_file():
        parser.error(f"{args.shared}: no data/article-extraction or eval/extraction/score.py — give --shared")
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="wiretrace-extraction-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    for name in SETS:
        started = time.perf_counter()
        preds, failures = predict(data_dir / name, use_url=not args.no_url)
        seconds = time.perf_counter() - started
        preds_path = out_dir / f"{name}.predictions.jsonl"
        with preds_path.open("w", encoding="utf-8") as f:
            for pred in preds:
                f.write(json.dumps(pred, ensure_ascii=False) + "\n")
        result = score(scorer, data_dir / name, preds_path)
        result["unreadable"] = failures
        result["seconds"] = round(seconds, 1)
        results[name] = result
        _print(name, result, preds_path)
        if args.explain_dates and "date" in result:
            explain_dates(data_dir / name, preds, use_url=not args.no_url)
    figures = _figures(results)
    print("\nheadline: " + "  ".join(f"{k} {v}" for k, v in figures.items()))
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def explain_dates(set_dir: Path, preds: list[dict[str, Any]], *, use_url: bool) -> None:
    """Each page whose date is wrong or missing: gold, prediction, and every candidate."""
    gold = json.loads((set_dir / "ground-truth.json").read_text(encoding="utf-8"))
    print("  wrong or missing dates (gold -> predicted; candidates):")
    for pred in preds:
        record = gold.get(pred["id"], {})
        want = str(record.get("date"))[:10]
        if pred["date"] == want:
            continue
        data = gzip.decompress((set_dir / "html" / f"{pred['id']}.html.gz").read_bytes())
        tree = load_html(decode_bytes(data, pred["id"], html=True))
        url = record.get("url") if use_url else None
        evidence = date_evidence(tree, read_page_meta(tree), url) if tree is not None else {}
        print(f"  {pred['id']}  {want} -> {pred['date']}  {url or ''}")
        for key, value in evidence.items():
            print(f"      {key}: {value}")


def _print(name: str, result: dict[str, Any], preds_path: Path) -> None:
    print(f"\n{name}  (n={result['n_gold']}, unreadable={result['unreadable']}, {result['seconds']} s)")
    print(f"  predictions: {preds_path}")
    print(f"  {'field':<7} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} {'cov':>6}")
    if "body" in result:
        b = result["body"]
        print(f"  {'body':<7} {b['f1']:6.3f} {b['precision']:6.3f} {b['recall']:6.3f} {b['accuracy']:6.3f}")
    for field in ("title", "author", "date"):
        if field in result:
            m = result[field]
            print(
                f"  {field:<7} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f}"
                f" {m['accuracy']:6.3f} {m['coverage']:6.3f}"
            )


def _figures(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    body = results["scrapinghub-aeb"]["body"]
    date = results["htmldate-mediacloud-2020"]["date"]
    return {
        "body_f1": round(body["f1"], 4),
        "body_precision": round(body["precision"], 4),
        "body_recall": round(body["recall"], 4),
        "body_accuracy": round(body["accuracy"], 4),
        "date_accuracy": round(date["accuracy"], 4),
        "date_coverage": round(date["coverage"], 4),
        "date_f1": round(date["f1"], 4),
    }


if __name__ == "__main__":
    sys.exit(main())
