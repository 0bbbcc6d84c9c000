"""Ordered stages over immutable analyses — spaCy's loop with frozen values.

A stage is a callable ``Analysis -> Analysis`` with a ``name``, a ``version``, the
fields it ``needs`` and the fields it ``gives``. :class:`Pipeline` checks at
construction that every need is given by an earlier stage, and runs stages with one
error policy: a stage that raises becomes a recorded :class:`~wiretrace.model.Problem`
and the article keeps what succeeded (``strict=True`` re-raises instead). An
:class:`~wiretrace.errors.InputError` is never a problem of the article: it means the
input could not be read at all, and the result for that input is the error itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import ClassVar

from wiretrace.errors import InputError, PipelineError, WiretraceError
from wiretrace.model import Analysis, Problem

__all__ = ["Pipeline", "Result", "Stage"]

Result = Analysis | InputError


class Stage:
    """Base of every stage. Subclasses set the class attributes and ``__call__``.

    ``pipe`` processes a batch; the default maps ``__call__``. A stage that benefits
    from batching (the spaCy parse) overrides it.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    needs: ClassVar[frozenset[str]] = frozenset()
    gives: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, analysis: Analysis) -> Analysis:
        raise NotImplementedError

    def pipe(self, batch: Sequence[Analysis]) -> list[Analysis]:
        return [self(a) for a in batch]

    def __repr__(self) -> str:
        return f"<stage {self.name} {self.version}>"


class Pipeline:
    """Stages in order, checked once at construction."""

    def __init__(self, stages: Sequence[Stage], *, strict: bool = False) -> None:
        given: dict[str, str] = {"raw": "<input>"}
        for stage in stages:
            for need in sorted(stage.needs):
                if need not in given:
                    raise PipelineError(
                        f"stage {stage.name!r} needs {need!r}, which no earlier stage gives"
                        f" (stages: {', '.join(s.name for s in stages)})"
                    )
            for give in stage.gives:
                given[give] = stage.name
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.strict = strict

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run(self, analysis: Analysis) -> Analysis:
        """Run every stage on one analysis. Raises InputError if the input is unreadable."""
        result = self._run_batch([analysis])[0]
        if isinstance(result, InputError):
            raise result
        return result

    def run_many(self, analyses: Iterable[Analysis], *, batch_size: int = 32) -> Iterator[Result]:
        """Stream results in input order, batching stages that batch (``nlp.pipe``).

        Memory stays bounded by ``batch_size`` whatever the number of inputs.
        """
        iterator = iter(analyses)
        while batch := list(itertools.islice(iterator, batch_size)):
            yield from self._run_batch(batch)

    # -- internals -------------------------------------------------------------------

    def _run_batch(self, batch: list[Analysis]) -> list[Result]:
        results: list[Result] = list(batch)
        for stage in self.stages:
            live = [(i, r) for i, r in enumerate(results) if isinstance(r, Analysis)]
            if not live:
                break
            outputs = self._apply(stage, [r for _, r in live])
            for (i, _), out in zip(live, outputs, strict=True):
                results[i] = out
        return results

    def _apply(self, stage: Stage, batch: list[Analysis]) -> list[Result]:
        try:
            done: list[Result] = list(stage.pipe(batch))
        except InputError:  # the input's result, strict or not, whatever the batch size
            return [self._apply_one(stage, a) for a in batch]
        except Exception:
            if len(batch) == 1 and self.strict:
                raise
            return [self._apply_one(stage, a) for a in batch]
        return [self._stamp(stage, a) for a in done]

    def _apply_one(self, stage: Stage, analysis: Analysis) -> Result:
        try:
            return self._stamp(stage, stage(analysis))
        except InputError as err:
            return err
        except Exception as err:
            if self.strict:
                raise
            detail = str(err)
            message = detail if isinstance(err, WiretraceError) else f"{type(err).__name__}: {detail}".rstrip(": ")
            problem = Problem(stage=stage.name, message=" ".join(message.split()) or type(err).__name__)
            return replace(analysis, problems=(*analysis.problems, problem))

    @staticmethod
    def _stamp(stage: Stage, result: Result) -> Result:
        if isinstance(result, Analysis):
            return replace(result, stages=(*result.stages, (stage.name, stage.version)))
        return result
