"""The bundled examples scored against their hand-checked expectations, held to floors.

``eval/examples_eval.py`` scores each example's analysis against ``examples/expected/``;
every overall figure must be at least its floor under ``"examples"`` in ``eval/floors.json``
(floors are raised with ``python eval/run.py --only examples --raise-floors``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from wiretrace.model import Analysis
from wiretrace.output.serialize import analysis_to_dict

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example_figures(
    examples_eval: ModuleType, example_results: dict[str, list[Analysis]], examples_dir: Path
) -> dict[str, float]:
    total: Counter[str] = Counter()
    paths = examples_eval.example_files()
    assert paths, "no examples with expectations"
    for path in paths:
        [analysis] = example_results[path.name]
        expected = json.loads((examples_dir / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
        total.update(examples_eval.score_one(analysis_to_dict(analysis), expected))
    figures: dict[str, float] = examples_eval.figures(total)
    return figures


def test_every_floored_figure_is_measured(eval_run: ModuleType, example_figures: dict[str, float]) -> None:
    floors = eval_run.read_floors()["examples"]
    assert set(floors) <= set(example_figures), f"floors for unknown figures: {set(floors) - set(example_figures)}"


def test_examples_meet_their_floors(eval_run: ModuleType, example_figures: dict[str, float]) -> None:
    floors = eval_run.read_floors()
    rows = eval_run.compare({"examples": example_figures}, {"examples": floors["examples"]})
    below = [f"{r.figure}: {r.measured:.3f} < floor {r.floor:.2f}" for r in rows if r.status == eval_run.BELOW]
    assert not below, "below the floor (see `python eval/examples_eval.py --verbose`):\n  " + "\n  ".join(below)
