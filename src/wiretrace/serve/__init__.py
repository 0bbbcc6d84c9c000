"""``wiretrace serve``: a web workspace and JSON API over the corpus store.

* :mod:`.app` — :func:`create_app`: the FastAPI application, its middleware and error shape;
* :mod:`.corpus` — the read side: per-thread read-only connections, a cache that a write to
  the database empties, pagination over the store's own read queries;
* :mod:`.facets` — the search page's facets (outlet, speaker, dates, has-dispute) over ranked hits;
* :mod:`.markup` — an article body with its quotes, entities and dates as nested, escaped HTML;
* :mod:`.graph` — a story's lineage tree and a speaker's timeline as server-drawn SVG;
* :mod:`.security` — security headers (CSP without inline script), body size limit, same-origin writes;
* :mod:`.analyze` — pasted text, an upload or a URL analysed at once (and stored with ``--allow-write``);
* :mod:`.routes` — one module per page, each with its HTML page and its ``/api/…`` twin.

Every page is server-rendered and readable without JavaScript; every asset is served by
wiretrace itself (no CDN), from memory (no request path reaches the file system).
"""

from __future__ import annotations

from wiretrace.serve.app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
