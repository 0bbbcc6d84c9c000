"""Publication date inference (placeholder, filled below)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from wiretrace.model import Timex


def infer_published(text: str, timexes: Sequence[Timex] | None = None) -> tuple[dt.date, str] | None:
    return None
