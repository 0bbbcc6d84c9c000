"""The quality gate: run every eval, compare each figure with its floor in ``eval/floors.json``.

    python eval/run.py [--shared ../shared] [--only quotes,time,extraction,examples]
                       [--raise-floors [--allow-regression]]

Each eval script (``quotes_eval.py``: PolNeAR quotes and speakers; ``time_eval.py``: TempEval-3
dev; ``extraction_eval.py``: article-extraction dev; ``examples_eval.py``: the bundled
examples) runs with ``--json-out`` into a temporary folder and prints its own table. Then a
summary ``figure | measured | floor | status`` is printed, and the exit status is 1 if any
figure is below its floor or could not be measured.

Floors only go up on their own: ``--raise-floors`` writes every measured figure that beats
its floor (rounded down to two decimals) back to ``floors.json``. Lowering a floor takes
``--raise-floors --allow-regression``, which sets every floor to what was measured: quality
goes down only on purpose, and the diff of ``floors.json`` says by how much.

A floor's name is a path into the figures JSON its script writes, with ``.`` between keys
(a key with a dot in it, like ``iou0.50``, is matched whole). For the quotes scorer's
nested tables, ``f1``/``p``/``r`` stand for ``span.f1``…, ``spkAcc`` for ``speaker_acc`` and
``f1+spk`` for ``span+speaker.f1``: ``quoted.overlap.f1`` is the span F1 of the quoted subset
with overlap matching.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FLOORS = HERE / "floors.json"
DEFAULT_SHARED = HERE.parents[1] / "shared"

# suite name -> (script, whether it takes --shared)
SUITES: dict[str, tuple[str, bool]] = {
    "quotes": ("quotes_eval.py", True),
    "time": ("time_eval.py", True),
    "extraction": ("extraction_eval.py", True),
    "examples": ("examples_eval.py", False),
    "lineage": ("lineage_eval.py", True),
    "stance": ("stance_eval.py", True),
}
ALIASES: dict[str, tuple[str, ...]] = {
    "f1": ("span", "f1"),
    "p": ("span", "p"),
    "r": ("span", "r"),
    "spkAcc": ("speaker_acc",),
    "f1+spk": ("span+speaker", "f1"),
}

OK, BELOW, MISSING, NO_FLOOR = "ok", "BELOW", "NOT MEASURED", "no floor"

Floors = dict[str, dict[str, float]]
Measured = dict[str, dict[str, float | None]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    suite: str
    figure: str
    measured: float | None
    floor: float | None
    status: str

    @property
    def failed(self) -> bool:
        return self.status in {BELOW, MISSING}


# --------------------------------------------------------------------------- the rules


def round_down(value: float) -> float:
    """A floor for a measured value: rounded down to two decimals (0.9019 -> 0.9)."""
    return math.floor(value * 100 + 1e-9) / 100


def lookup(figures: Any, name: str) -> float | None:
    """The figure called ``name`` (a dotted path, see the module doc) in a figures JSON."""
    node = figures
    rest = name
    while rest:
        if not isinstance(node, Mapping):
            return None
        key = _longest_key(node, rest)
        if key is None:
            head, _, tail = rest.partition(".")
            if head not in ALIASES or tail:
                return None
            return lookup(node, ".".join(ALIASES[head]))
        node = node[key]
        rest = rest[len(key) + 1 :]
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


def _longest_key(node: Mapping[str, Any], rest: str) -> str | None:
    for key in sorted(node, key=len, reverse=True):
        if rest == key or rest.startswith(key + "."):
            return key
    return None


def measure(floors: Floors, results: Mapping[str, Any]) -> Measured:
    """Every floored figure of each suite that ran, looked up in that suite's figures JSON."""
    return {
        suite: {name: lookup(results[suite], name) for name in names}
        for suite, names in floors.items()
        if suite in results
    }


def compare(measured: Measured, floors: Floors) -> list[Row]:
    """One row per figure: ok, BELOW its floor, NOT MEASURED, or (a new figure) no floor."""
    rows = []
    for suite, figures in measured.items():
        suite_floors = floors.get(suite, {})
        for name, value in figures.items():
            floor = suite_floors.get(name)
            if value is None:
                status = MISSING
            elif floor is None:
                status = NO_FLOOR
            else:
                status = OK if value >= floor else BELOW
            rows.append(Row(suite=suite, figure=name, measured=value, floor=floor, status=status))
    return rows


