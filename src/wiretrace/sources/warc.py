"""WARC and WARC.gz files → one :class:`RawDocument` per HTML response record (via ``warcio``).

Only ``response`` records whose HTTP status is 2xx and whose content type is HTML are
articles; request, metadata and non-HTML records (images, scripts) are passed over
silently. The ref is the record's ``WARC-Record-ID`` (without its angle brackets), the
URL its ``WARC-Target-URI``, and the ``WARC-Date`` travels as the ``crawled`` meta and as
the ``published`` hint, which only fills a date the page itself does not give (the output
then says ``published_source: given``).

A file that breaks off (a download cut short, a truncated gzip) yields every record read
whole before the break, then one error line naming the byte offset of the record that is
cut off. A record is yielded only once its whole block (``Content-Length`` bytes) has been
read, so a half record is never taken for an article: once the file is complete, ingesting
it again stores just the records that were missing.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from wiretrace import settings
from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.paths import open_binary

__all__ = ["gzip_cut", "is_warc", "read_warc"]

_HTML = ("text/html", "application/xhtml+xml")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_GZIP = b"\x1f\x8b"
# what warcio raises, in one way or another, on a file that stops in the middle of a record
_BROKEN = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError)


class _Cut(Exception):
    """The archive breaks off inside the record that starts at byte ``offset``."""

    def __init__(self, offset: int, what: str) -> None:
        super().__init__(what)
        self.offset = offset
        self.what = what


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
        yield from _records(stream, path)


def _records(stream: BinaryIO, path: str) -> Iterator[RawDocument | InputError]:
    """The documents, then — if the file breaks off or is no WARC — one error line."""
    gzipped = stream.read(2) == _GZIP
    stream.seek(0)
    limit = settings.get_int("max_input_bytes")
    archive = ArchiveIterator(stream)
    read = seen = start = 0
    try:
        for record in archive:
            start = int(archive.offset)  # where this record (its gzip member) starts in the file
            if record.rec_type is None or not _has_length(record):
                raise _Cut(start, "its header is cut off")  # warcio reads a header up to the end of the file
            seen += 1
            doc = _document(record, limit) if record.rec_type == "response" else None
            _read_to_end(record, start)
            if doc is not None:
                read += isinstance(doc, RawDocument)
                yield doc
    except _Cut as cut:
        yield _broken(path, read, seen, cut.offset, cut.what)
        return
    except _BROKEN as err:
        yield _broken(path, read, seen, int(archive.offset), _what(err))
        return
    end = _complete_to(stream, gzipped, start, int(archive.offset))
    if end is not None:
        yield _broken(path, read, seen, end, "its gzip member is cut off" if gzipped else "its header is cut off")
    elif seen == 0:
        yield InputError(path, "holds no WARC records", "give a .warc or .warc.gz file")


def _has_length(record: Any) -> bool:
    """A WARC record's header names its length (an ARC record's always does)."""
    return not str(record.format).startswith("warc") or bool(record.rec_headers.get_header("Content-Length"))


def _complete_to(stream: BinaryIO, gzipped: bool, last: int, end: int) -> int | None:
    """Where the record that is cut off starts, when warcio ended quietly on a file that breaks
    off (between two gzip members, in a gzip trailer, or in a record header); None if the file
    is whole. ``last``: where the last record read starts; ``end``: where warcio stopped."""
    if gzipped:
        stream.seek(last)  # the last record's member and whatever follows it
        cut = gzip_cut(stream)
        return None if cut is None else last + cut
    stream.seek(end)
    while chunk := stream.read(1 << 16):
        if chunk.strip():
            return end
    return None


def _read_to_end(record: Any, start: int) -> None:
    """Read what is left of the record's block; :class:`_Cut` if the file ends before it does."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if int(getattr(raw, "limit", 0)) > 0:  # warcio's LimitReader counts down the Content-Length
        raise _Cut(start, "its content is cut short")


def gzip_cut(stream: BinaryIO) -> int | None:
    """Where, counted from the stream's position, the gzip member that is cut off starts; None
    when the (multi-member) gzip stream ends where a member ends. warcio does not say when a
    file stops inside a member's trailer or between members, so the tail is read once more."""
    decomp = zlib.decompressobj(31)
    member = consumed = 0  # where the member being read starts; bytes read so far
    try:
        while chunk := stream.read(1 << 16):
            data = chunk
            while data:
                decomp.decompress(data, 1 << 20)
                tail = decomp.unconsumed_tail
                if decomp.eof:
                    consumed += len(data) - len(decomp.unused_data)
                    member, data = consumed, decomp.unused_data
                    decomp = zlib.decompressobj(31)
                else:
                    consumed += len(data) - len(tail)
                    data = tail
    except zlib.error:
        return member
    return member if consumed > member else None


def _what(err: Exception) -> str:
    """What a warcio failure means, in words (its own messages are about its internals)."""
    if isinstance(err, ArchiveLoadFailed):
        return " ".join(str(err).split(",")[0].split())[:80] or "not a WARC record"  # not the junk it quotes
    if isinstance(err, zlib.error):
        return "its gzip data is damaged"
    if isinstance(err, OSError) and not isinstance(err, EOFError):
        return f"cannot be read: {err.strerror or err}"
    return "its header is cut off or damaged"


def _broken(path: str, read: int, seen: int, offset: int, what: str) -> InputError:
    if seen == 0 and read == 0:
        return InputError(path, f"is not a readable WARC file ({what})", "give a .warc or .warc.gz file")
    again = "copy or download the file again and ingest it again"
    if read == 0:
        return InputError(path, f"breaks off in the record at byte {offset} ({what}) before any HTML record", again)
    return InputError(
        path,
        f"breaks off in the record at byte {offset} ({what}) after {read} HTML record{'s' * (read != 1)}",
        f"{'those' if read != 1 else 'it'} were read; {again} (only the records still missing are stored)",
    )


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
