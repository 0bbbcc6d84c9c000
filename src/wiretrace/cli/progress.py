"""A progress bar on stderr for long runs — only where a person is watching.

It shows when stderr is a terminal and there is more than one input (or an unknown
number: a JSONL file); piped or redirected runs get none, so stdout stays clean JSON and
stderr holds only the one-line errors. Error lines go through :meth:`Reporter.error` so
they print above the bar instead of through it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

__all__ = ["Reporter", "progress", "wants_progress"]


class RateColumn(ProgressColumn):
    """Articles per second, over the whole run so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} articles/s")


class FailedColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        failed = int(task.fields.get("failed", 0))
        return Text(f"{failed} failed", style="red" if failed else "dim")


class Reporter:
    """Counts results and prints error lines; draws the bar when one is shown."""

    def __init__(self, bar: Progress | None = None, task: TaskID | None = None) -> None:
        self._bar = bar
        self._task = task
        self.done = 0
        self.failed = 0

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += int(failed)
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, failed=self.failed)

    def error(self, line: str) -> None:
        """One line on stderr (above the bar when there is one)."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(line, err=True)


def wants_progress(total: int | None, stream: TextIO | None = None) -> bool:
    """A bar only on a terminal, and only for more than one input."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and (total is None or total > 1)


@contextmanager
def progress(total: int | None, *, enabled: bool | None = None) -> Iterator[Reporter]:
    """A :class:`Reporter` for ``total`` inputs (None: unknown), with a bar if ``enabled``
    (default: :func:`wants_progress`)."""
    if not (wants_progress(total) if enabled is None else enabled):
        yield Reporter()
        return
    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("analysing")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed} articles")]
    columns += [RateColumn(), FailedColumn(), TimeElapsedColumn()]
    console = Console(file=sys.stderr)
    with Progress(*columns, console=console, transient=False, redirect_stdout=False) as bar:
        task = bar.add_task("analyse", total=total, failed=0)
        yield Reporter(bar, task)
