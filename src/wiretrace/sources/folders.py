"""Folders (walked recursively) and glob patterns → file paths, sorted, one at a time.

A folder yields only the files wiretrace can read (:data:`READABLE`), skipping hidden
files and folders; a pattern (``crawl/**/*.warc.gz``) yields whatever it matches. Paths
come out sorted within each folder, so two runs see the same order, and the walk is lazy:
a folder of a million files is never listed in memory at once (only one folder's names).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["READABLE", "expand", "is_pattern", "readable"]

READABLE = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
    ".warc.gz",
    ".arc.gz",
)


def readable(path: str) -> bool:
    """Whether a file found in a folder is one wiretrace reads (by its name)."""
    return path.lower().endswith(READABLE)


def is_pattern(item: str) -> bool:
    """A glob pattern that is not itself an existing path."""
    return any(c in item for c in "*?[") and not os.path.exists(item)


def expand(item: str) -> Iterator[str]:
    """The files an input names: itself, a folder's readable files, or a pattern's matches."""
    if is_pattern(item):
        for match in sorted(glob.iglob(item, recursive=True)):
            if os.path.isdir(match):
                yield from walk(match)
            else:
                yield match
    elif os.path.isdir(item):
        yield from walk(item)
    else:
        yield item


def walk(folder: str) -> Iterator[str]:
    """Readable files under ``folder``, depth first, sorted by name in each folder."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and readable(name):
                yield str(Path(root) / name)
