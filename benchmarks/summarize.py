"""One line per article from ``wiretrace analyze --format jsonl`` output (used by ``make demo``).

    wiretrace analyze examples/*.txt --format jsonl | python benchmarks/summarize.py

Each line: the input, outlet, headline, publication date (and where it came from), and how
many quotes, speakers, claims, disputes and temporal expressions were found; then a total.
A line of stdin that is not JSON is reported on stderr and skipped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

COUNTS = ("quotes", "speakers", "claims", "disputes", "timexes")


def counts(record: dict[str, Any]) -> dict[str, int]:
    quotes = record.get("quotes") or []
    speakers = {(q.get("speaker") or {}).get("entity") or (q.get("speaker") or {}).get("name") for q in quotes}
    speakers.discard(None)
    return {
        "quotes": len(quotes),
        "speakers": len(speakers),
        "claims": len(record.get("claims") or []),
        "disputes": len(record.get("disputes") or []),
        "timexes": len(record.get("timexes") or []),
    }


def clip(text: str | None, width: int) -> str:
    text = " ".join((text or "-").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def line(record: dict[str, Any]) -> str:
    article = record.get("article") or {}
    published = article.get("published")
    when = f"{published} ({article.get('published_source')})" if published else "undated"
    n = counts(record)
    figures = " ".join(f"{n[k]:>2} {k}" for k in COUNTS)
    problems = f"  ! {len(record['problems'])} problem(s)" if record.get("problems") else ""
    return (
        f"{clip(record.get('input'), 34):<34} {clip(article.get('outlet'), 22):<22} "
        f"{clip(article.get('headline'), 36):<36} {when:<23} {figures}{problems}"
    )


def summarize(lines: Iterable[str], out: TextIO, err: TextIO) -> int:
    """Print one line per record and a total; return the number of unreadable lines."""
    total = dict.fromkeys(COUNTS, 0)
    articles = bad = 0
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            print(f"<stdin>:{number}: not JSON ({exc.msg}) — pipe `wiretrace analyze --format jsonl` in", file=err)
            bad += 1
            continue
        articles += 1
        print(line(record), file=out)
        for key, value in counts(record).items():
            total[key] += value
    figures = "  ".join(f"{total[k]} {k}" for k in COUNTS)
    print(f"total: {articles} article{'s' if articles != 1 else ''}  {figures}", file=out)
    return bad


def main() -> int:
    return 1 if summarize(sys.stdin, sys.stdout, sys.stderr) else 0


if __name__ == "__main__":
    sys.exit(main())
