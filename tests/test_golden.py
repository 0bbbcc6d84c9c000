"""Golden files: the full output of the pipeline on every bundled example.

``examples/golden/<name>.json`` holds ``analysis_to_dict`` of ``examples/<name>.txt|.html``
(pretty JSON); ``examples/golden/corpus.jsonl`` holds one line per record of
``examples/jsonl/corpus.jsonl``. Inputs are given relative to the repository root, so the
``input`` fields are the same everywhere. No ``--published`` is given: the examples' README
asks for none.

A difference fails with a unified diff of the pretty JSON. When a change is intended, run
``make golden`` (``pytest tests/test_golden.py --update-golden``) and review the diff of
``examples/golden/`` before committing it.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from wiretrace.model import Analysis
from wiretrace.output.serialize import analysis_to_dict, dumps

pytestmark = pytest.mark.slow


def golden_path(examples_dir: Path, example: str) -> Path:
    name = example if example.endswith(".jsonl") else f"{Path(example).stem}.json"
    return examples_dir / "golden" / name


def render(example: str, data: list[dict[str, Any]]) -> str:
    """The golden file's text: pretty JSON for one article, one line per record for JSONL."""
    if example.endswith(".jsonl"):
        return "".join(dumps(d) + "\n" for d in data)
    [one] = data
    return dumps(one, indent=2) + "\n"


def parse(example: str, text: str) -> list[dict[str, Any]]:
    if example.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return [json.loads(text)]


def pretty(data: list[dict[str, Any]]) -> list[str]:
    return json.dumps(data, ensure_ascii=False, indent=2).splitlines(keepends=True)


def test_golden(
    example: str, examples_dir: Path, example_results: dict[str, list[Analysis]], update_golden: bool
) -> None:
    got = [analysis_to_dict(a) for a in example_results[example]]
    path = golden_path(examples_dir, example)
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(example, got), encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"{path} is missing — run `make golden` and review the new file")
    want = parse(example, path.read_text(encoding="utf-8"))
    # Compare through a JSON round trip, so tuples and lists (and key order) compare alike.
    got = json.loads(json.dumps(got))
    if got != want:
        shown = path.relative_to(examples_dir.parent).as_posix()
        diff = "".join(difflib.unified_diff(pretty(want), pretty(got), fromfile=shown, tofile=f"{shown} (now)", n=3))
        pytest.fail(
            f"{example} no longer matches {path.name} — if the change is intended, run `make golden`"
            f" and review the diff\n{diff}",
            pytrace=False,
        )


def test_every_golden_file_has_an_example(examples_dir: Path, all_examples: list[str]) -> None:
    expected = {golden_path(examples_dir, name).name for name in all_examples}
    golden = examples_dir / "golden"
    found = {p.name for p in golden.iterdir()} if golden.is_dir() else set()
    assert found <= expected, f"golden files without an example: {sorted(found - expected)}"
