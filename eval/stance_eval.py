"""Score ``wiretrace stance`` on the FNC-1 dev slice with the reference scorer.

Runs ``score.py pairs`` → ``wiretrace stance --jsonl`` → ``score.py score`` and prints the
scorer's figures and the speed. ``--json-out`` writes them, beside the held-out figures.

**Read the figures right.** The shipped model was trained on this very dev slice, so the
``dev_in_sample`` figures are training-set figures, not a measure of quality. The figure that
says how the model does on pairs it has not seen is ``held_out``: story-grouped
cross-validation (headline and body both unseen), computed by ``eval/stance_train.py`` when
the weights were written and stored in them.

    python eval/stance_eval.py [--shared ../shared] [--json-out figures.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parents[1] / "shared"
WIRETRACE = Path(sys.executable).with_name("wiretrace")


def run(shared: Path, work: Path) -> dict[str, Any]:
    score = shared / "eval" / "disputes" / "score.py"
    data = shared / "data" / "fnc1-dev"
    pairs, preds = work / "pairs.jsonl", work / "preds.jsonl"
    subprocess.run(
        [sys.executable, str(score), "pairs", "--split", "dev", "--data", str(data), "--out", str(pairs)], check=True
    )
    started = time.perf_counter()
    with preds.open("w", encoding="utf-8") as out:
        subprocess.run([str(WIRETRACE), "stance", "--jsonl", str(pairs)], stdout=out, check=True)
    seconds = time.perf_counter() - started
    labelled = work / "labels.jsonl"
    with labelled.open("w", encoding="utf-8") as out:
        for line in preds.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out.write(json.dumps({"id": row["id"], "label": row["stance"]}) + "\n")
    done = subprocess.run(
        [sys.executable, str(score), "score", "--split", "dev", "--data", str(data), "--pred", str(labelled), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, Any] = json.loads(done.stdout)
    figures["pairs_per_second"] = round(figures["n"] / seconds, 1)
    return figures


def held_out() -> dict[str, Any]:
    weights = json.loads(files("wiretrace.stance").joinpath("weights.json").read_text(encoding="utf-8"))
    cv: dict[str, Any] = weights.get("cross_validation", {})
    return cv


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wiretrace-stance-") as tmp:
        dev = run(args.shared, Path(tmp))
    cv = held_out()
    per = dev.get("per_class", {})
    print("FNC-1 dev, in sample (the model was trained on these pairs — not a quality figure):")
    print(
        f"  macro-F1 {dev['macro_f1']:.3f}  disputes F1 {per.get('disagree', {}).get('f1', 0):.3f}"
        f"  FNC score {dev['fnc_relative']:.3f}  accuracy {dev['accuracy']:.3f}"
        f"  ({dev['n']} pairs, {dev['pairs_per_second']} pairs/s through the CLI)"
    )
    if cv:
        print(f"held out ({cv.get('protocol')}):")
        print(f"  macro-F1 {cv['macro_f1']:.3f}  " + "  ".join(f"{k} F1 {v:.3f}" for k, v in cv["f1"].items()))
    figures = {
        "held_out": {"macro_f1": cv.get("macro_f1"), "disputes_f1": cv.get("f1", {}).get("disputes")},
        "dev_in_sample": {
            "macro_f1": dev["macro_f1"],
            "disputes_f1": per.get("disagree", {}).get("f1"),
            "fnc_relative": dev["fnc_relative"],
            "accuracy": dev["accuracy"],
        },
        "pairs_per_second": dev["pairs_per_second"],
    }
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
