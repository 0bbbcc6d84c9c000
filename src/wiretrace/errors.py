"""Errors a person can act on.

Every user-facing error renders as one line: ``<input>: <what is wrong> — <what to do>``.
The CLI prints ``str(error)`` and never a traceback for a :class:`WiretraceError`.
"""

from __future__ import annotations


class WiretraceError(Exception):
    """Base of every error wiretrace raises on purpose."""


class InputError(WiretraceError):
    """One input cannot be read: the rest of a batch goes on."""

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        line = f"{self.source}: {self.problem}"
        if self.hint:
            line += f" — {self.hint}"
        return " ".join(line.split())  # always one line

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        return (type(self), (self.source, self.problem, self.hint))


class PipelineError(WiretraceError):
    """The pipeline was built wrong (a stage needs what no earlier stage gives)."""


class StoreError(WiretraceError):
    """The database cannot be opened or written (full disk, newer schema, not a database).

    Its message is already one line naming the database, what is wrong and what to do.
    """


class UsageError(WiretraceError):
    """The command line asks for something impossible (exit code 2)."""


class ModelMissingError(WiretraceError):
    """The spaCy model package is not installed."""
