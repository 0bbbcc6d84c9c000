"""The quality gate's rules (``eval/run.py``) on made-up figures: fast, no data needed.

The figures themselves are measured by ``make eval`` (minutes, on ``../shared/data``), not
here; only the bundled examples are checked by the test suite (``test_examples.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

FLOORS = {"quotes": {"quoted.overlap.f1": 0.80, "quoted.iou0.50.f1": 0.60}, "time": {"value_f1": 0.70}}
QUOTES_JSON = {
    "quoted": {
        "overlap": {"span": {"f1": 0.8123, "p": 0.9}, "speaker_acc": 0.66, "span+speaker": {"f1": 0.5}},
        "iou0.50": {"span": {"f1": 0.5555}},
    },
    "all": {"char_overlap": {"f1": 0.7}},
}


def test_lookup_follows_dotted_paths_keys_with_dots_and_aliases(eval_run: ModuleType) -> None:
    assert eval_run.lookup(QUOTES_JSON, "quoted.overlap.f1") == 0.8123
    assert eval_run.lookup(QUOTES_JSON, "quoted.iou0.50.f1") == 0.5555
    assert eval_run.lookup(QUOTES_JSON, "quoted.overlap.spkAcc") == 0.66
    assert eval_run.lookup(QUOTES_JSON, "quoted.overlap.f1+spk") == 0.5
    assert eval_run.lookup(QUOTES_JSON, "quoted.overlap.span.p") == 0.9
    assert eval_run.lookup(QUOTES_JSON, "all.char_overlap.f1") == 0.7
    assert eval_run.lookup({"value_f1": 0.78, "documents": 73}, "value_f1") == 0.78
    for missing in ("quoted.exact.f1", "nope", "quoted.overlap", "quoted.overlap.f1.more"):
        assert eval_run.lookup(QUOTES_JSON, missing) is None


def test_round_down_to_two_decimals(eval_run: ModuleType) -> None:
    assert eval_run.round_down(0.9019) == 0.9
    assert eval_run.round_down(0.899999) == 0.89
    assert eval_run.round_down(0.57) == 0.57  # float noise must not drop it to 0.56
    assert eval_run.round_down(1.0) == 1.0


def test_compare_marks_below_missing_and_new_figures(eval_run: ModuleType) -> None:
    measured = {
        "quotes": {"quoted.overlap.f1": 0.81, "quoted.iou0.50.f1": 0.59, "new.figure": 0.3},
        "time": {"value_f1": None},
    }
    rows = {(r.suite, r.figure): r for r in eval_run.compare(measured, FLOORS)}
    assert rows["quotes", "quoted.overlap.f1"].status == eval_run.OK
    assert rows["quotes", "quoted.iou0.50.f1"].status == eval_run.BELOW
    assert rows["quotes", "new.figure"].status == eval_run.NO_FLOOR
    assert rows["time", "value_f1"].status == eval_run.MISSING
    assert [r.figure for r in rows.values() if r.failed] == ["quoted.iou0.50.f1", "value_f1"]


def test_equal_to_the_floor_passes(eval_run: ModuleType) -> None:
    [row] = eval_run.compare({"time": {"value_f1": 0.70}}, FLOORS)
    assert not row.failed


def test_raise_floors_only_raises(eval_run: ModuleType) -> None:
    measured = {"quotes": {"quoted.overlap.f1": 0.8567, "quoted.iou0.50.f1": 0.41}, "time": {"value_f1": None}}
    updated, changes = eval_run.new_floors(FLOORS, measured, allow_regression=False)
    assert updated["quotes"] == {"quoted.overlap.f1": 0.85, "quoted.iou0.50.f1": 0.60}
    assert updated["time"] == {"value_f1": 0.70}  # not measured: kept
    assert changes == ["quotes.quoted.overlap.f1: 0.80 -> 0.85"]
    assert FLOORS["quotes"]["quoted.overlap.f1"] == 0.80  # the input is not changed in place


def test_a_gain_below_the_rounding_changes_nothing(eval_run: ModuleType) -> None:
    updated, changes = eval_run.new_floors(FLOORS, {"quotes": {"quoted.overlap.f1": 0.8099}}, allow_regression=False)
    assert updated == FLOORS
    assert changes == []


def test_allow_regression_sets_floors_to_the_measured_values(eval_run: ModuleType) -> None:
    measured = {"quotes": {"quoted.overlap.f1": 0.8567, "quoted.iou0.50.f1": 0.41}}
    updated, changes = eval_run.new_floors(FLOORS, measured, allow_regression=True)
    assert updated["quotes"] == {"quoted.overlap.f1": 0.85, "quoted.iou0.50.f1": 0.41}
    assert "quotes.quoted.iou0.50.f1: 0.60 -> 0.41" in changes
    assert not [r for r in eval_run.compare(measured, updated) if r.failed]


def test_a_new_figure_gets_a_floor(eval_run: ModuleType) -> None:
    updated, changes = eval_run.new_floors(FLOORS, {"extraction": {"body_f1": 0.9713}}, allow_regression=False)
    assert updated["extraction"] == {"body_f1": 0.97}
    assert changes == ["extraction.body_f1: - -> 0.97"]


def test_floors_file_round_trips(eval_run: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    eval_run.write_floors(FLOORS, path)
    assert eval_run.read_floors(path) == FLOORS


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["--allow-regression"], "only goes with --raise-floors"),
        (["--only", "quotes,vibes"], "unknown suite vibes"),
    ],
)
def test_usage_errors(eval_run: ModuleType, argv: list[str], problem: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        eval_run.parse_args(argv)
    assert exit_info.value.code == 2
    assert problem in capsys.readouterr().err


def test_the_real_floors_file(eval_run: ModuleType) -> None:
    floors = json.loads(eval_run.FLOORS.read_text(encoding="utf-8"))
    assert {"quotes", "time", "extraction", "examples"} <= set(floors) <= set(eval_run.SUITES)
    for suite, figures in floors.items():
        assert figures, f"{suite} has no floors"
        for name, value in figures.items():
            assert 0 <= value <= 1, f"{suite}.{name} = {value}"
            assert round(value, 2) == value, f"{suite}.{name} = {value}: floors have two decimals"
