"""Quotes and speakers on PolNeAR (dev): run `wiretrace analyze --jsonl` and score it.

    python eval/quotes_eval.py [--shared ../shared] [--limit N] [--json-out figures.json]

Steps: the reference scorer writes the texts as JSONL; `wiretrace analyze --jsonl … --format
jsonl --stages quotes` annotates them (the real command a researcher runs); each quote
becomes a prediction ``{"start", "end", "text", "speaker"}`` with the speaker's canonical
name; the reference scorer prints its tables. Nothing here tunes anything: it measures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles (0 = all)")
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--keep", type=Path, help="keep the analyses (JSONL) here for error analysis")
    args = parser.parse_args(argv)
    scorer = args.shared / "eval" / "quotes" / "score.py"
    gold = args.shared / "data" / "polnear"
    if not scorer.exists() or not gold.exists():
        print(f"skipped: {scorer} or {gold} is missing", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        texts, analyses, preds = work / "texts.jsonl", work / "analyses.jsonl", work / "preds.jsonl"
        run([sys.executable, str(scorer), "texts", "--split", args.split, "--gold", str(gold), "--out", str(texts)])
        if args.limit:
            lines = texts.read_text(encoding="utf-8").splitlines()[: args.limit]
            texts.write_text("\n".join(lines) + "\n", encoding="utf-8")
        wiretrace = Path(sys.executable).with_name("wiretrace")
        with analyses.open("w", encoding="utf-8") as out:
            subprocess.run(
                [str(wiretrace), "analyze", "--jsonl", str(texts), "--format", "jsonl", "--stages", "quotes"],
                stdout=out,
                check=False,
            )
        write_predictions(analyses, preds)
        if args.keep:
            args.keep.write_text(analyses.read_text(encoding="utf-8"), encoding="utf-8")
        figures = work / "figures.json"
        cmd = [sys.executable, str(scorer), "score", "--split", args.split, "--gold", str(gold)]
        run([*cmd, "--pred", str(preds), "--json", str(figures)])
        if args.json_out:
            args.json_out.write_text(figures.read_text(encoding="utf-8"), encoding="utf-8")
    return 0


def write_predictions(analyses: Path, preds: Path) -> None:
    with analyses.open(encoding="utf-8") as src, preds.open("w", encoding="utf-8") as out:
        for line in src:
            record = json.loads(line)
            quotes = [
                {
                    "start": q["start"],
                    "end": q["end"],
                    "text": q["text"],
                    "speaker": (q.get("speaker") or {}).get("name"),
                }
                for q in record.get("quotes", [])
            ]
            out.write(json.dumps({"id": record["id"], "quotes": quotes}) + "\n")


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True)


if __name__ == "__main__":
    raise SystemExit(main())
