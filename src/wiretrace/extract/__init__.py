"""RawDocument → :class:`~wiretrace.model.Article`: body, outlet, headline, byline, date, republication.

:func:`read_article` is the one entry point; :class:`ExtractStage` wraps it for pipelines.
"""

from __future__ import annotations

from wiretrace.extract.stage import ExtractStage, read_article

__all__ = ["ExtractStage", "read_article"]
