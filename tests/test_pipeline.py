"""The pipeline contract: needs checked at build, stages in order, one error policy, streaming."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

import pytest

from wiretrace.errors import InputError, PipelineError, WiretraceError
from wiretrace.model import Analysis, Article, Problem, replace
from wiretrace.pipeline import Pipeline, Stage


def analysis(n: int = 0) -> Analysis:
    return Analysis(id=f"a{n}", input=f"in-{n}")


def tags(result: Analysis | InputError) -> tuple[str, ...]:
    """The tags stages left in the article's headline (our fake stages' trace)."""
    assert isinstance(result, Analysis)
    headline = result.article.headline if result.article else None
    return tuple(headline.split(",")) if headline else ()


class Tagger(Stage):
    """Appends its name to the article's headline, so the order of stages shows."""

    name = "tagger"
    version = "1"
    gives: ClassVar[frozenset[str]] = frozenset({"article"})

    def __call__(self, a: Analysis) -> Analysis:
        before = a.article.headline if a.article and a.article.headline else ""
        headline = f"{before},{self.name}" if before else self.name
        return replace(a, article=Article(body=a.input, headline=headline))


def tagger(name: str, version: str = "1", **attrs: object) -> Tagger:
    cls = type(name.capitalize(), (Tagger,), {"name": name, "version": version, **attrs})
    return cls()


class Boom(Stage):
    name = "boom"
    version = "2"

    def __init__(self, exc: Exception, fail_on: str | None = None) -> None:
        self.exc = exc
        self.fail_on = fail_on

    def __call__(self, a: Analysis) -> Analysis:
        if self.fail_on is None or a.input == self.fail_on:
            raise self.exc
        return a


