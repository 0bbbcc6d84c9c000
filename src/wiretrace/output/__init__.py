"""What wiretrace prints: the versioned JSON contract, its JSON Schema, and the text report."""

from __future__ import annotations

from wiretrace.output.serialize import analysis_to_dict, dumps

__all__ = ["analysis_to_dict", "dumps"]
