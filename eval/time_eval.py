"""Score wiretrace's temporal expressions on the TempEval-3 dev documents.

Runs the three steps of the reference scorer (``../shared/eval/time/score.py``): write the
dev texts, tag each with :func:`wiretrace.analyze.timexes.find_timexes` anchored at its
document creation time, and score. Timexes go to the scorer as TimeML writes them
(:func:`~wiretrace.analyze.timexes.timeml_parts`): a range's two ends as two TIMEX3s, weeks
unpadded ("2000-W7" where wiretrace says "2000-W07"). Prints the scorer's table and the
speed; ``--json-out`` also writes the figures as JSON.

    python eval/time_eval.py [--shared ../shared] [--json-out figures.json] [--errors 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wiretrace.analyze.timexes import find_timexes, timeml_parts

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def _anchor(dct: str | None) -> dt.date | None:
    """The date part of a document creation time ("1998-10-25T21:00" → 1998-10-25)."""
    try:
        return dt.date.fromisoformat(dct[:10]) if dct else None
    except ValueError:
        return None


def tag(texts: Path, preds: Path) -> tuple[int, float]:
    """Write predictions for every text; return the number of documents and seconds spent."""
    docs = [json.loads(line) for line in texts.read_text(encoding="utf-8").splitlines() if line]
    out: list[str] = []
    started = time.perf_counter()
    for doc in docs:
        timexes = find_timexes(doc["text"], _anchor(doc.get("dct")))
        out.append(
            json.dumps(
                {
                    "id": doc["id"],
                    "timexes": [
                        {"start": t.span.start, "end": t.span.end, "type": str(t.type), "value": t.value}
                        for timex in timexes
                        for t in timeml_parts(timex)
                    ],
                }
            )
        )
    seconds = time.perf_counter() - started
    preds.write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(docs), seconds


def _figures(scores: dict[str, object], docs: int, seconds: float) -> dict[str, object]:
    """The headline numbers, flat, for a quality gate."""

    def get(*keys: str) -> object:
        node: object = scores
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        return node

    return {
        "strict_f1": get("strict", "F1"),
        "relaxed_f1": get("relaxed", "F1"),
        "value_f1": get("value", "F1"),
        "type_f1": get("type", "F1"),
        "value_accuracy": get("value", "accuracy"),
        "strict_p": get("strict", "P"),
        "strict_r": get("strict", "R"),
        "relaxed_p": get("relaxed", "P"),
        "relaxed_r": get("relaxed", "R"),
        "documents": docs,
        "docs_per_second": docs / seconds if seconds else None,
        "scores": scores,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("--json-out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--errors", type=int, default=0, help="print N example errors of each kind")
    parser.add_argument("--keep", type=Path, help="keep the texts and predictions in this folder")
    args = parser.parse_args(argv)
    scorer = args.shared / "eval" / "time" / "score.py"
    data = args.shared / "data" / "tempeval3-dev"
    if not scorer.is_file() or not data.is_dir():
        print(f"{args.shared}: no TempEval-3 scorer or dev data there — pass --shared", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        texts, preds, scores_json = work / "te_texts.jsonl", work / "te_preds.jsonl", work / "te_scores.json"
        common = ["--split", "dev", "--data", str(data)]
        subprocess.run([sys.executable, str(scorer), "texts", *common, "--out", str(texts)], check=True)
        docs, seconds = tag(texts, preds)
        score_cmd = [sys.executable, str(scorer), "score", *common, "--pred", str(preds), "--json", str(scores_json)]
        if args.errors:
            score_cmd += ["--errors", str(args.errors)]
        subprocess.run(score_cmd, check=True)
        scores = json.loads(scores_json.read_text(encoding="utf-8"))
    print(f"speed    {docs / seconds:.0f} documents/s ({docs} documents in {seconds:.2f} s, one core)")
    if args.json_out:
        args.json_out.write_text(json.dumps(_figures(scores, docs, seconds), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
