"""Option decorators shared by the commands, so each option reads the same everywhere.

Values are checked here, before any input is read: a bad ``--published`` date or an
unknown stage is a usage error (exit code 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, TypeVar

import click

from wiretrace import settings
from wiretrace.analyze_api import parse_published
from wiretrace.errors import UsageError
from wiretrace.registry import BUILTIN, PUBLIC_STAGES

__all__ = [
    "FORMATS",
    "analysis_options",
    "batch_size_option",
    "debug_option",
    "format_option",
    "known_stages",
    "published_option",
    "stages_option",
    "strict_option",
]

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("json", "jsonl", "text")


def known_stages() -> tuple[str, ...]:
    """Stages a person can name: the built-in public ones, then any plugin's (not imported)."""
    plugins = [ep.name for ep in entry_points(group="wiretrace.stages") if ep.name not in BUILTIN]
    return (*PUBLIC_STAGES, *sorted(plugins))


def _stages(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    if not names:
        raise click.BadParameter("name at least one stage, e.g. --stages extract,quotes")
    known = known_stages()
    unknown = [n for n in names if n not in known and n != "nlp"]
    if unknown:
        raise click.BadParameter(f"unknown stage {', '.join(unknown)} — choose from {', '.join(known)}")
    return names


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    try:
        return parse_published(value)
    except UsageError:
        raise click.BadParameter(f"{value!r} is not a date — give it as YYYY-MM-DD, e.g. 2023-07-10") from None


def format_option(f: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="json",
        show_default=True,
        help="json: one JSON document for one input (one line per input for several); "
        "jsonl: always one line per input; text: a report for people.",
    )(f)


def stages_option(f: F) -> F:
    return click.option(
        "--stages",
        callback=_stages,
        metavar="NAME,...",
        help=f"Stages to run, comma-separated, from {', '.join(PUBLIC_STAGES)} "
        "(default: all). The stages they need are added; extract always runs.",
    )(f)


def published_option(f: F) -> F:
    return click.option(
        "--published",
        callback=_published,
        metavar="YYYY-MM-DD",
        help="Publication date of the input(s), used when the article itself gives none "
        '(a JSONL line\'s own "published" wins).',
    )(f)


def strict_option(f: F) -> F:
    return click.option(
        "--strict",
        is_flag=True,
        help="A stage that fails fails the input (its line on stderr, exit code 1) "
        'instead of being recorded under "problems".',
    )(f)


def debug_option(f: F) -> F:
    return click.option(
        "--debug",
        is_flag=True,
        help="Show the traceback of unexpected errors (with --strict, of failing stages too).",
    )(f)


def batch_size_option(f: F) -> F:
    return click.option(
        "--batch-size",
        type=click.IntRange(min=1),
        default=lambda: settings.get_int("batch_size"),
        show_default=f"{settings.get('batch_size')}, setting batch_size",
        help="Articles parsed together by spaCy (memory grows with it).",
    )(f)


def analysis_options(f: F) -> F:
    """Every option of a command that analyses articles."""
    for decorate in (batch_size_option, debug_option, strict_option, published_option, stages_option):
        f = decorate(f)
    return format_option(f)
