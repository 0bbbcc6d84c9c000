"""``wiretrace export``: every current article as JSON Lines, CSV or Parquet, streamed.

The columns of the CSV and Parquet files are :data:`wiretrace.store.queries.EXPORT_COLUMNS`
(documented one by one in ``docs/store.md``); JSON Lines carries each article's full
analysis in the output contract plus its ``refs``.
"""

from __future__ import annotations

import csv
import sys
from contextlib import ExitStack
from typing import IO, Any

from wiretrace.errors import UsageError
from wiretrace.output.serialize import dumps
from wiretrace.store.base import Store
from wiretrace.store.queries import EXPORT_COLUMNS

__all__ = ["export_to"]

_ROW_GROUP = 2000
_INT_COLUMNS = frozenset({"entities", "quotes", "claims", "disputes", "timexes", "words"})


def export_to(store: Store, fmt: str, output: str | None) -> int:
    """Write the export; return the number of articles."""
    if fmt == "parquet":
        return _parquet(store, output or "wiretrace.parquet")
    with ExitStack() as stack:
        out: IO[str] = stack.enter_context(open(output, "w", encoding="utf-8", newline="")) if output else sys.stdout
        count = 0
        if fmt == "jsonl":
            for data in store.export_analyses():
                out.write(dumps(data) + "\n")
                count += 1
        else:
            writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n")
            writer.writeheader()
            for row in store.export_rows():
                writer.writerow(row)
                count += 1
        return count


def _parquet(store: Store, output: str) -> int:
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError as err:
        raise UsageError("parquet export needs pyarrow — pip install 'wiretrace[parquet]'") from err
    schema = pa.schema([(c, pa.int64() if c in _INT_COLUMNS else pa.string()) for c in EXPORT_COLUMNS])
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in store.export_rows():
            batch.append(row)
            if len(batch) >= _ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
