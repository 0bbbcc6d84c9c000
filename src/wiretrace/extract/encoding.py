"""Bytes → text: the one place that guesses encodings.

Order: a byte-order mark; strict UTF-8; the declared charset (HTTP header, then the HTML
``<meta charset>``); then charset-normalizer's detection. UTF-8 is tried before the
declaration because pages re-saved as UTF-8 keep their old ``<meta charset=iso-8859-1>``
far more often than a single-byte page happens to be valid UTF-8. Newlines become ``\\n``;
typographic quotes and dashes are kept as they are.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from wiretrace.errors import InputError

__all__ = ["declared_charset", "decode_bytes", "normalize_newlines"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What browsers actually use for these labels (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
CHAOS_TIE = 0.05
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def decode_bytes(data: bytes, source: str, *, charset: str | None = None, html: bool = False) -> str:
    """Decode ``data``; ``charset`` is one declared outside the bytes (HTTP ``Content-Type``).

    Raises :class:`InputError` when no encoding gives readable text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom) :], encoding)
            if text is not None:
                return normalize_newlines(text)
    text = _try(data, "utf-8")
    if text is not None:
        return normalize_newlines(text)
    declared = [charset] if charset else []
    if html and (meta := declared_charset(data)):
        declared.append(meta)
    for label in declared:
        text = _try(data, label)
        if text is not None:
            return normalize_newlines(text)
    detected = _detect(data)
    if detected is not None:
        text = _try(data, detected)
        if text is not None and _readable(text):
            return normalize_newlines(text)
    raise InputError(
        source,
        "is not readable text in any encoding we could detect",
        "save it as UTF-8 (or check that it is a text or HTML file)",
    )


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` declares in the first 4 kB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def normalize_newlines(text: str) -> str:
    """``\\r\\n``, ``\\r`` and Unicode line/paragraph separators → ``\\n``; a leading BOM dropped."""
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff"))


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring windows-1252 among equally good single-byte ones.

    On short Western European text the detector often ranks a Baltic or Central European
    code page first with the same score; windows-1252 is the common case (and what browsers
    fall back to), so it wins a tie.
    """
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best + CHAOS_TIE:
            return "cp1252"
    return str(matches[0].encoding)


def _try(data: bytes, label: str) -> str | None:
    try:
        name = codecs.lookup(_ALIASES.get(label.strip().lower(), label.strip())).name
        return data.decode(name)
    except (LookupError, UnicodeDecodeError, ValueError):
        return None


def _readable(text: str) -> bool:
    """Reject decodings that are mostly control or private-use characters (random bytes)."""
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.02