def new_floors(floors: Floors, measured: Measured, *, allow_regression: bool) -> tuple[Floors, list[str]]:
    """Floors after ``--raise-floors``, and one line per change.

    A floor moves to the measured value rounded down to two decimals when that is higher;
    with ``allow_regression`` it moves there whether higher or lower. A figure that was not
    measured keeps its floor.
    """
    updated = {suite: dict(names) for suite, names in floors.items()}
    changes = []
    for suite, figures in measured.items():
        for name, value in figures.items():
            if value is None:
                continue
            old = updated.setdefault(suite, {}).get(name)
            new = round_down(value)
            if old is None or new > old or (allow_regression and new != old):
                updated[suite][name] = new
                changes.append(f"{suite}.{name}: {'-' if old is None else f'{old:.2f}'} -> {new:.2f}")
    return updated, changes


def read_floors(path: Path = FLOORS) -> Floors:
    data: Floors = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_floors(floors: Floors, path: Path = FLOORS) -> None:
    path.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- running


def run_suites(names: Sequence[str], shared: Path, work: Path) -> dict[str, Any]:
    """Run each eval script, its table on stdout; the figures JSON of each that wrote one."""
    results: dict[str, Any] = {}
    for name in names:
        script, takes_shared = SUITES[name]
        out = work / f"{name}.json"
        cmd = [sys.executable, str(HERE / script), "--json-out", str(out)]
        if takes_shared:
            cmd += ["--shared", str(shared)]
        print(f"\n== {name}: {' '.join(cmd[1:])}", flush=True)
        done = subprocess.run(cmd, check=False)
        if done.returncode != 0:
            print(f"{script} exited with status {done.returncode}", file=sys.stderr)
        if out.is_file():
            results[name] = json.loads(out.read_text(encoding="utf-8"))
        else:
            print(f"{script} wrote no figures — is the shared data at {shared}?", file=sys.stderr)
    return results


def summary(rows: Sequence[Row]) -> str:
    def num(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    width = max([len("figure"), *(len(f"{r.suite}.{r.figure}") for r in rows)])
    lines = [f"{'figure':<{width}}  {'measured':>8}  {'floor':>6}  status"]
    lines.append(f"{'-' * width}  {'-' * 8}  {'-' * 6}  {'-' * 12}")
    for r in rows:
        lines.append(f"{r.suite + '.' + r.figure:<{width}}  {num(r.measured):>8}  {num(r.floor):>6}  {r.status}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (data, eval)")
    parser.add_argument("--only", help=f"comma-separated suites to run (default: all of {', '.join(SUITES)})")
    parser.add_argument("--floors", type=Path, default=FLOORS, help="the floors file (default: eval/floors.json)")
    parser.add_argument("--raise-floors", action="store_true", help="write figures that beat their floor back")
    parser.add_argument(
        "--allow-regression", action="store_true", help="with --raise-floors: also lower floors to what was measured"
    )
    args = parser.parse_args(argv)
    if args.allow_regression and not args.raise_floors:
        parser.error("--allow-regression only goes with --raise-floors")
    names = [n.strip() for n in (args.only or ",".join(SUITES)).split(",") if n.strip()]
    unknown = [n for n in names if n not in SUITES]
    if unknown or not names:
        parser.error(f"--only: unknown suite {', '.join(unknown) or '(none given)'} — choose from {', '.join(SUITES)}")
    args.names = names
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    floors = read_floors(args.floors)
    with tempfile.TemporaryDirectory(prefix="wiretrace-eval-") as tmp:
        results = run_suites(args.names, args.shared, Path(tmp))
    wanted = {name: floors.get(name, {}) for name in args.names}
    measured = measure(wanted, results)
    for name in args.names:  # a suite that wrote nothing: each of its figures is unmeasured
        measured.setdefault(name, dict.fromkeys(wanted[name]))
    rows = compare(measured, floors)
    print("\n== summary\n" + summary(rows))
    if args.raise_floors:
        updated, changes = new_floors(floors, measured, allow_regression=args.allow_regression)
        if changes:
            write_floors(updated, args.floors)
            print(f"\n{args.floors}: " + "; ".join(changes))
            rows = compare(measured, updated)
        else:
            print(f"\n{args.floors}: no floor changed")
    failed = [r for r in rows if r.failed]
    if failed:
        print(f"\n{len(failed)} figure(s) below their floor or not measured:", file=sys.stderr)
        for r in failed:
            print(f"  {r.suite}.{r.figure}: {r.status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
