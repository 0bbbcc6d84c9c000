"""WARC and WARC.gz files → one :class:`RawDocument` per HTML response record (via ``warcio``).

Only ``response`` records whose HTTP status is 2xx and whose content type is HTML are
articles; request, metadata and non-HTML records (images, scripts) are passed over
silently. The ref is the record's ``WARC-Record-ID`` (without its angle brackets), the
URL its ``WARC-Target-URI``, and the ``WARC-Date`` travels as the ``crawled`` meta and as
the ``published`` hint, which only fills a date the page itself does not give (the output
then says ``published_source: given``). A file that breaks
off (a truncated gzip) yields the records read before the break, then one error line.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from wiretrace import settings
from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.paths import open_binary

__all__ = ["is_warc", "read_warc"]

_HTML = ("text/html", "application/xhtml+xml")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def is_warc(path: str, head: bytes) -> bool:
    """A WARC file by its name (``.warc``, ``.warc.gz``) or its first bytes."""
    return path.lower().endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/")


def read_warc(path: str) -> Iterator[RawDocument | InputError]:
    """Every HTML response record of the WARC file at ``path``, in file order."""
    try:
        stream = open_binary(Path(path), path)
    except InputError as err:
        yield err
        return
    with stream:
        finished = yield from _records(stream, path)
        if not finished:
            return
        stream.seek(0)
        if stream.read(2) == b"\x1f\x8b":
            stream.seek(0)
            if not gzip_complete(stream):
                yield _broken(path, finished - 1, "the gzip stream is cut off")


def gzip_complete(stream: BinaryIO) -> bool:
    """Whether a (multi-member) gzip stream ends where a member ends — warcio does not say when
    a file is cut off between or inside records, so the file is checked once more, in chunks."""
    decomp = zlib.decompressobj(31)
    fed = False
    try:
        while chunk := stream.read(1 << 16):
            data = chunk
            while data:
                fed = True
                decomp.decompress(data, 1 << 20)
                data = decomp.unconsumed_tail
                if decomp.eof:
                    data = decomp.unused_data
                    decomp = zlib.decompressobj(31)
                    fed = False
    except zlib.error:
        return False
    return not fed


def _broken(path: str, read: int, what: str) -> InputError:
    if read == 0:
        return InputError(path, f"is not a readable WARC file ({what})", "give a .warc or .warc.gz file")
    return InputError(
        path,
        f"breaks off after {read} HTML records ({what})",
        f"the {read} were read; copy or download the file again for the rest",
    )


def _records(stream: BinaryIO, path: str) -> Generator[RawDocument | InputError, None, int]:
    """Yield the documents; return 1 + how many were read when the archive ended cleanly, else 0."""
    read = 0
    limit = settings.get_int("max_input_bytes")
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type is None:  # what warcio gives for a record cut off mid-way
                raise EOFError("the last record is cut off")
            if record.rec_type != "response":
                continue
            doc = _document(record, limit)
            if doc is not None:
                read += 1
                yield doc
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError) as err:
        # warcio fails in several ways on a file cut off mid-record; each means "breaks off here"
        yield _broken(path, read, " ".join(str(err).split()) or type(err).__name__)
        return 0
    return read + 1


def _document(record: Any, limit: int) -> RawDocument | InputError | None:
    headers = record.rec_headers
    ref = str(headers.get_header("WARC-Record-ID") or "").strip("<>")
    http = record.http_headers
    if http is None:
        return None
    status = str(http.get_statuscode() or "")
    content_type = str(http.get_header("Content-Type") or "")
    if not ref or not status.startswith("2") or content_type.split(";", 1)[0].strip().lower() not in _HTML:
        return None
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return InputError(
            ref, f"the page is over the {limit / 1_000_000:g} MB limit", "raise WIRETRACE_MAX_INPUT_BYTES"
        )
    url = str(headers.get_header("WARC-Target-URI") or "") or None
    meta: list[tuple[str, str]] = []
    if found := _CHARSET.search(content_type):
        meta.append(("charset", found.group(1)))
    if date := str(headers.get_header("WARC-Date") or ""):
        meta.append(("crawled", date))
        if _DAY.match(date):
            meta.append(("published", date[:10]))  # a hint: only fills a date the page does not give
    return RawDocument(ref=ref, media_type="text/html", data=data, url=url, meta=tuple(meta))
