"""The stance of a text toward a claim: supports, disputes, reports or unrelated — never a verdict.

A small gradient-boosted tree ensemble over the features of :mod:`wiretrace.stance.features`,
stored as plain JSON (``weights.json``: thresholds and leaf values, no pickle) and evaluated
here with numpy: the trees are laid out as flat arrays and walked all at once, a few array
steps per pair rather than a walk of 1,200 tree objects.
``eval/stance_train.py`` writes the file; how it was trained and how well it does
on pairs it has not seen is in ``docs/stance.md``.

The evidence is a span of the text: the sentence that matches the claim best, or — for
``disputes`` — the best-matching sentence that carries a refutation or denial cue.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np

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


class _Forest:
    """The trees as flat arrays, every tree evaluated at once: a node's children are looked up for
    all 1,200 trees together (a leaf is its own child, so ``depth`` steps reach every leaf), and
    each class's leaf values are added up in round order after its baseline — a running sum, the
    same float additions in the same order as a loop over the trees. The split nodes come first,
    so that a call compares only them (about half the nodes) and copies the leaves' own links."""

    def __init__(self, rounds: Sequence[Sequence[Mapping[str, Sequence[Any]]]], baseline: Sequence[float]) -> None:
        splits: list[tuple[int, float, int, int]] = []  # feature, threshold, left, right (old numbers)
        leaves: list[float] = []  # values
        place: list[int] = []  # old node number → i for the i-th split, ~i for the i-th leaf
        roots: list[list[int]] = [[] for _ in baseline]  # per class, in round order (old numbers)
        self.depth = 0
        for per_class in rounds:
            for k, tree in enumerate(per_class):
                first = len(place)
                roots[k].append(first)
                self.depth = max(self.depth, _depth(tree))
                for node, f in enumerate(tree["feature"]):
                    if f < 0:
                        place.append(~len(leaves))
                        leaves.append(float(tree["value"][node]))
                    else:
                        place.append(len(splits))
                        splits.append(
                            (
                                int(f),
                                float(tree["threshold"][node]),
                                first + int(tree["left"][node]),
                                first + int(tree["right"][node]),
                            )
                        )
        n_splits = len(splits)

        def new(old: int) -> int:  # a split keeps its rank; a leaf comes after every split
            at = place[old]
            return at if at >= 0 else n_splits + ~at

        self.feature = np.array([s[0] for s in splits], dtype=np.intp)
        self.threshold = np.array([s[1] for s in splits], dtype=np.float64)
        self.left = np.array([new(s[2]) for s in splits], dtype=np.intp)
        self.right = np.array([new(s[3]) for s in splits], dtype=np.intp)
        self.leaves = np.arange(n_splits, n_splits + len(leaves), dtype=np.intp)  # a leaf is its own child
        self.value = np.concatenate((np.zeros(n_splits), np.array(leaves, dtype=np.float64)))
        self.roots = np.array([new(r) for per_class in roots for r in per_class], dtype=np.intp)  # class-major
        self.baseline = np.array(baseline, dtype=np.float64)
        self.shape = (len(baseline), len(rounds))

    def __call__(self, x: tuple[float, ...]) -> list[float]:
        """Raw score per class: its baseline plus its trees' leaf values."""
        went = np.where(np.array(x, dtype=np.float64)[self.feature] <= self.threshold, self.left, self.right)
        child = np.concatenate((went, self.leaves))
        node = self.roots
        for _ in range(self.depth):
            node = child[node]
        sums = np.empty((self.shape[0], self.shape[1] + 1), dtype=np.float64)
        sums[:, 0] = self.baseline
        sums[:, 1:] = self.value[node].reshape(self.shape)
        raw: list[float] = np.add.accumulate(sums, axis=1)[:, -1].tolist()
        return raw


def _depth(tree: Mapping[str, Sequence[Any]], node: int = 0) -> int:
    if tree["feature"][node] < 0:
        return 0
    return 1 + max(_depth(tree, int(tree["left"][node])), _depth(tree, int(tree["right"][node])))


class StanceModel:
    """A tree ensemble read from its JSON weights."""

    def __init__(self, weights: dict[str, Any]) -> None:
        if tuple(weights["features"]) != FEATURE_NAMES:
            raise ValueError("stance weights were trained on other features — retrain with eval/stance_train.py")
        self.version: str = weights["version"]
        self.labels = tuple(StanceLabel(c) for c in weights["classes"])
        self.baseline: list[float] = weights["baseline"]
        self.log_priors = [math.log(p) for p in weights["priors"]]
        self._raw = _Forest(weights["trees"], self.baseline)

    def probabilities(self, x: tuple[float, ...]) -> list[float]:
        raw = [r + p for r, p in zip(self._raw(x), self.log_priors, strict=True)]
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
