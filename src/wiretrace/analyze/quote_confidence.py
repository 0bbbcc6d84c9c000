"""How far to trust each way of finding a quote and its speaker: the confidence figures."""

from __future__ import annotations

__all__ = ["RULE_CONFIDENCE", "SPAN_CONFIDENCE", "VIA_CONFIDENCE", "attribution_confidence"]

# How often each way of finding a quote, and each way of finding its speaker, is right,
# measured on PolNeAR dev with eval/quotes_confidence.py (span: share of quotes that
# overlap a gold attribution; speaker: accuracy on matched quotes with a named speaker,
# pronoun antecedents allowed). Rules seen fewer than ~30 times are shrunk toward 0.75.
# Speakers resolved from an apposition or an institution noun are scored by hand on a
# sample, because the gold keeps the description ("the group") where we give the name.
SPAN_CONFIDENCE: dict[str, float] = {
    "marks": 0.86, "pieces": 0.98, "unclosed": 0.8, "block": 0.7, "blockquote": 0.75,
    "clause": 0.92, "object": 0.95, "parenthetical": 0.64, "conjunct": 0.75, "according": 0.96, "label": 0.7,
    "headline": 0.7,
}  # fmt: skip
RULE_CONFIDENCE: dict[str, float] = {
    "parse": 0.93, "reported": 0.86, "according": 0.83, "words-of": 0.8, "sentence": 0.77, "colon": 0.75,
    "continuation": 0.8, "noun": 0.7, "label": 0.75, "tag-after": 0.75, "surface": 0.75, "colon-any": 0.75,
    "subject": 0.8, "topic": 0.6, "headline": 0.7, "signed": 0.75,
}  # fmt: skip
VIA_CONFIDENCE: dict[str, float] = {
    "name": 1.0, "apposition": 0.95, "description": 0.85, "pronoun": 0.8, "unresolved": 0.7,
    "institution": 0.6, "title": 0.6,
}  # fmt: skip


def attribution_confidence(rule: str, via: str) -> float:
    return round(RULE_CONFIDENCE.get(rule, 0.5) * VIA_CONFIDENCE.get(via, 0.5), 2)
