"""wiretrace — reads the news the way a careful editor or fact-checker does."""

from __future__ import annotations

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"

__all__ = ["SCHEMA_VERSION", "__version__"]
