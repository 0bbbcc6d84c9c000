"""Score wiretrace's temporal expressions on the TempEval-3 dev documents.

Runs the three steps of the reference scorer (``../shared/eval/time/score.py``): write the
dev texts, tag each with :func:`wiretrace.analyze.timexes.find_timexes` anchored at its
document creation time, and score. Timexes go to the scorer as TimeML writes them
(:func:`~wiretrace.analyze.timexes.timeml_parts`): a range's two ends as two TIMEX3s, weeks
unpadded ("2000-W7" where wiretrace says "2000-W07"). Prints the scorer's table and the
speed; ``--json-out`` also writes the figures as JSON.

``--dump`` prints every error with its context, grouped by class (:func:`error_class`):
each relaxed match with a wrong value or type, each missed gold timex and each false
positive, the biggest classes first.

    python eval/time_eval.py [--shared ../shared] [--json-out figures.json] [--errors 20] [--dump]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from scorers import import_scorer

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


# --------------------------------------------------------------------------- error dump

_CLASSES: tuple[tuple[str, str], ...] = (
    # (class, regex on the gold or predicted text, lower case), first match wins
    (
        "anaphoric (that/next/previous/before/after)",
        r"\b(that|same|next|following|previous|before|after|earlier|later)\b",
    ),
    ("ago", r"\bago\b"),
    ("time of day", r"\d\s*[ap]\.?m|\d:\d\d|noon|midnight|o'clock"),
    ("weekday + part of day", r"(mon|tues|wednes|thurs|fri|satur|sun)day\s+(morning|afternoon|evening|night)"),
    ("weekday", r"(mon|tues|wednes|thurs|fri|satur|sun)day"),
    ("today/tonight/yesterday/tomorrow", r"today|tonight|yesterday|tomorrow"),
    ("weekend", r"weekend"),
    ("week", r"\bweek\b"),
    ("quarter/half/fiscal", r"quarter|\bhalf\b|fiscal|\bfy\d"),
    ("season", r"spring|summer|fall|autumn|winter"),
    ("decade/century", r"\d0'?s\b|decade|century"),
    ("month", r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\bmonth\b"),
    ("set", r"every|each|daily|weekly|monthly|annual|yearly|\ba (day|week|month|year)\b"),
    ("fuzzy (now/current/past/future/recent)", r"\bnow\b|current|\bpast\b|future|recent|these days"),
    ("year", r"\b1\d\d\d\b|\b20\d\d\b|\byear\b"),
    (
        "duration / bare units",
        r"years|months|weeks|days|hours|minutes|\d|one|two|three|four|five|six|seven|eight|nine|ten",
    ),
)


def error_class(text: str) -> str:
    """A coarse class for an error, from the words of its timex ("last Tuesday" → weekday)."""
    lower = text.lower()
    for name, pattern in _CLASSES:
        if re.search(pattern, lower):
            return name
    return "other"


def _scorer_module(scorer: Path) -> ModuleType:
    """The reference scorer, imported, for its gold reader and span alignment."""
    return import_scorer(scorer, "te3_score")


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    snippet = f"{text[max(0, start - width) : start]}[{text[start:end]}]{text[end : end + width]}"
    return " ".join(snippet.split())


def dump_errors(scorer: Path, data: Path, preds: Path) -> None:
    """Print every error grouped by class and kind, biggest classes first."""
    te3 = _scorer_module(scorer)
    docs: list[dict[str, Any]] = te3.load_split("dev", str(data))
    predicted, _ = te3.read_predictions(str(preds), docs)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        gold, text, dct = doc["timexes"], doc["text"], (doc["dct"] or "")[:10]
        pred = sorted(predicted.get(doc["id"], []), key=lambda x: (x["start"], x["end"]))
        pairs = te3.match_doc(gold, pred)
        for gi, pi, _strict in pairs:
            g, p = gold[gi], pred[pi]
            if g["value"] == p["value"] and g["type"] == p["type"]:
                continue
            kind = "value" if g["value"] != p["value"] else "type"
            line = (
                f"{dct} gold {g['type']} {g['value']} | ours {p['type']} {p['value']} «{text[p['start'] : p['end']]}»"
            )
            groups[f"{error_class(g['text'])} — wrong {kind}"].append(
                f"{line} | {_context(text, g['start'], g['end'])}"
            )
        for gi in set(range(len(gold))) - {gi for gi, _, _ in pairs}:
            g = gold[gi]
            line = f"{dct} gold {g['type']} {g['value']} | {_context(text, g['start'], g['end'])}"
            groups[f"{error_class(g['text'])} — missed"].append(line)
        for pi in set(range(len(pred))) - {pi for _, pi, _ in pairs}:
            p = pred[pi]
            line = f"{dct} ours {p['type']} {p['value']} | {_context(text, p['start'], p['end'])}"
            groups[f"{error_class(text[p['start'] : p['end']])} — false positive"].append(line)
    total = sum(len(lines) for lines in groups.values())
    print(f"\n== {total} errors in {len(groups)} classes")
    for name, lines in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"\n-- {name}: {len(lines)}")
        for line in lines:
            print(f"   {line}")


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
    parser.add_argument("--dump", action="store_true", help="print every error, grouped by class")
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
        if args.dump:
            dump_errors(scorer, data, preds)
    print(f"speed    {docs / seconds:.0f} documents/s ({docs} documents in {seconds:.2f} s, one core)")
    if args.json_out:
        args.json_out.write_text(json.dumps(_figures(scores, docs, seconds), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
