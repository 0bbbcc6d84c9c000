"""Per-category error counts for quotes and speakers on PolNeAR, to see what fails.

    python eval/quotes_errors.py ANALYSES.jsonl [--shared ../shared] [--subset quoted|all] [--show 5]

ANALYSES.jsonl is what `wiretrace analyze --jsonl … --format jsonl` printed for the PolNeAR
texts (`eval/quotes_eval.py --keep FILE` writes it). Matching and speaker rules are the
reference scorer's own (it is imported, not copied): overlap mode, one-to-one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from scorers import import_scorer

ROOT = Path(__file__).resolve().parents[1]


def load_scorer(shared: Path) -> ModuleType:
    return import_scorer(shared / "eval" / "quotes" / "score.py", "polnear_score")


def category(score: ModuleType, pred: dict[str, Any], gold: dict[str, Any]) -> str:
    """Why a matched pair's speaker is wrong (or "ok"). A category ending in "(scorer)" is an
    artefact of the scorer's name match, not a wrong speaker: the gold source span is a longer
    phrase holding our name ("Governor Mary Fallin (R-OK)", "A top strategist, John Weaver,"),
    or the very mention we resolved to a name ("the board" → the board's name)."""
    p, g = pred.get("speaker"), gold["speaker"]
    if score.speaker_match(p, g, gold.get("speaker_alt")):
        return "ok"
    if g is None:
        return "speaker given, gold has none"
    if p is None:
        return "no speaker found"
    if score.is_pronoun(g):
        if _holds_name(score, p, gold.get("speaker_alt")):
            return "pronoun: the silver antecedent's span holds our name (scorer)"
        return "pronoun resolved to the wrong person"
    if _holds_name(score, p, g):
        return "wrong speaker: the gold span holds our name (scorer)"
    mention = pred.get("mention")
    start = gold.get("speaker_start")
    if mention is not None and start is not None and mention[0] <= start < mention[1]:
        return "wrong speaker: same mention, resolved to a name (scorer)"
    if p[:1].islower():
        return "description not resolved to a name"
    return "wrong speaker"


def _holds_name(score: ModuleType, pred: str, gold: str | None) -> bool:
    """Whether the gold phrase holds the predicted name's last word anywhere in it."""
    if gold is None:
        return False
    ours = score.name_tokens(pred)
    theirs = re.findall(r"[\w\-]+", gold.lower().replace("’", "'"))
    return bool(ours) and ours[-1] in theirs


def _prediction(quote: dict[str, Any]) -> dict[str, Any]:
    speaker = quote.get("speaker") or {}
    mention = speaker.get("mention")
    return {
        "start": quote["start"],
        "end": quote["end"],
        "speaker": speaker.get("name"),
        "kind": quote["kind"],
        "mention": (mention["start"], mention["end"]) if mention else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("analyses", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--subset", choices=("quoted", "all"), default="quoted")
    parser.add_argument("--show", type=int, default=5, help="examples printed per category")
    args = parser.parse_args(argv)
    score = load_scorer(args.shared)
    docs = score.load_gold(score.GoldSource(str(args.shared / "data" / "polnear")), "dev")
    counts: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    with args.analyses.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            doc = docs.get(record["id"])
            if doc is None:
                continue
            text = doc["text"]
            gold = doc["quotes"]
            pred = [_prediction(q) for q in record.get("quotes", [])]
            if args.subset == "quoted":
                gold = [g for g in gold if score.DQ.search(text[max(0, g["start"] - 1) : g["end"] + 1])]
                pred = [p for p in pred if score.DQ.search(text[max(0, p["start"] - 1) : p["end"] + 1])]
            pairs = score.match_doc(text, gold, pred, "overlap", 0.5)
            matched_g = {gi for gi, _ in pairs}
            matched_p = {pi for _, pi in pairs}
            for gi, pi in pairs:
                cat = category(score, pred[pi], gold[gi])
                counts[cat] += 1
                if cat != "ok":
                    samples[cat].append(
                        f"pred={pred[pi]['speaker']!r} gold={gold[gi]['speaker']!r}"
                        f" alt={gold[gi].get('speaker_alt')!r} :: {text[pred[pi]['start'] : pred[pi]['end']][:70]!r}"
                    )
            for pi, p in enumerate(pred):
                if pi not in matched_p:
                    counts[f"quote not in gold ({p['kind']})"] += 1
                    samples[f"quote not in gold ({p['kind']})"].append(repr(text[p["start"] : p["end"]][:90]))
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    counts["gold quote missed"] += 1
                    samples["gold quote missed"].append(f"{g['speaker']!r} :: {g['text'][:90]!r}")
    total = sum(v for k, v in counts.items() if not k.startswith(("quote not", "gold quote")))
    print(f"subset={args.subset}  matched pairs={total}")
    for name, value in counts.most_common():
        print(f"  {value:6}  {name}")
        for sample in samples.get(name, [])[: args.show]:
            print(f"            {sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
