"""The JSON Schema (draft 2020-12) of what ``wiretrace analyze`` prints.

The schema lives in ``schema.json`` next to this module (shipped as package data), so
other tools can read it without importing wiretrace; ``wiretrace schema`` prints it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["output_schema", "schema_text"]


def schema_text() -> str:
    """The schema exactly as shipped."""
    return resources.files("wiretrace.output").joinpath("schema.json").read_text(encoding="utf-8")


@cache
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text())
    return data


def output_schema() -> dict[str, Any]:
    """The schema as a dict (a fresh copy: callers may change it)."""
    copied: dict[str, Any] = json.loads(json.dumps(_schema()))
    return copied
