"""Fetch the bytes of a feed or sitemap address (any content type), every failure one line.

Article pages go through :func:`wiretrace.sources.url.fetch_url`, which insists on HTML;
feeds and sitemaps are XML, so they come through here, under the same settings (timeout,
redirects, size cap, User-Agent).
"""

from __future__ import annotations

import httpx

from wiretrace import settings
from wiretrace.errors import InputError

__all__ = ["fetch_bytes"]


def fetch_bytes(url: str, *, transport: httpx.BaseTransport | None = None) -> bytes:
    """GET ``url``; raise :class:`InputError` on any failure or on a body over the size cap."""
    limit = settings.get_int("max_input_bytes")
    client = httpx.Client(
        timeout=httpx.Timeout(settings.get_float("fetch_timeout")),
        follow_redirects=True,
        max_redirects=settings.get_int("fetch_max_redirects"),
        headers={"User-Agent": settings.get_str("user_agent")},
        transport=transport,
    )
    try:
        with client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"the server answered {response.status_code}", "check the address")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputError(
                        url, f"is over the {limit / 1_000_000:g} MB limit", "raise WIRETRACE_MAX_INPUT_BYTES"
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException as err:
        raise InputError(url, "timed out", "try again later or raise WIRETRACE_FETCH_TIMEOUT") from err
    except httpx.ConnectError as err:
        raise InputError(url, "could not connect (no network?)", "check the address or your connection") from err
    except httpx.HTTPError as err:
        raise InputError(url, f"the download failed ({type(err).__name__}: {err})", "try again later") from err
