"""``benchmarks/summarize.py``: the one-line-per-article view ``make demo`` prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RECORD = {
    "id": "a-1",
    "input": "examples/x.txt",
    "article": {
        "outlet": "Ellery Ledger",
        "headline": "Pier to close",
        "published": "2024-03-14",
        "published_source": "article",
    },
    "quotes": [
        {"speaker": {"name": "Mara Quist", "entity": "e1"}},
        {"speaker": {"name": "Quist", "entity": "e1"}},
        {"speaker": {"name": "a senior official", "entity": None}},
        {"speaker": None},
    ],
    "claims": [{}, {}],
    "disputes": [{}],
    "timexes": [{}, {}, {}],
    "problems": [],
}


def test_summary_lines_and_total(repo_root: Path) -> None:
    script = repo_root / "benchmarks" / "summarize.py"
    stdin = json.dumps(RECORD) + "\n\n" + json.dumps({**RECORD, "article": None, "quotes": []}) + "\n"
    proc = subprocess.run([sys.executable, str(script)], input=stdin, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    first, second, total = proc.stdout.splitlines()
    assert first.startswith("examples/x.txt")
    assert "Ellery Ledger" in first and "Pier to close" in first and "2024-03-14 (article)" in first
    assert " 4 quotes  2 speakers  2 claims  1 disputes  3 timexes" in first
    assert "undated" in second
    assert total == "total: 2 articles  4 quotes  2 speakers  4 claims  2 disputes  6 timexes"


def test_a_line_that_is_not_json_is_reported_and_skipped(repo_root: Path) -> None:
    script = repo_root / "benchmarks" / "summarize.py"
    proc = subprocess.run(
        [sys.executable, str(script)],
        input="{oops\n" + json.dumps(RECORD) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("<stdin>:1: not JSON")
    assert proc.stdout.splitlines()[-1].startswith("total: 1 article ")
