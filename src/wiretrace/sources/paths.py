"""A file path, or ``-`` for standard input, read into a :class:`RawDocument`.

Every refusal is an :class:`InputError` naming the input, what is wrong and what to do;
the size is checked before a byte is read, so a 200 MB file costs nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from wiretrace import settings
from wiretrace.errors import InputError
from wiretrace.model import RawDocument
from wiretrace.sources.sniff import binary_kind, looks_like_html

__all__ = ["STDIN", "check_bytes", "media_type_for", "open_binary", "read_path"]

STDIN = "-"
TEXT = "text/plain"
HTML = "text/html"
_BY_SUFFIX = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
}


def read_path(path: str) -> RawDocument:
    """Read one file (or stdin for ``-``); raise :class:`InputError` if it cannot be an article."""
    limit = settings.get_int("max_input_bytes")
    if path == STDIN:
        data = _read_capped(sys.stdin.buffer, limit, "<stdin>")
        source = "<stdin>"
    else:
        file = Path(path)
        _check_file(file, path, limit)
        try:
            with file.open("rb") as f:
                data = _read_capped(f, limit, path)
        except OSError as err:
            raise InputError(path, f"cannot be read ({err.strerror or err})", "check its permissions") from err
        source = path
    check_bytes(data, source)
    return RawDocument(ref=source, media_type=media_type_for(path, data), data=data)


def open_binary(path: Path, name: str) -> BinaryIO:
    """Open a file to stream it; an :class:`InputError` naming ``name`` if it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError as err:
        raise InputError(name, "no such file", "check the path") from err
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})", "check its permissions") from err


def media_type_for(path: str, data: bytes) -> str:
    """``text/html`` or ``text/plain``: by extension, else by sniffing the bytes."""
    media_type = _BY_SUFFIX.get(Path(path).suffix.lower()) if path != STDIN else None
    if media_type is not None:
        return media_type
    return HTML if looks_like_html(data) else TEXT


def check_bytes(data: bytes, source: str) -> None:
    """Refuse empty and binary inputs with an error that says what they look like."""
    if not data.strip():
        raise InputError(source, "is empty", "give a file that holds an article's text or HTML")
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(source, f"looks like {kind}, not text or HTML", "give the article as a .txt or .html file")


def _check_file(file: Path, name: str, limit: int) -> None:
    try:
        stat = file.stat()
    except FileNotFoundError as err:
        raise InputError(name, "no such file", "check the path") from err
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})", "check the path") from err
    if file.is_dir():
        raise InputError(name, "is a directory", "give the files inside it, e.g. " + f"{name.rstrip('/')}/*.txt")
    if not file.is_file():
        raise InputError(name, "is not a regular file", "give a path to a .txt or .html file")
    if stat.st_size > limit:
        raise _too_big(name, stat.st_size, limit)


def _read_capped(stream: BinaryIO, limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name, None, limit)
    return data


def _too_big(name: str, size: int | None, limit: int) -> InputError:
    what = f"is {size / 1_000_000:.1f} MB" if size is not None else "is larger than the limit"
    return InputError(
        name,
        f"{what}, over the {limit / 1_000_000:g} MB limit",
        "raise it with WIRETRACE_MAX_INPUT_BYTES (setting max_input_bytes) if this really is one article",
    )
