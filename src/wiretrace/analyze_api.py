"""The library entry point: inputs in, one :data:`~wiretrace.pipeline.Result` per input out.

>>> for result in analyze_inputs(["article.txt"], stages=["quotes"]):  # doctest: +SKIP
...     print(result)

Results stream in input order with bounded memory: inputs are read ``batch_size`` at a
time and each batch goes through :meth:`Pipeline.run_many` (so the spaCy parse is one
``nlp.pipe`` call per batch). An input that cannot be read is an
:class:`~wiretrace.errors.InputError` in the stream, never an exception that stops it;
so is an unexpected exception while reading or analysing one input (its ``__cause__``
holds the original, for ``--debug``).

The ``id`` of an analysis is the JSONL ``id`` when one is given, else ``a-`` and the first
16 hex digits of the SHA-256 of the article body (of the raw input when no body was read).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from wiretrace import settings
from wiretrace.errors import InputError, UsageError
from wiretrace.model import Analysis, RawDocument
from wiretrace.pipeline import Pipeline, Result
from wiretrace.registry import build_pipeline

__all__ = [
    "Item",
    "Named",
    "analyze_documents",
    "analyze_inputs",
    "analyze_jsonl",
    "content_id",
    "parse_published",
    "unexpected",
]

STDIN = "-"
_STDIN_REFS = frozenset({"-", "<stdin>"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One input to analyse: its name for people (``input``), its given id, the document."""

    name: str
    doc: RawDocument
    given_id: str | None = None


Named = Item | InputError  # an input, or the error that says why it could not be read


def analyze_inputs(
    items: Sequence[str],
    *,
    published: dt.date | str | None = None,
    stages: Iterable[str] | None = None,
    strict: bool = False,
    batch_size: int | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Result]:
    """Analyse paths, ``-`` (stdin) and URLs, in order; ``input`` is the item as given.

    A ``.jsonl``/``.ndjson`` path is read as :func:`analyze_jsonl` reads it.
    """
    return analyze_documents(
        _read_each(items),
        published=published,
        stages=stages,
        strict=strict,
        batch_size=batch_size,
        pipeline=pipeline,
    )


def analyze_jsonl(
    path: str,
    *,
    published: dt.date | str | None = None,
    stages: Iterable[str] | None = None,
    strict: bool = False,
    batch_size: int | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Result]:
    """Analyse every line of a JSONL file (or ``-``); ``input`` is ``FILE:LINE``.

    A line's own ``published`` wins over ``published`` given here.
    """
    return analyze_documents(
        _read_jsonl(path),
        published=published,
        stages=stages,
        strict=strict,
        batch_size=batch_size,
        pipeline=pipeline,
    )


def analyze_documents(
    documents: Iterable[Named],
    *,
    published: dt.date | str | None = None,
    stages: Iterable[str] | None = None,
    strict: bool = False,
    batch_size: int | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Result]:
    """Analyse :class:`Item` s (failures pass through in place)."""
    day = parse_published(published)
    size = batch_size if batch_size is not None else settings.get_int("batch_size")
    if size < 1:
        raise UsageError(f"batch size must be at least 1, not {size}")
    # Build (and check) the pipeline before the first input is read: a usage error should
    # stop the run before any output. It records stage failures as problems; ``strict``
    # turns an analysis with problems into an error below. (A pipeline built with
    # ``strict=True`` raises instead; that exception becomes the input's error, with the
    # traceback kept as its cause.)
    pipe = pipeline if pipeline is not None else build_pipeline(stages)
    return _stream(pipe, documents, day, size, strict)


def parse_published(value: dt.date | str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a date) as a date; :class:`UsageError` for anything else."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--published {value!r} is not a date — give it as YYYY-MM-DD") from None


