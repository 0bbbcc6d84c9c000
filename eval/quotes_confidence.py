"""Measure the confidences that quotes and speakers carry, on PolNeAR dev.

    python eval/quotes_confidence.py [--shared ../shared] [--limit N]

For each way a quote span is found (``Quote.rule`` before the slash: marks, pieces, block,
clause, according, …) it prints the share of those quotes that overlap a gold attribution
(precision, all attributions); for each way a speaker is found (attribution rule × how the
mention was resolved: name, pronoun, institution, …) the share of matched quotes whose
speaker is right under the reference scorer's rule. These are the figures behind
``SPAN_CONFIDENCE``, ``RULE_CONFIDENCE`` and ``VIA_CONFIDENCE`` in ``analyze/quote_confidence.py``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from quotes_errors import load_scorer

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    from wiretrace.model import Analysis, RawDocument  # noqa: PLC0415 - keep --help fast
    from wiretrace.registry import build_pipeline  # noqa: PLC0415

    score = load_scorer(args.shared)
    docs = score.load_gold(score.GoldSource(str(args.shared / "data" / "polnear")), "dev")
    ids = sorted(docs)[: args.limit or None]
    pipeline = build_pipeline(["quotes"])
    inputs = (
        Analysis(id=i, input=i, raw=RawDocument(ref=i, media_type="text/plain", text=docs[i]["text"])) for i in ids
    )
    spans: Counter[tuple[str, bool]] = Counter()
    speakers: Counter[tuple[str, str, bool]] = Counter()
    for result in pipeline.run_many(inputs):
        if not isinstance(result, Analysis):
            continue
        doc = docs[result.id]
        pred = [
            {"start": q.span.start, "end": q.span.end, "speaker": q.speaker.name if q.speaker else None, "q": q}
            for q in result.quotes
        ]
        pairs = dict((pi, gi) for gi, pi in score.match_doc(doc["text"], doc["quotes"], pred, "overlap", 0.5))
        for pi, p in enumerate(pred):
            how, _, rule = p["q"].rule.partition("/")
            spans[how, pi in pairs] += 1
            if pi in pairs and p["q"].speaker is not None:
                g = doc["quotes"][pairs[pi]]
                ok = score.speaker_match(p["speaker"], g["speaker"], g["speaker_alt"])
                speakers[rule, p["q"].speaker.via.value, ok] += 1
    print("span rule          quotes  precision")
    for how in sorted({h for h, _ in spans}):
        n = spans[how, True] + spans[how, False]
        print(f"  {how:16} {n:6}  {spans[how, True] / n:.3f}")
    print("\nattribution rule  via           matched  speaker accuracy")
    for rule, via in sorted({(r, v) for r, v, _ in speakers}):
        n = speakers[rule, via, True] + speakers[rule, via, False]
        print(f"  {rule:16} {via:12} {n:7}  {speakers[rule, via, True] / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
