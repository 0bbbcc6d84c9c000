"""Score wiretrace on the bundled examples against their hand-checked expectations.

    python eval/examples_eval.py [--verbose] [--json-out figures.json]

`examples/expected/<name>.json` says what a careful editor reads off each article (see
`examples/README.md`). This script runs the full pipeline on every example and reports, per
example and overall: metadata fields right, quote recall (any overlap with the expected
text), speaker accuracy on found quotes, scare quotes and titles wrongly reported as quotes,
disputes found, and temporal values right. `tests/test_examples.py` checks the overall figures
against the floors in `eval/floors.json`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
METADATA = ("outlet", "headline", "authors", "published", "source", "tags")
_TITLES = re.compile(r"^(?:mr|mrs|ms|dr|sen|gov|rep|president|minister|the)\.?\s+", re.IGNORECASE)


def example_files() -> list[Path]:
    """Every example with an expectation, except the JSONL corpus (scored by id)."""
    return sorted(
        p
        for p in EXAMPLES.iterdir()
        if p.suffix in {".txt", ".html"} and (EXAMPLES / "expected" / f"{p.stem}.json").exists()
    )


def analyze(paths: list[Path]) -> dict[str, dict[str, Any]]:
    from wiretrace.analyze_api import analyze_inputs  # noqa: PLC0415 - keep --help fast
    from wiretrace.output.serialize import analysis_to_dict  # noqa: PLC0415

    out: dict[str, dict[str, Any]] = {}
    for path, result in zip(paths, analyze_inputs([str(p) for p in paths]), strict=True):
        if isinstance(result, Exception):
            raise SystemExit(f"{path}: {result}")
        out[path.stem] = analysis_to_dict(result)
    return out


def _norm_name(name: str | None) -> str:
    if not name:
        return ""
    name = re.sub(r"[’']s\b", "", name.split(",")[0]).strip().lower()
    return _TITLES.sub("", name)


def speaker_matches(predicted: str | None, expected: str | None) -> bool:
    """Equal names, equal surnames, or (unnamed sources) the same head noun."""
    p, e = _norm_name(predicted), _norm_name(expected)
    if not p or not e:
        return p == e
    if p == e or p.split()[-1] == e.split()[-1]:
        return True
    return e in p or p in e


def score_one(analysis: dict[str, Any], expected: dict[str, Any]) -> Counter[str]:
    c: Counter[str] = Counter()
    article = analysis["article"]
    for field in METADATA:
        if field not in expected:
            continue
        c["meta_total"] += 1
        if _same_meta(field, article.get(field), expected[field], expected.get("published_bounds")):
            c["meta_right"] += 1
        else:
            c[f"meta_wrong:{field}"] += 1
    body = article["body"]
    quotes = analysis.get("quotes", [])
    for exp in expected.get("quotes", []):
        if exp.get("nested_in"):
            continue  # a quote inside a block quote is part of it, not a quote of its own
        kind = exp.get("kind", "direct")
        c[f"quotes_{kind}"] += 1
        at = body.find(exp["text"])
        if at < 0:
            c["quotes_not_in_body"] += 1
            continue
        found = [q for q in quotes if q["start"] < at + len(exp["text"]) and at < q["end"]]
        if not found:
            continue
        c[f"found_{kind}"] += 1
        if any(speaker_matches((q.get("speaker") or {}).get("name"), exp.get("speaker")) for q in found):
            c[f"speaker_{kind}"] += 1
    for text in expected.get("not_quotes", []):
        at = body.find(text)
        if at < 0:
            continue
        c["not_quotes"] += 1
        if any(
            q["start"] <= at and at + len(text) <= q["end"] + 1 and q["end"] - q["start"] <= len(text) + 2
            for q in quotes
        ):
            c["not_quotes_reported"] += 1
    c.update(_disputes(analysis, expected))
    c.update(_timexes(analysis, expected))
    return c


def _same_meta(field: str, got: Any, want: Any, bounds: list[str] | None = None) -> bool:
    if field == "published" and bounds and got:
        return bool(bounds[0] <= got <= bounds[1])  # an inferred date within the editor's bounds
    if field == "source":
        if want is None or got is None:
            return want is None and got is None
        return _norm_name(got.get("outlet")) == _norm_name(want.get("outlet"))
    if field in {"authors", "tags"}:
        return [str(x).casefold() for x in got or []] == [str(x).casefold() for x in want or []]
    return (got or None) == (want or None)


def _disputes(analysis: dict[str, Any], expected: dict[str, Any]) -> Counter[str]:
    c: Counter[str] = Counter()
    claims = {cl["id"]: cl for cl in analysis.get("claims", [])}
    found = [
        (
            (claims.get(d["claim"], {}).get("speaker") or {}).get("name"),
            (claims.get(d["counter"], {}).get("speaker") or {}).get("name"),
        )
        for d in analysis.get("disputes", [])
    ]
    for exp in expected.get("disputes", []):
        c["disputes"] += 1
        if any(
            speaker_matches(a, exp.get("claim_speaker")) and speaker_matches(b, exp.get("counter_speaker"))
            for a, b in found
        ):
            c["disputes_found"] += 1
    c["disputes_predicted"] += len(found)
    return c


def _timexes(analysis: dict[str, Any], expected: dict[str, Any]) -> Counter[str]:
    c: Counter[str] = Counter()
    body = analysis["article"]["body"]
    timexes = analysis.get("timexes", [])
    for exp in expected.get("timexes", []):
        at = body.find(exp["text"])
        if at < 0:
            continue
        c["timexes"] += 1
        hits = [t for t in timexes if t["start"] < at + len(exp["text"]) and at < t["end"]]
        if hits:
            c["timexes_found"] += 1
            if any(t["value"] == exp.get("value") for t in hits):
                c["timexes_value"] += 1
    return c


def figures(total: Counter[str]) -> dict[str, float]:
    def ratio(a: str, b: str) -> float:
        return round(total[a] / total[b], 3) if total[b] else 1.0

    quotes = sum(total[f"quotes_{k}"] for k in ("direct", "block", "indirect"))
    found = sum(total[f"found_{k}"] for k in ("direct", "block", "indirect"))
    speakers = sum(total[f"speaker_{k}"] for k in ("direct", "block", "indirect"))
    return {
        "metadata_accuracy": ratio("meta_right", "meta_total"),
        "direct_quote_recall": ratio("found_direct", "quotes_direct"),
        "block_quote_recall": ratio("found_block", "quotes_block"),
        "indirect_quote_recall": ratio("found_indirect", "quotes_indirect"),
        "quote_recall": round(found / quotes, 3) if quotes else 1.0,
        "speaker_accuracy": round(speakers / found, 3) if found else 1.0,
        "direct_speaker_accuracy": ratio("speaker_direct", "found_direct"),
        "scare_quote_rejection": round(1 - ratio("not_quotes_reported", "not_quotes"), 3),
        "dispute_recall": ratio("disputes_found", "disputes"),
        "timex_recall": ratio("timexes_found", "timexes"),
        "timex_value_accuracy": ratio("timexes_value", "timexes"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each example's counts")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)
    paths = example_files()
    analyses = analyze(paths)
    total: Counter[str] = Counter()
    for path in paths:
        expected = json.loads((EXAMPLES / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
        counts = score_one(analyses[path.stem], expected)
        total.update(counts)
        if args.verbose:
            wrong = ", ".join(k.split(":", 1)[1] for k in counts if k.startswith("meta_wrong:")) or "-"
            print(f"{path.name:28} {json.dumps(figures(counts))}  metadata wrong: {wrong}")
    result = figures(total)
    print(f"examples ({len(paths)} articles)")
    for name, value in result.items():
        print(f"  {name:24} {value:.3f}")
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
