"""What a run of bytes looks like: HTML or plain text, or a binary file we must refuse.

Used by every source: a path with an unknown extension, stdin, a JSONL ``html`` field and
a fetched page all go through the same two questions.
"""

from __future__ import annotations

import re

__all__ = ["binary_kind", "looks_like_html"]

# Magic numbers of the binary files people most often pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"(\xb5/\xfd", "a zstd-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_SNIFF_BYTES = 4096
# Control bytes other than tab, newline, form feed and carriage return.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|article|meta|title)[\s>/]", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def binary_kind(data: bytes) -> str | None:
    """A description such as "a PDF document" when ``data`` is not text, else None.

    Only the first few kilobytes are looked at: known magic numbers first, then NUL bytes
    (text in UTF-16 carries a BOM and is let through), then the share of control bytes.
    """
    head = data[:_SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and b"This program" not in head[:512]:
                continue  # "MZ" alone is too short to be sure
            return kind
    if head.startswith(_BOMS[1:]):
        return None  # UTF-16 text: NUL bytes are expected
    if b"\x00" in head:
        return "a binary file (it contains NUL bytes)"
    if head:
        controls = sum(1 for byte in head if byte in _CONTROL)
        if controls / len(head) > 0.05:
            return "a binary file (too many control characters)"
    return None


def looks_like_html(data: bytes) -> bool:
    """True when an HTML tag opens the document (after whitespace, a BOM or comments)."""
    head = data[:_SNIFF_BYTES].lstrip()
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :].lstrip()
    return _HTML_START.search(head[:512]) is not None