class Batched(Stage):
    """Overrides ``pipe`` and records the batches it saw; fails a batch holding ``bad``."""

    name = "batched"
    version = "3"

    def __init__(self, bad: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.calls: list[str] = []
        self.bad = bad

    def __call__(self, a: Analysis) -> Analysis:
        self.calls.append(a.input)
        if a.input == self.bad:
            raise ValueError(f"cannot do {a.input}")
        return a

    def pipe(self, batch: Sequence[Analysis]) -> list[Analysis]:
        self.batches.append([a.input for a in batch])
        if any(a.input == self.bad for a in batch):
            raise RuntimeError("the whole batch failed")
        return list(batch)


# --------------------------------------------------------------------------- construction


def test_a_need_no_stage_gives_fails_naming_the_stage_and_the_need() -> None:
    needy = tagger("quotes", needs=frozenset({"parse"}))
    with pytest.raises(PipelineError) as info:
        Pipeline([tagger("extract"), needy])
    message = str(info.value)
    assert "'quotes'" in message
    assert "'parse'" in message


def test_a_need_given_only_by_a_later_stage_fails_naming_both_stages() -> None:
    needy = tagger("quotes", needs=frozenset({"parse"}))
    giver = tagger("nlp", gives=frozenset({"parse"}))
    with pytest.raises(PipelineError) as info:
        Pipeline([needy, giver])
    message = str(info.value)
    assert "quotes" in message
    assert "nlp" in message
    assert "parse" in message
    assert "\n" not in message


def test_pipeline_error_is_a_wiretrace_error() -> None:
    assert issubclass(PipelineError, WiretraceError)


def test_needs_given_by_earlier_stages_and_the_raw_input_pass() -> None:
    pipeline = Pipeline(
        [
            tagger("extract", needs=frozenset({"raw"}), gives=frozenset({"article"})),
            tagger("nlp", needs=frozenset({"article"}), gives=frozenset({"parse"})),
            tagger("quotes", needs=frozenset({"article", "parse"})),
        ]
    )
    assert pipeline.names == ("extract", "nlp", "quotes")


def test_an_empty_pipeline_returns_its_input() -> None:
    a = analysis()
    assert Pipeline([]).run(a) == a


# --------------------------------------------------------------------------- running


def test_stages_run_in_order_and_are_stamped_with_name_and_version() -> None:
    pipeline = Pipeline([tagger("first", "1"), tagger("second", "7"), tagger("third", "2b")])
    result = pipeline.run(analysis())
    assert tags(result) == ("first", "second", "third")
    assert result.stages == (("first", "1"), ("second", "7"), ("third", "2b"))
    assert result.problems == ()


def test_running_leaves_the_input_analysis_unchanged() -> None:
    a = analysis()
    Pipeline([tagger("first")]).run(a)
    assert a.article is None
    assert a.stages == ()


def test_a_failing_stage_becomes_a_problem_and_later_stages_still_run() -> None:
    pipeline = Pipeline([tagger("first"), Boom(ValueError("bad thing")), tagger("last")])
    result = pipeline.run(analysis())
    assert result.problems == (Problem(stage="boom", message="ValueError: bad thing"),)
    assert tags(result) == ("first", "last")
    assert result.stages == (("first", "1"), ("last", "1"))  # the failed stage is not stamped


def test_a_wiretrace_error_message_is_kept_without_its_type() -> None:
    result = Pipeline([Boom(WiretraceError("model gave up"))]).run(analysis())
    assert result.problems == (Problem(stage="boom", message="model gave up"),)


def test_a_problem_message_is_one_line() -> None:
    result = Pipeline([Boom(RuntimeError("line one\n   line two"))]).run(analysis())
    (problem,) = result.problems
    assert "\n" not in problem.message
    assert "line one line two" in problem.message


def test_strict_re_raises_a_failing_stage() -> None:
    pipeline = Pipeline([tagger("first"), Boom(ValueError("bad thing")), tagger("last")], strict=True)
    with pytest.raises(ValueError, match="bad thing"):
        pipeline.run(analysis())


def test_strict_re_raises_from_a_batch() -> None:
    pipeline = Pipeline([Boom(ValueError("bad thing"), fail_on="in-1")], strict=True)
    with pytest.raises(ValueError, match="bad thing"):
        list(pipeline.run_many([analysis(0), analysis(1), analysis(2)], batch_size=3))


def test_an_input_error_from_a_stage_is_raised_by_run() -> None:
    err = InputError("in-0", "not a news article", "give it an HTML page")
    pipeline = Pipeline([Boom(err), tagger("last")])
    with pytest.raises(InputError) as info:
        pipeline.run(analysis())
    assert info.value is err


def test_an_input_error_is_the_result_for_that_input_and_the_batch_goes_on() -> None:
    err = InputError("in-1", "unreadable")
    last = tagger("last")
    pipeline = Pipeline([tagger("first"), Boom(err, fail_on="in-1"), last])
    results = list(pipeline.run_many([analysis(n) for n in range(3)], batch_size=3))
    assert results[1] is err
    for n in (0, 2):
        result = results[n]
        assert isinstance(result, Analysis)
        assert result.input == f"in-{n}"
        assert tags(result) == ("first", "last")
        assert result.problems == ()


def test_stages_after_an_input_error_do_not_see_that_input() -> None:
    seen = Batched()
    pipeline = Pipeline([Boom(InputError("in-1", "unreadable"), fail_on="in-1"), seen])
    list(pipeline.run_many([analysis(n) for n in range(3)], batch_size=3))
    assert seen.batches == [["in-0", "in-2"]]


@pytest.mark.parametrize("batch_size", [1, 2])
def test_a_strict_pipeline_treats_an_input_error_the_same_whatever_the_batch_size(batch_size: int) -> None:
    err = InputError("in-0", "unreadable")
    pipeline = Pipeline([Boom(err, fail_on="in-0")], strict=True)
    results = list(pipeline.run_many([analysis(0), analysis(1)], batch_size=batch_size))
    assert results[0] is err


# --------------------------------------------------------------------------- run_many


def test_run_many_keeps_input_order() -> None:
    pipeline = Pipeline([tagger("first"), Batched()])
    results = list(pipeline.run_many([analysis(n) for n in range(10)], batch_size=3))
    assert [r.input for r in results if isinstance(r, Analysis)] == [f"in-{n}" for n in range(10)]


def test_run_many_hands_a_batching_stage_batches_of_batch_size() -> None:
    stage = Batched()
    pipeline = Pipeline([stage])
    results = list(pipeline.run_many([analysis(n) for n in range(7)], batch_size=3))
    assert len(results) == 7
    assert [len(b) for b in stage.batches] == [3, 3, 1]
    assert stage.calls == []  # pipe was used, not one call per analysis
    assert all(isinstance(r, Analysis) and r.stages == (("batched", "3"),) for r in results)


def test_run_many_of_nothing_yields_nothing() -> None:
    assert list(Pipeline([Batched()]).run_many([])) == []


def test_run_many_streams_consuming_the_input_batch_by_batch() -> None:
    consumed: list[int] = []

    def inputs() -> Iterator[Analysis]:
        for n in range(100):
            consumed.append(n)
            yield analysis(n)

    results = Pipeline([tagger("first")]).run_many(inputs(), batch_size=4)
    assert consumed == []  # nothing read before the first result is asked for
    first = next(results)
    assert isinstance(first, Analysis)
    assert first.input == "in-0"
    assert len(consumed) <= 5  # one batch (the generator may be asked for one more)
    for _ in range(4):
        next(results)
    assert len(consumed) <= 9
    assert len(list(results)) == 95


def test_a_failing_batch_falls_back_to_one_by_one_and_only_the_bad_item_gets_a_problem() -> None:
    stage = Batched(bad="in-2")
    pipeline = Pipeline([stage, tagger("last")])
    results = list(pipeline.run_many([analysis(n) for n in range(6)], batch_size=3))
    assert stage.batches == [["in-0", "in-1", "in-2"], ["in-3", "in-4", "in-5"]]
    assert stage.calls == ["in-0", "in-1", "in-2"]  # only the failing batch went one by one
    for n, result in enumerate(results):
        assert isinstance(result, Analysis)
        assert result.input == f"in-{n}"
        assert tags(result) == ("last",)
        if n == 2:
            assert result.problems == (Problem(stage="batched", message="ValueError: cannot do in-2"),)
            assert result.stages == (("last", "1"),)
        else:
            assert result.problems == ()
            assert result.stages == (("batched", "3"), ("last", "1"))
