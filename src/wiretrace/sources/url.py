"""An http(s) URL fetched into a :class:`RawDocument`, with every failure one line.

Timeouts, redirects and the size cap come from :mod:`wiretrace.settings`; the body is
streamed so a huge page is cut off at the cap instead of filling memory. ``transport``
lets tests answer with :class:`httpx.MockTransport` instead of the network.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from wiretrace import settings
from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.paths import check_bytes
from wiretrace.sources.sniff import looks_like_html

__all__ = ["fetch_url", "is_url"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
_DNS_HINTS = ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution")


def is_url(item: str) -> bool:
    """True for ``http://`` and ``https://`` addresses."""
    return item[:8].lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, transport: httpx.BaseTransport | None = None) -> RawDocument:
    """GET ``url`` and return the page; raise :class:`InputError` on any failure.

    ``RawDocument.ref`` is the URL as given; ``RawDocument.url`` is the final URL after
    redirects. The HTTP charset, when the server names one, is kept as meta ``charset``.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(url, "is not an http(s) URL", "give an address starting with http:// or https://")
    timeout = settings.get_float("fetch_timeout")
    client = httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=settings.get_int("fetch_max_redirects"),
        headers={"User-Agent": settings.get_str("user_agent"), "Accept": "text/html, text/plain;q=0.8"},
        transport=transport,
    )
    try:
        with client, client.stream("GET", url) as response:
            return _read_response(url, response)
    except httpx.TimeoutException as err:
        raise InputError(
            url, f"timed out after {timeout:g} s", "try again later or raise WIRETRACE_FETCH_TIMEOUT"
        ) from err
    except httpx.TooManyRedirects as err:
        raise InputError(
            url,
            f"redirected more than {settings.get_int('fetch_max_redirects')} times",
            "open it in a browser and give the final address",
        ) from err
    except httpx.ConnectError as err:
        if any(hint in str(err).lower() for hint in _DNS_HINTS):
            raise InputError(
                url, f"could not find the host {parts.hostname}", "check the address or your connection"
            ) from err
        raise InputError(url, "could not connect (no network?)", "check the address or your connection") from err
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as err:
        raise InputError(url, f"is not a valid URL ({err})", "check the address") from err
    except httpx.HTTPError as err:
        raise InputError(url, f"the download failed ({type(err).__name__}: {err})", "try again later") from err


def _read_response(url: str, response: httpx.Response) -> RawDocument:
    if response.status_code >= 400:
        reason = response.reason_phrase or "error"
        hint = "check the address" if response.status_code < 500 else "the site has a problem; try again later"
        raise InputError(url, f"the server answered {response.status_code} {reason}", hint)
    content_type = response.headers.get("content-type", "")
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime and mime not in _HTML_TYPES and mime not in _TEXT_TYPES:
        raise InputError(url, f"is not an HTML page (the server says {mime})", "give the address of an article page")
    limit = settings.get_int("max_input_bytes")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_big(url, limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_big(url, limit)
        chunks.append(chunk)
    data = b"".join(chunks)
    check_bytes(data, url)
    media_type = "text/html" if mime in _HTML_TYPES or looks_like_html(data) else "text/plain"
    charset = response.charset_encoding
    meta = (("charset", charset),) if charset else ()
    return RawDocument(ref=url, media_type=media_type, data=data, url=str(response.url), meta=meta)


def _too_big(url: str, limit: int) -> InputError:
    return InputError(
        url,
        f"the page is over the {limit / 1_000_000:g} MB limit",
        "raise it with WIRETRACE_MAX_INPUT_BYTES (setting max_input_bytes) if this really is one article",
    )
