"""The stance of a text toward a claim: supports, disputes, reports or unrelated — never a verdict.

A small gradient-boosted tree ensemble over the features of :mod:`wiretrace.stance.features`,
stored as plain JSON (``weights.json``: thresholds and leaf values, no pickle) and evaluated
here in pure Python. ``eval/stance_train.py`` writes the file; how it was trained and how well
it does on pairs it has not seen is in ``docs/stance.md``.

The evidence is a span of the text: the sentence that matches the claim best, or — for
``disputes`` — the best-matching sentence that carries a refutation or denial cue.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

from wiretrace.model import Span
from wiretrace.stance.features import FEATURE_NAMES, Pair, featurize, has_refutation

__all__ = ["Stance", "StanceLabel", "StanceModel", "default_model", "stance_of"]


class StanceLabel(StrEnum):
    SUPPORTS = "supports"  # asserts or repeats the claim as true (FNC-1 agree)
    DISPUTES = "disputes"  # contradicts or debunks it (disagree)
    REPORTS = "reports"  # reports it without taking a side (discuss)
    UNRELATED = "unrelated"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    label: StanceLabel
    score: float  # the model's probability of ``label``
    evidence: Span  # into the text scored
    probabilities: tuple[tuple[StanceLabel, float], ...] = ()


class _Tree:
    __slots__ = ("feature", "left", "right", "threshold", "value")

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.feature: list[int] = data["feature"]
        self.threshold: list[float] = data["threshold"]
        self.left: list[int] = data["left"]
        self.right: list[int] = data["right"]
        self.value: list[float] = data["value"]

    def __call__(self, x: tuple[float, ...]) -> float:
        node = 0
        feature = self.feature
        while (f := feature[node]) >= 0:
            node = self.left[node] if x[f] <= self.threshold[node] else self.right[node]
        return self.value[node]


class StanceModel:
    """A tree ensemble read from its JSON weights."""

    def __init__(self, weights: dict[str, Any]) -> None:
        if tuple(weights["features"]) != FEATURE_NAMES:
            raise ValueError("stance weights were trained on other features — retrain with eval/stance_train.py")
        self.version: str = weights["version"]
        self.labels = tuple(StanceLabel(c) for c in weights["classes"])
        self.baseline: list[float] = weights["baseline"]
        self.log_priors = [math.log(p) for p in weights["priors"]]
        self.rounds = [[_Tree(t) for t in per_class] for per_class in weights["trees"]]

    def probabilities(self, x: tuple[float, ...]) -> list[float]:
        raw = list(self.baseline)
        for per_class in self.rounds:
            for k, tree in enumerate(per_class):
                raw[k] += tree(x)
        raw = [r + p for r, p in zip(raw, self.log_priors, strict=True)]
        top = max(raw)
        exp = [math.exp(r - top) for r in raw]
        total = sum(exp)
        return [e / total for e in exp]

    def predict(self, claim: str, text: str) -> Stance:
        pair = featurize(claim, text)
        probs = self.probabilities(pair.features)
        k = max(range(len(probs)), key=probs.__getitem__)
        label = self.labels[k]
        return Stance(
            label=label,
            score=round(probs[k], 4),
            evidence=evidence_span(text, pair, label),
            probabilities=tuple((lab, round(p, 4)) for lab, p in zip(self.labels, probs, strict=True)),
        )


def evidence_span(text: str, pair: Pair, label: StanceLabel) -> Span:
    """The best-matching sentence; for a dispute, the best one of the top three with a cue."""
    best = [pair.sentences[i] for i in pair.best[:3]]
    chosen = best[0]
    if label == StanceLabel.DISPUTES:
        chosen = next((s for s in best if has_refutation(text[s.start : s.end])), chosen)
    return Span(chosen.start, chosen.end)


@cache
def default_model() -> StanceModel:
    """The model shipped with wiretrace (``wiretrace/stance/weights.json``)."""
    raw = files("wiretrace.stance").joinpath("weights.json").read_text(encoding="utf-8")
    return StanceModel(json.loads(raw))


def stance_of(claim: str, text: str) -> Stance:
    """The stance of ``text`` toward ``claim`` with the shipped model."""
    return default_model().predict(claim, text)