def content_id(text: str | bytes) -> str:
    """``a-`` and the first 16 hex digits of the SHA-256 of ``text`` (UTF-8)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return "a-" + hashlib.sha256(data).hexdigest()[:16]


# --------------------------------------------------------------------------- streaming


def _stream(
    pipeline: Pipeline, documents: Iterable[Named], day: dt.date | None, size: int, strict: bool
) -> Iterator[Result]:
    iterator = iter(documents)
    while chunk := list(itertools.islice(iterator, size)):
        analyses = [_start(item, day) for item in chunk if isinstance(item, Item)]
        done = iter(_run_chunk(pipeline, analyses, size))
        for item in chunk:
            yield item if isinstance(item, InputError) else _finish(item, next(done), strict)


def _start(item: Item, day: dt.date | None) -> Analysis:
    doc = item.doc
    if day is not None and doc.meta_get("published") is None:
        doc = replace(doc, meta=(*doc.meta, ("published", day.isoformat())))
    raw_id = content_id(doc.text if doc.text is not None else doc.data)
    return Analysis(id=item.given_id or raw_id, input=item.name, raw=doc)


def _finish(item: Item, result: Result, strict: bool) -> Result:
    if isinstance(result, InputError):
        return _renamed(result, item)
    if strict and result.problems:
        first = result.problems[0]
        more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
        return InputError(
            result.input,
            f"stage {first.stage} failed: {first.message}{more}",
            "run without --strict to keep what the other stages found",
        )
    if item.given_id is None and result.article is not None:
        return replace(result, id=content_id(result.article.body))
    return result


def _renamed(err: InputError, item: Item) -> InputError:
    """A stage names the input by ``RawDocument.ref`` (for JSONL, the line's id): name it as
    the output does (``FILE:LINE``), so every stderr line points at where to look."""
    if err.source == item.name or err.source != item.doc.ref or item.doc.ref in _STDIN_REFS:
        return err
    renamed = InputError(item.name, err.problem, err.hint)
    renamed.__cause__ = err.__cause__
    return renamed


def _run_chunk(pipeline: Pipeline, analyses: list[Analysis], size: int) -> list[Result]:
    """The chunk through ``run_many``; if something escapes (a strict pipeline), one by one."""
    try:
        return list(pipeline.run_many(analyses, batch_size=size))
    except Exception:  # noqa: BLE001 - find which input it was, below
        return [_run_one(pipeline, a) for a in analyses]


def _run_one(pipeline: Pipeline, analysis: Analysis) -> Result:
    try:
        return pipeline.run(analysis)
    except InputError as err:
        return err
    except Exception as exc:  # noqa: BLE001 - one input's failure must not stop the batch
        return unexpected(analysis.input, exc, "analysing it")


def unexpected(name: str, exc: BaseException, doing: str) -> InputError:
    """An unexpected exception as one line naming the input; the original is the cause."""
    message = " ".join(str(exc).split())
    what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    err = InputError(
        name, f"unexpected error while {doing} ({what})", "rerun with --debug for the traceback and report it"
    )
    err.__cause__ = exc
    return err


# --------------------------------------------------------------------------- reading


def _read_each(items: Sequence[str]) -> Iterator[Named]:
    """Each item read on its own, so one failing source cannot stop the others."""
    from wiretrace.sources import open_inputs  # noqa: PLC0415 - sources import httpx; load on use

    for item in items:
        if item != STDIN and item.lower().endswith(_JSONL_SUFFIXES):
            yield from _read_jsonl(item)
            continue
        try:
            for doc in open_inputs([item]):
                if isinstance(doc, InputError):
                    yield doc
                else:
                    name = item if doc.ref == item or doc.ref in _STDIN_REFS else doc.ref
                    yield Item(name=name, doc=doc)
        except InputError as err:
            yield err
        except Exception as exc:  # noqa: BLE001 - a reader bug ends this input, not the run
            yield unexpected(item, exc, "reading it")


def _read_jsonl(path: str) -> Iterator[Named]:
    """Each line as an :class:`Item` named ``FILE:LINE`` whose id is the line's ``id``.

    The line number is the reader's ``line`` meta where it gives one; else it is counted
    here, re-synchronised on every ``FILE:LINE`` error the reader yields (a blank line,
    which the reader skips silently, is the one thing that can put the count off).
    """
    from wiretrace.sources.jsonl import read_jsonl  # noqa: PLC0415 - load on use

    shown = "<stdin>" if path == STDIN else path
    number = 0
    try:
        for doc in read_jsonl(path):
            number += 1
            if isinstance(doc, InputError):
                number = _line_of(doc, shown, number)
                yield doc
                continue
            line = doc.meta_get("line") or str(number)
            yield Item(name=f"{shown}:{line}", doc=doc, given_id=doc.meta_get("id") or doc.ref)
    except InputError as err:
        yield err
    except Exception as exc:  # noqa: BLE001 - a reader bug ends this file, not the run
        yield unexpected(f"{shown}:{number + 1}", exc, "reading it")


def _line_of(err: InputError, shown: str, fallback: int) -> int:
    prefix, _, line = err.source.rpartition(":")
    return int(line) if prefix == shown and line.isdigit() else fallback
